"""What every page does first: configure, load the bundle, draw the filters."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analysis.bundle import Bundle, Config
from analysis.filters import Filters
from analysis.numbers import count, number
from analysis.plotting.export import export_figure
from analysis.plotting.style import dress, source_colors, with_credit
from dashboard import corpora
from dashboard.clicks import chart_key
from dashboard.data import active_corpus, current_bundle, startup_corpus, use_default
from dashboard.exports import image_downloads, table_downloads
from dashboard.render import md_escape, reader_links
from dashboard.state import LIST_FILTERS, sidebar_filters
from dashboard.views import Memo, corpus_memo, filtered_view
from dashboard.viewstate import start_notes

T = TypeVar("T")

APP_NAME = "Foreign-Policy Lens"
# Streamlit's automatic menu would call the entry page "app"; this one names it.
NAVIGATION = (
    ("app.py", "Overview", "🧭"),
    ("pages/1_Reader.py", "Reader", "📖"),
    ("pages/6_Search.py", "Search", "🔎"),
    ("pages/2_Topics.py", "Topics", "🧩"),
    ("pages/3_Stance.py", "Stance", "⚖️"),
    ("pages/4_Timeline.py", "Timeline", "🗓️"),
    ("pages/5_Briefing.py", "Briefing", "📄"),
)


# Shown instead of Streamlit's generic text when client.showErrorDetails is "none" (production):
# no traceback, no server path, and what the analyst can do next.
ERROR_TEXT = (
    "Something went wrong while drawing this page. The details are in the server's log, not shown here. "
    "Reload the page, widen the filters, or go back to the default corpus from the sidebar."
)


def _production_error_text() -> None:
    """Streamlit keeps its redacted-error text in a module constant; replace it if it is still there."""
    from streamlit.elements import exception as exception_element

    if hasattr(exception_element, "_GENERIC_UNCAUGHT_EXCEPTION_TEXT"):
        exception_element._GENERIC_UNCAUGHT_EXCEPTION_TEXT = ERROR_TEXT


_production_error_text()


# The width of a chart on a 1,024-px screen with the sidebar open (measured in the browser test): the
# whole main column, its wider column of two (3:2), half of it. Titles and captions are wrapped to
# fit it, so no width clips them.
FULL, WIDE, HALF = 560, 320, 270
TABLE_ROWS = 1000  # rows a table draws on screen (its downloads hold every row)


@dataclass
class Page:
    """The full bundle, the filtered view every chart reads, and the filters."""

    bundle: Bundle
    view: Bundle
    filters: Filters
    colors: dict[str, str]
    config: Config
    slug: str = "chart"  # names the files a page's charts download as
    present: bool = False  # presentation mode: no sidebar, no download buttons
    memo: Memo = field(default_factory=Memo)  # what this filter state computed, shared by sessions
    corpus_memo: Memo = field(default_factory=Memo)  # what the whole bundle gave, whatever the filters

    def remember(self, name: str, compute: Callable[[], T], *params: Hashable, whole_corpus: bool = False) -> T:
        """``compute()`` once per bundle, filter state, ``name`` and ``params`` (every other value it reads,
        such as a widget's); then the same result for every session and page that asks for that name.
        ``whole_corpus``: ``compute`` reads the full bundle only, so one result serves every filter state.
        Never modify what it returns."""
        return (self.corpus_memo if whole_corpus else self.memo).get((name, *params), compute)

    def chart(
        self,
        key: str,
        build: Callable[[], go.Figure | None],
        *params: Hashable,
        whole_corpus: bool = False,
        select: bool = False,
        room: int = FULL,
    ) -> Any:
        """Show the chart ``build()`` makes, signed with the sources in view and the analysis date, with its
        PNG and SVG; nothing when it makes none (``build`` returns None).

        Built and dressed once per filter state, theme, ``room`` and ``params``: pass every value ``build``
        reads besides the view, the bundle and the filters. ``whole_corpus``: ``build`` reads the full
        bundle only, so one figure, signed with every source of the corpus, serves every filter state.
        Its words are laid out for ``room`` pixels, the width it has on a 1,024-px screen (``FULL``,
        ``WIDE``, ``HALF``): wider screens only give it more space.

        Returns None when nothing is drawn. With ``select``, a click on a point, bar, cell or bubble
        reruns the page, and a drawn chart returns its selection state (dict-like, never None; see
        :mod:`dashboard.clicks`); without it, a drawn chart returns None too."""
        shown = self.bundle if whole_corpus else self.view
        sources = sorted(shown.documents["source"].unique())
        analysed_on = self.bundle.info.get("analysed_on", "")
        mode = "dark" if st.context.theme.type == "dark" else "light"

        def make() -> tuple[go.Figure, go.Figure] | None:
            fig = build()
            if fig is None:
                return None
            return fig, dress(with_credit(fig, sources, analysed_on, mode), mode=mode, width=room)

        name = ("chart", self.slug, key, mode, room, *params)
        made = (self.corpus_memo if whole_corpus else self.memo).get(name, make)
        if made is None:
            return None
        fig, dressed = made
        if select:
            event = st.plotly_chart(dressed, key=chart_key(key), on_select="rerun", selection_mode="points")
        else:
            event = None
            st.plotly_chart(dressed, key=key)
        if not self.present:
            # Drawn for the slide only when a button is clicked.
            image_downloads(lambda: export_figure(fig, sources, analysed_on), f"{self.slug}-{key}", key)
        return event

    def linked_table(
        self,
        rows,
        columns: list[str],
        wide: str,
        label: str | None = None,
        config: dict | None = None,
        download: str | None = None,
    ) -> None:
        """Passages or sentences as a table, each row linked to its place in the Reader; with ``download``
        (a file name), CSV and Excel of the shown columns plus the ids that locate each row.

        The first :data:`TABLE_ROWS` rows are drawn, the downloads hold them all: every row is sent to
        the browser on every run of the page, and at 50,000 documents the Timeline's table of dated
        mentions alone took two seconds a run."""
        shown = drawn_rows(rows)
        shown = shown.assign(reader=reader_links(shown, self.filter_params()))
        st.dataframe(
            shown[[*columns, "reader"]],
            hide_index=True,
            column_config={
                wide: st.column_config.TextColumn(label, width="large"),
                "reader": st.column_config.LinkColumn("read", display_text="open"),
                **(config or {}),
            },
        )
        if download:
            ids = [c for c in ("doc_id", "passage_id", "sentence_id") if c in rows.columns and c not in columns]
            table_downloads(rows[[*columns, *ids]], download, "dl_" + download.replace(" ", "_"))

    def filter_params(self) -> dict[str, list[str]]:
        """The active filters as query parameters, for links between pages."""
        return {
            param: list(getattr(self.filters, name))
            for name, (param, _) in LIST_FILTERS.items()
            if getattr(self.filters, name)
        }


def drawn_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """The first :data:`TABLE_ROWS` rows of a table, saying so when there are more (the downloads hold all)."""
    if len(rows) > TABLE_ROWS:
        st.caption(
            f"The first {number(TABLE_ROWS)} of {number(len(rows))} rows are shown; the CSV and Excel "
            "downloads hold them all."
        )
    return rows.head(TABLE_ROWS)


def page_setup(title: str, icon: str) -> Page:
    """Call first on every page: one place for config, data and filters."""
    st.set_page_config(page_title=f"{title} · {APP_NAME}", page_icon=icon, layout="wide")
    present = st.query_params.get("present") == "1"
    if present:
        # Presentation mode: no sidebar, toolbar or header, for clean screenshots and live demos.
        st.html(
            "<style>[data-testid='stSidebar'],[data-testid='stSidebarCollapsedControl'],"
            "[data-testid='stToolbar'],[data-testid='stHeader'],[data-testid='stDecoration']"
            "{display:none !important}</style>"
        )
    start_notes(title)  # where a link's values the page cannot show are named
    st.sidebar.markdown(f"### {APP_NAME}")
    for path, label, page_icon in NAVIGATION:
        st.sidebar.page_link(path, label=label, icon=page_icon)
    corpora.from_url()
    if not present:
        corpora.corpus_switch(st.sidebar)
    bundle = current_bundle()
    corpora.mirror()
    corpora.touch_current()
    filters = sidebar_filters(bundle)
    st.sidebar.caption(
        f"Corpus: {md_escape(corpora.current().name)} · {count(bundle.info['counts']['documents'], 'document')} "
        f"· build {md_escape(bundle.info['corpus_hash'][:10])}"
    )
    if not present:
        corpora.manage(st.sidebar)
    # Always within reach: an uploaded corpus, however broken, never hides the way back.
    if active_corpus() != startup_corpus() and not present:
        st.sidebar.button(
            "Back to the default corpus", key="sidebar_default", use_container_width=True, on_click=use_default
        )
    shared = filtered_view(bundle, filters)
    whole = corpus_memo(bundle)
    return Page(
        bundle=bundle,
        view=shared.bundle,
        memo=shared.memo,
        corpus_memo=whole,
        filters=filters,
        colors=whole.get(("source colors",), lambda: source_colors(bundle.documents["source"].tolist())),
        config=Config.for_corpus(active_corpus()),
        slug=title.lower(),
        present=present,
    )
