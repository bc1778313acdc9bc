"""The stance evaluation scores strictly: ids, missed pairs, baselines on the same pairs."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from analysis.bundle import build_bundle
from analysis.evaluation.gold import load
from analysis.evaluation.stance import MISSED, evaluate, score

TEXT_A = "Headline A\n\nIran is a threat to the region. Israel is a reliable partner.\n"
TEXT_B = "Headline B\n\nIran is a threat to the region. Turkey met Greece.\n"


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    """Two documents that share a sentence word for word, with their gold labels."""
    root = tmp_path_factory.mktemp("gold")
    (root / "texts").mkdir()
    (root / "texts" / "doc-a.txt").write_text(TEXT_A, encoding="utf-8")
    (root / "texts" / "doc-b.txt").write_text(TEXT_B, encoding="utf-8")
    header = "doc_id\tsplit\tkind\tviewpoint\tpublisher\ttitle\tpublished\turl\tlicence\tretrieved\tlabeller\tnotes\n"
    rows = [
        "doc-a\tdev\tnews\tx\tPub A\tHeadline A\t2024-01-01\thttps://a\tUN official text\t2026-11-24\tt\t\n",
        "doc-b\tdev\tnews\tx\tPub B\tHeadline B\t2024-01-02\thttps://b\tUN official text\t2026-11-24\tt\t\n",
    ]
    (root / "documents.tsv").write_text(header + "".join(rows), encoding="utf-8")
    pairs = [
        "doc_id\tsentence\ttarget\tauthor_stance\treported\tspeaker\tspeaker_stance\tnote",
        "doc-a\tIran is a threat to the region.\tIran\t-1\t0\t\t\t",
        "doc-a\tIsrael is a reliable partner.\tIsrael\t1\t0\t\t\t",
        # The gazetteer does not know this spelling: the build cannot produce the pair.
        "doc-b\tTurkey met Greece.\tCyprus\t0\t0\t\t\t",
        "doc-b\tIran is a threat to the region.\tIran\t0\t0\t\t\t",
    ]
    (root / "stance_pairs.tsv").write_text("\n".join(pairs) + "\n", encoding="utf-8")
    docs = ["doc_id\ttarget\tauthor_stance\tn_mentions\tnote", "doc-a\tIran\t-2\t1\t", "doc-b\tGreece\t0\t1\t"]
    (root / "stance_docs.tsv").write_text("\n".join(docs) + "\n", encoding="utf-8")
    gold = load(root)
    corpus = tmp_path_factory.mktemp("corpus")
    from analysis.evaluation.corpus import write_corpus

    write_corpus(gold, corpus)
    bundle = build_bundle(corpus, tmp_path_factory.mktemp("bundle"), topics_k=1)
    return gold, evaluate(bundle, gold, "all")


def test_a_pair_the_build_did_not_produce_is_wrong_not_neutral(tiny):
    _, report = tiny
    pairs = report.pairs.set_index(["doc_id", "target"])
    assert pairs.loc[("doc-b", "Cyprus"), "system"] == MISSED
    # Gold says neutral; a lenient scorer would have counted the miss as a right "neutral".
    assert report.sentence["system"].n == 4
    assert report.sentence["system"].accuracy == pytest.approx(2 / 4)


def test_pairs_join_through_the_sentence_they_are_located_in(tiny):
    """The same words in two documents are two sentences: each gold pair reads its own."""
    _, report = tiny
    pairs = report.pairs.set_index(["doc_id", "target"])
    a, b = pairs.loc[("doc-a", "Iran")], pairs.loc[("doc-b", "Iran")]
    assert a["sentence_ids"] != b["sentence_ids"]
    assert a["sentence_ids"].startswith("doc-a-") and b["sentence_ids"].startswith("doc-b-")
    assert a["system"] == "-1" and b["system"] == "-1"  # the build reads both alike; gold differs


def test_baselines_are_scored_on_the_same_pairs(tiny):
    _, report = tiny
    n = {name: s.n for name, s in report.sentence.items()}
    assert n == {"system": 4, "neutral": 4, "vader": 4}
    assert report.sentence["neutral"].accuracy == pytest.approx(2 / 4)  # the two gold neutrals
    assert report.document["system"].n == report.document["neutral"].n == 2


def test_macro_f1_counts_a_missed_label_as_a_wrong_answer():
    gold = pd.Series(["-1", "0", "1"])
    assert score(gold, pd.Series(["-1", "0", "1"])).macro_f1 == pytest.approx(1.0)
    missed = score(gold, pd.Series(["-1", "0", MISSED]))
    assert missed.accuracy == pytest.approx(2 / 3) and missed.per_class_f1["1"] == 0.0


def test_recorded_figures_keep_the_baselines_beside_the_scorer():
    results = json.loads(
        (Path(__file__).resolve().parents[1] / "analysis/data/eval/results/stance.json").read_text("utf-8")
    )
    for split in ("dev", "test"):
        sentence = results["splits"][split]["sentence"]
        assert set(sentence) == {"system", "neutral", "vader", "rules_v1"}
        assert len({s["n"] for s in sentence.values()}) == 1  # one set of pairs for all predictors


def test_recorded_dev_figures_are_those_of_this_code():
    """The figures docs/benchmarks.md and the methods note quote must be this scorer's: a rule change that
    moves the dev figures without rerunning ``python -m benchmarks.stance_eval`` fails here. (The test part
    is not rescored in the suite: it is scored only to report.)"""
    from analysis.evaluation.corpus import eval_bundle

    root = Path(__file__).resolve().parents[1]
    recorded = json.loads((root / "analysis/data/eval/results/stance.json").read_text("utf-8"))["splits"]["dev"]
    gold = load()
    report = evaluate(eval_bundle("dev", gold=gold), gold, "dev").as_dict()
    for level in ("sentence", "document", "clear"):
        for predictor in ("system", "neutral", "vader"):
            got, want = report[level][predictor], recorded[level][predictor]
            assert (got["n"], got["macro_f1"], got["accuracy"]) == (want["n"], want["macro_f1"], want["accuracy"]), (
                level,
                predictor,
            )


@pytest.mark.parametrize(("splits", "written"), [("dev", False), ("test", False), ("dev,test", True)])
def test_only_a_run_of_both_parts_replaces_the_recorded_figures(tmp_path, monkeypatch, splits, written):
    """The recorded dev and test figures come from one run of one code; a partial run prints only. Any
    run that scores the test part is on record in the scorings file."""
    from benchmarks import stance_eval

    fake = {"machine": "m", "splits": {}, "seeds": {}}
    monkeypatch.setattr(stance_eval, "run", lambda parts: {**fake, "splits": {p: {} for p in parts}})
    monkeypatch.setattr(stance_eval, "report_lines", lambda results: ["## Stance", "", "```json", "{}", "```"])
    monkeypatch.setattr(stance_eval, "test_figures", lambda results: {"sentence_macro_f1": "0.5"})
    monkeypatch.setattr(stance_eval, "RESULTS", tmp_path / "results" / "stance.json")
    monkeypatch.setattr(stance_eval, "ROOT", tmp_path)
    recorded = []
    monkeypatch.setattr(stance_eval, "record_scoring", lambda path, figures, note, root: recorded.append(note))
    out = tmp_path / "benchmarks.md"
    stance_eval.main(["--splits", splits, "--out", str(out), "--note", "why"])
    assert (tmp_path / "results" / "stance.json").exists() == written
    assert out.exists() == written
    assert recorded == (["why"] if "test" in splits else [])
