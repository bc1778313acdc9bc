"""The Overview's "Bring your own documents": upload, the column pickers for tables, the loading report.

Rendering only: what a file holds and how a table's columns are guessed is
:mod:`analysis.readers` and :mod:`analysis.columns`; where uploads are kept is
:mod:`dashboard.data` and :mod:`analysis.uploads`.
"""

from __future__ import annotations

import hashlib
import math

import pandas as pd
import streamlit as st

from analysis.bundle import Bundle
from analysis.columns import NONE, ROLE_HELP, ColumnMap, guess_columns
from analysis.corpora import MAX_NAME, CorpusNameError
from analysis.problems import LoadError
from analysis.readers import TABLE_SUFFIXES, peek_table
from analysis.store import WriteError
from dashboard.corpora import keep_upload, suggested_name
from dashboard.data import max_upload_bytes, upload_max_age_hours, upload_rejections, use_default
from dashboard.exports import table_downloads
from dashboard.render import md_escape

UPLOAD_TYPES = ["txt", "md", "markdown", "html", "htm", "pdf", "csv", "jsonl", "parquet", "yaml"]
# The roles offered for a table, with the label of their picker.
PICKED = {"text": "Text", "source": "Source", "published": "Date", "title": "Title", "id": "Id"}
NO_COLUMN = "(none)"
PREVIEW_CHARS = 80


def upload_section(full: Bundle) -> None:
    """Upload files (a table's columns mapped to roles), analyse them, and report what loaded."""
    rejections = upload_rejections()
    with st.expander("Bring your own documents", expanded=not full.problems.empty or bool(rejections)):
        st.markdown(
            "Upload several `.txt`, `.md`, `.html` or `.pdf` files, or a table (`.csv`, `.jsonl`, `.parquet`) "
            "with one document per row: you say which column holds the text, the source, the date, the title "
            "and the id (guessed from their names). A `manifest.yaml`, `actors.yaml` or `themes.yaml` may "
            "come along. Bad files are reported and skipped; the rest loads."
        )
        uploads = st.file_uploader(
            "Files",
            accept_multiple_files=True,
            key="uploads",
            max_upload_size=max(1, math.ceil(max_upload_bytes() / 1e6)),  # the app's cap, in Streamlit's MB
            type=UPLOAD_TYPES,
        )
        columns, ready = column_pickers(uploads or [])
        name, kept = _name_and_keep(uploads or [])
        c1, c2 = st.columns(2)
        if c1.button("Analyse the uploaded files", disabled=not uploads or not ready, type="primary"):
            _analyse([(f.name, f.getvalue()) for f in uploads], name, kept, columns)
        c2.button("Back to the default corpus", on_click=use_default)
        loading_report(full, rejections)


def _name_and_keep(uploads: list) -> tuple[str, bool]:
    """The name the upload is kept under (a free one suggested from the files) and whether it lasts."""
    if not uploads:
        return "", True
    names = [f.name for f in uploads]
    digest = hashlib.sha256("\0".join(sorted(names)).encode()).hexdigest()[:10]
    left, right = st.columns([2, 1])
    name = left.text_input(
        "Name of this corpus",
        value=suggested_name(names),
        key=f"upload_name_{digest}",
        max_chars=MAX_NAME,
        help="It is listed under this name in the sidebar's corpus switch, and the URL carries it.",
    )
    kept = right.checkbox(
        "Keep it until I delete it",
        value=True,
        key=f"upload_keep_{digest}",
        help=f"Unticked, the corpus is temporary: removed after {upload_max_age_hours():g} hours without use.",
    )
    return name.strip(), kept


def _analyse(files: list[tuple[str, bytes]], name: str, kept: bool, columns: ColumnMap | None) -> None:
    try:
        result = keep_upload(files, name, kept, columns=columns)
    except CorpusNameError as exc:
        st.error(f"Choose another name: {md_escape(str(exc))}.")
        return
    except WriteError as exc:
        st.error(f"The upload could not be saved: {md_escape(str(exc))}.")
        return
    if result.folder is None:
        st.error("None of the uploaded files can be analysed; nothing was kept:")
        st.dataframe(pd.DataFrame([vars(p) for p in result.rejected]), hide_index=True)
    else:
        st.rerun()


def column_pickers(uploads: list) -> tuple[ColumnMap | None, bool]:
    """For an uploaded table, one picker per role, the guessed column preselected, and the first rows.

    Returns the mapping (None without a table) and whether the upload can go ahead (a text column
    is chosen). The mapping applies to every table of the upload; it is kept as the corpus's
    ``corpus.yaml``, as on the command line.
    """
    tables = [f for f in uploads if f.name.lower().endswith(TABLE_SUFFIXES)]
    if not tables:
        return None, True
    first = tables[0]
    try:
        peek = peek_table(first.name, first.getvalue(), max_chars=max_upload_bytes())
    except LoadError as exc:
        st.warning(f"{md_escape(first.name)} cannot be read as a table: {md_escape(str(exc))}.")
        return None, True  # the upload reports it by name like any bad file
    if not peek.columns:
        return None, True
    guess = guess_columns(peek.columns)
    others = f" (applies to the other {len(tables) - 1} table(s) too)" if len(tables) > 1 else ""
    st.markdown(f"**Columns of {md_escape(first.name)}**{others}: which column plays which role?")
    digest = hashlib.sha256("\0".join([first.name, *peek.columns]).encode()).hexdigest()[:10]
    chosen: dict[str, str] = {}
    for cell, (role, label) in zip(st.columns(len(PICKED)), PICKED.items(), strict=True):
        options = peek.columns if role == "text" else [NO_COLUMN, *peek.columns]
        index = options.index(guess[role]) if guess[role] else (None if role == "text" else 0)
        picked = cell.selectbox(
            label, options, index=index, key=f"map_{role}_{digest}", help=f"The column holding {ROLE_HELP[role]}."
        )
        chosen[role] = NONE if picked in (None, NO_COLUMN) else str(picked)
    if peek.rows:
        preview = pd.DataFrame([row for _, row in peek.rows], columns=peek.columns)
        st.dataframe(preview.map(lambda v: v if len(v) <= PREVIEW_CHARS else v[:PREVIEW_CHARS] + "…"), hide_index=True)
    if chosen["text"] == NONE:
        st.warning("Pick the column that holds the documents' text.")
        return ColumnMap(**chosen), False
    return ColumnMap(**chosen), True


def loading_report(full: Bundle, rejections) -> None:
    """What was skipped or altered, by file and row; notes on READMEs and the like are counted apart."""
    problems = pd.concat(
        [full.problems, pd.DataFrame([vars(p) for p in rejections], columns=["file", "level", "message"])],
        ignore_index=True,
    )
    notes = int((problems["level"] == "note").sum())  # READMEs and the like, left out on purpose
    aside = (
        f" {notes:,} file(s) about the corpus (README, SOURCE, LICENSE…) were not read as documents." if notes else ""
    )
    if len(problems) == notes:
        st.caption(f"Loading report: all {len(full.documents):,} documents loaded without problems.{aside}")
    else:
        st.warning(
            f"Loading report: {len(problems) - notes:,} file(s) or rows skipped or altered. The rest loaded.{aside}"
        )
    if len(problems):
        st.dataframe(problems, hide_index=True)
        table_downloads(problems, "loading report", "dl_problems")
