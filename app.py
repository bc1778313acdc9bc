"""Overview: the corpus at a glance, every count openable to its passages."""

from urllib.parse import urlencode

import streamlit as st

from analysis import facet_query, overview
from analysis.findings import key_findings
from analysis.numbers import count, number, plural
from analysis.plotting import overview as charts
from analysis.stance.propositions import PropositionSet
from dashboard import clicks, viewstate
from dashboard.exports import table_downloads
from dashboard.layout import drawn_rows, page_setup
from dashboard.render import md_escape, reader_link
from dashboard.taxonomy import taxonomy_fit
from dashboard.upload import metadata_editor, upload_notice, upload_section

page = page_setup("Overview", "🧭")
view, full = page.view, page.bundle
subtitle = page.filters.describe()

st.title("🧭 Overview")
st.caption(f"What the corpus holds, by source. Filters in force: {md_escape(subtitle)}.")
upload_notice()

body = view.body
# Counted from the build-time facets (or in DuckDB when they cannot say): no scan of the passages.
totals = page.remember("totals", lambda: facet_query.totals(full, page.filters))
cols = st.columns(5)
cols[0].metric("Documents", number(totals.documents))
cols[1].metric("Body passages", number(totals.passages))
cols[2].metric("Words (body)", number(totals.words))
cols[3].metric("Sentences", number(totals.sentences))
cols[4].metric("Actor mentions", number(totals.mentions))

findings = page.remember("findings", lambda: key_findings(view, PropositionSet.from_yaml(page.config.propositions)))
if findings:
    st.subheader("Key findings")
    lines = []
    for f in findings:
        params = urlencode([*((k, v) for k, vs in page.filter_params().items() for v in vs), *f.params])
        lines.append(f"- {md_escape(f.text)} [evidence →]({f.page}{'?' + params if params else ''})")
    st.markdown("\n".join(lines))
    st.caption("Computed from the analysis of the documents under the filters; each links to its evidence.")
    st.page_link(
        "pages/5_Briefing.py",
        label="Make a briefing (PDF or HTML) of these findings, with charts, quotes and citations",
        icon="📄",
        query_params=page.filter_params(),
    )

st.subheader("Documents")


def _documents():
    counts = body.groupby("doc_id").agg(passages=("passage_id", "size"), words=("n_words", "sum"))
    return view.documents.join(counts, on="doc_id").fillna({"passages": 0, "words": 0})


docs = page.remember("documents table", _documents)
shown = drawn_rows(docs)  # a table of 50,000 documents sent on every run took most of the page's second
shown = shown.assign(reader=[reader_link(d, extra=page.filter_params()) for d in shown["doc_id"]])
st.dataframe(
    shown[["source", "title", "kind", "published", "date_note", "passages", "words", "reader"]],
    hide_index=True,
    column_config={
        "published": st.column_config.TextColumn("published", help="As precise as the text supports"),
        "date_note": st.column_config.TextColumn("how the date was inferred", width="large"),
        "passages": st.column_config.NumberColumn("body passages", format="%d"),
        "words": st.column_config.NumberColumn("body words", format="%d"),
        "reader": st.column_config.LinkColumn("read", display_text="open in Reader"),
    },
)
table_downloads(docs, "documents", "dl_docs")

if view.body.empty:
    st.info("No body passage matches the filters. Widen them in the sidebar.")
else:
    sources = sorted(view.documents["source"].unique())
    # One under the other: side by side on a 1,024-px screen the two panels of the volume chart have
    # no room for their numbers.
    # Drawn from the build-time facets (or DuckDB when they cannot say): no page scans passages for a chart.
    page.chart(
        "volume", lambda: charts.volume_chart(facet_query.volume_by_source(full, page.filters), page.colors, subtitle)
    )
    page.chart("actors", lambda: charts.actor_bar(facet_query.actor_counts(full, page.filters), page.colors, subtitle))

    theme_counts = page.remember("theme by source", lambda: facet_query.theme_by_source(full, page.filters))
    if theme_counts.empty:
        st.info("No passage carries a theme of the taxonomy under these filters.")
    else:
        theme_order = theme_counts.groupby("theme")["passages"].sum().sort_values(ascending=False, kind="stable")
        themes_shown = list(theme_order.index)
        picked = page.chart(
            "themes", lambda: charts.theme_heatmap(theme_counts, sources, themes_shown, subtitle), select=True
        )
        for point in clicks.new_points(picked, "themes")[:1]:  # a cell opens its passages below
            cell = clicks.cell(point, themes_shown, sources)
            if cell:
                st.session_state["view_ev_theme"], st.session_state["view_ev_source"] = cell
        chosen = st.session_state.get("view_ev_source", "All sources") != "All sources"
        asked = chosen or "cell_theme" in st.query_params or "cell_source" in st.query_params
        with st.expander("Passages behind a theme × source cell (click a cell)", expanded=asked):
            c1, c2 = st.columns(2)
            theme = viewstate.choice(c1.selectbox, "Theme", themes_shown, "ev_theme", "cell_theme")
            source = viewstate.choice(c2.selectbox, "Source", ["All sources", *sources], "ev_source", "cell_source")
            if source != "All sources":
                clicks.chip(
                    f"{theme} in {source}",
                    "themes",
                    reset={"ev_theme": themes_shown[0], "ev_source": "All sources"},
                    filters={"themes": [theme], "sources": [source]},
                )
            rows = page.remember(
                "passages of a theme",
                lambda: overview.passages_for(view, theme=theme, source=None if source == "All sources" else source),
                theme,
                source,
            )
            st.caption(f"{count(len(rows), 'passage')}. 'cues' are the words that tagged the theme.")
            page.linked_table(
                rows, ["source", "section", "text", "cues"], "text", "passage", download=f"passages {theme} {source}"
            )
    taxonomy_fit(view, page.config, page.remember)

    pairs = page.remember("co-mentions", lambda: overview.co_mentions(view))
    order = pairs.attrs.get("order", [])
    if len(order) >= 2:
        page.chart("comention", lambda: charts.co_mention_heatmap(pairs, order, subtitle))
        with st.expander("Passages behind an actor pair", expanded="pair" in st.query_params):
            c1, c2 = st.columns(2)
            a = viewstate.choice(c1.selectbox, "Actor", order, "ev_actor_a", "pair", what="first actor of the pair")
            b = viewstate.choice(
                c2.selectbox, "and actor", [x for x in order if x != a], "ev_actor_b", "pair_with", what="second actor"
            )
            rows = page.remember("passages of a pair", lambda: overview.passages_for(view, actors=(a, b)), a, b)
            st.caption(
                f"{count(len(rows), 'passage')} {plural(len(rows), 'names')} both {md_escape(a)} and {md_escape(b)}."
            )
            page.linked_table(rows, ["source", "section", "text"], "text", "passage", download=f"passages {a} and {b}")

st.divider()
upload_section(full)
metadata_editor(full)
