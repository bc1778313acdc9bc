"""Reader: every document with its structure, debris marked, actors highlighted."""

import streamlit as st

from dashboard.layout import page_setup
from dashboard.render import document_html, md_escape, section_list_html

page = page_setup("Reader", "📖")
view, full = page.view, page.bundle

st.title("📖 Reader")
docs = view.documents
if docs.empty:
    st.info("No document matches the filters. Widen them in the sidebar.")
    st.stop()

labels = {d: f"{s} — {t}" for d, s, t in zip(docs["doc_id"], docs["source"], docs["title"], strict=True)}
wanted = st.query_params.get("doc", "")
if st.session_state.get("reader_doc") not in labels:
    st.session_state["reader_doc"] = wanted if wanted in labels else next(iter(labels))
elif wanted in labels and wanted != st.session_state.get("reader_doc_param"):
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
show_debris = c2.toggle("Show headings, captions, notes and references", value=True, key="reader_debris")
if page.filters.themes or page.filters.actors:
    c1.info(f"{len(shown_body)} of {len(all_body)} body passages match the theme/actor filters; the others are hidden.")
else:
    debris = passages[passages["role"] != "body"]
    c1.caption(
        f"{len(shown_body)} body passages feed the analyses; {len(debris)} other blocks (headings, captions, "
        "footnotes, references…) are shown greyed and never counted."
    )

sections = [s for s in passages.loc[passages["role"] == "heading", "text"]]
if sections:
    with st.expander(f"Sections ({len(sections)})"):
        st.html(section_list_html(sections))

if linked and linked in set(passages["passage_id"]):
    st.markdown(f"**Linked passage** {md_escape(linked)} is marked in orange below.")
if not show_debris:
    passages = passages[passages["role"].isin(["body", "heading", "title"])]
mentions = view.mentions[view.mentions["doc_id"] == doc_id]
st.html(document_html(passages, mentions, linked=linked))
