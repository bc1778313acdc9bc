"""Tables as CSV and Excel files that a spreadsheet opens as data, never as formulas.

Document text is untrusted: a cell that begins with ``=``, ``+``, ``-`` or ``@``
(or a tab or carriage return) is a formula to Excel, LibreOffice and Google
Sheets, and ``=HYPERLINK(…)`` or ``=WEBSERVICE(…)`` in a download would run on
the analyst's machine. Following OWASP's advice on CSV injection:

- CSV has no cell types, so such a text cell is prefixed with an apostrophe
  (``'=HYPERLINK(…)``), which spreadsheets show as the text itself;
- Excel has them, so every text cell is written as a string (data type ``s``,
  never ``f``), with the quote prefix set on formula-like ones so an edit keeps
  them text. The text itself is not changed.

Numbers stay numbers (a score of -0.25 is not a formula). Characters an XLSX file
cannot hold (control characters) are dropped, and cells are cut to Excel's
32,767-character limit, so a hostile document cannot make the download fail.
"""

from __future__ import annotations

import csv
import io
import math
import numbers

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
EXCEL_CELL_LIMIT = 32_767


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_START)


def neutralise(value: object) -> object:
    """A CSV cell that cannot be read as a formula: text starting with a formula character gets an apostrophe."""
    if isinstance(value, str) and is_formula_like(value):
        return "'" + value
    return value


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with a byte-order mark (so Excel reads accents right); formula-like text cells neutralised."""
    safe = frame.copy()
    for column in safe.columns:
        if not pd.api.types.is_numeric_dtype(safe[column]) and not pd.api.types.is_bool_dtype(safe[column]):
            safe[column] = safe[column].map(neutralise)
    safe.columns = [neutralise(str(c)) for c in safe.columns]
    return safe.to_csv(index=False, quoting=csv.QUOTE_NONNUMERIC).encode("utf-8-sig")


def _excel_value(value: object) -> object:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        return None if math.isnan(float(value)) or math.isinf(float(value)) else float(value)
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    return text if len(text) <= EXCEL_CELL_LIMIT else text[: EXCEL_CELL_LIMIT - 1] + "…"


def xlsx_bytes(frame: pd.DataFrame, sheet: str = "data") -> bytes:
    """An Excel workbook of the table: text cells are strings whatever they start with."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    ws = book.active
    ws.title = sheet
    rows = [[str(c) for c in frame.columns], *frame.itertuples(index=False, name=None)]
    for r, row in enumerate(rows, start=1):
        for c, raw in enumerate(row, start=1):
            value = _excel_value(raw)
            cell = ws.cell(row=r, column=c)
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"  # openpyxl makes a cell starting with '=' a formula; this one is text
                if is_formula_like(value):
                    cell.quotePrefix = True
            if r == 1:
                cell.font = Font(bold=True)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
