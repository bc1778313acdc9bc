"""Split a document into sections and paragraph-sized passages with roles.

Paragraphs are found from blank lines (and, in texts that put one paragraph on
each line, from line ends); a run of three or more blank lines or a form feed is
a page break. A body paragraph cut by a page break, with a footnote or caption
in between, is joined again so that no sentence is lost in two halves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from analysis import roles

PASSAGE_COLUMNS = ["passage_id", "doc_id", "seq", "section", "role", "marks", "text"]
MAX_PASSAGE_WORDS = 350
MAX_PASSAGE_CHARS = 10_000  # a passage past this is text without sentence ends, or one endless token
_INTERRUPTIONS = ("footnote", "caption", "credit")


@dataclass
class Block:
    """A paragraph on its way to becoming a passage."""

    text: str
    after_page_break: bool = False
    role: str = "body"
    marks: list[str] = field(default_factory=list)


def split_blocks(text: str) -> list[Block]:
    """Paragraphs from blank lines; page breaks remembered on the next block."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\f\n")
    blocks: list[Block] = []
    lines: list[str] = []
    blank_run, page_break = 0, False

    def flush() -> None:
        nonlocal page_break
        if lines:
            for i, para in enumerate(_paragraphs(lines)):
                blocks.append(Block(para, after_page_break=page_break and i == 0))
            page_break = False
        lines.clear()

    for raw in text.split("\n"):
        if raw.strip() in ("", "\f"):
            blank_run += 1
            if raw.strip() == "\f" or blank_run >= 3:
                page_break = page_break or bool(blocks or lines)
            flush()
            continue
        blank_run = 0
        lines.append(raw.rstrip())
    flush()
    return blocks


def _paragraphs(lines: list[str]) -> list[str]:
    """One paragraph per line when lines end sentences (or are bullets); else unwrap."""
    if len(lines) == 1:
        return [lines[0].strip()]
    ends = sum(roles.ends_sentence(line) or _is_bullet(line) for line in lines[:-1])
    bullets = sum(_is_bullet(line) for line in lines[1:])
    if ends >= (len(lines) - 1) / 2 or bullets:
        return [line.strip() for line in lines]
    joined = ""
    for line in lines:
        line = line.strip()
        if joined.endswith("-") and line[:1].islower():
            joined = joined[:-1] + line
        else:
            joined = f"{joined} {line}" if joined else line
    return [joined]


def _is_bullet(line: str) -> bool:
    return roles.strip_bullet(line)[1]


def assign_roles(blocks: list[Block]) -> list[Block]:
    """Give each block a role; see :mod:`analysis.roles` for the rules."""
    mode = "body"  # becomes 'references' or 'navigation' after such a heading
    seen_heading = False
    for i, block in enumerate(blocks):
        text, bullet = roles.strip_bullet(block.text)
        if bullet:
            block.marks.append("bullet")
        text, edit = roles.strip_wiki_edit(text)
        if edit:
            block.marks.append("wiki-edit-mark")
        block.text = text
        nxt = _next_text(blocks, i)
        if roles.is_reference_heading(text):
            block.role, mode = "heading", "references"
        elif roles.is_navigation_heading(text):
            block.role, mode = "navigation", "navigation"
            block.marks.append("see-also")
        elif roles.is_metadata(text):
            block.role = "metadata"
        elif roles.is_footnote(text):
            block.role = "footnote"
        elif roles.is_credit(text):
            block.role = "credit"
        elif roles.is_caption(text, next_is_credit=nxt is not None and roles.is_credit(nxt)):
            block.role = "caption"
        elif roles.is_byline(text):
            block.role = "byline"
        elif not bullet and roles.is_heading(text, nxt):
            block.text = roles.heading_text(text)
            block.role = "heading" if seen_heading or i > 0 else "title"
            seen_heading = True
            mode = "body"
        else:
            block.role = mode if mode != "body" else "body"
        if block.role == "title":
            seen_heading = True
    return blocks


def _next_text(blocks: list[Block], i: int) -> str | None:
    return blocks[i + 1].text.strip() if i + 1 < len(blocks) else None


