"""Load a corpus: a folder of documents, one table, or uploaded files.

Every input path ends in :func:`load_files`, so a folder, a CLI argument and an
upload in the app behave the same way, including how bad files are reported.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis.columns import ColumnError, ColumnMap
from analysis.dates import normalise_published
from analysis.document_readers import DOCUMENT_SUFFIXES, read_document
from analysis.problems import LoadError, Problem
from analysis.table_readers import TABLE_SUFFIXES, read_table
from analysis.yamlconfig import check_config, check_manifest

DEFAULT_MAX_BYTES = 50_000_000
CONFIG_FILES = (
    "manifest.yaml", "manifest.yml", "themes.yaml", "actors.yaml", "stance_cues.yaml", "propositions.yaml",
    "corpus.yaml", "corpus.yml",
)  # fmt: skip
# Files that travel with a corpus but are about it, not part of it: a README, the note saying where
# the texts came from, a licence, a manifest in a format this tool does not read. Whatever their suffix.
NOT_DOCUMENTS = frozenset(
    "readme read_me source sources license licence copying notice authors contributors contributing changelog "
    "changes citation manifest metadata".split()
)
DOCUMENT_COLUMNS = ["doc_id", "source", "title", "kind", "published", "date_note", "author", "url", "file", "text"]


@dataclass
class Corpus:
    """Documents (one row each, columns ``DOCUMENT_COLUMNS``) and what went wrong."""

    documents: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    content_hash: str = ""


def corpus_files(path: Path) -> list[tuple[str, bytes]]:
    """The (name, bytes) pairs of a corpus path, sorted by name for determinism.

    A table given alone brings the ``corpus.yaml`` lying beside it (its column mapping)."""
    path = Path(path)
    if path.is_file():
        beside = path.parent / "corpus.yaml"
        if beside.is_file() and beside != path:
            return sorted([(path.name, path.read_bytes()), (beside.name, beside.read_bytes())])
        return [(path.name, path.read_bytes())]
    if not path.is_dir():
        raise FileNotFoundError(f"{path}: no such file or folder")
    files = []
    for item in sorted(path.rglob("*")):
        if item.is_file() and not any(part.startswith(".") for part in item.relative_to(path).parts):
            files.append((item.relative_to(path).as_posix(), item.read_bytes()))
    return files


def content_hash(files: list[tuple[str, bytes]], columns: ColumnMap | None = None) -> str:
    """Hash names and bytes, order-independent, so a changed corpus rebuilds; a column mapping
    given on the command line reads the same bytes differently, so it is part of the hash."""
    digest = hashlib.sha256()
    for name, data in sorted(files):
        digest.update(name.encode("utf-8") + b"\0" + hashlib.sha256(data).digest())
    if columns:
        digest.update(b"\0columns\0" + columns.spec().encode("utf-8"))
    return digest.hexdigest()


def load_corpus(path: Path | str, max_bytes: int = DEFAULT_MAX_BYTES, columns: ColumnMap | None = None) -> Corpus:
    """Load a folder (with an optional ``manifest.yaml``) or a single table file."""
    path = Path(path)
    named = path.name if path.is_file() else ""
    return load_files(corpus_files(path), max_bytes=max_bytes, named=named, columns=columns)


def not_a_document(name: str) -> str:
    """Why a file in a corpus folder is not read as a document ('' when it is one)."""
    base = Path(name).name
    stem = base.lower().split(".", 1)[0]
    if stem in NOT_DOCUMENTS:
        return (
            f"not analysed: '{base}' reads as a note about the corpus (README, SOURCE, LICENSE, manifest…), "
            "not a document"
        )
    return ""


def load_files(
    files: list[tuple[str, bytes]],
    max_bytes: int = DEFAULT_MAX_BYTES,
    named: str = "",
    columns: ColumnMap | None = None,
) -> Corpus:
    """Load documents from (name, bytes) pairs; one bad file never stops the rest.

    ``named`` is a file the user pointed at by name (``--corpus notes/README.txt``): it is read
    whatever it is called, where the same file lying in a folder would be skipped with a note.
    ``columns`` says which table columns hold the text, source, date, title and id (it wins over
    a ``corpus.yaml`` among the files, which wins over the guess from the column names).
    """
    problems: list[Problem] = []
    manifest, manifest_problems = _manifest(files)
    problems.extend(manifest_problems)
    mapping, mapping_problems = _column_map(files)
    problems.extend(mapping_problems)
    mapping = (columns or ColumnMap()).over(mapping)
    rows: list[dict[str, str]] = []
    for name, data in sorted(files):
        base = Path(name).name
        lower = base.lower()
        if lower in CONFIG_FILES:
            continue
        if name != named and (note := not_a_document(name)):
            problems.append(Problem(name, note, "note"))
            continue
        if not lower.endswith(DOCUMENT_SUFFIXES + TABLE_SUFFIXES):
            problems.append(
                Problem(
                    name,
                    f"unsupported file type '{Path(name).suffix or base}'; "
                    f"expected one of {', '.join(DOCUMENT_SUFFIXES + TABLE_SUFFIXES)}",
                )
            )
            continue
        if len(data) > max_bytes and not lower.endswith(TABLE_SUFFIXES):  # a table's cap is per row (table_readers.py)
            problems.append(Problem(name, f"is {len(data) / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit"))
            continue
        if not data.strip():
            problems.append(Problem(name, "is empty"))
            continue
        try:
            if lower.endswith(TABLE_SUFFIXES):
                new_rows, row_problems = _rows_from_table(name, data, max_bytes, mapping)
                rows.extend(new_rows)
                problems.extend(row_problems)
            else:
                rows.append(_row_from_document(name, data, _entry_for(manifest, name), problems, max_bytes))
        except LoadError as exc:
            problems.append(Problem(name, str(exc)))
    documents, dup_problems = _finalise(rows, manifest)
    problems.extend(dup_problems)
    return Corpus(documents=documents, problems=problems, content_hash=content_hash(files, columns))


def _manifest(files: list[tuple[str, bytes]]) -> tuple[dict[str, dict], list[Problem]]:
    """Manifest entries by document stem; a bad entry is reported with its line and loses only itself."""
    for name, data in sorted(files):
        if Path(name).name.lower() in ("manifest.yaml", "manifest.yml"):
            entries, issues = check_manifest(data)
            problems = [
                Problem(name, str(issue) + ("" if entries or not issue.fatal else "; metadata will be inferred"),
                        "warning")
                for issue in issues
            ]  # fmt: skip
            index: dict[str, dict] = {}
            for entry in entries:  # a later entry for the same document wins, as it always has
                if entry.get("file"):
                    index["file:" + str(entry["file"])] = entry
                index[str(entry.get("doc_id") or Path(entry.get("file", "")).stem)] = entry
            return index, problems
    return {}, []


def _column_map(files: list[tuple[str, bytes]]) -> tuple[ColumnMap, list[Problem]]:
    """The column mapping of a ``corpus.yaml`` among the files; a bad one is reported and guesses are used."""
    for name, data in sorted(files):
        if Path(name).name.lower() in ("corpus.yaml", "corpus.yml"):
            checked = check_config("corpus.yaml", data)
            problems = [Problem(name, str(i), "warning") for i in checked.issues]
            if not checked.ok:
                return ColumnMap(), [*problems, Problem(name, "is not used; table columns are guessed", "warning")]
            try:
                return ColumnMap.from_dict(checked.value.get("columns", {})), problems
            except ColumnError as exc:
                return ColumnMap(), [*problems, Problem(name, f"{exc}; table columns are guessed", "warning")]
    return ColumnMap(), []


def _entry_for(manifest: dict[str, dict], name: str) -> dict:
    """The manifest entry of a file: by its path in the corpus, its file name, then its stem (= doc_id)."""
    path = Path(name)
    return manifest.get("file:" + name) or manifest.get("file:" + path.name) or manifest.get(path.stem, {})


def _row_from_document(
    name: str, data: bytes, entry: dict, problems: list[Problem], max_chars: int = DEFAULT_MAX_BYTES
) -> dict[str, str]:
    result = read_document(name, data, max_chars)
    for warning in result.warnings:
        problems.append(Problem(name, warning, "warning"))
    if not result.text.strip():
        raise LoadError("has no text after extraction")
    meta = {**result.meta, **{k: str(v) for k, v in entry.items() if v is not None and str(v) != ""}}
    stem = Path(name).stem
    return {
        "doc_id": str(entry.get("doc_id") or stem),
        "source": meta.get("source") or meta.get("author") or stem,
        "title": meta.get("title") or _title_from_text(result.text) or stem,
        "kind": meta.get("kind", ""),
        "published": meta.get("published", ""),
        "date_note": meta.get("date_note", "" if not meta.get("published") else "From the document's metadata."),
        "author": meta.get("author", ""),
        "url": meta.get("url", ""),
        "file": name,
        "text": result.text,
    }


def _rows_from_table(
    name: str, data: bytes, max_chars: int = DEFAULT_MAX_BYTES, columns: ColumnMap | None = None
) -> tuple[list[dict[str, str]], list[Problem]]:
    """One document per row; rows the reader refused are reported by line, and the rest load."""
    table = read_table(name, data, max_chars)
    try:
        role = (columns or ColumnMap()).resolve(table.columns)
    except ColumnError as exc:
        raise LoadError(str(exc)) from exc
    stem = re.sub(r"\W+", "_", Path(name).stem)
    rows = []
    problems = [Problem(f"{name} {where}".strip(), message) for where, message in table.problems]
    if not table.rows and not table.problems:
        problems.append(Problem(name, "has no rows"))
    for i, rec in table.rows:
        where = f"{name} row {i}"
        cell = {r: rec.get(column, "").strip() for r, column in role.items()}
        if not rec.get(role["text"], "").strip():
            problems.append(Problem(where, f"has an empty '{role['text']}' cell"))
            continue
        text = rec[role["text"]]
        rows.append(
            {
                "doc_id": cell.get("id") or f"{stem}-{i:05d}",
                "source": cell.get("source") or stem,
                "title": cell.get("title") or _title_from_text(text) or f"{stem} row {i}",
                "kind": cell.get("kind", ""),
                "published": cell.get("published", ""),
                "date_note": f"From the table's '{role['published']}' column." if cell.get("published") else "",
                "author": cell.get("author", ""),
                "url": cell.get("url", ""),
                "file": where,
                "text": text,
                "from_table": "yes",
            }
        )
    return rows, problems


def _title_from_text(text: str) -> str:
    """A first short line without a full stop reads as a title."""
    for line in text.strip().splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line if len(line) <= 150 and not line.endswith(".") else ""
    return ""


METADATA_FIELDS = ("source", "title", "kind", "published", "date_note", "author", "url")


def _finalise(
    rows: list[dict[str, str]], manifest: dict[str, dict] | None = None
) -> tuple[pd.DataFrame, list[Problem]]:
    """Drop duplicate texts, make ids unique, apply the manifest to table rows by their final id
    (a manifest written by the app's metadata editor names them so), normalise dates, sort by id."""
    manifest = manifest or {}
    problems: list[Problem] = []
    seen_text: dict[str, str] = {}
    seen_ids: set[str] = set()
    kept = []
    for row in rows:
        key = hashlib.sha256(" ".join(row["text"].split()).encode("utf-8")).hexdigest()
        if key in seen_text:
            problems.append(
                Problem(row["file"], f"has the same text as {seen_text[key]}; skipped as a duplicate", "warning")
            )
            continue
        seen_text[key] = row["file"]
        doc_id = re.sub(r"[^\w.-]+", "_", row["doc_id"]).strip("_") or "doc"
        base, n = doc_id, 2
        while doc_id in seen_ids:
            doc_id, n = f"{base}-{n}", n + 1
        seen_ids.add(doc_id)
        if row.get("from_table") and doc_id in manifest:
            entry = {k: str(v) for k, v in manifest[doc_id].items() if k in METADATA_FIELDS and str(v) != ""}
            if "published" in entry and "date_note" not in entry:
                entry["date_note"] = "From the corpus manifest."
            row = {**row, **entry}
        published, note = normalise_published(row["published"])
        if note:
            problems.append(Problem(row["file"], note, "warning"))
        kept.append({**row, "doc_id": doc_id, "published": published})
    frame = pd.DataFrame(kept, columns=DOCUMENT_COLUMNS).fillna("")
    return frame.sort_values("doc_id", kind="stable").reset_index(drop=True), problems
