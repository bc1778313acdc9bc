"""Calendar spans: every date the timeline shows is a (first day, last day) interval.

One vocabulary for the rules and the evaluation: a year-only date covers its year,
"the mid-1980s" 1984–1986, "this week" Monday to Sunday of an ISO week. The gold
files write values in the labelling scheme of ``analysis/data/eval/GUIDELINES.md``
(``2024-07``, ``2024-W28``, ``2024-SU``, ``198X-MID``, ``19XX``, ``1990/1994``);
:func:`value_interval` turns such a value into the same interval, so gold and
system output are compared as intervals, exactly.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

Span = tuple[dt.date, dt.date]

# Thirds of a decade and of a century, as the guidelines define them.
DECADE_PARTS = {"EARLY": (0, 3), "MID": (4, 6), "LATE": (7, 9)}
CENTURY_PARTS = {"EARLY": (0, 32), "MID": (33, 66), "LATE": (67, 99)}
# Northern seasons: first month, number of months (winter runs into the next year).
SEASONS = {"SP": (3, 3), "SU": (6, 3), "FA": (9, 3), "WI": (12, 3)}
PARTS_OF_YEAR = {"H1": (1, 6), "H2": (7, 6), "Q1": (1, 3), "Q2": (4, 3), "Q3": (7, 3), "Q4": (10, 3)}


def last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def day_span(day: dt.date) -> Span:
    return day, day


def month_span(year: int, month: int) -> Span:
    return dt.date(year, month, 1), dt.date(year, month, last_day(year, month))


def months_span(year: int, first_month: int, n_months: int) -> Span:
    """``n_months`` calendar months from ``first_month`` of ``year`` (may run into the next year)."""
    end_index = year * 12 + first_month - 1 + n_months - 1
    end_year, end_month = divmod(end_index, 12)
    return dt.date(year, first_month, 1), dt.date(end_year, end_month + 1, last_day(end_year, end_month + 1))


def year_span(first: int, last: int | None = None) -> Span:
    return dt.date(first, 1, 1), dt.date(last if last is not None else first, 12, 31)


def week_span(year: int, week: int) -> Span:
    monday = dt.date.fromisocalendar(year, week, 1)
    return monday, monday + dt.timedelta(days=6)


def week_of(day: dt.date) -> Span:
    """The ISO week (Monday to Sunday) holding ``day``."""
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def season_span(year: int, season: str) -> Span:
    """``season`` is SP, SU, FA or WI; winter ``year`` is December of ``year`` to February after."""
    first, n = SEASONS[season]
    return months_span(year, first, n)


def part_of_year_span(year: int, part: str) -> Span:
    first, n = PARTS_OF_YEAR[part]
    return months_span(year, first, n)


def decade_span(decade: int, part: str = "") -> Span:
    lo, hi = DECADE_PARTS.get(part, (0, 9))
    return year_span(decade + lo, decade + hi)


def century_span(first_year: int, part: str = "") -> Span:
    """``first_year`` is 1900 for the 20th century ("19XX" in the scheme)."""
    lo, hi = CENTURY_PARTS.get(part, (0, 99))
    return year_span(first_year + lo, first_year + hi)


def iso(span: Span) -> tuple[str, str]:
    return span[0].isoformat(), span[1].isoformat()


_POINT = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_PART = re.compile(r"^(\d{4})-(SP|SU|FA|WI|H1|H2|Q1|Q2|Q3|Q4)$")
_DECADE = re.compile(r"^(\d{3})X(?:-(EARLY|MID|LATE))?$")
_CENTURY = re.compile(r"^(\d{2})XX(?:-(EARLY|MID|LATE))?$")


def point_span(value: str) -> Span | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` as the days it covers."""
    m = _POINT.match(value)
    if not m:
        return None
    year, month, day = int(m[1]), m[2], m[3]
    if month is None:
        return year_span(year)
    if day is None:
        return month_span(year, int(month))
    d = dt.date(year, int(month), int(day))
    return d, d


def value_interval(value: str) -> Span | None:
    """The days a gold value covers; None for ``UNRESOLVED`` (or anything outside the scheme).

    >>> value_interval("198X-MID")
    (datetime.date(1984, 1, 1), datetime.date(1986, 12, 31))
    """
    value = value.strip()
    if "/" in value:
        first, _, last = value.partition("/")
        a, b = point_span(first), point_span(last)
        return (a[0], b[1]) if a and b else None
    if span := point_span(value):
        return span
    if m := _WEEK.match(value):
        return week_span(int(m[1]), int(m[2]))
    if m := _PART.match(value):
        year, part = int(m[1]), m[2]
        return season_span(year, part) if part in SEASONS else part_of_year_span(year, part)
    if m := _DECADE.match(value):
        return decade_span(int(m[1]) * 10, m[2] or "")
    if m := _CENTURY.match(value):
        return century_span(int(m[1]) * 100, m[2] or "")
    return None
