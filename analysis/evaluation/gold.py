"""Out-of-domain gold data: loading and checking.

The evaluation texts and their labels live in ``analysis/data/eval`` (the rules
for labelling them are in its ``GUIDELINES.md``). A label that cannot be located
in its text, or carries a value outside the scheme, would silently become a
"miss" when scored, so every file is checked before it is used:

    python -m analysis.evaluation.gold --check analysis/data/eval/incoming/NAME
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml

EVAL_DIR = Path(__file__).resolve().parent.parent / "data" / "eval"
ACTORS = Path(__file__).resolve().parents[2] / "seeds" / "actors.yaml"

DOC_COLUMNS = [
    "doc_id",
    "split",
    "kind",
    "viewpoint",
    "publisher",
    "title",
    "published",
    "url",
    "licence",
    "retrieved",
    "labeller",
    "notes",
]
DATE_COLUMNS = ["doc_id", "type", "context", "surface", "nth", "value", "kind", "note"]
PAIR_COLUMNS = ["doc_id", "sentence", "target", "author_stance", "reported", "speaker", "speaker_stance", "note"]
DOC_STANCE_COLUMNS = ["doc_id", "target", "author_stance", "n_mentions", "note"]

KINDS = {"news", "statement", "speech", "analysis", "reference"}
DATE_KINDS = {"explicit", "partial", "relative", "decade", "parenthesised"}
DATE_TYPES = {"date", "trap", "ignore"}
_POINT = r"\d{4}(?:-\d{2}(?:-\d{2})?)?"
_VALUE = re.compile(
    rf"^(?:{_POINT}(?:/{_POINT})?"  # day, month, year, interval
    r"|\d{4}-W\d{2}"  # ISO week
    r"|\d{4}-(?:SP|SU|FA|WI|H1|H2|Q1|Q2|Q3|Q4)"
    r"|\d{3}X(?:-(?:EARLY|MID|LATE))?"  # decade
    r"|\d{2}XX(?:-(?:EARLY|MID|LATE))?"  # century
    r"|UNRESOLVED)$"
)
_PUBLISHED = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


@dataclass
class GoldSet:
    """One folder of evaluation data, as tables."""

    root: Path
    documents: pd.DataFrame
    dates: pd.DataFrame
    pairs: pd.DataFrame
    doc_stance: pd.DataFrame
    problems: list[str] = field(default_factory=list)

    def text(self, doc_id: str) -> str:
        return (self.root / "texts" / f"{doc_id}.txt").read_text(encoding="utf-8")


def read_tsv(path: Path, columns: list[str]) -> pd.DataFrame:
    """A TSV with all-string cells; a missing file is an empty table of the right shape."""
    if not path.exists():
        return pd.DataFrame(columns=columns)
    table = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False, quoting=3)
    for column in columns:
        if column not in table.columns:
            table[column] = ""
    return table[columns]


SPLITS = ("dev", "test")
FROZEN = "FROZEN.sha256"


def load(root: Path = EVAL_DIR, splits: tuple[str, ...] = SPLITS) -> GoldSet:
    """The labels of ``splits`` (from ``root/<split>/``), or of a flat folder as labellers write it."""
    root = Path(root)
    folders = [root / s for s in splits if (root / s).is_dir()] or [root]

    def gather(name: str, columns: list[str]) -> pd.DataFrame:
        parts = [read_tsv(f / name, columns) for f in folders]
        return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=columns)

    documents = read_tsv(root / "documents.tsv", DOC_COLUMNS)
    if folders != [root]:
        documents = documents[documents["split"].isin(splits)].reset_index(drop=True)
    return GoldSet(
        root=root,
        documents=documents,
        dates=gather("dates.tsv", DATE_COLUMNS),
        pairs=gather("stance_pairs.tsv", PAIR_COLUMNS),
        doc_stance=gather("stance_docs.tsv", DOC_STANCE_COLUMNS),
    )


def frozen_files(root: Path = EVAL_DIR) -> list[Path]:
    """What the freeze covers: the test part's labels and texts, and the document list."""
    docs = read_tsv(root / "documents.tsv", DOC_COLUMNS)
    test_ids = sorted(docs.loc[docs["split"] == "test", "doc_id"])
    labels = sorted(p for p in (root / "test").glob("*.tsv"))
    return [root / "documents.tsv", *labels, *(root / "texts" / f"{d}.txt" for d in test_ids)]


def digest_lines(root: Path = EVAL_DIR) -> list[str]:
    import hashlib

    return [
        f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.relative_to(root).as_posix()}" for p in frozen_files(root)
    ]


def check_frozen(root: Path = EVAL_DIR) -> list[str]:
    """Files of the frozen test part whose bytes differ from the record made when it was frozen."""
    recorded = (root / "test" / FROZEN).read_text(encoding="utf-8").splitlines()
    wanted = {line.split("  ", 1)[1]: line for line in recorded if line and not line.startswith("#")}
    now = {line.split("  ", 1)[1]: line for line in digest_lines(root)}
    return sorted(name for name in wanted.keys() | now.keys() if wanted.get(name) != now.get(name))


def actor_names(path: Path = ACTORS) -> set[str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(a["name"]) for a in data.get("actors", [])}


def locate(text: str, context: str, surface: str, nth: int = 1) -> tuple[int, int] | None:
    """Character offsets of ``surface`` in the document, found through its unique ``context``."""
    at = text.find(context)
    if at < 0 or text.find(context, at + 1) >= 0:
        return None
    pos = -1
    for _ in range(max(nth, 1)):
        pos = context.find(surface, pos + 1)
        if pos < 0:
            return None
    return at + pos, at + pos + len(surface)


