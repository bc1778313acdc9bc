"""Which corpus is active, and its bundle through one cache keyed on content.

The bundle folder's name is the hash of corpus, configuration and analysis code
(:func:`analysis.bundle.cache_key`), so a second start reads CSVs from disk, a
changed corpus rebuilds, and every session shares one in-memory copy.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
from dataclasses import replace
from pathlib import Path

import streamlit as st

from analysis import corpora
from analysis.bundle import ROOT, Bundle, Config, analyse, cache_key, cached_build, folder_name, load_bundle
from analysis.columns import ColumnError, ColumnMap
from analysis.columns import add_arguments as add_column_arguments
from analysis.columns import from_arguments as columns_from_arguments
from analysis.corpus import corpus_files, load_corpus
from analysis.problems import Problem
from analysis.store import BundleError, WriteError, discard
from analysis.topics.names import NamesError, apply_names, load_names, names_file
from analysis.topics.rebuild import CORPUS, scope_problem, with_topics
from analysis.uploads import DEFAULT_MAX_AGE_HOURS, REJECTED_FILE, cleanup, rejected_problems
from dashboard.render import md_escape
from dashboard.state import parse_int

CACHE_ROOT = ROOT / "build" / "cache"
UPLOAD_ROOT = ROOT / "build" / "uploads"
DEFAULT_CORPUS = ROOT / "seeds"
CORPUS_KEY = "corpus_path"


def startup_corpus() -> Path:
    """``streamlit run app.py -- --corpus PATH`` opens the dashboard on PATH."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--corpus", default=None)
    args, _ = parser.parse_known_args(sys.argv[1:])
    return Path(args.corpus).resolve() if args.corpus else DEFAULT_CORPUS


def startup_columns() -> ColumnMap:
    """The column mapping given after ``--`` (``--source-column category``, ``--columns …``) for the
    startup corpus; an unusable one is ignored here (the build's loading report names it)."""
    parser = argparse.ArgumentParser(add_help=False)
    add_column_arguments(parser)
    args, _ = parser.parse_known_args(sys.argv[1:])
    try:
        return columns_from_arguments(args)
    except ColumnError:
        return ColumnMap()


def _columns_for(corpus: Path) -> ColumnMap | None:
    """The command line's mapping applies to the corpus it named; other corpora carry a corpus.yaml."""
    return (startup_columns() or None) if corpus == startup_corpus() else None


