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

from analysis.dates import normalise_published
from analysis.problems import LoadError, Problem
from analysis.readers import DOCUMENT_SUFFIXES, TABLE_SUFFIXES, read_document, read_table
from analysis.yamlconfig import check_manifest

DEFAULT_MAX_BYTES = 50_000_000
CONFIG_FILES = ("manifest.yaml", "manifest.yml", "themes.yaml", "actors.yaml", "stance_cues.yaml", "propositions.yaml")
DOCUMENT_COLUMNS = ["doc_id", "source", "title", "kind", "published", "date_note", "author", "url", "file", "text"]


@dataclass
class Corpus:
    """Documents (one row each, columns ``DOCUMENT_COLUMNS``) and what went wrong."""

    documents: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    content_hash: str = ""


def corpus_files(path: Path) -> list[tuple[str, bytes]]:
    """The (name, bytes) pairs of a corpus path, sorted by name for determinism."""
    path = Path(path)
    if path.is_file():
        return [(path.name, path.read_bytes())]
    if not path.is_dir():
        raise FileNotFoundError(f"{path}: no such file or folder")
    files = []
    for item in sorted(path.rglob("*")):
        if item.is_file() and not any(part.startswith(".") for part in item.relative_to(path).parts):
            files.append((item.relative_to(path).as_posix(), item.read_bytes()))
    return files


def content_hash(files: list[tuple[str, bytes]]) -> str:
    """Hash names and bytes, order-independent, so a changed corpus rebuilds."""
    digest = hashlib.sha256()
    for name, data in sorted(files):
        digest.update(name.encode("utf-8") + b"\0" + hashlib.sha256(data).digest())
    return digest.hexdigest()


def load_corpus(path: Path | str, max_bytes: int = DEFAULT_MAX_BYTES) -> Corpus:
    """Load a folder (with an optional ``manifest.yaml``) or a single table file."""
    files = corpus_files(Path(path))
    return load_files(files, max_bytes=max_bytes)


def load_files(files: list[tuple[str, bytes]], max_bytes: int = DEFAULT_MAX_BYTES) -> Corpus:
    """Load documents from (name, bytes) pairs; one bad file never stops the rest."""
    problems: list[Problem] = []
    manifest, manifest_problems = _manifest(files)
    problems.extend(manifest_problems)
    rows: list[dict[str, str]] = []
    for name, data in sorted(files):
        base = Path(name).name
        lower = base.lower()
        if lower in CONFIG_FILES or lower.startswith("readme"):
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
        if len(data) > max_bytes and not lower.endswith(TABLE_SUFFIXES):  # a table's cap is per row (readers.py)
            problems.append(Problem(name, f"is {len(data) / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit"))
            continue
        if not data.strip():
            problems.append(Problem(name, "is empty"))
            continue
        try:
            if lower.endswith(TABLE_SUFFIXES):
                new_rows, row_problems = _rows_from_table(name, data, max_bytes)
                rows.extend(new_rows)
                problems.extend(row_problems)
            else:
                rows.append(_row_from_document(name, data, manifest.get(Path(name).stem, {}), problems, max_bytes))
        except LoadError as exc:
            problems.append(Problem(name, str(exc)))
    documents, dup_problems = _finalise(rows)
    problems.extend(dup_problems)
    return Corpus(documents=documents, problems=problems, content_hash=content_hash(files))


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
            return {str(e.get("doc_id") or Path(e.get("file", "")).stem): e for e in entries}, problems
    return {}, []


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
    name: str, data: bytes, max_chars: int = DEFAULT_MAX_BYTES
) -> tuple[list[dict[str, str]], list[Problem]]:
    """One document per row; rows the reader refused are reported by line, and the rest load."""
    table = read_table(name, data, max_chars)
    stem = re.sub(r"\W+", "_", Path(name).stem)
    rows = []
    problems = [Problem(f"{name} {where}".strip(), message) for where, message in table.problems]
    if not table.rows and not table.problems:
        problems.append(Problem(name, "has no rows"))
    for i, rec in table.rows:
        where = f"{name} row {i}"
        if not rec["text"].strip():
            problems.append(Problem(where, "has an empty 'text' cell"))
            continue
        rows.append(
            {
                "doc_id": rec.get("doc_id") or f"{stem}-{i:05d}",
                "source": rec.get("source") or stem,
                "title": rec.get("title") or _title_from_text(rec["text"]) or f"{stem} row {i}",
                "kind": rec.get("kind", ""),
                "published": rec.get("published", ""),
                "date_note": "From the table's 'published' column." if rec.get("published") else "",
                "author": rec.get("author", ""),
                "url": rec.get("url", ""),
                "file": where,
                "text": rec["text"],
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


def _finalise(rows: list[dict[str, str]]) -> tuple[pd.DataFrame, list[Problem]]:
    """Drop duplicate texts, make ids unique, normalise dates, sort by id."""
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
        published, note = normalise_published(row["published"])
        if note:
            problems.append(Problem(row["file"], note, "warning"))
        kept.append({**row, "doc_id": doc_id, "published": published})
    frame = pd.DataFrame(kept, columns=DOCUMENT_COLUMNS).fillna("")
    return frame.sort_values("doc_id", kind="stable").reset_index(drop=True), problems
