"""Turn one file's bytes into text plus whatever metadata the format carries.

Each reader raises :class:`LoadError` with a message an analyst can act on; the
corpus loader turns that into a :class:`Problem` and carries on with the rest.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

from analysis.problems import LoadError

DOCUMENT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf")
TABLE_SUFFIXES = (".csv", ".jsonl", ".parquet")
DEFAULT_MAX_CHARS = 50_000_000  # the loader passes its byte cap: decoded text is capped as the file is

# Elements whose content is never document text: scripts, styles, embedded objects.
_DROPPED_TAGS = ("script", "style", "noscript", "iframe", "object", "embed", "template", "svg", "canvas")
_BLOCK_TAGS = (
    "p", "div", "section", "article", "header", "footer", "aside", "main", "blockquote", "pre",
    "li", "ul", "ol", "table", "tr", "figure", "figcaption", "br", "hr",
    "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd",
)  # fmt: skip


@dataclass
class ReadResult:
    """Text of one document with the metadata its format offered."""

    text: str
    meta: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode text whose encoding nobody told us.

    Order matters: a byte-order mark is authoritative; strict UTF-8 almost never
    succeeds by accident; Windows-1252 covers most legacy Western files;
    charset-normalizer is the last resort for the rest.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
        except UnicodeDecodeError:
            data = data[3:]  # a UTF-8 mark over bytes that are not UTF-8: try the other decodings
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise LoadError(f"has a UTF-16 byte-order mark but is not valid UTF-16 ({exc.reason})") from exc
    if b"\x00" in data[:65536]:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return utf16
        raise LoadError("looks like a binary file (it contains NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
        if _looks_like_text(text):
            return text, "cp1252"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and _looks_like_text(str(best)):
        return str(best), best.encoding
    raise LoadError("could not be decoded as text (tried UTF-8, UTF-16, Windows-1252 and charset detection)")


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text saved without a byte-order mark (some Windows tools do), told from binary data.

    In UTF-16 text that is mostly Latin script every other byte is NUL, on the odd
    positions (little-endian) or the even ones (big-endian); binary data has NULs
    anywhere. The decoding must then be strict and read as text.
    """
    sample = data[:8192]
    half = len(sample) // 2
    if half < 2 or len(data) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd > 0.3 * half and even < 0.02 * half:
        encoding = "utf-16-le"
    elif even > 0.3 * half and odd < 0.02 * half:
        encoding = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    return (text, f"{encoding} without a byte-order mark") if _looks_like_text(text) else None


def _looks_like_text(text: str) -> bool:
    """Reject decodings that are mostly control characters (binary data)."""
    if not text:
        return True
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls / len(text) < 0.01


def read_plain(data: bytes) -> ReadResult:
    text, encoding = decode_bytes(data)
    if not _looks_like_text(text):
        raise LoadError("looks like a binary file (too many control characters), not text")
    warnings = [] if encoding in ("utf-8", "utf-8-sig") else [f"decoded as {encoding}"]
    return ReadResult(text=text, warnings=warnings)


def read_html(data: bytes) -> ReadResult:
    """Keep the visible text of an HTML page, block by block.

    Scripts and styles are removed, never executed or shown; the count is
    reported so an analyst knows the page carried them.
    """
    from bs4 import BeautifulSoup

    raw, encoding = decode_bytes(data)
    soup = BeautifulSoup(raw, "html.parser")
    dropped = 0
    for tag in soup.find_all(_DROPPED_TAGS):
        tag.decompose()
        dropped += 1
    meta = _html_meta(soup)
    body = soup.body or soup
    lines = [re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in _block_text(body).split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    warnings = []
    if dropped:
        warnings.append(f"removed {dropped} script/style/embedded element(s); their content is not shown")
    if encoding not in ("utf-8", "utf-8-sig"):
        warnings.append(f"decoded as {encoding}")
    return ReadResult(text=text, meta=meta, warnings=warnings)


_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))


