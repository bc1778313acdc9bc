"""Strict scoring of the timeline's dated mentions against hand-labelled gold.

    .venv/bin/python -m analysis.evaluation.timeline [--split seeds|dev|test|all ...]

Gold rows (``dates.tsv``, scheme in ``analysis/data/eval/GUIDELINES.md`` section 5)
are placed in their document through their exact ``context``
(:func:`analysis.evaluation.gold.locate`); the build's mentions are placed in the
same document text through their passage (offsets mapped, never guessed from a
substring). A system mention and a gold date are one mention when their
character spans overlap in the same document (one-to-one, largest overlap
first). Values are compared exactly as (first day, last day) intervals, so
"2022" never counts for "February 24, 2022"; a relative date left unresolved
is right only where the gold says ``UNRESOLVED``.

Reported, overall and per kind (explicit, partial, relative, decade,
parenthesised): mention precision and recall; distinct (document, date) events
found through a correctly valued mention, as precision and recall; value
accuracy (share of aligned mentions with the exact value); traps taken (a trap
overlapped by any system mention). System output on ``ignore`` rows ("in
recent years", "now") is neither rewarded nor penalised. A gold date no system
mention overlaps is a miss; nothing is counted as found by default.

The same scoring is applied to dateparser's ``search_dates`` on the same body
sentences, given each document's publication date as ``RELATIVE_BASE``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import json
import re
import sys
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml

from analysis.bundle import ROOT, Bundle
from analysis.evaluation.gold import DATE_COLUMNS, EVAL_DIR, load, locate, read_tsv
from analysis.timeline.spans import Span, value_interval, week_of

KINDS = ("explicit", "partial", "relative", "decade", "parenthesised")
SEEDS_DIR = ROOT / "seeds"
SEEDS_GOLD = Path(__file__).resolve().parent.parent / "data" / "seeds_gold"
MENTION_COLUMNS = ["doc_id", "start", "end", "lo", "hi", "resolved", "kind", "date_text", "sentence"]


@dataclass(frozen=True)
class TimelineGold:
    """Labelled dates of a set of documents: ``dates.tsv`` rows, the texts, the publication dates."""

    name: str
    dates: pd.DataFrame
    texts: dict[str, str]
    published: dict[str, str]


def seeds_gold(folder: Path = SEEDS_GOLD, seeds: Path = SEEDS_DIR) -> TimelineGold:
    """The seeds' in-sample gold: labels written by reading the same four texts the rules were written on."""
    dates = read_tsv(folder / "dates.tsv", DATE_COLUMNS)
    manifest = yaml.safe_load((seeds / "manifest.yaml").read_text(encoding="utf-8")) or {}
    published = {str(d["doc_id"]): str(d.get("published") or "") for d in manifest.get("documents", [])}
    texts = {doc: (seeds / f"{doc}.txt").read_text(encoding="utf-8") for doc in published}
    return TimelineGold("seeds", dates, texts, published)


def eval_gold(split: str, root: Path = EVAL_DIR) -> TimelineGold:
    """The out-of-domain gold of one split (``dev`` or ``test``): ``<split>/dates.tsv`` and its texts."""
    gold = load(root, splits=(split,))
    docs = gold.documents
    dates = gold.dates[gold.dates["doc_id"].isin(set(docs["doc_id"]))].reset_index(drop=True)
    texts = {d: gold.text(d) for d in docs["doc_id"]}
    return TimelineGold(split, dates, texts, dict(zip(docs["doc_id"], docs["published"], strict=True)))


# ---------------------------------------------------------------------------------------------
# Placing gold rows and system mentions in the document text
# ---------------------------------------------------------------------------------------------
def gold_spans(gold: TimelineGold) -> pd.DataFrame:
    """Every gold row with its character span in its document and its value as an interval."""
    rows = []
    for i, r in enumerate(gold.dates.itertuples(index=False)):
        text = gold.texts.get(r.doc_id)
        where = locate(text, r.context, r.surface, int(r.nth or 1)) if text is not None else None
        if where is None:
            raise ValueError(f"gold row {i + 2} ({r.doc_id}, {r.surface!r}) cannot be located in its text")
        span = value_interval(r.value) if r.type == "date" else None
        rows.append(
            {
                "row": i,
                "doc_id": r.doc_id,
                "type": r.type,
                "kind": r.kind,
                "value": r.value,
                "surface": r.surface,
                "start": where[0],
                "end": where[1],
                "lo": span[0] if span else None,
                "hi": span[1] if span else None,
                "note": r.note,
            }
        )
    return pd.DataFrame(
        rows, columns=["row", "doc_id", "type", "kind", "value", "surface", "start", "end", "lo", "hi", "note"]
    )


