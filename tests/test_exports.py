"""Table downloads: the same rows, readable by a spreadsheet."""

from __future__ import annotations

import io

import pandas as pd

from dashboard.exports import table_bytes


def test_csv_and_excel_keep_rows_and_accents():
    frame = pd.DataFrame({"source": ["Csepregi", "Op-ed"], "note": ["Türkiye — veto", "€3 billion"], "n": [1, 2]})
    csv = table_bytes(frame, "csv")
    assert csv.startswith(b"\xef\xbb\xbf")
    pd.testing.assert_frame_equal(pd.read_csv(io.BytesIO(csv), encoding="utf-8-sig"), frame)
    xlsx = pd.read_excel(io.BytesIO(table_bytes(frame, "xlsx")))
    pd.testing.assert_frame_equal(xlsx, frame)
