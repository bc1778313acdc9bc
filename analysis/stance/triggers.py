"""Which sentences can carry stance at all, decided without parsing them.

Parsing is most of the stance stage's cost, and a sentence with no cue word in any
form, no appeal verb and no framing term cannot get anything but a neutral author
row from the scorer. Those are answered without the parser. The check must never
miss a form the scorer would match, so it is generous: every lexicon lemma with
its regular inflections and the irregular forms the parser's own lemmatizer
knows ("fought" → fight), matched on lower-case words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.stance.lexicon import StanceLexicon

_WORD = re.compile(r"[a-z]+")
# The words of the scorer's constructions no cue word carries (``Acts._patterns`` in acts.py): "waged war on",
# "will pay a price", "bears responsibility"; the protected nouns of "strikes hitting schools" and the
# corrective verbs of "their attacks must stop" come from the lexicon.
PATTERN_WORDS = ("war", "assault", "price", "cost", "consequence", "responsibility", "blame")


def inflections(lemma: str) -> set[str]:
    """Regular English forms of a lemma (over-generating is harmless here)."""
    w = lemma
    forms = {w, w + "s", w + "es", w + "ed", w + "d", w + "ing", w + "er", w + "est", w + "ly"}
    if w.endswith("e"):
        forms |= {w[:-1] + "ing", w[:-1] + "ed", w[:-1] + "ion", w[:-1] + "y"}
    if w.endswith("y"):
        forms |= {w[:-1] + "ies", w[:-1] + "ied", w[:-1] + "ily", w[:-1] + "ier"}
    if len(w) > 2 and w[-1] not in "aeiouwxy" and w[-2] in "aeiou":
        forms |= {w + w[-1] + "ed", w + w[-1] + "ing"}
    return forms


class Triggers:
    """The lower-case word forms that make a sentence worth parsing."""

    def __init__(self, lexicon: StanceLexicon, irregular: dict[str, set[str]] | None = None) -> None:
        irregular = irregular or {}
        words: set[str] = set()
        keys: Iterable[tuple[str, ...]] = [*lexicon.entries, *lexicon.appeals]
        for key in keys:
            parts = [p for p in key if _WORD.fullmatch(p)]
            if not parts:
                continue
            # One distinctive word of a phrase is enough to send the sentence to the parser.
            word = max(parts, key=len)
            words |= inflections(word) | irregular.get(word, set())
        patterned = lexicon.protected | lexicon.corrective | set(PATTERN_WORDS)
        for word in patterned | lexicon.warm_relations | lexicon.actor_goods:  # and favour.py's shapes
            words |= inflections(word)
        self.words = frozenset(words)

    @classmethod
    def for_parser(cls, lexicon: StanceLexicon, nlp) -> Triggers:
        """Irregular forms from the parser's lemmatizer exceptions, inverted (lemma → forms)."""
        irregular: dict[str, set[str]] = {}
        try:
            table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_exc")
            for pos in ("noun", "verb", "adj", "adv"):
                for form, lemmas in table.get(pos, {}).items():
                    for lemma in lemmas:
                        irregular.setdefault(lemma, set()).add(form)
        except (KeyError, ValueError):
            pass
        return cls(lexicon, irregular)

    def fire(self, text: str) -> bool:
        return any(w in self.words for w in _WORD.findall(text.lower()))
