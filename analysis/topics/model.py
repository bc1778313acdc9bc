"""A fitted topic model kept with its bundle, so new passages can be weighed against it.

An incremental build that adds a few documents does not refit the topics (the K sweep
and the fit are most of the topic stage, and a refit renumbers and relabels topics
the analyst may have named): the new passages are weighed against the model the
bundle was built with, over the same vocabulary and IDF, and take the topic they
weigh most on. Once the documents added, changed or removed since the fit pass a
share of the corpus (:data:`REFIT_SHARE`), the topics are fitted again.

The model is stored as one more table of the bundle (``topic_model``: one row per
term, its IDF and its weight in each topic), listed and hash-checked in
``build.json`` like every table; it is not part of the data contract.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.decomposition import NMF

from analysis.topics.vectorize import weigh

REFIT_SHARE = 0.10  # refit once this share of the fitted documents was added, changed or removed since


@dataclass
class TopicModel:
    """Vocabulary, IDF and topic-term weights ``H`` (topics in their published order) of an NMF fit."""

    terms: np.ndarray
    idf: np.ndarray
    H: np.ndarray
    fitted_on: int  # documents the model was fitted on
    drift: int = 0  # documents added, changed or removed since

    def frame(self) -> pd.DataFrame:
        """The model as a table: term, idf, then one weight column per topic (h00, h01, …)."""
        data = {"term": pd.Series(self.terms, dtype="str"), "idf": self.idf}
        for j, row in enumerate(self.H):
            data[f"h{j:02d}"] = row
        return pd.DataFrame(data)

    @classmethod
    def from_frame(cls, frame: pd.DataFrame, fitted_on: int, drift: int) -> TopicModel:
        columns = [c for c in frame.columns if c.startswith("h")]
        H = frame[columns].to_numpy(dtype=np.float64).T.copy()
        return cls(frame["term"].to_numpy(dtype=object), frame["idf"].to_numpy(dtype=np.float64), H, fitted_on, drift)

    def stale(self, changed: int) -> bool:
        """Whether ``changed`` more documents would take the drift past :data:`REFIT_SHARE`."""
        return self.drift + changed > REFIT_SHARE * max(1, self.fitted_on)

    def weights(self, token_lists: list[list[str]]) -> np.ndarray:
        """Passage-topic weights (n × K) of tokenised passages, as the fit's own ``transform`` gives them."""
        k = self.H.shape[0]
        if not token_lists:  # nothing new: scikit-learn refuses empty matrices
            return np.zeros((0, k))
        X = weigh(token_lists, self.terms, self.idf)
        nmf = NMF(n_components=k, init="nndsvda", solver="cd", random_state=0, max_iter=400, tol=1e-4)
        nmf.components_ = self.H
        nmf.n_components_ = k
        nmf.n_features_in_ = self.H.shape[1]
        return nmf.transform(sparse.csr_matrix(X))
