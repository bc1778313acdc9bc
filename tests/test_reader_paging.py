"""The Reader lists a page of documents at a time on a large corpus (issue #16, item 6)."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from analysis.doclist import PER_PAGE, document_page, find_documents
from tests.conftest import open_page

N = 2 * PER_PAGE + 50


def _documents(n: int) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id": [f"d{i:04d}" for i in range(n)],
            "source": [f"Source {i % 3}" for i in range(n)],
            "title": [f"Report {i} on {'Iran' if i % 7 == 0 else 'Turkey'}" for i in range(n)],
        }
    )


def test_pages_cover_every_document_once():
    docs = _documents(N)
    seen = []
    first = document_page(docs)
    assert (first.pages, first.matched, len(first.rows)) == (3, N, PER_PAGE)
    for page in range(1, first.pages + 1):
        seen += list(document_page(docs, page=page).rows["doc_id"])
    assert seen == list(docs["doc_id"])
    assert document_page(docs, page=99).page == 3 and document_page(docs, page=0).page == 1


def test_search_narrows_and_a_linked_document_opens_its_page():
    docs = _documents(N)
    iran = find_documents(docs, " on  IRAN")
    assert list(iran["doc_id"]) == [d for i, d in enumerate(docs["doc_id"]) if i % 7 == 0]
    assert find_documents(docs, "D0005")["doc_id"].tolist() == ["d0005"]
    assert len(find_documents(docs, "source 2")) == len(docs[docs["source"] == "Source 2"])
    linked = document_page(docs, page=1, holding="d0420")
    assert linked.page == 3 and "d0420" in set(linked.rows["doc_id"])
    assert document_page(docs, page=2, holding="nope").page == 2  # an unknown id leaves the page as asked


@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("many")
    frame = pd.DataFrame(
        {
            "text": [f"Report {i}: Turkey and Iran met NATO envoys in Ankara on day {i} of talks." for i in range(N)],
            "source": [f"Wire {i % 3}" for i in range(N)],
            "title": [f"Dispatch number {i}" for i in range(N)],
        }
    )
    frame.to_csv(folder / "dispatches.csv", index=False)
    return str(folder)


def _plain(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")


def test_the_reader_pages_searches_and_follows_a_link(big_corpus):
    at = open_page("pages/1_Reader.py", {}, corpus=big_corpus)
    assert not at.exception
    listing = at.selectbox(key="reader_doc")
    assert len(listing.options) == PER_PAGE
    assert f"Documents 1–{PER_PAGE} of {N} documents under the filters (page 1 of 3)." in [
        _plain(c.value) for c in at.caption
    ]
    at.number_input(key="reader_page").set_value(3).run()
    assert not at.exception
    assert len(at.selectbox(key="reader_doc").options) == N - 2 * PER_PAGE
    at.text_input(key="reader_find").input("number 42").run()  # 42 and 420-429
    assert not at.exception
    assert at.number_input(key="reader_page").value == 1
    options = at.selectbox(key="reader_doc").options
    assert len(options) == 11 and all("Dispatch number 42" in o for o in options)
    at.text_input(key="reader_find").input("number 430").run()
    target = at.selectbox(key="reader_doc").value
    assert at.selectbox(key="reader_doc").options == ["Wire 1 — Dispatch number 430"]
    # A link to a document on the last page opens that page and that document, the search box cleared.
    linked = open_page("pages/1_Reader.py", {"doc": target}, corpus=big_corpus)
    assert not linked.exception
    assert linked.number_input(key="reader_page").value == 3
    assert linked.selectbox(key="reader_doc").value == target
    assert linked.text_input(key="reader_find").value == ""
