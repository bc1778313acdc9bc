"""Temporal expressions in policy prose and news, normalised to a span of days.

Written as rules because the texts need them: a general date parser reads
"32 member states", "Resolution 2231" or "(Walt 1985, 9)" as dates (measured in
the evaluation, see README). Every expression found is normalised to the span it
covers (``date_start``, ``date_end``, ``precision``) and records its ``kind``
and its ``anchor``, so an analyst can see why "Thursday" became 2024-07-11:

- ``explicit`` (anchor ``explicit``): carries its own year. "October 7, 2023",
  "7 Oct. 2023", "29 Jun. 2004", "December 10th, 2020", "2023-10-07",
  "12.07.2021" (day first), "07/12/2021" (month first), "July 2024", "spring
  2024", "the first half of 2024", "in 1949", "the 2022 Strategic Concept",
  "post-1945", ranges ("between 1990 and 1994", "2014–2016", "from March to May
  2024", "July 9–11, 2024"), "the week of April 25, 2011" (that ISO week; the
  weekdays of a schedule after it are its days), "the end of 2026" (its December).
- ``partial``: a day or month without its year ("on 22 May", "Nov. 4",
  "December 10th", "in May", "earlier in July", "since October", "a July target
  date", "in April, July, and August 2024" (the list's year), "the October 7
  massacre"): the year comes from a date the narrative has just set ("On
  September 15th, 2020 … a few months later, on December 10th" → 2020-12-10,
  anchor ``narrative``: the occurrence nearest that date; a bare year only from
  the sentence just before, unless the publication date has no month; never a
  reference point after "since" or "until"), otherwise from the publication date
  (anchor ``publication``): the latest such day on or before it when told in the
  past, the earliest on or after it when told in the future. The tense is read
  from a sure tense word in the clause ("will", "could", "said", "met"), else
  from the verb the date hangs on in a dependency parse (``anchors.py``). Days
  the domain names without a year are read as that day when the words say it is
  the event ("the October 7 attack", anchor ``named``; ``lexicon.NAMED_DAYS``).
- ``relative``: "today", "yesterday", "tomorrow", weekdays ("on Thursday",
  "last Friday"), "this week", "last month", "next year", "earlier this year",
  "this spring", "two years ago": resolved against the publication date;
  "the next day", "the following year", "the previous year", "later that month",
  "two years later": against the narrative's last date; "later in the week", "the end of
  the year" (its December): the narrative's week or year when it has one, else the
  publication's (told ahead, always the publication's); "the past two years", "the last three
  decades": the years back from the publication date.
- ``decade``: "the 1990s", "the mid-1980s" (1984–1986: the span carries the
  precision), "the '90s", centuries ("the late 19th century", 1867–1899).
- ``parenthesised``: a year in parentheses after a named event or act, "the
  Sinai War (1956)", "Resolution 1701 (2006)", "Greece and Turkey (1952)".

An expression that needs an anchor the document lacks (no publication date, or
one without the day "Thursday" needs) stays ``resolved = False`` with its note:
no date is invented, and none is ever taken from the day of the analysis.

Never dates: years inside author–date citations ("(Walt 1985, 9)", "Walt (1985)
argues") and reference lists (not body text), percentages, money, counts and
durations ("2000 people", "1,500 kilometres"), clock times ("1830 GMT"), phone
numbers, page numbers, identifiers ("Resolution 2231", "Flight 752"), fiscal
years ("FY2025"), and metadata lines ("published: 2016-05-04").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from analysis.textnorm import CaselessPattern
from analysis.timeline.anchors import (
    Anchor,
    after_since,
    day_near,
    day_of_saying,
    is_future,
    month_near,
    narrative_year,
    publication_anchor,
    surely_past,
    weekday_on,
)
from analysis.timeline.bare_numbers import identifier_numbers, is_year, names_an_identifier
from analysis.timeline.counting import same_day_back, season_near, season_year, shift
from analysis.timeline.lexicon import (
    METADATA_KEYS,
    MONTH_ABBREVIATIONS,
    MONTHS,
    NAMED_DAYS,
    NUMBER_WORDS,
    ORDINAL_WORDS,
    REPORTING_VERBS,
    SEASON_CODES,
    WEEKDAYS,
)
from analysis.timeline.narrative import anchors_set_by
from analysis.timeline.ranges import join_ranges
from analysis.timeline.spans import (
    Span,
    century_span,
    day_span,
    decade_span,
    iso,
    last_day,
    month_span,
    part_of_year_span,
    season_span,
    week_of,
    year_span,
)

# Kept for callers that imported them from here.
__all__ = ["TimeExpr", "DocumentDates", "find_dates", "MONTHS", "NUMBER_WORDS"]

KINDS = ("explicit", "partial", "relative", "decade", "parenthesised")
ANCHORS = ("explicit", "publication", "narrative")

# ---------------------------------------------------------------------------------------------
# Building blocks of the patterns
# ---------------------------------------------------------------------------------------------
_MONTH_FULL = "January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH_ABBR = "Sept|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
MONTH = rf"(?:{_MONTH_FULL}|(?:{_MONTH_ABBR})\.?)(?![A-Za-z])"
WEEKDAY = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
DAY = r"(?:3[01]|[12]\d|0?[1-9])"
ORD = r"(?:st|nd|rd|th)?"
YEAR = r"(?:1\d{3}|20\d{2})"
# An optional weekday before a full or partial date ("Thursday, July 11, 2024") belongs to it.
WD = rf"(?:(?:{WEEKDAY}),?\s+)?"
_NUM_WORDS = "|".join(sorted((w for w in NUMBER_WORDS if " " not in w), key=len, reverse=True))
_ORD_WORDS = "|".join(sorted(ORDINAL_WORDS, key=len, reverse=True))
_SEASON = "spring|summer|autumn|fall|winter"
# What may not follow a day and month for them to be a partial date: a year (then it is a full date).
NO_YEAR_AFTER = r"(?!\s*,?\s*(?:1\d{3}|20\d{2})(?!\d))"
_RANGE_JOIN = r"\s*(?:[–—‒−-]|\bto\b|\buntil\b|\btill\b|\bthrough\b|\bthru\b|\band\b)\s*"

# Blocked spans: nothing inside them is a date.
# Author names are capitalised words, but not month or weekday names: "(AP, March 2024)" is a date.
_NOT_CALENDAR = rf"(?!(?:{_MONTH_FULL}|{_MONTH_ABBR}|{WEEKDAY})\b)"
_CITATION_NAMES = (
    rf"{_NOT_CALENDAR}[A-Z][\w’'.\-]*(?:(?:,?\s+|\s*&\s*|,?\s+and\s+)"
    rf"(?:{_NOT_CALENDAR}[A-Z][\w’'.\-]*|et\s+al\.?|de|van|von|der|al-\w+))*"
)
_CITATION_UNIT = rf"{_CITATION_NAMES},?\s+{YEAR}[a-z]?(?:\s*[,:]\s*(?:pp?\.\s*)?[\dvixlc]+(?:\s*[–-]\s*\d+)?\.?)?"
_CITATION = re.compile(
    rf"\((?:see\s+(?:also\s+)?|cf\.\s+|e\.g\.,?\s+)?{_CITATION_UNIT}(?:\s*;\s*(?:see\s+(?:also\s+)?)?{_CITATION_UNIT})*\s*\)"
)
_CLOCK = re.compile(
    r"\bat\s+(?:about|around|approximately)\s+(?:[01]\d|2[0-3])[0-5]\d\b|"  # "shown at about 1900 on Sundays"
    r"(?<![\d,.])(?:[01]\d|2[0-3])[0-5]\d\s*(?:GMT|BST|UTC|CET|CEST|EET|EEST|EST|EDT|ET|PT|PST|PDT|MSK|IDT|IST|Z|"
    r"Zulu|hrs?|hours|h|local|[A-Z][a-z]+\s+time)\b"
)
_PHONE = re.compile(r"(?<![\w.])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d{2,4}(?:[\s.-]\d{2,4}){2,4}(?![\w.])")
_MONEY = re.compile(r"(?:[$€£¥₽]|\b(?:USD|EUR|US\$|Rs\.?)\s?)\d[\d,.]*")
_FISCAL = re.compile(r"\b(?:FY|fiscal\s+(?:year\s+)?|financial\s+year\s+)\s?'?(?:\d{4}|\d{2})(?:[–/-]\d{2,4})?\b")
_WEB = re.compile(r"\bhttps?://\S+|\bwww\.\S+|\S+@\S+\.\w+")
_METADATA_LINE = re.compile(r"^\s*(?P<key>[A-Za-z][A-Za-z ]{0,24}?)\s*:\s*\S")


@dataclass(frozen=True)
class TimeExpr:
    """One temporal expression: where it is, what it says, and how its date was reached."""

    start: int
    end: int
    text: str
    date_start: str  # ISO date, '' when unresolved
    date_end: str
    precision: str  # day | week | month | season | year | decade | century | range
    resolved: bool = True
    note: str = ""
    anchor: str = "explicit"  # explicit | publication | narrative | named | '' (unresolved)
    kind: str = "explicit"  # explicit | partial | relative | decade | parenthesised


@dataclass
class Context:
    """What a relative or partial expression may be resolved against, while one sentence is read."""

    sentence: str
    publication: Anchor | None
    narrative: Anchor | None = None  # the date the text has just set (partial dates take their year from it)
    story: Anchor | None = None  # the last date set anywhere before ("two years later" counts from it)
    local: bool = False  # the narrative date holds for this sentence only ("the 2015 deal", "(2006)")


@dataclass(frozen=True)
class Parsed:
    """A match a rule accepted: its place and kind, and how to resolve it in context."""

    start: int
    end: int
    kind: str
    resolve: Callable[[Context, Parsed], TimeExpr | None]
    info: dict = field(default_factory=dict, compare=False)

    def text(self, sentence: str) -> str:
        return sentence[self.start : self.end]


# ---------------------------------------------------------------------------------------------
# Resolution helpers
# ---------------------------------------------------------------------------------------------
def _month_of(word: str) -> int:
    word = word.rstrip(".").lower()
    return MONTHS.get(word) or MONTH_ABBREVIATIONS[word]


def _made(ctx: Context, p: Parsed, span: Span, precision: str, anchor: str = "explicit", note: str = "") -> TimeExpr:
    start, end = iso(span)
    return TimeExpr(p.start, p.end, p.text(ctx.sentence), start, end, precision, True, note, anchor, p.kind)


def _unresolved(ctx: Context, p: Parsed, precision: str, note: str) -> TimeExpr:
    return TimeExpr(p.start, p.end, p.text(ctx.sentence), "", "", precision, False, note, "", p.kind)


def _explicit(span_of: Callable[[], Span | None], precision: str) -> Callable[[Context, Parsed], TimeExpr | None]:
    def resolve(ctx: Context, p: Parsed) -> TimeExpr | None:
        span = span_of()
        return _made(ctx, p, span, precision) if span else None

    return resolve


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    if not 1 <= month <= 12 or not 1 <= day <= last_day(year, month):
        return None
    return dt.date(year, month, day)


def _partial_anchor(ctx: Context, precision: str = "month") -> Anchor | None:
    """Narrative first (a date the text has just set), then the publication date."""
    if ctx.narrative is not None:
        return ctx.narrative
    if ctx.publication is not None:
        return ctx.publication
    return None


def _missing(anchor: Anchor | None, what: str) -> str:
    if anchor is None:
        return f"{what}, and the document has no date"
    return f"{what}, and {anchor.describe()} is not precise enough"


# ---------------------------------------------------------------------------------------------
# Rules. Each handler gets the match and the sentence and returns a Parsed (or None: not a date).
# ---------------------------------------------------------------------------------------------
Handler = Callable[[re.Match, str], Parsed | None]
_RULES: list[tuple[str, re.Pattern, Handler]] = []


def rule(name: str, pattern: str, flags: int = 0) -> Callable[[Handler], Handler]:
    """Register a rule; rules are tried in the order they are written, an earlier match wins an overlap."""

    def register(handler: Handler) -> Handler:
        _RULES.append((name, re.compile(pattern, flags), handler))
        return handler

    return register


@rule("iso", rf"(?<![\d-])(?P<year>{YEAR})-(?P<month>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])(?![\d-])")
def _iso(m: re.Match, s: str) -> Parsed | None:
    d = _safe_date(int(m["year"]), int(m["month"]), int(m["day"]))
    return Parsed(m.start(), m.end(), "explicit", _explicit(lambda: d and day_span(d), "day")) if d else None


@rule("numeric", rf"(?<![\d./])(?P<a>\d{{1,2}})(?P<sep>[./])(?P<b>\d{{1,2}})(?P=sep)(?P<year>{YEAR})(?![\d./]\d)")
def _numeric(m: re.Match, s: str) -> Parsed | None:
    """Dots are day first (European: "12.07.2021"); slashes month first (US) unless the first is over 12."""
    a, b, year = int(m["a"]), int(m["b"]), int(m["year"])
    day, month = (a, b) if m["sep"] == "." or a > 12 else (b, a)
    d = _safe_date(year, month, day)
    return Parsed(m.start(), m.end(), "explicit", _explicit(lambda: d and day_span(d), "day")) if d else None


def _day_range(m: re.Match, s: str, kind: str) -> Parsed | None:
    groups = m.groupdict()
    m1 = _month_of(groups.get("month1") or groups["month"])
    m2 = _month_of(groups.get("month2") or groups.get("month") or groups["month1"])
    d1, d2 = int(m["d1"]), int(m["d2"])
    if (m2, d2) <= (m1, d1):
        return None
    if kind == "explicit":
        year = int(m["year"])
        a, b = _safe_date(year, m1, d1), _safe_date(year, m2, d2)
        if not (a and b):
            return None
        return Parsed(m.start(), m.end(), kind, _explicit(lambda: (a, b), "range"))

    def resolve(ctx: Context, p: Parsed) -> TimeExpr | None:
        anchor = _partial_anchor(ctx)
        if anchor is None:
            return _unresolved(ctx, p, "range", "no year, and the document has no date")
        first = _resolve_day(ctx, p, anchor, m1, d1)
        if first is None:
            return None
        year = first[0].year
        last = _safe_date(year, m2, d2)
        return _made(ctx, p, (first[0], last), "range", first[2], first[1]) if last else None

    return Parsed(m.start(), m.end(), kind, resolve)


@rule(
    "day_range_mdy",
    rf"{WD}(?:(?:from|between)\s+)?(?P<month1>{MONTH})\s+(?P<d1>{DAY}){ORD}{_RANGE_JOIN}(?:(?P<month2>{MONTH})\s+)?"
    rf"(?P<d2>{DAY}){ORD},?\s+(?P<year>{YEAR})(?!\d)",
)
def _day_range_mdy(m: re.Match, s: str) -> Parsed | None:
    return _day_range(m, s, "explicit")


@rule(
    "day_range_dmy",
    rf"(?:(?:from|between)\s+)?(?<![\d,.])(?P<d1>{DAY}){ORD}(?:\s+(?P<month1>{MONTH}))?{_RANGE_JOIN}(?P<d2>{DAY}){ORD}"
    rf"\s+(?P<month>{MONTH}),?\s+(?P<year>{YEAR})(?!\d)",
)
def _day_range_dmy(m: re.Match, s: str) -> Parsed | None:
    return _day_range(m, s, "explicit")


def _full_date(m: re.Match, s: str) -> Parsed | None:
    d = _safe_date(int(m["year"]), _month_of(m["month"]), int(m["day"]))
    return Parsed(m.start(), m.end(), "explicit", _explicit(lambda: d and day_span(d), "day")) if d else None


@rule(
    "week_of",
    rf"(?i:\b(?:the\s+)?week\s+of\s+)(?:(?P<month>{MONTH})\s+(?P<day>{DAY}){ORD}(?!\d)"
    rf"|(?P<day2>{DAY}){ORD}\s+(?:of\s+)?(?P<month2>{MONTH})),?\s+(?P<year>{YEAR})(?!\d)",
)
def _week_of(m: re.Match, s: str) -> Parsed | None:
    """ "The schedule for the week of April 25, 2011": that ISO week, not its first day."""
    d = _safe_date(int(m["year"]), _month_of(m["month"] or m["month2"]), int(m["day"] or m["day2"]))
    return Parsed(m.start(), m.end(), "explicit", _explicit(lambda: d and week_of(d), "week")) if d else None


rule("mdy", rf"{WD}(?P<month>{MONTH})\s+(?:the\s+)?(?P<day>{DAY}){ORD}(?!\d),?\s+(?P<year>{YEAR})(?!\d)")(_full_date)
rule(
    "dmy", rf"{WD}(?:the\s+)?(?<![\d,.])(?P<day>{DAY}){ORD}(?:\s+of)?\s+(?P<month>{MONTH}),?\s+(?P<year>{YEAR})(?!\d)"
)(_full_date)


@rule(
    "month_year_range",
    rf"(?:(?:from|between)\s+)?(?P<month1>{MONTH})\s+(?P<year1>{YEAR}){_RANGE_JOIN}(?P<month2>{MONTH})\s+(?P<year2>{YEAR})"
    r"(?!\d)",
)
def _month_year_range(m: re.Match, s: str) -> Parsed | None:
    if " and " in m.group(0) and not m.group(0).lower().startswith("between"):
        return None
    y1, m1, y2, m2 = int(m["year1"]), _month_of(m["month1"]), int(m["year2"]), _month_of(m["month2"])
    if (y2, m2) <= (y1, m1):
        return None
    span = (month_span(y1, m1)[0], month_span(y2, m2)[1])
    return Parsed(m.start(), m.end(), "explicit", _explicit(lambda: span, "range"))


@rule(
    "month_range_year",
    rf"(?:(?:from|between)\s+)?(?P<month1>{MONTH}){_RANGE_JOIN}(?P<month2>{MONTH}),?\s+(?:of\s+)?(?P<year>{YEAR})(?!\d)",
)
def _month_range_year(m: re.Match, s: str) -> Parsed | None:
    text = m.group(0)
    if re.search(r"\band\b", text) and not text.lower().startswith("between"):
        return None
    year, m1, m2 = int(m["year"]), _month_of(m["month1"]), _month_of(m["month2"])
    if m2 <= m1:
        return None
    span = (month_span(year, m1)[0], month_span(year, m2)[1])
    return Parsed(m.start(), m.end(), "explicit", _explicit(lambda: span, "range"))


@rule("month_year", rf"(?P<month>{MONTH})(?:\s+of)?,?\s+(?P<year>{YEAR})(?![\d%]|,\d)")
def _month_year(m: re.Match, s: str) -> Parsed | None:
    year, month = int(m["year"]), _month_of(m["month"])
    return Parsed(m.start(), m.end(), "explicit", _explicit(lambda: month_span(year, month), "month"))


@rule(
    "season_year",
    rf"(?i:(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?(?P<season>{_SEASON}))(?:\s+of)?,?\s+(?P<year>{YEAR})"
    rf"(?:\s*[–/-]\s*(?P<y2>{YEAR}|\d{{2}}))?(?!\d)",
)
def _season_year(m: re.Match, s: str) -> Parsed | None:
    year, code = int(m["year"]), SEASON_CODES[m["season"].lower()]
    return Parsed(m.start(), m.end(), "explicit", _explicit(lambda: season_span(year, code), "season"))


@rule(
    "part_of_year",
    rf"(?i:(?:the\s+)?(?P<ord>first|second|third|fourth|last|1st|2nd|3rd|4th)\s+(?P<unit>half|quarter)\s+of)\s+"
    rf"(?P<year>{YEAR})(?!\d)",
)
def _part_of_year(m: re.Match, s: str) -> Parsed | None:
    n = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}.get(
        m["ord"].lower(), 0
    )
    unit = m["unit"].lower()
    if m["ord"].lower() == "last":
        n = 2 if unit == "half" else 4
    if unit == "half" and n > 2:
        return None
    code = f"H{n}" if unit == "half" else f"Q{n}"
    year = int(m["year"])
    return Parsed(m.start(), m.end(), "explicit", _explicit(lambda: part_of_year_span(year, code), "season"))


@rule("quarter_code", rf"\b(?:(?P<q>Q[1-4]|H[12])\s+(?P<year>{YEAR})|(?P<year2>{YEAR})\s+(?P<q2>Q[1-4]|H[12]))\b")
def _quarter_code(m: re.Match, s: str) -> Parsed | None:
    code, year = (m["q"], int(m["year"])) if m["q"] else (m["q2"], int(m["year2"]))
    return Parsed(m.start(), m.end(), "explicit", _explicit(lambda: part_of_year_span(year, code), "season"))


@rule(
    "first_decade",
    r"(?i:\b(?:the\s+)?(?P<ord>first|second)\s+decade\s+of\s+(?:the|this)\s+(?:(?:21st|twenty-first)\s+)?century)\b",
)
def _first_decade(m: re.Match, s: str) -> Parsed | None:
    decade = 2000 if m["ord"].lower() == "first" else 2010
    return Parsed(m.start(), m.end(), "decade", _explicit(lambda: decade_span(decade), "decade"))


@rule(
    "century",
    rf"(?i:\b(?:the\s+)?(?:(?P<part>early|mid|late)[\s-]+)?(?:(?P<n>\d{{1,2}})(?:st|nd|rd|th)|(?P<word>{_ORD_WORDS}))"
    r"[\s-]+century)\b",
)
def _century(m: re.Match, s: str) -> Parsed | None:
    n = int(m["n"]) if m["n"] else ORDINAL_WORDS[m["word"].lower()]
    if not 10 <= n <= 21:
        return None
    part = (m["part"] or "").upper()
    return Parsed(m.start(), m.end(), "decade", _explicit(lambda: century_span((n - 1) * 100, part), "century"))


@rule(
    "decade_range",
    r"(?i:\b(?:the\s+)?(?P<d1>1\d\d0|20\d0)[’']?s\s*(?:[–—-]|to|until|through)\s*(?:the\s+)?(?P<d2>1\d\d0|20\d0)[’']?s)\b",
)
def _decade_range(m: re.Match, s: str) -> Parsed | None:
    """ "1960s - 1990s": from the first decade's start to the last one's end."""
    d1, d2 = int(m["d1"]), int(m["d2"])
    if d2 <= d1:
        return None
    return Parsed(m.start(), m.end(), "decade", _explicit(lambda: year_span(d1, d2 + 9), "range"))


_DECADE_WORDS = {"thirties": 30, "forties": 40, "fifties": 50, "sixties": 60, "seventies": 70, "eighties": 80}
_DECADE_WORDS["nineties"] = 90


@rule(
    "decade",
    r"(?i:\b(?:the\s+)?(?:(?P<part>early|mid|late)[\s-]*)?)(?:(?P<decade>1\d\d0|20\d0)[’']?s\b|"
    r"(?:[’']|(?<=the\s)|(?<=early\s)|(?<=late\s)|(?<=mid-))(?P<yy>\d0)s\b|"
    r"(?i:the\s+)(?P<word>thirties|forties|fifties|sixties|seventies|eighties|nineties)\b)",
)
def _decade(m: re.Match, s: str) -> Parsed | None:
    part = (m["part"] or "").upper()
    if m["decade"]:
        decade = int(m["decade"])
    elif m["yy"]:
        yy = int(m["yy"])
        decade = (1900 if yy >= 30 else 2000) + yy
    else:
        decade = 1900 + _DECADE_WORDS[m["word"].lower()]
    if decade % 100 == 0 and decade < 2000:
        # "the 1900s" is the century
        return Parsed(m.start(), m.end(), "decade", _explicit(lambda: century_span(decade, part), "century"))
    return Parsed(m.start(), m.end(), "decade", _explicit(lambda: decade_span(decade, part), "decade"))


_EVENT_CONTEXT = re.compile(
    r"(?i:war|wars|summit|accession|accord|accords|agreement|agreements|treaty|treaties|convention|resolution|"
    r"resolutions|act|law|pact|charter|declaration|protocol|founding|foundation|crisis|conflict|invasion|"
    r"intervention|operation|campaign|revolution|uprising|coup|election|elections|conference|massacre|attack|"
    r"attacks|bombing|incident|annexation|referendum|ceasefire|truce|armistice|plan|initiative|strategy|"
    r"concept|doctrine|report|document|deal|talks|process|partnership|dialogue|membership|enlargement)\W*$"
)


_PAREN_YEAR = re.compile(rf"\((?P<y1>{YEAR})(?:\s*[–—‒−-]\s*(?P<y2>{YEAR}|\d{{2}}))?\)")


def is_citation_year(s: str, m: re.Match) -> bool:
    """Is the parenthesised year ``m`` an author–date citation ("Walt (1985) argues", "Smith et al. (2019)")
    rather than the date of the event or act before it ("the Sinai War (1956)")?"""
    before, after = s[: m.start()].rstrip(), s[m.end() :]
    if re.search(r"\bet\s+al\.?$", before) or re.search(r"[’']s$", before):
        return True
    if re.search(r"\b(?:see|cf\.)\s+[A-Z][\w’'-]+(?:\s+and\s+[A-Z][\w’'-]+)?$", before):
        return True
    prev_word = re.search(r"([\w’'.-]+)\W*$", before)
    prev = prev_word.group(1) if prev_word else ""
    clause = re.split(r"[,;.:()]", after, maxsplit=1)[0]
    next_words = re.findall(r"[a-z]+", clause.lower())[:3]
    event_like = bool(_EVENT_CONTEXT.search(before))
    return not event_like and prev[:1].isupper() and any(w in REPORTING_VERBS - {"in", "see"} for w in next_words)


@rule("parenthesised", _PAREN_YEAR.pattern)
def _parenthesised(m: re.Match, s: str) -> Parsed | None:
    """A bare year in parentheses: the date of what precedes it (citations are blocked before)."""
    y1 = int(m["y1"])
    y2 = _second_year(y1, m["y2"]) if m["y2"] else y1
    if y2 is None or not 1000 <= y1 <= 2100:
        return None
    precision = "year" if y2 == y1 else "range"
    return Parsed(m.start(), m.end(), "parenthesised", _explicit(lambda: year_span(y1, y2), precision))


def _second_year(y1: int, text: str) -> int | None:
    y2 = int(text) if len(text) == 4 else y1 // 100 * 100 + int(text)
    if len(text) == 2 and y1 < y2 + 100 <= y1 + 20 and y2 <= y1:
        y2 += 100  # "1998–01", "(1999-00)": into the next century
    return y2 if y1 < y2 <= y1 + 200 else None


@rule("end_of_year", rf"(?i:\b(?:the\s+)?(?:end|close)\s+of\s+)(?P<year>{YEAR})(?![\d%])")
def _end_of_year(m: re.Match, s: str) -> Parsed | None:
    """ "until the end of 2026": the December of that year, as "the end of the year" is its year's December."""
    year = int(m["year"])
    return Parsed(m.start(), m.end(), "explicit", _explicit(lambda: month_span(year, 12), "month"))


