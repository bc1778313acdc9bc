"""Overview: the corpus at a glance, every count openable to its passages."""

import math
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from analysis import overview
from analysis.findings import key_findings
from analysis.plotting import overview as charts
from analysis.stance.propositions import PropositionSet
from analysis.store import WriteError
from dashboard.data import max_upload_bytes, upload_rejections, use_default, use_uploaded
from dashboard.exports import table_downloads
from dashboard.layout import page_setup
from dashboard.render import md_escape, reader_link

page = page_setup("Overview", "🧭")
view, full = page.view, page.bundle
subtitle = page.filters.describe()

st.title("🧭 Overview")
st.caption(f"What the corpus holds, by source. Filters in force: {md_escape(subtitle)}.")

body = view.body
cols = st.columns(5)
cols[0].metric("Documents", len(view.documents))
cols[1].metric("Body passages", len(body))
cols[2].metric("Words (body)", f"{int(body['n_words'].sum()):,}")
cols[3].metric("Sentences", len(view.sentences))
cols[4].metric("Actor mentions", len(view.mentions))

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
    docs = view.documents.join(counts, on="doc_id").fillna({"passages": 0, "words": 0})
    return docs.assign(reader=[reader_link(d, extra=page.filter_params()) for d in docs["doc_id"]])


docs = page.remember("documents table", _documents)
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
        page.chart("volume", lambda: charts.volume_chart(overview.volume_by_source(view), page.colors, subtitle))
    with right:
        page.chart("actors", lambda: charts.actor_bar(overview.actor_counts(view), page.colors, subtitle))

    theme_counts = page.remember("theme by source", lambda: overview.theme_by_source(view))
    if theme_counts.empty:
        st.info("No passage carries a theme of the taxonomy under these filters.")
    else:
        themes = list(theme_counts.groupby("theme")["passages"].sum().sort_values(ascending=False, kind="stable").index)
        page.chart("themes", lambda: charts.theme_heatmap(theme_counts, sources, themes, subtitle))
        with st.expander("Passages behind a theme × source cell", expanded=False):
            c1, c2 = st.columns(2)
            theme = c1.selectbox("Theme", themes, key="ev_theme")
            source = c2.selectbox("Source", ["All sources", *sources], key="ev_source")
            rows = page.remember(
                "passages of a theme",
                lambda: overview.passages_for(view, theme=theme, source=None if source == "All sources" else source),
                theme,
                source,
            )
            st.caption(f"{len(rows)} passages. 'cues' are the words that tagged the theme.")
            page.linked_table(
                rows, ["source", "section", "text", "cues"], "text", "passage", download=f"passages {theme} {source}"
            )

    pairs = page.remember("co-mentions", lambda: overview.co_mentions(view))
    order = pairs.attrs.get("order", [])
    if len(order) >= 2:
        page.chart("comention", lambda: charts.co_mention_heatmap(pairs, order, subtitle))
        with st.expander("Passages behind an actor pair", expanded=False):
            c1, c2 = st.columns(2)
            a = c1.selectbox("Actor", order, index=0, key="ev_actor_a")
            b = c2.selectbox("and actor", [x for x in order if x != a], index=0, key="ev_actor_b")
            rows = page.remember("passages of a pair", lambda: overview.passages_for(view, actors=(a, b)), a, b)
            st.caption(f"{len(rows)} passages name both {md_escape(a)} and {md_escape(b)}.")
            page.linked_table(rows, ["source", "section", "text"], "text", "passage", download=f"passages {a} and {b}")

st.divider()
with st.expander("Bring your own documents", expanded=not full.problems.empty or bool(upload_rejections())):
    st.markdown(
        "Upload several `.txt`, `.md`, `.html` or `.pdf` files, or one table (`.csv`, `.jsonl`, `.parquet`) with a "
        "`text` column and optional `doc_id`, `title`, `source`, `published`, `url` columns. "
        "A `manifest.yaml`, `actors.yaml` or `themes.yaml` may come along. Bad files are reported and skipped; "
        "the rest loads."
    )
    uploads = st.file_uploader(
        "Files",
        accept_multiple_files=True,
        key="uploads",
        max_upload_size=max(1, math.ceil(max_upload_bytes() / 1e6)),  # the app's cap, in Streamlit's MB
        type=["txt", "md", "markdown", "html", "htm", "pdf", "csv", "jsonl", "parquet", "yaml"],
    )
    c1, c2 = st.columns(2)
    if c1.button("Analyse the uploaded files", disabled=not uploads, type="primary"):
        try:
            result = use_uploaded([(f.name, f.getvalue()) for f in uploads])
        except WriteError as exc:
            st.error(f"The upload could not be saved: {md_escape(str(exc))}.")
        else:
            if result.folder is None:
                st.error("None of the uploaded files can be analysed; nothing was kept:")
                st.dataframe(pd.DataFrame([vars(p) for p in result.rejected]), hide_index=True)
            else:
                st.rerun()
    c2.button("Back to the default corpus", on_click=use_default)
    problems = pd.concat(
        [full.problems, pd.DataFrame([vars(p) for p in upload_rejections()], columns=["file", "level", "message"])],
        ignore_index=True,
    )
    if problems.empty:
        st.caption(f"Loading report: all {len(full.documents)} documents loaded without problems.")
    else:
        st.warning(f"Loading report: {len(problems)} file(s) or rows skipped or altered. The rest loaded.")
        st.dataframe(problems, hide_index=True)
        table_downloads(problems, "loading report", "dl_problems")
