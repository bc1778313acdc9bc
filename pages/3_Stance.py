"""Stance: how each source portrays the actors it names and where it stands, with the sentences."""

import streamlit as st

from analysis.briefing.methods import stance_reliability
from analysis.charts import stance_heatmap, top_evaluated_actors, voices_heatmap
from analysis.numbers import count, number, plural
from analysis.overview import source_of
from analysis.plotting import stance as charts
from analysis.stance.propositions import PropositionSet, aggregate_propositions
from analysis.stance.stage import aggregate_stance
from dashboard import clicks, viewstate
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
actors = viewstate.choices(
    st.multiselect,
    "Actors in the heatmap",
    sorted(stance["target"].unique()),
    "stance_actors",
    "shown",
    default=default_actors,
)
chosen = tuple(actors or default_actors)
actor_options = page.remember("actors named", lambda: top_evaluated_actors(stance, n=None, evaluative_only=False))
picked = page.chart("heatmap", lambda: stance_heatmap(view, page.filters, list(chosen)), chosen, select=True)
for point in clicks.new_points(picked, "heatmap")[:1]:  # a cell opens its sentences below
    cell = clicks.cell(point, sources, actor_options)
    if cell:
        st.session_state["view_ev_stance_source"], st.session_state["view_ev_actor"] = cell
        st.session_state["view_ev_voice"] = "own"  # the heatmap is the sources' own voice
st.caption("Click a cell to read its sentences in the evidence panel below.")
with st.expander("How far to trust these colours"):
    st.markdown(stance_reliability())

voices_fig = page.remember("voices figure", lambda: voices_heatmap(view, page.filters, list(chosen)), chosen)
if voices_fig is not None:
    with st.expander("What the quoted voices say (apart from the sources' own stance)", expanded=False):
        page.chart("voices", lambda: voices_fig, chosen)

st.subheader("Evidence")
c1, c2 = st.columns(2)
# ?focus= opens an actor's evidence (the key findings link here with it).
actor = viewstate.choice(c1.selectbox, "Actor", actor_options, "ev_actor", "focus", what="actor")
source = viewstate.choice(c2.selectbox, "Source", ["All sources", *sources], "ev_stance_source", "in_source")
VOICES = {"own": "The sources' own", "quoted": "Quoted speakers", "both": "Both"}
voice = viewstate.choice(
    st.radio,
    "Voice",
    list(VOICES),
    "ev_voice",
    "voice",
    format_func=VOICES.get,
    horizontal=True,
    help="A text's own stance and what it reports others saying are scored apart.",
)
voice_choice = VOICES[voice]
if source != "All sources":
    clicks.chip(
        f"{source} on {actor}",
        "heatmap",
        reset={"ev_actor": actor_options[0], "ev_stance_source": "All sources"},
        filters={"sources": [source], "actors": [actor]},
    )
rows = evidence[evidence["target"] == actor]
if voice_choice == "The sources' own":
    rows = rows[rows["voice"] == "author"]
elif voice_choice == "Quoted speakers":
    rows = rows[rows["voice"] != "author"]
if source != "All sources":
    rows = rows[rows["source"] == source]
only_eval = viewstate.flag(
    st.toggle, "Only sentences that say something evaluative", "ev_only", "evaluative", default=True
)
shown = rows[rows["label"] != "neutral"] if only_eval else rows
shown = shown.reindex(shown["score"].abs().sort_values(ascending=False, kind="stable").index)
st.caption(
    f"{count(len(rows), 'sentence')} {plural(len(rows), 'names')} {md_escape(actor)}; {number(len(shown))} shown, "
    "strongest first. Green: favourable cues; "
    "red: hostile cues; hover a cue for its weight."
)
with st.container(height=420):
    st.html(evidence_html(shown.head(100), page.filter_params()))
table_downloads(
    rows[["source", "target", "voice", "score", "label", "cues", "sentence", "doc_id", "passage_id", "sentence_id"]],
    f"stance evidence {actor}",
    "dl_evidence",
)

# Full width, one under the other: side by side on a 1,024-px screen the source names leave the bars
# no room and the scale's words fall on the caption.
page.chart("actor", lambda: charts.actor_comparison(stance, actor, page.colors, subtitle), actor)


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
        f"{count(len(recs), 'sentence')} {plural(len(recs), 'prescribes', 'prescribe')} action "
        "('should', 'must', 'needs to', 'First, designate …'); "
        "'against' marks advice not to act."
    )
    page.linked_table(recs, ["source", "who should act", "kind", "sentence"], "sentence")
    table_downloads(recs, "recommendations", "dl_recs")
