"""The event timeline: lanes by source or theme, precision drawn honestly."""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go

from analysis.plotting.style import SEQUENTIAL, esc, finish, heatmap

# Marker per precision: a day is a point, a month a short bar, a year a longer one, so a
# year-only date never looks like a day. Ranges and decades are drawn as bars.
SYMBOLS = {"day": "circle", "month": "diamond", "year": "square"}


def timeline_chart(
    events: pd.DataFrame, lane: str, colors: dict[str, str], discrepant: set[str], subtitle: str = ""
) -> go.Figure:
    """Every dated mention as a bar from its start to its end, in one lane per source (or theme)."""
    groups_of = discrepant  # event_id -> group_id of events whose sources disagree
    data = events.copy()
    data["start"] = pd.to_datetime(data["date_start"])
    data["end"] = pd.to_datetime(data["date_end"]) + pd.Timedelta(days=1)
    lanes = sorted(data[lane].unique())
    fig = go.Figure()
    for source in sorted(data["source"].unique()):
        part = data[data["source"] == source]
        hover = [
            f"<b>{esc(r.date_text)}</b> ({r.precision})<br>{esc(_wrap(r.event))}<br>{esc(r.source)}"
            + ("<br><b>sources disagree on this date</b>" if r.event_id in discrepant else "")
            for r in part.itertuples()
        ]
        for coarse in (True, False):
            sel = part["precision"].isin(["range", "decade"]) == coarse
            bars = part[sel]
            # Spans ("the 1990s", "the past two years") are context: thin and pale, so the dated
            # events drawn over them stay readable.
            fig.add_bar(
                base=bars["start"],
                x=(bars["end"] - bars["start"]).dt.total_seconds() * 1000,
                y=bars[lane].map(esc),
                orientation="h",
                name=esc(source),
                legendgroup=source,
                showlegend=not coarse,
                marker_color=colors.get(source, "#888"),
                marker_line={
                    "width": [2.5 if e in discrepant else 0.5 for e in bars["event_id"]],
                    "color": ["#d73027" if e in discrepant else "#333" for e in bars["event_id"]],
                },
                hovertext=[h for h, keep in zip(hover, sel, strict=True) if keep],
                hoverinfo="text",
                width=0.16 if coarse else 0.5,
                opacity=0.35 if coarse else 0.9,
            )
        points = part[part["precision"].isin(SYMBOLS)]
        fig.add_scatter(
            x=points["start"] + (points["end"] - points["start"]) / 2,
            y=points[lane].map(esc),
            mode="markers",
            marker={
                "symbol": [SYMBOLS[p] for p in points["precision"]],
                "size": 9,
                "color": colors.get(source, "#888"),
                "line": {"width": 1, "color": "#222"},
            },
            hoverinfo="skip",
            showlegend=False,
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
    return finish(
        fig,
        title,
        subtitle,
        caption="Bar: the span a date covers (a year-only date spans the year; "
        "a range its years). Marker: ● day, ◆ month, ■ year.",
        height=max(440, 70 * len(lanes) + 260),
    )


def timeline_density(events: pd.DataFrame, lane: str, subtitle: str = "") -> go.Figure:
    """Dated mentions counted per year and lane: the timeline of a corpus too large to draw one bar
    per mention. Mentions dated to a day, month or year count in their year; ranges and decades,
    which cover many years, are left out and their number said in the caption."""
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
        title = "No event dated to a day, month or year under these filters"
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
        caption="Cell: mentions dated to a day, month or year in that year. Too many to draw one by one; the "
        "table below lists them. Zoom out for the years before 1945."
        + (f" {skipped} ranges and decades are not counted." if skipped else ""),
        height=max(360, 34 * len(lanes) + 220),
    )


def _wrap(text: str, width: int = 60) -> str:
    return "<br>".join(textwrap.wrap(text, width)[:3])
