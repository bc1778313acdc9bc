"""Score the stance scorer against hand labels, strictly, beside two baselines.

    .venv/bin/python -m analysis.evaluation.stance [--split dev|test|seeds]

Two reference sets:

* **Out-of-domain** (``analysis/data/eval``): texts the rules were not written on,
  labelled from the text before tuning (``GUIDELINES.md``); a development part
  to tune on and a frozen test part scored only to report. Per (sentence, actor):
  the author's stance, whether it is reported speech and the quoted speaker's
  stance; per (document, actor): the overall portrayal on -2..+2.
* **In-sample** (``analysis/data/seeds_gold/stance_gold.tsv``): 184 pairs from the
  four seeds, labelled by the person who then wrote the first rules on them.

Strict means: gold pairs are joined to the build through sentence ids located
from the exact text, never by fuzzy text; a pair the build did not produce (its
sentence or actor not found) counts as **missed** — a wrong answer — not as
"neutral". Baselines are scored on the same pairs in the same run: always
"neutral" (the majority class of the out-of-domain labels) and VADER's compound
score of the sentence (≥ 0.05 favourable, ≤ -0.05 hostile).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd
from sklearn.metrics import f1_score

from analysis.bundle import Bundle
from analysis.evaluation.align import overlapping, sentence_spans
from analysis.evaluation.gold import EVAL_DIR, GoldSet, load, locate

SEED_GOLD = Path(__file__).resolve().parent.parent / "data" / "seeds_gold" / "stance_gold.tsv"
LABELS = ("-1", "0", "1")
MISSED = "missed"
_FROM_LABEL = {"negative": "-1", "neutral": "0", "positive": "1"}


@dataclass
class Scores:
    """Agreement figures of one predictor on one set of pairs."""

    n: int
    accuracy: float
    macro_f1: float
    per_class_f1: dict[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "n": self.n,
            "accuracy": round(self.accuracy, 3),
            "macro_f1": round(self.macro_f1, 3),
            "per_class_f1": self.per_class_f1,
        }


def score(gold: pd.Series, predicted: pd.Series) -> Scores:
    """Accuracy and macro-F1 over the three classes; a missed pair is simply wrong."""
    gold, predicted = gold.astype(str).tolist(), predicted.astype(str).tolist()
    n = len(gold)
    if not n:
        return Scores(0, 0.0, 0.0)
    accuracy = sum(g == p for g, p in zip(gold, predicted, strict=True)) / n
    per_class = f1_score(gold, predicted, labels=list(LABELS), average=None, zero_division=0)
    return Scores(
        n,
        accuracy,
        float(per_class.mean()),
        {label: round(float(v), 3) for label, v in zip(LABELS, per_class, strict=True)},
    )


@lru_cache(maxsize=4096)
def vader_label(sentence: str) -> str:
    compound = _vader().polarity_scores(sentence)["compound"]
    return "1" if compound >= 0.05 else "-1" if compound <= -0.05 else "0"


@lru_cache(maxsize=1)
def _vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def sign(value: str | int | float) -> str:
    v = float(value)
    return "1" if v > 0 else "-1" if v < 0 else "0"


# ------------------------------------------------------------------ out-of-domain
@dataclass
class StanceReport:
    """Everything one evaluation run measured; ``pairs``/``docs`` keep every prediction for inspection."""

    split: str
    sentence: dict[str, Scores]
    document: dict[str, Scores]
    clear: dict[str, Scores]
    reported: dict[str, float]
    pairs: pd.DataFrame
    docs: pd.DataFrame

    def as_dict(self) -> dict:
        return {
            "split": self.split,
            "sentence": {k: v.as_dict() for k, v in self.sentence.items()},
            "document": {k: v.as_dict() for k, v in self.document.items()},
            "clear": {k: v.as_dict() for k, v in self.clear.items()},
            "reported": {k: round(v, 3) for k, v in self.reported.items()},
            "n_pairs": len(self.pairs),
            "n_found": int((self.pairs["system"] != MISSED).sum()),
            "n_documents": int(self.pairs["doc_id"].nunique()) if len(self.pairs) else 0,
        }


def system_pairs(bundle: Bundle, gold: GoldSet, pairs: pd.DataFrame) -> pd.DataFrame:
    """Each gold pair with the build's author-voice label, its reported-speech reading and the
    quoted speaker's label, joined through the sentence ids that overlap the gold sentence."""
    ev = bundle.stance_evidence
    author = ev[ev["voice"] == "author"].set_index(["sentence_id", "target"])["label"].to_dict()
    quoted: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for sid, target, voice, label in ev.loc[
        ev["voice"] != "author", ["sentence_id", "target", "voice", "label"]
    ].itertuples(index=False):
        quoted.setdefault((sid, target), []).append((voice, label))
    spans_of: dict[str, pd.DataFrame] = {}
    rows = []
    for row in pairs.itertuples(index=False):
        if row.doc_id not in spans_of:
            spans_of[row.doc_id] = sentence_spans(bundle.passages, bundle.sentences, gold.text(row.doc_id), row.doc_id)
        where = locate(gold.text(row.doc_id), row.sentence, row.sentence)
        sids = overlapping(spans_of[row.doc_id], *where) if where else []
        labels = [author[(s, row.target)] for s in sids if (s, row.target) in author]
        system = _strongest(labels) if labels else MISSED
        voices = [v for s in sids for v in quoted.get((s, row.target), [])]
        rows.append(
            {
                **row._asdict(),
                "sentence_ids": ";".join(sids),
                "system": system,
                "system_reported": "1" if voices else "0",
                "system_speaker": voices[0][0] if voices else "",
                "system_speaker_stance": _strongest([label for _, label in voices]) if voices else "",
            }
        )
    return pd.DataFrame(rows)