def join_page_breaks(blocks: list[Block]) -> list[Block]:
    """Join body text split by a page break; interruptions follow the joined text."""
    pending = list(blocks)
    out: list[Block] = []
    i = 0
    while i < len(pending):
        block = pending[i]
        i += 1
        while block.role == "body" and not roles.ends_sentence(block.text):
            j, broke = i, False
            while j < len(pending) and pending[j].role in _INTERRUPTIONS:
                broke = broke or pending[j].after_page_break
                j += 1
            if j >= len(pending):
                break
            cont = pending[j]
            broke = broke or cont.after_page_break
            if cont.role != "body" or not (cont.text[:1].islower() or broke):
                break
            block.text = f"{block.text} {cont.text}"
            if "joined-across-page-break" not in block.marks:
                block.marks.append("joined-across-page-break")
            del pending[j]
        out.append(block)
    return out


_SEE_ALSO_TAIL = re.compile(r"\s(See (?:also )?[A-Z][^.]{2,200}\.)$")


def split_cross_references(blocks: list[Block]) -> list[Block]:
    """Move a trailing wiki 'See X.' sentence out of the body into its own block."""
    out: list[Block] = []
    for block in blocks:
        match = _SEE_ALSO_TAIL.search(block.text) if block.role == "body" else None
        if match:
            out.append(Block(block.text[: match.start()], block.after_page_break, "body", list(block.marks)))
            out.append(Block(match.group(1), False, "navigation", ["see-also"]))
        else:
            out.append(block)
    return out


def chunk_long(block: Block, max_words: int = MAX_PASSAGE_WORDS) -> list[Block]:
    """Cut an over-long body paragraph at sentence ends into passage-sized parts.

    Text without sentence ends (a dump on one line, a run of characters without a
    space) is cut at spaces, then by characters, so no passage can reach a size that
    stalls the rules or exceeds spaCy's document limit.
    """
    if block.role != "body" or (len(block.text.split()) <= max_words and len(block.text) <= MAX_PASSAGE_CHARS):
        return [block]
    parts, current = [], []
    for sentence in re.split(r"(?<=[.!?])\s+(?=[\"“A-Z0-9])", block.text):
        current.append(sentence)
        if sum(len(s.split()) for s in current) >= max_words * 0.6:
            parts.append(" ".join(current))
            current = []
    if current:
        parts.append(" ".join(current))
    parts = [piece for part in parts for piece in _cut_runaway(part, max_words)]
    return [Block(p, False, "body", block.marks + ["split-long-paragraph"]) for p in parts]


def _cut_runaway(text: str, max_words: int) -> list[str]:
    """A part still far over the limits after sentence splitting: cut at spaces, then by characters."""
    if len(text.split()) <= 2 * max_words and len(text) <= MAX_PASSAGE_CHARS:
        return [text]
    words = text.split()
    pieces = [" ".join(words[i : i + max_words]) for i in range(0, len(words), max_words)]
    return [p[i : i + MAX_PASSAGE_CHARS] for p in pieces for i in range(0, len(p), MAX_PASSAGE_CHARS)]


def segment(text: str) -> list[Block]:
    """The blocks of one document, roles assigned, page breaks mended."""
    blocks = join_page_breaks(assign_roles(split_blocks(text)))
    blocks = split_cross_references(blocks)
    return [part for block in blocks for part in chunk_long(block) if part.text.strip()]


def passages_frame(documents: pd.DataFrame) -> pd.DataFrame:
    """One row per passage of every document, with its section and role."""
    rows = []
    for doc_id, text in zip(documents["doc_id"], documents["text"], strict=True):
        section = ""
        for seq, block in enumerate(segment(text)):
            if block.role == "heading":
                section = block.text
            rows.append(
                {
                    "passage_id": f"{doc_id}-p{seq:04d}",
                    "doc_id": doc_id,
                    "seq": seq,
                    "section": section if block.role != "title" else "",
                    "role": block.role,
                    "marks": ";".join(block.marks),
                    "text": block.text,
                }
            )
    return pd.DataFrame(rows, columns=PASSAGE_COLUMNS)
