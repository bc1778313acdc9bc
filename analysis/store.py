"""Folders of tables on disk that are whole or absent.

A bundle folder is written into a temporary sibling and renamed into place once
every table and ``build.json`` are on disk, so a reader sees the old folder, the
new one or none, never a mix; an interrupted write leaves only a hidden
``.NAME.*.partial`` folder that the next write clears away. ``build.json`` lists
every table with its file, row count and SHA-256, and :func:`read_tables` checks
them before parsing, so a table that was deleted, truncated or edited is named
instead of served. A large Parquet table is a folder of part files
(:mod:`analysis.parts`), each listed and checked on its own.

Nothing here depends on the file format: a :class:`TableFormat` says how a frame
becomes bytes and back, and the integrity check is over the bytes and the rows.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis import parts as layout
from analysis.frames import release_memory
from analysis.parts import is_part_name, parts_digest, read_parquet, read_part, sha256_file, write_parquet, write_parts

BUILD_FILE = "build.json"
STALE_SECONDS = 3600  # a temporary folder this old belongs to a write that was killed


@dataclass(frozen=True)
class TableFormat:
    """How one table is written and read back: :data:`CSV` or :data:`PARQUET`."""

    suffix: str
    write: Callable[[pd.DataFrame, Path], None]
    read: Callable[[bytes], pd.DataFrame]


def _csv_write(frame: pd.DataFrame, path: Path) -> None:
    frame.to_csv(path, index=False, lineterminator="\n")


def _csv_read(data: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False)


CSV = TableFormat(".csv", _csv_write, _csv_read)
PARQUET = TableFormat(".parquet", write_parquet, read_parquet)  # large tables in parts: analysis.parts
FORMATS = {"csv": CSV, "parquet": PARQUET}
KNOWN_SUFFIXES = (".csv", ".parquet")


def format_of(file_name: str) -> TableFormat:
    """The format a table file was written in, by its suffix (a bundle may be CSV or Parquet)."""
    return PARQUET if file_name.lower().endswith(".parquet") else CSV


class BundleError(Exception):
    """A bundle folder that is not whole; ``problems`` says what is missing, truncated or altered."""

    def __init__(self, folder: Path, problems: list[str]) -> None:
        self.folder, self.problems = Path(folder), problems
        super().__init__(f"{folder}: " + "; ".join(problems))


class WriteError(Exception):
    """Writing failed for a reason the user can act on (full disk, read-only folder, wrong folder)."""


def disk_message(exc: OSError, where: Path) -> str:
    """An OSError as a sentence: the errors a full or read-only disk gives are named plainly."""
    import errno

    reason = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is exhausted",
        errno.EROFS: "the file system is read-only",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
    }.get(exc.errno or 0, exc.strerror or str(exc))
    return f"cannot write to {where}: {reason}"


def write_tables(
    out: Path, tables: Mapping[str, pd.DataFrame], info: dict, fmt: TableFormat = CSV, part_rows: int | None = None
) -> dict:
    """Write ``tables`` and ``build.json`` (``info`` plus the table list) into ``out``, atomically.

    An existing ``out`` is replaced only if it holds nothing but a bundle's files;
    :class:`WriteError` says why otherwise, and when the disk refuses. Returns ``build.json``.
    """
    out = Path(out).absolute()
    _refuse_foreign(out)
    with staged_folder(out, replace=True) as tmp:
        full = write_tables_into(tmp, tables, info, fmt, part_rows)
    return full


def write_tables_into(
    folder: Path, tables: Mapping[str, pd.DataFrame], info: dict, fmt: TableFormat = CSV, part_rows: int | None = None
) -> dict:
    """The tables and a ``build.json`` listing each one's file, rows and SHA-256, into a staged folder.

    A Parquet table of more than ``part_rows`` rows (:data:`analysis.parts.PART_ROWS` unless told)
    is a folder of parts, each listed too; CSV, an export, stays one file per table.
    """
    part_rows = layout.PART_ROWS if part_rows is None else part_rows  # read now: tests may set it
    listing = {}
    for name, frame in tables.items():
        if fmt is PARQUET and len(frame) > part_rows:
            parts = write_parts(frame, folder / name, part_rows)
            listing[name] = {"file": name, "rows": int(len(frame)), "sha256": parts_digest(parts), "parts": parts}
        else:
            path = folder / f"{name}{fmt.suffix}"
            fmt.write(frame, path)
            listing[name] = {"file": path.name, "rows": int(len(frame)), "sha256": sha256_file(path)}
        del frame
        release_memory()  # the copy written (see analysis.bundle.StorageTables)
    full = {**{k: v for k, v in info.items() if k != "tables"}, "format": fmt.suffix.lstrip("."), "tables": listing}
    (folder / BUILD_FILE).write_text(json.dumps(full, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    _fsync_folder(folder)
    return full


def discard(folder: Path) -> None:
    """Remove a damaged bundle: renamed aside first (atomic), so nobody reads it half-deleted."""
    folder = Path(folder)
    aside = folder.with_name(f".{folder.name}.{uuid.uuid4().hex[:8]}.old")
    try:
        os.rename(folder, aside)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise WriteError(disk_message(exc, folder)) from exc
    shutil.rmtree(aside, ignore_errors=True)


def hash_problems(folder: Path, names: Sequence[str]) -> list[str]:
    """What is missing or altered in a bundle folder, by hashes alone (no parsing): a quick check."""
    try:
        listing = read_info(folder)["tables"]
    except BundleError as exc:
        return exc.problems
    problems: list[str] = []
    for name in names:
        files = _listed(Path(folder), name, listing, problems)
        for item in files:
            try:
                if sha256_file(item.path) != item.sha256:
                    problems.append(_altered(item))
            except FileNotFoundError:
                problems.append(f"{item.label} is missing")
            except OSError as exc:
                problems.append(f"{item.label} cannot be read ({exc.strerror})")
    return problems


@dataclass(frozen=True)
class Listed:
    """One file of a table as ``build.json`` lists it; ``label`` names it in messages."""

    label: str  # relative to the bundle folder: passages.parquet, passages/part-00001.parquet
    path: Path
    rows: int
    sha256: str
    part: bool


def _listed(folder: Path, name: str, listing: dict, problems: list[str]) -> list[Listed]:
    """The files of table ``name``, in row order; what is wrong with its entry or its part folder
    (an entry that does not add up, a folder gone, a file in it that is not listed) goes to ``problems``."""
    entry = listing.get(name)
    if not isinstance(entry, dict) or not {"file", "rows", "sha256"} <= set(entry):
        problems.append(f"{name} is not listed in {BUILD_FILE}")
        return []
    file = Path(str(entry["file"])).name  # a name, never a path out of the folder
    parts = entry.get("parts")
    if parts is None:
        return [Listed(file, folder / file, int(entry["rows"]), str(entry["sha256"]), False)]
    if not _parts_add_up(parts, entry):
        problems.append(f"the parts of {name} listed in {BUILD_FILE} do not add up to its rows and SHA-256")
        return []
    if not (folder / file).is_dir():
        problems.append(f"{file}/ is missing (a folder of {len(parts)} parts)")
        return []
    names = [Path(str(p["file"])).name for p in parts]
    problems.extend(
        f"{file}/{extra.name} is not listed in {BUILD_FILE}"
        for extra in sorted((folder / file).iterdir())
        if extra.name not in names
    )
    return [
        Listed(f"{file}/{n}", folder / file / n, int(p["rows"]), str(p["sha256"]), True)
        for n, p in zip(names, parts, strict=True)
    ]


def _parts_add_up(parts: object, entry: dict) -> bool:
    """Every part listed with file, rows and hash, their rows summing to the table's, their hashes to its."""
    try:
        return (
            isinstance(parts, list)
            and all(isinstance(p, dict) and {"file", "rows", "sha256"} <= set(p) for p in parts)
            and parts_digest(parts) == entry["sha256"]
            and sum(int(p["rows"]) for p in parts) == int(entry["rows"])
        )
    except (TypeError, ValueError):
        return False


