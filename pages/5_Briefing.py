"""Briefing: pick the views and the quotes, download one PDF or HTML document."""

import hashlib

import streamlit as st

from analysis.briefing.compose import (
    QUOTES_OFFERED,
    candidate_quotes,
    compose_briefing,
    default_quotes,
    default_title,
    offered_quotes,
)
from analysis.briefing.render import briefing_bytes
from analysis.charts import BRIEFING_VIEWS
from analysis.findings import key_findings
from analysis.numbers import count, number, plural
from analysis.plotting.export import renderer_problem
from analysis.stance.propositions import PropositionSet
from dashboard import viewstate
from dashboard.data import seed_bundle
from dashboard.exports import table_downloads
from dashboard.layout import page_setup
from dashboard.render import md_escape

page = page_setup("Briefing", "📄")
view, full = page.view, page.bundle
subtitle = page.filters.describe()
propositions = PropositionSet.from_yaml(page.config.propositions)

st.title("📄 Briefing")
st.caption(
    "One document to hand on: a title page with the filters in force, the key findings, the charts with their "
    "captions, the quotes you choose with their citations, and a methods note with measured accuracy. "
    f"Filters in force: {md_escape(subtitle)} (change them in the sidebar)."
)

title = viewstate.text(st.text_input, "Title", "brief_title", "title", default=default_title(full, view))
views = viewstate.choices(
    st.multiselect,
    "Views in the briefing",
    list(BRIEFING_VIEWS),
    "brief_views",
    "views",
    default=list(BRIEFING_VIEWS),
    format_func=BRIEFING_VIEWS.get,
)

findings = page.remember("findings", lambda: key_findings(view, propositions))
if "findings" in views:
    st.subheader("Key findings")
    if findings:
        st.markdown("\n".join(f"- {md_escape(f.text)}" for f in findings))
    else:
        st.info("No finding under these filters.")

candidates = page.remember("candidate quotes", lambda: candidate_quotes(view))
chosen: list[str] = []
if "quotes" in views:
    st.subheader("Evidence quotes")
    if candidates.empty:
        st.info("No quotable sentence under these filters.")
    else:
        defaults = page.remember("default quotes", lambda: list(default_quotes(candidates, findings)))
        known = page.remember("quote ids", lambda: frozenset(candidates["quote_id"].tolist()))
        asked = viewstate.linked("quotes", known, "quotes")
        preset = set(defaults if asked is None else asked)
        st.caption(
            f"{count(len(candidates), 'sentence')} {plural(len(candidates), 'carries', 'carry')} a position, a stance, "
            "a recommendation or a date. Ticked: the "
            "sentences behind the key findings, then the strongest of each kind. Tick or untick; the briefing "
            "keeps this order."
        )
        listed = page.remember("quotes listed", lambda: offered_quotes(candidates, preset), tuple(sorted(preset)))
        if len(listed) < len(candidates):
            st.caption(
                f"Listed: the ticked sentences and the strongest {number(QUOTES_OFFERED)} of each kind "
                f"({number(len(listed))} of {number(len(candidates))}); narrow the filters to list others."
            )
        table = listed.assign(include=listed["quote_id"].isin(preset))
        table = table.sort_values("include", ascending=False, kind="stable")
        # The editor's state belongs to one filtered view: new filters, new candidates, new defaults.
        # A link bringing other quotes starts the editor afresh too.
        state = f"{subtitle}|{full.info.get('corpus_hash', '')}|{sorted(preset)}"
        state = hashlib.sha1(state.encode()).hexdigest()[:10]
        edited = st.data_editor(
            table[["include", "kind", "about", "source", "sentence", "citation", "quote_id"]],
            hide_index=True,
            disabled=["kind", "about", "source", "sentence", "citation", "quote_id"],
            column_config={
                "include": st.column_config.CheckboxColumn("include", width="small"),
                "sentence": st.column_config.TextColumn("sentence", width="large"),
                "citation": st.column_config.TextColumn("citation", width="medium"),
                "quote_id": None,
            },
            height=360,
            key=f"brief_quotes_{state}",
        )
        chosen = list(edited.loc[edited["include"].astype(bool), "quote_id"])
        viewstate.mirror_values("quotes", chosen, defaults)  # a bookmark keeps the ticks
        st.caption(f"{count(len(chosen), 'quote')} chosen.")
        picked = listed.set_index("quote_id").loc[chosen].reset_index()
        table_downloads(picked[["sentence", "citation", "kind", "about", "source", "quote_id"]], "quotes", "dl_quotes")

st.subheader("Download")
problem = renderer_problem()
if problem:
    st.warning(md_escape(problem))
st.caption(
    f"{count(len(views), 'view')}; the charts are drawn for half a slide and signed with the sources and the "
    "analysis date "
    f"({md_escape(full.info.get('analysed_on', ''))}). Making the document takes a few seconds."
)
snapshot = (list(views), list(chosen), title)


def _document(kind: str) -> bytes:
    views_, quotes_, title_ = snapshot
    briefing = compose_briefing(full, view, page.filters, propositions, views_, quotes_, seed_bundle(), title_)
    return briefing_bytes(briefing, kind)


slug = "".join(ch if ch.isalnum() else "-" for ch in title.lower()).strip("-") or "briefing"
row = st.container(horizontal=True, gap="small")
row.download_button(
    "⬇ PDF briefing",
    lambda: _document("pdf"),
    f"{slug}.pdf",
    "application/pdf",
    key="brief_pdf",
    on_click="ignore",
    type="primary",
    disabled=problem is not None or not views,
)
row.download_button(
    "⬇ HTML briefing",
    lambda: _document("html"),
    f"{slug}.html",
    "text/html",
    key="brief_html",
    on_click="ignore",
    disabled=problem is not None or not views,
)
