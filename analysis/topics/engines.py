"""Topic models from scikit-learn behind one small interface.

Each engine returns passage-topic weights ``W`` (non-negative, n_passages × K)
and topic-term weights ``H`` (K × n_terms). NMF is the default (chosen on the
BBC benchmark, docs/benchmarks.md); LDA and k-means on LSA are kept for
comparison. Every random choice is seeded, so a fit is reproducible.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.cluster import KMeans
from sklearn.decomposition import NMF, LatentDirichletAllocation, TruncatedSVD
from sklearn.preprocessing import normalize

ENGINES = ("nmf", "lda", "kmeans")


@dataclass
class TopicFit:
    """Weights of the fitted units (W), of the terms (H), and how to weigh new units."""

    W: np.ndarray
    H: np.ndarray
    transform: Callable[[sparse.csr_matrix], np.ndarray]


def fit_engine(
    X: sparse.csr_matrix, k: int, engine: str = "nmf", random_state: int = 0, max_iter: int = 400, quick: bool = False
) -> TopicFit:
    """Fit ``engine`` with ``k`` topics on a TF-IDF matrix.

    ``quick`` trades precision for speed (multiplicative updates, loose
    tolerance): good enough to compare values of K, not for the final model.
    """
    if engine == "nmf":
        solver, tol = ("mu", 1e-3) if quick else ("cd", 1e-4)
        model = NMF(
            n_components=k, init="nndsvda", solver=solver, random_state=random_state, max_iter=max_iter, tol=tol
        )
        W = model.fit_transform(X)
        return TopicFit(W=W, H=model.components_, transform=model.transform)
    if engine == "lda":
        model = LatentDirichletAllocation(
            n_components=k, learning_method="online", max_iter=10, batch_size=256, random_state=random_state
        )
        W = model.fit_transform(_pseudo_counts(X))
        return TopicFit(W=W, H=model.components_, transform=lambda Y: model.transform(_pseudo_counts(Y)))
    if engine == "kmeans":
        n_comp = max(2, min(100, X.shape[1] - 1, X.shape[0] - 1))
        svd = TruncatedSVD(n_components=n_comp, random_state=random_state)
        Z = normalize(svd.fit_transform(X))
        km = KMeans(n_clusters=k, n_init=4, random_state=random_state).fit(Z)
        centers = normalize(km.cluster_centers_)

        def assign(Y: sparse.csr_matrix) -> np.ndarray:
            sims = normalize(svd.transform(Y)) @ centers.T
            out = np.zeros_like(sims)
            best = sims.argmax(axis=1)
            out[np.arange(len(best)), best] = np.clip(sims[np.arange(len(best)), best], 1e-6, None)
            return out

        labels = km.labels_
        H = np.vstack(
            [
                np.asarray(X[labels == c].mean(axis=0)).ravel() if (labels == c).any() else np.zeros(X.shape[1])
                for c in range(k)
            ]
        )
        return TopicFit(W=assign(X), H=H, transform=assign)
    raise ValueError(f"unknown topic engine {engine!r}; choose one of {', '.join(ENGINES)}")


def _pseudo_counts(X: sparse.csr_matrix) -> sparse.csr_matrix:
    """LDA wants counts; scaled, rounded TF-IDF keeps the weighting."""
    counts = X.copy()
    counts.data = np.ceil(counts.data * 10)
    return counts


def term_scores(H: np.ndarray, distinctive: bool = True, distinctiveness: float = 0.5) -> np.ndarray:
    """Topic-term scores; with ``distinctive`` terms heavy in every topic are pushed down.

    The weight of a term in a topic is scaled by how concentrated the term is in
    that topic (its share of the term's total weight over all topics), the idea
    behind class-based TF-IDF: 'security' in every topic ranks below 'veto'.
    """
    if not distinctive or H.shape[0] < 2:
        return H.copy()
    share = H / np.clip(H.sum(axis=0, keepdims=True), 1e-12, None)
    return H * share**distinctiveness


def top_term_indices(
    H: np.ndarray, n: int = 10, distinctive: bool = True, distinctiveness: float = 0.5
) -> list[list[int]]:
    """Each topic's ``n`` best terms by :func:`term_scores`."""
    order = np.argsort(-term_scores(H, distinctive, distinctiveness), axis=1, kind="stable")
    return [row[:n].tolist() for row in order]
