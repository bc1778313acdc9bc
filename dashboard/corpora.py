"""The corpora an analyst can switch between: the sidebar's switch, the URL, keep, rename and delete.

Every corpus the app knows is listed by name: the seeds, the corpus given on the command
line, and every upload kept under ``build/corpora`` (``FPL_CORPORA_DIR`` moves it; tests
use a temporary folder). The URL carries the name (``?corpus=Gulf+press``), so a reload or
a shared link opens the same corpus; a name the app does not know is said so and ignored,
never read as a path. What a corpus is and how it is kept is :mod:`analysis.corpora`.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import streamlit as st

from analysis import corpora
from analysis.bundle import Bundle
from analysis.columns import ColumnMap
from analysis.corpora import CorpusNameError, NamedCorpus
from analysis.metadata_edit import Edit, save_edit, write_manifest
from analysis.store import WriteError
from analysis.topics.names import names_file
from analysis.uploads import Upload
from dashboard import data
from dashboard.data import (
    CORPUS_KEY,
    DEFAULT_CORPUS,
    ROOT,
    active_corpus,
    bundle_folder,
    max_upload_bytes,
    startup_corpus,
    upload_max_age_hours,
)
from dashboard.render import md_escape

PARAM = "corpus"
FILTER_PARAMS = ("source", "theme", "actor", "from", "to", "undated")
SWITCH_KEY = "w_corpus"


def corpora_root() -> Path:
    return Path(os.environ.get("FPL_CORPORA_DIR") or ROOT / "build" / "corpora")


def available() -> list[NamedCorpus]:
    """The seeds, the command line's corpus, then the uploads, by name; a name is listed once."""
    listed = [NamedCorpus("seeds", DEFAULT_CORPUS, "default")]
    startup = startup_corpus()
    if startup != DEFAULT_CORPUS:
        listed.append(NamedCorpus(startup.stem or startup.name, startup, "command line"))
    reserved = {c.name.lower() for c in listed}
    return listed + [c for c in corpora.list_uploaded(corpora_root()) if c.name.lower() not in reserved]


def reserved_names() -> set[str]:
    """Names uploads may not take: those of corpora that are not uploads."""
    return {c.name for c in available() if not c.managed}


def current() -> NamedCorpus:
    """The active corpus as listed; a path set some other way (a test) gets its folder's name."""
    path = active_corpus()
    for corpus in available():
        if corpus.path == path:
            return corpus
    return NamedCorpus(path.stem or path.name, path, "uploaded" if path.parent == corpora_root() else "other")


def _open(path: Path) -> None:
    """Make ``path`` the active corpus; the filters are read afresh for it and leave the URL."""
    st.session_state[CORPUS_KEY] = str(path)
    st.session_state.pop("flt_ready", None)
    for key in FILTER_PARAMS:
        if key in st.query_params:
            del st.query_params[key]


def from_url() -> None:
    """On a session's first run, open the corpus the URL names (``?corpus=NAME``)."""
    slot = st.empty()  # taken on every run, so that what follows keeps its place on the page
    if CORPUS_KEY in st.session_state or PARAM not in st.query_params:
        return
    wanted = st.query_params.get(PARAM, "")
    match = next((c for c in available() if c.name == wanted), None)
    if match is None:
        slot.warning(f"There is no corpus named {md_escape(wanted)} here (it may have been deleted or renamed); "
                   "showing the default corpus.")  # fmt: skip
        del st.query_params[PARAM]
        return
    st.session_state[CORPUS_KEY] = str(match.path)


def mirror() -> None:
    """The active corpus's name in the URL; none for the corpus the app was started on."""
    corpus = current()
    if corpus.path == startup_corpus():
        if PARAM in st.query_params:
            del st.query_params[PARAM]
    elif corpus.origin != "other":
        st.query_params[PARAM] = corpus.name


def _switched() -> None:
    name = st.session_state[SWITCH_KEY]
    match = next((c for c in available() if c.name == name), None)
    if match is not None:
        _open(match.path)


def corpus_switch(container) -> None:
    """A select box of every corpus, the active one selected."""
    listed = available()
    active = current()
    names = [c.name for c in listed]
    if active.name not in names:
        names.append(active.name)
    st.session_state[SWITCH_KEY] = active.name
    labels = {c.name: _label(c) for c in listed}
    container.selectbox(
        "Corpus",
        names,
        key=SWITCH_KEY,
        on_change=_switched,
        format_func=lambda n: labels.get(n, n),
        help="The seeds, the corpus the app was started with, and every corpus uploaded here. "
        "Upload more on the Overview page.",
    )


