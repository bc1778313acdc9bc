"""The bundle's tables as the data contract (docs/data.md) types them, in either storage format.

A bundle is stored as Parquet (the default) or CSV, and reads back to the same frames:
the columns listed here are whole numbers, floats or booleans, every other column is
text, never missing ("" where the contract says "none" or "unknown"), with lists
joined by ";". CSV holds everything as text and is typed on reading; Parquet stores
the types, and :func:`for_storage` makes sure the text columns hold exactly the
text CSV would hold, so both formats keep one contract.
"""

from __future__ import annotations

import math

import pandas as pd

TABLES = (
    "documents",
    "passages",
    "sentences",
    "mentions",
    "passage_themes",
    "problems",
    "topics",
    "topic_terms",
    "topic_k",
    "topic_map",
    "stance",
    "stance_evidence",
    "stance_voices",
    "propositions",
    "proposition_evidence",
    "recommendations",
    "events",
    "event_groups",
    "undated_events",
    "facets",
)
INT_COLUMNS = {
    "documents": ["n_passages", "n_words"],
    "passages": ["seq", "n_words"],
    "sentences": ["start", "end"],
    "mentions": ["start", "end"],
    "passage_themes": ["n_hits"],
    "topics": ["topic_id", "n_passages", "n_low_confidence"],
    "topic_terms": ["topic_id", "rank"],
    "topic_k": ["k"],
    "topic_map": ["topic_id"],
    "stance": ["n_sentences", "n_evaluative", "n_positive", "n_negative"],
    "stance_voices": ["n_sentences", "n_positive", "n_negative"],
    "propositions": ["n_sentences", "n_support", "n_oppose"],
    "event_groups": ["n_mentions"],
    "events": ["char_start", "char_end"],
    "facets": ["documents", "passages", "words", "sentences", "mentions", "actor_mentions", "dated", "dated_context"],
}
BOOL_COLUMNS = {"stance": ["thin"], "topic_k": ["chosen"], "events": ["resolved"], "event_groups": ["discrepancy"]}
FLOAT_COLUMNS = {
    "stance": ["score", "confidence"],
    "stance_evidence": ["score"],
    "stance_voices": ["score"],
    "propositions": ["score"],
    "proposition_evidence": ["score"],
    "passages": ["topic_weight"],
    "topics": ["share", "npmi"],
    "topic_terms": ["weight"],
    "topic_k": ["npmi", "stability", "score"],
    "topic_map": ["x", "y"],
}


def typed_columns(name: str) -> set[str]:
    return {*INT_COLUMNS.get(name, ()), *FLOAT_COLUMNS.get(name, ()), *BOOL_COLUMNS.get(name, ())}


def for_storage(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its typed columns cast and every other column as the text CSV would write."""
    out = {}
    for col in frame.columns:
        values = frame[col]
        if col in INT_COLUMNS.get(name, ()):
            out[col] = values.astype("int64")
        elif col in FLOAT_COLUMNS.get(name, ()):
            out[col] = pd.to_numeric(values, errors="coerce").astype("float64")
        elif col in BOOL_COLUMNS.get(name, ()):
            out[col] = values.astype(bool) if values.dtype == bool else values.map(_is_true).astype(bool)
        else:
            out[col] = _as_text(values)
    return pd.DataFrame(out, columns=frame.columns, index=frame.index, copy=False).reset_index(drop=True)


def from_storage(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """A table as read (CSV: all text; Parquet: typed already) with the contract's types."""
    for col in INT_COLUMNS.get(name, []):
        frame[col] = frame[col].astype(int)
    for col in FLOAT_COLUMNS.get(name, []):
        frame[col] = pd.to_numeric(frame[col], errors="coerce").astype(float)
    for col in BOOL_COLUMNS.get(name, []):
        if frame[col].dtype != bool:
            frame[col] = frame[col] == "True"
    for col in set(frame.columns) - typed_columns(name):
        if frame[col].dtype != "str":
            frame[col] = frame[col].astype("str")
    return frame


def _is_true(value: object) -> bool:
    return value is True or value == "True"


def _as_text(values: pd.Series) -> pd.Series:
    """Each value as ``DataFrame.to_csv`` writes it: missing as "", floats in their shortest form."""
    if values.dtype == "str":
        return values.fillna("") if values.hasnans else values  # no copy of a text column that has no gap

    def text(v: object) -> str:
        if v is None or (isinstance(v, float) and math.isnan(v)):
            return ""
        if isinstance(v, float):
            return repr(v)
        return str(v)

    return pd.Series([text(v) for v in values.tolist()], index=values.index, dtype="str")
