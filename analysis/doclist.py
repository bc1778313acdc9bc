"""The Reader's list of documents, a page at a time.

A drop-down of every document works for the seeds and fails at scale: at 50,000 documents the
browser receives every label on every run of the page. The Reader lists one page of the
documents under the filters, narrowed by what their title, source or id contains, and opens the
page that holds a linked document.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

PER_PAGE = 200


@dataclass(frozen=True)
class DocumentPage:
    """One page of the documents that match: ``rows`` (documents' rows, in corpus order), which page
    of how many, and how many documents matched in all."""

    rows: pd.DataFrame
    page: int
    pages: int
    matched: int


def find_documents(documents: pd.DataFrame, text: str = "") -> pd.DataFrame:
    """Documents whose title, source or id contains ``text`` (case-insensitive, spaces as typed)."""
    text = " ".join(text.lower().split())
    if not text:
        return documents
    keep = pd.Series(False, index=documents.index)
    for column in ("title", "source", "doc_id"):
        keep |= documents[column].str.lower().str.contains(text, regex=False)
    return documents[keep]


def document_page(
    documents: pd.DataFrame, text: str = "", page: int = 1, per_page: int = PER_PAGE, holding: str = ""
) -> DocumentPage:
    """Page ``page`` (from 1, clipped to the pages there are) of the documents matching ``text``; with
    ``holding`` (a document id among the matches), the page that holds that document instead."""
    matched = find_documents(documents, text)
    pages = max(1, math.ceil(len(matched) / per_page))
    if holding:
        hits = (matched["doc_id"].to_numpy() == holding).nonzero()[0]
        if len(hits):
            page = int(hits[0]) // per_page + 1
    page = min(max(1, page), pages)
    rows = matched.iloc[(page - 1) * per_page : page * per_page]
    return DocumentPage(rows, page, pages, len(matched))
