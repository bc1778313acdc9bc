"""Search charts: how often the searched terms occur, over the years and by source (Voyant's Trends)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analysis.plotting.style import TOPIC_PALETTE, finish

# Fewer dated points than this and a line would suggest a trend that two points cannot show.
MIN_POINTS_FOR_LINE = 3


def term_colors(terms: list[str]) -> dict[str, str]:
    """A colour per term, in the order typed (topic palette: never confused with the sources' colours)."""
    return {t: TOPIC_PALETTE[i % len(TOPIC_PALETTE)] for i, t in enumerate(terms)}


def _measure(relative: bool) -> tuple[str, str]:
    return ("per_10k_words", "hits per 10,000 words") if relative else ("hits", "hits")


def _axis_max(values: pd.Series) -> float:
    """Room above the highest value, and a scale of at least 1 when every value is 0."""
    top = float(values.max()) if len(values) else 0.0
    return max(top * 1.15, 1.0)


def trends_chart(by_year: pd.DataFrame, relative: bool = True, subtitle: str = "") -> go.Figure:
    """Each term's frequency per year of publication: lines from three dated years on, bars below."""
    column, unit = _measure(relative)
    terms = list(dict.fromkeys(by_year["term"]))
    years = sorted(by_year["year"].unique())
    colors = term_colors(terms)
    fig = go.Figure()
    as_lines = len(years) >= MIN_POINTS_FOR_LINE
    for term in terms:
        rows = by_year[by_year["term"] == term].sort_values("year")
        common = {
            "x": rows["year"].tolist(),
            "y": rows[column].tolist(),
            "name": term,
            "customdata": rows[["hits", "words"]].to_numpy(),
            "hovertemplate": f"{term}<br>%{{x}}: %{{customdata[0]:,}} hits in %{{customdata[1]:,}} words"
            "<extra></extra>",
        }
        if as_lines:
            fig.add_scatter(mode="lines+markers", line={"color": colors[term], "width": 2.5}, **common)
        else:
            fig.add_bar(marker_color=colors[term], **common)
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=years, title_text="year of publication")
    fig.update_yaxes(title_text=unit, rangemode="tozero", range=[0, _axis_max(by_year[column])], tickformat=",")
    fig.update_layout(
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "left", "x": 0},
        barmode="group",
        showlegend=True,
    )
    if by_year.empty:
        title = "No dated document under these filters: no trend to draw"
    elif by_year["hits"].sum() == 0:
        title = "No hit in the dated documents"
    else:
        best = by_year.sort_values([column, "year"], ascending=[False, True]).iloc[0]
        title = f"{best['term']} peaks in {best['year']}: {best[column]:,.4g} {unit}"
    caption = f"{unit.capitalize()} searched in the documents published that year; undated documents are left out." + (
        "" if as_lines or by_year.empty else f" Fewer than {MIN_POINTS_FOR_LINE} dated years: bars, not a line."
    )
    return finish(fig, title, subtitle, caption=caption, height=400, extra_top=24)


def by_source_chart(by_source: pd.DataFrame, relative: bool = True, subtitle: str = "") -> go.Figure:
    """Each term's frequency in each source, as grouped horizontal bars."""
    column, unit = _measure(relative)
    terms = list(dict.fromkeys(by_source["term"]))
    sources = sorted(by_source["source"].unique())
    colors = term_colors(terms)
    fig = go.Figure()
    for term in terms:
        rows = by_source[by_source["term"] == term].set_index("source").reindex(sources)
        fig.add_bar(
            y=sources,
            x=rows[column].tolist(),
            orientation="h",
            name=term,
            marker_color=colors[term],
            text=[f"{v:,.4g}" for v in rows[column]],
            textposition="outside",
            cliponaxis=False,
            customdata=rows[["hits", "words"]].to_numpy(),
            hovertemplate=f"{term}<br>%{{y}}: %{{customdata[0]:,}} hits in %{{customdata[1]:,}} words<extra></extra>",
        )
    fig.update_yaxes(autorange="reversed", categoryorder="array", categoryarray=sources)
    fig.update_xaxes(title_text=unit, range=[0, _axis_max(by_source[column]) * 1.1], tickformat=",")
    fig.update_layout(
        barmode="group",
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "left", "x": 0},
        showlegend=True,
    )
    if by_source.empty or by_source["hits"].sum() == 0:
        title = "No hit under these filters"
    else:
        best = by_source.sort_values([column, "source"], ascending=[False, True]).iloc[0]
        title = f"{best['term']} is most frequent in {best['source']}: {best[column]:,.4g} {unit}"
    height = max(300, 26 * len(sources) * max(1, len(terms)) + 190)
    return finish(
        fig, title, subtitle, caption=f"{unit.capitalize()} searched in each source's documents.", height=height,
        extra_top=24,
    )  # fmt: skip
