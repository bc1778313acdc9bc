"""The topic stage of the build: from body passages to the topic tables.

Topics are about passages: every body passage gets a topic and a weight (its
share of the passage's topic weights), and one whose share is under
``low_confidence_below`` is marked low-confidence instead of being dropped into
an outlier bin. On a corpus of many documents the topic-term matrix is learned
from whole documents, whose co-occurrences are richer than a paragraph's, and
passages are then weighed against it; on a few long documents (the seeds) it is
learned from the passages themselves. ``fit_on`` says which, in build.json.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import ParamSpec, TypeVar

import numpy as np
import pandas as pd
from sklearn.decomposition import PCA
from sklearn.preprocessing import normalize
from threadpoolctl import threadpool_limits

from analysis.frames import isin
from analysis.topics.coherence import WindowCounts, diversity, topic_npmi
from analysis.topics.engines import fit_engine, term_scores, top_term_indices
from analysis.topics.labels import label_phrases, make_label, surface_forms
from analysis.topics.model import TopicModel
from analysis.topics.selection import Selection, select_k
from analysis.topics.vectorize import preprocess, term_matrices, tokenize

TOPIC_COLUMNS = ["topic_id", "label", "top_terms", "n_passages", "share", "npmi", "n_low_confidence"]
MIN_PASSAGES = 12
MIN_TERMS = 3  # two topics need at least a term each and one to tell them apart
DOCUMENT_FIT_MIN_DOCS = 50
# Past this many documents the model is fitted on a seeded sample of them and every passage is then
# weighed against it: the fit on 100,000 news documents took 42 s of a 5-minute build, and topics of
# news this size do not change with the documents past the sample (K is chosen on a sample already).
FIT_SAMPLE_DOCS = 20_000
P = ParamSpec("P")
R = TypeVar("R")


@dataclass
class TopicResult:
    """All topic tables; empty frames when the corpus is too small for topics."""

    topics: pd.DataFrame
    passage_topics: pd.DataFrame  # passage_id, topic_id, topic_weight, topic_confidence
    doc_topics: pd.DataFrame  # doc_id, topic_id
    terms: pd.DataFrame  # topic_id, rank, term, weight
    curve: pd.DataFrame  # k, npmi, stability, score, chosen
    coords: pd.DataFrame  # topic_id, x, y
    info: dict = field(default_factory=dict)
    model: TopicModel | None = None  # kept with the bundle to weigh new passages (NMF only)

    def tables(self) -> dict[str, pd.DataFrame]:
        """The bundle's topic tables, by attribute name."""
        return {"topics": self.topics, "topic_terms": self.terms, "topic_k": self.curve, "topic_map": self.coords}

    def dominant(self, doc_ids: pd.Series) -> pd.Series:
        """Each document's dominant topic as text ('' when it has none)."""
        return doc_ids.map(self.doc_topics.set_index("doc_id")["topic_id"].astype(str)).fillna("")


def empty_result(reason: str) -> TopicResult:
    return TopicResult(
        topics=pd.DataFrame(columns=TOPIC_COLUMNS),
        passage_topics=pd.DataFrame(columns=["passage_id", "topic_id", "topic_weight", "topic_confidence"]),
        doc_topics=pd.DataFrame(columns=["doc_id", "topic_id"]),
        terms=pd.DataFrame(columns=["topic_id", "rank", "term", "weight"]),
        curve=pd.DataFrame(columns=["k", "npmi", "stability", "score", "chosen"]),
        coords=pd.DataFrame(columns=["topic_id", "x", "y"]),
        info={"skipped": reason},
    )


def _one_blas_thread(fit: Callable[P, R]) -> Callable[P, R]:
    """Run ``fit`` with the BLAS of numpy and scikit-learn held to one thread.

    The fits are many small matrix products; on a machine whose cores are shared (with other
    builds, the dashboard, a browser) BLAS threads waiting on each other made the K sweep
    several times slower than one thread (10k documents: 18.8 s against 11.5 s wall, twice
    the CPU time), and the build gains its parallelism from processes, not from BLAS.
    """

    @functools.wraps(fit)
    def limited(*args: P.args, **kwargs: P.kwargs) -> R:
        with threadpool_limits(limits=1, user_api="blas"):
            return fit(*args, **kwargs)

    return limited


