"""Folders of tables on disk that are whole or absent.

A bundle folder is written into a temporary sibling and renamed into place once
every table and ``build.json`` are on disk, so a reader sees the old folder, the
new one or none, never a mix; an interrupted write leaves only a hidden
``.NAME.*.partial`` folder that the next write clears away. ``build.json`` lists
every table with its file, row count and SHA-256, and :func:`read_tables` checks
them before parsing, so a table that was deleted, truncated or edited is named
instead of served.

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

from analysis.frames import release_memory

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


def _parquet_write(frame: pd.DataFrame, path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    # zstd and dictionary-encoded text: a tenth of the CSV's bytes for the same table; the same
    # frame gives the same bytes (no timestamps in Parquet's metadata).
    # One chunk per column: a frame glued from batches would otherwise write its pages at the batch
    # seams, and the same table would not give the same bytes.
    table = pa.Table.from_pandas(frame, preserve_index=False).combine_chunks()
    pq.write_table(table, path, compression="zstd", row_group_size=PARQUET_ROW_GROUP)


def _parquet_read(data: bytes) -> pd.DataFrame:
    import pyarrow.parquet as pq

    return pq.read_table(io.BytesIO(data)).to_pandas()


PARQUET_ROW_GROUP = 100_000  # rows per group: what a reader of part of a table skips over
CSV = TableFormat(".csv", _csv_write, _csv_read)
PARQUET = TableFormat(".parquet", _parquet_write, _parquet_read)
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


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


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


def write_tables(out: Path, tables: Mapping[str, pd.DataFrame], info: dict, fmt: TableFormat = CSV) -> dict:
    """Write ``tables`` and ``build.json`` (``info`` plus the table list) into ``out``, atomically.

    An existing ``out`` is replaced only if it holds nothing but a bundle's files;
    :class:`WriteError` says why otherwise, and when the disk refuses. Returns ``build.json``.
    """
    out = Path(out).absolute()
    _refuse_foreign(out)
    with staged_folder(out, replace=True) as tmp:
        full = write_tables_into(tmp, tables, info, fmt)
    return full


def write_tables_into(folder: Path, tables: Mapping[str, pd.DataFrame], info: dict, fmt: TableFormat = CSV) -> dict:
    """The tables and a ``build.json`` listing each one's file, rows and SHA-256, into a staged folder."""
    listing = {}
    for name, frame in tables.items():
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
    problems = []
    for name in names:
        entry = listing.get(name)
        if not isinstance(entry, dict) or "file" not in entry or "sha256" not in entry:
            problems.append(f"{name} is not listed in {BUILD_FILE}")
            continue
        path = Path(folder) / Path(str(entry["file"])).name
        try:
            if sha256_file(path) != entry["sha256"]:
                problems.append(f"{path.name} was truncated or altered after it was written (its SHA-256 differs)")
        except FileNotFoundError:
            problems.append(f"{path.name} is missing")
        except OSError as exc:
            problems.append(f"{path.name} cannot be read ({exc.strerror})")
    return problems


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
    foreign = sorted(
        p.name for p in out.iterdir() if not (p.name == BUILD_FILE or (p.is_file() and p.suffix in KNOWN_SUFFIXES))
    )
    if foreign:
        shown = ", ".join(foreign[:5]) + (f" and {len(foreign) - 5} more" if len(foreign) > 5 else "")
        raise WriteError(
            f"{out} holds files that are not part of a bundle ({shown}); write the bundle to a new or empty folder"
        )


def _fsync_folder(folder: Path) -> None:
    """Flush the staged files so a crash after the rename cannot leave empty tables behind it."""
    for path in folder.iterdir():
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
    them: what a reader outside pandas (DuckDB) scans. :class:`BundleError` when it is not listed."""
    folder = Path(folder)
    entry = (info if info is not None else read_info(folder))["tables"].get(name)
    if not isinstance(entry, dict) or "file" not in entry:
        raise BundleError(folder, [f"{name} is not listed in {BUILD_FILE}"])
    return [folder / Path(str(entry["file"])).name]


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
        entry = listing.get(name)
        if not isinstance(entry, dict) or not {"file", "rows", "sha256"} <= set(entry):
            problems.append(f"{name} is not listed in {BUILD_FILE}")
            continue
        path = folder / Path(str(entry["file"])).name
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            problems.append(f"{path.name} is missing")
            continue
        except OSError as exc:
            problems.append(f"{path.name} cannot be read ({exc.strerror})")
            continue
        if hashlib.sha256(data).hexdigest() != entry["sha256"]:
            problems.append(f"{path.name} was truncated or altered after it was written (its SHA-256 differs)")
            continue
        try:
            frame = format_of(path.name).read(data)
        except Exception as exc:  # parsers raise many types on damaged bytes
            problems.append(f"{path.name} cannot be parsed ({type(exc).__name__})")
            continue
        if len(frame) != int(entry["rows"]):
            problems.append(f"{path.name} has {len(frame)} rows; {BUILD_FILE} says {entry['rows']}")
            continue
        tables[name] = frame
    if problems:
        raise BundleError(folder, problems)
    return tables, info
