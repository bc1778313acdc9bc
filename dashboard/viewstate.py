"""A page's own choices (the actor shown, the lanes, the topic, the search) kept in the URL.

Each control here is a Streamlit widget whose value lives under a key of its own
(``view_<key>``: a widget's key is dropped when a page without it runs), is copied into
the widget before it is drawn and back in its ``on_change``, and is mirrored in the
query string, left out while it is the default, so a bookmarked URL gives the same
view back and a shared one opens it. A URL value is applied when it is new (a link
followed, a bookmark opened); one the page cannot show (an actor the corpus does not
name, a topic that does not exist) is dropped with a visible note that names it,
never silently, so a view never looks filtered when it is not.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import Any

import streamlit as st

from dashboard.render import md_escape

_NOTES = "view_notes"
_SLOT = "_view_notes_slot"


def start_notes(page: str) -> None:
    """Call at the top of a page: reserves the place where notes on dropped URL values appear, and
    shows the ones this page already gave (they stay until another page is opened)."""
    store = st.session_state.get(_NOTES)
    if not store or store.get("page") != page:
        store = {"page": page, "notes": []}
        st.session_state[_NOTES] = store
    st.session_state[_SLOT] = st.container()
    for text in store["notes"]:
        st.session_state[_SLOT].warning(text, icon="⚠️")


def note_dropped(
    what: str, values: Sequence[str], why: str = "not in this corpus: dropped, so the view is not restricted to it"
) -> None:
    """Say on the page that the link asked for ``values`` of ``what``, and why they were not applied."""
    if not values:
        return
    shown = ", ".join(f"‘{md_escape(v)}’" for v in values)
    text = f"The link asked for {md_escape(what)} {shown}: {md_escape(why)}."
    store = st.session_state.setdefault(_NOTES, {"page": "", "notes": []})
    if text in store["notes"]:
        return
    store["notes"].append(text)
    slot = st.session_state.get(_SLOT)
    (slot if slot is not None else st).warning(text, icon="⚠️")


def _bound(
    key: str,
    param: str,
    default: Any,
    parse: Callable[[list[str]], tuple[Any, list[str]]],
    valid: Callable[[Any], bool],
    what: str,
    why: str = "not one this page offers: dropped, and the page shows its default",
) -> None:
    """Put the value the widget ``key`` should show into its key: a new URL value if there is one
    (its unknown parts noted), else the session's, else ``default``."""
    store, seen = f"view_{key}", f"view_url_{key}"
    raw = st.query_params.get_all(param)
    if raw and raw != st.session_state.get(seen):
        value, dropped = parse(raw)
        note_dropped(what, dropped, why)
        if not dropped or value != default:
            st.session_state[store] = value
        st.session_state[seen] = raw
    if store not in st.session_state or not valid(st.session_state[store]):
        st.session_state[store] = default
    st.session_state[key] = st.session_state[store]


def _keep(key: str) -> None:
    st.session_state[f"view_{key}"] = st.session_state[key]


def _mirror(key: str, param: str, encoded: list[str]) -> None:
    """Write the value into the URL (absent while it is the default) and remember it as seen."""
    if encoded:
        st.query_params[param] = encoded if len(encoded) > 1 else encoded[0]
    elif param in st.query_params:
        del st.query_params[param]
    st.session_state[f"view_url_{key}"] = encoded


def choice(
    widget: Callable[..., Any],
    label: str,
    options: Sequence[Any],
    key: str,
    param: str,
    default: Any = None,
    encode: Callable[[Any], str] = str,
    what: str | None = None,
    **kwargs: Any,
) -> Any:
    """A selectbox or radio (``widget``, e.g. ``st.selectbox`` or ``column.radio``) over ``options``,
    kept in ``?param=`` by ``encode(option)``. ``default`` (the first option if None) is left out."""
    options = list(options)
    if not options:
        return None
    default = options[0] if default is None or default not in options else default
    by_text = {encode(o): o for o in options}

    def parse(raw: list[str]) -> tuple[Any, list[str]]:
        return (by_text[raw[0]], []) if raw[0] in by_text else (default, [raw[0]])

    _bound(key, param, default, parse, lambda v: v in options, what or label.lower())
    widget(label, options, key=key, on_change=_keep, args=(key,), **kwargs)
    value = st.session_state[f"view_{key}"]
    _mirror(key, param, [] if value == default else [encode(value)])
    return value


