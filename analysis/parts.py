"""Parquet tables on disk, whole or in parts.

A table of more than ``part_rows`` rows (:data:`PART_ROWS` unless told) is written as a
folder ``NAME/`` of ``part-00000.parquet``, ``part-00001.parquet``… in the table's row
order, each at most ``part_rows`` rows and each a Parquet file written exactly as a
whole table is (same schema, zstd, dictionary-encoded text, one chunk per column, row
groups of :data:`PARQUET_ROW_GROUP`), so the same frame always gives the same bytes.
Why parts: readers outside pandas (DuckDB, Dask, Spark) scan a folder of files in
parallel and skip whole files by their statistics, a changed part can be copied alone,
and the writer converts one part at a time to Arrow instead of the whole table.

A table of at most ``part_rows`` rows stays the single file ``NAME.parquet`` it always
was: a bundle under the part size (every table of a 10,000-document corpus) keeps the
layout and bytes of earlier versions, so cached bundles stay valid, and nobody has to
descend into a folder to read a table of one part.

``build.json`` lists a partitioned table with ``file`` (the folder's name), ``rows``,
``parts`` (``file``, ``rows`` and ``sha256`` of each part) and ``sha256``: the SHA-256 of
the lines ``sha256sum`` prints for the parts (``HASH  part-00000.parquet``), so
``cd NAME && sha256sum part-*.parquet | sha256sum`` gives it, and every check that
compares the ``sha256`` of two entries keeps working.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

PART_ROWS = 250_000  # rows per part file: what a reader of part of a table reads at least
PARQUET_ROW_GROUP = 100_000  # rows per group: what a reader of part of a table skips over
PART_SUFFIX = ".parquet"


def part_name(index: int) -> str:
    return f"part-{index:05d}{PART_SUFFIX}"


def is_part_name(name: str) -> bool:
    """A name this writer gives a part (how a bundle's part folder is told from someone's own)."""
    return re.fullmatch(r"part-\d{5,}\.parquet", name) is not None


def arrow_table(frame: pd.DataFrame, schema=None):
    """``frame`` as an Arrow table with one chunk per column (a frame glued from batches would
    otherwise write its pages at the batch seams, and the same table would not give the same bytes).

    ``schema`` (the whole table's, for a part) keeps every part's column types and pandas metadata
    those of the whole: a part whose text column held only gaps would otherwise be typed null.
    """
    import pyarrow as pa

    table = pa.Table.from_pandas(frame, schema=schema, preserve_index=False)
    if schema is not None:
        table = table.replace_schema_metadata(schema.metadata)
    return table.combine_chunks()


def write_parquet(frame: pd.DataFrame, path: Path, schema=None) -> None:
    """zstd and dictionary-encoded text: a tenth of the CSV's bytes for the same table; the same
    frame gives the same bytes (no timestamps in Parquet's metadata)."""
    import pyarrow.parquet as pq

    pq.write_table(arrow_table(frame, schema), path, compression="zstd", row_group_size=PARQUET_ROW_GROUP)


def read_parquet(data: bytes) -> pd.DataFrame:
    import pyarrow.parquet as pq

    return pq.read_table(io.BytesIO(data)).to_pandas()


def write_parts(frame: pd.DataFrame, folder: Path, part_rows: int) -> list[dict]:
    """``frame`` as part files in the new folder ``folder``, in row order; each part's file, rows and
    SHA-256. Only one part is held in Arrow at a time (a slice of the frame is a view, not a copy)."""
    import pyarrow as pa

    schema = pa.Schema.from_pandas(frame, preserve_index=False)  # infers types without converting values
    folder.mkdir()
    parts = []
    for index, start in enumerate(range(0, len(frame), part_rows)):
        path = folder / part_name(index)
        piece = frame.iloc[start : start + part_rows]
        write_parquet(piece, path, schema)
        parts.append({"file": path.name, "rows": int(len(piece)), "sha256": sha256_file(path)})
        del piece
    return parts


def parts_digest(parts: Sequence[dict]) -> str:
    """The SHA-256 of a partitioned table: over ``sha256sum``'s lines for its parts, in order."""
    lines = "".join(f"{part['sha256']}  {part['file']}\n" for part in parts)
    return hashlib.sha256(lines.encode("utf-8")).hexdigest()


def read_part(data: bytes):
    """One part's bytes as an Arrow table (parts are joined in Arrow, then converted once)."""
    import pyarrow.parquet as pq

    return pq.read_table(io.BytesIO(data))


def joined(tables: list) -> pd.DataFrame:
    """The parts of a table as the one frame the single file gives (the first part's pandas
    metadata, which every part shares, sets the dtypes)."""
    import pyarrow as pa

    return pa.concat_tables(tables).to_pandas()


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