def _strongest(labels: list[str]) -> str:
    """One label from several sentences the gold sentence overlaps: an evaluative one wins."""
    values = [_FROM_LABEL.get(lab, lab) for lab in labels]
    evaluative = [v for v in values if v != "0"]
    return evaluative[0] if evaluative else values[0]


def evaluate(bundle: Bundle, gold: GoldSet, split: str) -> StanceReport:
    docs_in = set(gold.documents.loc[gold.documents["split"] == split, "doc_id"]) if split != "all" else None
    pairs = gold.pairs if docs_in is None else gold.pairs[gold.pairs["doc_id"].isin(docs_in)]
    joined = system_pairs(bundle, gold, pairs)
    if joined.empty:
        return StanceReport(split, {}, {}, {}, {}, joined, pd.DataFrame())
    joined["neutral"] = "0"
    joined["vader"] = [vader_label(s) for s in joined["sentence"]]
    sentence = {name: score(joined["author_stance"], joined[name]) for name in ("system", "neutral", "vader")}
    reported = _reported(joined)
    docs = _document_pairs(bundle, gold, docs_in)
    document = {name: score(docs["gold_sign"], docs[name]) for name in ("system", "neutral", "vader")}
    clear_docs = docs[docs["author_stance"].isin(["-2", "2"])]
    clear = {name: score(clear_docs["gold_sign"], clear_docs[name]) for name in ("system", "neutral", "vader")}
    return StanceReport(split, sentence, document, clear, reported, joined, docs)


def _reported(joined: pd.DataFrame) -> dict[str, float]:
    """Reported speech found, and the quoted speaker's stance where both agree it is reported."""
    gold_rep = joined["reported"] == "1"
    sys_rep = joined["system_reported"] == "1"
    tp = int((gold_rep & sys_rep).sum())
    # The quoted voices the Stance page shows are the evaluative ones: recall on those apart.
    evaluative = gold_rep & (joined["speaker_stance"] != "0")
    both = joined[gold_rep & sys_rep]
    speaker = score(both["speaker_stance"], both["system_speaker_stance"]) if len(both) else Scores(0, 0.0, 0.0)
    return {
        "gold_reported": float(gold_rep.sum()),
        "precision": tp / int(sys_rep.sum()) if sys_rep.any() else 0.0,
        "recall": tp / int(gold_rep.sum()) if gold_rep.any() else 0.0,
        "recall_evaluative": int((evaluative & sys_rep).sum()) / int(evaluative.sum()) if evaluative.any() else 0.0,
        "speaker_stance_accuracy": speaker.accuracy,
        "speaker_stance_n": float(speaker.n),
    }


