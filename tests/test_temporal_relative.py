"""Relative dates told against the publication date (#11, relative kind). Made-up sentences; the
publication date is Friday 12 July 2024 unless given."""

from __future__ import annotations

import pytest

from tests.test_temporal import _scheme, _value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # numbers past twelve, written out and hyphenated, count in full
        ("Sixty-two years ago today, the republic was proclaimed.", "1962-07-12"),
        ("Thirty years ago, the border opened.", "1994"),
        ("Forty-five years ago, the embassy was seized.", "1979"),
        # "exactly" makes the anniversary day, as "ago today" does
        ("Exactly one month ago, the envoy resigned.", "2024-06-12"),
        ("Exactly two weeks ago, the ministers met in Rome.", "2024-06-28"),
        ("Two weeks ago, the ministers met in Rome.", "2024-W26"),
    ],
)
def test_counted_back_from_the_publication_date(text, value):
    assert _value(text) == _scheme(value)


def test_on_this_day_in_a_year_is_the_publication_day_of_that_year():
    assert _value("It was on this day in 1955 that the pact was signed.") == "1955-07-12"
    from analysis.timeline.temporal import find_dates

    (expr,) = find_dates("It was on this day in 1955 that the pact was signed.", "2024-07")
    assert not expr.resolved  # a publication date without its day gives no day


def test_a_year_told_against_the_publication_date_gives_its_year_to_a_day_in_the_same_sentence():
    from analysis.timeline.temporal import DocumentDates

    doc = DocumentDates("2024-03-20")
    first = doc.find("Three years ago, on 2 March, the militia seized the port.", "p1")
    assert [(e.text, e.date_start) for e in first] == [("Three years ago", "2021-01-01"), ("2 March", "2021-03-02")]
    # ... and not to the next sentence, told against the publication date again
    (after,) = doc.find("In January, the port reopened.", "p1")
    assert (after.date_start, after.anchor) == ("2024-01-01", "publication")


@pytest.mark.parametrize(
    ("text", "doc_date", "value"),
    [
        ("Envoys met over the weekend in Amman.", "2024-07-15", "2024-W28"),  # a Monday: the 13th and 14th
        ("Officials will discuss talks held over the weekend.", "2024-07-15", "2024-W28"),
        ("Rockets fell through the weekend.", "2024-07-14", "2024-W28"),  # a Sunday: the weekend under way
        ("The minister will travel to Rome next weekend.", "2024-07-15", "2024-W29"),
        ("Leaders will meet this weekend in Paris.", "2024-07-17", "2024-W29"),
        ("Protests spread last weekend.", "2024-07-17", "2024-W28"),
    ],
)
def test_the_weekend_is_the_iso_week_that_holds_it(text, doc_date, value):
    assert _value(text, doc_date) == _scheme(value)
