"""Overview: the corpus at a glance, every count openable to its passages."""

from urllib.parse import urlencode

import streamlit as st

from analysis import overview
from analysis.findings import key_findings
from analysis.plotting import overview as charts
from analysis.stance.propositions import PropositionSet
from dashboard.exports import table_downloads
from dashboard.layout import page_setup
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
cols = st.columns(5)
cols[0].metric("Documents", f"{len(view.documents):,}")
cols[1].metric("Body passages", f"{len(body):,}")
cols[2].metric("Words (body)", f"{int(body['n_words'].sum()):,}")
cols[3].metric("Sentences", f"{len(view.sentences):,}")
cols[4].metric("Actor mentions", f"{len(view.mentions):,}")

findings = key_findings(view, PropositionSet.from_yaml(page.config.propositions))
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
docs = view.documents.copy()
counts = body.groupby("doc_id").agg(passages=("passage_id", "size"), words=("n_words", "sum"))
docs = docs.join(counts, on="doc_id").fillna({"passages": 0, "words": 0})
docs["reader"] = [reader_link(d, extra=page.filter_params()) for d in docs["doc_id"]]
st.dataframe(
    docs[["source", "title", "kind", "published", "date_note", "passages", "words", "reader"]],
    hide_index=True,
    column_config={
        "published": st.column_config.TextColumn("published", help="As precise as the text supports"),
        "date_note": st.column_config.TextColumn("how the date was inferred", width="large"),
        "passages": st.column_config.NumberColumn("body passages", format="%d"),
        "words": st.column_config.NumberColumn("body words", format="%d"),
        "reader": st.column_config.LinkColumn("read", display_text="open in Reader"),
    },
)
table_downloads(docs.drop(columns=["reader"]), "documents", "dl_docs")

if view.body.empty:
    st.info("No body passage matches the filters. Widen them in the sidebar.")
else:
    sources = sorted(view.documents["source"].unique())
    left, right = st.columns(2)
    with left:
        page.chart(charts.volume_chart(overview.volume_by_source(view), page.colors, subtitle), key="volume")
    with right:
        actor_counts = overview.actor_counts(view)
        page.chart(charts.actor_bar(actor_counts, page.colors, subtitle), key="actors")

    theme_counts = overview.theme_by_source(view)
    if theme_counts.empty:
        st.info("No passage carries a theme of the taxonomy under these filters.")
    else:
        theme_order = theme_counts.groupby("theme")["passages"].sum().sort_values(ascending=False, kind="stable")
        page.chart(charts.theme_heatmap(theme_counts, sources, list(theme_order.index), subtitle), key="themes")
        with st.expander("Passages behind a theme × source cell", expanded=False):
            c1, c2 = st.columns(2)
            theme = c1.selectbox("Theme", list(theme_order.index), key="ev_theme")
            source = c2.selectbox("Source", ["All sources", *sources], key="ev_source")
            rows = overview.passages_for(view, theme=theme, source=None if source == "All sources" else source)
            st.caption(f"{len(rows)} passages. 'cues' are the words that tagged the theme.")
            page.linked_table(
                rows, ["source", "section", "text", "cues"], "text", "passage", download=f"passages {theme} {source}"
            )
    taxonomy_fit(view, page.config)

    pairs = overview.co_mentions(view)
    order = pairs.attrs.get("order", [])
    if len(order) >= 2:
        page.chart(charts.co_mention_heatmap(pairs, order, subtitle), key="comention")
        with st.expander("Passages behind an actor pair", expanded=False):
            c1, c2 = st.columns(2)
            a = c1.selectbox("Actor", order, index=0, key="ev_actor_a")
            b = c2.selectbox("and actor", [x for x in order if x != a], index=0, key="ev_actor_b")
            rows = overview.passages_for(view, actors=(a, b))
            st.caption(f"{len(rows)} passages name both {md_escape(a)} and {md_escape(b)}.")
            page.linked_table(rows, ["source", "section", "text"], "text", "passage", download=f"passages {a} and {b}")

st.divider()
upload_section(full)
metadata_editor(full)