def _document_pairs(bundle: Bundle, gold: GoldSet, docs_in: set[str] | None) -> pd.DataFrame:
    """Gold document × actor portrayals with the build's document-level label (author voice)."""
    gdocs = gold.doc_stance if docs_in is None else gold.doc_stance[gold.doc_stance["doc_id"].isin(docs_in)]
    stance = bundle.stance.set_index(["doc_id", "target"])["label"].to_dict()
    ev = bundle.stance_evidence
    author = ev[ev["voice"] == "author"]
    sentences_of = author.groupby(["doc_id", "target"])["sentence"].agg(list).to_dict()
    rows = []
    for row in gdocs.itertuples(index=False):
        found = stance.get((row.doc_id, row.target))
        texts = sentences_of.get((row.doc_id, row.target), [])
        vader = [int(vader_label(t)) for t in texts]
        rows.append(
            {
                **row._asdict(),
                "gold_sign": sign(row.author_stance),
                "system": _FROM_LABEL[found] if found else MISSED,
                "neutral": "0",
                "vader": sign(sum(vader)) if vader else "0",
            }
        )
    return pd.DataFrame(rows)


# ------------------------------------------------------------------ in-sample seeds
def evaluate_seeds(bundle: Bundle, path: Path = SEED_GOLD) -> dict[str, Scores]:
    """The seed pairs, joined on sentence id and target (author voice); missed pairs are wrong."""
    gold = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False)
    ev = bundle.stance_evidence
    author = ev[ev["voice"] == "author"].set_index(["sentence_id", "target"])["label"].to_dict()
    truth = gold["label"].map(_FROM_LABEL)
    system = pd.Series(
        [
            _FROM_LABEL.get(author.get((s, t), ""), MISSED)
            for s, t in zip(gold["sentence_id"], gold["target"], strict=True)
        ]
    )
    return {
        "system": score(truth, system),
        "neutral": score(truth, pd.Series(["0"] * len(gold))),
        "vader": score(truth, pd.Series([vader_label(s) for s in gold["sentence"]])),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Stance evaluation (strict; baselines in the same run).")
    parser.add_argument("--split", default="dev", choices=["dev", "test", "all", "seeds"])
    parser.add_argument("--errors", action="store_true", help="print the pairs the system got wrong")
    args = parser.parse_args(argv)
    if args.split == "seeds":
        import tempfile

        from analysis.bundle import ROOT, build_bundle

        with tempfile.TemporaryDirectory() as tmp:
            bundle = build_bundle(ROOT / "seeds", tmp)
        for name, s in evaluate_seeds(bundle).items():
            print(f"{name:8s} n={s.n} accuracy {s.accuracy:.3f} macro-F1 {s.macro_f1:.3f} {s.per_class_f1}")
        return 0
    from analysis.evaluation.corpus import eval_bundle

    gold = load(EVAL_DIR)
    report = evaluate(eval_bundle(args.split, gold=gold), gold, args.split)
    print_report(report)
    if args.errors:
        wrong = report.pairs[report.pairs["system"] != report.pairs["author_stance"]]
        for r in wrong.itertuples(index=False):
            print(f"[{r.author_stance:>2} vs {r.system:>6}] {r.target}: {r.sentence[:220]}")
    return 0


def print_report(report: StanceReport) -> None:
    d = report.as_dict()
    print(f"split {d['split']}: {d['n_pairs']} pairs in {d['n_documents']} documents ({d['n_found']} found)")
    for level in ("sentence", "document", "clear"):
        for name, s in d[level].items():
            print(f"  {level:9s} {name:8s} n={s['n']:4d} acc {s['accuracy']:.3f} macro-F1 {s['macro_f1']:.3f}")
    print(f"  reported speech: {d['reported']}")


if __name__ == "__main__":
    sys.exit(main())
