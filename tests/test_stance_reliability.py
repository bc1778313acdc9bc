"""The Stance page's own word on its accuracy comes from the measured figures, and says plainly when the
document sign does no better than always answering 'neutral'."""

from __future__ import annotations

import json

from analysis.briefing.methods import STANCE_RESULTS, stance_reliability


def _results(tmp_path, system_doc: float, neutral_doc: float):
    def scores(acc: float, f1: float) -> dict:
        return {"accuracy": acc, "macro_f1": f1, "n": 10, "per_class_f1": {}}

    split = {
        "n_documents": 7,
        "n_pairs": 120,
        "sentence": {"system": scores(0.9, 0.65), "neutral": scores(0.8, 0.3), "vader": scores(0.2, 0.2)},
        "document": {"system": scores(system_doc, 0), "neutral": scores(neutral_doc, 0), "vader": scores(0.3, 0)},
        "clear": {"system": scores(0.75, 0), "neutral": scores(0.0, 0), "vader": scores(0.5, 0)},
    }
    path = tmp_path / "stance.json"
    path.write_text(json.dumps({"splits": {"test": split}}), encoding="utf-8")
    return path


def test_a_document_sign_no_better_than_neutral_is_called_a_lead(tmp_path):
    text = stance_reliability(_results(tmp_path, 0.70, 0.75))
    assert "7 outside texts" in text and "120 hand-labelled" in text
    assert "macro-F1 0.65 (always 'neutral' 0.30, VADER 0.20)" in text
    assert "agrees 70% of the time against 75%" in text
    assert "a lead to the sentences behind it" in text


def test_a_document_sign_above_neutral_is_not_talked_down(tmp_path):
    text = stance_reliability(_results(tmp_path, 0.85, 0.75))
    assert "agrees 85% of the time against 75%" in text
    assert "lead" not in text


def test_the_shipped_figures_are_read(tmp_path):
    recorded = json.loads(STANCE_RESULTS.read_text(encoding="utf-8"))["splits"]["test"]
    assert f"{recorded['n_pairs']} hand-labelled" in stance_reliability()
    assert stance_reliability(tmp_path / "absent.json").startswith("Accuracy not measured")