@rule("year_prefix", rf"(?i:\b(?:post|pre|mid|early|late|end)-)(?P<year>{YEAR})(?![\d%])")
def _year_prefix(m: re.Match, s: str) -> Parsed | None:
    year = int(m["year"])
    if not 1000 <= year <= 2100:
        return None
    return Parsed(m.start(), m.end(), "explicit", _explicit(lambda: year_span(year), "year"))


def _year_range(m: re.Match, s: str) -> Parsed | None:
    y1 = int(m["y1"])
    y2 = _second_year(y1, m["y2"])
    if y2 is None or y1 < 1000:
        return None
    if len(m["y2"]) == 2 and re.match(r"\s*(?:%|percent|per cent)", s[m.end() :]):
        return None
    return Parsed(m.start(), m.end(), "explicit", _explicit(lambda: year_span(y1, y2), "range"))


rule("year_between", rf"(?i:\bbetween)\s+(?P<y1>{YEAR})\s+and\s+(?P<y2>{YEAR})(?!\d)")(_year_range)
rule("year_from_to", rf"(?i:\bfrom)\s+(?P<y1>{YEAR})\s+(?:to|until|till|through|thru)\s+(?P<y2>{YEAR})(?!\d)")(
    _year_range
)
# Not "Directive 2014/24/EU" (a number: the slash goes on).
rule("year_dash", rf"(?<![\d,.€$£/#-])(?P<y1>{YEAR})\s*[–—‒−/-]\s*(?P<y2>{YEAR}|\d{{2}})(?![\d%.,]\d|[\d%/])")(
    _year_range
)


