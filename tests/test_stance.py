"""Stance: target-dependent rules, measured quality, propositions, recommendations."""

from __future__ import annotations

import pytest

from analysis.bundle import DEFAULT_CONFIG_DIR
from analysis.filters import Filters, apply_filters
from analysis.gazetteer import Gazetteer
from analysis.nlp import blank_pipeline
from analysis.stance.evaluate import evaluate
from analysis.stance.lexicon import StanceLexicon
from analysis.stance.scorer import score_sentence
from analysis.textnorm import normalise_for_matching

# Measured on tests/data/stance_gold.tsv (184 pairs): macro-F1 0.691, accuracy 0.712.
MIN_MACRO_F1 = 0.67


@pytest.fixture(scope="module")
def scores():
    lexicon = StanceLexicon.from_yaml(DEFAULT_CONFIG_DIR / "stance_cues.yaml")
    gazetteer = Gazetteer.from_yaml(DEFAULT_CONFIG_DIR / "actors.yaml")

    def run(text: str) -> dict[str, float]:
        doc = blank_pipeline().make_doc(normalise_for_matching(text))
        mentions = [(m.actor, m.start, m.end) for m in gazetteer.find(doc, text)]
        return {s.actor: s.score for s in score_sentence(doc, mentions, lexicon)}

    return run


def test_negative_lands_on_the_actor_who_acts(scores):
    s = scores("Turkey effectively vetoed Israel's continued participation in these exercises.")
    assert s["Turkey"] < -0.25 and s["Israel"] > -0.25


def test_aggressor_and_victim(scores):
    s = scores("Russia's invasion of Ukraine shifted the debate.")
    assert s["Russia"] < -0.25 and abs(s["Ukraine"]) <= 0.25
    s = scores("The cyber threats facing NATO were marked by attacks from Russia and China.")
    assert s["Russia"] < -0.25 and s["China"] < -0.25 and abs(s["NATO"]) <= 0.25


def test_each_listed_actor_gets_what_is_said_of_it(scores):
    s = scores("They face the jihadi axis of Iran, Hezbollah and Hamas, while Israel remains a reliable partner.")
    assert all(s[a] < -0.25 for a in ("Iran", "Hezbollah", "Hamas")) and s["Israel"] > 0.25


def test_negation_hedge_and_contrast(scores):
    assert scores("Turkey is an obstacle.")["Turkey"] < -0.25
    assert scores("Turkey is not an obstacle.")["Turkey"] > -0.25
    hedged = scores("Turkey might be an obstacle.")["Turkey"]
    assert scores("Turkey is an obstacle.")["Turkey"] < hedged < 0
    s = scores("Although relations with Turkey have slightly improved, Turkey remains an obstacle.")
    assert s["Turkey"] < -0.25


def test_countering_a_threat_reads_well_for_the_one_who_counters(scores):
    s = scores("Israel has been confronting the jihadi network as a whole.")
    assert s["Israel"] > 0.25
    assert scores("Israel seeks to deter Iran and its proxies.")["Iran"] < -0.25


def test_measured_quality_beats_both_baselines(seed_bundle):
    report = evaluate(seed_bundle)
    overall = report.table.set_index("target").loc["ALL"]
    assert report.pairs["found"].all()
    assert len(report.pairs) >= 150
    assert overall["system_f1"] >= MIN_MACRO_F1
    assert overall["system_f1"] > overall["vader_f1"] and overall["system_f1"] > overall["majority_f1"]


def test_stance_tables(seed_bundle):
    stance, evidence = seed_bundle.stance, seed_bundle.stance_evidence
    assert set(stance["label"]) <= {"positive", "neutral", "negative"}
    assert stance["score"].between(-1, 1).all() and stance["confidence"].between(0, 1).all()
    counts = evidence.groupby(["doc_id", "target"]).size()
    for row in stance.itertuples(index=False):
        assert counts[(row.doc_id, row.target)] == row.n_sentences
    turkey = stance[(stance["source"] == "Israeli analysis") & (stance["target"] == "Turkey")].iloc[0]
    assert turkey["label"] == "negative"
    passages = seed_bundle.passages.set_index("passage_id")["text"]
    assert all(s in passages[p] for p, s in evidence[["passage_id", "sentence"]].itertuples(index=False))


def test_propositions_partnership_yes_membership_no(seed_bundle):
    props = seed_bundle.propositions.set_index(["source", "proposition"])["position"]
    assert props[("Op-ed", "Closer NATO–Israel cooperation")] == "supports"
    assert props[("Op-ed", "Full NATO membership for Israel")] == "opposes"
    assert set(props) <= {"supports", "opposes", "mixed", "silent"}
    assert len(props) == 4 * 3  # every source × proposition, silent ones included


def test_recommendations_with_who_should_act(seed_bundle):
    recs = seed_bundle.recommendations
    steps = recs[recs["sentence"].str.startswith(("First, designate", "Second, establish", "Third, integrate"))]
    assert len(steps) == 3 and set(steps["actor"]) == {"NATO"} and set(steps["kind"]) == {"imperative"}
    against = recs[recs["sentence"].str.startswith("This does not mean that Israel should join")]
    assert against["kind"].tolist() == ["against"]
    # Narrative, not advice: "... strategic planners in the West did not have to concern themselves ..."
    assert not recs["sentence"].str.contains("did not have to concern").any()


def test_theme_filter_restricts_the_evidence(seed_bundle):
    view = apply_filters(seed_bundle, Filters(themes=("Turkey",)))
    assert set(view.stance_evidence["passage_id"]) <= set(view.body["passage_id"])
    assert len(view.stance_evidence) < len(seed_bundle.stance_evidence)
