"""Choosing the number of topics: coherent and stable.

For each candidate K the model is fitted on two random 80% subsamples;
*stability* is the mean Jaccard overlap of their top-10 term sets, topics
matched one to one (Greene et al., 2014), and *coherence* is the mean NPMI of
the first fit's topics. The chosen K maximises
stability + coherence; ties go to the smaller K. The sweep runs on at most
``max_units`` units and ``max_terms`` terms so it stays fast on large corpora.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.optimize import linear_sum_assignment
from sklearn.exceptions import ConvergenceWarning

from analysis.topics.coherence import WindowCounts, topic_npmi
from analysis.topics.engines import fit_engine, top_term_indices


@dataclass
class Selection:
    k: int
    curve: pd.DataFrame  # k, npmi, stability, score, chosen


def candidate_ks(n_units: int) -> list[int]:
    """About one topic per dozen units, between 3 and 20 (30 past 5,000 units)."""
    upper = int(np.clip(n_units // 12, 3, 30 if n_units > 5000 else 20))
    return [k for k in (3, 4, 5, 6, 7, 8, 10, 12, 15, 20, 25, 30) if k <= upper]


def _jaccard_matched(a: list[set[int]], b: list[set[int]]) -> float:
    sim = np.array([[len(x & y) / len(x | y) if x | y else 0.0 for y in b] for x in a])
    rows, cols = linear_sum_assignment(-sim)
    return float(sim[rows, cols].mean())


def select_k(
    X: sparse.csr_matrix,
    token_docs: list[list[str]],
    terms: np.ndarray,
    engine: str = "nmf",
    ks: list[int] | None = None,
    max_units: int = 400,
    max_terms: int = 2000,
    n_top: int = 10,
    random_state: int = 0,
    max_iter: int = 60,
    quick: bool = True,
) -> Selection:
    rng = np.random.default_rng(random_state)
    n = X.shape[0]
    units = np.sort(rng.choice(n, size=max_units, replace=False)) if n > max_units else np.arange(n)
    Xs = X[units]
    df = np.asarray((Xs > 0).sum(axis=0)).ravel()
    keep = np.sort(np.argsort(-df, kind="stable")[:max_terms])
    Xs = Xs[:, keep]
    sub_terms = terms[keep]
    tokens = [token_docs[i] for i in units]
    halves = [np.sort(rng.choice(len(units), size=int(0.8 * len(units)), replace=False)) for _ in range(2)]
    # NMF's nndsvda start needs K <= min(units, terms) in every fit: a corpus with few distinct
    # terms simply has fewer candidate Ks, and none at all means no selection.
    ceiling = min(len(units) - 1, len(halves[0]), Xs.shape[1])
    ks = [k for k in (ks or candidate_ks(n)) if k <= ceiling]
    if not ks:
        k = max(1, min(2, ceiling))
        return Selection(k=k, curve=pd.DataFrame(columns=["k", "npmi", "stability", "score", "chosen"]))

    def sweep(k: int) -> tuple[list[list[int]], list[list[int]]]:
        a, b = (
            top_term_indices(
                fit_engine(Xs[h], k, engine, random_state, max_iter if quick else 200, quick=quick).H, n_top
            )
            for h in halves
        )
        return a, b

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)  # short fits are meant to be rough
        results = [sweep(k) for k in ks]
    tops = {k: [[sub_terms[i] for i in row] for row in a] for k, (a, _) in zip(ks, results, strict=True)}
    stability = {
        k: _jaccard_matched([set(r) for r in a], [set(r) for r in b]) for k, (a, b) in zip(ks, results, strict=True)
    }
    counts = WindowCounts(tokens, [t for k in ks for row in tops[k] for t in row])
    rows = []
    for k in ks:
        npmi = float(np.mean(topic_npmi(counts, tops[k])))
        rows.append(
            {
                "k": k,
                "npmi": round(npmi, 4),
                "stability": round(stability[k], 4),
                "score": round(npmi + stability[k], 4),
            }
        )
    curve = pd.DataFrame(rows)
    best = int(curve.sort_values(["score", "k"], ascending=[False, True]).iloc[0]["k"])
    curve["chosen"] = curve["k"] == best
    return Selection(k=best, curve=curve)
