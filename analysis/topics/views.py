"""Topic tables for the page and its charts, computed on the filtered bundle.

Each returns a tidy frame with the ids behind its numbers, so a bar or a cell
can be opened to its passages.
"""

from __future__ import annotations

import pandas as pd

from analysis.bundle import Bundle
from analysis.overview import source_of
from analysis.topics.model import REFIT_SHARE


def topic_passages(view: Bundle) -> pd.DataFrame:
    """Body passages that carry a topic, with source, label and published date."""
    body = view.body[view.body["topic_id"] != ""].copy()
    body["topic_id"] = body["topic_id"].astype(int)
    body["source"] = body["doc_id"].map(source_of(view))
    body["published"] = body["doc_id"].map(view.documents.set_index("doc_id")["published"])
    labels = view.topics.set_index("topic_id")["label"]
    body["label"] = body["topic_id"].map(labels)
    return body


def topic_sizes(view: Bundle) -> pd.DataFrame:
    """Topics with the number of (filtered) passages and share of the filtered total."""
    rows = topic_passages(view)
    counts = rows.groupby("topic_id").size()
    out = view.topics.copy()
    out["n_filtered"] = out["topic_id"].map(counts).fillna(0).astype(int)
    total = max(1, int(out["n_filtered"].sum()))
    out["share_filtered"] = (out["n_filtered"] / total).round(4)
    return out


def topic_by_source(view: Bundle) -> pd.DataFrame:
    """Long table: topic, source, passages, share of the source's topical passages."""
    rows = topic_passages(view)
    if rows.empty:  # filters that leave no passage: an empty table, not a division of empty columns
        return pd.DataFrame({"topic_id": pd.Series(dtype=int), "label": pd.Series(dtype=str),
                             "source": pd.Series(dtype=str), "passages": pd.Series(dtype=int),
                             "share": pd.Series(dtype=float)})  # fmt: skip
    counts = rows.groupby(["topic_id", "label", "source"]).size().rename("passages").reset_index()
    totals = rows.groupby("source").size()
    counts["share"] = (counts["passages"] / counts["source"].map(totals).astype(float)).round(4)
    return counts.sort_values(["topic_id", "source"]).reset_index(drop=True)


def topic_by_theme(view: Bundle) -> pd.DataFrame:
    """Long table: topic, theme, passages carrying both."""
    rows = topic_passages(view)[["passage_id", "topic_id", "label"]]
    merged = rows.merge(view.passage_themes[["passage_id", "theme"]], on="passage_id")
    out = merged.groupby(["topic_id", "label", "theme"]).size().rename("passages").reset_index()
    return out.sort_values(["topic_id", "theme"]).reset_index(drop=True)


def topic_over_time(view: Bundle) -> pd.DataFrame:
    """Passages per topic and publication year (dated documents only)."""
    rows = topic_passages(view)
    rows = rows[rows["published"].fillna("") != ""]
    rows = rows.assign(year=rows["published"].str[:4].astype(int))
    out = rows.groupby(["year", "topic_id", "label"]).size().rename("passages").reset_index()
    out = out.sort_values(["year", "topic_id"]).reset_index(drop=True)
    out.attrs["documents"] = int(rows["doc_id"].nunique())  # how many dated documents the years come from
    return out


# A topic more than this share of whose passages come from one document describes that document.
MIRROR_SHARE = 0.8


def document_concentration(view: Bundle) -> pd.DataFrame:
    """Per topic: the document holding most of its passages, how many, and their share; ``mirrors``
    is True past :data:`MIRROR_SHARE` (and from 3 passages on, so a two-passage topic is not judged).
    On a handful of documents topics tend to reproduce the documents: this says where."""
    rows = topic_passages(view)
    columns = ["topic_id", "label", "passages", "top_doc", "top_source", "top_title", "top_passages", "top_share"]
    if rows.empty:
        return pd.DataFrame(columns=[*columns, "mirrors"])
    per_doc = rows.groupby(["topic_id", "doc_id"]).size().rename("n").reset_index()
    per_doc = per_doc.sort_values(["topic_id", "n", "doc_id"], ascending=[True, False, True])
    top = per_doc.drop_duplicates("topic_id").set_index("topic_id")
    totals = rows.groupby("topic_id").size()
    docs = view.documents.set_index("doc_id")
    out = pd.DataFrame(
        {
            "topic_id": totals.index,
            "label": [view.topics.set_index("topic_id")["label"].get(t, "") for t in totals.index],
            "passages": totals.to_numpy(),
            "top_doc": top.loc[totals.index, "doc_id"].to_numpy(),
            "top_passages": top.loc[totals.index, "n"].to_numpy(),
        }
    )
    out["top_source"] = out["top_doc"].map(docs["source"])
    out["top_title"] = out["top_doc"].map(docs["title"])
    out["top_share"] = (out["top_passages"] / out["passages"]).round(4)
    out["mirrors"] = (out["top_share"] > MIRROR_SHARE) & (out["passages"] >= 3)
    return out[[*columns, "mirrors"]]


def passages_of_topic(view: Bundle, topic_id: int) -> pd.DataFrame:
    """The passages of a topic, strongest first, for evidence."""
    rows = topic_passages(view)
    rows = rows[rows["topic_id"] == topic_id]
    rows = rows.sort_values(["topic_weight", "passage_id"], ascending=[False, True])
    cols = ["passage_id", "doc_id", "source", "section", "topic_weight", "topic_confidence", "text"]
    return rows[cols].reset_index(drop=True)


def update_note(info: dict) -> str:
    """What the Topics page says when the topics were not fitted on this very corpus: an incremental
    build weighed the new passages against the model of an earlier build (analysis/topics/model.py)."""
    update = info.get("update")
    model = info.get("model") or {}
    if not update:
        return ""
    passages, documents = update["new_passages"], update["changed_documents"]
    return (
        f"Topics not refitted: the {passages} passage{'s' * (passages != 1)} of the {documents} "
        f"document{'s' * (documents != 1)} added or changed since the last build were weighed against the model "
        f"fitted on {model.get('fitted_on', '?')} documents ({model.get('drift', '?')} added, changed or removed "
        "since). "
        f"They are fitted again once that share passes {REFIT_SHARE:.0%} of the corpus, or with a full build "
        "(`--full`)."
    )