@rule(
    "past_span",
    rf"(?i:\b(?:(?:in|over|during|within|for)\s+)?the\s+(?P<which>past|last|previous|preceding)\s+"
    rf"(?:(?P<n>{_NUM_WORDS}|\d+)\s+)?(?P<unit>years?|decades?))\b",
)
def _past_span(m: re.Match, s: str) -> Parsed | None:
    """ "In the past two years": the years back from the publication date (context, drawn thin)."""
    if not m["n"] and m["which"].lower() in ("previous", "preceding") and not m["unit"].lower().endswith("s"):
        return None  # "than in the previous year": the year before the narrative's (an anaphoric phrase)
    n_text = (m["n"] or "one").lower()
    n = int(n_text) if n_text.isdigit() else NUMBER_WORDS.get(n_text)
    if n is None:
        return None
    years = n * (10 if m["unit"].lower().startswith("decade") else 1)

    def resolve(ctx: Context, p: Parsed) -> TimeExpr | None:
        if ctx.publication is None:
            return _unresolved(ctx, p, "range", "relative, and the document has no date")
        y = ctx.publication.year
        note = f"the {years} year{'s' if years > 1 else ''} before {ctx.publication.describe()}"
        return _made(ctx, p, year_span(y - years, y), "range", "publication", note)

    return Parsed(m.start(), m.end(), "relative", resolve)


