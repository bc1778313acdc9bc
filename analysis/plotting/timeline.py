"""The event timeline: lanes by source or theme, precision drawn honestly."""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go

from analysis.plotting.style import esc, finish

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


def _wrap(text: str, width: int = 60) -> str:
    return "<br>".join(textwrap.wrap(text, width)[:3])