def check(gold: GoldSet) -> list[str]:
    """Every problem that would make a label unusable, one line each."""
    problems: list[str] = []
    actors = actor_names()
    docs = gold.documents
    if docs.empty:
        return [f"{gold.root}: documents.tsv is missing or empty"]
    texts: dict[str, str] = {}
    for row in docs.itertuples(index=False):
        where = f"documents.tsv {row.doc_id}"
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", row.doc_id):
            problems.append(f"{where}: doc_id must be a lower-case slug")
        if row.split not in {"dev", "test"}:
            problems.append(f"{where}: split must be dev or test, not {row.split!r}")
        if row.kind not in KINDS:
            problems.append(f"{where}: kind {row.kind!r} not in {sorted(KINDS)}")
        if row.published and not _PUBLISHED.match(row.published):
            problems.append(f"{where}: published {row.published!r} is not YYYY[-MM[-DD]]")
        for column in ("url", "licence", "publisher", "title"):
            if not getattr(row, column):
                problems.append(f"{where}: {column} is empty")
        path = gold.root / "texts" / f"{row.doc_id}.txt"
        if not path.exists():
            problems.append(f"{where}: no file {path}")
            continue
        texts[row.doc_id] = path.read_text(encoding="utf-8")
    if docs["doc_id"].duplicated().any():
        twice = sorted(set(docs.loc[docs["doc_id"].duplicated(), "doc_id"]))
        problems.append(f"documents.tsv: duplicate doc_id {twice}")
    for i, row in enumerate(gold.dates.itertuples(index=False), start=2):
        where = f"dates.tsv line {i} ({row.doc_id}, {row.surface!r})"
        problems += _check_span(texts, row.doc_id, row.context, row.surface, row.nth, where)
        if row.type not in DATE_TYPES:
            problems.append(f"{where}: type {row.type!r} not in {sorted(DATE_TYPES)}")
        elif row.type == "date":
            if row.kind not in DATE_KINDS:
                problems.append(f"{where}: kind {row.kind!r} not in {sorted(DATE_KINDS)}")
            if not _VALUE.match(row.value):
                problems.append(f"{where}: value {row.value!r} is not in the scheme")
        elif row.value or row.kind:
            problems.append(f"{where}: a {row.type} has no value or kind")
    for i, row in enumerate(gold.pairs.itertuples(index=False), start=2):
        where = f"stance_pairs.tsv line {i} ({row.doc_id}, {row.target})"
        problems += _check_span(texts, row.doc_id, row.sentence, row.sentence, "1", where)
        if row.target not in actors:
            problems.append(f"{where}: target {row.target!r} is not an actor name in seeds/actors.yaml")
        if row.author_stance not in {"-1", "0", "1"}:
            problems.append(f"{where}: author_stance {row.author_stance!r} not in -1/0/1")
        if row.reported not in {"0", "1"}:
            problems.append(f"{where}: reported {row.reported!r} not 0/1")
        elif row.reported == "1" and (not row.speaker or row.speaker_stance not in {"-1", "0", "1"}):
            problems.append(f"{where}: a reported pair needs a speaker and a speaker_stance in -1/0/1")
        elif row.reported == "0" and (row.speaker or row.speaker_stance):
            problems.append(f"{where}: speaker and speaker_stance stay empty when reported is 0")
    if gold.pairs[["doc_id", "sentence", "target"]].duplicated().any():
        problems.append("stance_pairs.tsv: a (doc_id, sentence, target) appears twice")
    for i, row in enumerate(gold.doc_stance.itertuples(index=False), start=2):
        where = f"stance_docs.tsv line {i} ({row.doc_id}, {row.target})"
        if row.doc_id not in texts:
            problems.append(f"{where}: unknown doc_id")
        if row.target not in actors:
            problems.append(f"{where}: target {row.target!r} is not an actor name in seeds/actors.yaml")
        if row.author_stance not in {"-2", "-1", "0", "1", "2"}:
            problems.append(f"{where}: author_stance {row.author_stance!r} not in -2..2")
    if gold.doc_stance[["doc_id", "target"]].duplicated().any():
        problems.append("stance_docs.tsv: a (doc_id, target) appears twice")
    return problems


def _check_span(texts: dict[str, str], doc_id: str, context: str, surface: str, nth: str, where: str) -> list[str]:
    if doc_id not in texts:
        return [f"{where}: unknown doc_id"]
    if "\n" in context:
        return [f"{where}: the context spans a line break; keep it inside one paragraph"]
    if not nth.isdigit():
        return [f"{where}: nth {nth!r} is not a number"]
    text = texts[doc_id]
    if text.count(context) != 1:
        found = text.count(context)
        return [f"{where}: context found {found} times in the text (must be exactly once): {context[:80]!r}"]
    if locate(text, context, surface, int(nth)) is None:
        return [f"{where}: surface not found (nth={nth}) in its context"]
    return []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", type=Path, default=EVAL_DIR, help="folder holding documents.tsv, texts/, …")
    args = parser.parse_args(argv)
    gold = load(args.check)
    problems = check(gold)
    for line in problems:
        print(line)
    n_dates = gold.dates["type"].value_counts().to_dict()
    print(
        f"{len(gold.documents)} documents, {len(gold.pairs)} stance pairs, {len(gold.doc_stance)} document stances, "
        f"dates by type {n_dates}; {len(problems)} problems"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
