"""Hostile names on every page (issue #12, item 2): nothing a document says becomes markup.

A corpus whose source names, title, kind, date note, actor, alias, theme, section heading and event
label carry Markdown images and links, raw HTML, icon shortcodes, ``$`` math and emphasis
(:func:`tests.hostile.hostile_corpus`) is rendered on every page, unfiltered and under filters
that name the hostile values. Every string Streamlit renders as Markdown (bodies of markdown,
captions, headings and alerts; every widget, expander, tab and metric label; help texts; radio
options) must hold none of the payloads live, and every hostile value must still be shown, escaped,
somewhere: a test that finds nothing because nothing is shown would prove nothing.
Chart labels are checked too: plotly draws ``<a href>`` in ticks, legends and hover text.
"""

from __future__ import annotations

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import open_page
from tests.hostile import (
    EVIL,
    HOSTILE_ACTOR,
    HOSTILE_EVENT,
    HOSTILE_NOTE,
    HOSTILE_SOURCES,
    HOSTILE_THEME,
    HOSTILE_TITLE,
    hostile,
    hostile_corpus,
)

PAGES = {
    "Overview": None,
    "Reader": "pages/1_Reader.py",
    "Topics": "pages/2_Topics.py",
    "Stance": "pages/3_Stance.py",
    "Timeline": "pages/4_Timeline.py",
    "Briefing": "pages/5_Briefing.py",
}
FILTERS = {
    "unfiltered": {},
    "one source": {"source": HOSTILE_SOURCES[1]},
    "theme and actor": {"theme": HOSTILE_THEME, "actor": HOSTILE_ACTOR},
}
# Widgets set to a hostile value on the unfiltered pages, so the captions that name the choice show it.
PICKS = {
    "Overview": {"ev_theme": HOSTILE_THEME, "ev_actor_a": HOSTILE_ACTOR},
    "Stance": {"ev_actor": HOSTILE_ACTOR},
}
# Live markup: what any payload looks like unescaped. The app's own Markdown writes none of these
# (its links are relative, it draws no images, no HTML, no icons, no math, no emphasis of data).
LIVE = (
    "![", "](http", "](//", "<img", "<a ", ":material/", ":smile:", "$x^2$", "**bold**", "_em_", "`code`",
    f"http://{EVIL}", f"//{EVIL}", f"www.{EVIL}",
)  # fmt: skip
# Elements whose text Streamlit does not render as Markdown (st.html is escaped by dashboard/render.py).
NOT_MARKDOWN = {"html", "code", "text", "json", "exception", "dataframe", "plotly_chart", "arrow_data_frame"}
# Every hostile value that reaches a Markdown element somewhere on the pages; the section heading
# is shown only in st.html (the Reader) and tables, checked in the browser test.
SHOWN = {
    "source A": HOSTILE_SOURCES[0],
    "source B": HOSTILE_SOURCES[1],
    "actor": HOSTILE_ACTOR,
    "theme": HOSTILE_THEME,
    "title": HOSTILE_TITLE,
    "kind": hostile("Kind", "link"),
    "date note": HOSTILE_NOTE,
    "event": HOSTILE_EVENT,
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("hostile") / "corpus"
    hostile_corpus(folder)
    return str(folder)


def _walk(node):
    yield node
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for child in children.values():
            yield from _walk(child)


def markdown_texts(at: AppTest) -> list[tuple[str, str]]:
    """(element type, text) for every string on the page that Streamlit renders as Markdown."""
    out = []
    for node in _walk(at._tree):
        proto = getattr(node, "proto", None)
        if proto is None or getattr(node, "type", "") in NOT_MARKDOWN or not hasattr(proto, "ListFields"):
            continue
        fields = dict((f.name, v) for f, v in proto.ListFields())
        for name in ("body", "label", "help"):
            if isinstance(fields.get(name), str):
                out.append((node.type, fields[name]))
        if node.type == "radio":  # radio options are Markdown too (selectbox and multiselect options are not)
            out += [(node.type, str(o)) for o in fields.get("options", [])]
    return out


def plain(markdown: str) -> str:
    """What the reader sees: backslash escapes resolved, the invisible word joiners dropped."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")


# A fragment is live unless its first character is backslash-escaped (an odd run of backslashes).
_LIVE = [(frag, re.compile(r"(?<!\\)(?:\\\\)*" + re.escape(frag))) for frag in LIVE]
# GitHub-flavoured autolinks (and Streamlit's icon shortcodes) are found after the escapes are resolved:
# a backslash does not stop them, only a character that breaks the pattern (md_escape's word joiner).
_AUTOLINKS = [
    ("www.", re.compile(r"www\\?\.", re.I)),
    ("http://", re.compile(r"https?\\?:\\?/\\?/", re.I)),
    ("name@host", re.compile(r"[\w.+-]\\?@\\?[\w-]")),
    (":icon:", re.compile(r"\\?:(material\\?/)?[a-z_]+\\?:")),
]


def live_markup(texts: list[tuple[str, str]]) -> list[tuple[str, str, str]]:
    return [
        (kind, frag, text) for kind, text in texts for frag, pattern in [*_LIVE, *_AUTOLINKS] if pattern.search(text)
    ]


# Chart keys plotly never draws: layout.meta keeps the raw words dress() draws escaped, a legend group is an id.
UNDRAWN = {"meta", "legendgroup", "uid"}


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            if k not in UNDRAWN:
                yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def chart_links(at: AppTest) -> list[str]:
    """Strings in the charts' JSON that plotly would draw as a link or an image."""
    found = []
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        for trace in spec.get("data", []):
            # customdata is drawn only where a template names it; the click layer carries raw values there
            # for the dashboard to read (analysis/plotting/select.py), never to draw.
            templates = " ".join(str(trace.get(k, "")) for k in ("hovertemplate", "texttemplate"))
            if "customdata" not in templates:
                trace.pop("customdata", None)
        found += [s for s in _strings(spec) if re.search(r"<\s*(a|img)\b", s, re.I)]
    return found


@pytest.mark.parametrize("variant", list(FILTERS))
def test_every_page_shows_hostile_names_as_text(corpus, variant):
    params = FILTERS[variant]
    seen: set[str] = set()
    for name, page in PAGES.items():
        at = open_page(page, params, corpus)
        assert not at.exception, [e.value for e in at.exception]
        if not params:
            for key, value in PICKS.get(name, {}).items():
                at.selectbox(key=key).set_value(value).run()
                assert not at.exception, [e.value for e in at.exception]
        texts = markdown_texts(at)
        assert len(texts) > 5, (name, texts)
        assert live_markup(texts) == [], (name, variant)
        assert chart_links(at) == [], (name, variant)
        shown = " ".join(plain(text) for _, text in texts)
        seen |= {field for field, value in SHOWN.items() if value in shown}
        if params and page != PAGES["Reader"]:  # the filters in force, named in full on every page but the Reader
            assert all(v in shown for v in params.values()), (name, [t for _, t in texts if "Filters" in t])
    if not params:  # every hostile field reached a Markdown element, escaped; the theme is named only as a
        # filter in force (the theme cell's caption counts passages), which the filtered variants check
        assert seen == set(SHOWN) - {"theme"}


def test_the_checks_find_live_markup():
    """The detectors themselves: each payload unescaped is caught, escaped it is not."""
    from dashboard.render import md_escape
    from tests.hostile import PAYLOADS

    for payload in PAYLOADS.values():
        assert live_markup([("markdown", f"Told by {payload}.")]), payload
        assert not live_markup([("markdown", f"Told by {md_escape(payload)}.")]), payload
        assert plain(md_escape(payload)) == payload
        assert live_markup([("markdown", "\\\\" + payload)])  # an escaped backslash leaves it live
    assert live_markup([("markdown", HOSTILE_EVENT)]) and not live_markup([("markdown", md_escape(HOSTILE_EVENT))])
