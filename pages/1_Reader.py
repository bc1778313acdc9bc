"""Reader: every document with its structure, debris marked, actors highlighted."""

import streamlit as st

from analysis.doclist import PER_PAGE, document_page
from analysis.numbers import count, number, plural
from dashboard import viewstate
from dashboard.layout import page_setup
from dashboard.render import document_html, md_escape, scroll_script, section_list_html
from dashboard.search import query_of, search_index

page = page_setup("Reader", "📖")
view, full = page.view, page.bundle

st.title("📖 Reader")
docs = view.documents
if docs.empty:
    st.info("No document matches the filters. Widen them in the sidebar.")
    st.stop()

wanted = st.query_params.get("doc", "")
new_link = bool(wanted) and wanted != st.session_state.get("reader_doc_param")
if len(docs) > PER_PAGE:  # a page of the list at a time: every label on every run is too much at scale
    if new_link and wanted in set(docs["doc_id"]):
        st.session_state["reader_find"] = ""  # a followed link opens its document whatever was searched
    c1, c2 = st.columns([3, 1])
    find = c1.text_input("Find a document", key="reader_find", placeholder="part of its title, source or id")
    if find != st.session_state.get("reader_find_seen", ""):
        st.session_state["reader_find_seen"] = find
        st.session_state["reader_page"] = 1
    holding = wanted if new_link else ""
    listing = document_page(docs, find, int(st.session_state.get("reader_page", 1)), holding=holding)
    st.session_state["reader_page"] = listing.page
    c2.number_input("Page", min_value=1, max_value=listing.pages, step=1, key="reader_page")
    first = (listing.page - 1) * PER_PAGE
    st.caption(
        f"Documents {number(first + 1)}–{number(first + len(listing.rows))} of {count(listing.matched, 'document')}"
        f"{' matching ‘' + md_escape(find) + '’' if find.strip() else ''} under the filters (page "
        f"{number(listing.page)} of {number(listing.pages)})."
    )
    if listing.rows.empty:
        st.info("No document's title, source or id contains this. Clear the search box.")
        st.stop()
    listed = listing.rows
else:
    listed = docs
labels = {d: f"{s} — {t}" for d, s, t in zip(listed["doc_id"], listed["source"], listed["title"], strict=True)}
if new_link and wanted not in labels:
    hidden = wanted in set(full.documents["doc_id"])
    viewstate.note_dropped(
        "document", [wanted], ("hidden by the filters" if hidden else "not in this corpus") + ": showing another"
    )
if st.session_state.get("reader_doc") not in labels:
    st.session_state["reader_doc"] = wanted if wanted in labels else next(iter(labels))
elif wanted in labels and new_link:
    st.session_state["reader_doc"] = wanted
st.session_state["reader_doc_param"] = wanted


def _doc_changed() -> None:
    st.query_params["doc"] = st.session_state["reader_doc"]
    if "passage" in st.query_params:
        del st.query_params["passage"]
    st.session_state["reader_doc_param"] = st.session_state["reader_doc"]


doc_id = st.selectbox("Document", list(labels), format_func=labels.get, key="reader_doc", on_change=_doc_changed)
doc = docs.set_index("doc_id").loc[doc_id]
linked = st.query_params.get("passage", "")

st.subheader(md_escape(doc["title"]))
published = doc["published"] or "undated"
st.caption(
    f"**{md_escape(doc['source'])}** · {md_escape(doc['kind'] or 'kind unknown')} · published "
    f"{md_escape(published)} · {md_escape(doc_id)}"
)
if doc["date_note"]:
    st.caption(f"Date: {md_escape(doc['date_note'])}")

passages = view.passages[view.passages["doc_id"] == doc_id]
all_body = full.body[full.body["doc_id"] == doc_id]
shown_body = passages[passages["role"] == "body"]
c1, c2 = st.columns([2, 1])
show_debris = viewstate.flag(
    c2.toggle, "Show headings, captions, notes and references", "reader_debris", "debris", default=True
)
if page.filters.themes or page.filters.actors:
    c1.info(
        f"{number(len(shown_body))} of {count(len(all_body), 'body passage')} "
        f"{plural(len(shown_body), 'matches', 'match')} the theme/actor filters; the others are hidden."
    )
else:
    debris = passages[passages["role"] != "body"]
    c1.caption(
        f"{count(len(shown_body), 'body passage')} {plural(len(shown_body), 'feeds', 'feed')} the analyses; "
        f"{count(len(debris), 'other block')} (headings, captions, "
        "footnotes, references…) are shown greyed and never counted."
    )

sections = [s for s in passages.loc[passages["role"] == "heading", "text"]]
if sections:
    with st.expander(f"Sections ({len(sections)})"):
        st.html(section_list_html(sections))

typed = viewstate.text(
    st.text_input,
    "Mark words in the text",
    "reader_q",
    "q",
    placeholder='words, "phrases", actor:Name, theme:Name (as on the Search page)',
)
spans: dict[str, list[tuple[int, int, str]]] = {}
if typed.strip():
    query = query_of(full, typed)
    if query.unknown:
        st.warning(f"Not in this corpus, so not marked: {md_escape(', '.join(query.unknown))}.")
    if query:
        index = search_index(full)
        roles = passages["role"].unique() if show_debris else ["body", "heading", "title"]
        hits = index.find(query, view, roles)
        here = set(passages["passage_id"])
        spans = {p: v for p, v in index.spans_by_passage(hits).items() if p in here}
        n_here = sum(len(v) for v in spans.values())
        st.caption(
            f"{count(n_here, 'hit')} of {md_escape(query.text)} in {count(len(spans), 'passage')} of this document, "
            f"marked in yellow; {count(len(hits), 'hit')} in all the documents under the filters."
        )
        st.page_link(
            "pages/6_Search.py",
            label="Every hit in context on the Search page",
            icon="🔎",
            query_params={**page.filter_params(), "q": query.text},
        )

if not show_debris:
    passages = passages[passages["role"].isin(["body", "heading", "title"])]
shown_ids = set(passages["passage_id"])
target = ""
if linked:
    if linked in shown_ids:
        st.markdown(f"**Linked passage** {md_escape(linked)}: scrolled to and marked in orange below.")
        target = linked
    elif linked in set(full.passages["passage_id"]):
        owner = full.passages.loc[full.passages["passage_id"] == linked, "doc_id"].iloc[0]
        why = "hidden by the filters or the switch above" if owner == doc_id else "in another document"
        viewstate.note_dropped("passage", [linked], why + ", so the page does not scroll to it")
    else:
        viewstate.note_dropped("passage", [linked], "not in this corpus, so the page does not scroll to it")
if not target and spans:
    target = next(p for p in passages["passage_id"] if p in spans)  # the first hit
mentions = view.mentions[view.mentions["doc_id"] == doc_id]
st.html(document_html(passages, mentions, linked=linked, hits=spans))
if target:
    st.html(scroll_script(target), unsafe_allow_javascript=True)
