"""Read a table export (CSV, JSONL, Parquet) row by row: one row one document, a bad row reported
by its line and the rest loaded.

A table is many documents, so caps are per row, and the whole table's decoded text is bounded
too (a compression bomb is refused, not expanded). Which column holds what is the column
mapping's to say (:mod:`analysis.columns`).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from analysis.problems import LoadError
from analysis.text_decoding import DEFAULT_MAX_CHARS, decode_bytes, too_much_text

TABLE_SUFFIXES = (".csv", ".jsonl", ".parquet")


@dataclass
class TableRead:
    """The rows of a table (lower-cased column names, text values) with the number that names
    each (data row for CSV and Parquet, line for JSONL), and the rows or lines that were refused."""

    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)  # ("line 7", "is not valid JSON …")
    columns: list[str] = field(default_factory=list)


def peek_table(name: str, data: bytes, n_rows: int = 3, max_chars: int = DEFAULT_MAX_CHARS) -> TableRead:
    """The columns of a table and its first few rows, for the app's column pickers."""
    table = read_table(name, data, max_chars)
    return TableRead(rows=table.rows[:n_rows], problems=table.problems[:3], columns=table.columns)


def read_table(name: str, data: bytes, max_chars: int = DEFAULT_MAX_CHARS) -> TableRead:
    """Read a media-monitoring style export row by row: a bad row is reported by its line and
    the rest loads. A table is many documents, so the cap is per row: a row whose text passes
    ``max_chars`` is reported and skipped. The whole table may decode to ``max_chars`` or
    :data:`MAX_EXPANSION` times its bytes, whichever is more, and never past :data:`MAX_TABLE_CHARS`:
    a file that expands further is a compression bomb, not a corpus."""
    lower = name.lower()
    kind = lower.rsplit(".", 1)[-1]
    table_chars = min(MAX_TABLE_CHARS, max(max_chars, MAX_EXPANSION * len(data)))
    try:
        if lower.endswith(".parquet"):
            table = _parquet_rows(data, max_chars, table_chars)
        elif lower.endswith(".jsonl"):
            table = _jsonl_rows(decode_bytes(data)[0], max_chars, table_chars)
        else:
            table = _csv_rows(decode_bytes(data)[0], max_chars, table_chars)
    except LoadError:
        raise
    except Exception as exc:  # pandas and pyarrow raise many types for malformed input
        raise LoadError(f"is not a readable {kind} table ({type(exc).__name__}: {str(exc)[:200]})") from exc
    if not table.rows and table.problems and not table.columns:
        first = table.problems[0]
        raise LoadError(f"is not a readable {kind} table ({first[0]} {first[1]})")
    return table  # which column holds the text is the column mapping's to say (analysis/columns.py)


MAX_REPORTED_ROWS = 20  # past this, bad rows are counted in one problem rather than listed
# All the text one table may decode to, whatever the per-document cap: past this a machine runs out of
# memory before the analysis starts (100,000 news articles are about 0.3 billion characters).
MAX_TABLE_CHARS = 2_000_000_000
# Text compresses about 3 to 5 times (zstd, gzip); a table whose text is this many times its bytes is a bomb.
MAX_EXPANSION = 20


def _row_too_long(table: TableRead, where: str, chars: int, max_chars: int, bad: list[int]) -> bool:
    """Report and say True when one row (one document) holds more text than a document may."""
    if chars <= max_chars:
        return False
    limit = f"{max_chars / 1e6:g} million" if max_chars >= 1_000_000 else f"{max_chars:,}"
    _report(table, where, f"holds {chars:,} characters of text, over the {limit}-character limit for one "
            "document (--max-mb); skipped", bad)  # fmt: skip
    return True


def _report(table: TableRead, where: str, message: str, bad: list[int]) -> None:
    bad[0] += 1
    if bad[0] <= MAX_REPORTED_ROWS:
        table.problems.append((where, message))


def _finish_report(table: TableRead, bad: list[int], unit: str) -> None:
    if bad[0] > MAX_REPORTED_ROWS:
        table.problems.append(
            ("", f"has {bad[0] - MAX_REPORTED_ROWS} more bad {unit}s (first {MAX_REPORTED_ROWS} listed)")
        )


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value != value:
        return ""
    return value if isinstance(value, str) else str(value)


