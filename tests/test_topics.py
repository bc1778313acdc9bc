"""Topics: every passage placed, deterministic, labelled, measurable."""

from __future__ import annotations

import math
import random

import numpy as np
import pandas as pd
import pytest

from analysis.topics.coherence import WindowCounts, diversity, npmi_scores
from analysis.topics.engines import ENGINES, fit_engine
from analysis.topics.labels import label_phrases
from analysis.topics.names import apply_names, load_names, save_name
from analysis.topics.rebuild import with_topics
from analysis.topics.stage import compute_topics, fit_sample
from analysis.topics.vectorize import term_matrices, tokenize


def test_every_body_passage_has_a_topic(seed_bundle):
    body = seed_bundle.body
    assert (body["topic_id"] != "").all()
    assert body["topic_weight"].between(0, 1).all()
    assert set(body["topic_confidence"]) <= {"high", "low"}
    assert seed_bundle.topics["n_passages"].sum() == len(body)
    debris = seed_bundle.passages[seed_bundle.passages["role"] != "body"]
    assert (debris["topic_id"] == "").all()
    assert (seed_bundle.documents["topic_id"] != "").all()


def test_topics_are_labelled_and_scored(seed_bundle):
    topics = seed_bundle.topics
    k = seed_bundle.info["topics"]["k"]
    assert 3 <= k <= 12 and len(topics) == k
    assert topics["label"].is_unique and not topics["label"].str.match(r"^topic \d+$").any()
    assert topics["label"].str.split(" / ").str.len().between(1, 3).all()
    assert topics["npmi"].between(-1, 1).all()
    assert len(seed_bundle.topic_terms) == 10 * k
    assert seed_bundle.topic_k["chosen"].sum() == 1
    assert int(seed_bundle.topic_k.loc[seed_bundle.topic_k["chosen"], "k"].iloc[0]) == k


def test_same_topics_whatever_the_order(seed_bundle):
    body = seed_bundle.body[["passage_id", "doc_id", "text"]]
    one = compute_topics(body)
    two = compute_topics(body.sample(frac=1, random_state=7))
    pd.testing.assert_frame_equal(one.topics, two.topics)
    pd.testing.assert_frame_equal(one.passage_topics, two.passage_topics)


def test_k_override_and_rebuild(seed_bundle):
    rebuilt = with_topics(seed_bundle, 4)
    assert len(rebuilt.topics) == 4 and rebuilt.info["topics"]["k"] == 4
    assert rebuilt.info["topics"]["k_auto"] == seed_bundle.info["topics"]["k_auto"]
    assert set(rebuilt.body["topic_id"].astype(int)) <= set(range(4))


def test_small_corpus_gets_no_topics_but_builds():
    body = pd.DataFrame({"passage_id": ["a-p1", "a-p2"], "doc_id": ["a", "a"], "text": ["Iran.", "Turkey."]})
    result = compute_topics(body)
    assert result.topics.empty and "body passages" in result.info["skipped"]


@pytest.mark.parametrize("engine", ENGINES)
def test_engines_fit_and_transform(seed_bundle, engine):
    tokens = [tokenize(t) for t in seed_bundle.body["text"]]
    X, _, _ = term_matrices(tokens)
    fit = fit_engine(X, 4, engine)
    assert fit.W.shape == (X.shape[0], 4) and fit.H.shape[0] == 4
    assert fit.transform(X[:3]).shape == (3, 4) and (fit.W >= 0).all()


def test_npmi_matches_the_definition():
    docs = [["a", "b", "c"], ["a", "b"], ["c", "d"], ["a", "d"]]
    # windows of 10: each short text is one window; P(a)=3/4, P(b)=2/4, P(a,b)=2/4
    expected = math.log((2 / 4) / ((3 / 4) * (2 / 4))) / -math.log(2 / 4)
    assert npmi_scores(docs, [["a", "b"]])[0] == pytest.approx(expected)
    eps = 1e-12  # gensim's epsilon: pairs never seen together score just above -1
    never = (math.log(eps) - math.log((2 / 4) * (2 / 4))) / -math.log(eps)
    assert npmi_scores(docs, [["b", "d"]])[0] == pytest.approx(never)


def test_sliding_windows_and_bigrams():
    tokens = ["x"] * 5 + ["mavi", "marmara"] + ["y"] * 10
    counts = WindowCounts([tokens], ["mavi marmara", "y"], window=4)
    assert counts.n_windows == len(tokens) - 4 + 1
    i = counts.index["mavi marmara"]
    assert counts.pair[i, i] == 4  # starts at position 5: windows 2..5


