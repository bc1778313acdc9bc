"""Two dates the text joins into one period: "from March 2015 through August 9, 2018", "between June
2014 and March 2016", "12 May 2019 – 3 June 2020", "from January 5, 2023, to March 2, 2024".

The rules of :mod:`analysis.timeline.temporal` read ranges whose two ends share a format ("July 9–11,
2024", "2014–2016", "from March to May 2024"); ends written in different formats, or each with its
own year, come out of them as two dates. Read apart, each is a date the text does not state as an
event (the start of a count, the day it stopped): the guidelines (section 5) make such a range one
mention whose value is the whole period. The joining is done after the dates are resolved, so the
date the narrative reaches is the later end, as when they were read one by one.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from analysis.timeline.temporal import TimeExpr

# What may stand between the two ends: a dash or a word of extent ("late" and "early" qualify the
# second end: "from late 2019 to early 2021" is read as the years).
_BETWEEN = re.compile(
    r"\s*,?\s*(?P<word>[–—‒-]|to|until|till|through|thru|and)\s*(?:(?:early|mid|late)[\s-]+)?$", re.IGNORECASE
)
# "to", "until" and "and" join a range only after the word that opens it: "moved from May 2020 to May
# 2021" is a period, "postponed May 2020 to May 2021" a change of date, "in 2014 and 2016" two years.
_OPENS = {"to": "from", "until": "from", "till": "from", "and": "between"}
_OPENER = re.compile(r"\b(?P<word>from|between)\s+(?:(?:early|mid|late)[\s-]+)?$", re.IGNORECASE)
_JOINABLE = ("explicit", "partial")


def join_ranges(sentence: str, found: list[TimeExpr]) -> list[TimeExpr]:
    """``found`` (one sentence's dates, in order) with each pair the text joins into a period made one."""
    out: list[TimeExpr] = []
    for expr in found:
        if out and _joined(sentence, out[-1], expr):
            out[-1] = _period(sentence, out[-1], expr)
        else:
            out.append(expr)
    return out


def _joined(sentence: str, first: TimeExpr, second: TimeExpr) -> bool:
    if not (first.resolved and second.resolved) or first.kind not in _JOINABLE or second.kind not in _JOINABLE:
        return False
    if not first.date_start < second.date_end or second.date_start < first.date_start:
        return False
    between = _BETWEEN.match(sentence[first.end : second.start])
    if between is None:
        return False
    needed = _OPENS.get(between["word"].lower())
    if needed is None:
        return True
    opener = _OPENER.search(sentence[: first.start])
    return opener is not None and opener["word"].lower() == needed


def _period(sentence: str, first: TimeExpr, second: TimeExpr) -> TimeExpr:
    explicit = "explicit" in (first.kind, second.kind)
    told = second if first.anchor == "explicit" else first
    note = "; ".join(n for n in (first.note, second.note) if n)
    return replace(
        first,
        end=second.end,
        text=sentence[first.start : second.end],
        date_end=second.date_end,
        precision="range",
        note=note,
        anchor=told.anchor,
        kind="explicit" if explicit else first.kind,
    )