_NEEDS = {"day": "day", "week": "day", "month": "month", "year": "year", "decade": "year"}


@rule(
    "ago",
    rf"(?i:\b(?P<exactly>exactly\s+)?(?P<n>\d+|{_NUM_WORDS})\s+(?P<unit>days?|weeks?|months?|years?|decades?)\s+ago"
    r"(?P<today>\s+today)?)\b",
)
def _ago(m: re.Match, s: str) -> Parsed | None:
    """ "two years ago" is a year; "two years ago today", "exactly a week ago" the anniversary day."""
    n_text = m["n"].lower()
    n = int(n_text) if n_text.isdigit() else NUMBER_WORDS.get(n_text)
    if n is None or n > 200:
        return None
    unit = m["unit"].lower().rstrip("s")
    anniversary = bool(m["today"] or m["exactly"]) and unit in ("year", "month", "week")

    def resolve(ctx: Context, p: Parsed) -> TimeExpr | None:
        pub = ctx.publication
        need = "day" if anniversary else _NEEDS[unit]
        if pub is None or not pub.knows(need):
            return _unresolved(ctx, p, "day" if anniversary else unit, _missing(pub, "relative"))
        note = f"{n} {unit}(s) before {pub.describe()}"
        if anniversary:
            return _made(ctx, p, day_span(same_day_back(pub.date, unit, n)), "day", "publication", note)
        span, precision = shift(pub, unit, -n)
        return _made(ctx, p, span, precision, "publication", note)

    return Parsed(m.start(), m.end(), "relative", resolve)


@rule(
    "part_of_the_year",
    r"(?i:\b(?:the\s+)?(?P<ord>first|second|third|fourth|last)\s+(?P<unit>half|quarter)\s+of\s+"
    r"(?P<which>the|this|that|last|next)\s+year)\b",
)
def _part_of_the_year(m: re.Match, s: str) -> Parsed | None:
    """ "the second half of the year": of the narrative's year, else of the publication's ("this year")."""
    unit, ord_ = m["unit"].lower(), m["ord"].lower()
    n = {"first": 1, "second": 2, "third": 3, "fourth": 4}.get(ord_, 2 if unit == "half" else 4)
    if unit == "half" and n > 2:
        return None
    code = f"H{n}" if unit == "half" else f"Q{n}"
    which = m["which"].lower()
    offset = {"last": -1, "next": 1}.get(which, 0)

    def resolve(ctx: Context, p: Parsed) -> TimeExpr | None:
        anchor = ctx.story if which in ("the", "that") else None
        anchor = anchor or ctx.publication
        if anchor is None:
            return _unresolved(ctx, p, "season", "relative, and the document has no date")
        span = part_of_year_span(anchor.year + offset, code)
        return _made(ctx, p, span, "season", anchor.source, f"the year of {anchor.describe()}")

    return Parsed(m.start(), m.end(), "relative", resolve)


@rule("end_of_the_year", r"(?i:\b(?:the\s+)?(?P<part>end|close|beginning|start)\s+of\s+the\s+year)(?![\w-])")
def _end_of_the_year(m: re.Match, s: str) -> Parsed | None:
    """ "It will expire at the end of the year": December (January for "the beginning of the year") of the
    year the text is in: the publication's when told ahead, else the narrative's ("In March 2011 … by the
    end of the year"), else the publication's."""
    month = 12 if m["part"].lower() in ("end", "close") else 1

    def resolve(ctx: Context, p: Parsed) -> TimeExpr | None:
        ahead = is_future(ctx.sentence, p.start, p.end)
        anchor = (None if ahead else ctx.story) or ctx.publication
        if anchor is None:
            return _unresolved(ctx, p, "month", "relative, and the document has no date")
        note = f"the {m['part'].lower()} of the year of {anchor.describe()}"
        return _made(ctx, p, month_span(anchor.year, month), "month", anchor.source, note)

    return Parsed(m.start(), m.end(), "relative", resolve)


@rule("later_in_the_unit", r"(?i:\b(?P<mod>later|earlier)\s+in\s+the\s+(?P<unit>week|month|year))(?![\w-])")
def _later_in_the_unit(m: re.Match, s: str) -> Parsed | None:
    """ "later in the week", "earlier in the month": the week (month, year) the text is in, the narrative's
    last date when it has one precise enough, else the publication's."""
    unit = m["unit"].lower()

    def resolve(ctx: Context, p: Parsed) -> TimeExpr | None:
        story = ctx.story if ctx.story is not None and ctx.story.knows(_NEEDS[unit]) else None
        anchor = story or ctx.publication
        if anchor is None or not anchor.knows(_NEEDS[unit]):
            return _unresolved(ctx, p, unit, _missing(anchor, "relative"))
        span, precision = shift(anchor, unit, 0)
        return _made(ctx, p, span, precision, anchor.source, f"the {unit} of {anchor.describe()}")

    return Parsed(m.start(), m.end(), "relative", resolve)


