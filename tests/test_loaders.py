"""Loading any corpus: folders of documents, tables, and every kind of bad input."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest

from analysis.corpus import load_corpus, load_files
from tests.conftest import SEED_IDS, SEEDS
from tests.pdf_fixture import make_pdf

GOOD = b"Turkey and NATO.\n\nAnkara blocked the Mediterranean Dialogue exercises after 2010."


def _messages(corpus):
    return {p.file: p.message for p in corpus.problems}


def test_seeds_load_with_manifest():
    corpus = load_corpus(SEEDS)
    assert corpus.problems == []
    docs = corpus.documents.set_index("doc_id")
    assert list(docs.index) == SEED_IDS
    assert docs.loc["002_0fbbef5e2591e9a1", "published"] == "2023"
    assert docs.loc["000_323ccbcc8a4f38d4", "published"] == "2024-08"
    assert set(docs["kind"]) == {"analysis", "op-ed", "academic paper", "encyclopedia article"}
    assert docs["date_note"].str.len().min() > 40
    for doc_id in SEED_IDS:  # the text is the file, byte for byte
        assert docs.loc[doc_id, "text"] == (SEEDS / f"{doc_id}.txt").read_text(encoding="utf-8")


def test_folder_of_mixed_formats_without_manifest(tmp_path):
    (tmp_path / "a.txt").write_bytes(GOOD)
    (tmp_path / "b.md").write_text("# Iran's proxies\n\nHezbollah and the Houthis act for Tehran.\n")
    (tmp_path / "c.html").write_text(
        "<html><head><title>Spain and NATO</title><meta property='og:site_name' content='El Diario'>"
        "<meta property='article:published_time' content='2024-05-02T10:00:00Z'></head>"
        "<body><h1>Spain and NATO</h1><p>Madrid <b>hesitated</b> over the mission.</p>"
        "<ul><li>One</li></ul></body></html>"
    )
    (tmp_path / "d.pdf").write_bytes(make_pdf([["Russia invaded Ukraine in 2022."], ["NATO responded."]], "Report"))
    corpus = load_corpus(tmp_path)
    assert corpus.problems == []
    docs = corpus.documents.set_index("doc_id")
    assert list(docs.index) == ["a", "b", "c", "d"]
    assert docs.loc["b", "title"] == "Iran's proxies"
    assert docs.loc["c", "source"] == "El Diario" and docs.loc["c", "published"] == "2024-05-02"
    assert "Madrid hesitated over the mission." in docs.loc["c", "text"]
    assert docs.loc["d", "title"] == "Report" and docs.loc["d", "published"] == "2024-03-15"
    assert "\f" in docs.loc["d", "text"] and "NATO responded." in docs.loc["d", "text"]


@pytest.mark.parametrize("suffix", ["csv", "jsonl", "parquet"])
def test_tables(tmp_path, suffix):
    frame = pd.DataFrame(
        {
            "Text": ["Iran threatens shipping.", "Turkey vetoed Israel.", ""],
            "source": ["Wire", "Paper", "Wire"],
            "published": ["2024-01-05", "March 2023", ""],
            "url": ["https://example.org/1", "", ""],
        }
    )
    path = tmp_path / f"export.{suffix}"
    if suffix == "csv":
        frame.to_csv(path, index=False)
    elif suffix == "jsonl":
        path.write_text("\n".join(json.dumps(r) for r in frame.to_dict("records")))
    else:
        frame.to_parquet(path)
    corpus = load_corpus(path)
    docs = corpus.documents
    assert list(docs["doc_id"]) == ["export-00001", "export-00002"]
    assert list(docs["source"]) == ["Wire", "Paper"]
    assert list(docs["published"]) == ["2024-01-05", "2023-03-01"]
    assert [p.file for p in corpus.problems] == [f"export.{suffix} row 3"]


def test_bad_inputs_are_named_and_the_rest_loads(tmp_path):
    files = [
        ("good.txt", GOOD),
        ("empty.txt", b"   \n"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20),
        ("notext.csv", b"title,comment\nA,B\n"),
        ("zcopy.txt", GOOD.replace(b"\n\n", b"\n\n  ")),
        ("big.txt", b"x" * 2000),
        ("image.png", b"\x89PNG"),
        ("broken.pdf", b"%PDF-1.4 this is not really a pdf"),
    ]
    corpus = load_files(files, max_bytes=1000)
    assert list(corpus.documents["doc_id"]) == ["good"]
    msgs = _messages(corpus)
    assert msgs["empty.txt"] == "is empty"
    assert "binary" in msgs["binary.txt"]
    assert "no 'text' column" in msgs["notext.csv"] and "title, comment" in msgs["notext.csv"]
    assert "duplicate" in msgs["zcopy.txt"] and "good.txt" in msgs["zcopy.txt"]
    assert "over the" in msgs["big.txt"]
    assert "unsupported file type" in msgs["image.png"]
    assert "PDF" in msgs["broken.pdf"]


def test_encodings_are_tried_before_giving_up():
    text = "Le président turc a déclaré: « coopération » — Ankara."
    files = [
        ("cp1252.txt", text.replace("—", "-").encode("cp1252")),
        ("utf16.txt", text.encode("utf-16")),
        ("bom.txt", b"\xef\xbb\xbf" + "Iran’s navy.".encode()),
    ]
    corpus = load_files(files)
    docs = corpus.documents.set_index("doc_id")
    assert docs.loc["cp1252", "text"] == text.replace("—", "-")
    assert docs.loc["utf16", "text"] == text
    assert docs.loc["bom", "text"] == "Iran’s navy."
    assert sorted(p.message for p in corpus.problems) == ["decoded as cp1252", "decoded as utf-16"]
    assert {p.level for p in corpus.problems} == {"warning"}


def test_html_scripts_are_removed_and_reported():
    page = (
        b"<html><body><p>Hamas <script>alert('x')</script>attacked.</p>"
        b"<img src=x onerror=alert(1)><style>p{}</style></body></html>"
    )
    corpus = load_files([("evil.html", page)])
    text = corpus.documents.loc[0, "text"]
    assert "alert" not in text and "Hamas attacked." in text
    assert any("removed 2" in p.message for p in corpus.problems)


def test_plain_text_markup_is_kept_as_text():
    corpus = load_files([("x.txt", b"<script>alert(1)</script> and <img src=x onerror=alert(2)> in NATO.")])
    assert corpus.documents.loc[0, "text"].startswith("<script>")


def test_order_of_files_does_not_matter():
    files = [("b.txt", b"Second text about Iran."), ("a.txt", b"First text about Turkey.")]
    one = load_files(files).documents
    two = load_files(list(reversed(files))).documents
    pd.testing.assert_frame_equal(one, two)


def test_corrupt_parquet_is_reported(tmp_path):
    corpus = load_files([("bad.parquet", b"PAR1 nonsense"), ("ok.txt", io.BytesIO(GOOD).read())])
    assert list(corpus.documents["doc_id"]) == ["ok"]
    assert "not a readable parquet table" in _messages(corpus)["bad.parquet"]
