"""Metadata where people put it: front matter and header blocks read as metadata, out of the text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from analysis.bundle import TABLES, build_bundle
from analysis.corpus import load_corpus, load_files
from analysis.headers import split_header
from tests.conftest import SEEDS

HEADERS = Path(__file__).parent / "fixtures" / "header_corpus"
HEADER_WORDS = re.compile(r"\b(title|headline|source|outlet|published|date|address|authors?|url|kind|type|tags):",
                          re.I)  # fmt: skip


@pytest.fixture(scope="module")
def header_bundle(tmp_path_factory):
    return build_bundle(HEADERS, tmp_path_factory.mktemp("headers"))


def test_three_header_files_give_title_source_and_date(header_bundle):
    docs = header_bundle.documents.set_index("doc_id")
    assert docs.loc["ankara_veto", ["source", "title", "published", "author", "url"]].tolist() == [
        "Levant Policy Review",
        "NATO/ Israel: Ankara's veto and the Mediterranean Dialogue",
        "2024-03-14",
        "Dana Harel",
        "https://example.org/levant/ankara-veto",
    ]
    assert docs.loc["gaza_standing", ["source", "title", "published", "kind"]].tolist() == [
        "Brussels Diplomatic Letter",
        "Israel's standing in Europe after Gaza",
        "2024-01-12",
        "op-ed",
    ]
    assert docs.loc["hormuz_shipping", ["source", "title", "published", "kind", "author"]].tolist() == [
        "Gulf Security Monitor",
        "Shipping through Hormuz: what NATO can and cannot do",
        "2025-06-02",
        "analysis",
        "Omar Said; Lena Brandt",
    ]
    assert docs.loc["gaza_standing", "date_note"] == "From the document's header block (12 January 2024)."
    assert docs.loc["hormuz_shipping", "date_note"] == "From the document's front matter (2025-06-02)."
    assert header_bundle.problems.empty


def test_no_header_word_in_any_table(header_bundle):
    for name in TABLES:
        if name in ("documents", "problems"):
            continue  # the metadata columns are where the header went
        frame = getattr(header_bundle, name)
        for column in frame.columns:
            hits = [v for v in map(str, frame[column]) if HEADER_WORDS.search(v) or v.strip() == "---"]
            assert not hits, f"{name}.{column}: {hits[:3]}"
    terms = set(header_bundle.topic_terms["term"])
    assert not terms & {"title", "headline", "outlet", "published", "date", "address", "https", "example", "org"}
    first = header_bundle.passages.groupby("doc_id")["text"].first()
    assert first["ankara_veto"].startswith("Turkey blocked Israel's participation")
    assert first["gaza_standing"].startswith("Israel's standing in European capitals")
    assert first["hormuz_shipping"] == "Shipping through Hormuz"  # the Markdown heading, not the front matter


def test_no_event_is_dated_from_a_header_and_relative_dates_resolve(header_bundle):
    events = header_bundle.events
    assert sorted(zip(events["doc_id"], events["date_text"], events["date_start"], strict=True)) == [
        ("ankara_veto", "2010", "2010-01-01"),
        ("ankara_veto", "2016", "2016-01-01"),
        ("ankara_veto", "Thursday", "2024-03-14"),  # told in the past: the publication day, a Thursday
        ("gaza_standing", "May 2024", "2024-05-01"),
        ("gaza_standing", "October 7, 2023", "2023-10-07"),
        ("gaza_standing", "autumn", "2023-09-01"),
        ("hormuz_shipping", "2024", "2024-01-01"),
        ("hormuz_shipping", "December 2023", "2023-12-01"),
        ("hormuz_shipping", "last week", "2025-05-26"),
    ]
    assert events["resolved"].all()


@pytest.mark.parametrize(
    "text",
    [
        "NATO: Congress Addresses Expansion of the Alliance\n\nOn April 30, 1998, the Senate agreed.",
        "Israel: Background and U.S. Relations\n\nText.",
        "Date: the day the war began was a Saturday.\nIt was October 7.",  # one key run into prose
        "Summary: a short one\nNote: nothing\n\nBody.",  # no field this tool reads
        "---\n\nA text that opens with a rule.\n\n---\n\nAnd goes on.",  # not a mapping: no front matter
        "title: only a header\nsource: and nothing else",  # nothing after it: that is the document
    ],
)
def test_text_that_only_looks_like_a_header_is_kept(text):
    header = split_header(text)
    assert header.text == text and header.meta == {} and header.kind == ""


def test_header_block_spellings_and_unread_keys():
    header = split_header("Title: A\nOutlet: B\nPublication date: 2024\nSummary: kept out\n\nBody text.")
    assert header.meta == {"title": "A", "source": "B", "published": "2024"}
    assert header.text == "Body text."
    assert header.warnings == ["its header line(s) 'summary' are not metadata this tool reads; kept out of the text"]


def test_broken_front_matter_is_reported_and_kept_as_text():
    text = "---\ntitle: [unclosed\nsource: X\n---\nBody."
    corpus = load_files([("a.md", text.encode())])
    assert corpus.documents.loc[0, "text"] == text
    assert [p.level for p in corpus.problems] == ["warning"]
    assert "front matter is not readable YAML" in corpus.problems[0].message


def test_front_matter_refuses_aliases_like_every_yaml_file():
    text = "---\ntitle: &a Evil\nsource: *a\n---\nBody."
    corpus = load_files([("a.md", text.encode())])
    assert corpus.documents.loc[0, "source"] == "a"  # nothing read from it
    assert "aliases and anchors are not allowed" in corpus.problems[0].message


def test_the_manifest_wins_over_the_header(tmp_path):
    (tmp_path / "a.txt").write_text("title: From the header\nsource: Header Outlet\npublished: 2020\n\nBody text.")
    (tmp_path / "manifest.yaml").write_text("documents:\n  - file: a.txt\n    source: Manifest Outlet\n")
    docs = load_corpus(tmp_path).documents
    assert docs.loc[0, ["source", "title", "published"]].tolist() == ["Manifest Outlet", "From the header", "2020"]
    assert docs.loc[0, "text"] == "Body text."


def test_notes_about_a_corpus_are_skipped_with_a_note(tmp_path):
    for name in ("README.md", "SOURCE.md", "LICENSE", "licence.txt", "manifest.json", "metadata.csv", "a.txt"):
        (tmp_path / name).write_text("Text of " + name + " about Turkey.\n")
    corpus = load_corpus(tmp_path)
    assert list(corpus.documents["doc_id"]) == ["a"]
    notes = {p.file: p.level for p in corpus.problems}
    assert notes == {n: "note" for n in ("LICENSE", "README.md", "SOURCE.md", "licence.txt", "manifest.json",
                                         "metadata.csv")}  # fmt: skip
    # A file the user names on the command line is read whatever it is called.
    assert list(load_corpus(tmp_path / "README.md").documents["doc_id"]) == ["README"]


def test_seeds_are_unchanged_by_header_reading():
    docs = load_corpus(SEEDS).documents.set_index("doc_id")
    for doc_id, text in docs["text"].items():
        assert text == (SEEDS / f"{doc_id}.txt").read_text(encoding="utf-8")
