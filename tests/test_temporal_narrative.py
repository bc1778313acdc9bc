"""Which dates a partial date may take its year from (#11, partial kind: anchoring). Made-up sentences
in the shape of news reports and reference texts."""

from __future__ import annotations

from analysis.timeline.temporal import DocumentDates


def _read(published: str, *sentences: str) -> list[tuple[str, str, str]]:
    doc = DocumentDates(published)
    return [(e.text, e.date_start, e.anchor) for s in sentences for e in doc.find(s, "p1")]


def test_a_year_naming_an_event_does_not_set_the_next_sentences_year():
    found = _read(
        "2019-06-20", "Tehran still cites the 2015 nuclear agreement in its letters.", "On 17 June, it cut its pledge."
    )
    assert found[-1] == ("17 June", "2019-06-17", "publication")


def test_a_parenthesised_act_year_does_not_set_the_next_sentences_year():
    found = _read("2024-08-02", "Resolution 1559 (2004) asked for disarmament.", "On 30 July, a drone struck Beirut.")
    assert found[-1] == ("30 July", "2024-07-30", "publication")


def test_a_year_naming_an_event_anchors_the_rest_of_its_own_sentence():
    found = _read("2024-08-02", "The 1982 war ended on 29 September with a ceasefire.")
    assert found[-1] == ("29 September", "1982-09-29", "narrative")


def test_a_year_the_narrative_is_in_still_anchors_the_next_sentence():
    found = _read("2024-08-02", "In 1982, the army crossed the border.", "On 6 June, tanks reached the coast.")
    assert found[-1] == ("6 June", "1982-06-06", "narrative")


def test_a_document_named_by_its_year_frames_what_follows():
    found = _read("2026-11-24", "The envoy's 2017 report says:", "Fighting flared on 9 March along the line.")
    assert found[-1] == ("9 March", "2017-03-09", "narrative")
