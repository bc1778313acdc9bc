"""The dashboard's charts as recipes: filtered bundle in, figure out.

A recipe joins the table a page computes to the builder that draws it, so the
page, the PNG/SVG export and the briefing show the same figure from the same
rows. Pages may add widgets (an actor list, a lane switch); those are plain
parameters here.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from analysis import facet_query
from analysis.bundle import Bundle
from analysis.filters import Filters
from analysis.plotting import overview as overview_plots
from analysis.plotting import stance as stance_plots
from analysis.plotting import topics as topic_plots
from analysis.plotting.style import source_colors
from analysis.plotting.timeline import timeline_chart, timeline_density
from analysis.stance.propositions import PropositionSet, aggregate_propositions
from analysis.stance.stage import aggregate_stance, aggregate_voices
from analysis.timeline.events import from_context
from analysis.topics import views as topic_views


@dataclass(frozen=True)
class Chart:
    """A named figure: ``key`` names its files, ``title`` its place in a briefing."""

    key: str
    title: str
    figure: go.Figure


def top_evaluated_actors(stance: pd.DataFrame, n: int | None = 14, evaluative_only: bool = True) -> list[str]:
    """Actors with the most favourable-or-hostile sentences first: the ones a stance heatmap is about.
    ``evaluative_only=False`` keeps the actors only ever named neutrally, at the end."""
    evaluative = stance.assign(n_eval=stance["n_positive"] + stance["n_negative"]).groupby("target")["n_eval"].sum()
    ranked = evaluative.sort_values(ascending=False, kind="stable")
    return [a for a in ranked.index if ranked[a] > 0 or not evaluative_only][:n]


def stance_heatmap(view: Bundle, filters: Filters, actors: list[str] | None = None) -> go.Figure | None:
    if view.stance_evidence.empty:
        return None
    stance = aggregate_stance(view.stance_evidence, view.documents, by="source")
    chosen = actors or top_evaluated_actors(stance) or sorted(stance["target"].unique())[:14]
    sources = sorted(view.documents["source"].unique())
    return stance_plots.stance_heatmap(stance, sources, chosen, filters.describe())


def voices_heatmap(view: Bundle, filters: Filters, actors: list[str] | None = None) -> go.Figure | None:
    """What the speakers the texts quote say of the actors: apart from the sources' own stance."""
    voices = aggregate_voices(view.stance_evidence, view.documents, by="voice")
    if voices.empty:
        return None
    stance = aggregate_stance(view.stance_evidence, view.documents, by="source")
    chosen = actors or top_evaluated_actors(voices.assign(source=voices["voice"])) or top_evaluated_actors(stance)
    return stance_plots.voices_heatmap(voices, chosen, filters.describe())


def proposition_matrix(view: Bundle, filters: Filters, propositions: PropositionSet) -> go.Figure | None:
    if view.proposition_evidence.empty:
        return None
    props = aggregate_propositions(view.proposition_evidence, view.documents, propositions, by="source")
    sources = sorted(view.documents["source"].unique())
    return stance_plots.proposition_matrix(props, sources, filters.describe())


def discrepant_events(view: Bundle) -> dict[str, str]:
    """event_id → group_id for the mentions of events whose sources disagree on the date."""
    groups = view.event_groups
    bad = set(groups.loc[groups["discrepancy"].astype(bool), "group_id"])
    return {
        e: g for g, ids in zip(groups["group_id"], groups["event_ids"], strict=True) if g in bad for e in ids.split(";")
    }


def timeline_events(view: Bundle, years: tuple[int, int] | None = None, relative: bool = True) -> pd.DataFrame:
    """Resolved dated mentions, optionally only those overlapping ``years`` (inclusive); ``relative=False``
    leaves out the dates resolved from the publication date or the narrative ("Thursday", "in May")."""
    events = view.events[view.events["resolved"].astype(bool)].copy()
    if not relative:
        events = events[~from_context(events)]
    if years and len(events):
        lo, hi = years
        end_year = events["date_end"].str[:4].astype(int)
        start_year = events["date_start"].str[:4].astype(int)
        events = events[(end_year >= lo) & (start_year <= hi)]
    return events


# Past this many dated mentions one bar per mention is a solid block: count them per year instead.
DRAWN_MENTIONS = 400


def timeline(
    view: Bundle,
    filters: Filters,
    colors: dict[str, str],
    lane: str = "source",
    years: tuple[int, int] | None = None,
    max_drawn: int = DRAWN_MENTIONS,
    relative: bool = True,
) -> go.Figure | None:
    events = timeline_events(view, years, relative)
    if events.empty:
        return None
    if lane == "theme":
        events["theme"] = events["themes"].replace("", "(no theme)").str.split(";")
        events = events.explode("theme")
    if events["event_id"].nunique() > max_drawn:
        return timeline_density(events, lane, filters.describe())
    return timeline_chart(events, lane, colors, discrepant_events(view), filters.describe())


def topic_source_heatmap(full: Bundle, view: Bundle, filters: Filters) -> go.Figure | None:
    if full.topics.empty:
        return None
    sources = sorted(view.documents["source"].unique())
    return topic_plots.topic_source_heatmap(topic_views.topic_by_source(view), full.topics, sources, filters.describe())


def term_bars(full: Bundle) -> go.Figure | None:
    if full.topics.empty:
        return None
    return topic_plots.term_bars(full.topic_terms, full.topics, subtitle="terms from the whole corpus")


def theme_heatmap(full: Bundle, filters: Filters) -> go.Figure | None:
    counts = facet_query.theme_by_source(full, filters)  # the build-time facets, not a scan of passages
    if counts.empty:
        return None
    order = counts.groupby("theme")["passages"].sum().sort_values(ascending=False, kind="stable")
    sources = sorted(facet_query.documents_in(full, filters)["source"].unique())
    return overview_plots.theme_heatmap(counts, sources, list(order.index), filters.describe())


# The views a briefing can hold, in the order it prints them, with the charts in each.
BRIEFING_VIEWS = {
    "findings": "Key findings",
    "stance": "Stance towards actors",
    "propositions": "Where each source stands",
    "timeline": "Timeline of events",
    "topics": "Topics",
    "themes": "Themes by source",
    "quotes": "Evidence quotes",
}


def briefing_charts(
    full: Bundle, view: Bundle, filters: Filters, propositions: PropositionSet, views: list[str]
) -> list[tuple[str, Chart]]:
    """(view, chart) pairs for the chosen views; views with nothing to draw under the filters are skipped."""
    colors = source_colors(full.documents["source"].tolist())
    recipes = {
        "stance": [
            ("stance-heatmap", "Stance heatmap", lambda: stance_heatmap(view, filters)),
            ("quoted-voices", "What quoted voices say", lambda: voices_heatmap(view, filters)),
        ],
        "propositions": [
            ("propositions", "Positions on propositions", lambda: proposition_matrix(view, filters, propositions))
        ],
        "timeline": [("timeline", "Timeline", lambda: timeline(view, filters, colors))],
        "topics": [
            ("topics-by-source", "Topics by source", lambda: topic_source_heatmap(full, view, filters)),
            ("topic-terms", "Topic terms", lambda: term_bars(full)),
        ],
        "themes": [("themes", "Themes by source", lambda: theme_heatmap(full, filters))],
    }
    out = []
    for name in views:
        for key, title, make in recipes.get(name, []):
            fig = make()
            if fig is not None:
                out.append((name, Chart(key, title, fig)))
    return out
