"""Is a bare four-digit number a year, or a count, an identifier, a clock time?

"In 1949" is a year; "1800 were killed", "some 2000 people", "1800 Palestinians", "Resolution 1929",
"its 1973rd meeting", "left at 1830" are not. The words on either side decide (the traps the
evaluation's guidelines list, section 5): a number after an identifier word, before a unit or a
counted noun, after a quantifier or a verb of counting, before a verb as its subject, written as an
ordinal, or after "at" as a clock time. Years before 1800 are taken only after a word that introduces
a time ("in", "since", "circa"), as in prose such numbers are more often counts.
"""

from __future__ import annotations

import re

from analysis.timeline.lexicon import (
    AMBIGUOUS_QUANTITY_WORDS,
    IDENTIFIER_WORDS,
    PEOPLE_PLURALS,
    QUANTIFIERS,
    QUANTITY_WORDS,
)

# "Resolution 2231", "UNSCRs 1559, 1680 and 1701", "resolutions 1737 (2006) as well as 1929 (2010)",
# "resolutions (1929, 1970)", "Flight 752", "H.R. 2685": numbers that name, not date.
IDENTIFIER_LIST = re.compile(
    r"\b(?:[Rr]esolutions?|UNSCRs?|UNSC|S/RES/|[Ff]lights?|Nos?\.|[Nn]umbers?|[Aa]rticles?|[Ss]ections?|[Cc]hapters?|"
    r"[Pp]aragraphs?|[Rr]oute|[Hh]ighway|H\.R\.|(?<![.\w])S\.|[Bb]ills?|[Oo]rders?|[Dd]ecrees?|[Pp]ages?|pp?\.)\s*"
    r"(?:\([A-Z][A-Za-z]*\)\s*)?(?:\(\s*)?"  # "Resolutions (UNSCRs) 1559, 1680 and 1701", "resolutions (1929, 1970)"
    r"(?P<ids>\d[\d/]*(?:\s*\(\d{4}\))?(?:\s*(?:,|and|&|or|to|through|as\s+well\s+as|–|-)\s*\d[\d/]*"
    r"(?:\s*\(\d{4}\))?)*)"
)


def identifier_numbers(text: str) -> list[tuple[int, int]]:
    """Spans of the numbers :data:`IDENTIFIER_LIST` finds in ``text``; a year in parentheses after one is
    the act's date ("Resolution 1701 (2006)"), not an identifier."""
    spans = []
    for m in IDENTIFIER_LIST.finditer(text):
        ids, base = m.group("ids"), m.start("ids")
        for num in re.finditer(r"\d[\d/]*", ids):
            if re.search(r"\d\s*\($", ids[: num.start()]):
                continue
            spans.append((base + num.start(), base + num.end()))
    return spans


def names_an_identifier(sentence: str, start: int, number: str, identifiers: set[str]) -> bool:
    """Is the bare ``number`` at ``start`` one the document has used as an identifier ("Resolution 1929 …
    1929 was lifted", "resolution 1970 in February and 1973 in March") rather than a year ("in 1973")?"""
    if number not in identifiers:
        return False
    prev = re.findall(r"[\w.’'-]+", sentence[:start])[-1:]
    return not prev or prev[0].lower() not in OLD_YEAR_LEAD


# A number followed by one of these (and not after "in", "since" …) counts people or things.
_COUNT_VERBS = {"were", "are", "died", "killed", "wounded", "injured", "fled", "remain", "remained", "have", "had"}
# Years 1000–1799 are taken only after one of these words (in prose they are more often counts).
OLD_YEAR_LEAD = frozenset(
    "in since by from until till before after circa c. year during of early late mid around between".split()
)
_DETERMINERS = frozenset("the a an its their his her our this that these those whose".split())
_DURATION = re.compile(r"\s*(?:%|percent|per\s+cent|years?\b|months?\b|days?\b|hours?\b)")
_COMPARED = re.compile(r"(?i)\b(?:earlier|later|sooner|before|after|no)\s+than$")
# "left at 1830", "at 0600": a clock time; "at 1990 levels" is a year.
_CLOCK_AFTER_AT = re.compile(r"(?:[01]\d|2[0-3])[0-5]\d$")
_AT_A_YEARS = re.compile(r"\s+(?:levels?|prices?|rates?|values?|dollars|figures)\b", re.IGNORECASE)


def is_year(year: int, before: str, after: str) -> bool:
    """Is the bare number ``year``, with ``before`` and ``after`` it in its sentence, a year?"""
    prev_words = re.findall(r"[\w.’'&$-]+", before)[-2:]
    prev = prev_words[-1].lower() if prev_words else ""
    next_match = re.match(r"\s*([A-Za-z%][\w-]*)", after)
    nxt = next_match.group(1) if next_match else ""
    nxt_lower = nxt.lower()
    if prev.rstrip(".,:") in IDENTIFIER_WORDS or prev in IDENTIFIER_WORDS:
        return False  # "Resolution 2231", "Flight 1952"
    if re.match(r"(?:st|nd|rd|th)\b", after):
        return False  # "its 1973rd meeting": an ordinal
    if nxt_lower in QUANTITY_WORDS and nxt_lower not in AMBIGUOUS_QUANTITY_WORDS and nxt.islower():
        return False  # "2000 people", "1500 km"
    if PEOPLE_PLURALS.fullmatch(nxt) and prev not in _DETERMINERS and prev not in OLD_YEAR_LEAD:
        return False  # "1800 Palestinians were detained", "2000 Marines": people counted
    if _DURATION.match(after):
        return False  # "2000 years of history", a duration
    if prev in QUANTIFIERS and nxt.islower() and nxt_lower not in ("and", "or", "to", "in", "on", "at", "when"):
        return False  # "some 2000 strikes", "killed 1500 civilians"
    if prev == "than" and not _COMPARED.search(before.strip()):
        return False  # "more than 2000"
    if nxt_lower in _COUNT_VERBS and prev not in OLD_YEAR_LEAD and not _second_of_two_years(prev_words):
        return False  # "of those, 1800 were killed": a count, not "in 1800"
    if prev == "at" and _CLOCK_AFTER_AT.match(str(year)) and not _AT_A_YEARS.match(after):
        return False  # "the convoy left at 1830"
    return 1800 <= year <= 2100 or (year < 1800 and prev in OLD_YEAR_LEAD)


def _second_of_two_years(prev_words: list[str]) -> bool:
    """ "the accords of 1993 and 1995 were signed": the second of two years joined by "and"/"or"."""
    return (
        len(prev_words) == 2
        and prev_words[1].lower() in ("and", "or")
        and bool(re.fullmatch(r"1\d{3}|20\d{2}", prev_words[0]))
    )
