"""Topics fitted across sources or within one document, offered when the corpus-wide topics
mirror documents (issue #14, item 5)."""

from __future__ import annotations

import json
import re

import pytest

from analysis.topics import views
from analysis.topics.rebuild import (
    CORPUS,
    SOURCES,
    ScopeError,
    document_scope,
    documents_with_topics,
    scope_problem,
    with_topics,
)
from analysis.topics.vectorize import tokenize
from tests.conftest import open_page


def _plain(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")


def _sources_using(bundle, term: str) -> set[str]:
    """Sources with a body passage whose tokens (or adjacent token pairs) give ``term``."""
    source = bundle.documents.set_index("doc_id")["source"]
    found = set()
    for doc_id, text in zip(bundle.body["doc_id"], bundle.body["text"], strict=True):
        tokens = tokenize(text)
        features = set(tokens) | {f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)}
        if term in features:
            found.add(source[doc_id])
    return found


@pytest.fixture(scope="module")
def across(seed_bundle):
    return with_topics(seed_bundle, None, scope=SOURCES)


def test_topics_across_sources_use_only_terms_two_sources_write(across):
    assert across.info["topics"]["scope"] == SOURCES
    for terms in across.topics["top_terms"]:
        for term in terms.split(";"):
            assert len(_sources_using(across, term)) >= 2, term


def test_topics_across_sources_no_longer_mirror_the_seed_documents(seed_bundle, across):
    before = views.document_concentration(seed_bundle)
    after = views.document_concentration(across)
    assert before["mirrors"].sum() >= 3  # the case: most corpus-wide seed topics are one document's
    assert after["mirrors"].sum() == 0
    assert (across.body["topic_id"] != "").all()  # every body passage still has a topic


def test_topics_within_a_document_cover_that_document_alone(seed_bundle):
    doc_id = documents_with_topics(seed_bundle)[0]
    within = with_topics(seed_bundle, None, scope=document_scope(doc_id))
    topical = within.body[within.body["topic_id"] != ""]
    assert set(topical["doc_id"]) == {doc_id}
    assert len(topical) == int((seed_bundle.body["doc_id"] == doc_id).sum())
    assert within.topics["n_passages"].sum() == len(topical)
    assert within.documents.set_index("doc_id")["topic_id"].drop(doc_id).eq("").all()


def test_scopes_that_cannot_be_fitted_say_why(seed_bundle):
    assert scope_problem(seed_bundle, CORPUS) == scope_problem(seed_bundle, SOURCES) == ""
    assert "no document 'nope'" in scope_problem(seed_bundle, document_scope("nope"))
    assert "unknown topic scope 'bogus'" in scope_problem(seed_bundle, "bogus")
    with pytest.raises(ScopeError, match="no document"):
        with_topics(seed_bundle, None, scope=document_scope("nope"))


def test_the_topics_page_offers_the_scopes_and_keeps_them_in_the_url(seed_bundle):
    at = open_page("pages/2_Topics.py", {})
    assert not at.exception
    assert any("Or fit them **Across sources**" in w.value for w in at.warning)  # offered where topics mirror
    at.radio(key="topics_scope_kind").set_value(SOURCES).run()
    assert not at.exception
    assert at.query_params["topics"] == SOURCES
    caption = _plain(at.caption[0].value)
    assert "NMF topics across sources: only terms that passages of at least 2 sources use" in caption
    assert not any("mirror" in w.value for w in at.warning)

    doc_id = documents_with_topics(seed_bundle)[1]
    at.radio(key="topics_scope_kind").set_value("document:").run()
    at.selectbox(key="topics_scope_doc").set_value(doc_id).run()
    assert not at.exception
    assert at.query_params["topics"] == document_scope(doc_id)
    title = seed_bundle.documents.set_index("doc_id").loc[doc_id, "title"]
    assert f"within one document: ‘{title}’" in _plain(at.caption[0].value)
    specs = [json.loads(el.proto.spec) for el in at.get("plotly_chart")]
    texts = [json.dumps(spec) for spec in specs]
    assert any("terms from this document" in t for t in texts)
    source = seed_bundle.documents.set_index("doc_id").loc[doc_id, "source"]
    heatmap = next(spec for spec, t in zip(specs, texts, strict=True) if "dwells most on" in t)
    columns = {x for trace in heatmap["data"] if trace.get("type") == "heatmap" for x in trace["x"]}
    assert columns == {source}  # the document's source only, not columns of zeros


def test_a_link_to_a_scope_opens_it_and_a_bad_one_is_named(seed_bundle):
    doc_id = documents_with_topics(seed_bundle)[0]
    at = open_page("pages/2_Topics.py", {"topics": document_scope(doc_id)})
    assert not at.exception
    assert at.radio(key="topics_scope_kind").value == "document:"
    assert at.selectbox(key="topics_scope_doc").value == doc_id
    bad = open_page("pages/2_Topics.py", {"topics": "document:nope"})
    assert not bad.exception
    assert any("no document 'nope'" in _plain(w.value) for w in bad.warning)
    assert "whole corpus" in _plain(bad.caption[0].value)
