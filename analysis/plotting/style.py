"""One look for every chart: colours per source, scales, font, titles.

Okabe–Ito colours are distinguishable with the common colour-vision
deficiencies; a source keeps its colour on every page because colours are
assigned from the sorted list of all sources in the corpus, not the filtered one.
"""

from __future__ import annotations

import re
import textwrap

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio

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


def finish(
    fig: go.Figure, title: str, subtitle: str = "", caption: str = "", height: int = 420, extra_top: int = 0
) -> go.Figure:
    """Title stating the finding, subtitle stating the filters, caption stating how to read it.

    The words are kept in ``layout.meta`` and drawn by :func:`dress`, so the same figure
    can be redrawn dark for the page or with larger, wrapped type for a slide.
    """
    fig.update_layout(
        meta={"title": title, "subtitle": subtitle, "caption": caption, "credit": "", "extra_top": extra_top},
        font={"family": FONT, "size": 13},
        height=height,
    )
    return dress(fig)


def heatmap(**trace) -> go.Figure:
    """A labelled heatmap in the house style: values written in the cells, thin gaps, first row on top."""
    trace = {"texttemplate": "%{text}", "xgap": 2, "ygap": 2, **trace}
    fig = go.Figure(go.Heatmap(**trace))
    fig.update_yaxes(autorange="reversed")
    return fig


def with_credit(fig: go.Figure, sources: list[str], analysed_on: str, mode: str = "light") -> go.Figure:
    """A copy of ``fig`` signed at the bottom with its sources and the analysis date,
    so a chart pasted into a briefing still says where it comes from; drawn for the
    light or dark page."""
    out = go.Figure(fig)
    names = ", ".join(sources[:6]) + (f" and {len(sources) - 6} more" if len(sources) > 6 else "")
    second = (f"analysed {analysed_on} · " if analysed_on else "") + "Foreign-Policy Lens"
    out.update_layout(meta={**_meta(out), "credit": f"Sources: {names}\n{second}", "mode": mode})
    return dress(out, mode=mode)


def slide_fonts(fig: go.Figure, width: int = 860, font_size: int = 15) -> go.Figure:
    """A copy with type large enough for half a slide, long lines wrapped to ``width`` pixels."""
    out = go.Figure(fig)
    return dress(out, mode=_meta(out).get("mode", "light"), font_size=font_size, width=width)


INK = {
    "light": {"muted": "#555555", "caption": "#666666", "credit": "#888888", "template": "plotly_white"},
    "dark": {"muted": "#c8c8c8", "caption": "#b4b4b4", "credit": "#9a9a9a", "template": "plotly_dark"},
}
CAPTION_GAP = 58  # pixels between the plot area and the caption: room for tick labels and an axis title


