"""What the filters compute, computed once per filter state and shared by every session.

A rerun (a click anywhere, a page switch, another analyst on the same filters) used to filter the
bundle again and rebuild every figure: on the seeds about half a second of one core per run, and
Streamlit serves every session from one process. Here the filtered view is cached on the bundle's
build key and the filter values, and each view carries a :class:`Memo` for what a page derives
from it (findings, aggregates, dressed figures), keyed on the page's own parameters (a widget's
value, the light or dark theme). ``analysis/`` stays free of streamlit: this module only decides
when its pure functions need to run again.

What a memo hands out is shared between sessions: callers never modify it in place.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import TypeVar

import streamlit as st

from analysis.bundle import Bundle
from analysis.filters import Filters, apply_filters

T = TypeVar("T")
MEMO_SIZE = 96  # results kept per filter state: every page's figures and tables, with room for widget values
VIEWS = 24  # filter states kept (each with its memo)


class Memo:
    """A bounded map from a key to a computed result, safe under concurrent sessions.

    Two sessions asking for the same missing key at once may both compute it (the later result is
    kept); that costs one duplicate computation, never a wrong answer, and no session waits on
    another's lock while a figure is built.
    """

    def __init__(self, size: int = MEMO_SIZE) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, object] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                self.hits += 1
                return self._items[key]  # type: ignore[return-value]
            self.misses += 1
        value = compute()
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value

    def __len__(self) -> int:
        return len(self._items)


@dataclass
class FilteredView:
    """The bundle restricted by one filter state, and what pages derived from it."""

    bundle: Bundle
    memo: Memo = field(default_factory=Memo)


@st.cache_resource(show_spinner=False, max_entries=VIEWS)
def _filtered(build_key: str, filters_key: str, _bundle: Bundle, _filters: Filters) -> FilteredView:
    return FilteredView(apply_filters(_bundle, _filters))


@st.cache_resource(show_spinner=False, max_entries=VIEWS)
def _corpus_memo(build_key: str) -> Memo:
    return Memo()


def corpus_memo(bundle: Bundle) -> Memo:
    """What pages derive from the whole bundle whatever the filters (a topic's terms, the K curve)."""
    return _corpus_memo(bundle.info["build_key"])


def filtered_view(bundle: Bundle, filters: Filters) -> FilteredView:
    """The view of ``bundle`` under ``filters``, shared by every session with the same build and filters.

    ``bundle.info["build_key"]`` names the bundle's content (its cache folder, the number of topics and
    the topic names, see :func:`dashboard.data.current_bundle`); ``repr(filters)`` names the filters.
    """
    return _filtered(bundle.info["build_key"], repr(filters), bundle, filters)
