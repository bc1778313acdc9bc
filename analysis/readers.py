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
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise LoadError(f"has a UTF-16 byte-order mark but is not valid UTF-16 ({exc.reason})") from exc
    if b"\x00" in data[:65536]:
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
    for tag in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6"]):
        tag.insert_before("\n\n")
        tag.insert_after("\n\n")
    for tag in soup.find_all("li"):
        tag.insert_before("\n\n• ")
    for tag in soup.find_all(_BLOCK_TAGS):
        tag.insert_after("\n\n")
    body = soup.body or soup
    lines = [re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in body.get_text().split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    warnings = []
    if dropped:
        warnings.append(f"removed {dropped} script/style/embedded element(s); their content is not shown")
    if encoding not in ("utf-8", "utf-8-sig"):
        warnings.append(f"decoded as {encoding}")
    return ReadResult(text=text, meta=meta, warnings=warnings)


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


def read_pdf(data: bytes) -> ReadResult:
    """Extract the text layer of a PDF, one form feed between pages."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise LoadError("is an encrypted PDF; export it without a password first")
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise LoadError(f"is not a readable PDF ({exc})") from exc
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


def read_document(name: str, data: bytes) -> ReadResult:
    """Dispatch on the file name's suffix."""
    lower = name.lower()
    if lower.endswith((".html", ".htm")):
        return read_html(data)
    if lower.endswith(".pdf"):
        return read_pdf(data)
    return read_plain(data)


def read_table(name: str, data: bytes):
    """Read a media-monitoring style export into a DataFrame of strings."""
    import pandas as pd

    lower = name.lower()
    try:
        if lower.endswith(".parquet"):
            frame = pd.read_parquet(io.BytesIO(data))
        elif lower.endswith(".jsonl"):
            text, _ = decode_bytes(data)
            frame = pd.read_json(io.StringIO(text), lines=True, dtype=False)
        else:
            text, _ = decode_bytes(data)
            frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except LoadError:
        raise
    except Exception as exc:  # pandas and pyarrow raise many types for malformed input
        raise LoadError(f"is not a readable {lower.rsplit('.', 1)[-1]} table ({type(exc).__name__}: {exc})") from exc
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    if "text" not in frame.columns:
        found = ", ".join(frame.columns[:12]) or "none"
        raise LoadError(f"has no 'text' column (columns found: {found})")
    return frame.astype(object).where(frame.notna(), "").astype(str)