def _jsonl_rows(text: str, max_chars: int, table_chars: int = MAX_TABLE_CHARS) -> TableRead:
    import json

    table = TableRead()
    seen: set[str] = set()
    bad, chars = [0], 0
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except (ValueError, RecursionError) as exc:
            reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)[:120]
            _report(table, f"line {number}", f"is not valid JSON ({reason}); skipped", bad)
            continue
        if not isinstance(record, dict):
            _report(table, f"line {number}", f"is a JSON {type(record).__name__}, not an object; skipped", bad)
            continue
        row = {str(k).strip().lower(): _cell(v) for k, v in record.items()}
        size = sum(len(v) for v in row.values())
        chars += size
        if chars > table_chars:
            raise LoadError(too_much_text(chars, table_chars, "one table"))
        if _row_too_long(table, f"line {number}", size, max_chars, bad):
            continue
        for key in row:
            if key not in seen:
                seen.add(key)
                table.columns.append(key)
        table.rows.append((number, row))
    _finish_report(table, bad, "line")
    return table


def _csv_rows(text: str, max_chars: int, table_chars: int = MAX_TABLE_CHARS) -> TableRead:
    import csv

    if len(text) > table_chars:
        raise LoadError(too_much_text(len(text), table_chars, "one table"))
    csv.field_size_limit(max(len(text), 1))  # a long cell costs its row (below), not the rest of the file
    table = TableRead()
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    bad = [0]
    try:
        header = next(reader)
    except StopIteration:
        return table
    table.columns = [h.strip().lower() for h in header]
    width = len(header)
    number = 0
    start = reader.line_num + 1
    while True:
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            _report(table, f"line {start}", f"cannot be read as CSV ({exc}); it and the rest of the file are skipped",
                    bad)  # fmt: skip
            break
        line, start = start, reader.line_num + 1
        if not record or not any(cell.strip() for cell in record):
            continue
        number += 1
        if len(record) > width:
            _report(table, f"line {line}", f"has {len(record)} fields where the header has {width}; skipped", bad)
            continue
        if _row_too_long(table, f"line {line}", sum(len(cell) for cell in record), max_chars, bad):
            continue
        record = record + [""] * (width - len(record))
        table.rows.append((number, dict(zip(table.columns, record, strict=True))))
    _finish_report(table, bad, "line")
    return table


MAX_TABLE_ROWS = 2_000_000


def _parquet_rows(data: bytes, max_chars: int, table_chars: int = MAX_TABLE_CHARS) -> TableRead:
    """Parquet compresses well: its declared uncompressed size is checked before anything is read."""
    import pyarrow.parquet as pq

    handle = pq.ParquetFile(io.BytesIO(data))
    meta = handle.metadata
    if meta.num_rows > MAX_TABLE_ROWS:
        raise LoadError(f"has {meta.num_rows:,} rows, over the {MAX_TABLE_ROWS:,} row limit")
    declared = sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups))
    if declared > 2 * table_chars:
        raise LoadError(too_much_text(declared, table_chars, "one table") + " by its declared size")
    import pyarrow as pa
    import pyarrow.compute as pc

    table = TableRead(columns=[str(c).strip().lower() for c in handle.schema_arrow.names])
    chars, number, bad = 0, 0, [0]
    # Small batches, measured in Arrow before any Python string is made: a dictionary-encoded
    # column declares little and still expands.
    for batch in handle.iter_batches(batch_size=64):
        for column in batch.columns:
            if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
                chars += int(pc.sum(pc.utf8_length(column)).as_py() or 0)
            elif pa.types.is_dictionary(column.type):
                chars += int(pc.sum(pc.utf8_length(column.cast(pa.large_string()))).as_py() or 0)
        if chars > table_chars:
            raise LoadError(too_much_text(chars, table_chars, "one table"))
        for record in batch.to_pylist():
            number += 1
            row = {key: _cell(value) for key, value in zip(table.columns, record.values(), strict=True)}
            if _row_too_long(table, f"row {number}", sum(len(v) for v in row.values()), max_chars, bad):
                continue
            table.rows.append((number, row))
    _finish_report(table, bad, "row")
    return table
