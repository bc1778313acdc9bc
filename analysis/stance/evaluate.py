"""Score the stance scorer against hand-labelled (sentence, target) pairs.

    .venv/bin/python -m analysis.stance.evaluate

Prints accuracy and macro-F1 per target and overall, beside two baselines from
the same run: VADER's compound score of the whole sentence (≥ 0.05 positive,
≤ -0.05 negative) and the majority class.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from sklearn.metrics import accuracy_score, f1_score

from analysis.bundle import ROOT, Bundle
from analysis.stance.scorer import vader_compound

GOLD = ROOT / "tests" / "data" / "stance_gold.tsv"
LABELS = ["negative", "neutral", "positive"]


@dataclass
class Report:
    table: pd.DataFrame  # target, n, accuracy, macro_f1 for system / vader / majority
    pairs: pd.DataFrame  # every gold pair with the three predictions


def load_gold(path: Path = GOLD) -> pd.DataFrame:
    return pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False)


def evaluate(bundle: Bundle, gold: pd.DataFrame | None = None) -> Report:
    """Join gold pairs to the bundle's evidence by sentence text and target."""
    gold = load_gold() if gold is None else gold
    evidence = bundle.stance_evidence
    predicted = {
        (s.strip(), t): label for s, t, label in evidence[["sentence", "target", "label"]].itertuples(index=False)
    }
    majority = gold["label"].value_counts().idxmax()
    pairs = gold.assign(
        system=[
            predicted.get((s.strip(), t), "neutral") for s, t in zip(gold["sentence"], gold["target"], strict=True)
        ],
        vader=[_vader_label(s) for s in gold["sentence"]],
        majority=majority,
        found=[(s.strip(), t) in predicted for s, t in zip(gold["sentence"], gold["target"], strict=True)],
    )
    rows = []
    groups = [("ALL", pairs)] + [(t, part) for t, part in pairs.groupby("target", sort=True)]
    for name, part in groups:
        row = {"target": name, "n": len(part)}
        for system in ("system", "vader", "majority"):
            row[f"{system}_acc"] = accuracy_score(part["label"], part[system])
            row[f"{system}_f1"] = f1_score(part["label"], part[system], labels=LABELS, average="macro", zero_division=0)
        rows.append(row)
    return Report(table=pd.DataFrame(rows), pairs=pairs)


def _vader_label(sentence: str) -> str:
    c = vader_compound(sentence)
    return "positive" if c >= 0.05 else "negative" if c <= -0.05 else "neutral"


def main() -> int:
    import tempfile

    from analysis.bundle import build_bundle

    with tempfile.TemporaryDirectory() as tmp:
        bundle = build_bundle(ROOT / "seeds", tmp)
    report = evaluate(bundle)
    missing = int((~report.pairs["found"]).sum())
    pd.set_option("display.width", 160)
    print(f"{len(report.pairs)} labelled pairs ({missing} not found in the build)")
    print(report.table.round(3).to_string(index=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