class PassageMap:
    """Passage offsets to document offsets: a passage found verbatim is shifted; one the loader mended
    (a page break joined, a bullet removed) is aligned character by character."""

    def __init__(self, passages: pd.DataFrame, text: str) -> None:
        self.text = text
        self.maps: dict[str, int | list[int]] = {}
        cursor = 0
        for p in passages.sort_values("seq").itertuples(index=False):
            at = text.find(p.text, cursor)
            if at < 0:
                at = text.find(p.text)
            if at >= 0:
                self.maps[p.passage_id] = at
                cursor = at + len(p.text)
                continue
            window = text[cursor : cursor + 2 * len(p.text) + 400]
            matcher = difflib.SequenceMatcher(None, p.text, window, autojunk=False)
            chars = [-1] * len(p.text)
            for a, b, n in matcher.get_matching_blocks():
                for k in range(n):
                    chars[a + k] = cursor + b + k
            self.maps[p.passage_id] = chars
            placed = [c for c in chars if c >= 0]
            cursor = max(placed) + 1 if placed else cursor

    def place(self, passage_id: str, start: int, end: int) -> tuple[int, int] | None:
        mapping = self.maps.get(passage_id)
        if mapping is None:
            return None
        if isinstance(mapping, int):
            return mapping + start, mapping + end
        inside = [mapping[i] for i in range(start, min(end, len(mapping))) if mapping[i] >= 0]
        return (min(inside), max(inside) + 1) if inside else None


def _maps(bundle: Bundle, texts: dict[str, str]) -> dict[str, PassageMap]:
    return {
        doc: PassageMap(bundle.passages[bundle.passages["doc_id"] == doc], text)
        for doc, text in texts.items()
        if doc in set(bundle.passages["doc_id"])
    }


def _span_of(start: str, end: str) -> tuple[dt.date | None, dt.date | None]:
    if not start:
        return None, None
    return dt.date.fromisoformat(start), dt.date.fromisoformat(end)


def system_mentions(bundle: Bundle, texts: dict[str, str]) -> pd.DataFrame:
    """The build's dated mentions (resolved or not) placed in their documents."""
    maps = _maps(bundle, texts)
    sent_start = dict(zip(bundle.sentences["sentence_id"], bundle.sentences["start"].astype(int), strict=True))
    rows = []
    for e in bundle.events.itertuples(index=False):
        if e.doc_id not in maps:
            continue
        offset = sent_start[e.sentence_id]
        placed = maps[e.doc_id].place(e.passage_id, offset + int(e.char_start), offset + int(e.char_end))
        lo, hi = _span_of(e.date_start, e.date_end) if bool(e.resolved) else (None, None)
        rows.append(
            {
                "doc_id": e.doc_id,
                "start": placed[0] if placed else -1,
                "end": placed[1] if placed else -1,
                "lo": lo,
                "hi": hi,
                "resolved": bool(e.resolved),
                "kind": e.kind,
                "date_text": e.date_text,
                "sentence": e.sentence,
            }
        )
    return pd.DataFrame(rows, columns=MENTION_COLUMNS)


def dateparser_mentions(bundle: Bundle, texts: dict[str, str], published: dict[str, str]) -> pd.DataFrame:
    """What dateparser's ``search_dates`` finds in the same body sentences, placed the same way (the baseline).

    Each document's publication date is its ``RELATIVE_BASE``; an undated document gets 1 January 1900,
    so its relative dates come out wrong rather than as the day of the run. dateparser's own period
    (day, week, month, year) gives the span.
    """
    from dateparser import DateDataParser
    from dateparser.search import search_dates

    maps = _maps(bundle, texts)
    rows = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        # The same sentences the rules read (body, titles and headings).
        for s in bundle.sentences.sort_values("sentence_id").itertuples(index=False):
            if s.doc_id not in maps:
                continue
            settings = {"RELATIVE_BASE": _base(published.get(s.doc_id, ""))}
            found = search_dates(s.text, languages=["en"], settings=settings) or []
            parser = DateDataParser(languages=["en"], settings=settings)
            cursor = 0
            for surface, value in found:
                at = s.text.find(surface, cursor)
                if at < 0:
                    at = s.text.find(surface)
                if at < 0:
                    continue
                cursor = at + len(surface)
                period = parser.get_date_data(surface).period or "day"
                lo, hi = _period_span(value.date(), period)
                placed = maps[s.doc_id].place(s.passage_id, int(s.start) + at, int(s.start) + at + len(surface))
                rows.append(
                    {
                        "doc_id": s.doc_id,
                        "start": placed[0] if placed else -1,
                        "end": placed[1] if placed else -1,
                        "lo": lo,
                        "hi": hi,
                        "resolved": True,
                        "kind": surface_kind(surface),
                        "date_text": surface,
                        "sentence": s.text,
                    }
                )
    return pd.DataFrame(rows, columns=MENTION_COLUMNS)