def dress(fig: go.Figure, mode: str = "light", font_size: int = 13, width: int | None = None) -> go.Figure:
    """Draw title, subtitle and footer (caption + credit) from ``layout.meta``; set margins to fit them."""
    meta = _meta(fig)
    ink = INK[mode]
    small = font_size - 2
    neutralise_labels(fig)

    def lines(text: str, size: int, room: float | None = width, bold: bool = False) -> list[str]:
        # Characters per line: about 0.52 of the size wide in Source Sans / Arial, 0.58 in bold.
        limit = max(20, int((room - 20) / (size * (0.58 if bold else 0.52)))) if room else 10_000
        return [_esc(part) for para in text.split("\n") for part in textwrap.wrap(para, limit) or [""]]

    # The footer starts where the plot starts, right of the y-axis labels: it has that much less room.
    footer_room = width - _label_margin(fig, font_size) if width else None

    title_lines = lines(meta["title"], round(font_size * 1.4), bold=True) if meta["title"] else []
    sub_lines = lines(meta["subtitle"], font_size) if meta["subtitle"] else []
    text = "<br>".join(f"<b>{line}</b>" for line in title_lines)
    if sub_lines:
        text += "".join(
            f"<br><span style='font-size:{font_size}px;color:{ink['muted']}'>{ln}</span>" for ln in sub_lines
        )
    title_size = round(font_size * 1.4)
    # Plotly places a title's first baseline, not its top, at the pad: offset it by the cap height.
    pad = 6 + round(title_size * 0.85)
    top = pad + round(title_size * 1.3) * len(title_lines) + round(font_size * 1.35) * len(sub_lines) + 10
    top += _top_axis_room(fig, font_size, width or NOMINAL_WIDTH)
    _sane_scales(fig)
    fig.update_layout(
        title={
            "text": text,
            "x": 0,
            "xanchor": "left",
            "xref": "container",
            "y": 1,
            "yref": "container",
            "yanchor": "top",
            "pad": {"t": pad, "l": 10},
        },
        font={"family": FONT, "size": font_size},
        margin={"l": 10, "r": 10, "t": top + max(int(meta.get("extra_top", 0)), _legend_room(fig, width)), "b": 30},
    )
    _apply_template(fig, ink["template"])
    if mode == "dark":
        fig.update_layout(paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="rgba(0,0,0,0)")
    kept = [a for a in (fig.layout.annotations or []) if a.name != "footer"]
    fig.layout.annotations = kept
    footer = (
        [f"<span style='color:{ink['caption']}'>{ln}</span>" for ln in lines(meta["caption"], small, footer_room)]
        if meta["caption"]
        else []
    )
    footer += [
        f"<span style='color:{ink['credit']};font-size:{small - 1}px'>{ln}</span>"
        for ln in (lines(meta["credit"], small - 1, footer_room) if meta["credit"] else [])
    ]
    # No tick labels under the plot (axis on top, as in the heatmaps): the caption moves up.
    gap = 16 if fig.layout.xaxis.side == "top" else CAPTION_GAP
    if footer:
        fig.add_annotation(
            name="footer",
            text="<br>".join(footer),
            xref="paper",
            yref="paper",
            x=0,
            y=0,
            xanchor="left",
            yanchor="top",
            align="left",
            yshift=-gap,
            showarrow=False,
            font={"size": small},
        )
        fig.update_layout(margin_b=gap + round(small * 1.35) * len(footer) + 14)
    # Wrapped words take room from the plot; below MIN_PLOT plotly would shrink the margins onto them.
    margin = fig.layout.margin
    if fig.layout.height and fig.layout.height - margin.t - margin.b < MIN_PLOT:
        fig.update_layout(height=margin.t + margin.b + MIN_PLOT)
    return fig


_TEMPLATES: dict[tuple[str, frozenset[str]], go.layout.Template] = {}


def _apply_template(fig: go.Figure, name: str) -> None:
    """plotly's ``name`` template, holding the defaults of the trace types ``fig`` draws only.

    Assigning a whole template copies and validates defaults for two dozen trace types: about 13 ms
    for every figure dressed, more than drawing the figure, and every chart is dressed at least twice
    (built, then signed for the page). The cut template draws the same figure; the figure remembers
    which template it has, so a copy dressed again in the same mode keeps it.
    """
    types = frozenset(trace.type for trace in fig.data)
    marker = f"{name}:{','.join(sorted(types))}"
    if isinstance(fig.layout.meta, dict) and fig.layout.meta.get("template") == marker:
        return
    key = (name, types)
    if key not in _TEMPLATES:
        full = pio.templates[name]
        _TEMPLATES[key] = go.layout.Template(
            layout=full.layout, data={t: full.data[t] for t in sorted(types) if t in full.data}
        )
    fig.update_layout(template=_TEMPLATES[key], meta={**_meta(fig), "template": marker})


MIN_PLOT = 150  # pixels of plot a chart keeps however much its title and caption wrap


