"""The words that send a sentence to the parser (analysis/stance/triggers.py) cover every shape the
scorer reads, including those no cue word carries: a sentence the scorer would read as evaluative
is never answered "neutral" unparsed."""

from __future__ import annotations

import pytest

from analysis.bundle import DEFAULT_CONFIG_DIR
from analysis.stance.lexicon import StanceLexicon
from analysis.stance.parser import load_parser
from analysis.stance.triggers import Triggers

SHAPES = [
    ("Russian strikes are hitting schools and hospitals.", "Russia", ()),
    ("Russia bears full responsibility for this catastrophe.", "Russia", ()),
    ("Moscow will pay a heavy price.", "Russia", ()),
    ("Putin's war against Ukraine goes on.", "Vladimir Putin", ()),
    ("U.S.-Turkish friendship goes back seven decades.", "Turkey", ("United States",)),
    ("Lebanese sovereignty must be respected.", "Lebanon", ()),
]


@pytest.fixture(scope="module")
def triggers() -> Triggers:
    return Triggers.for_parser(StanceLexicon.from_yaml(DEFAULT_CONFIG_DIR / "stance_cues.yaml"), load_parser())


@pytest.mark.parametrize(("text", "actor", "own"), SHAPES)
def test_a_shape_the_scorer_reads_is_sent_to_the_parser(stance, triggers, text, actor, own):
    assert abs(stance(text, own=own, kind="statement")[(actor, "author")]) > 0.25
    assert triggers.fire(text)


def test_a_sentence_without_any_cue_is_answered_unparsed(triggers):
    assert not triggers.fire("The ministers met in Brussels on Tuesday.")


def test_shelling_villages_is_plain_war_reporting(stance):
    assert stance("Israeli artillery shelled roads and villages near the border.")[("Israel", "author")] == 0