def _base(published: str) -> dt.datetime:
    parts = [int(p) for p in published.split("-")] if published else [1900]
    parts += [1] * (3 - len(parts))
    return dt.datetime(parts[0], parts[1], parts[2])


def _period_span(day: dt.date, period: str) -> Span:
    if period == "year":
        return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    if period == "month":
        nxt = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
        return dt.date(day.year, day.month, 1), nxt - dt.timedelta(days=1)
    if period == "week":
        return week_of(day)
    return day, day


_MONTH_WORD = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\b", re.IGNORECASE)


def surface_kind(surface: str) -> str:
    """A kind read from the words alone, for a system that does not say (the baseline)."""
    if re.search(r"\d{3}0[’']?s\b|centur", surface, re.IGNORECASE):
        return "decade"
    if re.fullmatch(r"\(\s*\d{4}\s*\)", surface.strip()):
        return "parenthesised"
    if re.search(r"(?<!\d)\d{4}(?!\d)", surface):
        return "explicit"
    if _MONTH_WORD.search(surface):
        return "partial"
    return "relative"


# ---------------------------------------------------------------------------------------------
# Scoring
# ---------------------------------------------------------------------------------------------
@dataclass
class Scores:
    """Counts behind the figures of one kind (or of all)."""

    n_gold: int = 0
    n_system: int = 0
    n_aligned: int = 0
    n_value_ok: int = 0
    gold_events: int = 0
    system_events: int = 0
    events_right: int = 0
    traps_taken: int = 0

    @staticmethod
    def _ratio(a: int, b: int) -> float:
        return a / b if b else 0.0

    @property
    def mention_precision(self) -> float:
        return self._ratio(self.n_aligned, self.n_system)

    @property
    def mention_recall(self) -> float:
        return self._ratio(self.n_aligned, self.n_gold)

    @property
    def value_accuracy(self) -> float:
        return self._ratio(self.n_value_ok, self.n_aligned)

    @property
    def event_precision(self) -> float:
        return self._ratio(self.events_right, self.system_events)

    @property
    def event_recall(self) -> float:
        return self._ratio(self.events_right, self.gold_events)