def _altered(item: Listed) -> str:
    return f"{item.label} was truncated or altered after it was written (its SHA-256 differs)"


@contextmanager
def staged_folder(out: Path, replace: bool = True) -> Iterator[Path]:
    """A temporary folder beside ``out`` that becomes ``out`` when the block ends without error.

    With ``replace`` False an ``out`` that appeared meanwhile (another process built the
    same content) is kept and the staged copy dropped. OSErrors become :class:`WriteError`.
    """
    out = Path(out).absolute()
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        clear_stale(out.parent, out.name)
        tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".partial", dir=out.parent))
    except OSError as exc:
        raise WriteError(disk_message(exc, out.parent)) from exc
    try:
        yield tmp
        if out.exists() and not replace:
            shutil.rmtree(tmp, ignore_errors=True)
            return
        _swap(tmp, out)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise WriteError(disk_message(exc, out)) from exc
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _swap(tmp: Path, out: Path) -> None:
    """Rename ``tmp`` to ``out``; an old ``out`` is moved aside first and removed after.

    Between the two renames ``out`` is absent, never half old and half new.
    """
    if not out.exists():
        os.rename(tmp, out)
        return
    old = out.with_name(f".{out.name}.{uuid.uuid4().hex[:8]}.old")
    os.rename(out, old)
    try:
        os.rename(tmp, out)
    except OSError:
        os.rename(old, out)  # put the old bundle back rather than leave nothing
        raise
    shutil.rmtree(old, ignore_errors=True)


