"""Crashes found by trying the app as an unlucky user would (issue #12, item 5): each failed before."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.bundle import build_bundle, load_bundle
from analysis.topics.selection import select_k
from analysis.topics.stage import compute_topics
from analysis.topics.vectorize import term_matrices, tokenize
from tests.conftest import open_page

PAGES = [None, "pages/1_Reader.py", "pages/2_Topics.py", "pages/3_Stance.py", "pages/4_Timeline.py",
         "pages/5_Briefing.py"]  # fmt: skip
NOTHING = {
    # no document: the Op-ed is undated and the range excludes undated documents
    "no-document": {"source": "Op-ed", "from": "2024", "undated": "0"},
    # documents but no body passage: the Op-ed never names the Warsaw Pact in a Turkey passage
    "no-passage": {"source": "Op-ed", "theme": "Turkey", "actor": "Warsaw Pact"},
}


@pytest.mark.parametrize("variant", sorted(NOTHING))
@pytest.mark.parametrize("page", PAGES)
def test_filters_that_leave_nothing(page, variant):
    """The Topics page raised a TypeError (an empty topic x source table divided by strings)."""
    at = open_page(page, NOTHING[variant])
    assert not at.exception, [e.value for e in at.exception]


@pytest.mark.parametrize(
    "params",
    [{"k": "²"}, {"k": "٣"}, {"from": "²", "to": "³"}, {"k": "1e3", "from": "-5"}, {"k": "9" * 40}],
    ids=["superscript-k", "arabic-indic-k", "superscript-years", "exponent-negative", "huge"],
)
def test_odd_digits_in_query_parameters(params):
    """'²'.isdigit() is True but int('²') raises: every page fell over on ?k=² or ?from=²."""
    for page in (None, "pages/2_Topics.py"):
        at = open_page(page, params)
        assert not at.exception, [e.value for e in at.exception]
    assert at.session_state["topics_k"] is None  # the odd value is ignored, not guessed at


def test_parse_int_takes_ascii_digits_only():
    from dashboard.state import parse_int

    assert parse_int("12", 2, 40) == 12
    assert [parse_int(v, 2, 40) for v in ("²", "٣", "1e3", "-5", " ", "41", "1", "9" * 40, None)] == [None] * 9


def _body(texts: list[str]) -> pd.DataFrame:
    ids = [f"d-p{i:04d}" for i in range(len(texts))]
    return pd.DataFrame({"passage_id": ids, "doc_id": "d", "text": texts})


@pytest.mark.parametrize(
    "texts",
    [["alpha"] * 7 + ["beta"] * 7, ["alpha", "beta"] * 10, ["alpha"] * 13 + ["beta"] * 2],
    ids=["two-terms", "alternating", "one-dominant"],
)
def test_few_distinct_terms_skip_topics_with_a_reason(texts):
    """NMF's nndsvda start refused K above the number of terms, and the K sweep asked for 3."""
    result = compute_topics(_body(texts))
    assert result.topics.empty and "distinct terms" in result.info["skipped"]


def test_k_sweep_never_asks_for_more_topics_than_terms():
    texts = [f"{a} {b}" for a, b in zip(["alpha", "beta", "gamma"] * 8, ["delta", "alpha", "beta"] * 8, strict=True)]
    tokens = [tokenize(t) for t in texts]
    X, _, terms = term_matrices(tokens, None)
    selection = select_k(X, tokens, terms, ks=[3, 4, 5, 6, 8, 10])
    assert set(selection.curve["k"]) <= set(range(2, X.shape[1] + 1))


def test_a_corpus_with_few_terms_still_builds(tmp_path):
    """The whole build was lost to the topic stage; now every other table is written."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    paras = ["Iran." if i % 2 else "Turkey." for i in range(30)]
    (corpus / "a.txt").write_text("\n\n".join(paras), encoding="utf-8")
    build_bundle(corpus, tmp_path / "out")
    bundle = load_bundle(tmp_path / "out")
    assert len(bundle.body) == 30 and len(bundle.mentions) == 30
    assert bundle.topics.empty and bundle.info["topics"]["skipped"]
