"""One look for every chart: colours per source, scales, font, titles.

Okabe–Ito colours are distinguishable with the common colour-vision
deficiencies; a source keeps its colour on every page because colours are
assigned from the sorted list of all sources in the corpus, not the filtered one.
"""

from __future__ import annotations

import plotly.graph_objects as go

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
EXTRA = ["#7F7F7F", "#8C564B", "#17BECF", "#BCBD22", "#9467BD", "#1F77B4", "#FF7F0E", "#2CA02C"]
# Topics get their own qualitative palette (Carto "Safe", colour-blind-safe), so
# they are never confused with sources.
TOPIC_PALETTE = [
    "#88CCEE",
    "#CC6677",
    "#DDCC77",
    "#117733",
    "#332288",
    "#AA4499",
    "#44AA99",
    "#999933",
    "#882255",
    "#661100",
    "#6699CC",
    "#888888",
]
SEQUENTIAL = "Blues"
DIVERGING = "RdBu"
FONT = "Source Sans Pro, Helvetica, Arial, sans-serif"


def source_colors(all_sources: list[str]) -> dict[str, str]:
    """A fixed colour per source, stable under filtering."""
    palette = OKABE_ITO + EXTRA
    return {s: palette[i % len(palette)] for i, s in enumerate(sorted(set(all_sources)))}


def topic_color(topic_id: int) -> str:
    return TOPIC_PALETTE[int(topic_id) % len(TOPIC_PALETTE)]


def esc(text: str) -> str:
    """Escape a label drawn inside a chart (plotly reads a little HTML)."""
    return _esc(str(text))


def finish(fig: go.Figure, title: str, subtitle: str = "", caption: str = "", height: int = 420) -> go.Figure:
    """Title stating the finding, subtitle stating the filters, caption stating the sources."""
    text = f"<b>{_esc(title)}</b>"
    if subtitle:
        text += f"<br><span style='font-size:13px;color:#555'>{_esc(subtitle)}</span>"
    fig.update_layout(
        title={
            "text": text,
            "x": 0,
            "xanchor": "left",
            "xref": "container",
            "y": 1,
            "yref": "container",
            "yanchor": "top",
            "pad": {"t": 12, "l": 10},
        },
        font={"family": FONT, "size": 13},
        height=height,
        margin={"l": 10, "r": 10, "t": 80 if subtitle else 60, "b": 95 if caption else 30},
        template="plotly_white",
    )
    if caption:
        fig.add_annotation(
            text=_esc(caption),
            xref="paper",
            yref="paper",
            x=0,
            y=-0.02,
            yanchor="top",
            xanchor="left",
            showarrow=False,
            font={"size": 11, "color": "#666"},
            yshift=-58,
        )
    return fig


def heatmap(**trace) -> go.Figure:
    """A labelled heatmap in the house style: values written in the cells, thin gaps, first row on top."""
    trace = {"texttemplate": "%{text}", "xgap": 2, "ygap": 2, **trace}
    fig = go.Figure(go.Heatmap(**trace))
    fig.update_yaxes(autorange="reversed")
    return fig


def with_credit(fig: go.Figure, sources: list[str], analysed_on: str) -> go.Figure:
    """A copy of ``fig`` signed at the bottom with its sources and the analysis date,
    so a chart pasted into a briefing still says where it comes from."""
    out = go.Figure(fig)
    names = ", ".join(sources[:6]) + (f" and {len(sources) - 6} more" if len(sources) > 6 else "")
    second = (f"analysed {analysed_on} · " if analysed_on else "") + "Foreign-Policy Lens"
    out.add_annotation(
        text=f"Sources: {_esc(names)}<br>{_esc(second)}",
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        xanchor="left",
        yanchor="top",
        align="left",
        yshift=-76,
        showarrow=False,
        font={"size": 10, "color": "#888"},
    )
    margin_b = out.layout.margin.b if out.layout.margin and out.layout.margin.b is not None else 30
    out.update_layout(margin_b=max(margin_b, 115))
    return out


def _esc(text: str) -> str:
    """Plotly titles accept a little HTML; document-derived text must not inject any."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
