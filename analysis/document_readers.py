"""Turn one document file's bytes (text, Markdown, HTML, PDF) into text plus whatever metadata the
format carries.

Each reader raises :class:`LoadError` with a message an analyst can act on; the corpus loader
turns that into a :class:`Problem` and carries on with the rest. Tables, many documents to a
file, are :mod:`analysis.table_readers`'.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

from analysis.problems import LoadError
from analysis.text_decoding import DEFAULT_MAX_CHARS, decode_bytes, looks_like_text, too_much_text

DOCUMENT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf")

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


def read_plain(data: bytes) -> ReadResult:
    text, encoding = decode_bytes(data)
    if not looks_like_text(text):
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
                raise LoadError(too_much_text(total, max_chars, "its text"))
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
        raise LoadError(too_much_text(len(result.text), max_chars, "its text"))
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
