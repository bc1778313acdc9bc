"""Named corpora: an upload kept under ``build/corpora/<name>``, listed, renamed, deleted.

An upload used to be a folder named by a hash, gone from view after a reload and removed
after a day. Now it becomes a corpus with a name the analyst chose, its files and its
column mapping (``corpus.yaml``), and a hidden ``.corpus.json`` holding what the app knows
about it: whether the analyst *kept* it, and when it was made and last opened.

Kept and temporary. hardening added removal of uploads after ``--upload-max-age-hours``
so that a server open to many people does not fill its disk. A corpus the analyst chose
to keep is never removed by age: only by "Delete". An upload saved without "Keep" is
temporary: it is removed, with its cached analyses, once it has not been opened for that
many hours. A folder in ``build/corpora`` without ``.corpus.json`` (copied there by hand)
counts as kept: nothing the app did not make is removed by age.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from analysis.columns import ColumnMap
from analysis.corpus import DEFAULT_MAX_BYTES, content_hash, corpus_files
from analysis.store import BUILD_FILE, WriteError, disk_message
from analysis.uploads import Upload, save_upload

META_FILE = ".corpus.json"
MAX_NAME = 60
_NAME = re.compile(r"^[\w][\w .()+-]*$")  # letters of any script, digits, and a few separators
TOUCH_EVERY_SECONDS = 600  # "last opened" is written at most this often


class CorpusNameError(ValueError):
    """A name that cannot be a corpus's name, with why."""


@dataclass(frozen=True)
class NamedCorpus:
    """A corpus the sidebar lists: its name, where it is, and where it came from."""

    name: str
    path: Path
    origin: str  # "default", "command line" or "uploaded"
    kept: bool = True
    created: str = ""
    last_used: float = 0.0

    @property
    def managed(self) -> bool:
        """Only uploads live in the app's folder: only they can be renamed or deleted from the app."""
        return self.origin == "uploaded"


def name_problem(name: str, taken: set[str] | frozenset[str] = frozenset()) -> str:
    """Why ``name`` cannot be a corpus name ('' when it can): it becomes a folder name and a URL value."""
    if not name.strip():
        return "a corpus needs a name"
    if name != name.strip():
        return "a name cannot start or end with a space"
    if len(name) > MAX_NAME:
        return f"a name has at most {MAX_NAME} characters"
    if not _NAME.match(name) or name in (".", ".."):
        return "a name may hold letters, digits, spaces and . - + ( ) _, and starts with a letter or digit"
    if name.lower() in {t.lower() for t in taken}:
        return f"there is already a corpus named {name!r}"
    return ""


def suggest_name(filenames: list[str], taken: set[str]) -> str:
    """A free name from the uploaded files: the first one's stem, numbered if needed."""
    stems = [Path(n).stem for n in sorted(filenames) if not n.lower().endswith((".yaml", ".yml"))]
    base = re.sub(r"[^\w .()+-]+", "-", stems[0] if stems else "upload").strip(" .-_")[: MAX_NAME - 4] or "upload"
    if len(stems) > 1:
        base = f"{base[: MAX_NAME - 12]} and {len(stems) - 1} more"
    name, n = base, 2
    lowered = {t.lower() for t in taken}
    while name.lower() in lowered:
        name, n = f"{base} ({n})", n + 1
    return name


def read_meta(folder: Path) -> dict:
    try:
        meta = json.loads((Path(folder) / META_FILE).read_text(encoding="utf-8"))
        return meta if isinstance(meta, dict) else {}
    except (OSError, ValueError):
        return {}