def clear_stale(parent: Path, name: str, older_than: float = STALE_SECONDS) -> None:
    """Remove what killed writes of ``name`` left behind (``.name.*.partial``, ``.name.*.old``)."""
    now = time.time()
    for leftover in [*parent.glob(f".{name}.*.partial"), *parent.glob(f".{name}.*.old")]:
        try:
            if now - leftover.stat().st_mtime > older_than or leftover.suffix == ".old":
                shutil.rmtree(leftover, ignore_errors=True)
        except OSError:
            continue


def _refuse_foreign(out: Path) -> None:
    """Replacing a folder removes it: only a bundle (or nothing) may be replaced."""
    if out.exists() and not out.is_dir():
        raise WriteError(f"{out} is a file; the bundle needs a folder")
    if not out.is_dir():
        return
    foreign = sorted(p.name for p in out.iterdir() if not _bundle_member(p))
    if foreign:
        shown = ", ".join(foreign[:5]) + (f" and {len(foreign) - 5} more" if len(foreign) > 5 else "")
        raise WriteError(
            f"{out} holds files that are not part of a bundle ({shown}); write the bundle to a new or empty folder"
        )


def _bundle_member(path: Path) -> bool:
    """``build.json``, a table file, or a folder of a table's parts (``part-00000.parquet``…) and
    nothing else: a folder of someone's own Parquet files (Dask's ``part.0.parquet``) is not replaced."""
    if path.name == BUILD_FILE or (path.is_file() and path.suffix in KNOWN_SUFFIXES):
        return True
    return path.is_dir() and all(p.is_file() and is_part_name(p.name) for p in path.iterdir())


def _fsync_folder(folder: Path) -> None:
    """Flush the staged files, part folders included, so a crash after the rename cannot leave
    empty tables behind it."""
    for path in folder.iterdir():
        if path.is_dir():
            _fsync_folder(path)  # its parts, then the folder itself (its entries)
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def read_info(folder: Path) -> dict:
    """``build.json`` of a bundle folder; :class:`BundleError` when it is absent or unreadable."""
    path = Path(folder) / BUILD_FILE
    try:
        info = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise BundleError(folder, [f"{BUILD_FILE} is missing: the bundle was never finished"]) from exc
    except (OSError, ValueError) as exc:
        raise BundleError(folder, [f"{BUILD_FILE} cannot be read ({exc})"]) from exc
    if not isinstance(info, dict) or not isinstance(info.get("tables"), dict):
        raise BundleError(folder, [f"{BUILD_FILE} lists no tables (written before bundles were checked)"])
    return info


def table_files(folder: Path, name: str, info: dict | None = None) -> list[Path]:
    """The files that hold table ``name`` in a bundle folder, in row order, as ``build.json`` lists
    them (one file, or every part of a partitioned table): what a reader outside pandas (DuckDB)
    scans. :class:`BundleError` when it is not listed or its part folder is gone; hashes are not
    checked here (:func:`hash_problems`)."""
    folder = Path(folder)
    problems: list[str] = []
    files = _listed(folder, name, (info if info is not None else read_info(folder))["tables"], problems)
    if not files:
        raise BundleError(folder, problems)
    return [item.path for item in files]


def read_tables(folder: Path, names: Sequence[str]) -> tuple[dict[str, pd.DataFrame], dict]:
    """Every table of ``names`` and ``build.json``, each checked against its listed hash and rows,
    and read in the format its file name says (:func:`format_of`).

    All problems are collected before :class:`BundleError` is raised, so the message
    names every missing or altered table at once.
    """
    folder = Path(folder)
    info = read_info(folder)
    listing = info["tables"]
    problems: list[str] = []
    tables: dict[str, pd.DataFrame] = {}
    for name in names:
        before = len(problems)
        files = _listed(folder, name, listing, problems)
        pieces = [piece for item in files if (piece := _read_listed(item, problems)) is not None]
        if len(problems) > before or not files:
            continue
        tables[name] = pieces[0] if not files[0].part else layout.joined(pieces)
        del pieces
    if problems:
        raise BundleError(folder, problems)
    return tables, info


def _read_listed(item: Listed, problems: list[str]):
    """One file checked against its hash and rows: a frame, or (a part) an Arrow table; None and a
    problem when it is missing, altered or unreadable."""
    try:
        data = item.path.read_bytes()
    except FileNotFoundError:
        problems.append(f"{item.label} is missing")
        return None
    except OSError as exc:
        problems.append(f"{item.label} cannot be read ({exc.strerror})")
        return None
    if hashlib.sha256(data).hexdigest() != item.sha256:
        problems.append(_altered(item))
        return None
    try:
        piece = read_part(data) if item.part else format_of(item.label).read(data)
    except Exception as exc:  # parsers raise many types on damaged bytes
        problems.append(f"{item.label} cannot be parsed ({type(exc).__name__})")
        return None
    if len(piece) != item.rows:
        problems.append(f"{item.label} has {len(piece)} rows; {BUILD_FILE} says {item.rows}")
        return None
    return piece