def _finite(values) -> list[float]:
    """The finite numbers of a trace's data (any nesting); none when it holds text or dates."""
    if values is None:
        return []
    try:
        array = np.asarray(values, dtype=float).ravel()
    except (TypeError, ValueError):
        return []
    return [float(v) for v in array[np.isfinite(array)]]


def _sane_scales(fig: go.Figure) -> None:
    """No degenerate scale on a small corpus: a colour bar whose values are all equal runs from 0 (not
    99.6 % to 100.4 %), counts are counted in whole numbers (not 0.2 steps), every scale spans at
    least 0 to 1."""
    for trace in fig.data:
        if trace.type != "heatmap" or trace.zmax is not None and trace.zmin is not None:
            continue
        values = _finite(trace.z)
        if not values or trace.zmid is not None:
            continue
        low = trace.zmin if trace.zmin is not None else min(0.0, min(values))
        trace.zmin, trace.zmax = low, max(max(values), low + 1)
        if all(v.is_integer() for v in values) and trace.zmax - low <= 5:
            trace.colorbar.dtick = 1
    for trace in fig.data:
        if trace.type != "bar":
            continue
        counts = _finite(trace.x if trace.orientation == "h" else trace.y)
        if counts and all(v.is_integer() for v in counts) and max(counts) < 5 and min(counts) >= 0:
            flat = trace.orientation == "h"
            axis = (trace.xaxis if flat else trace.yaxis) or ("x" if flat else "y")
            name = axis[0] + "axis" + axis[1:]
            if fig.layout[name].tickvals is None and fig.layout[name].type not in ("category", "date"):
                fig.layout[name].dtick = 1
                fig.layout[name].tickformat = ",d"


def _legend_room(fig: go.Figure, width: int | None) -> int:
    """Height of a horizontal legend drawn above the plot, in as many rows as its entries need at
    ``width``: plotly would grow the top margin for it, into the title's lines."""
    legend = fig.layout.legend
    if legend.orientation != "h" or legend.y is None or legend.y < 1 or fig.layout.showlegend is False:
        return 0
    seen, names = set(), []
    for trace in fig.data:
        group = trace.legendgroup or trace.name
        if trace.showlegend is False or not trace.name or group in seen:
            continue
        seen.add(group)
        names.append(str(trace.name))
    if len(names) < 2 and fig.layout.showlegend is not True:
        return 0
    size = (legend.font.size if legend.font and legend.font.size else None) or 13
    room = (width or NOMINAL_WIDTH) - 40
    rows, used = 1, 0.0
    for name in names:
        entry = len(name) * size * 0.55 + 46  # symbol, gap, text
        if used and used + entry > room:
            rows, used = rows + 1, 0.0
        used += entry
    return rows * round(size * 1.6) + 6


NOMINAL_WIDTH = 860  # the export width: what a figure drawn without a width is laid out for


def _top_axis_room(fig: go.Figure, font_size: int, width: int) -> int:
    """Column labels of an x axis drawn on top (the heatmaps) sit between the title and the plot.
    Plotly would rotate long ones into the title when the chart is narrow; instead they are kept
    level and broken into lines that fit their column (standing upright only when a column is too
    narrow for a word), and the top margin grows by the height they take."""
    axis = fig.layout.xaxis
    if axis.side != "top":
        return 0
    trace = next((t for t in fig.data if t.type == "heatmap" and t.x is not None and len(t.x)), None)
    if trace is None:
        return 0
    columns = [str(c) for c in trace.x]
    size = (axis.tickfont.size if axis.tickfont and axis.tickfont.size else None) or font_size
    char = size * 0.52  # regular type, as lines() measures it
    scale = 110 if any(t.type == "heatmap" and t.showscale is not False for t in fig.data) else 20
    per_column = (width - _label_margin(fig, font_size) - scale) / len(columns)
    chars = int(per_column / char) - 1
    wrapped = [
        "<br>".join(
            line
            for part in _BREAK.split(c)
            if not _BREAK.fullmatch(part)
            for line in (textwrap.wrap(part, max(chars, 1), break_long_words=False) or [""])
        )
        for c in columns
    ]
    # A word wider than its column may spill into a neighbour's room, not onto the neighbour's label.
    widths = [max(len(line) for line in w.split("<br>")) * char for w in wrapped]
    collide = any((a + b) / 2 > per_column - 4 for a, b in zip(widths, widths[1:], strict=False))
    if chars < 6 or collide:
        longest = max(len(part) for c in columns for part in _BREAK.split(c) if not _BREAK.fullmatch(part))
        fig.update_xaxes(tickangle=-90, tickmode="array", tickvals=columns, ticktext=columns)
        return round(longest * char) + 12
    fig.update_xaxes(tickangle=0, tickmode="array", tickvals=columns, ticktext=wrapped)
    return max(w.count("<br>") + 1 for w in wrapped) * round(size * 1.3) + 8


