"""Metadata that people write at the top of a text file, taken out of the text.

Two shapes are common in exported or hand-made corpora:

- YAML front matter: a ``---`` line, ``key: value`` lines, a closing ``---`` (or ``...``),
  as static-site generators and note-taking tools write it;
- a plain header block: the first lines of the file are ``title: …``, ``source: …``,
  ``published: …`` and the like, followed by a blank line (or a ``---`` rule).

Left in the text, such lines were analysed as prose: the title read "title: …", the header
words made a topic, and the ``published:`` date became an event on the timeline. Here they
become the document's metadata instead, and the text handed on starts after them.

A header block is only taken when it names at least one field this module knows (title,
source, author, published, url, kind) and, when it also holds other keys, at least two:
"NATO: Congress Addresses Expansion of the Alliance" is a title, not a header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from analysis.front_matter import read_front_matter

# Spellings of each field seen in exports, normalised (lower case, spaces and hyphens as "_").
FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline", "heading"),
    "source": ("source", "outlet", "publisher", "publication", "site", "site_name", "newspaper", "media", "medium"),
    "author": ("author", "authors", "by", "byline", "writer", "written_by"),
    "published": (
        "published", "date", "pubdate", "pub_date", "published_at", "published_on", "publication_date",
        "date_published", "publish_date", "dated",
    ),
    "url": ("url", "address", "link", "source_url", "permalink", "canonical_url", "web_address"),
    "kind": ("kind", "type", "genre", "document_type", "doc_type"),
}  # fmt: skip
_FIELD_OF = {name: fld for fld, names in FIELD_NAMES.items() for name in names}
# Keys that belong to a header but carry nothing the analysis uses: kept out of the text, not read.
IGNORED_KEYS = frozenset(
    "tags keywords language lang id doc_id slug subtitle categories category section updated modified "
    "draft layout location country region words word_count".split()
)

_KEY_VALUE = re.compile(r"^\s*([A-Za-z][A-Za-z _-]{0,29}?)\s*:(?:\s+(.*?))?\s*$")
_RULE = re.compile(r"^\s*(-{3,}|\*{3,}|={3,}|_{3,})\s*$")
_FENCE_OPEN = re.compile(r"\A(?:[ \t]*\n)*---[ \t]*\n")
_FENCE_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)
MAX_HEADER_LINES = 30
MAX_VALUE_CHARS = 500


@dataclass
class Header:
    """What was read from the top of a text, and the text that follows it."""

    meta: dict[str, str] = field(default_factory=dict)
    text: str = ""
    kind: str = ""  # "front matter", "header block" or "" when the text had none
    warnings: list[str] = field(default_factory=list)


def _norm(key: str) -> str:
    return re.sub(r"[\s-]+", "_", key.strip().lower())


def _fields(pairs: dict[str, str]) -> dict[str, str]:
    """Known keys mapped to their field; the first spelling given for a field wins."""
    meta: dict[str, str] = {}
    for key, value in pairs.items():
        fld = _FIELD_OF.get(_norm(key))
        if fld and value.strip() and fld not in meta:
            meta[fld] = value.strip()
    return meta


def split_header(text: str) -> Header:
    """Metadata and the remaining text; the text unchanged when it carries no header."""
    front = _front_matter(text)
    if front is not None:
        return front
    return _header_block(text) or Header(text=text)


def _front_matter(text: str) -> Header | None:
    opening = _FENCE_OPEN.match(text)
    if not opening:
        return None
    closing = _FENCE_CLOSE.search(text, opening.end())
    if not closing or text.count("\n", opening.end(), closing.start()) > 200:
        return None
    block = text[opening.end() : closing.start()]
    pairs, issues = read_front_matter(block.encode("utf-8"))
    if pairs is None:
        if issues and _looks_like_pairs(block):  # meant as front matter, but broken: say so, keep the text
            return Header(text=text, warnings=[f"its front matter is not readable YAML ({issues[0]}); kept as text"])
        return None
    rest = text[closing.end() :].lstrip("\n")
    warnings = [f"front matter: {issue}" for issue in issues]
    return Header(meta=_fields(pairs), text=rest, kind="front matter", warnings=warnings)


def _looks_like_pairs(block: str) -> bool:
    lines = [line for line in block.splitlines() if line.strip()]
    return bool(lines) and sum(bool(_KEY_VALUE.match(line)) for line in lines) >= len(lines) / 2


def _header_block(text: str) -> Header | None:
    lines = text.split("\n")
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    pairs: dict[str, str] = {}
    keys: list[str] = []
    end = start
    while end < len(lines) and end - start < MAX_HEADER_LINES:
        match = _KEY_VALUE.match(lines[end])
        if not match:
            break
        key, value = match.group(1), (match.group(2) or "")
        if len(value) > MAX_VALUE_CHARS:
            break
        keys.append(_norm(key))
        pairs.setdefault(key, value)
        end += 1
    known = [k for k in keys if k in _FIELD_OF]
    if not known:
        return None
    others = [k for k in keys if k not in _FIELD_OF and k not in IGNORED_KEYS]
    if others and len(known) < 2:
        return None
    following = lines[end] if end < len(lines) else ""
    if following.strip() and not _RULE.match(following) and len(known) < 2:
        return None  # a lone "Date: …" line run straight into prose may be prose
    if _RULE.match(following):
        end += 1
    rest = "\n".join(lines[end:]).lstrip("\n")
    if not rest.strip():
        return None  # nothing but key: value lines: that is the document, not its header
    warnings = [f"its header line(s) {', '.join(map(repr, others))} are not metadata this tool reads; "
                "kept out of the text"] if others else []  # fmt: skip
    return Header(meta=_fields(pairs), text=rest, kind="header block", warnings=warnings)
