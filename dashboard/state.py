"""The sidebar filters: drawn by one function that every page calls.

Streamlit drops a widget's state when a page without that widget runs, so the
filter values live under keys of their own (``flt_*``), are copied into the
widget keys (``w_*``) before each widget is drawn, and are copied back in the
widget's ``on_change``. They are mirrored in the URL query string, so a filtered
view can be bookmarked and shared, and read from it on a session's first run.
"""

from __future__ import annotations

import re

import streamlit as st

from analysis.bundle import Bundle
from analysis.filters import Filters
from dashboard.views import corpus_memo
from dashboard.viewstate import note_dropped

_ASCII_INT = re.compile(r"[0-9]{1,9}")


def parse_int(value: object, low: int, high: int) -> int | None:
    """A query-string number, or None. Only ASCII digits count: ``str.isdigit`` is also true of
    '²' and other Unicode digits that ``int`` refuses, and a URL can carry any of them."""
    text = str(value).strip() if value is not None else ""
    if not _ASCII_INT.fullmatch(text):
        return None
    number = int(text)
    return number if low <= number <= high else None


LIST_FILTERS = {"sources": ("source", "Sources"), "themes": ("theme", "Themes"), "actors": ("actor", "Actors")}


def filter_options(bundle: Bundle) -> dict[str, list[str]]:
    mentions = bundle.mentions["actor"].value_counts()
    return {
        "sources": sorted(bundle.documents["source"].unique()),
        "themes": sorted(bundle.passage_themes["theme"].unique()),
        "actors": sorted(mentions.index, key=lambda a: (-mentions[a], a)),
    }


def _years(bundle: Bundle) -> list[int]:
    years = bundle.documents["published"].str[:4]
    return sorted({y for y in (parse_int(v, 1, 9999) for v in years) if y is not None})


def _init_from_query(options: dict[str, list[str]], years: list[int]) -> None:
    if st.session_state.get("flt_ready"):
        return
    params = st.query_params
    for name, (param, label) in LIST_FILTERS.items():
        asked = params.get_all(param)
        st.session_state[f"flt_{name}"] = [v for v in asked if v in options[name]]
        note_dropped(label.lower(), [v for v in asked if v not in options[name]])
    lo, hi = (years[0], years[-1]) if years else (0, 0)

    def _year(key: str, default: int) -> int:
        asked = params.get(key, "")
        value = parse_int(asked, 0, 9999)
        if asked and (value is None or not years):
            what = "publication years from" if key == "from" else "publication years up to"
            note_dropped(what, [asked], "not a year of this corpus's documents: dropped, so the years are not limited")
        return min(max(value, lo), hi) if value is not None and years else default

    st.session_state["flt_years"] = (_year("from", lo), _year("to", hi))
    st.session_state["flt_undated"] = params.get("undated", "1") != "0"
    st.session_state["flt_ready"] = True


def _copy_back(name: str) -> None:
    st.session_state[f"flt_{name}"] = st.session_state[f"w_{name}"]


def _mirror(years: list[int]) -> None:
    """Write the filters into the query string, leaving other parameters alone."""
    for name, (param, _) in LIST_FILTERS.items():
        values = st.session_state[f"flt_{name}"]
        if values:
            st.query_params[param] = values
        elif param in st.query_params:
            del st.query_params[param]
    lo, hi = st.session_state["flt_years"]
    for key, value, default in (("from", lo, years[0] if years else 0), ("to", hi, years[-1] if years else 0)):
        if years and value != default:
            st.query_params[key] = str(value)
        elif key in st.query_params:
            del st.query_params[key]
    if not st.session_state["flt_undated"]:
        st.query_params["undated"] = "0"
    elif "undated" in st.query_params:
        del st.query_params["undated"]


def _reset() -> None:
    for name in LIST_FILTERS:
        st.session_state[f"flt_{name}"] = []
    st.session_state.pop("flt_ready", None)
    for key in ("source", "theme", "actor", "from", "to", "undated"):
        if key in st.query_params:
            del st.query_params[key]


def sidebar_filters(bundle: Bundle) -> Filters:
    """Draw the filters in the sidebar and return them as a :class:`Filters`."""
    memo = corpus_memo(bundle)  # once per corpus: at 50,000 documents these took 0.2 s on every run of every page
    options = memo.get(("filter options",), lambda: filter_options(bundle))
    years = memo.get(("years",), lambda: _years(bundle))
    _init_from_query(options, years)
    side = st.sidebar
    side.header("Filters")
    for name, (_, label) in LIST_FILTERS.items():
        st.session_state[f"flt_{name}"] = [v for v in st.session_state[f"flt_{name}"] if v in options[name]]
        st.session_state[f"w_{name}"] = st.session_state[f"flt_{name}"]
        side.multiselect(
            label,
            options[name],
            key=f"w_{name}",
            on_change=_copy_back,
            args=(name,),
            placeholder=f"All {label.lower()}",
        )
    if years:
        # A range from another corpus (the user switched corpora) is clamped into this one's years.
        lo, hi = st.session_state["flt_years"]
        lo, hi = min(max(lo, years[0]), years[-1]), min(max(hi, years[0]), years[-1])
        st.session_state["flt_years"] = (min(lo, hi), max(lo, hi))
    if len(years) > 1:
        st.session_state["w_years"] = st.session_state["flt_years"]
        side.slider(
            "Published", min_value=years[0], max_value=years[-1], key="w_years", on_change=_copy_back, args=("years",)
        )
        st.session_state["w_undated"] = st.session_state["flt_undated"]
        side.checkbox("Include undated documents", key="w_undated", on_change=_copy_back, args=("undated",))
    side.button("Reset filters", on_click=_reset, use_container_width=True)
    _mirror(years)
    lo, hi = st.session_state["flt_years"]
    ranged = bool(years) and (lo, hi) != (years[0], years[-1])
    return Filters(
        sources=tuple(st.session_state["flt_sources"]),
        themes=tuple(st.session_state["flt_themes"]),
        actors=tuple(st.session_state["flt_actors"]),
        year_from=lo if ranged else 0,
        year_to=hi if ranged else 0,
        include_undated=st.session_state["flt_undated"],
    )