@_one_blas_thread
def fit_sample(n_units: int, limit: int | None, random_state: int) -> np.ndarray | None:
    """The rows a model is fitted on when there are more than ``limit`` units: a seeded draw, sorted
    (the same corpus gives the same rows); None to fit on all of them."""
    if limit is None or n_units <= limit:
        return None
    return np.sort(np.random.RandomState(random_state).choice(n_units, size=limit, replace=False))


def compute_topics(
    body: pd.DataFrame,
    k: int | None = None,
    engine: str = "nmf",
    fit_on: str = "auto",
    n_top: int = 10,
    low_confidence_below: float = 0.5,
    random_state: int = 0,
    select: bool = True,
    shared_by: pd.Series | None = None,
    min_shared: int = 1,
    sample_docs: int = FIT_SAMPLE_DOCS,
) -> TopicResult:
    """Topics of body passages (columns passage_id, doc_id, text).

    ``k`` fixes the number of topics; the automatic choice is still computed
    (for its curve) unless ``select`` is False. ``shared_by`` (a label per passage, aligned
    on ``body``'s index, e.g. its source) with ``min_shared`` keeps only the terms that
    passages of that many labels use (:func:`analysis.topics.vectorize.term_matrices`). Past
    ``sample_docs`` documents the model is fitted on a sample of them (:func:`fit_sample`).
    """
    t0 = time.perf_counter()
    body = body[["passage_id", "doc_id", "text"]]
    if not body["passage_id"].is_monotonic_increasing:  # passages come in id order: no copy of their text
        body = body.sort_values("passage_id", kind="stable")
    labels = None if shared_by is None else shared_by.loc[body.index].astype(str).to_numpy()
    body = body.reset_index(drop=True)
    if len(body) < MIN_PASSAGES:
        return empty_result(f"only {len(body)} body passages; topics need at least {MIN_PASSAGES}")
    if fit_on == "auto":
        fit_on = "documents" if body["doc_id"].nunique() >= DOCUMENT_FIT_MIN_DOCS else "passages"
    passage_tokens = [tokenize(t) for t in body["text"]]
    groups = body["doc_id"].to_numpy() if fit_on == "documents" else None
    idf: list[np.ndarray] = []
    try:
        X_units, X_pass, terms = term_matrices(
            passage_tokens, groups, idf_out=idf, shared_by=labels, min_shared=min_shared
        )
    except ValueError:
        return empty_result("no term occurs in enough passages to form topics")
    if len(terms) < MIN_TERMS:
        return empty_result(f"only {len(terms)} distinct terms occur in enough passages; topics need {MIN_TERMS}")
    if fit_on == "documents":
        by_doc: dict[str, list[str]] = {}
        for doc_id, toks in zip(groups, passage_tokens, strict=True):
            by_doc.setdefault(doc_id, []).extend(toks)
        tokens = [by_doc[d] for d in sorted(by_doc)]
        del passage_tokens, by_doc  # the documents' lists hold the same tokens: one copy is enough
    else:
        tokens = passage_tokens
    seconds = {"vectorise": time.perf_counter() - t0}

    t1 = time.perf_counter()
    if k and not select:
        selection = Selection(k=int(k), curve=pd.DataFrame(columns=["k", "npmi", "stability", "score", "chosen"]))
        k_auto = None
    else:
        selection = select_k(
            X_units, tokens, terms, engine=engine, random_state=random_state, quick=X_units.shape[0] > 1000
        )
        k_auto = selection.k
    k = int(k) if k else selection.k
    k = max(2, min(k, X_units.shape[0] - 1, len(terms)))
    seconds["select_k"] = time.perf_counter() - t1

    t2 = time.perf_counter()
    fitted_rows = fit_sample(X_units.shape[0], sample_docs if fit_on == "documents" else None, random_state)
    fit = fit_engine(X_units if fitted_rows is None else X_units[fitted_rows], k, engine, random_state)
    W = fit.W if fit_on == "passages" else fit.transform(X_pass)
    seconds["fit"] = time.perf_counter() - t2

    # Topic ids by size (0 = largest), so ids are stable across runs and meaningful.
    raw_topic = W.argmax(axis=1)
    sizes = np.bincount(raw_topic, minlength=k)
    order = sorted(range(k), key=lambda j: (-sizes[j], -fit.H[j].sum()))
    remap = {old: new for new, old in enumerate(order)}
    W, H = W[:, order], fit.H[order]
    totals = W.sum(axis=1)
    share = np.divide(W, totals[:, None], out=np.zeros_like(W), where=totals[:, None] > 0)
    topic = share.argmax(axis=1)
    weight = share.max(axis=1)
    confidence = np.where(weight >= low_confidence_below, "high", "low")
    del remap

    top_idx = top_term_indices(H, n_top)
    top_terms = [[terms[i] for i in row] for row in top_idx]
    counts = WindowCounts(tokens, [t for row in top_terms for t in row])
    npmi = topic_npmi(counts, top_terms)
    sample = body["text"].tolist()[:1500]
    joined = preprocess(" ".join(sample)).replace("-", " ")
    phrases = [label_phrases(row, occurs=lambda p: p in joined) for row in top_terms]
    forms = surface_forms([p for row in phrases for p in row], sample)
    labels = _unique([make_label(row, forms) for row in phrases])

    n_passages = np.bincount(topic, minlength=k)
    low = np.bincount(topic[confidence == "low"], minlength=k)
    topics = pd.DataFrame(
        {
            "topic_id": range(k),
            "label": labels,
            "top_terms": [";".join(row) for row in top_terms],
            "n_passages": n_passages,
            "share": np.round(n_passages / len(body), 4),
            "npmi": np.round(npmi, 4),
            "n_low_confidence": low,
        }
    )
    passage_topics = pd.DataFrame(
        {
            "passage_id": body["passage_id"],
            "topic_id": topic,
            "topic_weight": np.round(weight, 4),
            "topic_confidence": confidence,
        }
    )
    doc_weights = pd.DataFrame(W).groupby(body["doc_id"].values).sum()
    doc_topics = pd.DataFrame({"doc_id": doc_weights.index, "topic_id": doc_weights.values.argmax(axis=1)})
    scores = term_scores(H)
    hn = scores / np.clip(scores.max(axis=1, keepdims=True), 1e-12, None)
    term_rows = [
        {"topic_id": j, "rank": r, "term": terms[i], "weight": round(float(hn[j, i]), 4)}
        for j, row in enumerate(top_idx)
        for r, i in enumerate(row)
    ]
    coords = _topic_map(H)
    seconds["describe"] = time.perf_counter() - t2 - seconds["fit"]
    info = {
        "engine": engine,
        "k": k,
        "k_auto": k_auto,
        "fit_on": fit_on,
        "fit_sample": 0 if fitted_rows is None else len(fitted_rows),
        "n_terms": len(terms),
        "mean_npmi": round(float(np.mean(npmi)), 4),
        "diversity": round(diversity(top_terms), 4),
        "low_confidence_below": low_confidence_below,
        "seconds": {key: round(v, 3) for key, v in seconds.items()},
    }
    model = TopicModel(terms, idf[0], H, fitted_on=int(body["doc_id"].nunique())) if engine == "nmf" else None
    if model is not None:
        info["model"] = {"fitted_on": model.fitted_on, "drift": 0}
    return TopicResult(
        topics, passage_topics, doc_topics, pd.DataFrame(term_rows), selection.curve, coords, info, model
    )


