"""Stance: cues attached through syntax, voices kept apart, aggregates honest about thin evidence."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.filters import Filters, apply_filters
from analysis.stance.scorer import AUTHOR
from analysis.stance.stage import MIN_EVALUATIVE, aggregate_stance
from tests.conftest import author


# ---------------------------------------------------------------- who the cue is about
@pytest.mark.parametrize(
    "text",
    [
        "Russia invaded Ukraine in 2022.",
        "Russia's invasion of Ukraine shifted the debate.",
        "Ukraine was invaded by Russia.",
        "Russian aggression against Ukraine continues.",
        "Russia keeps invading Ukraine.",
    ],
)
def test_an_act_lands_on_its_agent_and_never_on_its_victim(stance, text):
    s = stance(text)
    assert author(s, "Russia") < -0.25
    assert author(s, "Ukraine") == 0


def test_a_light_verb_hands_its_subject_to_the_act(stance):
    s = stance("Hamas carried out a massacre in southern Israel.")
    assert author(s, "Hamas") < -0.25 and author(s, "Israel") == 0


def test_a_veto_counts_against_who_vetoes(stance):
    s = stance("Turkey effectively vetoed Israel's continued participation in these exercises.")
    assert author(s, "Turkey") < -0.25 and author(s, "Israel") > -0.25


def test_qualities_land_on_what_they_are_said_of(stance):
    s = stance("Iran poses a threat to the region, while Israel remains a reliable partner.")
    assert author(s, "Iran") < -0.25 and author(s, "Israel") > 0.25
    s = stance("Hezbollah, a terrorist group backed by Iran, fired rockets at Israel.")
    assert author(s, "Hezbollah") < -0.25
    assert author(s, "Iran") == 0 and author(s, "Israel") == 0
    assert author(stance("The security threat presented by Russia will not dissipate."), "Russia") < -0.25


def test_a_relational_noun_is_not_its_relatum(stance):
    s = stance("Israel is a reliable and valued partner of NATO.")
    assert author(s, "Israel") > 0.25 and author(s, "NATO") == 0


def test_an_appeal_counts_against_the_addressee_only_when_it_asks_to_stop_doing_wrong(stance):
    s = stance("The Security Council calls on Israel to respect international humanitarian law.")
    assert s[("Israel", "United Nations")] < -0.25
    assert author(s, "Israel") == 0  # the Council's appeal, reported, not the author's judgement
    s = stance("We urge Iran to halt its attacks on shipping.")
    assert author(s, "Iran") < -0.25
    s = stance("We urge Turkey to join the talks.")
    assert author(s, "Turkey") > -0.25


def test_support_for_a_group_praises_nobody(stance):
    s = stance("Hamas rearmed with Iran's support after the war.")
    assert author(s, "Hamas") <= 0.25 and author(s, "Iran") <= 0.25


def test_topic_words_are_not_evaluation(stance):
    s = stance("NATO and Israel discussed cooperation in cyber defence and counter-terrorism.")
    assert author(s, "NATO") == 0 and author(s, "Israel") == 0
    assert author(stance("Israel has been a partner of NATO since 1994."), "Israel") == 0


def test_countering_a_threat_reads_well_for_the_one_who_counters(stance):
    assert author(stance("Israel has been confronting the jihadi network as a whole."), "Israel") > 0.25
    s = stance("We must deter Russian aggression.")
    assert author(s, "Russia") < -0.25


def test_a_relationship_quality_reflects_on_its_parties(stance):
    s = stance("Israel maintains deep and warm ties with Greece.")
    assert author(s, "Israel") > 0 and author(s, "Greece") > 0


@pytest.mark.parametrize(
    "text,actor",
    [
        ("Hamas fired rockets from Rafah at Israeli civilians.", "Hamas"),
        ("The Russian Air Force bombed a maternity hospital in Mariupol.", "Russia"),
        ("Civilians were held hostage by Hamas for months.", "Hamas"),
        ("NATO ministers met to address Putin's war against Ukraine.", "Vladimir Putin"),
        ("Moscow will pay a steep price for this.", "Russia"),
        ("Russia bears full responsibility for this humanitarian catastrophe.", "Russia"),
        ("We condemn the attacks by Hezbollah on the border.", "Hezbollah"),
        ("The Houthis' attacks against commercial vessels must stop.", "Houthis"),
    ],
)
def test_constructions_that_blame_without_a_cue_word_of_their_own(stance, text, actor):
    assert author(stance(text), actor) < -0.25


def test_plain_military_reporting_stays_neutral(stance):
    s = stance("Israeli jets struck Hezbollah positions in southern Lebanon on Tuesday.")
    assert author(s, "Israel") == 0 and author(s, "Hezbollah") == 0
    assert author(stance("Hezbollah fired rockets at an Israeli army post."), "Hezbollah") == 0


def test_a_responsible_power_is_praised(stance):
    assert author(stance("Turkey acted as a responsible power."), "Turkey") > 0.25


# ---------------------------------------------------------------- negation, modality, conditions
def test_negation_reverses_a_predicate_but_not_an_object(stance):
    assert author(stance("Turkey is an obstacle."), "Turkey") < -0.25
    assert author(stance("Turkey is not an obstacle."), "Turkey") > 0
    assert author(stance("Iran does not pose a threat."), "Iran") > 0
    # The negation is on "accept", not on the aggression being refused.
    assert author(stance("Turkey will never accept the Zionist regime's aggression."), "Israel") < -0.25


def test_hedges_and_conditions_weaken(stance):
    plain = author(stance("Turkey is an obstacle."), "Turkey")
    hedged = author(stance("Turkey might be an obstacle."), "Turkey")
    conditional = author(stance("If Turkey is an obstacle, the plan fails."), "Turkey")
    assert plain < hedged < 0 and plain < conditional < 0


# ---------------------------------------------------------------- framing
@pytest.mark.parametrize(
    "text,actor",
    [
        ("The Zionist regime bombed the border again.", "Israel"),
        ("The Iranian regime announced new measures.", "Iran"),
        ("Hamas terrorists crossed the fence at dawn.", "Hamas"),
        ("The so-called Islamic State claimed the attack.", "ISIS"),
    ],
)
def test_loaded_terms_frame_the_actor_they_name(stance, text, actor):
    assert author(stance(text), actor) < -0.25


# ---------------------------------------------------------------- voices
def test_reported_accusations_are_the_speakers_not_the_authors(stance):
    s = stance("Iran's ambassador accused Israel of committing war crimes in Gaza.")
    assert author(s, "Israel") == 0
    assert s[("Israel", "Iran")] < -0.25


def test_quoted_words_belong_to_the_speaker(stance):
    s = stance('"Iran is the world\'s leading state sponsor of terrorism," Netanyahu told the General Assembly.')
    assert author(s, "Iran") == 0
    assert s[("Iran", "Benjamin Netanyahu")] < -0.25


def test_according_to_and_said_clauses(stance):
    s = stance("According to Russia, NATO expansion is a threat to its security.")
    assert author(s, "NATO") == 0 and s[("NATO", "Russia")] < -0.25
    s = stance("Turkish officials said that Israel is an obstacle to peace.")
    assert author(s, "Israel") == 0 and s[("Israel", "Turkey")] < -0.25


def test_the_author_speaks_in_the_first_person_and_for_its_own_actor(stance):
    assert author(stance("We condemn Russia's brutal aggression."), "Russia") < -0.25
    text = "The United States condemns Iran's provocative attacks on Israeli citizens."
    assert author(stance(text, own=("United States",), kind="statement"), "Iran") < -0.25
    third_party = stance(text)
    assert third_party[("Iran", "United States")] < -0.25
    assert author(stance("This paper argues that Russia is a threat."), "Russia") < -0.25


def test_a_judgement_said_in_past_tense_news_is_reported(stance):
    s = stance("NATO condemned Russia for its attacks.", own=("NATO",), kind="news")
    assert s[("Russia", "NATO")] < -0.25


# ---------------------------------------------------------------- aggregates and display
def test_aggregate_marks_thin_cells_and_keeps_only_the_authors_voice():
    evidence = pd.DataFrame(
        {
            "doc_id": ["d"] * 5,
            "passage_id": ["p"] * 5,
            "sentence_id": ["s1", "s2", "s3", "s4", "s4"],
            "target": ["Iran"] * 5,
            "voice": [AUTHOR, AUTHOR, AUTHOR, AUTHOR, "Israel"],
            "sentence": ["x"] * 5,
            "score": [-0.8, -0.6, 0.0, 0.0, -0.9],
            "label": ["negative", "negative", "neutral", "neutral", "negative"],
            "cues": [""] * 5,
            "cue_spans": [""] * 5,
        }
    )
    docs = pd.DataFrame({"doc_id": ["d"], "source": ["S"]})
    row = aggregate_stance(evidence, docs).iloc[0]
    assert row["n_sentences"] == 4 and row["n_evaluative"] == 2 and row["n_negative"] == 2
    assert row["thin"] and MIN_EVALUATIVE == 3
    assert row["score"] == pytest.approx((-0.8 - 0.6) / 3, abs=1e-4) and row["label"] == "negative"


def test_stance_tables(seed_bundle):
    stance, evidence = seed_bundle.stance, seed_bundle.stance_evidence
    assert set(stance["label"]) <= {"positive", "neutral", "negative"}
    assert stance["score"].between(-1, 1).all() and stance["confidence"].between(0, 1).all()
    assert (stance["thin"] == ((stance["n_positive"] + stance["n_negative"]) < MIN_EVALUATIVE)).all()
    own = evidence[evidence["voice"] == AUTHOR]
    counts = own.groupby(["doc_id", "target"])["sentence_id"].nunique()
    for row in stance.itertuples(index=False):
        assert counts[(row.doc_id, row.target)] == row.n_sentences
    # Every actor a sentence names has exactly one author-voice row for that sentence.
    assert not own.duplicated(["sentence_id", "target"]).any()
    named = seed_bundle.mentions[seed_bundle.mentions["sentence_id"] != ""]
    assert set(zip(own["sentence_id"], own["target"], strict=True)) == set(
        zip(named["sentence_id"], named["actor"], strict=True)
    )
    passages = seed_bundle.passages.set_index("passage_id")["text"]
    assert all(s in passages[p] for p, s in evidence[["passage_id", "sentence"]].itertuples(index=False))


def test_seeds_read_as_a_careful_reader_reads_them(seed_bundle):
    """The issue's reading of the seeds: the op-ed favourable to Israel and hostile to Spain; the
    encyclopedia hostile to Hezbollah and, in its single neutral sentence on Hamas, not favourable."""
    label = seed_bundle.stance.set_index(["source", "target"])["label"]
    assert label[("Op-ed", "Israel")] == "positive"
    assert label[("Op-ed", "Spain")] == "negative"
    assert label[("Encyclopedia", "Hezbollah")] == "negative"
    assert label[("Encyclopedia", "Hamas")] != "positive"


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
