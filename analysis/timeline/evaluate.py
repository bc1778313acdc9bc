"""Score the timeline's dated mentions against a hand-made gold list.

    .venv/bin/python -m analysis.timeline.evaluate

A gold mention (document, a key that locates its sentence, the date as written)
is found when the build has a dated mention in that sentence whose text
overlaps it; its value is right when start, end and precision all agree.
Traps (counts, money, durations, citations) must never become dates. The same
scoring is applied to dateparser's ``search_dates`` as a baseline.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.bundle import ROOT, Bundle

GOLD = ROOT / "tests" / "data" / "timeline_gold.tsv"
TRAPS = ROOT / "tests" / "data" / "timeline_traps.tsv"


@dataclass
class TimelineReport:
    mention_precision: float
    mention_recall: float
    value_precision: float
    value_recall: float
    traps_taken: list[str]
    n_gold: int
    n_system: int
    missed: pd.DataFrame
    spurious: pd.DataFrame


def load_table(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False)


def score(system: pd.DataFrame, gold: pd.DataFrame, traps: pd.DataFrame) -> TimelineReport:
    """``system``: doc_id, sentence, date_text, date_start, date_end, precision."""
    used: set[int] = set()
    found = value_ok = 0
    missed = []
    for g in gold.itertuples(index=False):
        cands = system[(system["doc_id"] == g.doc_id) & system["sentence"].str.contains(g.sentence_key, regex=False)]
        match = None
        for idx, s in cands.iterrows():
            if idx not in used and (g.date_text in s["date_text"] or s["date_text"] in g.date_text):
                match = idx
                break
        if match is None:
            missed.append(g._asdict())
            continue
        used.add(match)
        found += 1
        s = system.loc[match]
        value_ok += (s["date_start"], s["date_end"], s["precision"]) == (g.date_start, g.date_end, g.precision)
    spurious = system.loc[[i for i in system.index if i not in used]]
    taken = []
    for t in traps.itertuples(index=False):
        hits = system[(system["doc_id"] == t.doc_id) & system["sentence"].str.contains(t.text, regex=False)]
        if any(_inside(h, t.text) for _, h in hits.iterrows()):
            taken.append(f"{t.text} ({t.kind})")
    n_sys = len(system)
    return TimelineReport(
        mention_precision=found / n_sys if n_sys else 0.0,
        mention_recall=found / len(gold),
        value_precision=value_ok / n_sys if n_sys else 0.0,
        value_recall=value_ok / len(gold),
        traps_taken=taken,
        n_gold=len(gold),
        n_system=n_sys,
        missed=pd.DataFrame(missed),
        spurious=spurious,
    )


def _inside(mention: pd.Series, trap: str) -> bool:
    """Does the dated mention overlap the trap's place in its sentence?"""
    if "char_start" not in mention or pd.isna(mention["char_start"]):
        return mention["date_text"] in trap or trap in mention["date_text"]
    where = mention["sentence"].find(trap)
    return where >= 0 and int(mention["char_start"]) < where + len(trap) and where < int(mention["char_end"])


def evaluate(bundle: Bundle) -> TimelineReport:
    return score(bundle.events, load_table(GOLD), load_table(TRAPS))


def dateparser_mentions(bundle: Bundle) -> pd.DataFrame:
    """What dateparser's search_dates finds in the same body sentences (the baseline)."""
    import warnings

    from dateparser.search import search_dates

    rows = []
    docs = bundle.documents.set_index("doc_id")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for s in bundle.sentences.itertuples(index=False):
            found = (
                search_dates(
                    s.text, languages=["en"], settings={"RELATIVE_BASE": _base(docs.loc[s.doc_id, "published"])}
                )
                or []
            )
            for text, value in found:
                rows.append(
                    {
                        "doc_id": s.doc_id,
                        "sentence": s.text,
                        "date_text": text,
                        "date_start": value.strftime("%Y-%m-%d"),
                        "date_end": value.strftime("%Y-%m-%d"),
                        "precision": "day",
                    }
                )
    return pd.DataFrame(rows, columns=["doc_id", "sentence", "date_text", "date_start", "date_end", "precision"])


def _base(published: str):
    import datetime as dt

    if not published:
        return dt.datetime(2025, 1, 1)
    parts = [int(p) for p in published.split("-")] + [1, 1]
    return dt.datetime(parts[0], parts[1], parts[2])


def baseline(bundle: Bundle) -> TimelineReport:
    return score(dateparser_mentions(bundle), load_table(GOLD), load_table(TRAPS))


def main() -> int:
    import tempfile

    from analysis.bundle import build_bundle

    with tempfile.TemporaryDirectory() as tmp:
        bundle = build_bundle(ROOT / "seeds", tmp)
    for name, report in (("rules (this build)", evaluate(bundle)), ("dateparser.search_dates", baseline(bundle))):
        print(
            f"{name}: {report.n_system} mentions vs {report.n_gold} gold | mentions P {report.mention_precision:.3f}"
            f" R {report.mention_recall:.3f} | normalised values P {report.value_precision:.3f} "
            f"R {report.value_recall:.3f} | traps taken {len(report.traps_taken)}/{len(load_table(TRAPS))}"
            + (f": {', '.join(report.traps_taken)}" if report.traps_taken else "")
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
