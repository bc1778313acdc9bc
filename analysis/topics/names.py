"""Analyst-given topic names that outlive the session.

A name is stored against the topic's *signature* (number of topics and its
five best terms), in a JSON file per corpus content hash. A rebuild of the same
corpus gives the same topics and so finds its names again; a different K gives
different topics, which keep their automatic labels.

Several sessions may rename at once: a save reads, changes and writes the file
under a lock (``filelock``), and writes a temporary file renamed over the old one,
so no name is lost to a race and no reader sees half a file. A file that exists
but cannot be read is an error (:class:`NamesError`), never "no names": saving
over it would erase every name it holds.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pandas as pd
from filelock import FileLock, Timeout

LOCK_TIMEOUT = 10.0


class NamesError(Exception):
    """The names file exists but cannot be read or written; its names are not to be overwritten."""


def signature(k: int, top_terms: str) -> str:
    return f"k{k}|" + ";".join(top_terms.split(";")[:5])


# Where the dashboard keeps the names (build/ of the checkout): the command line reads the same file.
NAMES_ROOT = Path(__file__).resolve().parents[2] / "build"


def names_file(root: Path, corpus_hash: str) -> Path:
    return Path(root) / "topic_names" / f"{corpus_hash}.json"


def load_names(path: Path) -> dict[str, str]:
    """Stored names; ``{}`` when none were ever saved. :class:`NamesError` when the file is unreadable."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        raise NamesError(f"The topic names file {path.name} cannot be read ({exc}).") from exc
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise NamesError(f"The topic names file {path.name} is damaged (not valid JSON: {exc}).") from exc
    if not isinstance(data, dict):
        raise NamesError(f"The topic names file {path.name} is damaged (not a mapping of names).")
    return {str(k): str(v) for k, v in data.items()}


def save_name(path: Path, topics: pd.DataFrame, topic_id: int, name: str) -> None:
    """Store (or, with an empty name, forget) the name of one topic, under the file's lock.

    Raises :class:`NamesError` when the stored names cannot be read, the lock cannot be
    had, or the disk refuses the write.
    """
    path = Path(path)
    row = topics.loc[topics["topic_id"] == topic_id].iloc[0]
    key = signature(len(topics), row["top_terms"])
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with FileLock(str(path) + ".lock", timeout=LOCK_TIMEOUT):
            names = load_names(path)
            if name.strip():
                names[key] = name.strip()
            else:
                names.pop(key, None)
            _write_atomically(path, json.dumps(names, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
    except Timeout as exc:
        raise NamesError("Another session is saving topic names; try again in a moment.") from exc
    except OSError as exc:
        raise NamesError(f"The topic name could not be saved ({exc.strerror or exc}).") from exc


def _write_atomically(path: Path, text: str) -> None:
    """A temporary file in the same folder, flushed, then renamed over ``path``: readers see old or new."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def apply_names(topics: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """Topics with ``label`` replaced by the analyst's name where one exists; ``auto_label`` keeps the original."""
    out = topics.copy()
    out["auto_label"] = out.get("auto_label", out["label"])
    k = len(out)
    out["label"] = [
        names.get(signature(k, terms), auto) for terms, auto in zip(out["top_terms"], out["auto_label"], strict=True)
    ]
    out["renamed"] = out["label"] != out["auto_label"]
    return out
