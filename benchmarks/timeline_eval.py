"""Timeline benchmark: the date rules against dateparser, per kind, in-sample and out of domain.

    .venv/bin/python -m benchmarks.timeline_eval [--splits seeds,dev,test] [--out docs/benchmarks.md]

Scores, in one run and with the same strict scoring (``analysis.evaluation.timeline``):
the rules of this build and dateparser's ``search_dates`` (publication date as
``RELATIVE_BASE``) on the same body sentences of
- the seeds (in-sample: the rules and their gold were written on these four texts),
- the out-of-domain ``dev`` part (read while the rules were tuned),
- the out-of-domain ``test`` part (frozen before tuning, never read; the headline figure).
Each part is reported apart. A run of all three parts writes the ``timeline`` section of ``docs/benchmarks.md``,
and the figures as JSON in ``analysis/data/eval/results/timeline.json`` (the briefing's methods
note quotes the test part's; a test checks the seeds' and dev figures against a fresh run).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from analysis.bundle import ROOT
from analysis.evaluation.gold import DOC_COLUMNS, EVAL_DIR, read_tsv
from analysis.evaluation.timeline import (
    KINDS,
    RESULTS,
    TABLE_HEADER,
    baseline,
    build_for,
    evaluate,
    figures,
    table_rows,
)
from benchmarks.report import machine, record_scoring, scorings_lines, write_section

TITLES = {
    "seeds": "Seeds (in-sample: the rules and the gold were written on these texts)",
    "dev": "Out-of-domain dev part (read while the rules were tuned)",
    "test": "Out-of-domain test part (frozen before tuning, never read: the headline)",
}


# Every scoring of the frozen test part, with its commit (see benchmarks/report.py record_scoring).
SCORINGS = EVAL_DIR / "results" / "timeline_test_scorings.tsv"


def test_figures(runs: list[dict]) -> dict[str, str]:
    rules = next(r for r in runs if r["split"] == "test" and r["system"] == "rules")
    return {k: str(v) for k, v in rules.items() if not isinstance(v, (dict, list)) and k not in ("split", "system")}


def available(split: str) -> bool:
    if split == "seeds":
        return True
    docs = read_tsv(EVAL_DIR / "documents.tsv", DOC_COLUMNS)
    return bool((docs["split"] == split).any()) and (EVAL_DIR / split / "dates.tsv").exists()


def run(splits: list[str]) -> tuple[list[str], list[dict]]:
    lines, runs = [], []
    for split in splits:
        lines.append(f"### {TITLES[split]}")
        lines.append("")
        if not available(split):
            lines += ["Not available in this checkout.", ""]
            continue
        t0 = time.perf_counter()
        bundle, gold = build_for(split)
        build_s = time.perf_counter() - t0
        results = {}
        for system, scorer in (("rules", evaluate), ("dateparser", baseline)):
            t0 = time.perf_counter()
            results[system] = (scorer(bundle, gold), time.perf_counter() - t0)
        n_docs = len(gold.texts)
        n_dates = int((gold.dates["type"] == "date").sum())
        n_ignore = int((gold.dates["type"] == "ignore").sum())
        lines.append(
            f"{n_docs} documents, {n_dates} dated mentions, {results['rules'][0].n_traps} traps, {n_ignore} "
            f"ignored expressions; build {build_s:.1f} s, rules scored in {results['rules'][1]:.1f} s, "
            f"dateparser run and scored in {results['dateparser'][1]:.1f} s."
        )
        lines.append("")
        lines += TABLE_HEADER
        for system, (result, _) in results.items():
            lines += table_rows(system, result)
            runs.append({"split": split, "system": system, **figures(result, n_docs)})
        for system, (result, _) in results.items():
            if result.traps_taken:
                shown = ", ".join(result.traps_taken[:12]) + (" …" if len(result.traps_taken) > 12 else "")
                lines.append(f"\nTraps taken by {system}: {shown}")
        lines.append("")
    return lines, runs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--splits", default="seeds,dev,test")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    parser.add_argument("--note", default="", help="why the test part is scored again (recorded with the figures)")
    args = parser.parse_args(argv)
    splits = [s for s in args.splits.split(",") if s]
    lines, runs = run(splits)
    if "test" in splits and any(r["split"] == "test" for r in runs):
        record_scoring(SCORINGS, test_figures(runs), args.note or "rescored", ROOT)
    lines += scorings_lines(SCORINGS)
    header = [
        "## Timeline dates: rules vs dateparser",
        "",
        f"`python -m benchmarks.timeline_eval` on {machine()}. Strict scoring "
        "(`analysis/evaluation/timeline.py`): each gold date placed through its exact context, system mentions "
        "through their passages; a mention is found when the spans overlap, its value is right when its "
        "(first day, last day) interval is the gold's exactly; an event is a distinct (document, date) found "
        "through a correctly valued mention; `ignore` rows neither count for nor against. Kinds: "
        + ", ".join(KINDS)
        + " (per-kind precision counts an unmatched mention under the kind the system gave it; dateparser's "
        "is read from its words).",
        "",
    ]
    print("\n".join(lines))
    if set(splits) != {"seeds", "dev", "test"}:  # the recorded figures are one whole run's: a partial run keeps them
        kept = f"{RESULTS.relative_to(ROOT)} and {args.out.name} left as they were"
        print(f"\nPartial run ({', '.join(splits)}): {kept}.")
        return 0
    write_section(args.out, "timeline", header + lines + [f"Figures as JSON: `{RESULTS.relative_to(ROOT)}`."])
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({"machine": machine(), "runs": runs}, indent=1, sort_keys=True) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
