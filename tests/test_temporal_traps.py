"""Four-digit numbers that are not years: counts, ordinals, clock times, legal numbers (#11: "keep
refusing quantities, clock times, identifiers"), and years next to them that still are. Made-up sentences."""

from __future__ import annotations

import pytest

from analysis.timeline.temporal import find_dates


@pytest.mark.parametrize(
    "text",
    [
        "Police said 1850 Ukrainians crossed the border overnight.",
        "Officials said 1900 Iraqis had returned and 2000 Marines stayed.",
        "The mission counts 1950 peacekeepers along the line.",
        "The army struck 1800 targets in the first week.",
        "Iran has 1900 launchers and 2050 centrifuges, inspectors say.",
        "The Assembly held its 1973rd plenary meeting.",
        "The patrol left at 1830 and returned at 2015.",
        "Member states applied Directive 2014/24/EU to the tender.",
    ],
)
def test_counts_ordinals_clock_times_and_legal_numbers_are_not_years(text):
    assert find_dates(text, "2024-07-12") == []


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("The accords of 1993 and 1995 were signed abroad.", ["1993", "1995"]),
        ("The 1948 Palestinians' exodus is remembered.", ["1948"]),  # a determiner: the year of a thing
        ("Emissions fell to below 1990 levels, and at 1990 levels they stayed.", ["1990", "1990"]),
        ("The war (1980—1988) drained both states.", ["(1980—1988)"]),
    ],
)
def test_years_next_to_such_words_are_still_years(text, years):
    assert [e.text for e in find_dates(text, "2024-07-12")] == years


@pytest.mark.parametrize(
    "text",
    [
        "The measures of resolutions 1818 (2007) as well as 1935 (2010) stand.",
        "The Council recalled resolutions 1803 through 1929 on the programme.",
        "The Council recalled its resolutions (1929, 1970) on the matter.",
    ],
)
def test_resolution_numbers_in_lists_are_not_years(text):
    assert all(e.kind == "parenthesised" for e in find_dates(text, "2024-07-12"))


def test_a_number_the_document_used_as_an_identifier_stays_one():
    from analysis.timeline.temporal import DocumentDates

    doc = DocumentDates("2024-07-12")
    doc.find("The Council adopted Resolution 1955 on the embargo.", "p1")
    assert doc.find("Since then, 1955 has been cited by both sides.", "p1") == []
    assert [e.text for e in doc.find("The embargo of 1955 was also recalled.", "p1")] == ["1955"]  # "of 1955": a year
