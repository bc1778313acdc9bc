"""Stance quality, out of domain and in sample, beside its baselines in one run.

    .venv/bin/python -m benchmarks.stance_eval [--splits dev,test] [--out docs/benchmarks.md]

Predictors, each on the same pairs: this build's scorer; the rules this round
started from (``benchmarks/baselines/rules_v1_*``: nearest-actor cue rules with
VADER, kept only to be measured); always "neutral"; VADER's compound score.
Writes the ``stance`` section of docs/benchmarks.md and the figures the
briefing's methods note quotes (``analysis/data/eval/results/stance.json``) only
from a run of both parts: a partial run (``--splits dev``, as ``make bench`` runs
it) prints its figures and writes nothing, so the recorded dev and test figures
always come from the same code. The test part is scored to report, never to tune.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import pandas as pd

from analysis.bundle import ROOT, Bundle, build_bundle
from analysis.evaluation.corpus import eval_bundle
from analysis.evaluation.gold import EVAL_DIR, load
from analysis.evaluation.stance import evaluate, evaluate_seeds
from benchmarks.report import machine, record_scoring, scorings_lines, write_section

RESULTS = EVAL_DIR / "results" / "stance.json"
# Every time the frozen test part was scored, with the commit: a figure read off the test part more
# than once is reported with how many looks it took, never as if it were the first.
SCORINGS = EVAL_DIR / "results" / "stance_test_scorings.tsv"


def v1_tables(bundle: Bundle) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Evidence and document aggregates as the starting rules produced them (author voice only)."""
    from analysis.nlp import blank_pipeline
    from analysis.textnorm import normalise_for_matching
    from benchmarks.baselines.rules_v1_lexicon import StanceLexicon
    from benchmarks.baselines.rules_v1_scorer import label_of, score_sentence

    lexicon = StanceLexicon.from_yaml(Path(__file__).parent / "baselines" / "rules_v1_cues.yaml")
    nlp = blank_pipeline()
    mentions = bundle.mentions[bundle.mentions["sentence_id"] != ""]
    by_sentence: dict[str, list[tuple[str, int, int]]] = {}
    for sid, actor, start, end in mentions[["sentence_id", "actor", "start", "end"]].itertuples(index=False):
        by_sentence.setdefault(sid, []).append((actor, int(start), int(end)))
    rows = []
    chosen = bundle.sentences[bundle.sentences["sentence_id"].isin(list(by_sentence))]
    for r in chosen.itertuples(index=False):
        doc = nlp.make_doc(normalise_for_matching(r.text))
        spans = [(a, s - int(r.start), e - int(r.start)) for a, s, e in by_sentence[r.sentence_id]]
        for st in score_sentence(doc, spans, lexicon):
            rows.append(
                {
                    "doc_id": r.doc_id,
                    "passage_id": r.passage_id,
                    "sentence_id": r.sentence_id,
                    "target": st.actor,
                    "voice": "author",
                    "sentence": r.text,
                    "score": st.score,
                    "label": st.label,
                    "cues": "",
                    "cue_spans": "",
                }
            )
    evidence = pd.DataFrame(rows)
    agg = (
        evidence.groupby(["doc_id", "target"])["score"].mean().reset_index()
        if len(evidence)
        else pd.DataFrame(columns=["doc_id", "target", "score"])
    )
    agg["label"] = [label_of(s, 0.15) for s in agg["score"]]
    return evidence, agg


def run(splits: list[str]) -> dict:
    gold = load(EVAL_DIR)
    out: dict = {"machine": machine(), "splits": {}}
    for split in splits:
        t0 = time.perf_counter()
        bundle = eval_bundle(split, gold=gold)
        seconds = time.perf_counter() - t0
        report = evaluate(bundle, gold, split)
        evidence, agg = v1_tables(bundle)
        v1 = evaluate(replace(bundle, stance_evidence=evidence, stance=agg), gold, split)
        figures = report.as_dict()
        for level in ("sentence", "document", "clear"):
            figures[level]["rules_v1"] = v1.as_dict()[level]["system"]
        figures["build_seconds"] = round(seconds, 1)
        out["splits"][split] = figures
    with tempfile.TemporaryDirectory() as tmp:
        seeds = build_bundle(ROOT / "seeds", tmp)
    seed_scores = {k: v.as_dict() for k, v in evaluate_seeds(seeds).items()}
    evidence, _ = v1_tables(seeds)
    from analysis.evaluation.stance import SEED_GOLD

    seed_scores["rules_v1"] = evaluate_seeds(replace(seeds, stance_evidence=evidence), SEED_GOLD)["system"].as_dict()
    out["seeds"] = seed_scores
    return out