def _block_text(root) -> str:
    """The visible text with a blank line around each block, in one pass over the tree.

    Inserting separator strings into the parsed tree (bs4's ``insert_after``) costs time
    in proportion to the tree for every insertion: 20,000 paragraphs took 8 s and
    100,000 nearly six minutes. This walk is linear and iterative, so neither many
    elements nor deep nesting can stall a reader (or the one server process).
    """
    from bs4 import CData, NavigableString

    parts: list[str] = []
    stack: list[tuple[object, bool]] = [(root, False)]
    blocks = frozenset(_BLOCK_TAGS)
    while stack:
        node, closing = stack.pop()
        if isinstance(node, NavigableString):
            if type(node) in (NavigableString, CData):  # not comments, doctypes, declarations
                parts.append(str(node))
            continue
        name = getattr(node, "name", None)
        if closing:
            if name in _HEADINGS:
                parts.append("\n\n")
            if name in blocks:
                parts.append("\n\n")
            continue
        if name in _HEADINGS:
            parts.append("\n\n")
        elif name == "li":
            parts.append("\n\n• ")
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(getattr(node, "contents", ())))
    return "".join(parts)


def _html_meta(soup) -> dict[str, str]:
    meta: dict[str, str] = {}
    if soup.title and soup.title.string:
        meta["title"] = soup.title.string.strip()
    wanted = {
        "og:title": "title",
        "og:site_name": "source",
        "author": "author",
        "article:published_time": "published",
        "date": "published",
        "pubdate": "published",
        "og:url": "url",
    }
    for tag in soup.find_all("meta"):
        key = (tag.get("property") or tag.get("name") or "").lower()
        if key in wanted and tag.get("content") and wanted[key] not in meta:
            meta[wanted[key]] = tag["content"].strip()
    return meta


def read_pdf(data: bytes, max_chars: int = DEFAULT_MAX_CHARS) -> ReadResult:
    """Extract the text layer of a PDF, one form feed between pages.

    Compressed streams can expand far past the file's size, so extraction stops
    as soon as the text passes ``max_chars``.
    """
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError, PyPdfError

    pages: list[str] = []
    total = 0
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise LoadError("is an encrypted PDF; export it without a password first")
        for page in reader.pages:
            pages.append(page.extract_text() or "")
            total += len(pages[-1])
            if total > max_chars:
                raise LoadError(_too_much_text(total, max_chars, "its text"))
    except LoadError:
        raise
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError,
            AssertionError, ZeroDivisionError, OverflowError, RecursionError) as exc:  # fmt: skip
        raise LoadError(f"is not a readable PDF ({type(exc).__name__}: {str(exc)[:200]})") from exc
    text = "\n\f\n".join(p.strip("\n") for p in pages)
    if not text.strip():
        raise LoadError("is a PDF without a text layer (scanned?); run OCR on it first")
    meta: dict[str, str] = {}
    info = reader.metadata or {}
    if info.get("/Title"):
        meta["title"] = str(info["/Title"]).strip()
    if info.get("/Author"):
        meta["author"] = str(info["/Author"]).strip()
    created = str(info.get("/CreationDate") or "")
    if m := re.match(r"D:(\d{4})(\d{2})?(\d{2})?", created):
        meta["published"] = "-".join(part for part in m.groups() if part)
        meta["date_note"] = "From the PDF's creation date, which may differ from publication."
    return ReadResult(text=text, meta=meta)


def read_document(name: str, data: bytes, max_chars: int = DEFAULT_MAX_CHARS) -> ReadResult:
    """Dispatch on the file name's suffix; refuse text past ``max_chars`` whatever the bytes were."""
    lower = name.lower()
    try:
        if lower.endswith((".html", ".htm")):
            result = read_html(data)
        elif lower.endswith(".pdf"):
            result = read_pdf(data, max_chars)
        else:
            result = _without_header(read_plain(data))
    except RecursionError as exc:
        raise LoadError("is nested too deeply to read") from exc
    if len(result.text) > max_chars:
        raise LoadError(_too_much_text(len(result.text), max_chars, "its text"))
    return result