def update_topics(
    model: TopicModel,
    body: pd.DataFrame,
    known: pd.DataFrame,
    known_docs: pd.DataFrame,
    previous: dict[str, pd.DataFrame],
    previous_info: dict,
    changed: int,
    low_confidence_below: float = 0.5,
) -> TopicResult:
    """Topics of ``body`` without refitting: passages in ``known`` (passage_id, topic_id, topic_weight,
    topic_confidence, from the previous bundle) keep their topic, the others are weighed against
    ``model``; the topic tables keep their terms, labels and map, with counts over the new corpus.

    ``known_docs`` holds (doc_id, topic_id) of the documents kept; ``changed`` is how many documents
    were added, changed or removed, added to the model's drift.
    """
    t0 = time.perf_counter()
    body = body.sort_values("passage_id", kind="stable").reset_index(drop=True)
    known = known[isin(known["passage_id"], body["passage_id"])]
    new = body[~isin(body["passage_id"], known["passage_id"])]
    W = model.weights([tokenize(t) for t in new["text"]])
    totals = W.sum(axis=1)
    share = np.divide(W, totals[:, None], out=np.zeros_like(W), where=totals[:, None] > 0)
    k = model.H.shape[0]
    fresh = pd.DataFrame(
        {
            "passage_id": new["passage_id"].to_numpy(),
            "topic_id": share.argmax(axis=1) if len(new) else np.zeros(0, dtype=int),
            "topic_weight": np.round(share.max(axis=1), 4) if len(new) else np.zeros(0),
        }
    )
    fresh["topic_confidence"] = np.where(fresh["topic_weight"] >= low_confidence_below, "high", "low")
    passage_topics = pd.concat(
        [known[["passage_id", "topic_id", "topic_weight", "topic_confidence"]].astype({"topic_id": int}), fresh],
        ignore_index=True,
    )
    passage_topics = passage_topics.set_index("passage_id").loc[body["passage_id"]].reset_index()
    topic = passage_topics["topic_id"].to_numpy(dtype=int)
    low = passage_topics["topic_confidence"].to_numpy() == "low"
    topics = previous["topics"].copy()
    topics["n_passages"] = np.bincount(topic, minlength=k)
    topics["share"] = np.round(topics["n_passages"] / max(1, len(body)), 4)
    topics["n_low_confidence"] = np.bincount(topic[low], minlength=k)
    doc_weights = pd.DataFrame(W).groupby(new["doc_id"].values).sum()
    doc_topics = pd.concat(
        [
            known_docs[isin(known_docs["doc_id"], body["doc_id"])][["doc_id", "topic_id"]].astype({"topic_id": int}),
            pd.DataFrame({"doc_id": doc_weights.index, "topic_id": doc_weights.values.argmax(axis=1)}),
        ],
        ignore_index=True,
    )
    model.drift += changed
    info = {
        **{key: v for key, v in previous_info.items() if key != "update"},
        "model": {"fitted_on": model.fitted_on, "drift": model.drift},
        "update": {
            "mode": "weighed",
            "new_passages": len(new),
            "changed_documents": changed,
            "seconds": round(time.perf_counter() - t0, 3),
        },
    }
    return TopicResult(
        topics,
        passage_topics,
        doc_topics,
        previous["topic_terms"],
        previous["topic_k"],
        previous["topic_map"],
        info,
        model,
    )


def _unique(labels: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        out.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return out


def _topic_map(H: np.ndarray) -> pd.DataFrame:
    """2-D positions of topics: PCA of their normalised term profiles (deterministic)."""
    k = H.shape[0]
    profile = normalize(H)
    if k >= 3:
        xy = PCA(n_components=2, svd_solver="full").fit_transform(profile)
    else:
        xy = np.column_stack([np.arange(k, dtype=float), np.zeros(k)])
    return pd.DataFrame({"topic_id": range(k), "x": np.round(xy[:, 0], 4), "y": np.round(xy[:, 1], 4)})


def attach_passage_topics(passages: pd.DataFrame, passage_topics: pd.DataFrame) -> pd.DataFrame:
    """Passages with topic_id / topic_weight / topic_confidence; empty for non-body passages."""
    out = passages.drop(columns=["topic_id", "topic_weight", "topic_confidence"], errors="ignore")
    pt = passage_topics.set_index("passage_id")
    out["topic_id"] = out["passage_id"].map(pt["topic_id"].astype(int).astype(str)).fillna("")
    out["topic_weight"] = out["passage_id"].map(pt["topic_weight"]).astype(float)
    out["topic_confidence"] = out["passage_id"].map(pt["topic_confidence"]).fillna("")
    return out
