"""Recognise what a paragraph is: body text, or the debris around it.

Extracted documents carry headings, bylines, footnotes, photo captions and
credits, wiki marks and reference lists. Analyses must read only body text, yet
the reader shows everything; so each paragraph gets a role instead of being
dropped. The rules are deliberately plain so an analyst can predict them.
"""

from __future__ import annotations

import re

ROLES = ("title", "heading", "body", "byline", "metadata", "footnote", "caption", "credit", "references", "navigation")

TERMINAL = ".!?…\"'”’)]"
_BULLET = re.compile(r"^\s*(?:[•▪◦●·‣∙*–-])\s+")
_WIKI_EDIT = re.compile(r"(?<=[a-z)])\s?(?:Edit|\[edit\])$")
_REFERENCE_HEADING = re.compile(
    r"^(?:bibliography|references|works cited|literature|sources|notes|endnotes|footnotes)\s*:?$", re.I
)
_NAVIGATION_HEADING = re.compile(
    r"^(?:see also|external links|further reading|related (?:topics|articles))\s*:?$", re.I
)
_METADATA = re.compile(r"^(?:key ?words?|tags|jel(?: classification)?|doi|received|accepted)\s*:", re.I)
_CREDIT_WORD = re.compile(
    r"^(?:photo(?:graph)?s?|image|picture|credit|credits|courtesy|foto|fotó|illustration|צילום|תמונה|صورة|تصوير|фото)"
    r"(?:\s+(?:by|credit))?\s*:",
    re.I,
)
_CREDIT_AGENCY = re.compile(
    r"(?:shutterstock|getty images|reuters|afp|associated press|flickr|wikimedia)(?:\.com)?\s*$", re.I
)
_CAPTION_START = re.compile(r"^(?:figure|fig\.|table|chart|map|photo|source)\s*\d*[.:]", re.I)
_CAPTION_QUOTE = re.compile(r",\s*['‘\"“].{8,}[^.!?]['’\"”]$")
_FOOTNOTE = re.compile(r"^(?:\*{1,3}\s+\S|\[\d{1,3}\]\s|[¹²³⁴⁵⁶⁷⁸⁹⁰]+\s?\S)")
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}\.[\w.]{2,63}")  # bounded: no quadratic scan of long tokens
_BYLINE = re.compile(r"^\*{0,3}(?:by\s+)?[A-ZÀ-Ý][\w.'-]*(?:\s+[A-ZÀ-Ý][\w.'-]*){0,4}\*{0,3}$")
_MD_HEADING = re.compile(r"^#{1,6}\s+")


def strip_bullet(text: str) -> tuple[str, bool]:
    """Remove a leading bullet; say whether there was one."""
    match = _BULLET.match(text)
    return (text[match.end() :], True) if match else (text, False)


def strip_wiki_edit(text: str) -> tuple[str, bool]:
    """Remove a wiki 'Edit' link glued to a heading ("HistoryEdit")."""
    if len(text) <= 120 and _WIKI_EDIT.search(text):
        return _WIKI_EDIT.sub("", text).rstrip(), True
    return text, False


def is_reference_heading(text: str) -> bool:
    return bool(_REFERENCE_HEADING.match(text.strip()))


def is_navigation_heading(text: str) -> bool:
    return bool(_NAVIGATION_HEADING.match(text.strip()))


def is_credit(text: str) -> bool:
    """A photo credit: 'Photo: X', 'צילום: X', or a line ending in an agency name."""
    text = text.strip()
    if len(text.split()) > 15:
        return False
    if _CREDIT_WORD.match(text) or _CREDIT_AGENCY.search(text) and len(text.split()) <= 8:
        return True
    # A short 'label: name' line whose label is in a non-Latin script.
    head, sep, _ = text.partition(":")
    return bool(sep) and len(head.split()) == 1 and any(ord(c) > 0x36F and c.isalpha() for c in head)


def is_caption(text: str, next_is_credit: bool) -> bool:
    """A photo caption: followed by a credit, 'Figure 2:', or ending in a pull quote."""
    words = len(text.split())
    if words > 70:
        return False
    return next_is_credit or bool(_CAPTION_START.match(text)) or bool(_CAPTION_QUOTE.search(text.strip()))


def is_footnote(text: str) -> bool:
    """Author notes and numbered notes; any short paragraph giving an e-mail address."""
    return bool(_FOOTNOTE.match(text)) or (len(text.split()) <= 80 and bool(_EMAIL.search(text)))


def is_byline(text: str) -> bool:
    """'By Jane Doe' or an author name set off with asterisks ("*Zsolt CSEPREGI**")."""
    text = text.strip()
    if len(text.split()) > 6:
        return False
    if text.lower().startswith("by ") and _BYLINE.match(text):
        return True
    shouted = any(w.isupper() and len(w) > 2 for w in text.strip("*").split())
    return "*" in text and bool(_BYLINE.match(text)) and shouted


def is_metadata(text: str) -> bool:
    return bool(_METADATA.match(text))


def is_heading(text: str, next_text: str | None) -> bool:
    """Short, unpunctuated, capitalised, and followed by text that starts anew."""
    text = text.strip()
    if _MD_HEADING.match(text):
        return True
    if not text or len(text) > 120 or len(text.split()) > 16:
        return False
    first = text[0]
    if not (first.isupper() or first.isdigit()):
        return False
    if text.endswith((".", ",", ";", "'", '"', "”", "’")) or (text.endswith(":") and not text[:-1].isupper()):
        return False
    # followed by lower case: a sentence cut by a page break, not a heading
    return next_text is None or not next_text[:1].islower()


def heading_text(text: str) -> str:
    return _MD_HEADING.sub("", text.strip()).strip()


def ends_sentence(text: str) -> bool:
    return text.rstrip().endswith(tuple(TERMINAL))