def _write_meta(folder: Path, meta: dict) -> None:
    """Written beside and renamed over: a reader sees the old metadata or the new."""
    tmp = Path(folder) / f"{META_FILE}.tmp"
    try:
        tmp.write_text(json.dumps(meta, indent=1, sort_keys=True, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, Path(folder) / META_FILE)
    except OSError as exc:
        raise WriteError(disk_message(exc, Path(folder))) from exc


def list_uploaded(root: Path) -> list[NamedCorpus]:
    """The corpora under ``root``, by name (staged or half-deleted folders, starting with '.', are not)."""
    root = Path(root)
    if not root.is_dir():
        return []
    found = []
    for folder in sorted(root.iterdir(), key=lambda p: p.name.lower()):
        if not folder.is_dir() or folder.name.startswith("."):
            continue
        meta = read_meta(folder)
        found.append(
            NamedCorpus(
                name=folder.name,
                path=folder,
                origin="uploaded",
                kept=bool(meta.get("kept", True)),
                created=str(meta.get("created", "")),
                last_used=float(meta.get("last_used", 0) or 0),
            )
        )
    return found


def create(
    root: Path,
    name: str,
    files: list[tuple[str, bytes]],
    kept: bool = True,
    taken: set[str] | frozenset[str] = frozenset(),
    max_bytes: int = DEFAULT_MAX_BYTES,
    columns: ColumnMap | None = None,
) -> Upload:
    """Check the files and keep those that load as the corpus ``name`` under ``root``.

    :class:`CorpusNameError` for a name that is refused or taken (``taken`` holds the names of
    corpora that are not under ``root``: the seeds, the command line's); :class:`WriteError`
    when the disk refuses. Nothing is written when no file loads.
    """
    existing = {c.name for c in list_uploaded(root)}
    problem = name_problem(name, set(taken) | existing)
    if problem:
        raise CorpusNameError(problem)
    now = time.time()
    meta = {"created": time.strftime("%Y-%m-%d %H:%M", time.localtime(now)), "last_used": now, "kept": kept}
    return save_upload(files, root, max_bytes, columns=columns, name=name, hidden={META_FILE: meta})


def rename(root: Path, old: str, new: str, taken: set[str] | frozenset[str] = frozenset()) -> Path:
    """Rename an uploaded corpus; its cached analyses stay valid (they are keyed on content)."""
    root = Path(root)
    others = {c.name for c in list_uploaded(root) if c.name != old} | set(taken)
    problem = name_problem(new, others)
    if problem:
        raise CorpusNameError(problem)
    target = root / new
    if target.exists() and target != root / old:
        raise CorpusNameError(f"there is already a corpus named {new!r}")
    try:
        os.rename(root / old, target)
    except OSError as exc:
        raise WriteError(disk_message(exc, root / old)) from exc
    return target


def touch(folder: Path, now: float | None = None) -> None:
    """Remember that a corpus was opened (temporary corpora are removed by time since last use)."""
    meta = read_meta(folder)
    now = time.time() if now is None else now
    if meta and now - float(meta.get("last_used", 0) or 0) >= TOUCH_EVERY_SECONDS:
        # On a read-only disk the corpus is removed by its last recorded use: no worse than before.
        with contextlib.suppress(WriteError):
            _write_meta(folder, {**meta, "last_used": now})


def set_kept(folder: Path, kept: bool) -> None:
    _write_meta(folder, {**read_meta(folder), "kept": bool(kept), "last_used": time.time()})


def delete(folder: Path, cache_root: Path) -> list[Path]:
    """Remove a corpus and the cached analyses built from it (found by path or by content)."""
    folder = Path(folder)
    try:
        files_hash = content_hash(corpus_files(folder))
    except OSError:
        files_hash = ""
    removed = []
    if folder.exists():
        aside = folder.with_name(f".{folder.name}.deleted")
        try:
            os.rename(folder, aside)  # gone from the list at once, even if removal takes a while
        except OSError as exc:
            raise WriteError(disk_message(exc, folder)) from exc
        shutil.rmtree(aside, ignore_errors=True)
        removed.append(folder)
    return removed + remove_analyses(cache_root, {str(folder)}, {files_hash} - {""})


def remove_analyses(cache_root: Path, paths: set[str], hashes: set[str]) -> list[Path]:
    """Cached bundles whose build.json names one of ``paths`` as its corpus or one of ``hashes`` as its content."""
    removed: list[Path] = []
    cache_root = Path(cache_root)
    if not cache_root.is_dir():
        return removed
    for bundle in cache_root.iterdir():
        try:
            info = json.loads((bundle / BUILD_FILE).read_text(encoding="utf-8"))
            if str(info.get("corpus", "")) in paths or str(info.get("corpus_hash", "")) in hashes:
                shutil.rmtree(bundle)
                removed.append(bundle)
        except (OSError, ValueError, AttributeError):
            continue
    return removed


def cleanup(root: Path, cache_root: Path, max_age_hours: float, keep: Path | None = None) -> list[Path]:
    """Remove temporary corpora (not kept) unused for ``max_age_hours``, with their analyses; never ``keep``."""
    cutoff = time.time() - max_age_hours * 3600
    removed: list[Path] = []
    for corpus in list_uploaded(root):
        if corpus.kept or corpus.path == keep:
            continue
        last = corpus.last_used or _mtime(corpus.path)
        if last < cutoff:
            try:
                removed.extend(delete(corpus.path, cache_root))
            except WriteError:
                continue
    return removed


def _mtime(folder: Path) -> float:
    try:
        return folder.stat().st_mtime
    except OSError:
        return time.time()