PREDICTORS = [
    ("system", "this scorer"),
    ("rules_v1", "rules this round started from"),
    ("neutral", "always neutral"),
    ("vader", "VADER"),
]


def report_lines(results: dict) -> list[str]:
    lines = [
        "## Stance: out of domain (frozen test part) and in sample",
        "",
        f"One run ({results['machine']}). Out-of-domain texts: `analysis/data/eval` (US, NATO, UN, Russian "
        "government, encyclopedic and news texts labelled from the text before tuning; see its README). Strict "
        "scoring: pairs joined through sentence ids, a pair the build did not produce counts as wrong. "
        "`python -m benchmarks.stance_eval` reruns it.",
        "",
    ]
    for split, fig in results["splits"].items():
        lines += [
            f"### {split} part: {fig['n_pairs']} (sentence, actor) pairs in {fig['n_documents']} documents "
            f"({fig['n_found']} found by the build)",
            "",
            "| predictor | sentence macro-F1 | sentence accuracy | document × actor sign agreement | "
            "clearly favourable/hostile pairs |",
            "|---|---|---|---|---|",
        ]
        for key, name in PREDICTORS:
            s, d, c = fig["sentence"][key], fig["document"][key], fig["clear"][key]
            lines.append(
                f"| {name} | {s['macro_f1']:.3f} | {s['accuracy']:.3f} | {d['accuracy']:.3f} (n={d['n']}) | "
                f"{c['accuracy']:.3f} (n={c['n']}) |"
            )
        rep = fig["reported"]
        lines += [
            "",
            f"Reported speech: precision {rep['precision']:.3f}, recall {rep['recall']:.3f} of "
            f"{int(rep['gold_reported'])} reported pairs ({rep['recall_evaluative']:.3f} of those where the "
            "speaker evaluates the actor: sentences with no cue word are not parsed, so a neutral quotation "
            "is read as the author's neutral sentence); the quoted speaker's stance right on "
            f"{rep['speaker_stance_accuracy']:.3f} of {int(rep['speaker_stance_n'])} pairs both call reported. "
            f"Build of the part: {fig['build_seconds']} s.",
            "",
        ]
    seeds = results["seeds"]
    lines += [
        "### In sample: the four seeds (184 pairs labelled by the author of the first rules)",
        "",
        "| predictor | macro-F1 | accuracy |",
        "|---|---|---|",
    ]
    for key, name in PREDICTORS:
        lines.append(f"| {name} | {seeds[key]['macro_f1']:.3f} | {seeds[key]['accuracy']:.3f} |")
    lines += scorings_lines(SCORINGS)
    lines += ["", "```json", json.dumps(results, indent=1, sort_keys=True), "```"]
    return lines


def test_figures(results: dict) -> dict[str, str]:
    test = results["splits"]["test"]
    return {
        "sentence_macro_f1": f"{test['sentence']['system']['macro_f1']:.3f}",
        "document_sign_agreement": f"{test['document']['system']['accuracy']:.3f}",
        "clear_agreement": f"{test['clear']['system']['accuracy']:.3f}",
        "always_neutral_document": f"{test['document']['neutral']['accuracy']:.3f}",
        "vader_clear": f"{test['clear']['vader']['accuracy']:.3f}",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--splits", default="dev,test")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    parser.add_argument("--no-write", action="store_true", help="print only (a test scoring is still recorded)")
    parser.add_argument("--note", default="", help="why the test part is scored again (recorded with the figures)")
    args = parser.parse_args(argv)
    splits = [s for s in args.splits.split(",") if s]
    results = run(splits)
    full = {"dev", "test"} <= set(splits)
    if "test" in results["splits"]:  # every look at the test part is on record, whatever else is written
        record_scoring(SCORINGS, test_figures(results), args.note or "rescored", ROOT)
    lines = report_lines(results)
    print("\n".join(lines[:-3]))
    if args.no_write:
        return 0
    if not full:  # the recorded figures are one run's, dev and test together: a partial run never replaces them
        print(
            f"\nPartial run ({', '.join(splits)}): {RESULTS.relative_to(ROOT)} and {args.out.name} left as they were."
        )
        return 0
    write_section(args.out, "stance", lines)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
