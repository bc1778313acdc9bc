"""The event timeline: lanes by source or theme, precision drawn honestly."""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go

from analysis.plotting.style import SEQUENTIAL, esc, finish, heatmap
from analysis.timeline.events import from_context

# Marker per precision: a day is a point, a month a short bar, a year a longer one, so a
# year-only date never looks like a day. Ranges, decades and centuries are drawn as bars.
SYMBOLS = {"day": "circle", "week": "triangle-up", "month": "diamond", "season": "hexagon", "year": "square"}
COARSE = ("range", "decade", "century")


def timeline_chart(
    events: pd.DataFrame, lane: str, colors: dict[str, str], discrepant: set[str], subtitle: str = ""
) -> go.Figure:
    """Every dated mention as a bar from its start to its end, in one lane per source (or theme)."""
    groups_of = discrepant  # event_id -> group_id of events whose sources disagree
    data = events.copy()
    data["start"] = pd.to_datetime(data["date_start"])
    data["end"] = pd.to_datetime(data["date_end"]) + pd.Timedelta(days=1)
    data["context"] = from_context(data)
    lanes = sorted(data[lane].unique())
    fig = go.Figure()
    in_legend: set[str] = set()  # one legend entry per source, on its first drawn trace

    def legend(source: str) -> bool:
        first = source not in in_legend
        in_legend.add(source)
        return first

    for source in sorted(data["source"].unique()):
        part = data[data["source"] == source]
        hover = [_hover(r, discrepant) for r in part.itertuples()]
        for coarse in (True, False):
            for context in (False, True):
                sel = (part["precision"].isin(COARSE) == coarse) & (part["context"] == context)
                bars = part[sel]
                if bars.empty:
                    continue
                # Spans ("the 1990s", "the past two years") are context: thin and pale, so the dated
                # events drawn over them stay readable.
                fig.add_bar(
                    base=bars["start"],
                    x=(bars["end"] - bars["start"]).dt.total_seconds() * 1000,
                    y=bars[lane].map(esc),
                    orientation="h",
                    name=esc(source),
                    legendgroup=source,
                    showlegend=not coarse and legend(source),
                    marker_color=colors.get(source, "#888"),
                    marker_pattern={"shape": "/" if context else "", "solidity": 0.35},
                    marker_line={
                        "width": [2.5 if e in discrepant else 0.5 for e in bars["event_id"]],
                        "color": ["#d73027" if e in discrepant else "#333" for e in bars["event_id"]],
                    },
                    hovertext=[h for h, keep in zip(hover, sel, strict=True) if keep],
                    hoverinfo="text",
                    customdata=bars["event_id"].tolist(),  # a clicked bar names its mention
                    width=0.16 if coarse else 0.5,
                    opacity=(0.2 if context else 0.35) if coarse else (0.45 if context else 0.9),
                )
        for context in (False, True):
            points = part[part["precision"].isin(SYMBOLS) & (part["context"] == context)]
            if points.empty:
                continue
            fig.add_scatter(
                x=points["start"] + (points["end"] - points["start"]) / 2,
                y=points[lane].map(esc),
                mode="markers",
                marker={
                    "symbol": [SYMBOLS[p] + ("-open" if context else "") for p in points["precision"]],
                    "size": 9,
                    "color": colors.get(source, "#888"),
                    "line": {"width": 2 if context else 1, "color": colors.get(source, "#888") if context else "#222"},
                },
                name=esc(source),
                legendgroup=source,
                showlegend=legend(source),
                hoverinfo="skip",
                customdata=points["event_id"].tolist(),
            )
    for source in sorted(set(data["source"]) - in_legend):  # a source with spans only
        fig.add_scatter(
            x=[None],
            y=[None],
            mode="markers",
            marker={"color": colors.get(source, "#888")},
            name=esc(source),
            legendgroup=source,
            hoverinfo="skip",
        )
    if data["context"].any():
        # A legend entry for the hollow markers: what "resolved from context" looks like.
        fig.add_scatter(
            x=[None],
            y=[None],
            mode="markers",
            marker={"symbol": "circle-open", "size": 9, "color": "#666", "line": {"width": 2}},
            name="date resolved from the publication date or the narrative (hollow, hatched)",
            legendgroup="context",
            hoverinfo="skip",
        )
    fig.update_layout(
        barmode="overlay", legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0, "title": ""}
    )
    fig.update_yaxes(categoryorder="array", categoryarray=[esc(x) for x in lanes], autorange="reversed")
    fig.update_xaxes(type="date", range=["1945-01-01", "2026-12-31"], title="")
    if data.empty:
        title = "No dated event under these filters"
    else:
        first, last = data["date_start"].min()[:4], data["date_end"].max()[:4]
        n_disc = len({groups_of.get(e) for e in data["event_id"] if e in discrepant})
        title = f"{len(data)} dated mentions from {first} to {last}" + (
            f"; sources disagree on {n_disc} event{'s' if n_disc > 1 else ''} (red outline)" if n_disc else ""
        )
    n_context = int(data["context"].sum())
    return finish(
        fig,
        title,
        subtitle,
        caption="Bar: the span a date covers (a year-only date spans the year; "
        "a range its years). Marker: ● day, ▲ week, ◆ month, ⬢ season, ■ year."
        + (
            f" Hollow marker, hatched bar: {n_context} date{'s' if n_context > 1 else ''} the text does not write "
            'out ("Thursday", "in May", "last year"), resolved from the publication date or a date the '
            "narrative set."
            if n_context
            else ""
        ),
        height=max(440, 70 * len(lanes) + 260),
    )


