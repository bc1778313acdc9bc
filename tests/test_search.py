"""Search and keywords in context on the seeds: every count checked against the tables or the text."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from analysis.bundle import Bundle
from analysis.filters import Filters, apply_filters
from analysis.search import SORTS, SearchIndex
from analysis.search_query import Term, fold, parse_query


@pytest.fixture(scope="module")
def index(seed_bundle) -> SearchIndex:
    return SearchIndex(seed_bundle)


def _query(bundle: Bundle, text: str):
    return parse_query(text, bundle.mentions["actor"].unique(), bundle.passage_themes["theme"].unique())


def _searched(bundle: Bundle) -> pd.DataFrame:
    return bundle.passages[bundle.passages["role"].isin(["body", "title", "heading"])]


def _count(bundle: Bundle, pattern: str) -> int:
    """Occurrences in the searched passages, counted with a plain case-insensitive regex per passage."""
    texts = _searched(bundle)["text"].map(fold)
    return int(sum(len(re.findall(pattern, t, re.IGNORECASE)) for t in texts))


def test_parse_words_phrases_prefixes_actors_themes():
    q = parse_query(
        'Iran, "Mediterranean  Dialogue" nucle* actor:iran theme:"alliance THEORY" actor:Atlantis (Iran) "unclosed phr',
        actors=["Iran", "Israel"],
        themes=["Alliance theory"],
    )
    assert q.terms == (
        Term("word", "iran"),
        Term("phrase", "mediterranean dialogue"),
        Term("word", "nucle*"),
        Term("actor", "Iran"),
        Term("theme", "Alliance theory"),
        Term("phrase", "unclosed phr"),
    )  # '(Iran)' is 'iran' again: kept once
    assert q.unknown == ("actor:Atlantis",)
    assert q.text == 'iran "mediterranean dialogue" nucle* actor:Iran theme:"Alliance theory" "unclosed phr"'
    assert parse_query(q.text, ["Iran"], ["Alliance theory"]).terms == q.terms  # the canonical text reads back
    assert not parse_query('  , * "" ')
    assert parse_query("Iran’s")  # curly apostrophe folded like the text
    assert parse_query("Iran’s").terms == (Term("word", "iran's"),)


def test_fold_keeps_offsets():
    text = "İstanbul’s “NATO” – Ankara"
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded == 'İstanbul\'s "nato" - ankara'


def test_phrase_hits_match_the_text(seed_bundle, index):
    hits = index.find(_query(seed_bundle, '"Mediterranean Dialogue"'))
    assert len(hits) == _count(seed_bundle, r"\bmediterranean\s+dialogue\b") == 9
    rows = index.kwic(hits)
    assert set(rows["hit"].str.lower()) == {"mediterranean dialogue"}
    text = seed_bundle.passages.set_index("passage_id")["text"]
    for r in rows.itertuples():
        passage = text[r.passage_id]
        assert passage[r.start : r.start + len(r.hit)] == r.hit
        # the contexts are the text either side (spaces squeezed, cut at a word, marked with …)
        assert re.sub(r"\s+", " ", passage[: r.start]).rstrip().endswith(r.left.lstrip("…"))
        assert re.sub(r"\s+", " ", passage[r.start + len(r.hit) :]).lstrip().startswith(r.right.rstrip("…"))


def test_words_are_whole_and_any_case(seed_bundle, index):
    hits = index.find(_query(seed_bundle, "iran"))
    assert len(hits) == _count(seed_bundle, r"(?<!\w)iran(?!\w)")
    assert "Iranian" not in set(index.kwic(hits)["hit"])
    prefixed = index.find(_query(seed_bundle, "iran*"))
    assert len(prefixed) == _count(seed_bundle, r"(?<!\w)iran\w*") > len(hits)
    assert "Iranian" in set(index.kwic(prefixed)["hit"])


def test_actor_hits_are_its_mentions_through_aliases(seed_bundle, index):
    hits = index.find(_query(seed_bundle, "actor:Turkey"))
    searched = set(_searched(seed_bundle)["passage_id"])
    mentions = seed_bundle.mentions
    expected = mentions[(mentions["actor"] == "Turkey") & mentions["passage_id"].isin(searched)]
    rows = index.kwic(hits)
    assert len(rows) == len(expected) and sorted(rows["hit"]) == sorted(expected["surface"])
    assert "Ankara" in set(rows["hit"])  # an alias: found through the mentions, not the letters


def test_theme_hits_are_its_cues_in_its_passages(seed_bundle, index):
    hits = index.find(_query(seed_bundle, "theme:Turkey"))
    rows = index.kwic(hits)
    themes = seed_bundle.passage_themes
    tagged = themes[themes["theme"] == "Turkey"]
    assert len(rows) >= tagged["n_hits"].sum() > 0
    assert set(rows["passage_id"]) == set(tagged["passage_id"])
    cues = {c for cs in tagged["cues"] for c in cs.split(";")}
    assert {fold(h) for h in rows["hit"]} <= cues


def test_filters_restrict_hits(seed_bundle, index):
    view = apply_filters(seed_bundle, Filters(sources=("Op-ed",)))
    hits = index.find(_query(seed_bundle, "israel"), view)
    rows = index.kwic(hits)
    assert set(rows["source"]) == {"Op-ed"}
    assert len(rows) == _count(view, r"(?<!\w)israel(?!\w)") > 0
    # a view whose rows were renumbered (a bundle rebuilt apart) is matched by passage id instead
    renumbered = Bundle(**{**vars(view), "passages": view.passages.reset_index(drop=True)})
    assert len(index.find(_query(seed_bundle, "israel"), renumbered)) == len(hits)


def test_notes_and_references_searched_on_request(seed_bundle, index):
    query = _query(seed_bundle, '"Mediterranean Dialogue"')
    every_role = index.find(query, roles=seed_bundle.passages["role"].unique())
    texts = seed_bundle.passages["text"].map(fold)
    assert len(every_role) == sum(len(re.findall(r"\bmediterranean\s+dialogue\b", t)) for t in texts)
    assert len(every_role) > len(index.find(query))


def test_every_term_keeps_passages_with_all(seed_bundle, index):
    query = _query(seed_bundle, "actor:Turkey actor:Israel")
    hits = index.kwic(index.find(query, every_term=True))
    per_passage = hits.groupby("passage_id")["term"].nunique()
    assert len(per_passage) > 0 and (per_passage == 2).all()
    mentions = seed_bundle.mentions
    both = set(mentions.loc[mentions["actor"] == "Turkey", "passage_id"]) & set(
        mentions.loc[mentions["actor"] == "Israel", "passage_id"]
    )
    assert set(per_passage.index) == both & set(_searched(seed_bundle)["passage_id"])


def test_kwic_sentences_and_sorts(seed_bundle, index):
    hits = index.find(_query(seed_bundle, "nato israel"))
    rows = index.kwic(hits)
    sentences = seed_bundle.sentences.set_index("sentence_id")
    for r in rows.itertuples():
        s = sentences.loc[r.sentence_id]
        assert s["passage_id"] == r.passage_id and s["start"] <= r.start < s["end"]
    right = index.kwic(hits, sort="right")
    text = seed_bundle.passages.set_index("passage_id")["text"]
    keys = [fold(text[r.passage_id][r.start + len(r.hit) :])[:40].lstrip() for r in right.itertuples()]
    assert keys == sorted(keys) and len(set(keys)) > 10
    by_source = index.kwic(hits, sort="source")
    assert list(by_source["source"]) == sorted(by_source["source"])
    by_date = index.kwic(hits, sort="date")
    dated = by_date["published"].tolist()
    assert dated == sorted(dated, key=lambda d: (d == "", d))  # undated last
    assert len(index.kwic(hits, limit=5)) == 5
    for sort in SORTS:  # the same query twice gives the same table
        pd.testing.assert_frame_equal(index.kwic(hits, sort=sort), index.kwic(hits, sort=sort))
    with pytest.raises(ValueError):
        index.kwic(hits, sort="nonsense")


def test_left_sort_reads_the_nearest_word_first(seed_bundle, index):
    rows = index.kwic(index.find(_query(seed_bundle, "actor:Iran")), sort="left")
    nearest = [r.split()[-1].lower() if r.split() else "" for r in rows["left"].map(fold)]
    assert nearest == sorted(nearest)


def test_frequency_by_source_and_year(seed_bundle, index):
    hits = index.find(_query(seed_bundle, "israel actor:Iran"))
    summary = index.summary(hits)
    by_source = index.frequency(hits, "source")
    by_year = index.frequency(hits, "year")
    searched = _searched(seed_bundle).merge(seed_bundle.documents[["doc_id", "source", "published"]], on="doc_id")
    words = searched.groupby("source")["n_words"].sum()
    for term, total in zip(summary["term"], summary["hits"], strict=True):
        mine = by_source[by_source["term"] == term]
        assert mine["hits"].sum() == total
        assert dict(zip(mine["source"], mine["words"], strict=True)) == words.to_dict()
        rate = mine["hits"] / mine["words"] * 10_000
        assert np.allclose(mine["per_10k_words"], rate.round(2))
    # years: only dated documents (two of the four seeds); an undated source has no year
    years = searched[searched["published"] != ""].assign(year=lambda f: f["published"].str[:4])
    assert set(by_year["year"]) == set(years["year"]) == {"2023", "2024"}
    kwic = index.kwic(hits)
    dated_hits = kwic[kwic["published"] != ""].groupby("term").size()
    assert by_year.groupby("term")["hits"].sum().to_dict() == dated_hits.to_dict()


def test_reader_spans(seed_bundle, index):
    hits = index.find(_query(seed_bundle, '"Mediterranean Dialogue"'))
    spans = index.spans_by_passage(hits)
    assert sum(len(v) for v in spans.values()) == len(hits)
    text = seed_bundle.passages.set_index("passage_id")["text"]
    for pid, items in spans.items():
        for start, end, term in items:
            assert fold(text[pid][start:end]) == "mediterranean dialogue" and term == '"mediterranean dialogue"'


def test_empty_query_and_no_hits(seed_bundle, index):
    nothing = index.find(_query(seed_bundle, ""))
    assert len(nothing) == 0 and index.kwic(nothing).empty and index.summary(nothing).empty
    missing = index.find(_query(seed_bundle, "zzzyx"))
    assert len(missing) == 0 and index.summary(missing)["hits"].tolist() == [0]
    assert index.frequency(missing, "source")["hits"].sum() == 0


def test_reader_marks_overlapping_mentions_and_hits_escaped():
    from dashboard.render import highlight, scroll_script

    text = "Iran's <b>Tehran</b>"
    out = highlight(text, [(0, 4, "Iran"), (10, 16, "Iran")], [(0, 6, "iran*"), (7, 10, "<b>")])
    assert out == (
        '<mark class="pl-actor pl-hit" title="Iran · iran*">Iran</mark>'
        '<mark class="pl-hit" title="iran*">&#x27;s</mark> '
        '<mark class="pl-hit" title="&lt;b&gt;">&lt;b&gt;</mark>'
        '<mark class="pl-actor" title="Iran">Tehran</mark>&lt;/b&gt;'
    )
    assert highlight(text, [(0, 4, "Iran")]) == highlight(text, [(0, 4, "Iran")], [])  # no hits: as before
    script = scroll_script('p1"</script><script>alert(1)')
    assert "</script><script>" not in script[: script.rindex("</script>")]
    assert '"p1\\"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)"' in script
    # no '<' inside: Streamlit's sanitiser drops a script whose text has '<' before a letter or digit
    assert script.startswith("<script>") and "<" not in script[len("<script>") : -len("</script>")]


def test_trend_lines_need_three_dated_years():
    from analysis.plotting.search import by_source_chart, trends_chart

    two = pd.DataFrame(
        {
            "term": ["iran"] * 2,
            "year": ["2023", "2024"],
            "hits": [3, 0],
            "words": [1000, 2000],
            "per_10k_words": [30.0, 0],
        }
    )
    assert {t.type for t in trends_chart(two).data} == {"bar"}
    three = pd.concat([two, two.head(1).assign(year="2025")], ignore_index=True)
    fig = trends_chart(three)
    assert {t.type for t in fig.data} == {"scatter"}
    assert fig.layout.meta["title"] == "iran peaks in 2023: 30 hits per 10,000 words"
    zero = two.assign(hits=0, per_10k_words=0.0)
    assert tuple(trends_chart(zero).layout.yaxis.range) == (0, 1.0)  # no scale of zero height
    assert trends_chart(zero).layout.meta["title"] == "No hit in the dated documents"
    sources = two.rename(columns={"year": "source"})
    assert by_source_chart(sources, relative=False).layout.xaxis.title.text == "hits"


def test_counts_are_written_one_way():
    from analysis.numbers import count, number

    assert count(1, "sentence") == "1 sentence" and count(2125, "document") == "2,125 documents"
    assert count(0, "hit") == "0 hits" and count(3, "entry") == "3 entries" and count(2, "match") == "2 matches"
    assert count(2, "day") == "2 days" and count(1, "was") == "1 was" and count(4, "was") == "4 were"
    assert number(804890) == "804,890" and number(0.25) == "0.25" and number(2.0) == "2"
