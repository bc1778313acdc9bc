"""Which dates set the point the narrative has reached, for the partial and anaphoric dates after them.

A partial date ("on 27 July") takes its year from a date the text has just told, and "two years
later" counts from the last date told (:mod:`analysis.timeline.temporal`). Not every date tells the
time of the narrative:
- a date after "since", "until", "by" is a reference point ("the Golan, under occupation since 4 June
  1967" does not make a later "10 June" a day of 1967);
- a year that names an event or an act ("the 2015 nuclear deal", "the 2006 war", "Iran's 2015 agreement") or
  dates an act in parentheses ("Resolution 1701 (2006)") says when that thing was, not where the story
  is: it anchors the rest of its own sentence ("the 2006 war ended on 14 August") but not the next
  one, where a news report's "On 27 July" is a day of the report's own year;
- a year told against the publication date ("two years ago", "last year") anchors the rest of its
  sentence too: "Two years ago, on 24 February, Russia invaded" is 24 February of that year.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from analysis.timeline.anchors import Anchor

if TYPE_CHECKING:
    from analysis.timeline.temporal import TimeExpr

_REFERENCE_POINT = re.compile(r"(?i:\b(?:since|until|till|by|before|prior\s+to|as\s+of|ever\s+since)\s+(?:the\s+)?)$")
# A determiner or a possessive before a bare year, a word after it: the year modifies a noun.
_NAMING_BEFORE = re.compile(r"(?:\b(?i:the|a|an|its|their|his|her|our|this|that)|[’']s)\s+$")
# ... and the noun (within three words) is an event or an act: "the 2015 nuclear deal", "the 2006 Lebanon
# war". A document named by its year ("the UN's 2015 report … states that") frames what follows.
_NAMING_AFTER = re.compile(
    r"(?:\s+[\w’'–-]+){0,3}?\s+(?i:wars?|conflict|deal|agreements?|accords?|treat(?:y|ies)|elections?|summit|"
    r"invasion|uprising|revolution|ceasefire|truce|coup|attacks?|crisis|resolution|act|law|sanctions|offensive|"
    r"intervention|annexation|referendum|protests|bombings?|massacre|campaign|operation|talks|pact)\b"
)

# ... or the year opens a proper name: "the 2011 White House Easter Egg Roll", "the team's 2010 BCS National
# Championship", "the 2024 Concordia Annual Summit".
_A_NAME = re.compile(r"\s+(?:[A-Z][\w’'&.-]*\s+){1,5}?[A-Z][\w’'-]*")


def anchors_set_by(sentence: str, expr: TimeExpr) -> tuple[Anchor | None, Anchor | None, bool]:
    """(narrative, story, local) set by ``expr``: the anchor partial dates after it take their year from,
    the one "the next day" counts from (None: unchanged), and whether the narrative one holds only for
    the rest of the sentence."""
    if _REFERENCE_POINT.search(sentence[: expr.start]):
        return None, None, False
    anchor = narrative_anchor(expr)
    if anchor is not None:
        return anchor, anchor, names_a_thing(sentence, expr)
    if (
        expr.resolved
        and expr.kind == "relative"
        and expr.precision == "year"
        and expr.date_start[:4] == expr.date_end[:4]
    ):
        # "Two years ago, on 24 February, …", "Last year, in May, …": the year told against the publication
        # date is the year of the day or month the same sentence gives without one.
        return Anchor(int(expr.date_start[:4]), None, None, "narrative", expr.text), None, True
    return None, story_anchor(expr), False


def names_a_thing(sentence: str, expr: TimeExpr) -> bool:
    """Is ``expr`` a year naming an event or act ("the 2015 nuclear deal") or an act's year in parentheses?"""
    if expr.kind == "parenthesised":
        return True
    if expr.kind != "explicit" or not expr.text.isdigit():
        return False
    after = sentence[expr.end :]
    return bool(_NAMING_BEFORE.search(sentence[: expr.start]) and (_NAMING_AFTER.match(after) or _A_NAME.match(after)))


def narrative_anchor(expr: TimeExpr) -> Anchor | None:
    """The anchor an expression sets for the relative and partial dates after it: a date the text states
    (a day, month or year; a parenthesised year too), or a partial date the narrative itself resolved."""
    if not expr.resolved or expr.anchor not in ("explicit", "narrative"):
        return None
    if expr.kind not in ("explicit", "partial", "parenthesised"):
        return None
    y, mo, d = (int(x) for x in expr.date_start.split("-"))
    if expr.precision == "day":
        return Anchor(y, mo, d, "narrative", expr.text)
    if expr.precision == "week":  # "the week of April 25, 2011": the weekdays after it are its days
        return Anchor(y, mo, d, "narrative", expr.text, week=True)
    if expr.precision == "month":
        return Anchor(y, mo, None, "narrative", expr.text)
    if expr.precision == "year":
        return Anchor(y, None, None, "narrative", expr.text)
    return None


def story_anchor(expr: TimeExpr) -> Anchor | None:
    """The point a day told against the publication date sets for "the next day", "a day earlier" after it
    ("on March 9th … The next day", "said on Tuesday … the resolution adopted a day earlier"). It is not a
    narrative anchor for partial dates: their year already comes from the same publication date."""
    if not expr.resolved or expr.anchor != "publication" or expr.precision != "day":
        return None
    if expr.kind not in ("partial", "relative"):
        return None
    y, mo, d = (int(x) for x in expr.date_start.split("-"))
    return Anchor(y, mo, d, "narrative", expr.text)
