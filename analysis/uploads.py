"""Uploaded files as a corpus folder: checked first, written whole, removed when old.

Only files that load (or configuration files that parse) are written to disk; a
rejected file never touches it, and its problem is kept in ``.rejected.json`` (a
hidden file, so not part of the corpus) for the loading report. The folder is
staged and renamed into place (:func:`analysis.store.staged_folder`), so a
half-written upload is never analysed. Folders older than the configured age are
removed with the cached bundles built from them.
"""

from __future__ import annotations

import json
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from analysis.columns import ColumnMap
from analysis.corpus import CONFIG_FILES, DEFAULT_MAX_BYTES, content_hash, load_files
from analysis.problems import Problem
from analysis.store import BUILD_FILE, staged_folder
from analysis.table_readers import TABLE_SUFFIXES
from analysis.yamlconfig import check_config, check_manifest

REJECTED_FILE = ".rejected.json"
DEFAULT_MAX_AGE_HOURS = 24.0


@dataclass
class Upload:
    """Where the accepted files went and what was refused."""

    folder: Path | None
    accepted: list[str] = field(default_factory=list)
    rejected: list[Problem] = field(default_factory=list)


def _safe_name(name: str) -> str:
    """The last path component only: an upload named ``../../x.txt`` lands inside its folder."""
    base = Path(name.replace("\\", "/")).name.strip().lstrip(".")
    return base or "unnamed"


def check_upload(
    name: str, data: bytes, max_bytes: int = DEFAULT_MAX_BYTES, columns: ColumnMap | None = None
) -> list[Problem]:
    """Error-level problems that make a file useless; empty when it is worth keeping."""
    lower = name.lower()
    if lower in ("manifest.yaml", "manifest.yml"):
        entries, issues = check_manifest(data)
        fatal = [i for i in issues if i.fatal]
        return [Problem(name, "; ".join(map(str, fatal[:3])))] if fatal and not entries else []
    if lower in CONFIG_FILES:
        checked = check_config(lower, data)
        fatal = [str(i) for i in checked.issues if i.fatal]
        return [] if checked.ok else [Problem(name, "; ".join(fatal[:3]) + f"; the default {lower} is used")]
    corpus = load_files([(name, data)], max_bytes=max_bytes, columns=columns)
    if len(corpus.documents):
        return []
    refused = [p for p in corpus.problems if p.level != "warning"]  # errors, and notes on what is no document
    return refused or [Problem(name, "holds no document that loads")]


def save_upload(
    files: list[tuple[str, bytes]],
    root: Path,
    max_bytes: int = DEFAULT_MAX_BYTES,
    columns: ColumnMap | None = None,
    name: str | None = None,
    hidden: dict[str, dict] | None = None,
) -> Upload:
    """Check each uploaded file and write the good ones as a corpus folder under ``root``.

    The folder is ``name`` (a named corpus, :mod:`analysis.corpora`) or, without one, named
    by the content of the accepted files, so uploading the same files twice reuses one
    folder. A table's column mapping (``columns``) is written as the folder's ``corpus.yaml``,
    so the folder reads the same way wherever it is opened; ``hidden`` files (JSON, names
    starting with '.') go in with it, never read as documents.
    :class:`WriteError` on a full or read-only disk.
    """
    named: dict[str, bytes] = {}
    for filename, data in files:
        named[_safe_name(filename)] = data  # the last of two same-named files wins, as on a file system
    if columns and any(n.lower().endswith(TABLE_SUFFIXES) for n in named):
        named["corpus.yaml"] = corpus_yaml(columns)
    accepted: dict[str, bytes] = {}
    rejected: list[Problem] = []
    for filename, data in sorted(named.items()):
        problems = check_upload(filename, data, max_bytes, columns)
        if problems:
            rejected.extend(problems)
        else:
            accepted[filename] = data
    if not any(filename.lower() not in CONFIG_FILES for filename in accepted):
        if accepted:  # configuration alone is no corpus
            rejected.append(Problem(", ".join(sorted(accepted)), "configuration only: no document came with it"))
        return Upload(None, [], rejected)
    folder = Path(root) / (name or content_hash(list(accepted.items()))[:16])
    with staged_folder(folder, replace=name is None) as tmp:
        for filename, data in accepted.items():
            (tmp / filename).write_bytes(data)
        (tmp / REJECTED_FILE).write_text(
            json.dumps([vars(p) for p in rejected], indent=1, ensure_ascii=False), encoding="utf-8"
        )
        for filename, content in (hidden or {}).items():
            (tmp / filename).write_text(json.dumps(content, indent=1, ensure_ascii=False), encoding="utf-8")
    return Upload(folder, sorted(accepted), rejected)


def corpus_yaml(columns: ColumnMap) -> bytes:
    """A ``corpus.yaml`` holding a column mapping (every value quoted: a column may be called "yes")."""
    lines = ["# Which column of the corpus's tables plays which role (written by the app's upload).", "columns:"]
    lines += [f"  {role}: {json.dumps(column)}" for role, column in columns.chosen().items()]
    return ("\n".join(lines) + "\n").encode("utf-8")


def rejected_problems(folder: Path) -> list[Problem]:
    """The problems of files refused at upload time, kept beside the accepted ones."""
    try:
        items = json.loads((Path(folder) / REJECTED_FILE).read_text(encoding="utf-8"))
        return [Problem(str(i["file"]), str(i["message"]), str(i.get("level", "error"))) for i in items]
    except (OSError, ValueError, KeyError, TypeError):
        return []


def cleanup(upload_root: Path, cache_root: Path, max_age_hours: float, keep: Path | None = None) -> list[Path]:
    """Remove upload folders older than ``max_age_hours`` (but not ``keep``) and the cached bundles built
    from uploads that no longer exist. Returns what was removed; a folder that cannot be removed stays."""
    removed: list[Path] = []
    cutoff = time.time() - max_age_hours * 3600
    upload_root, cache_root = Path(upload_root), Path(cache_root)
    if upload_root.is_dir():
        for folder in upload_root.iterdir():
            try:
                if folder.is_dir() and folder != keep and folder.stat().st_mtime < cutoff:
                    shutil.rmtree(folder)
                    removed.append(folder)
            except OSError:
                continue
    if cache_root.is_dir():
        for bundle in cache_root.iterdir():
            try:
                info = json.loads((bundle / BUILD_FILE).read_text(encoding="utf-8"))
                corpus = Path(str(info.get("corpus", "")))
                if corpus.is_relative_to(upload_root) and not corpus.exists():
                    shutil.rmtree(bundle)
                    removed.append(bundle)
            except (OSError, ValueError, AttributeError):
                continue
    return removed