def _label(corpus: NamedCorpus) -> str:
    if corpus.origin == "default":
        return f"{corpus.name} (default)"
    if corpus.origin == "command line":
        return f"{corpus.name} (command line)"
    return corpus.name if corpus.kept else f"{corpus.name} (temporary)"


def keep_upload(files: list[tuple[str, bytes]], name: str, kept: bool, columns: ColumnMap | None = None) -> Upload:
    """Save the files that load as the corpus ``name`` and open it. :class:`CorpusNameError` for a
    refused name, :class:`WriteError` when the disk refuses."""
    corpora.cleanup(corpora_root(), data.CACHE_ROOT, upload_max_age_hours(), keep=active_corpus())
    result = corpora.create(
        corpora_root(), name, files, kept=kept, taken=reserved_names(), max_bytes=max_upload_bytes(), columns=columns
    )
    if result.folder is not None:
        _open(result.folder)
        st.query_params[PARAM] = result.folder.name
    return result


def save_metadata(corpus: NamedCorpus, edit: Edit, bundle: Bundle) -> None:
    """Write an edit of the documents' metadata into the corpus and bring its analysis up to date,
    redoing only what depends on metadata (:mod:`analysis.metadata_edit`). The topic names given to
    this corpus follow it to its new content. :class:`WriteError` when the disk refuses."""
    old_folder = bundle_folder(corpus.path)
    if old_folder.is_dir():
        _, new_hash = save_edit(corpus.path, old_folder, data.CACHE_ROOT, edit, max_upload_bytes())
    else:  # the analysis lives in memory only (a full disk): the next run rebuilds it from the manifest
        write_manifest(corpus.path, bundle.documents, edit)
        new_hash = ""
    old_names = names_file(ROOT / "build", bundle.info["corpus_hash"])
    if new_hash and old_names.is_file():
        target = names_file(ROOT / "build", new_hash)
        if not target.exists():
            shutil.copyfile(old_names, target)


def suggested_name(filenames: list[str]) -> str:
    return corpora.suggest_name(filenames, {c.name for c in available()})


def touch_current() -> None:
    """A temporary corpus in use is not removed: its last use is noted (at most every few minutes)."""
    corpus = current()
    if corpus.managed and not corpus.kept:
        corpora.touch(corpus.path)


def manage(container) -> None:
    """Keep, rename or delete the active corpus, when it is an upload (the seeds and the command
    line's folder are the analyst's own files: the app never renames or deletes them)."""
    corpus = current()
    if not corpus.managed or not corpus.path.is_dir():
        return
    with container.expander("Keep, rename or delete this corpus"):
        if not corpus.kept:
            st.caption(f"Temporary: removed after {upload_max_age_hours():g} hours without use.")
            st.button("Keep it until I delete it", key="corpus_keep", on_click=_keep, args=(corpus.path,))
        field = f"corpus_new_name_{corpus.name}"  # one per corpus: a name typed for another is not carried over
        st.text_input("New name", value=corpus.name, key=field, max_chars=corpora.MAX_NAME)
        st.button("Rename", key="corpus_rename", on_click=_rename, args=(corpus.name, field))
        sure = st.checkbox(f"Delete {corpus.name} and its analyses", key="corpus_sure")
        st.button("Delete", key="corpus_delete", disabled=not sure, type="primary", on_click=_delete,
                  args=(corpus.path,))  # fmt: skip
        message = st.session_state.pop("corpus_message", "")
        if message:
            st.error(md_escape(message))


def _keep(path: Path) -> None:
    try:
        corpora.set_kept(path, True)
    except WriteError as exc:
        st.session_state["corpus_message"] = str(exc)


def _rename(old: str, field: str) -> None:
    new = str(st.session_state.get(field, "")).strip()
    if new == old:
        return
    try:
        target = corpora.rename(corpora_root(), old, new, taken=reserved_names())
    except (CorpusNameError, WriteError) as exc:
        st.session_state["corpus_message"] = f"Not renamed: {exc}."
        return
    st.session_state[CORPUS_KEY] = str(target)
    st.query_params[PARAM] = target.name


def _delete(path: Path) -> None:
    try:
        corpora.delete(path, data.CACHE_ROOT)
    except WriteError as exc:
        st.session_state["corpus_message"] = f"Not deleted: {exc}."
        return
    st.session_state.pop("corpus_sure", None)
    _open(startup_corpus())
