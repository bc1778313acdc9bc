"""Readable topic labels from distinctive terms.

A label is two or three of a topic's most distinctive terms, bigrams first so
that "mavi marmara" is not also "mavi" and "marmara"; chained bigrams merge
("southern strategic" + "strategic direction" = "southern strategic
direction"); each is written the way the corpus most often writes it
("Turkey", "Mavi Marmara"), and they are joined with " / ".
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable


def surface_forms(terms: list[str], texts: list[str]) -> dict[str, str]:
    """The most frequent original spelling (case, hyphen) of each term in ``texts``."""
    forms: dict[str, str] = {}
    joined = "\n".join(texts)
    for term in sorted(set(terms)):
        words = [re.escape(w) for w in term.split()]
        body = r"\b" + r"(?:['’]s)?[\s\-]+".join(words) + r"\b"
        # Spellings after a lower-case word or comma are not capitalised by position.
        mid = Counter(re.findall(r"(?<=[a-z,;] )" + body, joined, flags=re.IGNORECASE))
        counts = mid or Counter(re.findall(body, joined, flags=re.IGNORECASE))
        forms[term] = min(counts, key=lambda s: (-counts[s], s)) if counts else term
    return forms


def label_phrases(
    top_terms: list[str],
    occurs: Callable[[str], bool] = lambda phrase: True,
    n_phrases: int = 3,
    max_words: int = 4,
    pool: int = 6,
) -> list[str]:
    """Phrases for a label, in the order of their best term's rank.

    Two bigrams that chain merge only if ``occurs`` confirms the merged phrase
    is in the corpus; overlapping terms are never repeated.
    """
    head = top_terms[:pool]
    ranked = [t for t in head if " " in t] + [t for t in head if " " not in t] + top_terms[pool:]
    phrases: list[tuple[int, list[str]]] = []
    for term in ranked:
        words = term.split()
        rank = top_terms.index(term)
        absorbed = False
        used = sum(len(p) for _, p in phrases)
        for i, (r, phrase) in enumerate(phrases):
            merged = None
            if len(words) == 2 and len(phrase) == 2 and phrase[-1] == words[0]:
                merged = [*phrase, words[1]]
            elif len(words) == 2 and len(phrase) == 2 and phrase[0] == words[1]:
                merged = [words[0], *phrase]
            if merged and used + 1 <= max_words and occurs(" ".join(merged)):
                phrases[i] = (min(r, rank), merged)
                absorbed = True
            elif set(words) & set(phrase):
                absorbed = True
            if absorbed:
                break
        if absorbed:
            continue
        if sum(len(p) for _, p in phrases) + len(words) > max_words:
            continue
        phrases.append((rank, words))
        if len(phrases) == n_phrases:
            break
    return [" ".join(p) for _, p in sorted(phrases, key=lambda rp: rp[0])]


def make_label(phrases: list[str], forms: dict[str, str]) -> str:
    return " / ".join(forms.get(p, p) for p in phrases)
