"""Re-run the topic stage on a built bundle, e.g. when the analyst picks K."""

from __future__ import annotations

from dataclasses import replace

from analysis.bundle import Bundle
from analysis.topics.stage import attach_passage_topics, compute_topics


def with_topics(bundle: Bundle, k: int | None, engine: str = "nmf") -> Bundle:
    """The same bundle with topics recomputed for ``k`` (None: automatic)."""
    result = compute_topics(bundle.body, k=k, engine=engine)
    passages = attach_passage_topics(bundle.passages, result.passage_topics)[bundle.passages.columns]
    documents = bundle.documents.assign(topic_id=result.dominant(bundle.documents["doc_id"]))
    info = {**bundle.info, "topics": result.info}
    return replace(bundle, passages=passages, documents=documents, **result.tables(), info=info)
