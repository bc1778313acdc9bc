"""The out-of-domain evaluation data: whole, locatable, redistributable, and its test part frozen."""

from __future__ import annotations

from analysis.evaluation.gold import EVAL_DIR, check, check_frozen, load

ALLOWED_LICENCES = {
    "US federal government work, public domain",
    "UN official text",
    "official NATO text",
    "CC BY 4.0 (kremlin.ru)",
    "CC BY-SA 4.0 (Wikipedia)",
    "CC BY 2.5 (Wikinews)",
}


def test_every_label_locates_in_its_text():
    assert check(load(EVAL_DIR)) == []


def test_the_test_part_is_unchanged_since_it_was_frozen():
    assert check_frozen(EVAL_DIR) == []


def test_sizes_the_issues_ask_for():
    gold = load(EVAL_DIR)
    assert len(gold.documents) >= 30 and set(gold.documents["kind"]) >= {"news", "statement", "reference"}
    assert len(gold.pairs) >= 400
    assert (gold.dates["type"] == "date").sum() >= 400 and (gold.dates["type"] == "trap").sum() >= 80
    test = load(EVAL_DIR, splits=("test",))
    assert len(test.documents) >= 30 and len(test.pairs) >= 400


def test_every_text_may_be_redistributed():
    docs = load(EVAL_DIR).documents
    assert set(docs["licence"]) <= ALLOWED_LICENCES
    assert docs["url"].str.startswith("http").all()
