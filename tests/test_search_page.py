"""The Search page and the Reader's marked hits under AppTest; counts checked against the seed text."""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, urlparse

from streamlit.testing.v1 import AppTest

from analysis.search_query import fold
from tests.apptest import open_page, plain

SEARCH = "pages/6_Search.py"
READER = "pages/1_Reader.py"
_open, _plain = open_page, plain


def _kwic(at: AppTest):
    frames = [df.value for df in at.dataframe if "right" in df.value.columns]
    assert len(frames) == 1
    return frames[0]


def _count(bundle, pattern: str, sources: tuple[str, ...] = ()) -> int:
    docs = bundle.documents
    keep = set(docs.loc[docs["source"].isin(sources), "doc_id"]) if sources else set(docs["doc_id"])
    passages = bundle.passages[bundle.passages["role"].isin(["body", "title", "heading"])]
    texts = passages.loc[passages["doc_id"].isin(keep), "text"].map(fold)
    return int(sum(len(re.findall(pattern, t)) for t in texts))


def test_search_from_url_counts_lines_and_links(seed_bundle):
    at = _open(SEARCH, q='"Mediterranean Dialogue" actor:Atlantis')
    assert at.title[0].value == "🔎 Search"
    assert at.text_input(key="search_q").value == '"Mediterranean Dialogue" actor:Atlantis'
    assert any("actor:Atlantis" in _plain(w.value) and "Not in this corpus" in w.value for w in at.warning)
    expected = _count(seed_bundle, r"(?<!\w)mediterranean\s+dialogue(?!\w)")
    assert expected == 9
    rows = _kwic(at)
    assert len(rows) == expected and set(rows["hit"]) == {"Mediterranean Dialogue"}
    assert any(_plain(m.value).startswith(f"**{expected} hits** in") for m in at.markdown)
    link = urlparse(rows["reader"].iloc[0])
    params = parse_qs(link.query)
    assert link.path == "Reader" and params["q"] == ['"mediterranean dialogue"'] and params["passage"]
    charts = {el.key: json.loads(el.proto.spec) for el in at.get("plotly_chart")}
    assert set(charts) == {"trends", "by_source"}
    by_source = {t["name"]: t for t in charts["by_source"]["data"]}
    assert list(by_source) == ['"mediterranean dialogue"']


def test_typing_filters_sorting_and_url(seed_bundle):
    at = _open(SEARCH, source="Op-ed")
    assert any("Type a word" in i.value for i in at.info)
    at.text_input(key="search_q").input("israel nato").run()
    assert at.query_params["q"] in ("israel nato", ["israel nato"])
    rows = _kwic(at)
    assert set(rows["source"]) == {"Op-ed"}
    assert len(rows) == _count(seed_bundle, r"(?<!\w)(?:israel|nato)(?!\w)", ("Op-ed",))
    at.selectbox(key="search_sort").set_value("right").run()
    assert at.query_params["sort"] in ("right", ["right"])
    sorted_rows = _kwic(at)
    keys = [fold(r).lstrip() for r in sorted_rows["right"]]
    assert keys != [fold(r).lstrip() for r in rows["right"]]
    assert [k[:12] for k in keys] == sorted(k[:12] for k in keys)
    at.radio(key="search_match").set_value("every").run()
    assert at.query_params["match"] in ("every", ["every"])
    both = _kwic(at)
    assert 0 < len(both) < len(rows)
    assert (both.groupby("section")["term"].nunique() >= 1).all()


def test_bookmarked_search_gives_the_same_view_back():
    at = _open(SEARCH, q="actor:Turkey", sort="source", match="every", per10k="0", everywhere="1")
    assert at.selectbox(key="search_sort").value == "source"
    assert at.radio(key="search_match").value == "every"
    assert at.toggle(key="search_relative").value is False
    assert at.toggle(key="search_everywhere").value is True
    rows = _kwic(at)
    assert list(rows["source"]) == sorted(rows["source"]) and "Ankara" in set(rows["hit"])


