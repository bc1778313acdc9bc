"""Temporal expressions in policy prose, normalised to start, end and precision.

Written as rules because the texts need them: a general date parser reads
"32 member states", "2% of its GDP" or "(Walt 1985, 9)" as dates (measured in
the evaluation, see README). Recognised: full dates ("October 7, 2023"), months
("in May of 2010", "July 2024"), day-month without a year ("the October 7
massacre", resolved to the latest such day on or before the document's date),
years in context ("in 1949", "since 1952", "the 2022 Strategic Concept"),
decades ("the 1990s", "the first decade of the century"), ranges ("between 1990
and 1994") and relative spans ("in the past two years", "over the past year",
"the last three decades"), resolved against the document's date and left
unresolved, and said so, when it has none. Never dates: years inside citations
or reference lists, percentages, money, counts, durations.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTH_RE = "|".join(calendar.month_name[1:])
YEAR = r"(1[5-9]\d\d|20\d\d)"
NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "a": 1,
    "several": None,
    "few": None,
}

_CITATION = re.compile(r"\([^()]*?\b(?:1[5-9]\d\d|20\d\d)[a-z]?(?:,\s*[\d\-–]+\.?)?\)")
_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("day", re.compile(rf"\b(?P<month>{MONTH_RE})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>{YEAR[1:-1]})\b")),
    ("day", re.compile(rf"\b(?P<day>\d{{1,2}})\s+(?P<month>{MONTH_RE})\s+(?P<year>{YEAR[1:-1]})\b")),
    ("range", re.compile(rf"\bbetween\s+(?P<y1>{YEAR[1:-1]})\s+and\s+(?P<y2>{YEAR[1:-1]})\b")),
    ("range", re.compile(rf"\bfrom\s+(?P<y1>{YEAR[1:-1]})\s+(?:to|until|through)\s+(?P<y2>{YEAR[1:-1]})\b")),
    ("range", re.compile(rf"(?<![\d,])(?P<y1>{YEAR[1:-1]})\s*[–-]\s*(?P<y2>{YEAR[1:-1]})(?![\d%])")),
    ("month", re.compile(rf"\b(?P<month>{MONTH_RE})(?:\s+of)?,?\s+(?P<year>{YEAR[1:-1]})\b")),
    ("day_no_year", re.compile(rf"\b(?P<month>{MONTH_RE})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*,?\s*\d)")),
    ("decade", re.compile(r"\b(?:the\s+)?(?:early\s+|mid-?\s*|late\s+)?(?P<decade>1[5-9]\d0|20\d0)s\b")),
    (
        "decade_century",
        re.compile(r"\b(?:the\s+)?first\s+decade\s+of\s+the\s+(?:21st\s+|twenty-first\s+)?century\b", re.IGNORECASE),
    ),
    (
        "relative",
        re.compile(
            r"\b(?:in|over|during|within)?\s*the\s+(?P<which>past|last|previous)\s+"
            r"(?:(?P<n>one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+)?"
            r"(?P<unit>years?|decades?)\b",
            re.IGNORECASE,
        ),
    ),
    ("relative_year", re.compile(r"\b(?P<which>last|this|next)\s+year\b", re.IGNORECASE)),
    (
        "year",
        re.compile(
            rf"(?<![\d,.€$£/#-])(?P<year>{YEAR[1:-1]})(?![\d%]|,\d|\s*(?:%|percent|per cent|km|kilomet|"
            r"troops|soldiers|people|staff|members|million|billion|GMT|BST|UTC|CET|EST|hrs\b|hours\b|local time))"
        ),
    ),
]


@dataclass(frozen=True)
class TimeExpr:
    start: int
    end: int
    text: str
    date_start: str  # ISO date, '' when unresolved
    date_end: str
    precision: str  # day | month | year | decade | range
    resolved: bool = True
    note: str = ""


def find_dates(text: str, doc_date: str = "") -> list[TimeExpr]:
    """Temporal expressions in ``text`` (a body sentence), in order, not overlapping."""
    blocked = [(m.start(), m.end()) for m in _CITATION.finditer(text)]
    taken: list[tuple[int, int]] = []
    found: list[TimeExpr] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            span = (m.start(), m.end())
            if m.group(0).strip() == "" or _overlaps(span, blocked) or _overlaps(span, taken):
                continue
            expr = _normalise(kind, m, text, doc_date)
            if expr is None:
                continue
            taken.append((expr.start, expr.end))
            found.append(expr)
    return sorted(found, key=lambda e: e.start)


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(span[0] < b and a < span[1] for a, b in spans)


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _year_span(y1: int, y2: int | None = None) -> tuple[str, str]:
    return f"{y1:04d}-01-01", f"{(y2 or y1):04d}-12-31"


def _normalise(kind: str, m: re.Match, text: str, doc_date: str) -> TimeExpr | None:
    start, end = m.start(), m.end()
    raw = m.group(0).strip()
    lead = len(m.group(0)) - len(m.group(0).lstrip())
    start += lead
    if kind == "day":
        y, mo, d = int(m["year"]), MONTHS[m["month"].lower()], int(m["day"])
        if not 1 <= d <= _last_day(y, mo):
            return None
        iso = f"{y:04d}-{mo:02d}-{d:02d}"
        return TimeExpr(start, end, raw, iso, iso, "day")
    if kind == "month":
        y, mo = int(m["year"]), MONTHS[m["month"].lower()]
        return TimeExpr(start, end, raw, f"{y:04d}-{mo:02d}-01", f"{y:04d}-{mo:02d}-{_last_day(y, mo):02d}", "month")
    if kind == "day_no_year":
        mo, d = MONTHS[m["month"].lower()], int(m["day"])
        if not 1 <= d <= 31:
            return None
        if m["month"] == "May" and not text[end : end + 1].isspace() and end < len(text):
            return None
        if not doc_date:
            return TimeExpr(start, end, raw, "", "", "day", False, "no year, and the document has no date")
        y = int(doc_date[:4])
        doc_month = int(doc_date[5:7]) if len(doc_date) >= 7 else 12
        doc_day = int(doc_date[8:10]) if len(doc_date) >= 10 else 31
        if (mo, d) > (doc_month, doc_day):
            y -= 1
        if d > _last_day(y, mo):
            return None
        iso = f"{y:04d}-{mo:02d}-{d:02d}"
        return TimeExpr(start, end, raw, iso, iso, "day", True, "year taken from the document's date")
    if kind == "range":
        y1, y2 = int(m["y1"]), int(m["y2"])
        if not y1 < y2 <= y1 + 200:
            return None
        return TimeExpr(start, end, raw, *_year_span(y1, y2), "range")
    if kind == "decade":
        d = int(m["decade"])
        return TimeExpr(start, end, raw, *_year_span(d, d + 9), "decade")
    if kind == "decade_century":
        return TimeExpr(start, end, raw, *_year_span(2000, 2009), "decade")
    if kind in ("relative", "relative_year"):
        return _relative(kind, m, start, end, raw, doc_date)
    if kind == "year":
        y = int(m["year"])
        if not 1800 <= y <= 2100:
            return None
        return TimeExpr(start, end, raw, *_year_span(y), "year")
    return None


def _relative(kind: str, m: re.Match, start: int, end: int, raw: str, doc_date: str) -> TimeExpr | None:
    if kind == "relative_year":
        offset = {"last": -1, "this": 0, "next": 1}[m["which"].lower()]
        if not doc_date:
            return TimeExpr(start, end, raw, "", "", "year", False, "relative, and the document has no date")
        y = int(doc_date[:4]) + offset
        return TimeExpr(start, end, raw, *_year_span(y), "year", True, "relative to the document's date")
    n_text = (m["n"] or "one").lower()
    n = NUMBER_WORDS.get(n_text) if not n_text.isdigit() else int(n_text)
    if n is None:
        return None
    years = n * (10 if m["unit"].lower().startswith("decade") else 1)
    if not doc_date:
        return TimeExpr(start, end, raw, "", "", "range", False, "relative, and the document has no date")
    y = int(doc_date[:4])
    return TimeExpr(start, end, raw, *_year_span(y - years, y), "range", True, "relative to the document's date")
