"""Counting from an anchor: the day, week, month, season or year some units before or after it.

The arithmetic behind relative dates ("two years ago", "the next day", "last winter", "this spring"),
kept apart from the rules that read them (:mod:`analysis.timeline.temporal`).
"""

from __future__ import annotations

import datetime as dt

from analysis.timeline.anchors import Anchor
from analysis.timeline.spans import Span, day_span, last_day, month_span, season_span, week_of, year_span


def shift(anchor: Anchor, unit: str, n: int) -> tuple[Span, str]:
    """The ``unit`` (day, week, month, year, decade) ``n`` units from ``anchor`` (negative: back)."""
    if unit == "day":
        d = anchor.date + dt.timedelta(days=n)
        return day_span(d), "day"
    if unit == "week":
        return week_of(anchor.date + dt.timedelta(days=7 * n)), "week"
    if unit == "month":
        index = anchor.year * 12 + (anchor.month or 1) - 1 + n
        return month_span(index // 12, index % 12 + 1), "month"
    if unit == "decade":
        return year_span(anchor.year + 10 * n), "year"
    return year_span(anchor.year + n), "year"


def same_day_back(day: dt.date, unit: str, n: int) -> dt.date:
    """The same day ``n`` weeks, months or years before ``day`` (the month's last day when it has fewer)."""
    if unit == "week":
        return day - dt.timedelta(days=7 * n)
    months = n * (12 if unit == "year" else 1)
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, last_day(year, month + 1)))


def season_year(pub: Anchor, code: str, offset: int) -> int:
    """The year (scheme: winter ``Y`` is December ``Y`` to February) of the season ``code`` told against ``pub``:
    ``this`` (0) the one of the publication's year (the winter around it), ``last`` (-1) the latest one that
    began before the season holding the publication date, ``next`` (1) the earliest that begins after it."""
    month = pub.month or 12
    current_code = season_of(month)
    current_year = pub.year - 1 if current_code == "WI" and month <= 2 else pub.year
    current_start = season_span(current_year, current_code)[0]
    if offset == 0:
        if code == current_code:
            return current_year
        return pub.year - 1 if code == "WI" and month <= 5 else pub.year
    years = range(pub.year - 2, pub.year + 3)
    if offset < 0:
        return max(y for y in years if season_span(y, code)[0] < current_start)
    return min(y for y in years if season_span(y, code)[0] > current_start)


def season_of(month: int) -> str:
    """The season code (``SP``, ``SU``, ``FA``, ``WI``) a month falls in."""
    return {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(month, "FA")


def season_near(anchor: Anchor, code: str, future: bool) -> int:
    """A season named without a year: the latest one begun on or before the anchor (past), or the
    earliest not yet over (future)."""
    years = range(anchor.year - 2, anchor.year + 3)
    if future:
        return min(y for y in years if season_span(y, code)[1] >= anchor.latest.replace(day=1))
    return max(y for y in years if season_span(y, code)[0] <= anchor.latest)
