"""Topic quality: NPMI coherence (gensim's ``c_npmi``) and topic diversity.

``c_npmi`` slides a boolean window of 10 tokens over each text (a text shorter
than the window is one window), estimates P(w) and P(w1, w2) as the share of
windows containing them, and averages NPMI = log(P12 / (P1 P2)) / -log(P12) over
all pairs of a topic's top terms, with gensim's epsilon of 1e-12. A bigram term
occurs where its two tokens stand next to each other in the token stream.
"""

from __future__ import annotations

from itertools import combinations

import numpy as np

EPSILON = 1e-12


class WindowCounts:
    """Window occurrence and co-occurrence counts of a fixed set of terms."""

    def __init__(self, token_docs: list[list[str]], terms: list[str], window: int = 10) -> None:
        self.terms = sorted(set(terms))
        index = {t: i for i, t in enumerate(self.terms)}
        n = len(self.terms)
        self.pair = np.zeros((n, n), dtype=np.int64)
        self.n_windows = 0
        unigrams = {t for t in self.terms if " " not in t}
        bigrams = {tuple(t.split(" ", 1)) for t in self.terms if " " in t}
        first_words = unigrams | {a for a, _ in bigrams}
        for tokens in token_docs:
            n_win = max(1, len(tokens) - window + 1)
            self.n_windows += n_win
            if first_words.isdisjoint(tokens):
                continue
            positions: dict[int, list[int]] = {}
            for p in [p for p, tok in enumerate(tokens) if tok in first_words]:
                tok = tokens[p]
                if tok in unigrams:
                    positions.setdefault(index[tok], []).append(p)
                if p + 1 < len(tokens) and (tok, tokens[p + 1]) in bigrams:
                    positions.setdefault(index[f"{tok} {tokens[p + 1]}"], []).append(p)
            if not positions:
                continue
            ids = sorted(positions)
            present = np.zeros((len(ids), n_win), dtype=np.int64)
            for row, term_id in enumerate(ids):
                marks = np.zeros(n_win + window, dtype=np.int64)
                for p in positions[term_id]:
                    lo = max(0, p - window + 1)
                    marks[lo] += 1
                    marks[min(p, n_win - 1) + 1] -= 1
                present[row] = np.cumsum(marks)[:n_win] > 0
            self.pair[np.ix_(ids, ids)] += present @ present.T
        self.index = index

    def npmi(self, a: str, b: str) -> float:
        i, j = self.index[a], self.index[b]
        n = self.n_windows
        p_ab = self.pair[i, j] / n
        p_a, p_b = self.pair[i, i] / n, self.pair[j, j] / n
        if p_a == 0 or p_b == 0:
            return 0.0
        return float(np.log(p_ab + EPSILON) - np.log(p_a * p_b)) / -np.log(p_ab + EPSILON)


def topic_npmi(counts: WindowCounts, top_terms: list[list[str]]) -> list[float]:
    """Mean NPMI over all pairs of each topic's terms."""
    return [
        float(np.mean([counts.npmi(a, b) for a, b in combinations(terms, 2)])) if len(terms) > 1 else 0.0
        for terms in top_terms
    ]


def npmi_scores(token_docs: list[list[str]], top_terms: list[list[str]], window: int = 10) -> list[float]:
    counts = WindowCounts(token_docs, [t for terms in top_terms for t in terms], window)
    return topic_npmi(counts, top_terms)


def diversity(top_terms: list[list[str]]) -> float:
    """Share of unique terms among all topics' top terms (1.0: no term repeats)."""
    flat = [t for terms in top_terms for t in terms]
    return len(set(flat)) / len(flat) if flat else 0.0