@dataclass
class TimelineScore:
    """The figures of one system on one gold set, with the rows behind them."""

    overall: Scores
    by_kind: dict[str, Scores]
    n_traps: int
    traps_taken: list[str]
    n_ignored: int  # system mentions on `ignore` rows, not counted
    n_unplaced: int  # system mentions that could not be placed in the document text (counted as spurious)
    missed: pd.DataFrame = field(repr=False)
    spurious: pd.DataFrame = field(repr=False)
    wrong: pd.DataFrame = field(repr=False)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def score(gold: pd.DataFrame, system: pd.DataFrame) -> TimelineScore:
    """``gold`` from :func:`gold_spans`, ``system`` from :func:`system_mentions` (or the baseline)."""
    dates = gold[gold["type"] == "date"].reset_index(drop=True)
    traps = gold[gold["type"] == "trap"].reset_index(drop=True)
    ignores = gold[gold["type"] == "ignore"].reset_index(drop=True)
    system = system.reset_index(drop=True)
    pairs = []
    for doc, sys_rows in system.groupby("doc_id", sort=True):
        doc_dates = dates[dates["doc_id"] == doc]
        for si, s in sys_rows.iterrows():
            for gi, g in doc_dates.iterrows():
                ov = _overlap((s["start"], s["end"]), (g["start"], g["end"]))
                if ov > 0:
                    pairs.append((-ov, g["start"], s["start"], gi, si))
    aligned: dict[int, int] = {}  # system row -> gold row
    used_gold: set[int] = set()
    for _ov, _gs, _ss, gi, si in sorted(pairs):
        if si not in aligned and gi not in used_gold:
            aligned[si] = gi
            used_gold.add(gi)
    ignored, counted = set(), []
    for si, s in system.iterrows():
        if si in aligned:
            counted.append(si)
            continue
        on_ignore = ignores[(ignores["doc_id"] == s["doc_id"])]
        if any(_overlap((s["start"], s["end"]), (r.start, r.end)) for r in on_ignore.itertuples()):
            ignored.add(si)
        else:
            counted.append(si)
    taken = []
    for t in traps.itertuples(index=False):
        near = system[system["doc_id"] == t.doc_id]
        if any(_overlap((s.start, s.end), (t.start, t.end)) for s in near.itertuples()):
            taken.append(f"{t.doc_id}: {t.surface} ({t.note or 'trap'})")

    def value_ok(si: int) -> bool:
        s, g = system.loc[si], dates.loc[aligned[si]]
        return _value(s) == _value(g)

    def scores(kind: str | None) -> Scores:
        gold_ids = [gi for gi in dates.index if kind is None or dates.at[gi, "kind"] == kind]
        sys_ids = [
            si
            for si in counted
            if kind is None
            or (dates.at[aligned[si], "kind"] == kind if si in aligned else system.at[si, "kind"] == kind)
        ]
        sys_aligned = [si for si in sys_ids if si in aligned]
        ok = [si for si in sys_aligned if value_ok(si)]
        gold_events = {(dates.at[gi, "doc_id"], _value(dates.loc[gi])) for gi in gold_ids}
        gold_events.discard((None, None))
        gold_events = {e for e in gold_events if e[1] is not None}
        system_events = {(system.at[si, "doc_id"], _value(system.loc[si])) for si in sys_ids}
        system_events = {e for e in system_events if e[1] is not None}
        right = {(system.at[si, "doc_id"], _value(system.loc[si])) for si in ok} & gold_events
        trap_hits = 0
        if kind is None:
            trap_hits = len(taken)
        return Scores(
            n_gold=len(gold_ids),
            n_system=len(sys_ids),
            n_aligned=len(sys_aligned),
            n_value_ok=len(ok),
            gold_events=len(gold_events),
            system_events=len(system_events),
            events_right=len(right),
            traps_taken=trap_hits,
        )

    missed = dates.loc[[gi for gi in dates.index if gi not in used_gold]]
    spurious = system.loc[[si for si in counted if si not in aligned]]
    wrong_rows = []
    for si in counted:
        if si in aligned and not value_ok(si):
            g = dates.loc[aligned[si]]
            s = system.loc[si]
            wrong_rows.append(
                {
                    "doc_id": s["doc_id"],
                    "gold_surface": g["surface"],
                    "gold_value": g["value"],
                    "kind": g["kind"],
                    "system_text": s["date_text"],
                    "system_value": _shown(_value(s)),
                }
            )
    return TimelineScore(
        overall=scores(None),
        by_kind={k: scores(k) for k in KINDS},
        n_traps=len(traps),
        traps_taken=taken,
        n_ignored=len(ignored),
        n_unplaced=int((system["start"] < 0).sum()),
        missed=missed,
        spurious=spurious,
        wrong=pd.DataFrame(wrong_rows),
    )


def _value(row: pd.Series) -> tuple[dt.date, dt.date] | None:
    lo, hi = row["lo"], row["hi"]
    if lo is None or (isinstance(lo, float) and pd.isna(lo)):
        return None
    return lo, hi


def _shown(value: tuple[dt.date, dt.date] | None) -> str:
    if value is None:
        return "UNRESOLVED"
    return value[0].isoformat() if value[0] == value[1] else f"{value[0].isoformat()}/{value[1].isoformat()}"


def evaluate(bundle: Bundle, gold: TimelineGold) -> TimelineScore:
    """The build's mentions scored against ``gold`` (the bundle must hold its documents)."""
    return score(gold_spans(gold), system_mentions(bundle, gold.texts))


def baseline(bundle: Bundle, gold: TimelineGold) -> TimelineScore:
    """dateparser's ``search_dates`` scored the same way on the same sentences."""
    return score(gold_spans(gold), dateparser_mentions(bundle, gold.texts, gold.published))


def evaluate_seeds(seed_bundle: Bundle) -> TimelineScore:
    """The rules on the seeds' in-sample gold (the briefing's methods note and ``make test`` use it)."""
    return evaluate(seed_bundle, seeds_gold())