@rule(
    "anaphoric",
    rf"(?i:\b(?:the\s+(?P<which>next|following|previous|preceding|same|subsequent)\s+(?P<unit>day|week|month|year)"
    rf"|(?P<mod>later|earlier)\s+that\s+(?P<unit2>day|week|month|year)"
    rf"|(?P<that>that\s+(?:same\s+)?)(?P<unit3>day|month|year)"
    rf"|(?P<n>\d+|{_NUM_WORDS})\s+(?P<unit4>days?|weeks?|months?|years?)\s+(?P<dir>later|earlier)))\b",
)
def _anaphoric(m: re.Match, s: str) -> Parsed | None:
    """Told against the last date of the narrative: "the next day", "later that year", "two years later"."""
    unit = (m["unit"] or m["unit2"] or m["unit3"] or m["unit4"]).lower().rstrip("s")
    if m["which"]:
        n = {"next": 1, "following": 1, "subsequent": 1, "previous": -1, "preceding": -1, "same": 0}[m["which"].lower()]
    elif m["n"]:
        n_text = m["n"].lower()
        count = int(n_text) if n_text.isdigit() else NUMBER_WORDS.get(n_text)
        if count is None:
            return None
        n = count if m["dir"].lower() == "later" else -count
    else:
        n = 0
    after = s[m.end() : m.end() + 12].lower()
    if m["which"] and re.match(r"\s*(?:of|after|before|in)\b", after):
        return None  # "the next year of the war", "the same day as …": not anchored on a date

    def resolve(ctx: Context, p: Parsed) -> TimeExpr | None:
        anchor = ctx.story
        pub = ctx.publication
        if (
            n > 0
            and pub is not None
            and pub.knows(_NEEDS[unit])
            and (anchor is None or anchor.latest < pub.date)
            and is_future(ctx.sentence, p.start, p.end)
        ):
            # "Over the course of the next week, the Secretary will visit …": told in the future, it counts
            # from the day of writing, not from a past date the text mentioned before.
            span, precision = shift(pub, unit, n)
            return _made(ctx, p, span, precision, "publication", f"told in the future: counted from {pub.describe()}")
        if anchor is None or not anchor.knows(_NEEDS[unit]):
            return None
        if anchor.text and _is_apposition(ctx.sentence, p, anchor.text):
            # "On March 11th, the next day, a ceasefire was declared": the phrase restates the date before it.
            span, precision = shift(anchor, unit, 0)
            return _made(ctx, p, span, precision, "narrative", f"the same day as {anchor.describe()}, restated")
        span, precision = shift(anchor, unit, n)
        return _made(ctx, p, span, precision, "narrative", f"counted from {anchor.describe()}")

    return Parsed(m.start(), m.end(), "relative", resolve)


def _is_apposition(sentence: str, p: Parsed, date_text: str) -> bool:
    """Is the anaphoric phrase at ``p`` set off by commas right after the date that anchors it?"""
    before = sentence[: p.start].rstrip()
    return before.endswith(",") and before[:-1].rstrip().endswith(date_text) and sentence[p.end :].startswith(",")


@rule(
    "relative_unit",
    r"(?i:\b(?:(?P<mod>earlier|later|early|late|the\s+end\s+of|end\s+of|the\s+start\s+of|the\s+beginning\s+of|"
    r"the\s+middle\s+of)\s+)?(?P<which>this\s+past|this\s+coming|this|last|next|past|previous|coming|current)\s+"
    r"(?P<unit>week|month|year|weekend|spring|summer|autumn|fall|winter))\b",
)
def _relative_unit(m: re.Match, s: str) -> Parsed | None:
    which = re.sub(r"\s+", " ", m["which"].lower())
    unit = m["unit"].lower()
    before = s[: m.start()].lower()
    if which in ("past", "previous", "last") and re.search(r"\bthe\s*$", before):
        return None  # "the past year", "the last week": a duration, not a calendar unit
    if which in ("past", "previous", "current") and unit not in ("year", "month", "week"):
        return None
    if which in ("past", "previous") and not m["mod"]:
        return None  # "past year" without "the" is rare and means the last twelve months
    if unit == "weekend":
        return None
    offset = {"this": 0, "current": 0, "last": -1, "previous": -1, "past": -1, "this past": -1, "next": 1}.get(which, 1)
    if which == "this coming":
        offset = 1 if unit in SEASON_CODES else 0

    def resolve(ctx: Context, p: Parsed) -> TimeExpr | None:
        pub = ctx.publication
        if unit in SEASON_CODES:
            if pub is None or not pub.knows("month"):
                return _unresolved(ctx, p, "season", _missing(pub, "relative"))
            year = season_year(pub, SEASON_CODES[unit], offset)
            note = f"{which} {unit}, told against {pub.describe()}"
            return _made(ctx, p, season_span(year, SEASON_CODES[unit]), "season", "publication", note)
        if pub is None or not pub.knows(_NEEDS[unit]):
            return _unresolved(ctx, p, unit, _missing(pub, "relative"))
        span, precision = shift(pub, unit, offset)
        return _made(ctx, p, span, precision, "publication", f"{which} {unit}, told against {pub.describe()}")

    return Parsed(m.start(), m.end(), "relative", resolve)


@rule(
    "today",
    r"(?<![\w-])(?P<word>(?i:today|yesterday|tomorrow|tonight)|this\s+(?:morning|afternoon|evening)|last\s+night)"
    # "today (Sunday)": the weekday in parentheses restates the day, one expression
    rf"(?![\w-])(?:\s*\((?:{WEEKDAY})\))?",
)
def _today(m: re.Match, s: str) -> Parsed | None:
    word = m["word"].lower()
    if word in ("today",) and re.match(r"[’']s\s+(?:world|europe|russia|china|america|middle east)", s[m.end() :]):
        return None  # "today's world": the present, not a day
    offset = -1 if word in ("yesterday", "last night") else 1 if word == "tomorrow" else 0

    def resolve(ctx: Context, p: Parsed) -> TimeExpr | None:
        pub = ctx.publication
        if pub is None or not pub.knows("day"):
            return _unresolved(ctx, p, "day", _missing(pub, "relative"))
        said = day_of_saying(ctx.sentence, p.start, p.end, pub.date)
        if said is not None and said != pub.date:
            # '"… especially stark today," said the Secretary in a statement yesterday': the day of saying
            d = said + dt.timedelta(days=offset)
            note = f"“{word}” inside a quotation spoken {said.isoformat()}"
            return _made(ctx, p, day_span(d), "day", "publication", note)
        d = pub.date + dt.timedelta(days=offset)
        return _made(ctx, p, day_span(d), "day", "publication", f"“{word}” told against {pub.describe()}")

    return Parsed(m.start(), m.end(), "relative", resolve)


@rule("weekend", r"(?i:\b(?:(?:over|during|through|throughout|at|on)\s+the|this|last|next|past|coming)\s+weekend)\b")
def _weekend(m: re.Match, s: str) -> Parsed | None:
    """ "over the weekend", "last weekend": the Saturday and Sunday before the publication date ("next
    weekend", or "this weekend" told in the future: after it), as the ISO week that holds them (the
    guidelines' scheme)."""
    which = m.group(0).split()[0].lower()

    def resolve(ctx: Context, p: Parsed) -> TimeExpr | None:
        pub = ctx.publication
        if pub is None or not pub.knows("day"):
            return _unresolved(ctx, p, "week", _missing(pub, "a weekend"))
        # "over the weekend" in news is the one just past; "this weekend", "on the weekend" follow the tense
        ahead = which in ("next", "coming") or (which in ("this", "at", "on") and is_future(s, p.start, p.end))
        saturday = weekday_on(pub.date, 5, "future" if ahead else "past")
        if not ahead and pub.date.weekday() == 6:
            saturday = pub.date - dt.timedelta(days=1)  # on a Sunday, the weekend under way
        note = f"the weekend {'after' if ahead else 'before'} {pub.describe()}"
        return _made(ctx, p, week_of(saturday), "week", "publication", note)

    return Parsed(m.start(), m.end(), "relative", resolve)


_NOT_WEEKDAY_BEFORE = {"good", "black", "bloody", "holy", "ash", "easter", "palm", "cyber", "super", "maundy"}


@rule(
    "weekday",
    rf"(?:(?P<which>(?i:last|next|this|coming|past|this\s+past|this\s+coming))\s+)?(?P<weekday>{WEEKDAY})(?![\w-])"
    # "on Monday, July 15", "Friday 28 June": the weekday belongs to the date after it (a partial date rule)
    rf"(?!,?\s+(?:(?:{MONTH})\s+(?:the\s+)?{DAY}(?!\d)|(?:the\s+)?{DAY}{ORD}\s+(?:of\s+)?(?:{MONTH})))"
    r"(?:\s+(?P<tod>morning|afternoon|evening|night))?",
)
def _weekday(m: re.Match, s: str) -> Parsed | None:
    prev = re.search(r"(\w+)\W*$", s[: m.start()])
    if prev and prev.group(1).lower() in _NOT_WEEKDAY_BEFORE:
        return None
    weekday = WEEKDAYS[m["weekday"].lower()]
    which = re.sub(r"\s+", " ", (m["which"] or "").lower())
    explicit_direction = {"last": "before", "past": "before", "this past": "before", "next": "after"}.get(which)
    if which in ("this", "this coming", "coming"):
        explicit_direction = "same_week" if which == "this" else "future"

    def resolve(ctx: Context, p: Parsed) -> TimeExpr | None:
        week = ctx.narrative
        if week is not None and week.week and explicit_direction is None:
            # "The schedule for the week of April 25, 2011: On Monday … On Friday": the days of that week
            d = weekday_on(week.date, weekday, "same_week")
            return _made(ctx, p, day_span(d), "day", "narrative", f"{m['weekday']} of {week.describe()}")
        pub = ctx.publication
        if pub is None or not pub.knows("day"):
            return _unresolved(ctx, p, "day", _missing(pub, "a weekday"))
        direction = explicit_direction or ("future" if is_future(ctx.sentence, p.start, p.end) else "past")
        d = weekday_on(pub.date, weekday, direction)
        told = {"past": "told in the past: the latest", "future": "told in the future: the earliest"}.get(direction)
        if told:
            rel = "on or before" if direction == "past" else "on or after"
            note = f"{m['weekday']} {told} {m['weekday']} {rel} {pub.describe()}"
        else:
            note = f"“{p.text(ctx.sentence)}” told against {pub.describe()}"
        return _made(ctx, p, day_span(d), "day", "publication", note)

    return Parsed(m.start(), m.end(), "relative", resolve)


