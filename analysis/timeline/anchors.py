"""What a relative or partial date is resolved against, and how.

A partial or relative expression ("on Thursday", "in May", "last month") names a
day only together with a reference point, as TimeML/HeidelTime taggers treat it:
the document's publication date, or an explicit date the narrative has just set
("On September 15, 2020 … a few months later, on December 10th" → 2020-12-10).
An :class:`Anchor` is such a point with the precision it is known to; a point
known only to its month cannot resolve "Thursday", and then the expression stays
unresolved rather than guessed. No anchor is ever the day of the analysis.

Tense decides the direction (the guidelines' rule, ``analysis/data/eval/GUIDELINES.md``
section 5): a weekday or month told in the past is the latest such day on or
before the anchor, told in the future the earliest on or after it. The tense is
read from the nearest cue before the expression in its clause ("said on
Thursday" past, "will meet on Thursday" future), then after it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache

from analysis.timeline.lexicon import NOT_PAST_ED, PAST_CUES
from analysis.timeline.spans import last_day

PRECISION_RANK = {"day": 0, "month": 1, "year": 2}


@dataclass(frozen=True)
class Anchor:
    """A reference point: ``year`` always, ``month`` and ``day`` when known."""

    year: int
    month: int | None = None
    day: int | None = None
    source: str = "publication"  # publication | narrative
    text: str = ""  # what set it, for the note shown to the analyst
    week: bool = False  # a week the narrative set ("the week of April 25, 2011"): ``day`` is its Monday

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def knows(self, precision: str) -> bool:
        """Is the anchor precise enough to resolve an expression needing ``precision``?"""
        return PRECISION_RANK[self.precision] <= PRECISION_RANK[precision]

    @property
    def latest(self) -> dt.date:
        """The last day the anchor may stand for (a month-precise date: the month's last day)."""
        month = self.month or 12
        return dt.date(self.year, month, self.day or last_day(self.year, month))

    @property
    def date(self) -> dt.date:
        """The anchor's day; only meaningful when :meth:`knows` ``'day'``."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    def describe(self) -> str:
        shown = (
            f"{self.year:04d}" + (f"-{self.month:02d}" if self.month else "") + (f"-{self.day:02d}" if self.day else "")
        )
        if self.source == "publication":
            return f"the publication date {shown}"
        return f"“{self.text}” earlier in the text" if self.text else f"the date {shown} set earlier in the text"


_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def publication_anchor(published: str) -> Anchor | None:
    """The document's date as an anchor; None when it has none (never today's date)."""
    m = _ISO.match((published or "").strip())
    if not m:
        return None
    return Anchor(int(m[1]), int(m[2]) if m[2] else None, int(m[3]) if m[3] else None, "publication")


_FUTURE = re.compile(
    # "are to meet Tuesday" (an arrangement ahead); "the strategy to be announced Wednesday" (a passive
    # infinitive: what is yet to happen), but not "reported to be killed", "said to be held" (a past report)
    r"(?:\b(?:(?:is|are|am)\s+to(?=\s+(?!be\s+(?:found|seen)\b)[a-z]+\b)|"
    r"(?<![a-z]ed\s)(?<!said\s)(?<!known\s)(?<!seem\s)(?<!seems\s)(?<!appear\s)(?<!appears\s)"
    r"to\s+be(?=\s+[a-z]+(?:ed|en|wn|ld)\b)|will|shall|won[’']t|(?:is|are|be|was|were)\s+(?:set|due|scheduled|slated|expected|planned|going|poised|"
    r"supposed)\s+to|upcoming|forthcoming|coming|(?<!the\s)next(?!\s+to\b)|(?:plans?|planning|intends?|aims?|hopes?|wants?|agreed|"
    r"decided|pledged|vowed|promised|invited|expects?)\s+to|(?-i:could|would|might|may|should|can|must)"
    # "scheduled for 15 March", "the report, due in February": a date arranged ahead (not "was scheduled")
    r"|(?<!was\s)(?<!were\s)(?<!been\s)(?:scheduled|planned|slated|set|expected|timetabled)\s+(?:for|in|on|by)"
    r"|(?<!was\s)(?<!were\s)due\s+(?:for|on|by|in(?!\s+(?:large\s+)?part))"
    # what is prepared for or awaited lies ahead: "as we prepare for the Summit in July", "slim ahead of the
    # November 24 deadline", "in the run-up to the March vote"
    r"|ahead\s+of|prepar(?:e|es|ing)\s+for|in\s+preparation\s+for|(?:in\s+the\s+)?run-up\s+to)\b|[’']ll\b)"
    # the verb chain after the cue belongs to it: "will be held" is not a past tense
    r"(?:\s+(?:not|also|then|soon|likely|probably|now|be|have|been|get))*(?:\s+[a-z]+)?",
    re.IGNORECASE,
)
# A modal with a perfect tells what might have been, in the past: "what should have been a safe corridor".
_MODAL_PERFECT = re.compile(r"(?i:could|would|might|may|should|must)(?:\s+not)?\s+have\b")
# Lower-case words only: a verb inside a sentence is lower-case, "United Nations" is not a past tense.
_PAST = re.compile(r"\b[a-z][a-z’']*\b")
# A clause ends at these; a quotation opens a clause of its own ('said "By Wednesday we will …"').
_CLAUSE_BREAK = re.compile(r"[;:—–\"“”]|\.\s")


def tense(sentence: str, start: int, end: int) -> bool | None:
    """True (future), False (past) or None (no cue) for the expression at ``start:end``: the nearest tense
    cue before it in its clause decides, else the first one after it."""
    return _regex_tense(sentence, start, end)[0]


def _regex_tense(sentence: str, start: int, end: int) -> tuple[bool | None, bool]:
    """(verdict, sure): sure when the deciding cue is a future marker or a listed past form ("said",
    "was"), not a word merely ending in -ed ("a suspected attack")."""
    left = sentence[:start]
    if told_as_arranged(left):
        return True, True
    cut = max((m.end() for m in _CLAUSE_BREAK.finditer(left)), default=0)
    found = _nearest(left[cut:], from_end=True)
    if found[0] is not None:
        return found
    right = sentence[end:]
    stop = next((m.start() for m in _CLAUSE_BREAK.finditer(right)), len(right))
    return _nearest(right[:stop], from_end=False)


# A present-tense verb of schedule just before the date tells an arrangement ahead, whatever the clause
# around it says: "They resume Monday in Geneva", "officials said the talks resume on Monday", "the
# ceasefire expires Friday". Not a noun: "in a vote on Monday", "his visit Monday" (a determiner before it).
_SCHEDULE_VERBS = (
    r"(?:resume|begin|start|open|close|meet|convene|reconvene|arrive|depart|leave|travel|return|visit|end|"
    r"expire|host|vote|gather|head|sign|launch|take\s+effect|get\s+under\s*way)"
)
_ARRANGED = re.compile(
    rf"(?P<before>[\w’'.]+)\s+(?P<verb>{_SCHEDULE_VERBS}|fly|flies)(?P<s>e?s)?"
    r"(?P<gap>(?:\s+(?!(?:and|but|or|while|after|before|when|because|which|who|that)\b)[\w’'-]+){0,4}?)"
    r"\s+(?:on\s+|this\s+|next\s+|from\s+)?$",
    re.IGNORECASE,
)
_SUBJECT_PRONOUNS = frozenset(["they", "we", "you", "i"])
_NOT_A_SUBJECT = frozenset(
    "a an the this that these those its his her our their my your is was has does did as us yes whereas "
    "unless less across thus plus to not also will would could should may might must can shall "
    "two three four five several many more first second last new recent".split()
)


def told_as_arranged(left: str) -> bool:
    """Does the text before a date end in a present-tense verb of schedule with its subject ("talks
    resume", "the summit opens", "Rice travels … on")? Then the date lies ahead."""
    m = _ARRANGED.search(left)
    if m is None:
        return False
    before = m["before"].lower().strip("’'")
    if before in _NOT_A_SUBJECT or before.endswith(("’s", "'s")):
        return False
    third_person = bool(m["s"]) or m["verb"].lower() == "flies"
    if third_person:
        return not before.endswith("ly")  # "a closely watched vote": not a subject
    # the base form needs a plural subject: "talks resume", "they meet"
    return before in _SUBJECT_PRONOUNS or (before.endswith("s") and not before.endswith("ss"))


# Before a weekday or date with no tense cue in its clause, these words point ahead: "From Monday,
# the new rules apply", "until Friday", "starting 1 August".
_AHEAD = re.compile(r"\b(?:from|starting|beginning|as\s+of|until|till|by|effective)\s*$", re.IGNORECASE)


# The new end of a period extended, prolonged or renewed lies after the act, whatever its tense: "the Council
# today extended the mandate … through July" (said in January), "extends the force until 31 August".
_EXTENDED_TO = re.compile(
    r"(?i:\b(?:extend|extends|extended|extending|prolong|prolongs|prolonged|prolonging|renew|renews|renewed|"
    r"renewing)\b[^.;:]*?\b(?:until|till|through|to)\s+(?:the\s+end\s+of\s+)?)$"
)


def is_future(sentence: str, start: int, end: int) -> bool:
    """Is the expression at ``start:end`` told in the future? A sure tense word in its clause ("will",
    "could", "said", "met") decides; otherwise the verb the date hangs on in a dependency parse (the
    parse is costly, so it is asked only then); then any tense word; past when nothing says (news
    reports what happened)."""
    if after_since(sentence, start):
        return False  # "his fourth trip since October 7th": what "since" counts from lies behind
    if _EXTENDED_TO.search(sentence[:start]):
        return True
    verdict, sure = _regex_tense(sentence, start, end)
    if sure:
        return bool(verdict)
    parsed = parsed_tense(sentence, start, end)
    if parsed is not None:
        return parsed
    if verdict is None:
        return bool(_AHEAD.search(sentence[:start].rstrip()) or _HEADLINE_FUTURE.match(sentence))
    return verdict


# "since October", "ever since the end of May": a point in the past, whatever the tense of the clause.
# "since the ceasefire of March 3rd": the event named before the date is the starting point.
_SINCE = re.compile(
    r"\b(?i:since|ever\s+since)\s+(?:(?:the\s+)?(?:(?:early|mid|late)[\s-]+|(?:end|beginning|start|middle)\s+of\s+)"
    r"|the\s+(?:[\w’'-]+\s+){1,3}(?:of|on)\s+)?$"
)


def after_since(sentence: str, start: int) -> bool:
    """Does the expression at ``start`` follow "since" (a starting point, so in the past)?"""
    return bool(_SINCE.search(sentence[:start]))


def surely_past(sentence: str, start: int, end: int) -> bool:
    """Is the expression told in the past by a sure word of its clause ("said", "met", "was")? A day so
    told lies before the time of writing, however far back that puts it."""
    verdict, sure = _regex_tense(sentence, start, end)
    return sure and verdict is False


# Headlinese puts the future in an infinitive: "UN to Probe Alleged Syria Chemical Attack Site Monday".
_HEADLINE_FUTURE = re.compile(r"^(?:[A-Z][\w.'’-]*\s+){1,5}to\s+[A-Z][a-z]+")


_FUTURE_AUX = frozenset(
    ["will", "shall", "'ll", "’ll", "wo", "could", "would", "may", "might", "should", "can", "must"]
)
_PERFECT_AUX = frozenset(["has", "have", "'ve", "’ve"])
_PRESENT_BE = frozenset(["is", "are", "am", "'re", "’re", "'s", "’s"])


# Who answers :func:`parsed_tense` while a build runs: the timeline stage first records the questions
# (every sentence's parse is then made once, in batches, with stance's: analysis/parses.py) and then
# answers them from what the batch found. Unset, each question parses its sentence on the spot.
TENSE_ORACLE: ContextVar[Callable[[str, int, int], bool | None] | None] = ContextVar("tense_oracle", default=None)


def parsed_tense(sentence: str, start: int, end: int) -> bool | None:
    """True (future), False (past) or None from the verb the expression depends on: "will begin inspecting
    … on Monday" is future, "met on Thursday" past, "could take place around July 15" future; climbing
    through infinitives ("is scheduled to meet on Monday" is decided by "scheduled")."""
    oracle = TENSE_ORACLE.get()
    if oracle is not None:
        return oracle(sentence, start, end)
    doc = _parsed(sentence)
    return None if doc is None else tense_in(doc, start, end)


def tense_in(doc, start: int, end: int) -> bool | None:
    """:func:`parsed_tense` on a parse already made of the sentence."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    node = span.root
    for _ in range(12):
        if node.pos_ in ("VERB", "AUX") or node.head is node:
            break
        node = node.head
    for _ in range(4):
        if node.pos_ not in ("VERB", "AUX"):
            return None
        verdict = _verb_tense(node)
        # "will meet on Monday and travel on Tuesday": a conjoined verb shares the first one's auxiliaries.
        if verdict is not None or node.dep_ not in ("xcomp", "advcl", "conj") or node.head is node:
            return verdict
        node = node.head
    return None


def _verb_tense(verb) -> bool | None:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & _FUTURE_AUX:
        return True
    if "to" in words and verb.dep_ == "ROOT":
        return True  # a headline's infinitive: "UN to Probe Alleged Syria Chemical Attack Site Monday"
    if any(a.tag_ == "VBD" for a in auxes) or words & _PERFECT_AUX or verb.tag_ == "VBD":
        return False
    if verb.tag_ == "VBG" and words & _PRESENT_BE:
        # "is hosting a meeting on Wednesday", "are going to establish": the present progressive tells
        # an arrangement ahead
        return True
    return None


def _parsed(sentence: str):
    """The sentence parsed by the pinned English pipeline, or None when it is not installed."""
    try:
        from analysis.stance.parser import ParserMissing, load_parser
    except ImportError:  # pragma: no cover - the stance package is part of the product
        return None
    try:
        return _parse_cached(sentence, load_parser())
    except ParserMissing:
        return None


@lru_cache(maxsize=64)  # a sentence's expressions are resolved one after another
def _parse_cached(sentence: str, nlp):
    return nlp(sentence)


def _nearest(text: str, from_end: bool) -> tuple[bool | None, bool]:
    """(True for future or False for past, sure) by the cue nearest the end (or the start) of ``text``."""
    futures = [(m.start(), m.end(), not _MODAL_PERFECT.match(m.group(0)), True) for m in _FUTURE.finditer(text)]
    pasts = [
        (m.start(), m.end(), False, m.group(0).lower() in PAST_CUES)
        for m in _PAST.finditer(text)
        if _is_past(m.group(0)) and not any(a <= m.start() < b for a, b, _, _ in futures)
    ]
    cues = futures + pasts
    if not cues:
        return None, False
    cue = max(cues, key=lambda c: c[1]) if from_end else min(cues, key=lambda c: c[0])
    return cue[2], cue[3]


def _is_past(word: str) -> bool:
    lower = word.lower()
    if lower in PAST_CUES:
        return True
    return lower.endswith("ed") and len(lower) > 4 and lower not in NOT_PAST_ED


def weekday_on(anchor: dt.date, weekday: int, direction: str) -> dt.date:
    """The ``weekday`` (Monday 0) nearest ``anchor`` in ``direction``: ``past`` (on or before), ``future``
    (on or after), ``before``/``after`` (strictly), ``same_week`` (the anchor's ISO week)."""
    if direction == "same_week":
        return anchor - dt.timedelta(days=anchor.weekday()) + dt.timedelta(days=weekday)
    back = (anchor.weekday() - weekday) % 7
    ahead = (weekday - anchor.weekday()) % 7
    if direction == "past":
        return anchor - dt.timedelta(days=back)
    if direction == "before":
        return anchor - dt.timedelta(days=back or 7)
    if direction == "after":
        return anchor + dt.timedelta(days=ahead or 7)
    return anchor + dt.timedelta(days=ahead)


def month_near(anchor: Anchor, month: int, future: bool, since: bool = False) -> int:
    """The year of ``month`` told against ``anchor``: the latest such month on or before it (past) or the
    earliest on or after it (future). A month a period runs ``since`` is not the anchor's own month when
    that has barely begun ("since October" said on 2 October is last year's October)."""
    ref_month = anchor.month or 12
    if future:
        return anchor.year if month >= (anchor.month or 1) else anchor.year + 1
    if since and month == anchor.month and anchor.day is not None and anchor.day <= SINCE_MIN_DAYS:
        return anchor.year - 1
    return anchor.year if month <= ref_month else anchor.year - 1


# A period "since" a month lasts at least this many days: a writer on the 2nd says "this month".
SINCE_MIN_DAYS = 7


def day_near(anchor: Anchor, month: int, day: int, future: bool) -> dt.date | None:
    """``month``/``day`` told against ``anchor``: the latest such day on or before it, or the earliest on or after."""
    ref = anchor.latest if not future else anchor.date if anchor.day else dt.date(anchor.year, anchor.month or 1, 1)
    if future:
        year = ref.year if (month, day) >= (ref.month, ref.day) else ref.year + 1
    else:
        year = ref.year if (month, day) <= (ref.month, ref.day) else ref.year - 1
    if day > last_day(year, month):
        return None
    return dt.date(year, month, day)


# Only these words say a day lies after (or before) the narrative's date; "following" and "after"
# usually introduce the cause ("following the expiration of a cease-fire on December 19").
STRICTLY_LATER = frozenset(["later", "afterwards", "afterward", "subsequently"])
STRICTLY_EARLIER = frozenset(["earlier", "previously"])


def narrative_year(anchor: Anchor, month: int, day: int, sentence: str, start: int) -> int:
    """The year of a day or month told after a narrative date: the occurrence nearest that date ("On
    September 15, 2020 … on December 10th" → 2020; "… months later, on 3 February" → 2021), after it when
    the text says "later", before it when it says "earlier". A year-only anchor gives its year."""
    if anchor.month is None:
        return anchor.year
    ref = dt.date(anchor.year, anchor.month, anchor.day or 15)
    words = set(re.findall(r"[a-z]+", sentence[max(0, start - 60) : start].lower()))
    candidates = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        d = dt.date(year, month, min(day, last_day(year, month)))
        if words & STRICTLY_LATER and d < ref or words & STRICTLY_EARLIER and d > ref:
            continue
        candidates.append((abs((d - ref).days), year))
    return min(candidates)[1] if candidates else anchor.year


# The attribution of a quotation, outside its quotation marks: "…," said the Secretary in a statement
# yesterday / "…," the minister told reporters on Tuesday.
_ATTRIBUTION_DAY = re.compile(
    r"(?i:\b(?:said|says|told|stated|wrote|added|declared|statement|remarks)\b[^“”\"]{0,80}?"
    r"\b(?P<when>yesterday|(?:on\s+)?(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b)"
)
_QUOTES = '“”"'


def day_of_saying(sentence: str, start: int, end: int, published: dt.date) -> dt.date | None:
    """The day a quotation holding ``start:end`` was spoken, when its attribution in the same sentence says
    it ("… stark today," said the Secretary in a statement yesterday): a "today" inside the quotation is
    that day, not the publication's. None when the expression is not quoted or the day is not told."""
    opened = [i for i, c in enumerate(sentence[:start]) if c in _QUOTES]
    if not opened or sentence[opened[-1]] == "”" or (sentence[opened[-1]] == '"' and len(opened) % 2 == 0):
        return None  # not inside a quotation
    close = next((i for i in range(end, len(sentence)) if sentence[i] in '”"'), None)
    outside = sentence[: opened[-1]] + " " + (sentence[close + 1 :] if close is not None else "")
    m = _ATTRIBUTION_DAY.search(outside)
    if m is None:
        return None
    if m["wd"] is None:
        return published - dt.timedelta(days=1)
    weekday = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"].index(m["wd"].lower())
    return weekday_on(published, weekday, "past")
