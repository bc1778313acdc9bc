"""Topics: what the texts are about, which source dwells on what, and the passages behind each topic."""

import streamlit as st

from analysis.numbers import count, number, plural
from analysis.plotting import topics as charts
from analysis.topics import views
from analysis.topics.names import NamesError, save_name
from analysis.topics.rebuild import (
    CORPUS,
    DOCUMENT,
    MIN_SOURCES,
    SOURCES,
    document_scope,
    documents_with_topics,
    scope_description,
)
from analysis.topics.stage import MIN_PASSAGES
from dashboard import clicks, viewstate
from dashboard.data import (
    set_topics_k,
    set_topics_scope,
    topic_names_path,
    topics_k_choice,
    topics_scope_choice,
    topics_scope_note,
)
from dashboard.exports import table_downloads
from dashboard.layout import FULL, HALF, WIDE, page_setup
from dashboard.render import md_escape

page = page_setup("Topics", "🧩")
view, full = page.view, page.bundle
subtitle = page.filters.describe()
info = full.info.get("topics", {})

st.title("🧩 Topics")
scope = topics_scope_choice()
if dropped := topics_scope_note(clear=True):
    viewstate.note_dropped("topics fitted", [dropped[0]], dropped[1])
titles, doc_sources, long_docs = page.remember(
    "documents for topic scopes",
    lambda: (
        dict(zip(full.documents["doc_id"], full.documents["title"], strict=True)),
        dict(zip(full.documents["doc_id"], full.documents["source"], strict=True)),
        documents_with_topics(full),
    ),
    whole_corpus=True,
)
if len(full.body) >= MIN_PASSAGES:
    kinds = {CORPUS: "Whole corpus", SOURCES: "Across sources", DOCUMENT: "Within one document"}
    allowed = [CORPUS]
    if full.documents["source"].nunique() >= MIN_SOURCES:
        allowed.append(SOURCES)
    if long_docs:
        allowed.append(DOCUMENT)
    c1, c2 = st.columns([3, 2])
    kind = c1.radio(
        "Topics fitted",
        allowed,
        index=allowed.index(DOCUMENT if scope.startswith(DOCUMENT) else scope) if scope != CORPUS else 0,
        format_func=kinds.get,
        horizontal=True,
        key="topics_scope_kind",
        help=f"Whole corpus: one fit on every body passage. Across sources: the same fit over the terms that "
        f"passages of at least {MIN_SOURCES} sources use, so that no source's own vocabulary makes a topic of "
        "its own. Within one document: a fit on that document's passages alone (the parts of a long text).",
    )
    wanted = kind
    if kind == DOCUMENT:
        current_doc = scope[len(DOCUMENT) :] if scope.startswith(DOCUMENT) else long_docs[0]
        doc = c2.selectbox(
            "Document",
            long_docs,
            index=long_docs.index(current_doc) if current_doc in long_docs else 0,
            format_func=lambda d: f"{titles[d][:70]} ({doc_sources[d]})",
            key="topics_scope_doc",
        )
        wanted = document_scope(doc)
    if wanted != scope:
        set_topics_scope(wanted)
        st.session_state.pop("view_topic_pick", None)
        st.rerun()
if full.topics.empty:
    st.info(f"No topics for this corpus: {md_escape(info.get('skipped', 'not computed'))}.")
    st.stop()

auto_k = int(full.topic_k.loc[full.topic_k["chosen"], "k"].iloc[0]) if full.topic_k["chosen"].any() else info["k"]
unit = "whole documents, then each passage weighed against them" if info["fit_on"] == "documents" else "passages"
if info.get("fit_sample"):
    unit = f"a seeded sample of {number(info['fit_sample'])} whole documents, then each passage weighed against them"
st.caption(
    f"NMF topics {md_escape(scope_description(info, titles))}, of "
    f"{count(int((full.body['topic_id'] != '').sum()), 'body passage')} (terms learned from {unit}). "
    f"K = {info['k']} "
    f"({'chosen automatically' if info['k'] == auto_k else f'set by the analyst; automatic choice {auto_k}'}); "
    f"mean NPMI {info['mean_npmi']:.3f}; topic diversity {info['diversity']:.2f}. "
    f"Every passage has a topic; {int(full.topics['n_low_confidence'].sum())} whose topic holds under "
    f"{info['low_confidence_below']:.0%} of its weight are marked low-confidence. Filters in force: "
    f"{md_escape(subtitle)}."
)
if note := views.update_note(info):
    st.caption(note)

mirror = page.remember("document concentration", lambda: views.document_concentration(full), whole_corpus=True)
mirrored = mirror[mirror["mirrors"]]
if len(mirrored) and not scope.startswith(DOCUMENT):
    lines = [
        f"- topic {r.topic_id} ‘{md_escape(r.label)}’: {number(r.top_passages)} of {count(r.passages, 'passage')} "
        f"({r.top_share:.0%}) from ‘{md_escape(r.top_title)}’ ({md_escape(r.top_source)})"
        for r in mirrored.itertuples()
    ]
    st.warning(
        f"**{number(len(mirrored))} of {count(len(mirror), 'topic')} mostly "
        f"{plural(len(mirrored), 'mirrors', 'mirror')} one document**, more than {views.MIRROR_SHARE:.0%} of "
        f"{plural(len(mirrored), 'its', 'their')} passages coming from it:\n"
        + "\n".join(lines)
        + f"\n\nWith {count(len(full.documents), 'document')}, such topics describe a document rather than a "
        "subject the sources share: compare sources on them with care, and read the themes (Overview) for what "
        "cuts across documents."
        + (
            " Or fit them **Across sources** (above), over the words at least two sources use, or **Within one "
            "document**, for the parts of one long text."
            if scope == CORPUS
            else ""
        )
    )

