"""A period whose two ends are written apart is one mention with the whole period as its value (#11,
explicit kind; guidelines section 5: "from March to May 2024" is one row). Made-up sentences."""

from __future__ import annotations

import pytest

from analysis.timeline.temporal import DocumentDates, find_dates
from tests.test_temporal import _scheme


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        (
            "Since the siege began in April 2016 through October 3, 2019, aid was cut.",
            "April 2016 through October 3, 2019",
            "2016-04-01/2019-10-03",
        ),
        (
            "The monitors served from February 2, 2021, to June 30, 2022, in the zone.",
            "February 2, 2021, to June 30, 2022",
            "2021-02-02/2022-06-30",
        ),
        (
            "The embargo held from 4 April 2017 until 9 January 2018.",
            "4 April 2017 until 9 January 2018",
            "2017-04-04/2018-01-09",
        ),
        ("Between August 2012 and May 2013, the mission was suspended.", "August 2012 and May 2013", "2012-08/2013-05"),
        ("The blockade (October 1961 – April 1962) ended quietly.", "October 1961 – April 1962", "1961-10/1962-04"),
        ("Negotiations dragged on from late 2016 to early 2018.", "2016 to early 2018", "2016/2018"),
    ],
)
def test_two_ends_written_apart_are_one_period(text, surface, value):
    found = find_dates(text, "2024-07-12")
    assert [(e.text, e.precision) for e in found] == [(surface, "range")]
    lo, hi = found[0].date_start, found[0].date_end
    assert (lo if lo == hi else f"{lo}/{hi}") == _scheme(value)


@pytest.mark.parametrize(
    "text",
    [
        "The vote was postponed from May 2020 and March 2021 was chosen instead.",  # "and" without "between"
        "Elections were held in June 2014 and March 2016.",
        "The summit was postponed 12 March 2023 to 4 May 2023.",  # a change of date: no "from"
        "The entry read from 4 May 2023 to 12 March 2023 by mistake.",  # the ends reversed
    ],
)
def test_dates_not_joined_into_a_period(text):
    assert all(e.precision != "range" for e in find_dates(text, "2024-07-12"))


def test_the_later_end_of_a_period_anchors_what_follows():
    doc = DocumentDates("2024-07-12")
    doc.find("The inquiry ran from March 2019 to November 3, 2020.", "p1")
    (expr,) = doc.find("On 9 December, its report was published.", "p1")
    assert (expr.date_start, expr.anchor) == ("2020-12-09", "narrative")


def test_a_two_digit_end_year_rolls_into_the_next_century():
    assert [(e.date_start, e.date_end) for e in find_dates("The drought (1998–01) ruined harvests.", "2024-07-12")] == [
        ("1998-01-01", "2001-12-31")
    ]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("The war (1914‒18) ended.", ("1914-01-01", "1918-12-31")),
        ("The years 1990−1995 were hard.", ("1990-01-01", "1995-12-31")),
    ],
)
def test_figure_dash_and_minus_sign_join_years(text, span):
    assert [(e.date_start, e.date_end) for e in find_dates(text, "2024-07-12")] == [span]