# ---------------------------------------------------------------------------------------------
# Reporting
# ---------------------------------------------------------------------------------------------
def table_rows(name: str, result: TimelineScore) -> list[str]:
    """Markdown rows: overall, then one per kind that has gold or output."""
    rows = []
    for label, s in [("all", result.overall)] + [(k, result.by_kind[k]) for k in KINDS]:
        if label != "all" and not (s.n_gold or s.n_system):
            continue
        traps = f"{len(result.traps_taken)} of {result.n_traps}" if label == "all" else ""
        rows.append(
            f"| {name} | {label} | {s.n_gold} | {s.n_system} | {s.mention_precision:.3f} | {s.mention_recall:.3f} | "
            f"{s.event_precision:.3f} | {s.event_recall:.3f} | {s.value_accuracy:.3f} | {traps} |"
        )
    return rows


TABLE_HEADER = [
    "| system | kind | gold mentions | system mentions | mention P | mention R | event P | event R | "
    "value accuracy | traps taken |",
    "|---|---|---|---|---|---|---|---|---|---|",
]


def summary(name: str, result: TimelineScore) -> str:
    s = result.overall
    return (
        f"{name}: {s.n_system} mentions vs {s.n_gold} gold | mentions P {s.mention_precision:.3f} "
        f"R {s.mention_recall:.3f} | events P {s.event_precision:.3f} R {s.event_recall:.3f} | value accuracy "
        f"{s.value_accuracy:.3f} | traps taken {len(result.traps_taken)}/{result.n_traps}"
        + (f": {', '.join(result.traps_taken)}" if result.traps_taken else "")
    )


def figures(result: TimelineScore, documents: int) -> dict:
    """The figures of one run as plain numbers (what the benchmark writes as JSON)."""

    def one(sc: Scores) -> dict:
        return {
            "gold_mentions": sc.n_gold,
            "system_mentions": sc.n_system,
            "mention_precision": round(sc.mention_precision, 4),
            "mention_recall": round(sc.mention_recall, 4),
            "event_precision": round(sc.event_precision, 4),
            "event_recall": round(sc.event_recall, 4),
            "value_accuracy": round(sc.value_accuracy, 4),
        }

    return {
        "documents": documents,
        **one(result.overall),
        "traps": result.n_traps,
        "traps_taken": len(result.traps_taken),
        "by_kind": {k: one(result.by_kind[k]) for k in KINDS},
    }


RESULTS = EVAL_DIR / "results" / "timeline.json"


def out_of_domain_figures(path: Path = RESULTS, split: str = "test", system: str = "rules") -> dict | None:
    """Figures of the last timeline benchmark run (``benchmarks/timeline_eval.py``) for ``split`` and
    ``system``: the briefing's methods note quotes the frozen test part's."""
    if not path.exists():
        return None
    try:
        runs = json.loads(path.read_text(encoding="utf-8")).get("runs", [])
    except json.JSONDecodeError:
        return None
    return next((r for r in runs if r.get("split") == split and r.get("system") == system), None)


def build_for(split: str) -> tuple[Bundle, TimelineGold]:
    """The bundle and the gold of ``split``: ``seeds`` (in-sample), ``dev`` or ``test`` (out-of-domain)."""
    import tempfile

    from analysis.bundle import build_bundle
    from analysis.evaluation.corpus import eval_bundle

    if split == "seeds":
        with tempfile.TemporaryDirectory() as tmp:
            return build_bundle(SEEDS_DIR, tmp), seeds_gold()
    return eval_bundle(split), eval_gold(split)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", action="append", choices=["seeds", "dev", "test"], help="default: seeds")
    parser.add_argument("--details", action="store_true", help="list misses, wrong values and spurious mentions")
    args = parser.parse_args(argv)
    for split in args.split or ["seeds"]:
        bundle, gold = build_for(split)
        for name, result in (("rules", evaluate(bundle, gold)), ("dateparser", baseline(bundle, gold))):
            print(f"[{split}] {summary(name, result)}")
            if args.details and name == "rules":
                _details(result)
        print()
    return 0


def _details(result: TimelineScore) -> None:
    with pd.option_context("display.width", 250, "display.max_colwidth", 90, "display.max_rows", 500):
        if len(result.missed):
            print("missed:\n" + result.missed[["doc_id", "kind", "surface", "value"]].to_string())
        if len(result.wrong):
            print("wrong values:\n" + result.wrong.to_string())
        if len(result.spurious):
            print("spurious:\n" + result.spurious[["doc_id", "kind", "date_text", "lo", "hi"]].to_string())


if __name__ == "__main__":
    sys.exit(main())
