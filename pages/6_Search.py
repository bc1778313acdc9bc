"""Search: every occurrence of words, phrases, actors or themes under the filters, in context."""

import streamlit as st

from analysis.numbers import count
from analysis.plotting import search as charts
from analysis.search import SEARCHED_ROLES, SORTS
from dashboard import viewstate
from dashboard.exports import table_downloads
from dashboard.layout import page_setup
from dashboard.render import md_escape, reader_links
from dashboard.search import query_of, search_index

SHOWN = 5_000  # rows of the KWIC table; the counts and charts always use every hit

page = page_setup("Search", "🔎")
view, full = page.view, page.bundle
subtitle = page.filters.describe()

st.title("🔎 Search")
st.caption(
    "Every occurrence of what you search, in the documents the sidebar filters select, with the words either side "
    f"(keywords in context), where it stands and how often it comes up. Filters in force: {md_escape(subtitle)}."
)
typed = viewstate.text(
    st.text_input,
    "Search the corpus",
    "search_q",
    "q",
    placeholder='e.g.  "Mediterranean Dialogue"  actor:Iran  theme:Turkey  nucle*',
)
st.caption(
    'Words match whole and in any case; "quoted words" match as a phrase; `*` stands for any letters (`nucle*`); '
    "`actor:Name` finds every mention of an actor, aliases included (`actor:Turkey` finds “Ankara”); `theme:Name` "
    "finds the cue phrases that tagged passages with a theme. Terms separated by spaces are searched side by side."
)
c1, c2, c3 = st.columns([2, 2, 2])
mode = viewstate.choice(
    c1.radio,
    "Passages holding",
    ["any", "every"],
    "search_match",
    "match",
    format_func=lambda m: f"{m} term",
    horizontal=True,
)
sort = viewstate.choice(c2.selectbox, "Sort the lines by", list(SORTS), "search_sort", "sort", format_func=SORTS.get)
everywhere = viewstate.flag(
    c3.toggle,
    "Also notes, captions and references",
    "search_everywhere",
    "everywhere",
    False,
    help="By default the text the analyses read: body passages, titles and headings.",
)

query = query_of(full, typed)
if query.unknown:
    st.warning(
        f"Not in this corpus, so not searched: {md_escape(', '.join(query.unknown))}. Actors are those the gazetteer "
        "finds in the texts (see the sidebar's Actors list); themes those of the taxonomy that tag a passage."
    )
if not query:
    actors = full.mentions["actor"].value_counts().index[:5]
    themes = full.passage_themes["theme"].value_counts().index[:3]
    examples = ", ".join(md_escape(f"actor:{a}" if " " not in a else f'actor:"{a}"') for a in actors)
    examples += "".join(", " + md_escape(f'theme:"{t}"') for t in themes)
    st.info("Type a word, a phrase or a name above." + (f" Most named in this corpus: {examples}." if examples else ""))
    st.stop()

index = search_index(full)
roles = sorted(full.passages["role"].unique()) if everywhere else SEARCHED_ROLES
hits = index.find(query, view, roles, every_term=mode == "every")
summary = index.summary(hits)
n_passages = len(set(hits.passage.tolist()))
n_docs = len(set(index.doc[hits.passage].tolist()))
st.subheader(md_escape(query.text))
st.markdown(
    f"**{count(len(hits), 'hit')}** in {count(n_passages, 'passage')} of {count(n_docs, 'document')}"
    + (" (passages holding every term)" if mode == "every" and len(query.terms) > 1 else "")
    + "."
)
st.dataframe(
    summary,
    hide_index=True,
    column_config={
        "term": st.column_config.TextColumn("term"),
        "hits": st.column_config.NumberColumn("hits", format="localized"),
        "passages": st.column_config.NumberColumn("passages", format="localized"),
        "documents": st.column_config.NumberColumn("documents", format="localized"),
        "per_10k_words": st.column_config.NumberColumn(
            "per 10,000 words", format="%.2f", help="Hits per 10,000 words of the searched text under the filters"
        ),
    },
)

st.subheader("Keywords in context")
if not len(hits):
    st.info("No hit under these filters. Widen the filters, drop a term, or try a word beginning with `*`.")
else:
    rows = index.kwic(hits, sort=sort, limit=SHOWN)
    shown = rows.assign(reader=reader_links(rows, {**page.filter_params(), "q": [query.text]}))
    many = len(hits) > SHOWN
    st.caption(
        (f"The first {count(SHOWN, 'line')} of {count(len(hits), 'hit')}" if many else count(len(rows), "line"))
        + f", by {SORTS[sort]}. Click a column to sort by it; ‘open’ shows the passage in the Reader with the hits "
        "marked."
    )
    columns = (["term"] if len(query.terms) > 1 else []) + ["left", "hit", "right", "source", "published", "section"]
    st.dataframe(
        shown[[*columns, "reader"]],
        hide_index=True,
        column_config={
            "left": st.column_config.TextColumn("left context", width="large", alignment="right"),
            "hit": st.column_config.TextColumn("hit", width="medium"),
            "right": st.column_config.TextColumn("right context", width="large"),
            "published": st.column_config.TextColumn("published", width="small"),
            "reader": st.column_config.LinkColumn("read", display_text="open"),
        },
        key="kwic_table",
    )
    table_downloads(rows, f"kwic {query.text}", "dl_kwic")

st.subheader("Trends")
relative = viewstate.flag(
    st.toggle,
    "Per 10,000 words (off: raw hits)",
    "search_relative",
    "per10k",
    True,
    help="Sources and years differ in length: a rate compares them fairly.",
)
asked = (typed, mode, everywhere)  # what decides the hits, besides the filters: the charts' memo key
by_year = index.frequency(hits, "year")
by_source = index.frequency(hits, "source")
if by_year.empty:
    st.info("No dated document under these filters: frequency by source only.")
else:
    page.chart("trends", lambda: charts.trends_chart(by_year, relative, subtitle), *asked, relative)
page.chart("by_source", lambda: charts.by_source_chart(by_source, relative, subtitle), *asked, relative)
with st.expander("The counts behind the charts"):
    st.dataframe(by_year, hide_index=True)
    table_downloads(by_year, f"frequency by year {query.text}", "dl_freq_year")
    st.dataframe(by_source, hide_index=True)
    table_downloads(by_source, f"frequency by source {query.text}", "dl_freq_source")
