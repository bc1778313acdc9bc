"""Heatmap cells that can be clicked.

Plotly cannot select heatmap cells (the trace type has no point selection), so a click on a
cell would report nothing. :func:`clickable_cells` lays an invisible marker on the centre of
every cell, carrying the cell's hover text and, in ``customdata``, the values it stands for:
the dashboard reads those (never the drawn, escaped labels) to open what is behind the cell.
The markers have no ink, so the PNG, SVG and PDF exports are unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go


def clickable_cells(
    fig: go.Figure,
    x: Sequence[str],
    y: Sequence[str],
    keys: Sequence[Sequence[object]],
    hover: Sequence[str],
    size: int = 28,
) -> go.Figure:
    """Add one invisible, hoverable, selectable marker per cell (``x``, ``y`` as drawn on the axes;
    ``keys`` what the cell stands for; ``hover`` its hover text, already escaped). The heatmaps stop
    answering hover themselves, so each cell shows one label."""
    for trace in fig.data:
        if trace.type == "heatmap":
            trace.hoverinfo = "skip"
            trace.hovertemplate = None
    invisible = {"marker": {"opacity": 0}}
    fig.add_scatter(
        x=list(x),
        y=list(y),
        mode="markers",
        marker={"symbol": "square", "size": size, "opacity": 0, "color": "#000"},
        selected=invisible,
        unselected=invisible,
        customdata=[list(k) for k in keys],
        text=list(hover),
        hovertemplate="%{text}<extra></extra>",
        showlegend=False,
        name="",
    )
    return fig
