"""Actors and themes: gazetteer rules, offsets, cues."""

from __future__ import annotations

import pytest

from analysis.bundle import DEFAULT_CONFIG_DIR
from analysis.gazetteer import Gazetteer
from analysis.nlp import blank_pipeline
from analysis.textnorm import normalise_for_matching
from analysis.themes import Taxonomy

REQUIRED = [
    "NATO",
    "Israel",
    "United States",
    "Turkey",
    "Iran",
    "Russia",
    "Ukraine",
    "China",
    "Spain",
    "European Union",
    "Hamas",
    "Hezbollah",
    "Egypt",
    "Jordan",
]


@pytest.fixture(scope="module")
def gazetteer():
    return Gazetteer.from_yaml(DEFAULT_CONFIG_DIR / "actors.yaml")


@pytest.fixture(scope="module")
def taxonomy():
    return Taxonomy.from_yaml(DEFAULT_CONFIG_DIR / "themes.yaml")


def _actors(gazetteer, text):
    doc = blank_pipeline()(normalise_for_matching(text))
    return [(m.actor, m.surface, m.start, m.end) for m in gazetteer.find(doc, text)]


def test_required_canonical_names(gazetteer):
    names = {a.name for a in gazetteer.actors}
    assert set(REQUIRED) <= names


def test_aliases_and_exclusions(gazetteer):
    found = _actors(
        gazetteer,
        "Ankara objected, and Washington agreed, citing the Washington Treaty of 1949 "
        "and the Washington summit; the alliance theory says nothing about the alliance.",
    )
    assert [(a, s) for a, s, _, _ in found] == [
        ("Turkey", "Ankara"),
        ("United States", "Washington"),
        ("NATO", "the alliance"),
    ]


def test_offsets_point_into_the_original_text(gazetteer):
    text = "NATO’s partnership with Israel’s government – and Türkiye’s veto – shaped the U.S. view."
    found = _actors(gazetteer, text)
    assert {a for a, *_ in found} == {"NATO", "Israel", "Turkey", "United States"}
    for _, surface, start, end in found:
        assert text[start:end] == surface


def test_case_sensitive_aliases(gazetteer):
    assert _actors(gazetteer, "We ate turkey and talked about us.") == []


def test_seed_mentions_have_exact_offsets(seed_bundle):
    passages = seed_bundle.passages.set_index("passage_id")["text"]
    for row in seed_bundle.mentions.itertuples(index=False):
        assert passages[row.passage_id][row.start : row.end] == row.surface
    counts = seed_bundle.mentions["actor"].value_counts()
    assert counts.index[0] == "NATO" and counts["Turkey"] == 15


def test_taxonomy_size_and_cues(taxonomy):
    assert 10 <= len(taxonomy.themes) <= 16
    doc = blank_pipeline()(
        normalise_for_matching("The Mavi Marmara incident led Turkey to block the Mediterranean Dialogue exercises.")
    )
    hits = {taxonomy.labels[h.theme]: h.cues for h in taxonomy.tag(doc)}
    assert hits["Turkey"] == ("mavi marmara", "turkey")
    assert hits["NATO partnership frameworks"] == ("mediterranean dialogue",)


def test_only_what_an_analysis_reads_is_annotated(seed_bundle):
    """Body, titles and headings give sentences and mentions (a headline carries stance and dates);
    themes stay body-only; captions, credits, footnotes and references give nothing."""
    roles = seed_bundle.passages.set_index("passage_id")["role"]
    assert set(roles[seed_bundle.mentions["passage_id"]]) == {"body", "title", "heading"}
    assert set(roles[seed_bundle.sentences["passage_id"]]) == {"body", "title", "heading"}
    assert (seed_bundle.sentences["role"] == roles[seed_bundle.sentences["passage_id"]].to_numpy()).all()
    assert set(roles[seed_bundle.passage_themes["passage_id"]]) == {"body"}
    debris = seed_bundle.passages[~seed_bundle.passages["role"].isin(["body", "title", "heading"])]
    assert (debris["themes"] == "").all() and (debris["actors"] == "").all()
    headings = seed_bundle.passages[seed_bundle.passages["role"].isin(["title", "heading"])]
    assert (headings["themes"] == "").all()


def test_a_quotation_mark_opens_the_sentence_it_belongs_to():
    from analysis.annotate import _sentence_spans

    text = 'President Bush says the talks go on. "We said we are willing," Mr. Bush said.'
    doc = blank_pipeline()(normalise_for_matching(text))
    sentences = [text[a:b].strip() for a, b in _sentence_spans(doc, text)]
    assert sentences == ["President Bush says the talks go on.", '"We said we are willing," Mr. Bush said.']


def test_every_seed_body_passage_theme_is_explained(seed_bundle):
    assert (seed_bundle.passage_themes["cues"] != "").all()
    tagged = seed_bundle.body[seed_bundle.body["themes"] != ""]
    assert (len(tagged), len(seed_bundle.body)) == (80, 103)  # 82 before generic cues needed context
    assert set(tagged["passage_id"]) == set(seed_bundle.passage_themes["passage_id"])
