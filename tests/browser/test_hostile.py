"""Hostile names in a real browser (issue #12, item 2): every page of a corpus whose names carry
Markdown images and links, raw HTML, icon shortcodes and math, unfiltered and filtered by them.

Fails on any request to a host other than this machine (seen by ``page.on("request")`` as well as the
route guard), on any element whose ``src``/``href`` leads off the machine, on an exception box, and
when a hostile name is not shown as the literal text it is: escaped, but not mangled.
"""

from __future__ import annotations

from urllib.parse import urlencode

import pytest

from tests.browser.conftest import LOCAL_PREFIXES, assert_no_exception, screenshot, serve, wait_idle
from tests.hostile import (
    HOSTILE_ACTOR,
    HOSTILE_ALIAS,
    HOSTILE_EVENT,
    HOSTILE_NOTE,
    HOSTILE_SECTION,
    HOSTILE_SOURCES,
    HOSTILE_THEME,
    HOSTILE_TITLE,
    hostile_corpus,
)

PAGES = {
    "overview": "/",
    "reader": "/Reader",
    "topics": "/Topics",
    "stance": "/Stance?" + urlencode({"focus": HOSTILE_ACTOR}),  # the evidence panel opens on the hostile actor
    "timeline": "/Timeline",
    "briefing": "/Briefing",
}
FILTERS = {"source": HOSTILE_SOURCES[1], "theme": HOSTILE_THEME}
# Every hostile value must be on screen, as written, on one page or another.
SHOWN = {
    "source A": HOSTILE_SOURCES[0],
    "source B": HOSTILE_SOURCES[1],
    "actor": HOSTILE_ACTOR,
    "alias": HOSTILE_ALIAS,
    "title": HOSTILE_TITLE,
    "section": HOSTILE_SECTION,
    "date note": HOSTILE_NOTE,
    "event": HOSTILE_EVENT,
}
# Elements whose src/href/xlink:href leads anywhere but this machine (or runs a script).
OFF_MACHINE = """() => {
    const found = [];
    for (const el of document.querySelectorAll('[src], [href], [srcset], [poster], [action], [data]')) {
        for (const attr of ['src', 'href', 'xlink:href', 'srcset', 'poster', 'action', 'data']) {
            const value = el.getAttribute(attr);
            if (!value) continue;
            const url = new URL(value.split(/\\s/)[0], location.href);
            const local = ['127.0.0.1', 'localhost'].includes(url.hostname);
            if (url.protocol === 'javascript:' || (['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol) && !local))
                found.push(`${el.tagName} ${attr}=${value}`);
        }
    }
    return found;
}"""


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile") / "corpus"
    hostile_corpus(folder)
    with serve("--corpus", str(folder), name="browser-hostile-server") as url:
        yield url


@pytest.fixture
def watched_page(guarded_page):
    """The guarded page, also listening to every request it makes (the guard sees only routed ones)."""
    requests: list[str] = []
    guarded_page.on("request", lambda request: requests.append(request.url))
    guarded_page.requests = requests
    return guarded_page


def _visible_text(page) -> str:
    """The main pane's text as shown: the invisible word joiners md_escape puts after colons removed."""
    return page.locator('[data-testid="stMain"]').inner_text().replace("\u2060", "")


def _open_everything(page) -> None:
    """Open every expander, so what it holds is drawn too."""
    for summary in page.locator('[data-testid="stExpander"] summary').all():
        summary.click()
    page.wait_for_timeout(500)
    wait_idle(page)


@pytest.mark.parametrize("filtered", [False, True], ids=["unfiltered", "filtered"])
def test_hostile_names_stay_text_on_every_page(watched_page, hostile_url, filtered):
    page = watched_page
    seen: set[str] = set()
    for name, path in PAGES.items():
        query = urlencode(FILTERS) if filtered else ""
        page.goto(hostile_url + path + (("&" if "?" in path else "?") + query if query else ""))
        wait_idle(page, timeout=120_000)
        assert_no_exception(page)
        _open_everything(page)
        assert_no_exception(page)
        assert page.evaluate(OFF_MACHINE) == [], name
        text = _visible_text(page)
        seen |= {field for field, value in SHOWN.items() if value in text}
        if filtered and name != "reader":
            assert f"sources: {FILTERS['source']}; themes: {FILTERS['theme']}" in text, name
        screenshot(page, f"hostile-{name}{'-filtered' if filtered else ''}")
    outside = [url for url in page.requests if not url.startswith(LOCAL_PREFIXES)]
    assert outside == [], outside
    assert len(page.requests) > 20  # the listener did hear the page's own requests
    if not filtered:
        assert seen == set(SHOWN), set(SHOWN) - seen