def choices(
    widget: Callable[..., Any],
    label: str,
    options: Sequence[Any],
    key: str,
    param: str,
    default: Sequence[Any] = (),
    encode: Callable[[Any], str] = str,
    what: str | None = None,
    **kwargs: Any,
) -> list[Any]:
    """A multiselect kept in ``?param=a&param=b``; values the options lack are dropped and named."""
    options = list(options)
    default = [d for d in default if d in options]
    by_text = {encode(o): o for o in options}

    def parse(raw: list[str]) -> tuple[list[Any], list[str]]:
        raw = [r for r in raw if r]  # ``?param=`` alone: none chosen
        return [by_text[r] for r in raw if r in by_text], [r for r in raw if r not in by_text]

    _bound(
        key,
        param,
        default,
        parse,
        lambda v: all(x in options for x in v),
        what or label.lower(),
        "not among the choices here: dropped, so the view is not restricted to it",
    )
    widget(label, options, key=key, on_change=_keep, args=(key,), **kwargs)
    value = list(st.session_state[f"view_{key}"])
    _mirror(key, param, [] if value == default else [encode(v) for v in value] or [""])
    return value


def linked(param: str, options: Collection[str], what: str) -> list[str] | None:
    """The values the latest link gave in ``?param=a&param=b`` for a choice no single widget holds (the
    Briefing's ticked quotes): those among ``options``, the rest named and dropped. Kept for the session
    until a link brings others; None if no link did. Write the choice back with :func:`mirror_values`."""
    store, seen = f"view_{param}_linked", f"view_url_{param}"
    raw = st.query_params.get_all(param)
    if raw and raw != st.session_state.get(seen):
        known = set(options)
        asked = [r for r in raw if r]  # ``?param=`` alone: none chosen
        note_dropped(what, [r for r in asked if r not in known], "not among the choices here: dropped")
        st.session_state[store] = [r for r in asked if r in known]
        st.session_state[seen] = raw
    return st.session_state.get(store)


def mirror_values(param: str, values: Sequence[str], default: Sequence[str]) -> None:
    """Keep ``values`` in ``?param=`` (left out while they are ``default``, in any order)."""
    _mirror(param, param, [] if sorted(values) == sorted(default) else list(values) or [""])


def flag(widget: Callable[..., Any], label: str, key: str, param: str, default: bool, **kwargs: Any) -> bool:
    """A toggle or checkbox kept as ``?param=1`` or ``?param=0`` when it differs from ``default``."""

    def parse(raw: list[str]) -> tuple[bool, list[str]]:
        return (raw[0] == "1", []) if raw[0] in ("0", "1") else (default, [raw[0]])

    _bound(key, param, default, parse, lambda v: isinstance(v, bool), label.lower())
    widget(label, key=key, on_change=_keep, args=(key,), **kwargs)
    value = bool(st.session_state[f"view_{key}"])
    _mirror(key, param, [] if value == default else ["1" if value else "0"])
    return value


def text(widget: Callable[..., Any], label: str, key: str, param: str, default: str = "", **kwargs: Any) -> str:
    """A text input kept in ``?param=`` (absent while it is ``default``). A default that depends on
    the view (a title naming the sources) follows the view until the analyst types their own."""
    own = f"view_own_{key}"
    if not st.session_state.get(own) and f"view_{key}" in st.session_state:
        st.session_state[f"view_{key}"] = default
    _bound(key, param, default, lambda raw: (raw[0], []), lambda v: isinstance(v, str), label.lower())

    def typed() -> None:
        _keep(key)
        st.session_state[own] = st.session_state[key] != default

    widget(label, key=key, on_change=typed, **kwargs)
    value = str(st.session_state[f"view_{key}"])
    if value != default:
        st.session_state[own] = True
    _mirror(key, param, [value] if value != default and value.strip() else [])
    return value


def span(
    widget: Callable[..., Any], label: str, key: str, param: str, low: int, high: int, **kwargs: Any
) -> tuple[int, int]:
    """A range slider over whole numbers kept as ``?param=1990-2020`` (absent at full range); a range
    outside ``low``–``high`` is clipped to it, and one that does not parse is dropped and named."""
    default = (low, high)

    def parse(raw: list[str]) -> tuple[tuple[int, int], list[str]]:
        parts = raw[0].split("-")
        if len(parts) != 2 or not all(p.isascii() and p.isdigit() and len(p) <= 6 for p in parts):
            return default, [raw[0]]
        a, b = sorted(int(p) for p in parts)
        return (min(max(a, low), high), max(min(b, high), low)), []

    def valid(v: Any) -> bool:
        return isinstance(v, tuple) and len(v) == 2 and low <= v[0] <= v[1] <= high

    _bound(key, param, default, parse, valid, label.lower())
    widget(label, min_value=low, max_value=high, key=key, on_change=_keep, args=(key,), **kwargs)
    value = tuple(int(v) for v in st.session_state[f"view_{key}"])
    _mirror(key, param, [] if value == default else [f"{value[0]}-{value[1]}"])
    return value  # type: ignore[return-value]
