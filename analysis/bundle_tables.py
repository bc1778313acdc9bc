"""The tables of one analysed corpus, in memory (:class:`Bundle`) and on disk.

Apart from :mod:`analysis.bundle`, which runs the stages and keeps the cache: reading and writing a
bundle needs none of the analysis, so the dashboard, the exports and the checks load it without
importing the stages' code paths, and the build module stays about building.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from analysis.contract import TABLES, for_storage, from_storage
from analysis.frames import release_memory
from analysis.store import FORMATS, BundleError, read_tables, write_tables

DEFAULT_FORMAT = "parquet"  # or "csv": the same tables, one contract (docs/data.md)


@dataclass
class Bundle:
    """The tables of one analysed corpus (see docs/data.md for every column)."""

    documents: pd.DataFrame
    passages: pd.DataFrame
    sentences: pd.DataFrame
    mentions: pd.DataFrame
    passage_themes: pd.DataFrame
    problems: pd.DataFrame
    topics: pd.DataFrame
    topic_terms: pd.DataFrame
    topic_k: pd.DataFrame
    topic_map: pd.DataFrame
    stance: pd.DataFrame
    stance_evidence: pd.DataFrame
    stance_voices: pd.DataFrame
    propositions: pd.DataFrame
    proposition_evidence: pd.DataFrame
    recommendations: pd.DataFrame
    events: pd.DataFrame
    event_groups: pd.DataFrame
    undated_events: pd.DataFrame
    # Counts per source × year × theme × actor, made at build time: whole in every filtered view,
    # since queries apply the filters to it (analysis/facet_query.py).
    facets: pd.DataFrame
    info: dict = field(default_factory=dict)
    # Written with the tables but not part of the contract: document keys and the topic model,
    # what the next, incremental build reuses (analysis/incremental.py).
    internal: dict = field(default_factory=dict, repr=False)
    # The folder it was loaded from, if any: where queries can read its Parquet files
    # (analysis/facet_query.py). Not a table, never written.
    folder: Path | None = field(default=None, repr=False, compare=False)

    @cached_property
    def body(self) -> pd.DataFrame:
        """Body passages: the only text any analysis counts.

        Kept with the bundle (a filtered view is a new bundle, with its own): pages ask for it several
        times a run, and at 50,000 documents each selection took 0.2 s. Never modify what it returns.
        """
        return self.passages[self.passages["role"] == "body"]


class StorageTables(Mapping[str, pd.DataFrame]):
    """The tables as they are written: Parquet holds the contract's types (:mod:`analysis.contract`).

    Each table is converted when it is asked for, so a writer going through them holds one converted
    copy at a time: converting them all first held a second copy of every table, the largest share of
    the build's peak memory on 100,000 documents.
    """

    def __init__(self, bundle: Bundle, fmt: str) -> None:
        self._bundle, self._fmt = bundle, fmt
        self._names = [*TABLES, *bundle.internal]  # internal tables are typed already

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name in self._bundle.internal:
            return self._bundle.internal[name]
        if name not in TABLES:
            raise KeyError(name)
        frame = getattr(self._bundle, name)
        return for_storage(name, frame) if self._fmt == "parquet" else frame

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


def storage_tables(bundle: Bundle, fmt: str) -> StorageTables:
    """The tables as they are written, converted one at a time (see :class:`StorageTables`)."""
    return StorageTables(bundle, fmt)


def write_bundle(bundle: Bundle, out: Path, fmt: str = DEFAULT_FORMAT, part_rows: int | None = None) -> None:
    """Parquet (default) or CSV (UTF-8, lists joined with ';'), rows in id order: byte-identical
    across runs. A Parquet table of more than ``part_rows`` rows is a folder of parts
    (:mod:`analysis.parts`).

    Whole or absent (:mod:`analysis.store`): written beside ``out`` and renamed into
    place, with every table's rows and SHA-256 listed in ``build.json`` (also kept in
    ``bundle.info['tables']``). Raises :class:`WriteError` on a full or read-only disk.
    """
    info = {k: v for k, v in bundle.info.items() if k != "tables"}
    tables = storage_tables(bundle, fmt)
    bundle.info["tables"] = write_tables(Path(out), tables, info, FORMATS[fmt], part_rows)["tables"]


def load_bundle(folder: Path | str) -> Bundle:
    """Read a bundle written by :func:`write_bundle` (Parquet or CSV), each table checked against
    ``build.json``; :class:`BundleError` names every table that is missing, truncated or altered."""
    raw, info = read_tables(Path(folder), TABLES)
    tables = {}
    for name in TABLES:
        try:
            tables[name] = from_storage(name, raw[name])
        except (KeyError, ValueError, TypeError) as exc:
            raise BundleError(Path(folder), [f"{name} does not have the columns this version reads ({exc})"]) from exc
    release_memory()  # the file bytes and Arrow tables the frames were read from
    return Bundle(**tables, info=info, folder=Path(folder).absolute())


def bundle_problems(folder: Path | str) -> list[str]:
    """What is wrong with a bundle folder (empty when it is whole); reads and checks every table."""
    try:
        load_bundle(folder)
    except BundleError as exc:
        return exc.problems
    return []
