"""The search index of the open corpus, built once and shared by every session and page."""

from __future__ import annotations

import streamlit as st

from analysis.bundle import Bundle
from analysis.search import SearchIndex
from analysis.search_query import Query, parse_query


@st.cache_resource(show_spinner="Indexing the corpus for search…", max_entries=4)
def _index(key: str, _bundle: Bundle) -> SearchIndex:
    return SearchIndex(_bundle)


def search_index(bundle: Bundle) -> SearchIndex:
    """The index of ``bundle``'s passages, keyed on what decides their text and their annotations:
    the corpus, the configuration (actors, themes) and the analysis version."""
    info = bundle.info
    key = (
        "|".join(str(info.get(k, "")) for k in ("corpus_hash", "config_hash", "analysis_version", "corpus"))
        + f"|{len(bundle.passages)}"
    )
    return _index(key, bundle)


def query_of(bundle: Bundle, text: str) -> Query:
    """A typed query, its actor and theme names checked against the corpus's own."""
    return parse_query(text, bundle.mentions["actor"].unique(), bundle.passage_themes["theme"].unique())
