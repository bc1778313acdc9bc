"""Re-run the topic stage on a built bundle: when the analyst picks K, or another scope.

Topics are fitted across the whole corpus by default. On a handful of long documents such
topics tend to reproduce the documents (each document's own vocabulary makes its own topic,
:func:`analysis.topics.views.document_concentration` says where). Two other scopes answer
the two questions an analyst then asks:

- ``sources``: *what do the sources write about in common?* The same fit, over the terms that
  passages of at least ``MIN_SOURCES`` sources use; a word only one source writes cannot make a
  topic of its own. On the seeds this takes the topics that mirror one document from 5 of 7 to 0
  of 3 (tests/test_topic_scopes.py).
- ``document:<doc_id>``: *what are the parts of this document about?* The fit on that document's
  passages alone; the other passages have no topic.

A scope is a string so that it fits in a URL (``?topics=sources``) and a cache key.
"""

from __future__ import annotations

from dataclasses import replace

from analysis.bundle import Bundle
from analysis.topics.stage import MIN_PASSAGES, attach_passage_topics, compute_topics

CORPUS = "corpus"
SOURCES = "sources"
DOCUMENT = "document:"
MIN_SOURCES = 2


class ScopeError(ValueError):
    """A scope this bundle cannot give topics for (unknown document, too few sources or passages)."""


def document_scope(doc_id: str) -> str:
    return f"{DOCUMENT}{doc_id}"


def scope_problem(bundle: Bundle, scope: str) -> str:
    """Why ``scope`` cannot be computed on ``bundle`` ('' when it can)."""
    if scope == CORPUS:
        return ""
    if scope == SOURCES:
        n = bundle.documents["source"].nunique()
        return "" if n >= MIN_SOURCES else f"topics across sources need {MIN_SOURCES} sources; this corpus has {n}"
    if scope.startswith(DOCUMENT):
        doc_id = scope[len(DOCUMENT) :]
        if doc_id not in set(bundle.documents["doc_id"]):
            return f"no document {doc_id!r} in this corpus"
        n = int((bundle.body["doc_id"] == doc_id).sum())
        return "" if n >= MIN_PASSAGES else f"the document has {n} body passages; topics need {MIN_PASSAGES}"
    return f"unknown topic scope {scope!r}"


def documents_with_topics(bundle: Bundle) -> list[str]:
    """Documents long enough for topics of their own, in document order."""
    counts = bundle.body["doc_id"].value_counts()
    return [d for d in bundle.documents["doc_id"] if counts.get(d, 0) >= MIN_PASSAGES]


def with_topics(bundle: Bundle, k: int | None, engine: str = "nmf", scope: str = CORPUS) -> Bundle:
    """The same bundle with topics recomputed for ``k`` (None: automatic) in ``scope``."""
    if problem := scope_problem(bundle, scope):
        raise ScopeError(problem)
    body = bundle.body
    shared_by = None
    if scope == SOURCES:
        shared_by = body["doc_id"].map(bundle.documents.set_index("doc_id")["source"])
    elif scope.startswith(DOCUMENT):
        body = body[body["doc_id"] == scope[len(DOCUMENT) :]]
    result = compute_topics(
        body, k=k, engine=engine, shared_by=shared_by, min_shared=MIN_SOURCES if shared_by is not None else 1
    )
    result.info["scope"] = scope
    passages = attach_passage_topics(bundle.passages, result.passage_topics)[bundle.passages.columns]
    documents = bundle.documents.assign(topic_id=result.dominant(bundle.documents["doc_id"]))
    info = {**bundle.info, "topics": result.info}
    return replace(bundle, passages=passages, documents=documents, **result.tables(), info=info)


def scope_description(info: dict, documents: dict[str, str] | None = None) -> str:
    """How the topics in ``info`` (a bundle's ``info["topics"]``) were scoped, in words."""
    scope = info.get("scope", CORPUS)
    if scope == SOURCES:
        return f"across sources: only terms that passages of at least {MIN_SOURCES} sources use"
    if scope.startswith(DOCUMENT):
        doc_id = scope[len(DOCUMENT) :]
        return f"within one document: ‘{(documents or {}).get(doc_id, doc_id)}’ (other passages have no topic)"
    return "across the whole corpus"
