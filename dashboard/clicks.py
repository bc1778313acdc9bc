"""Click to read, click to filter: what selecting a cell, bar or bubble of a chart does.

A chart drawn with ``select=True`` (:meth:`dashboard.layout.Page.chart`) reports the points
the analyst clicks. A page turns a *new* click into its own choices (the actor and source of
the evidence panel, the event, the topic, the theme × source cell), which are in the URL
(:mod:`dashboard.viewstate`), so a clicked view can be bookmarked. A chip under the result
says what was picked, offers to filter every page to it, and clears it; clearing also
clears the chart's selection (the chart is drawn afresh under a new key).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import streamlit as st

from dashboard.render import md_escape


def chart_key(key: str) -> str:
    """The widget key of a selectable chart: ``key`` until its selection is cleared, then a new one."""
    generation = st.session_state.get(f"click_gen_{key}", 0)
    return key if not generation else f"{key}_{generation}"


def points(event: Any) -> list[dict]:
    """The points of a chart's selection state (a dict-like ``PlotlyState``, or None)."""
    if not event:
        return []
    selection = event.get("selection") if hasattr(event, "get") else None
    return list((selection or {}).get("points") or [])


def new_points(event: Any, key: str) -> list[dict]:
    """The clicked points when the selection is new since the last run, else none: a selection stays
    in the chart's state across reruns, and must not undo a choice made since in a widget."""
    picked = points(event)
    signature = json.dumps(picked, sort_keys=True, default=str)
    seen = f"click_seen_{key}"
    fresh = bool(picked) and signature != st.session_state.get(seen)
    st.session_state[seen] = signature
    return picked if fresh else []


def cell(point: dict, first: Iterable[str], second: Iterable[str]) -> tuple[str, str] | None:
    """The two values a clicked heatmap cell stands for (its ``customdata``, see
    :func:`analysis.plotting.select.clickable_cells`) when both are among the page's options."""
    data = point.get("customdata")
    if isinstance(data, list | tuple) and len(data) == 2 and data[0] in set(first) and data[1] in set(second):
        return str(data[0]), str(data[1])
    return None


def _clear(key: str, stores: dict[str, Any]) -> None:
    for store, value in stores.items():
        st.session_state[f"view_{store}"] = value
    st.session_state[f"click_gen_{key}"] = st.session_state.get(f"click_gen_{key}", 0) + 1
    st.session_state.pop(f"click_seen_{key}", None)


def _filter_to(filters: dict[str, list[str]]) -> None:
    """Put the picked values into the sidebar filters (``flt_*``, see :mod:`dashboard.state`)."""
    for name, values in filters.items():
        st.session_state[f"flt_{name}"] = list(values)


def chip(text: str, key: str, reset: dict[str, Any], filters: dict[str, list[str]] | None = None) -> None:
    """What a click (or a link) picked, with a button that puts it into the sidebar filters and one
    that clears it (``reset``: widget key → default value)."""
    row = st.container(horizontal=True, gap="small", vertical_alignment="center")
    row.markdown(f"📌 **{md_escape(text)}**")
    if filters:
        row.button(
            "Filter every page to it",
            key=f"chip_filter_{key}",
            on_click=_filter_to,
            args=(filters,),
            help="Sets the sidebar filters to this selection; they apply on every page.",
        )
    row.button("✕ Clear", key=f"chip_clear_{key}", on_click=_clear, args=(key, reset), help="Back to the default view")