def test_unknown_url_values_are_named():
    overview = _open(None, source=["Op-ed", "No such source"], theme="Atlantis", to="soon")
    notes = [_plain(w.value) for w in overview.warning]
    assert any("sources ‘No such source’: not in this corpus" in n for n in notes), notes
    assert any("themes ‘Atlantis’" in n for n in notes), notes
    assert any("publication years up to ‘soon’" in n for n in notes), notes
    assert "sources: Op-ed" in _plain(overview.caption[0].value)  # the known source still applies
    at = _open(SEARCH, q="iran", sort="sideways", source="Op-ed")
    notes = [_plain(w.value) for w in at.warning]
    assert any("sort the lines by ‘sideways’: not one this page offers" in n for n in notes), notes
    assert at.selectbox(key="search_sort").value == "corpus"
    assert set(_kwic(at)["source"]) == {"Op-ed"}


def test_trends_need_dated_documents():
    at = _open(SEARCH, q="iran", source="Op-ed")  # the op-ed is undated
    assert any("No dated document under these filters" in i.value for i in at.info)
    assert [el.key for el in at.get("plotly_chart")] == ["by_source"]


def test_reader_marks_hits_and_scrolls_to_the_first(seed_bundle):
    doc = "002_0fbbef5e2591e9a1"
    at = _open(READER, doc=doc, q="actor:Turkey")
    html = "".join(h.proto.body for h in at.get("html"))
    mentions = seed_bundle.mentions
    expected = mentions[(mentions["doc_id"] == doc) & (mentions["actor"] == "Turkey")]
    assert len(re.findall(r'<mark class="pl-actor pl-hit"', html)) == len(expected) > 0
    first = sorted(expected["passage_id"])[0]
    assert "getElementById(id)" in html and f'var id="{first}"' in html
    assert any(_plain(c.value).startswith(f"{len(expected)} hits of actor:Turkey") for c in at.caption)


def test_reader_deep_link_scrolls_to_the_passage_and_names_a_missing_one():
    at = _open(READER, doc="003_7f413ec0a41b8163", passage="003_7f413ec0a41b8163-p0012")
    html = "".join(h.proto.body for h in at.get("html"))
    assert 'var id="003_7f413ec0a41b8163-p0012"' in html and 'pl-linked" id="003_7f413ec0a41b8163-p0012"' in html
    missing = _open(READER, doc="no-such-doc", passage="003_7f413ec0a41b8163-p9999")
    notes = [_plain(w.value) for w in missing.warning]
    assert any("document ‘no-such-doc’: not in this corpus" in n for n in notes), notes
    assert any("passage ‘003_7f413ec0a41b8163-p9999’" in n for n in notes), notes
    assert "scrollIntoView" not in "".join(h.proto.body for h in missing.get("html"))


def test_search_on_a_corpus_with_nothing_to_find(tmp_path):
    """No actors, no themes, no dates: the page still searches and says what it cannot draw."""
    (tmp_path / "a.txt").write_text("Nothing happened here.\n\nJust words about weather and tea.\n")
    at = AppTest.from_file("../app.py", default_timeout=60)
    at.session_state["corpus_path"] = str(tmp_path)
    at.run()
    at.switch_page(SEARCH).run()
    assert not at.exception
    assert [i.value for i in at.info] == ["Type a word, a phrase or a name above."]
    at.text_input(key="search_q").input("tea actor:Iran").run()
    assert not at.exception
    assert any("actor:Iran" in _plain(w.value) for w in at.warning)  # no such actor here: said, not searched
    rows = _kwic(at)
    assert rows["hit"].tolist() == ["tea"] and rows["left"].tolist() == ["Just words about weather and"]
    assert any("No dated document under these filters" in i.value for i in at.info)
    assert [el.key for el in at.get("plotly_chart")] == ["by_source"]