def _resolve_day(ctx: Context, p: Parsed, anchor: Anchor, month: int, day: int) -> tuple[dt.date, str, str] | None:
    """A day and month without a year: from the narrative's year, else the publication date and the tense
    (the day, the note, the source of the year)."""
    if anchor.source == "narrative":
        year = narrative_year(anchor, month, day, ctx.sentence, p.start)
        d = _safe_date(year, month, day)
        pub = ctx.publication
        if d is not None and pub is not None and d > pub.latest and not is_future(ctx.sentence, p.start, p.end):
            d = day_near(pub, month, day, False)  # told in the past: not after the writing
            return (d, f"year from {pub.describe()}: told in the past, not after it", pub.source) if d else None
        return (d, f"year taken from {anchor.describe()}", anchor.source) if d else None
    future = is_future(ctx.sentence, p.start, p.end)
    d = day_near(anchor, month, day, future)
    if d is None:
        return None
    rel = "the earliest such day on or after" if future else "the latest such day on or before"
    other = day_near(anchor, month, day, not future)
    told_past = after_since(ctx.sentence, p.start) or surely_past(ctx.sentence, p.start, p.end)
    if other is not None and _far(anchor, d) and _near(anchor, other) and not (told_past and not future):
        # "extended for 90 days from 27 June" (perfect tense, 19 days ahead), "The signature on 27th May of
        # the Act and the Charter we will sign tomorrow" (a future verb of another clause, 42 days back):
        # a tense read that puts a day told without its year almost a year away is likelier misread
        # than a writer leaving out the year of so distant a day.
        rel = "the nearest such day to"
        note = f"year from {anchor.describe()}: {rel} it (the tense read would put it almost a year away)"
        return other, note, anchor.source
    return d, f"year from {anchor.describe()}: {rel} it", anchor.source


# A day told without its year lies this near the publication date in news and statements; a reading of
# the tense that puts it further than FAR_DAYS away gives way to an occurrence within NEAR_DAYS.
NEAR_DAYS = 92
FAR_DAYS = 300


def _far(anchor: Anchor, d: dt.date) -> bool:
    return abs((d - anchor.date).days) > FAR_DAYS if anchor.knows("day") else False


def _near(anchor: Anchor, d: dt.date) -> bool:
    return abs((d - anchor.date).days) <= NEAR_DAYS if anchor.knows("day") else False


@rule(
    "partial_day_range",
    rf"{WD}(?:(?:from|between)\s+)?(?P<month1>{MONTH})\s+(?P<d1>{DAY}){ORD}\s*(?:[–-]|to|and|until|through)\s*"
    rf"(?:(?P<month2>{MONTH})\s+)?(?P<d2>{DAY}){ORD}(?![\d]){NO_YEAR_AFTER}",
)
def _partial_day_range_mdy(m: re.Match, s: str) -> Parsed | None:
    return _day_range(m, s, "partial")


@rule(
    "partial_day_range_dmy",
    rf"(?:(?:from|between)\s+)?(?<![\d,.])(?P<d1>{DAY}){ORD}(?:\s+(?P<month1>{MONTH}))?\s*(?:[–-]|to|and|until)\s*"
    rf"(?P<d2>{DAY}){ORD}\s+(?P<month>{MONTH}){NO_YEAR_AFTER}",
)
def _partial_day_range_dmy(m: re.Match, s: str) -> Parsed | None:
    return _day_range(m, s, "partial")


_EVENT_NOUN = (
    r"(?:attacks?|massacre|assault|atrocities|terror\w*|war|pogrom|invasion|incursion|events?|slaughter|hostage|"
    r"onslaught|raid)"
)
_NAMED_EVENT_AFTER = re.compile(rf"\s*(?:[’']s\s+)?(?:\w+\s+){{0,2}}?{_EVENT_NOUN}\b", re.IGNORECASE)
_NAMED_EVENT_OF = re.compile(rf"(?i:\b{_EVENT_NOUN}\s+(?:of|on)\s+)$")
# The day as the subject of a verb ("to ensure October 7th cannot be repeated", "September 11 changed …").
_NAMED_EVENT_SUBJECT = re.compile(
    r"\s+(?:cannot|can|could|must|should|will|would|was|is|has|had|never|[a-z]+ed)\b(?!\s+(?:by|on|at|in)\b)"
)
_NAMED_EVENT_BEFORE = re.compile(r"(?i:\b(?:since|after|following|before|prior\s+to)\s+(?:the\s+)?)$")


def _names_the_event(s: str, start: int, end: int) -> int:
    """2 for "the October 7 attack", "the attacks of October 7th" (an event noun next to it), 1 for "since
    October 7" (a bare day after since, after, following), 0 otherwise."""
    if _NAMED_EVENT_AFTER.match(s[end:]) or _NAMED_EVENT_OF.search(s[:start]) or _is_subject(s, start, end):
        return 2
    return int(bool(_NAMED_EVENT_BEFORE.search(s[:start]) and re.match(r"\s*(?:[,.;)]|$)", s[end:])))


def _is_subject(s: str, start: int, end: int) -> bool:
    """Is the day the subject of a verb after it, with no preposition before it ("on October 7 …")?"""
    prev = re.search(r"(\w+)\W*$", s[:start])
    preposition = prev is not None and prev.group(1).lower() in _PREPOSITIONS
    return not preposition and bool(_NAMED_EVENT_SUBJECT.match(s[end:]))


_PREPOSITIONS = frozenset("on by until till from to before after since of in through during for around at".split())
_NAME_AFTER_DAY = re.compile(
    r"\s+(?:[Aa]lliance|[Cc]oalition|[Mm]ovement|[Bb]loc|[Cc]amp|[Ss]treet|[Ss]quare|[Bb]ridge)\b"
)


def _partial_day(m: re.Match, s: str) -> Parsed | None:
    month, day = _month_of(m["month"]), int(m["day"])
    if day > last_day(2024, month):
        return None
    if m["month"] == "May" and re.match(r"[’']s\b", s[m.end() :]):
        return None
    if _NAME_AFTER_DAY.match(s[m.end() :]):
        return None  # "the March 14 Alliance", "the March 8 coalition": names, not days

    named = NAMED_DAYS.get((month, day))
    strength = _names_the_event(s, m.start(), m.end()) if named else 0

    def resolve(ctx: Context, p: Parsed) -> TimeExpr | None:
        # "the October 7 attack" is the named day whatever the narrative; "since October 7" unless the
        # narrative has just set a month or a day.
        finer = ctx.narrative is not None and ctx.narrative.month is not None
        use_named = strength == 2 or (strength == 1 and not finer)
        if named and use_named and (ctx.publication is None or ctx.publication.year > named[0]):
            note = f"a day named without its year: read as the {named[1]}"
            return _made(ctx, p, day_span(dt.date(named[0], month, day)), "day", "named", note)
        anchor = _partial_anchor(ctx, "day")
        if anchor is None:
            return _unresolved(ctx, p, "day", "no year, and the document has no date")
        found = _resolve_day(ctx, p, anchor, month, day)
        if found is None:
            return None
        return _made(ctx, p, day_span(found[0]), "day", found[2], found[1])

    weekday = re.match(rf"(?:{WEEKDAY})", m.group(0).lstrip())
    if weekday is None:
        return Parsed(m.start(), m.end(), "partial", resolve)
    return Parsed(m.start(), m.end(), "partial", _on_its_weekday(resolve, WEEKDAYS[weekday.group(0).lower()]))


def _on_its_weekday(
    resolve: Callable[[Context, Parsed], TimeExpr | None], weekday: int
) -> Callable[[Context, Parsed], TimeExpr | None]:
    """ "Friday, June 28": of the years next to the one the anchor gives, the one where the day is that
    weekday (the weekday the text names settles the year the tense could only guess)."""

    def resolved(ctx: Context, p: Parsed) -> TimeExpr | None:
        expr = resolve(ctx, p)
        if expr is None or not expr.resolved or expr.anchor == "named":
            return expr
        d = dt.date.fromisoformat(expr.date_start)
        if d.weekday() == weekday:
            return expr
        for year in (d.year - 1, d.year + 1):
            other = _safe_date(year, d.month, d.day)
            if other is not None and other.weekday() == weekday:
                note = f"{expr.note}; {other.year}, the year in which that day is a {WEEKDAY.split('|')[weekday]}"
                return replace(expr, date_start=other.isoformat(), date_end=other.isoformat(), note=note)
        return expr

    return resolved