def _label_margin(fig: go.Figure, font_size: int) -> float:
    """About how wide the left axis's category labels are drawn (plotly sizes the margin to them)."""
    longest = 0
    for trace in fig.data:
        values = getattr(trace, "y", None)
        if values is not None and len(values) and all(isinstance(v, str) for v in values[:50]):
            longest = max(longest, *(len(v.split("<br>")[0]) for v in values))
    return 10 + longest * font_size * 0.55 + 10 if longest else 50


def _meta(fig: go.Figure) -> dict:
    """The chart's words (see :func:`finish`); a figure that never went through it has none."""
    words = {"title": "", "subtitle": "", "caption": "", "credit": "", "extra_top": 0}
    return {**words, **(dict(fig.layout.meta) if isinstance(fig.layout.meta, dict) else {})}


def _esc(text: str) -> str:
    """Plotly titles accept a little HTML; document-derived text must not inject any."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_LOOSE_AMP = re.compile(r"&(?!(?:amp|lt|gt|quot|#\d{1,7}|#x[0-9a-fA-F]{1,6});)")
_BREAK = re.compile(r"(<br\s*/?>)", re.IGNORECASE)


def safe_label(text: str) -> str:
    """A data value drawn as a label (axis category, legend entry) that cannot form markup.

    Plotly draws ``<a href>``, ``<b>``, ``<span style>`` in tick labels and legends, so a source
    named ``<a href="http://…">`` would become a link in the chart. Idempotent: labels a chart
    module already escaped are left as they are, and its ``<br>`` line breaks survive.
    """
    parts = _BREAK.split(_LOOSE_AMP.sub("&amp;", text))
    return "".join(p if _BREAK.fullmatch(p) else p.replace("<", "&lt;").replace(">", "&gt;") for p in parts)


def _safe_values(values):
    """Category arrays made of text, escaped; numbers and dates left alone."""
    if isinstance(values, str):
        return safe_label(values)
    if values is None or isinstance(values, dict):
        return values
    try:
        items = list(values)
    except TypeError:
        return values
    if items and all(isinstance(v, str) for v in items):
        return [safe_label(v) for v in items]
    return values


def neutralise_labels(fig: go.Figure) -> go.Figure:
    """Escape the text data every chart module draws as labels: trace categories and names, axis
    category orders and tick texts. One pass at the point every figure goes through (:func:`dress`)."""
    for trace in fig.data:
        for attr in ("x", "y", "labels", "parents"):
            if attr in trace and getattr(trace, attr) is not None:
                values = getattr(trace, attr)
                safe = _safe_values(values)
                if safe is not values:
                    trace[attr] = safe
        if "name" in trace and isinstance(trace.name, str):
            trace.name = safe_label(trace.name)
    for key in fig.layout:
        if key.startswith(("xaxis", "yaxis")):
            axis = fig.layout[key]
            for attr in ("categoryarray", "ticktext"):
                if axis[attr] is not None:
                    axis[attr] = _safe_values(axis[attr])
    return fig
