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


def _sentences(*texts: str) -> list:
    from analysis.timeline.temporal import parse

    return [(t, parse(t)) for t in texts]


REFERENCE_TEXT = (
    "The emirate was founded in 1961.",
    "A border dispute flared in March 1967 and again in 1973.",
    "In 2014, the council was suspended.",
    "Mediators met in Geneva.",
    "A second round failed.",
    "Talks resumed on 22 January, and the council was restored.",
)


def test_a_chronology_dated_long_after_its_events_is_told_from_far_before_its_date():
    from analysis.timeline.vantage import distant_vantage

    assert distant_vantage("2026-11-24", _sentences(*REFERENCE_TEXT))
    # told from its date: a weekday, "two days ago", or too few dates to be a chronology
    assert not distant_vantage("2026-11-24", _sentences(*REFERENCE_TEXT, "The envoy spoke on Tuesday."))
    assert not distant_vantage("2026-11-24", _sentences(*REFERENCE_TEXT, "Two days ago the envoy resigned."))
    assert not distant_vantage("2026-11-24", _sentences("Access was blocked in May 2008.", "It opened on 30 October."))
    assert not distant_vantage("", _sentences(*REFERENCE_TEXT))


def test_in_such_a_text_a_partial_date_takes_the_narratives_year_however_far_back():
    far = DocumentDates("2026-11-24", distant=True)
    near = DocumentDates("2026-11-24")
    for i, sentence in enumerate(REFERENCE_TEXT):
        found_far = far.find(sentence, f"p{i}")
        found_near = near.find(sentence, f"p{i}")
    assert [(e.text, e.date_start, e.anchor) for e in found_far] == [("22 January", "2014-01-22", "narrative")]
    assert [(e.text, e.anchor) for e in found_near] == [("22 January", "publication")]  # the year of the date