rule("partial_mdy", rf"{WD}(?P<month>{MONTH})\s+(?:the\s+)?(?P<day>{DAY}){ORD}(?![\d]){NO_YEAR_AFTER}")(_partial_day)
rule(
    "partial_dmy",
    rf"{WD}(?:the\s+)?(?<![\d,.])(?P<day>{DAY}){ORD}(?:\s+of)?\s+(?P<month>{MONTH}){NO_YEAR_AFTER}",
)(_partial_day)

_MONTH_LEAD = (
    r"in|In|since|Since|until|Until|till|by|By|from|From|during|During|through|throughout|before|Before|after|After|"
    r"early|Early|mid|Mid|late|Late|of|between|Between|around|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|"
    r"the\s+middle\s+of|end\s+of|beginning\s+of|start\s+of|last|Last|next|Next|this|This|and|or|to|"
    r"a|A|an|An|the|The"
)
# "in April, July, and August 2024": a month after a comma in a list of months; its year is the list's.
_LIST_YEAR = re.compile(rf",?\s*(?:(?:{MONTH}),\s*)*(?:and|or)\s+(?:{MONTH}),?\s+(?P<year>{YEAR})(?!\d)")


@rule(
    "partial_month_range",
    rf"(?P<lead>\b(?:from|between|From|Between))\s+(?P<month1>{MONTH}){_RANGE_JOIN}(?P<month2>{MONTH})"
    rf"(?![\w’'-]){NO_YEAR_AFTER}",
)
def _partial_month_range(m: re.Match, s: str) -> Parsed | None:
    m1, m2 = _month_of(m["month1"]), _month_of(m["month2"])
    if m2 <= m1:
        return None
    start = m.start("month1")

    def resolve(ctx: Context, p: Parsed) -> TimeExpr | None:
        anchor = _partial_anchor(ctx)
        if anchor is None:
            return _unresolved(ctx, p, "range", "no year, and the document has no date")
        year, note, source = _month_year_for(ctx, replace(p, start=m.start()), anchor, m1)  # "from" is its own
        return _made(ctx, p, (month_span(year, m1)[0], month_span(year, m2)[1]), "range", source, note)

    return Parsed(start, m.end(), "partial", resolve)


def _month_year_for(ctx: Context, p: Parsed, anchor: Anchor, month: int) -> tuple[int, str, str]:
    """The year of a month told without one, the note, and the source of the year."""
    if anchor.source == "narrative":
        year = narrative_year(anchor, month, 1, ctx.sentence, p.start)
        pub = ctx.publication
        if pub is not None and dt.date(year, month, 1) > pub.latest and not is_future(ctx.sentence, p.start, p.end):
            # "in July 2024 … talks that began in January", written in August 2024: the January nearest
            # the narrative's July would be 2025's, but what is told in the past lies before the writing
            year = month_near(pub, month, False)
            return year, f"year from {pub.describe()}: told in the past, not after it", pub.source
        return year, f"year taken from {anchor.describe()}", anchor.source
    future = is_future(ctx.sentence, p.start, p.end)
    rel = "the earliest such month on or after" if future else "the latest such month on or before"
    year = month_near(anchor, month, future, after_since(ctx.sentence, p.start))
    return year, f"year from {anchor.describe()}: {rel} it", anchor.source


@rule(
    "partial_month",
    rf"(?P<lead>\b(?:{_MONTH_LEAD})|(?<=[a-z]),)[\s-]+(?P<month>{MONTH})(?![\w’'-])(?!\s+\d){NO_YEAR_AFTER}",
)
def _partial_month(m: re.Match, s: str) -> Parsed | None:
    lead = re.sub(r"\s+", " ", m["lead"].lower())
    word = m["month"]
    if lead in ("and", "or", "to") and not re.search(rf"(?:{MONTH})\W+(?:\w+\W+)?$", s[: m.start()]):
        return None  # "and May" only in a list of months: "in June and July"
    if lead == "," and not re.search(rf"(?:{MONTH}),\s*$", s[: m.start("month")]):
        return None  # after a comma only in a list of months: "in April, July, and August 2024"
    if lead in ("a", "an", "the") and (word == "May" or not re.match(r"\s+[a-z]", s[m.end() :])):
        return None  # a month naming a noun after it: "a July target date", "the June elections"
    if word == "May" and (
        lead in ("by", "of", "and", "or", "to") or re.match(r"[’']s\b|\s+(?:has|had|said)", s[m.end() :])
    ):
        return None  # "Theresa May", "led by May", "May's government"
    month = _month_of(word)
    offset = {"last": -1, "next": 1}.get(lead, 0)
    start = m.start() if lead in ("last", "next", "this") else m.start("month")

    def resolve(ctx: Context, p: Parsed) -> TimeExpr | None:
        if offset or lead == "this":
            pub = ctx.publication
            if pub is None:
                return _unresolved(ctx, p, "month", "relative, and the document has no date")
            year = month_near(pub, month, offset > 0)
            if offset < 0 and pub.month and month >= pub.month:
                year = pub.year - 1
            if offset > 0 and pub.month and month <= pub.month:
                year = pub.year + 1
            return _made(
                ctx, p, month_span(year, month), "month", "publication", f"{lead} {word}, told against {pub.describe()}"
            )
        listed = _LIST_YEAR.match(ctx.sentence, p.end)
        if listed is not None:
            year = int(listed["year"])
            note = f"the year of the list's last month, {year}"
            return _made(ctx, p, month_span(year, month), "month", "narrative", note)
        anchor = _partial_anchor(ctx)
        if anchor is None:
            return _unresolved(ctx, p, "month", "no year, and the document has no date")
        year, note, source = _month_year_for(ctx, p, anchor, month)
        return _made(ctx, p, month_span(year, month), "month", source, note)

    kind = "relative" if offset or lead == "this" else "partial"
    return Parsed(start, m.end(), kind, resolve)


@rule(
    "partial_season",
    r"(?i:\b(?:in|during|over|through|throughout|by)\s+the\s+(?:(?:early|late)\s+)?(?P<season>spring|summer|autumn|fall|"
    rf"winter))\b(?!\s+of\b){NO_YEAR_AFTER}",
)
def _partial_season(m: re.Match, s: str) -> Parsed | None:
    code = SEASON_CODES[m["season"].lower()]
    start = m.start("season")

    def resolve(ctx: Context, p: Parsed) -> TimeExpr | None:
        anchor = _partial_anchor(ctx)
        if anchor is None:
            return _unresolved(ctx, p, "season", "no year, and the document has no date")
        if anchor.source == "narrative":
            return _made(
                ctx, p, season_span(anchor.year, code), "season", "narrative", f"year taken from {anchor.describe()}"
            )
        if not anchor.knows("month"):
            return _unresolved(ctx, p, "season", _missing(anchor, "no year"))
        year = season_near(anchor, code, is_future(ctx.sentence, p.start, p.end))
        return _made(ctx, p, season_span(year, code), "season", "publication", f"told against {anchor.describe()}")

    return Parsed(start, m.end(), "partial", resolve)


@rule("this_day_in", rf"(?i:\b(?:on\s+)?this\s+(?:very\s+)?(?:day|date)\s+in\s+)(?P<year>{YEAR})(?!\d)")
def _this_day_in(m: re.Match, s: str) -> Parsed | None:
    """ "On this day in 1949": the publication's day and month, in that year (an anniversary text)."""
    year = int(m["year"])

    def resolve(ctx: Context, p: Parsed) -> TimeExpr | None:
        pub = ctx.publication
        if pub is None or not pub.knows("day"):
            return _unresolved(ctx, p, "day", _missing(pub, "the day of the year"))
        d = _safe_date(year, pub.month or 1, pub.day or 1)
        note = f"the day and month of {pub.describe()}, in {year}"
        return _made(ctx, p, day_span(d), "day", "publication", note) if d else None

    return Parsed(m.start(), m.end(), "explicit", resolve)


@rule("year", rf"(?<![\d,.€$£¥/#@:-])(?P<year>{YEAR})(?![\d%]|,\d|\.\d|[’']s\b)")
def _year(m: re.Match, s: str) -> Parsed | None:
    """A bare year ("in 1949"), not a count, identifier or clock time (:mod:`analysis.timeline.bare_numbers`)."""
    year = int(m["year"])
    if not is_year(year, s[: m.start()], s[m.end() :]):
        return None
    return Parsed(m.start(), m.end(), "explicit", _explicit(lambda: year_span(year), "year"))


# ---------------------------------------------------------------------------------------------
# Finding
# ---------------------------------------------------------------------------------------------
def blocked_spans(text: str) -> list[tuple[int, int]]:
    """Spans nothing may be read from: citations, clock times, phone numbers, money, identifiers, fiscal years."""
    spans = [
        (m.start(), m.end()) for pattern in (_CITATION, _CLOCK, _MONEY, _FISCAL, _WEB) for m in pattern.finditer(text)
    ]
    spans += [(m.start(), m.end()) for m in _PAREN_YEAR.finditer(text) if is_citation_year(text, m)]
    for m in _PHONE.finditer(text):
        if sum(c.isdigit() for c in m.group(0)) >= 9:
            spans.append((m.start(), m.end()))
    return spans + identifier_numbers(text)


