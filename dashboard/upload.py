"""The Overview's "Bring your own documents": upload, the column pickers for tables, the loading report.

Rendering only: what a file holds and how a table's columns are guessed is
:mod:`analysis.document_readers`, :mod:`analysis.table_readers` and :mod:`analysis.columns`; where uploads are kept is
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
from analysis.metadata_edit import changes
from analysis.numbers import count, plural
from analysis.problems import LoadError
from analysis.store import WriteError
from analysis.table_readers import TABLE_SUFFIXES, peek_table
from dashboard.corpora import current, keep_upload, save_metadata, suggested_name
from dashboard.data import max_upload_bytes, upload_max_age_hours, upload_rejections, use_default
from dashboard.exports import table_downloads
from dashboard.render import md_escape

UPLOAD_TYPES = ["txt", "md", "markdown", "html", "htm", "pdf", "csv", "jsonl", "parquet", "yaml"]
# The roles offered for a table, with the label of their picker.
PICKED = {"text": "Text", "source": "Source", "published": "Date", "title": "Title", "id": "Id"}
NO_COLUMN = "(none)"
PREVIEW_CHARS = 80
JUST_UPLOADED = "just_uploaded"  # the corpus just uploaded: its metadata editor opens
NOTICE = "upload_notice"


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
        st.session_state[JUST_UPLOADED] = result.folder.name  # the metadata editor opens on it
        st.session_state[NOTICE] = (result.folder.name, len(result.accepted), len(result.rejected))
        st.rerun()


def upload_notice() -> None:
    """Once, at the top of the page after an upload: what became of it and where to check it."""
    slot = st.empty()  # taken on every run: the page below keeps its place (and its expanders their state)
    notice = st.session_state.pop(NOTICE, None)
    if notice:
        name, accepted, rejected = notice
        refused = f", {rejected} refused (see the loading report)" if rejected else ""
        slot.success(
            f"Kept as the corpus {md_escape(name)}: {count(accepted, 'file')}{refused}. Check each document's source, "
            "title and date in the editor at the bottom of this page; the sidebar switches between corpora."
        )


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


EDIT_COLUMNS = ["doc_id", "file", "source", "title", "kind", "published"]


def metadata_editor(full: Bundle) -> None:
    """After an upload, the documents' source, title, kind and date, editable in place.

    Only uploaded corpora: the seeds and the command line's folder are the analyst's own files,
    whose ``manifest.yaml`` is edited where they are. Saving writes the corpus's manifest and
    redoes only what depends on metadata (:mod:`analysis.metadata_edit`).
    """
    corpus = current()
    if not corpus.managed or not corpus.path.is_dir():
        return
    just = st.session_state.get(JUST_UPLOADED) == corpus.name
    with st.expander(f"Edit the documents' source, title, kind and date ({md_escape(corpus.name)})", expanded=just):
        st.caption(
            "What the loader read from the files, headers and columns; change any cell and save. The edit is "
            "kept in the corpus's manifest.yaml; passages, themes and topics are kept, dated events and stance "
            "are redone for the edited documents only. An emptied cell goes back to what the file says."
        )
        table = full.documents[EDIT_COLUMNS].reset_index(drop=True)
        edited = st.data_editor(
            table,
            key=f"meta_{corpus.name}_{full.info['corpus_hash'][:12]}",  # a new table after each save
            hide_index=True,
            num_rows="fixed",
            disabled=["doc_id", "file"],
            column_config={
                "published": st.column_config.TextColumn(
                    "published", help="2024, 2024-05, 2024-05-12 or 12 May 2024: as precise as you know it"
                ),
                "file": st.column_config.TextColumn("file", help="Where the document came from (file, or table row)"),
            },
        )
        edit = changes(table, edited)
        for problem in edit.refused:
            st.warning(f"Not taken: {md_escape(problem)}.")
        label = f"Save {len(edit.changes)} edited document(s)" if edit.changes else "Save"
        if st.button(label, key="meta_save", type="primary", disabled=not edit.changes):
            try:
                with st.spinner("Saving and updating the analysis of the edited documents…"):
                    save_metadata(corpus, edit, full)
            except WriteError as exc:
                st.error(f"The edit could not be saved: {md_escape(str(exc))}.")
            else:
                st.session_state["meta_saved"] = len(edit.changes)
                st.session_state[JUST_UPLOADED] = corpus.name  # keep the editor open on its new table
                st.rerun()
        saved = st.session_state.pop("meta_saved", 0)
        if saved:
            st.success(f"Saved the metadata of {saved} document(s); the analysis is up to date.")


def loading_report(full: Bundle, rejections) -> None:
    """What was skipped or altered, by file and row; notes on READMEs and the like are counted apart."""
    problems = pd.concat(
        [full.problems, pd.DataFrame([vars(p) for p in rejections], columns=["file", "level", "message"])],
        ignore_index=True,
    )
    notes = int((problems["level"] == "note").sum())  # READMEs and the like, left out on purpose
    aside = (
        f" {count(notes, 'file')} about the corpus (README, SOURCE, LICENSE…) {plural(notes, 'was')} not read as "
        "documents."
        if notes
        else ""
    )
    if len(problems) == notes:
        st.caption(f"Loading report: all {count(len(full.documents), 'document')} loaded without problems.{aside}")
    else:
        st.warning(
            f"Loading report: {count(len(problems) - notes, 'file or row', 'files or rows')} skipped or altered. "
            f"The rest loaded.{aside}"
        )
    if len(problems):
        st.dataframe(problems, hide_index=True)
        table_downloads(problems, "loading report", "dl_problems")