def _without_header(result: ReadResult) -> ReadResult:
    """Front matter or a ``title: …`` header block becomes metadata, out of the analysed text."""
    from analysis.headers import split_header

    header = split_header(result.text)
    if not header.kind:
        return ReadResult(result.text, result.meta, [*result.warnings, *header.warnings])
    meta = {**result.meta, **header.meta}
    if header.meta.get("published"):
        meta["date_note"] = f"From the document's {header.kind} ({header.meta['published']})."
    return ReadResult(header.text, meta, [*result.warnings, *header.warnings])


def _too_much_text(chars: int, max_chars: int, what: str) -> str:
    return (
        f"expands to {chars / 1e6:.1f} million characters of text, over the {max_chars / 1e6:.0f} million "
        f"limit for {what} (the file-size limit applies to the decoded text too)"
    )


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
    the rest loads; decoded text past ``max_chars`` is refused, whatever the file's size."""
    lower = name.lower()
    kind = lower.rsplit(".", 1)[-1]
    try:
        if lower.endswith(".parquet"):
            table = _parquet_rows(data, max_chars)
        elif lower.endswith(".jsonl"):
            table = _jsonl_rows(decode_bytes(data)[0], max_chars)
        else:
            table = _csv_rows(decode_bytes(data)[0], max_chars)
    except LoadError:
        raise
    except Exception as exc:  # pandas and pyarrow raise many types for malformed input
        raise LoadError(f"is not a readable {kind} table ({type(exc).__name__}: {str(exc)[:200]})") from exc
    if not table.rows and table.problems and not table.columns:
        first = table.problems[0]
        raise LoadError(f"is not a readable {kind} table ({first[0]} {first[1]})")
    return table  # which column holds the text is the column mapping's to say (analysis/columns.py)


MAX_REPORTED_ROWS = 20  # past this, bad rows are counted in one problem rather than listed


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


def _jsonl_rows(text: str, max_chars: int) -> TableRead:
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
        chars += sum(len(v) for v in row.values())
        if chars > max_chars:
            raise LoadError(_too_much_text(chars, max_chars, "one table"))
        for key in row:
            if key not in seen:
                seen.add(key)
                table.columns.append(key)
        table.rows.append((number, row))
    _finish_report(table, bad, "line")
    return table


def _csv_rows(text: str, max_chars: int) -> TableRead:
    import csv

    if len(text) > max_chars:
        raise LoadError(_too_much_text(len(text), max_chars, "one table"))
    csv.field_size_limit(max(max_chars, 1))
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
        record = record + [""] * (width - len(record))
        table.rows.append((number, dict(zip(table.columns, record, strict=True))))
    _finish_report(table, bad, "line")
    return table


MAX_TABLE_ROWS = 2_000_000


def _parquet_rows(data: bytes, max_chars: int) -> TableRead:
    """Parquet compresses well: its declared uncompressed size is checked before anything is read."""
    import pyarrow.parquet as pq

    handle = pq.ParquetFile(io.BytesIO(data))
    meta = handle.metadata
    if meta.num_rows > MAX_TABLE_ROWS:
        raise LoadError(f"has {meta.num_rows:,} rows, over the {MAX_TABLE_ROWS:,} row limit")
    declared = sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups))
    if declared > 2 * max_chars:
        raise LoadError(_too_much_text(declared, max_chars, "one table") + " by its declared size")
    import pyarrow as pa
    import pyarrow.compute as pc

    table = TableRead(columns=[str(c).strip().lower() for c in handle.schema_arrow.names])
    chars, number = 0, 0
    # Small batches, measured in Arrow before any Python string is made: a dictionary-encoded
    # column declares little and still expands.
    for batch in handle.iter_batches(batch_size=64):
        for column in batch.columns:
            if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
                chars += int(pc.sum(pc.utf8_length(column)).as_py() or 0)
            elif pa.types.is_dictionary(column.type):
                chars += int(pc.sum(pc.utf8_length(column.cast(pa.large_string()))).as_py() or 0)
        if chars > max_chars:
            raise LoadError(_too_much_text(chars, max_chars, "one table"))
        for record in batch.to_pylist():
            number += 1
            table.rows.append((number, {key: _cell(value) for key, value in zip(table.columns, record.values(),
                                                                                  strict=True)}))  # fmt: skip
    return table