def is_metadata_line(text: str) -> bool:
    """ "published: 2016-05-04", "Title: …": a line about the file, not a sentence telling an event."""
    m = _METADATA_LINE.match(text)
    return bool(m) and m["key"].strip().lower() in METADATA_KEYS


# Cheap tests a sentence must pass before a rule is tried: most sentences hold no digit and no
# month, weekday or calendar word, and the rules' patterns are slow to scan.
_TRIGGERS = {
    "digit": re.compile(r"\d"),
    "month": re.compile(MONTH),
    "weekday": re.compile(WEEKDAY),
    "season": CaselessPattern(r"spring|summer|autumn|fall|winter"),
    "unit": CaselessPattern(r"\b(?:day|week|month|year|decade|centur|weekend|spring|summer|autumn|fall|winter)"),
    "deictic": CaselessPattern(r"today|yesterday|tomorrow|tonight|morning|afternoon|evening|night"),
    "paren": re.compile(r"\(\d"),
    "decade": re.compile(r"\d0[’']?s\b|(?i:ties\b)"),
}
# Which triggers each rule needs (all of them); a rule not listed is always tried.
NEEDS = {
    "iso": ("digit",),
    "numeric": ("digit",),
    "day_range_mdy": ("digit", "month"),
    "day_range_dmy": ("digit", "month"),
    "week_of": ("digit", "month"),
    "mdy": ("digit", "month"),
    "dmy": ("digit", "month"),
    "month_year_range": ("digit", "month"),
    "month_range_year": ("digit", "month"),
    "month_year": ("digit", "month"),
    "season_year": ("digit", "season"),
    "part_of_year": ("digit",),
    "quarter_code": ("digit",),
    "first_decade": ("unit",),
    "century": ("unit",),
    "decade": ("decade",),
    "decade_range": ("decade",),
    "parenthesised": ("paren",),
    "end_of_year": ("digit",),
    "year_prefix": ("digit",),
    "year_between": ("digit",),
    "year_from_to": ("digit",),
    "year_dash": ("digit",),
    "past_span": ("unit",),
    "ago": ("unit",),
    "part_of_the_year": ("unit",),
    "anaphoric": ("unit",),
    "relative_unit": ("unit",),
    "today": ("deictic",),
    "weekend": ("unit",),
    "weekday": ("weekday",),
    "partial_day_range": ("digit", "month"),
    "partial_day_range_dmy": ("digit", "month"),
    "partial_mdy": ("digit", "month"),
    "partial_dmy": ("digit", "month"),
    "partial_month_range": ("month",),
    "partial_month": ("month",),
    "partial_season": ("season",),
    "this_day_in": ("digit", "unit"),
    "year": ("digit",),
}


def parse(text: str) -> list[Parsed]:
    """Every candidate expression in ``text``, not overlapping, in text order (earlier rules win overlaps)."""
    if is_metadata_line(text):
        return []
    present = {name for name, trigger in _TRIGGERS.items() if trigger.search(text)}
    if not present:
        return []
    blocked = blocked_spans(text) if "digit" in present else []
    taken: list[tuple[int, int]] = []
    found: list[Parsed] = []
    for name, pattern, handler in _RULES:
        if not present.issuperset(NEEDS.get(name, ())):
            continue
        for m in pattern.finditer(text):
            if not m.group(0).strip():
                continue
            span = (m.start(), m.end())
            if _overlaps(span, blocked) or _overlaps(span, taken):
                continue
            parsed = handler(m, text)
            if parsed is None:
                continue
            parsed = _trim(parsed, text)
            taken.append((parsed.start, parsed.end))
            found.append(parsed)
    return sorted(found, key=lambda p: p.start)


def _trim(p: Parsed, text: str) -> Parsed:
    """Leading and trailing spaces and commas are not part of the expression."""
    start, end = p.start, p.end
    while start < end and text[start] in " ,\t":
        start += 1
    while end > start and text[end - 1] in " ,\t":
        end -= 1
    return replace(p, start=start, end=end)


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(span[0] < b and a < span[1] for a, b in spans)


def _coarser_same(new: Anchor, old: Anchor | None) -> bool:
    """Is ``new`` a bare year the narrative's more precise date already lies in?"""
    return old is not None and new.month is None and old.month is not None and new.year == old.year


def resolve_all(parsed: list[Parsed], ctx: Context) -> list[TimeExpr]:
    """Resolve in text order; an explicit date sets the narrative anchor for what follows."""
    out: list[TimeExpr] = []
    for p in parsed:
        expr = p.resolve(ctx, p)
        if expr is None:
            continue
        out.append(expr)
        narrative, story, local = anchors_set_by(ctx.sentence, expr)
        if narrative is not None and _coarser_same(narrative, ctx.narrative):
            narrative = None  # "the week of April 25, 2011 … in 2011": the year adds nothing to the week
        if narrative is not None:
            # a date resolved from a narrative date that holds for this sentence only holds as long
            ctx.narrative, ctx.local = narrative, local or (expr.anchor == "narrative" and ctx.local)
        if story is not None:
            ctx.story = story
    return join_ranges(ctx.sentence, out)


def find_dates(text: str, doc_date: str = "", narrative: Anchor | None = None) -> list[TimeExpr]:
    """Temporal expressions in ``text`` (a body sentence), in order, not overlapping.

    ``doc_date`` is the publication date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, or empty);
    ``narrative`` a date set earlier in the document, if any (see :class:`DocumentDates`).
    """
    ctx = Context(text, publication_anchor(doc_date), narrative, narrative)
    return resolve_all(parse(text), ctx)


# How many passages after its own a narrative date stays the anchor of partial dates (0: its paragraph only).
NARRATIVE_REACH = 1
# A week the narrative set ("The schedule for the week of April 25, 2011: On Monday, …") holds longer, a
# schedule's paragraph per day, and each weekday read in it renews it.
WEEK_REACH = 3


class DocumentDates:
    """Reads one document's sentences in order, carrying the narrative's last date from one to the next.

    Partial dates take their year from it while it is recent: a day or month for the rest of its
    paragraph and the next (:data:`NARRATIVE_REACH`); a bare year only in the next sentence, or in a
    document whose publication date gives no month (a background "in 2006" must not capture a news
    report's "on 27 July"). Anaphoric dates ("two years later") count from it wherever it was set.
    """

    def __init__(self, published: str, distant: bool = False) -> None:
        self.published = published
        self.publication = publication_anchor(published)
        # told from far before its publication date (analysis/timeline/vantage.py): the narrative's
        # last date anchors partial dates however far back it was set
        self.distant = distant
        self._narrative: Anchor | None = None  # the last narrative date: partial dates take its year
        self._last_at = -1  # passage index where it was set
        self._last_sentence = -1
        self._story: Anchor | None = None  # the last date of any kind: "the next day" counts from it
        self._passage = None
        self._index = -1
        self._sentence = -1
        self._identifiers: set[str] = set()  # four-digit numbers the document used as identifiers

    def _names_identifier(self, text: str, p: Parsed) -> bool:
        number = p.text(text)
        return number.isdigit() and names_an_identifier(text, p.start, number, self._identifiers)

    def _recent(self) -> Anchor | None:
        last = self._narrative
        reach = WEEK_REACH if last is not None and last.week else NARRATIVE_REACH
        if last is None or (self._index - self._last_at > reach and not self.distant):
            return None
        if last.month is None:
            loose = self.publication is None or self.publication.month is None or self.distant
            return last if loose or self._sentence - self._last_sentence <= 1 else None
        return last

    def find(self, text: str, passage_id: str = "", parsed: list[Parsed] | None = None) -> list[TimeExpr]:
        """The sentence's expressions, resolved; ``parsed`` is :func:`parse` of ``text`` when already made."""
        if passage_id != self._passage:
            self._passage, self._index = passage_id, self._index + 1
        self._sentence += 1
        numbers = [text[a:b] for a, b in identifier_numbers(text)]
        self._identifiers.update(n for n in numbers if len(n) == 4)
        parsed = parse(text) if parsed is None else parsed
        if self._identifiers:
            parsed = [p for p in parsed if not (p.kind == "explicit" and self._names_identifier(text, p))]
        recent = self._recent()
        ctx = Context(text, self.publication, recent, self._story)
        found = resolve_all(parsed, ctx)
        if ctx.narrative is not recent and not ctx.local:
            self._narrative, self._last_at, self._last_sentence = ctx.narrative, self._index, self._sentence
        elif (
            recent is not None and recent.week and any(e.kind == "relative" and e.anchor == "narrative" for e in found)
        ):
            # a schedule goes on through its week: "On Thursday, …" "On Friday, …"
            self._last_at, self._last_sentence = self._index, self._sentence
        self._story = ctx.story
        return found