options = [None, *range(2, min(20, len(full.body) // 4) + 1)]
current = topics_k_choice()
asked_k = st.query_params.get("k", "")
if asked_k and (current is None or current not in options) and asked_k != st.session_state.get("topics_k_noted"):
    st.session_state["topics_k_noted"] = asked_k
    allowed = f"not a number of topics this corpus allows (2 to {options[-1]}): K is chosen automatically"
    viewstate.note_dropped("K", [asked_k], allowed)
c1, c2 = st.columns([2, 3])
choice = c1.selectbox(
    "Number of topics",
    options,
    index=options.index(current) if current in options else 0,
    format_func=lambda k: f"Automatic (K = {auto_k})" if k is None else f"K = {k}",
    key="topics_k_widget",
)
if choice != current:
    set_topics_k(choice)
    st.rerun()

sizes = page.remember("topic sizes", lambda: views.topic_sizes(view))
left, right = st.columns([3, 2])
with left:
    picked = page.chart(
        "map",
        lambda: charts.intertopic_map(sizes, full.topic_map, subtitle, width=WIDE),
        select=True,
        room=WIDE,
    )
    for point in clicks.new_points(picked, "map")[:1]:  # a bubble opens its passages below
        data = point.get("customdata")
        if isinstance(data, list) and len(data) == 4 and int(data[3]) in set(full.topics["topic_id"]):
            st.session_state["view_topic_pick"] = int(data[3])
    st.caption("Click a bubble to list its passages below.")
with right:
    st.markdown("**Topics at a glance**")
    st.dataframe(
        sizes[["topic_id", "label", "n_filtered", "share_filtered", "npmi"]],
        hide_index=True,
        column_config={
            "topic_id": st.column_config.NumberColumn("id", width="small"),
            "label": st.column_config.TextColumn("label", width="medium"),
            "n_filtered": st.column_config.NumberColumn("passages", help="Body passages under the filters"),
            "share_filtered": st.column_config.ProgressColumn("share", format="percent", min_value=0, max_value=1),
            "npmi": st.column_config.NumberColumn("NPMI", format="%.2f", help="Coherence of the top 10 terms"),
        },
    )
    table_downloads(sizes, "topics", "dl_topics")
    page.chart("kcurve", lambda: charts.k_curve(full.topic_k, info["k"]), whole_corpus=True, room=HALF)

terms_from = {CORPUS: "terms from the whole corpus", SOURCES: "terms that at least two sources use"}.get(
    scope, "terms from this document"
)
page.chart(
    "terms",
    lambda: charts.term_bars(full.topic_terms, full.topics, subtitle=terms_from, width=FULL),
    whole_corpus=True,
)

topical = view.documents[view.documents["topic_id"] != ""] if scope.startswith(DOCUMENT) else view.documents
sources = sorted(topical["source"].unique())  # within one document: its source, not empty columns
by_source = page.remember("topic by source", lambda: views.topic_by_source(view))
page.chart("by_source", lambda: charts.topic_source_heatmap(by_source, full.topics, sources, subtitle))
by_theme = page.remember("topic by theme", lambda: views.topic_by_theme(view))
if not by_theme.empty:
    page.chart("by_theme", lambda: charts.topic_theme_heatmap(by_theme, full.topics, subtitle))
over_time = page.remember("topics over time", lambda: views.topic_over_time(view))
if not over_time.empty:
    page.chart("over_time", lambda: charts.topics_over_time(over_time, subtitle))

st.subheader("Passages of a topic")
labels = dict(zip(full.topics["topic_id"], full.topics["label"], strict=True))
topic_id = viewstate.choice(
    st.selectbox, "Topic", list(labels), "topic_pick", "topic", format_func=lambda t: f"{t}: {labels[t]}"
)
if topic_id != next(iter(labels)):
    clicks.chip(f"Topic {topic_id}: {labels[topic_id]}", "map", reset={"topic_pick": next(iter(labels))})
rows = page.remember("passages of a topic", lambda: views.passages_of_topic(view, topic_id), topic_id)
row = full.topics.set_index("topic_id").loc[topic_id]
top_terms = md_escape(row["top_terms"].replace(";", ", "))
st.caption(f"{count(len(rows), 'passage')} under the filters, strongest first. Top terms: {top_terms}.")
page.linked_table(
    rows,
    ["source", "topic_weight", "topic_confidence", "text", "section"],
    "text",
    "passage",
    config={
        "topic_weight": st.column_config.ProgressColumn("weight", format="percent", min_value=0, max_value=1),
        "topic_confidence": st.column_config.TextColumn("confidence"),
    },
)
table_downloads(rows.assign(topic=labels[topic_id]), f"topic {topic_id} passages", "dl_topic")

with st.expander("Rename a topic"):
    st.caption("Names are kept for this corpus and this number of topics, and show in every chart and export.")
    c1, c2, c3 = st.columns([2, 3, 1])
    target = c1.selectbox("Topic", list(labels), format_func=lambda t: f"{t}: {labels[t]}", key="rename_pick")
    auto = full.topics.set_index("topic_id").loc[target, "auto_label"]
    name = c2.text_input("New name (empty restores the automatic label)", key="rename_text", placeholder=auto)
    if c3.button("Save name", key="rename_save"):
        try:
            save_name(topic_names_path(full), full.topics, int(target), name)
        except NamesError as exc:
            st.error(md_escape(str(exc)))
        else:
            st.rerun()
