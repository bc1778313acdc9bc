"""A table is many documents: its size cap applies per row, and a build that keeps nothing fails."""

from __future__ import annotations

import csv
import io

import pandas as pd

from analysis.__main__ import main
from analysis.corpus import load_files

ARTICLE = "Iran and Turkey met in Ankara on Monday to discuss the Strait of Hormuz. " * 8


def _csv(rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=["doc_id", "source", "text"], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def test_a_table_past_the_cap_loads_every_row_within_it():
    """Before: a table over the cap was skipped whole and the build went on with nothing."""
    rows = [{"doc_id": f"a{i:03d}", "source": f"S{i % 4}", "text": f"Report {i}. {ARTICLE}"} for i in range(300)]
    data = _csv(rows)
    limit = 20_000
    assert len(data) > 8 * limit
    corpus = load_files([("news.csv", data)], max_bytes=limit)
    assert len(corpus.documents) == 300
    assert not corpus.problems


def test_a_row_past_the_cap_is_skipped_and_named_by_its_line():
    rows = [{"doc_id": f"a{i}", "source": "S", "text": f"Report {i}. {ARTICLE}"} for i in range(5)]
    rows[2]["text"] = "Iran. " * 5_000  # 30,000 characters: one document over a 20,000-character cap
    for name, data in (
        ("news.csv", _csv(rows)),
        ("news.jsonl", pd.DataFrame(rows).to_json(orient="records", lines=True).encode()),
        ("news.parquet", _parquet(rows)),
    ):
        corpus = load_files([(name, data)], max_bytes=20_000)
        assert sorted(corpus.documents["doc_id"]) == ["a0", "a1", "a3", "a4"], name
        [problem] = corpus.problems
        assert problem.level == "error" and "over the 20,000-character limit" in problem.message
        where = {"news.csv": "line 4", "news.jsonl": "line 3", "news.parquet": "row 3"}[name]
        assert problem.file == f"{name} {where}" and "skipped" in problem.message, (name, problem)


def _parquet(rows: list[dict[str, str]]) -> bytes:
    out = io.BytesIO()
    pd.DataFrame(rows).to_parquet(out)
    return out.getvalue()


def test_a_build_that_keeps_no_document_exits_non_zero_with_the_reason(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "scan.png").write_bytes(b"\x89PNG")
    (corpus / "empty.txt").write_text("  \n", encoding="utf-8")
    for target in (["--out", str(tmp_path / "out")], ["--cache", str(tmp_path / "cache")]):
        assert main(["build", "--corpus", str(corpus), *target]) == 1
        err = capsys.readouterr().err
        assert "error: no document of" in err and "scan.png: unsupported file type" in err and "empty.txt" in err
    (corpus / "ok.txt").write_text(ARTICLE, encoding="utf-8")
    assert main(["build", "--corpus", str(corpus), "--out", str(tmp_path / "out2")]) == 0
