"""The search box's query language: typed text to terms, and each term to the pattern that finds it.

A query is a list of terms, each searched on its own (as Voyant does), so the Trends
chart can draw one line per term:

- ``iran`` — a word, whole, in any case (``Iran``, ``IRAN``, ``Iran's``; not ``Iranian``);
- ``nucle*`` — a word beginning (``*`` stands for any letters, anywhere in a word);
- ``"mediterranean dialogue"`` — a phrase, any spacing or line break between its words;
- ``actor:Iran`` or ``actor:"United States"`` — every mention of a gazetteer actor, through
  its aliases (``Tehran``, ``the Islamic Republic``): the mentions table, not the letters;
- ``theme:Turkey`` — the cue phrases that tagged a passage with that theme, in those passages.

Quotes and dashes are folded (``’`` finds ``'``), as for actor matching. Commas separate terms
too. An ``actor:`` or ``theme:`` the corpus does not have is reported, never silently dropped.
Where the terms are found is :mod:`analysis.search`'s to say.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from analysis.textnorm import normalise_for_matching

_TOKEN = re.compile(
    r"(?P<field>actor|theme):(?:\"(?P<quoted>[^\"]*)\"?|(?P<bare>[^\s,\"]+))"
    r"|\"(?P<phrase>[^\"]*)\"?"
    r"|(?P<word>[^\s,\"]+)",
    re.IGNORECASE,
)
_TRIM = ".,;:!?()[]{}<>'"  # punctuation around a typed word, not part of it


@dataclass(frozen=True)
class Term:
    """One searched thing. ``value`` is lower-cased for words and phrases, and the name as the
    corpus spells it for actors and themes."""

    kind: str  # "word", "phrase", "actor" or "theme"
    value: str

    @property
    def label(self) -> str:
        """The term as it is written in a query (and in the URL), and as the KWIC and Trends name it."""
        if self.kind == "phrase":
            return f'"{self.value}"'
        if self.kind in ("actor", "theme"):
            return f'{self.kind}:"{self.value}"' if re.search(r'[\s,"]', self.value) else f"{self.kind}:{self.value}"
        return self.value


@dataclass(frozen=True)
class Query:
    terms: tuple[Term, ...] = ()
    unknown: tuple[str, ...] = ()  # what was asked for and does not exist (``actor:Atlantis``)

    @property
    def text(self) -> str:
        """The query written back in its canonical form."""
        return " ".join(t.label for t in self.terms)

    def __bool__(self) -> bool:
        return bool(self.terms)


def parse_query(text: str, actors: Iterable[str] = (), themes: Iterable[str] = ()) -> Query:
    """Terms of a typed query, in the order typed and without repeats; actor and theme names are
    matched without regard to case against the corpus's own lists."""
    known = {"actor": {a.lower(): a for a in actors}, "theme": {t.lower(): t for t in themes}}
    terms: list[Term] = []
    unknown: list[str] = []
    for match in _TOKEN.finditer(normalise_for_matching(text or "")):
        if match["field"]:
            kind = match["field"].lower()
            name = " ".join((match["quoted"] if match["quoted"] is not None else match["bare"]).split())
            if not name:
                continue
            if name.lower() in known[kind]:
                terms.append(Term(kind, known[kind][name.lower()]))
            else:
                unknown.append(f"{kind}:{name}")
        elif match["phrase"] is not None:
            words = match["phrase"].lower().split()
            if len(words) == 1:
                words[0] = words[0].strip(_TRIM)
            if any(w.strip("*") for w in words):
                terms.append(Term("phrase" if len(words) > 1 else "word", " ".join(words)))
        else:
            word = match["word"].lower().strip(_TRIM)
            if word.strip("*"):
                terms.append(Term("word", word))
    unique = tuple(dict.fromkeys(terms))
    return Query(unique, tuple(dict.fromkeys(unknown)))


def _word_pattern(word: str) -> str:
    """A word with ``*`` as any run of word characters."""
    return r"\w*".join(re.escape(part) for part in word.split("*"))


def term_pattern(term: Term) -> re.Pattern[str]:
    """The pattern of a word or phrase over folded, lower-cased text. It starts with a literal where
    it can (the engine then skips ahead fast); the word boundary before it is checked afterwards."""
    body = r"\s+".join(_word_pattern(w) for w in term.value.split())
    end = "" if term.value.endswith("*") else r"(?!\w)"
    return re.compile(body + end)


def fold(text: str) -> str:
    """Quotes, dashes and spaces folded, lower-cased, the same length as ``text`` (a character whose
    lower case is longer, such as 'İ', is left as it is), so every offset stays valid."""
    folded = normalise_for_matching(text)
    lowered = folded.lower()
    if len(lowered) == len(folded):
        return lowered
    return "".join(low if len(low := ch.lower()) == 1 else ch for ch in folded)
