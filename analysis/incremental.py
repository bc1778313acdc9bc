"""Incremental builds: what a previous bundle of the same corpus lets a build skip.

Every per-document table (:data:`analysis.stages.DOCUMENT_TABLES`) depends on its
document alone, the configuration and the code. A bundle records a key per document
over exactly these (``document_keys``, an internal table listed in ``build.json``),
so the next build of a corpus that gained, lost or changed a few documents reads the
rows of every unchanged document back from the previous bundle, analyses only the
others, and runs the corpus-level stages (topics, stance aggregates, event groups,
document statistics) on the whole. The per-document tables and everything computed
from them are then the very bytes a full build gives; the topics are weighed against
the model kept with the previous bundle unless the corpus moved too far from it
(:mod:`analysis.topics.model`), and ``build.json`` says which (``topics.update``).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.contract import TABLES, from_storage
from analysis.stages import ANNOTATED_PASSAGE_COLUMNS, DOCUMENT_TABLES
from analysis.store import BUILD_FILE, BundleError, read_tables
from analysis.topics.model import TopicModel

INTERNAL_TABLES = ("document_keys", "topic_model")
TOPIC_TABLES = ("topics", "topic_terms", "topic_k", "topic_map")


# The document fields the per-document stages read (structure and annotation: the text; stance: the
# source and kind; timeline: the publication date and source). The file a document came from, its
# title, author and URL only reach the documents table, which every build makes afresh.
KEYED_COLUMNS = ("doc_id", "source", "kind", "published", "text")


def document_keys(documents: pd.DataFrame, config_fingerprint: str, code: str) -> pd.DataFrame:
    """(doc_id, key): a hash of everything a document's own tables depend on, the code included."""
    prefix = f"{config_fingerprint}|{code}|".encode()
    columns = [documents[c].astype(str).tolist() for c in KEYED_COLUMNS]
    keys = [
        hashlib.sha256(prefix + "\0".join(values).encode("utf-8", "surrogatepass")).hexdigest()[:32]
        for values in zip(*columns, strict=True)
    ]
    return pd.DataFrame({"doc_id": documents["doc_id"].astype(str).tolist(), "key": keys})


@dataclass
class Previous:
    """What an earlier bundle of the corpus offers: per-document rows, topics and the topic model."""

    keys: dict[str, str]
    tables: dict[str, pd.DataFrame]  # every per-document table, passages without topic columns
    passage_topics: pd.DataFrame  # passage_id, topic_id, topic_weight, topic_confidence
    doc_topics: pd.DataFrame  # doc_id, topic_id
    topic_tables: dict[str, pd.DataFrame]
    info: dict
    model: TopicModel | None

    def reusable(self, keys: pd.DataFrame) -> set[str]:
        """The documents whose rows can be read back: same id, same key."""
        return {d for d, k in zip(keys["doc_id"], keys["key"], strict=True) if self.keys.get(d) == k}


def read_previous(folder: Path | str) -> Previous | None:
    """The previous bundle in ``folder``, or None when there is none, it is damaged, or it was
    written before bundles kept document keys (then the build is a full one)."""
    folder = Path(folder)
    try:
        info = json.loads((folder / BUILD_FILE).read_text(encoding="utf-8"))
        listed = info.get("tables", {})
    except (OSError, ValueError, AttributeError):
        return None
    if not isinstance(listed, dict) or "document_keys" not in listed:
        return None
    names = [*TABLES, *(n for n in INTERNAL_TABLES if n in listed)]
    try:
        raw, info = read_tables(folder, names)
        tables = {name: from_storage(name, raw[name]) for name in TABLES}
    except (BundleError, KeyError, ValueError, TypeError):
        return None
    per_document = {name: tables[name] for name in DOCUMENT_TABLES}
    passages = tables["passages"]
    per_document["passages"] = passages[ANNOTATED_PASSAGE_COLUMNS]
    per_document["events"] = tables["events"].drop(columns=["group_id"], errors="ignore")  # set by the grouping
    body = passages[passages["role"] == "body"]
    passage_topics = body.loc[body["topic_id"] != "", ["passage_id", "topic_id", "topic_weight", "topic_confidence"]]
    documents = tables["documents"]
    doc_topics = documents.loc[documents["topic_id"] != "", ["doc_id", "topic_id"]]
    topics_info = info.get("topics", {})
    model = None
    if "topic_model" in raw and isinstance(topics_info.get("model"), dict) and len(raw["topic_model"]):
        state = topics_info["model"]
        model = TopicModel.from_frame(raw["topic_model"], int(state["fitted_on"]), int(state.get("drift", 0)))
    keys = raw["document_keys"]
    return Previous(
        keys=dict(zip(keys["doc_id"].astype(str), keys["key"].astype(str), strict=True)),
        tables=per_document,
        passage_topics=passage_topics,
        doc_topics=doc_topics,
        topic_tables={name: tables[name] for name in TOPIC_TABLES},
        info=topics_info,
        model=model,
    )