def max_upload_bytes() -> int:
    """Size cap per file: ``--max-mb`` after ``--`` on the command line, else 50 MB."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--max-mb", type=float, default=50.0)
    args, _ = parser.parse_known_args(sys.argv[1:])
    return int(args.max_mb * 1e6)


def upload_max_age_hours() -> float:
    """How long a temporary upload is kept unused: ``--upload-max-age-hours`` after ``--``, else
    ``FPL_UPLOAD_MAX_AGE_HOURS``, else 24 hours."""
    parser = argparse.ArgumentParser(add_help=False)
    default = os.environ.get("FPL_UPLOAD_MAX_AGE_HOURS", str(DEFAULT_MAX_AGE_HOURS))
    parser.add_argument("--upload-max-age-hours", type=float, default=None)
    args, _ = parser.parse_known_args(sys.argv[1:])
    try:
        return float(args.upload_max_age_hours if args.upload_max_age_hours is not None else default)
    except ValueError:
        return DEFAULT_MAX_AGE_HOURS


def active_corpus() -> Path:
    if CORPUS_KEY not in st.session_state:
        st.session_state[CORPUS_KEY] = str(startup_corpus())
    return Path(st.session_state[CORPUS_KEY])


def _signature(corpus: Path) -> tuple:
    """Cheap stat-based signature; the content hash is computed only when it changes."""
    paths = [corpus] if corpus.is_file() else sorted(p for p in corpus.rglob("*") if p.is_file())
    return tuple((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in paths)


@st.cache_data(show_spinner=False, max_entries=32)
def _key_for(corpus: str, signature: tuple, columns: ColumnMap | None = None) -> str:
    return cache_key(corpus_files(Path(corpus)), Config.for_corpus(Path(corpus)), columns)


@st.cache_resource(show_spinner=False, max_entries=8)
def _load(folder: str) -> Bundle:
    return load_bundle(folder)


@st.cache_resource(show_spinner="Recomputing topics…", max_entries=16)
def _load_with_k(folder: str, k: int | None, scope: str = CORPUS) -> Bundle:
    return with_topics(_load(folder), k, scope=scope)


@st.cache_resource(show_spinner="Analysing in memory…", max_entries=2)
def _in_memory(corpus: str, signature: tuple, max_bytes: int, columns: ColumnMap | None = None) -> Bundle:
    """The analysis when the cache cannot be written (full or read-only disk): kept in memory only."""
    path = Path(corpus)
    bundle = analyse(load_corpus(path, max_bytes=max_bytes, columns=columns), Config.for_corpus(path))
    bundle.info["corpus"] = corpus
    return bundle


@st.cache_resource(show_spinner=False, max_entries=1, ttl=3600)
def _cleanup_uploads() -> int:
    """Old uploads go once an hour (and at start), with the cached bundles made from them: anonymous
    ones (build/uploads, from before corpora had names) by age, named ones only if not kept
    (:mod:`analysis.corpora`)."""
    from dashboard.corpora import corpora_root

    hours = upload_max_age_hours()
    return len(cleanup(UPLOAD_ROOT, CACHE_ROOT, hours)) + len(corpora.cleanup(corpora_root(), CACHE_ROOT, hours))


def topic_names_path(bundle: Bundle) -> Path:
    return names_file(ROOT / "build", bundle.info["corpus_hash"])


def _build(corpus: Path, folder: Path, holder) -> None:
    """Build with a progress bar drawn in ``holder``, emptied once the bundle is ready."""
    with holder.status(f"Analysing {md_escape(corpus.name)}…", expanded=True):
        bar = st.progress(0.0, text="loading documents")
        cached_build(
            corpus,
            CACHE_ROOT,
            progress=lambda stage, f: bar.progress(f, text=stage),
            max_bytes=max_upload_bytes(),
            columns=_columns_for(corpus),
        )
    holder.empty()


def bundle_folder(corpus: Path, signature: tuple | None = None) -> Path:
    """Where the analysis of ``corpus`` as it is now lives in the cache (whether built yet or not)."""
    signature = _signature(corpus) if signature is None else signature
    key = _key_for(str(corpus), signature, _columns_for(corpus))
    return CACHE_ROOT / folder_name(key, max_bytes=max_upload_bytes())


def _bundle_for(corpus: Path) -> tuple[Bundle, Path | None]:
    """The cached bundle and its folder, built if absent and rebuilt if damaged; in memory only
    (folder None) if the disk refuses to keep it."""
    signature = _signature(corpus)
    columns = _columns_for(corpus)
    folder = bundle_folder(corpus, signature)
    # The progress's place is taken on every run, built or not: a run without it would shift every
    # element after it, and Streamlit would redraw the page's expanders closed (an upload's column
    # pickers or the metadata editor folding away on the first click after an analysis).
    holder = st.empty()
    try:
        if not (folder / "build.json").is_file():
            _build(corpus, folder, holder)
        try:
            return _load(str(folder)), folder
        except BundleError as exc:
            st.warning(
                f"The cached analysis of {md_escape(corpus.name)} was damaged "
                f"({md_escape('; '.join(exc.problems[:3]))}); it has been analysed again."
            )
            discard(folder)
            _build(corpus, folder, holder)
            return _load(str(folder)), folder
    except WriteError as exc:
        st.warning(f"{md_escape(str(exc))}. The analysis is kept in memory only and is redone after a restart.")
        return _in_memory(str(corpus), signature, max_upload_bytes(), columns), None


def current_bundle() -> Bundle:
    """The active corpus's bundle, building it (with progress shown) if needed.

    Whatever goes wrong with a corpus that is not the default one, the page says so
    and offers the way back to the default corpus instead of a traceback.
    """
    _cleanup_uploads()
    corpus = active_corpus()
    if not corpus.exists():
        st.error(f"Corpus {md_escape(corpus.name)} is no longer there (deleted, renamed, or a temporary upload "
                 f"unused for {upload_max_age_hours():g} hours); showing the default corpus instead.")  # fmt: skip
        corpus = startup_corpus()
        st.session_state[CORPUS_KEY] = str(corpus)
    try:
        bundle, folder = _bundle_for(corpus)
    except Exception as exc:  # noqa: BLE001 - any failure on an uploaded corpus must leave the way back
        if corpus == startup_corpus():
            raise
        st.error(
            f"The corpus {md_escape(corpus.name)} could not be analysed ({md_escape(type(exc).__name__)}: "
            f"{md_escape(str(exc)[:300])}). The default corpus is still there."
        )
        st.button("Back to the default corpus", key="back_after_error", type="primary", on_click=use_default)
        st.stop()
    k = topics_k_choice()
    scope = topics_scope_choice()
    if scope != CORPUS and (problem := scope_problem(bundle, scope)):
        _drop_scope(scope, problem)
        scope = CORPUS
    if (
        folder is not None
        and len(bundle.topics)
        and (scope != CORPUS or (k and k != bundle.info.get("topics", {}).get("k")))
    ):
        bundle = _load_with_k(str(folder), k, scope)  # the scope was checked above
    names: dict[str, str] = {}
    if len(bundle.topics):
        try:
            names = load_names(topic_names_path(bundle))
        except NamesError as exc:
            st.warning(f"{md_escape(str(exc))} Topic names are not shown, and saving one is refused so that "
                       "the stored names are not overwritten.")  # fmt: skip
    source = str(folder) if folder is not None else f"memory:{corpus}:{hash(_signature(corpus))}"
    return _named(source, str(corpus), k, scope, tuple(sorted(names.items())), bundle)


@st.cache_resource(show_spinner=False, max_entries=16)
def _named(
    source: str, corpus: str, k: int | None, scope: str, names: tuple[tuple[str, str], ...], _bundle: Bundle
) -> Bundle:
    """The bundle with the analyst's topic names and ``info["corpus"]`` the corpus opened (a renamed corpus
    reads its analysis, cached under its content, from the folder of its old name), one object per content
    and corpus; ``info["build_key"]`` names that (folder, corpus, K, names) for the filtered views cached on
    it (dashboard/views.py)."""
    topics = apply_names(_bundle.topics, dict(names)) if len(_bundle.topics) else _bundle.topics
    digest = hashlib.sha1(repr(names).encode()).hexdigest()[:12]
    key = f"{source}|corpus={corpus}|k={k}|scope={scope}|names={digest}"
    return replace(_bundle, topics=topics, info={**_bundle.info, "corpus": corpus, "build_key": key})


def topics_k_choice() -> int | None:
    """The analyst's K, from the session or the URL (``?k=8``); None means automatic."""
    if "topics_k" not in st.session_state:
        st.session_state["topics_k"] = parse_int(st.query_params.get("k", ""), 2, 40)
    return st.session_state["topics_k"]


