"""Which theme taxonomy is in force and how well it fits the corpus, under the theme heatmap.

A taxonomy written for one corpus can mislead on another: the seeds' themes read BBC News
through "human rights" and "Rafael". The Overview therefore says which ``themes.yaml`` is
used, how much of the text no theme reaches, and which themes owe most of their passages
to one cue alone, with a table per theme. The figures are :mod:`analysis.themes`'.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import pandas as pd
import streamlit as st

from analysis.bundle import DEFAULT_CONFIG_DIR, Bundle, Config
from analysis.themes import (
    GENERIC_MIN_PASSAGES,
    GENERIC_SHARE,
    actor_names,
    one_cue_themes,
    theme_fit,
    untagged_share,
)
from analysis.yamlconfig import ConfigError, read_config
from dashboard.render import md_escape

Remember = Callable[[str, Callable[[], Any]], Any]


def taxonomy_in_force(config: Config) -> str:
    """'the default taxonomy (seeds/themes.yaml, 16 themes)' or "this corpus's own themes.yaml (5 themes)"."""
    try:
        n = len(read_config(config.themes).get("themes", []))
    except (ConfigError, OSError):
        n = 0
    if config.themes.parent.resolve() == DEFAULT_CONFIG_DIR.resolve():
        return f"the default taxonomy (seeds/themes.yaml, {n} themes)"
    return f"this corpus's own themes.yaml ({n} themes)"


def _fit_figures(view: Bundle, config: Config) -> tuple[int, int, pd.DataFrame, pd.DataFrame]:
    untagged, body = untagged_share(view.passages, view.passage_themes)
    generic = one_cue_themes(view.passage_themes, actor_names(config.actors))
    return untagged, body, generic, theme_fit(view.passage_themes)


def taxonomy_fit(view: Bundle, config: Config, remember: Remember | None = None) -> None:
    """A caption (taxonomy, untagged share, one-cue themes) and a table per theme in an expander.

    ``remember`` (a page's :meth:`~dashboard.layout.Page.remember`) keeps the figures per filter state:
    at 50,000 documents they took 0.1 s a run."""
    compute = partial(_fit_figures, view, config)
    untagged, body, generic, fit = remember("taxonomy fit", compute) if remember else compute()
    share = f"{untagged / body:.0%}" if body else "0%"
    parts = [
        f"Themes from {md_escape(taxonomy_in_force(config))}.",
        f"{share} of the body passages in view ({untagged:,} of {body:,}) carry no theme.",
    ]
    for row in generic.itertuples(index=False):
        parts.append(
            f"“{md_escape(row.theme)}” owes {row.alone:,} of its {row.passages:,} passages to the cue "
            f"“{md_escape(row.alone_cue)}” alone."
        )
    if len(generic):
        parts.append(
            "Check that such a cue means the theme here; a generic one can be made to need context "
            "(`context_cues` in themes.yaml)."
        )
    st.caption(" ".join(parts))
    if fit.empty:
        return
    with st.expander("How the themes fit this corpus", expanded=False):
        st.caption(
            f"Per theme: its passages, the cue found in most of them, and the cue that alone tags most of them. "
            f"Flagged in the caption above: a theme of {GENERIC_MIN_PASSAGES} passages or more owing "
            f"{GENERIC_SHARE:.0%} or more of them to one cue alone that is not an actor's name."
        )
        st.dataframe(
            fit.assign(share_of_body=fit["passages"] / max(body, 1)),
            hide_index=True,
            column_order=["theme", "passages", "share_of_body", "top_cue", "alone_cue", "alone", "share_alone"],
            column_config={
                "share_of_body": st.column_config.NumberColumn("share of body passages", format="percent"),
                "top_cue": st.column_config.TextColumn("most frequent cue"),
                "alone_cue": st.column_config.TextColumn("cue most often alone"),
                "alone": st.column_config.NumberColumn("passages by it alone", format="%d"),
                "share_alone": st.column_config.NumberColumn("share by it alone", format="percent"),
            },
        )