def timeline_density(events: pd.DataFrame, lane: str, subtitle: str = "") -> go.Figure:
    """Dated mentions counted per year and lane: the timeline of a corpus too large to draw one bar
    per mention. Mentions dated to a day, week, month, season or year count in the year they start in;
    ranges, decades and centuries, which cover many years, are left out and their number said in the caption."""
    point = events[events["precision"].isin(SYMBOLS)]
    years = point["date_start"].str[:4].astype(int)
    counts = pd.crosstab(point[lane], years) if len(point) else pd.DataFrame()
    lanes = sorted(counts.index) if len(counts) else []
    span = range(int(years.min()), int(years.max()) + 1) if len(point) else range(0)
    counts = counts.reindex(index=lanes, columns=list(span), fill_value=0)
    fig = heatmap(
        z=counts.values,
        x=list(span),
        y=[esc(x) for x in lanes],
        colorscale=SEQUENTIAL,
        zmin=0,
        texttemplate="",
        xgap=0,
        colorbar={"title": {"text": "mentions", "side": "top"}},
        hovertemplate="%{y}, %{x}: %{z} dated mentions<extra></extra>",
    )
    fig.update_xaxes(title="", range=[max(span.start, 1945) - 0.5, min(span.stop, 2027) - 0.5] if span else None)
    if point.empty:
        title = "No event dated to a day, week, month, season or year under these filters"
    else:
        peak = years.value_counts().sort_index().idxmax()
        title = (
            f"{len(events):,} dated mentions from {span.start} to {span.stop - 1}; the most in {peak} "
            f"({int((years == peak).sum())})"
        )
    skipped = len(events) - len(point)
    return finish(
        fig,
        title,
        subtitle,
        caption="Cell: mentions dated to a day, week, month, season or year in that year. Too many to draw one by "
        "one; the table below lists them. Zoom out for the years before 1945."
        + (f" {skipped} ranges, decades and centuries are not counted." if skipped else ""),
        height=max(360, 34 * len(lanes) + 220),
    )


def _hover(r, discrepant: set[str]) -> str:
    """What a mention says, and for a date resolved from context, what it was resolved against."""
    text = f"<b>{esc(r.date_text)}</b> ({r.precision})<br>{esc(_wrap(r.event))}<br>{esc(r.source)}"
    if r.context:
        span = r.date_start if r.date_start == r.date_end else f"{r.date_start} to {r.date_end}"
        text += f"<br><i>{esc(span)}: {esc(_wrap(str(getattr(r, 'note', ''))))}</i>"
    if r.event_id in discrepant:
        text += "<br><b>sources disagree on this date</b>"
    return text


def _wrap(text: str, width: int = 60) -> str:
    return "<br>".join(textwrap.wrap(text, width)[:3])