def set_topics_k(k: int | None) -> None:
    st.session_state["topics_k"] = k
    if k:
        st.query_params["k"] = str(k)
    elif "k" in st.query_params:
        del st.query_params["k"]


def topics_scope_choice() -> str:
    """Where topics are fitted (:mod:`analysis.topics.rebuild`), from the session or the URL
    (``?topics=sources``, ``?topics=document:ID``); the whole corpus by default."""
    if "topics_scope" not in st.session_state:
        st.session_state["topics_scope"] = st.query_params.get("topics", CORPUS) or CORPUS
    return st.session_state["topics_scope"]


def _drop_scope(scope: str, problem: str) -> None:
    """Fall back to corpus-wide topics, keeping why for the Topics page to say (:func:`topics_scope_note`)."""
    set_topics_scope(CORPUS)
    st.session_state["topics_scope_note"] = (scope, f"{problem}; topics are shown across the whole corpus")


def topics_scope_note(clear: bool = False) -> tuple[str, str] | None:
    """The scope asked for (by a link, or before the corpus changed) that could not be fitted, and why;
    ``clear`` forgets it once read (the page's notes keep it while the page stays open)."""
    return st.session_state.pop("topics_scope_note", None) if clear else st.session_state.get("topics_scope_note")


def set_topics_scope(scope: str) -> None:
    st.session_state.pop("topics_scope_note", None)
    st.session_state["topics_scope"] = scope
    if scope != CORPUS:
        st.query_params["topics"] = scope
    elif "topics" in st.query_params:
        del st.query_params["topics"]


def upload_rejections() -> list[Problem]:
    """Files refused when the active corpus was uploaded (they were never written to disk)."""
    corpus = active_corpus()
    return rejected_problems(corpus) if corpus.is_dir() and (corpus / REJECTED_FILE).is_file() else []


def use_default() -> None:
    st.session_state[CORPUS_KEY] = str(startup_corpus())
    st.session_state.pop("flt_ready", None)  # the filters are read afresh for the new corpus


@st.cache_resource(show_spinner="Analysing the seed documents for the methods note…", max_entries=1)
def seed_bundle() -> Bundle:
    """The analysis of the embedded seeds, the only hand-labelled data: the briefing's methods
    note measures accuracy on it whichever corpus is open (read from the cache when built)."""
    from analysis.briefing.render import seed_analysis

    return seed_analysis(CACHE_ROOT)