def test_diversity():
    assert diversity([["a", "b"], ["c", "d"]]) == 1.0
    assert diversity([["a", "b"], ["a", "c"]]) == 0.75


def test_labels_prefer_bigrams_and_merge_chains():
    top = ["turkey", "mavi marmara", "mavi", "veto", "marmara", "exercises"]
    assert label_phrases(top) == ["turkey", "mavi marmara", "veto"]
    chained = ["strategic direction", "southern strategic", "flank", "southern"]
    assert label_phrases(chained, occurs=lambda p: p == "southern strategic direction") == [
        "southern strategic direction",
        "flank",
    ]
    assert label_phrases(chained, occurs=lambda p: False)[0] == "strategic direction"


def test_names_persist_by_signature(seed_bundle, tmp_path):
    path = tmp_path / "names.json"
    save_name(path, seed_bundle.topics, 0, "Alliance theory and partnership")
    named = apply_names(seed_bundle.topics, load_names(path))
    assert named.loc[0, "label"] == "Alliance theory and partnership" and named.loc[0, "renamed"]
    assert named.loc[0, "auto_label"] == seed_bundle.topics.loc[0, "label"]
    assert (named.loc[1:, "label"] == seed_bundle.topics.loc[1:, "label"]).all()
    other_k = with_topics(seed_bundle, 4).topics
    assert not apply_names(other_k, load_names(path))["renamed"].any()
    save_name(path, seed_bundle.topics, 0, "")
    assert load_names(path) == {}


def test_topic_views(seed_bundle):
    from analysis.filters import Filters, apply_filters
    from analysis.topics import views

    view = apply_filters(seed_bundle, Filters(sources=("Op-ed",)))
    sizes = views.topic_sizes(view)
    assert sizes["n_filtered"].sum() == len(view.body)
    by_source = views.topic_by_source(view)
    assert set(by_source["source"]) == {"Op-ed"} and np.isclose(by_source["share"].sum(), 1.0, atol=1e-3)
    rows = views.passages_of_topic(view, int(sizes.sort_values("n_filtered").iloc[-1]["topic_id"]))
    assert rows["topic_weight"].is_monotonic_decreasing
    assert views.topic_over_time(view).empty  # the op-ed is undated


def _themed_corpus(n_docs: int) -> pd.DataFrame:
    """Documents on one of three subjects, two passages each, with words drawn from that subject."""
    rng = random.Random(11)
    subjects = [
        "missile defence radar interceptor launch battery".split(),
        "election ballot parliament coalition vote minister".split(),
        "harvest drought wheat grain farmers rainfall".split(),
    ]
    rows = []
    for d in range(n_docs):
        words = subjects[d % 3]
        for p in range(2):
            text = " ".join(rng.choice(words) for _ in range(40)) + "."
            rows.append({"passage_id": f"d{d:03d}-p{p:04d}", "doc_id": f"d{d:03d}", "text": text})
    return pd.DataFrame(rows)


def test_a_large_corpus_is_fitted_on_a_seeded_sample_and_every_passage_weighed():
    body = _themed_corpus(150)
    sampled = compute_topics(body, k=3, select=False, sample_docs=60)
    whole = compute_topics(body, k=3, select=False, sample_docs=10_000)
    assert sampled.info["fit_on"] == "documents"
    assert (sampled.info["fit_sample"], whole.info["fit_sample"]) == (60, 0)
    assert len(sampled.passage_topics) == len(body)  # every passage weighed, sampled document or not
    again = compute_topics(body.sample(frac=1, random_state=3), k=3, select=False, sample_docs=60)
    pd.testing.assert_frame_equal(again.passage_topics, sampled.passage_topics)  # the same rows drawn
    # The sample finds the same three subjects: each topic's passages are one subject's documents.
    subject = body.set_index("passage_id")["doc_id"].str[1:].astype(int) % 3
    for result in (sampled, whole):
        per_topic = result.passage_topics.assign(subject=lambda f: f["passage_id"].map(subject))
        assert per_topic.groupby("topic_id")["subject"].nunique().eq(1).all()


def test_fit_sample_draws_sorted_distinct_rows_only_past_the_limit():
    assert fit_sample(100, None, 0) is None and fit_sample(100, 100, 0) is None
    rows = fit_sample(1000, 200, 0)
    assert len(rows) == len(set(rows)) == 200 and list(rows) == sorted(rows) and rows.max() < 1000
    assert (fit_sample(1000, 200, 0) == rows).all() and not (fit_sample(1000, 200, 1) == rows).all()
