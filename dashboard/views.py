"""What the filters compute, computed once per filter state and shared by every session.

A rerun (a click anywhere, a page switch, another analyst on the same filters) used to filter the
bundle again and rebuild every figure, and Streamlit serves every session from one process. Here
the filtered view is kept per bundle build key and filter values, and each view carries a
:class:`Memo` for what a page derives from it (findings, aggregates, dressed figures), keyed on the
page's own parameters (a widget's value, the light or dark theme). ``analysis/`` stays free of
streamlit: this module only decides when its pure functions need to run again.

Views are kept most recently used first, within a count and a memory budget (``FPL_VIEW_CACHE_MB``,
default 512): on the seeds a view is a megabyte and dozens fit, on a corpus of thousands of
documents a few do, and the server's memory stays bounded either way.

What a memo hands out is shared between sessions: callers never modify it in place.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field, fields
from typing import TypeVar

import pandas as pd
import streamlit as st

from analysis.bundle import Bundle
from analysis.filters import Filters, apply_filters

T = TypeVar("T")
MEMO_SIZE = 96  # results kept per filter state: every page's figures and tables, with room for widget values
VIEWS = 32  # filter states kept at most (each with its memo)


def _budget_bytes() -> int:
    try:
        return int(float(os.environ.get("FPL_VIEW_CACHE_MB", "512")) * 1e6)
    except ValueError:
        return 512_000_000


def frame_bytes(value: object) -> int:
    """Memory of a table (without the text each cell points to: a lower bound, cheap to take)."""
    return int(value.memory_usage(index=True, deep=False).sum()) if isinstance(value, pd.DataFrame) else 0


class Memo:
    """A bounded map from a key to a computed result, safe under concurrent sessions.

    Two sessions asking for the same missing key at once may both compute it (the later result is
    kept); that costs one duplicate computation, never a wrong answer, and no session waits on
    another's lock while a figure is built.
    """

    def __init__(self, size: int = MEMO_SIZE) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, tuple[object, int]] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0
        self.nbytes = 0  # of the tables it holds

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                self.hits += 1
                return self._items[key][0]  # type: ignore[return-value]
            self.misses += 1
        value = compute()
        size = frame_bytes(value)
        with self._lock:
            if key in self._items:
                self.nbytes -= self._items[key][1]
            self._items[key] = (value, size)
            self._items.move_to_end(key)
            self.nbytes += size
            while len(self._items) > self.size:
                self.nbytes -= self._items.popitem(last=False)[1][1]
        return value

    def __len__(self) -> int:
        return len(self._items)


@dataclass
class FilteredView:
    """The bundle restricted by one filter state, and what pages derived from it."""

    bundle: Bundle
    memo: Memo = field(default_factory=Memo)
    nbytes: int = 0  # of the view's own tables
    pinned: bool = False  # the unfiltered view: kept whatever the budget (:meth:`ViewCache._trim`)

    @property
    def total_bytes(self) -> int:
        return self.nbytes + self.memo.nbytes


class ViewCache:
    """Filtered views by (build key, filters), least recently used dropped first when there are more
    than ``count`` or they hold more than ``budget`` bytes (the view in use is always kept)."""

    def __init__(self, count: int = VIEWS, budget: int | None = None) -> None:
        self.count = count
        self.budget = _budget_bytes() if budget is None else budget
        self._views: OrderedDict[tuple[str, str], FilteredView] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[str, str], make: Callable[[], Bundle], base: Bundle | None = None) -> FilteredView:
        """The view under ``key``, made by ``make()`` if absent. Tables the view shares with ``base`` (the
        whole bundle, which the server holds anyway: all of them when no filter is set) cost nothing."""
        with self._lock:
            if key in self._views:
                self._views.move_to_end(key)
                return self._views[key]
        bundle = make()
        nbytes = sum(
            frame_bytes(table)
            for f in fields(bundle)
            if (table := getattr(bundle, f.name)) is not (getattr(base, f.name) if base is not None else None)
        )
        view = FilteredView(bundle, nbytes=nbytes, pinned=base is not None and bundle is base)
        with self._lock:
            view = self._views.setdefault(key, view)
            self._views.move_to_end(key)
            self._trim()
        return view

    def _trim(self) -> None:
        """Drop the least recently used views past the count or the budget, but never the one in use nor
        the unfiltered one (``pinned``): every analyst comes back to it, and on a large corpus its figures
        alone can pass the budget (50k documents: 589 MB), so it would go at every filter change."""
        while True:
            loose = [key for key, v in list(self._views.items())[:-1] if not v.pinned]
            over = len(self._views) > self.count or sum(v.total_bytes for v in self._views.values()) > self.budget
            if not (over and loose):
                return
            del self._views[loose[0]]

    def clear(self) -> None:
        with self._lock:
            self._views.clear()

    def __len__(self) -> int:
        return len(self._views)


VIEW_CACHE = ViewCache()  # one per server process, like st.cache_resource


def filtered_view(bundle: Bundle, filters: Filters) -> FilteredView:
    """The view of ``bundle`` under ``filters``, shared by every session with the same build and filters.

    ``bundle.info["build_key"]`` names the bundle's content (its cache folder, the number of topics and
    the topic names, see :func:`dashboard.data.current_bundle`); ``repr(filters)`` names the filters.
    """
    return VIEW_CACHE.get(
        (bundle.info["build_key"], repr(filters)), lambda: apply_filters(bundle, filters), base=bundle
    )


@st.cache_resource(show_spinner=False, max_entries=8)
def _corpus_memo(build_key: str) -> Memo:
    return Memo()


def corpus_memo(bundle: Bundle) -> Memo:
    """What pages derive from the whole bundle whatever the filters (a topic's terms, the K curve)."""
    return _corpus_memo(bundle.info["build_key"])


def clear() -> None:
    """Forget every view and memo (tests; a server never needs it: keys change with the content)."""
    VIEW_CACHE.clear()
    _corpus_memo.clear()
