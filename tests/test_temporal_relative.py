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


@pytest.mark.parametrize(
    ("text", "doc_date", "value"),
    [
        # told ahead: the publication's year (a month-precise publication date is enough)
        ("The law will expire at the end of the year unless it is renewed.", "2016-03", "2016-12"),
        ("It does not lapse until the end of the year.", "2024-07-12", "2024-12"),
        ("Talks are due to resume at the beginning of the year.", "2024-07-12", "2024-01"),
    ],
)
def test_the_end_of_the_year_is_its_december(text, doc_date, value):
    assert _value(text, doc_date) == _scheme(value)


def test_the_end_of_the_year_in_a_narrative_is_the_narratives_year():
    from analysis.timeline.temporal import find_dates

    found = find_dates("In March 2011, protests began. By the end of the year, fighting had spread.", "2019-01-23")
    last = found[-1]
    assert (last.text, last.date_start, last.date_end) == ("the end of the year", "2011-12-01", "2011-12-31")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The envoy will see the minister later in the week.", "2024-W28"),
        ("Prices rose earlier in the month, traders said.", "2024-07"),
    ],
)
def test_later_in_the_week_is_the_week_of_writing(text, value):
    assert _value(text) == _scheme(value)


def test_the_previous_year_counts_from_the_narratives_year():
    from analysis.timeline.temporal import find_dates

    text = "The Council adopted 54 resolutions in 2018, fewer than in the previous year."
    found = find_dates(text, "2019-01-10")
    assert [(e.text, e.date_start[:4]) for e in found] == [("2018", "2018"), ("the previous year", "2017")]


def test_a_weekday_in_parentheses_after_today_restates_it():
    assert _value("The minister held talks in Ankara today (Friday), then flew home.") == "2024-07-12"
    assert _value("Rebels shelled the city yesterday (Thursday).") == "2024-07-11"


def test_today_inside_a_quotation_is_the_day_it_was_spoken():
    from analysis.timeline.temporal import find_dates

    text = '"The cost of the war is plain today," the minister said in a statement yesterday.'
    assert [(e.text, e.date_start) for e in find_dates(text, "2024-07-12")] == [
        ("today", "2024-07-11"),
        ("yesterday", "2024-07-11"),
    ]
    told = '"We will meet again tomorrow," the envoy told reporters on Wednesday.'
    assert [(e.text, e.date_start) for e in find_dates(told, "2024-07-12")][0] == ("tomorrow", "2024-07-11")
    # no day of saying in the attribution, or not quoted: the publication's day
    assert _value('"Today we mark a sad anniversary," the president said.') == "2024-07-12"
    assert _value("The war is today a threat to the order, officials said.") == "2024-07-12"
