"""Downloads of the tables a page shows, as CSV and Excel, built in memory."""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analysis.plotting.export import FORMATS, render, renderer_problem
from analysis.spreadsheets import csv_bytes, xlsx_bytes


def table_bytes(frame: pd.DataFrame, kind: str) -> bytes:
    """CSV (UTF-8 with BOM, so Excel opens accents right) or XLSX bytes of a table, safe to open:
    no cell of document text becomes a formula (:mod:`analysis.spreadsheets`)."""
    return csv_bytes(frame) if kind == "csv" else xlsx_bytes(frame)


def table_downloads(frame: pd.DataFrame, name: str, key: str) -> None:
    """Two small buttons under a table: the same rows as CSV and as Excel, written only when a button
    is clicked (an Excel file of a few hundred rows costs more than the rest of a page's run)."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "table"
    row = st.container(horizontal=True, gap="small")
    row.download_button(
        "⬇ CSV", lambda: table_bytes(frame, "csv"), f"{slug}.csv", "text/csv", key=f"{key}_csv", on_click="ignore"
    )
    row.download_button(
        "⬇ Excel",
        lambda: table_bytes(frame, "xlsx"),
        f"{slug}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{key}_xlsx",
        on_click="ignore",
    )


def image_downloads(make_figure: Callable[[], go.Figure], name: str, key: str) -> None:
    """PNG (2×) and SVG buttons under a chart. The figure is made and drawn only when a button
    is clicked, so a page with ten charts does not prepare twenty images it may never need."""
    problem = renderer_problem()
    row = st.container(horizontal=True, gap="small")
    for fmt in FORMATS:
        row.download_button(
            f"⬇ {fmt.upper()}",
            (lambda fmt=fmt: render(make_figure(), fmt)) if problem is None else b"",
            f"{name}.{fmt}",
            FORMATS[fmt],
            key=f"{key}_{fmt}",
            on_click="ignore",
            disabled=problem is not None,
            help=problem or f"The chart as {fmt.upper()}, with its title, filters, caption and sources.",
        )
