"""Which corpus is active, and its bundle through one cache keyed on content.

The bundle folder's name is the hash of corpus, configuration and analysis code
(:func:`analysis.bundle.cache_key`), so a second start reads CSVs from disk, a
changed corpus rebuilds, and every session shares one in-memory copy.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

import streamlit as st

from analysis.bundle import ROOT, Bundle, Config, cache_key, cached_build, folder_name, load_bundle
from analysis.corpus import content_hash, corpus_files
from analysis.topics.names import apply_names, load_names, names_file
from analysis.topics.rebuild import with_topics
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


def max_upload_bytes() -> int:
    """Size cap per file: ``--max-mb`` after ``--`` on the command line, else 50 MB."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--max-mb", type=float, default=50.0)
    args, _ = parser.parse_known_args(sys.argv[1:])
    return int(args.max_mb * 1e6)


def active_corpus() -> Path:
    if CORPUS_KEY not in st.session_state:
        st.session_state[CORPUS_KEY] = str(startup_corpus())
    return Path(st.session_state[CORPUS_KEY])


def _signature(corpus: Path) -> tuple:
    """Cheap stat-based signature; the content hash is computed only when it changes."""
    paths = [corpus] if corpus.is_file() else sorted(p for p in corpus.rglob("*") if p.is_file())
    return tuple((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in paths)


@st.cache_data(show_spinner=False, max_entries=32)
def _key_for(corpus: str, signature: tuple) -> str:
    return cache_key(corpus_files(Path(corpus)), Config.for_corpus(Path(corpus)))


@st.cache_resource(show_spinner=False, max_entries=8)
def _load(folder: str) -> Bundle:
    return load_bundle(folder)


@st.cache_resource(show_spinner="Recomputing topics…", max_entries=16)
def _load_with_k(folder: str, k: int) -> Bundle:
    return with_topics(_load(folder), k)


def topic_names_path(bundle: Bundle) -> Path:
    return names_file(ROOT / "build", bundle.info["corpus_hash"])


def current_bundle() -> Bundle:
    """The active corpus's bundle, building it (with progress shown) if needed."""
    corpus = active_corpus()
    if not corpus.exists():
        st.error(f"Corpus path {corpus} does not exist; showing the default corpus instead.")
        corpus = DEFAULT_CORPUS
        st.session_state[CORPUS_KEY] = str(corpus)
    folder = CACHE_ROOT / folder_name(_key_for(str(corpus), _signature(corpus)), max_bytes=max_upload_bytes())
    if not (folder / "build.json").is_file():
        holder = st.empty()  # the progress disappears once the bundle is ready
        with holder.status(f"Analysing {corpus.name}…", expanded=True):
            bar = st.progress(0.0, text="loading documents")
            cached_build(
                corpus, CACHE_ROOT, progress=lambda stage, f: bar.progress(f, text=stage), max_bytes=max_upload_bytes()
            )
        holder.empty()
    bundle = _load(str(folder))
    k = topics_k_choice()
    if k and k != bundle.info.get("topics", {}).get("k"):
        bundle = _load_with_k(str(folder), k)
    if len(bundle.topics):
        bundle = replace(bundle, topics=apply_names(bundle.topics, load_names(topic_names_path(bundle))))
    return bundle


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


def use_uploaded(files: list[tuple[str, bytes]]) -> Path:
    """Save uploaded files as a corpus folder and make it the active corpus."""
    folder = UPLOAD_ROOT / content_hash(files)[:16]
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files:
        (folder / Path(name).name).write_bytes(data)
    st.session_state[CORPUS_KEY] = str(folder)
    return folder


def use_default() -> None:
    st.session_state[CORPUS_KEY] = str(startup_corpus())


@st.cache_resource(show_spinner="Analysing the seed documents for the methods note…", max_entries=1)
def seed_bundle() -> Bundle:
    """The analysis of the embedded seeds, the only hand-labelled data: the briefing's methods
    note measures accuracy on it whichever corpus is open (read from the cache when built)."""
    from analysis.briefing.render import seed_analysis

    return seed_analysis(CACHE_ROOT)
