"""Is a document's publication date the point it is told from, or a date far after everything it tells?

A news report, a statement or a briefing is told from its publication date: "on Thursday", "today",
"on 27 July" are days near it. A reference text (an encyclopaedia article with the date it was
retrieved, a retrospective history) tells events years before its date: there "Fighting resumed on
22 January" is a day of the year its narrative has reached, however many paragraphs back that year
was set, and the publication date would put it in the wrong year, a year the text never speaks of.

The test is on the whole document, before it is read: a distant vantage when the document names no
time by the calendar of its writing (no "today", "yesterday", weekday, "this week", "last month",
"last year", "two days ago"), states at least :data:`MIN_STATED` dates in full (a chronology, not a
news story with a background year or two), and every one of them ends more than
:data:`DISTANT_DAYS` before its publication date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from analysis.timeline.anchors import publication_anchor
from analysis.timeline.temporal import Context, Parsed

DISTANT_DAYS = 365
# Words that tell a day or period from the time of writing: a text using them is told from its date.
_DEICTIC = re.compile(
    r"(?i:\b(?:today|yesterday|tomorrow|tonight|last\s+night|this\s+(?:morning|afternoon|evening|week|month|year)|"
    r"(?:last|next|past|coming)\s+(?:week|month|year)|(?:mon|tues|wednes|thurs|fri|satur|sun)day|ago)\b)"
)
# A chronology states many dates; a news story told from its date may state one or two background years.
MIN_STATED = 3
_STATED = ("explicit", "parenthesised", "decade")


def distant_vantage(published: str, sentences: Iterable[tuple[str, list[Parsed]]]) -> bool:
    """Is the document (its sentences with their :func:`analysis.timeline.temporal.parse`) told from
    far before ``published``? False when it has no publication date or states no date at all."""
    publication = publication_anchor(published)
    if publication is None:
        return False
    latest: dt.date | None = None
    stated = 0
    for text, parsed in sentences:
        for p in parsed:
            if p.kind == "relative" and _DEICTIC.search(p.text(text)):
                return False
            if p.kind not in _STATED:
                continue
            expr = p.resolve(Context(text, None), p)
            if expr is not None and expr.resolved:
                stated += 1
                end = dt.date.fromisoformat(expr.date_end)
                latest = end if latest is None or end > latest else latest
    return stated >= MIN_STATED and latest is not None and (publication.latest - latest).days > DISTANT_DAYS
