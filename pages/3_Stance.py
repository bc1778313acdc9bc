"""Stance: how each source portrays the actors it names and where it stands, with the sentences."""

import streamlit as st

from analysis.charts import stance_heatmap, top_evaluated_actors, voices_heatmap
from analysis.overview import source_of
from analysis.plotting import stance as charts
from analysis.stance.propositions import PropositionSet, aggregate_propositions
from analysis.stance.stage import aggregate_stance
from dashboard.exports import table_downloads
from dashboard.layout import page_setup
from dashboard.render import evidence_html, md_escape

page = page_setup("Stance", "⚖️")
view = page.view
subtitle = page.filters.describe()

st.title("⚖️ Stance")
st.caption(
    "How each source portrays the actors it names, in its own voice: from −1 (aggressor, threat, wrongdoer) to +1 "
    "(partner, ally, praised). Each cue is attached to the actor it is about through the sentence's grammar: in "
    "'the Council calls on Israel to respect the law' the appeal counts against Israel, and in 'Russia's invasion "
    "of Ukraine' the act counts against Russia only. What a text quotes others saying is shown apart, below. A cell "
    "backed by fewer than 3 evaluative sentences is grey: too little evidence to colour. Every cell opens to its "
    f"sentences below. Filters in force: {md_escape(subtitle)}."
)
evidence = page.remember(
    "stance evidence with sources",
    lambda: view.stance_evidence.assign(source=lambda f: f["doc_id"].map(source_of(view))),
)
if evidence.empty:
    st.info("No sentence under these filters names an actor.")
    st.stop()

stance = page.remember("stance by source", lambda: aggregate_stance(view.stance_evidence, view.documents, by="source"))
sources = sorted(view.documents["source"].unique())
default_actors = page.remember("top evaluated actors", lambda: top_evaluated_actors(stance))
actors = st.multiselect(
    "Actors in the heatmap", sorted(stance["target"].unique()), default=default_actors, key="stance_actors"
)
chosen = tuple(actors or default_actors)
page.chart("heatmap", lambda: stance_heatmap(view, page.filters, list(chosen)), chosen)

voices_fig = page.remember("voices figure", lambda: voices_heatmap(view, page.filters, list(chosen)), chosen)
if voices_fig is not None:
    with st.expander("What the quoted voices say (apart from the sources' own stance)", expanded=False):
        page.chart("voices", lambda: voices_fig, chosen)

st.subheader("Evidence")
c1, c2 = st.columns(2)
actor_options = page.remember("actors named", lambda: top_evaluated_actors(stance, n=None, evaluative_only=False))
focus = st.query_params.get("focus", "")
if focus in actor_options and st.session_state.get("ev_actor_focus") != focus:
    st.session_state["ev_actor"] = focus  # a key finding linked here: open its evidence
    st.session_state["ev_actor_focus"] = focus
actor = c1.selectbox("Actor", actor_options, key="ev_actor")
source = c2.selectbox("Source", ["All sources", *sources], key="ev_stance_source")
voice_choice = st.radio(
    "Voice",
    ["The sources' own", "Quoted speakers", "Both"],
    horizontal=True,
    key="ev_voice",
    help="A text's own stance and what it reports others saying are scored apart.",
)
rows = evidence[evidence["target"] == actor]
if voice_choice == "The sources' own":
    rows = rows[rows["voice"] == "author"]
elif voice_choice == "Quoted speakers":
    rows = rows[rows["voice"] != "author"]
if source != "All sources":
    rows = rows[rows["source"] == source]
only_eval = st.toggle("Only sentences that say something evaluative", value=True, key="ev_only")
shown = rows[rows["label"] != "neutral"] if only_eval else rows
shown = shown.reindex(shown["score"].abs().sort_values(ascending=False, kind="stable").index)
st.caption(
    f"{len(rows)} sentences name {md_escape(actor)}; {len(shown)} shown, strongest first. Green: favourable cues; "
    "red: hostile cues; hover a cue for its weight."
)
with st.container(height=420):
    st.html(evidence_html(shown.head(100), page.filter_params()))
table_downloads(
    rows[["source", "target", "voice", "score", "label", "cues", "sentence", "doc_id", "passage_id", "sentence_id"]],
    f"stance evidence {actor}",
    "dl_evidence",
)

left, right = st.columns(2)
with left:
    page.chart("actor", lambda: charts.actor_comparison(stance, actor, page.colors, subtitle), actor)
with right:

    def _dated():
        dated = evidence.merge(view.documents[["doc_id", "published"]], on="doc_id")
        return dated[dated["published"] != ""].assign(year=lambda f: f["published"].str[:4].astype(int))

    dated = page.remember("dated stance evidence", _dated)
    if dated[dated["target"] == actor]["year"].nunique() >= 1:
        page.chart("time", lambda: charts.stance_over_time(dated, actor, subtitle), actor)
    else:
        st.info(f"No dated document names {md_escape(actor)} under these filters.")

st.subheader("Where each source stands")
props = page.remember(
    "positions by source",
    lambda: aggregate_propositions(
        view.proposition_evidence, view.documents, PropositionSet.from_yaml(page.config.propositions), by="source"
    ),
)
page.chart("propositions", lambda: charts.proposition_matrix(props, sources, subtitle))
with st.expander("Sentences behind the positions"):
    pev = page.remember(
        "position sentences",
        lambda: view.proposition_evidence.assign(source=lambda f: f["doc_id"].map(source_of(view))),
    )
    page.linked_table(
        pev, ["proposition", "source", "score", "sentence", "cues"], "sentence", download="position sentences"
    )

st.subheader("Recommendations")
recs = page.remember(
    "recommendations",
    lambda: view.recommendations.assign(**{"who should act": view.recommendations["actor"].replace("", "(unnamed)")}),
)
if recs.empty:
    st.info("No sentence prescribes action under these filters.")
else:
    st.caption(
        f"{len(recs)} sentences prescribe action ('should', 'must', 'needs to', 'First, designate …'); "
        "'against' marks advice not to act."
    )
    page.linked_table(recs, ["source", "who should act", "kind", "sentence"], "sentence")
    table_downloads(recs, "recommendations", "dl_recs")
