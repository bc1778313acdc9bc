"""One look for every chart: colours per source, scales, font, titles.

Okabe–Ito colours are distinguishable with the common colour-vision
deficiencies; a source keeps its colour on every page because colours are
assigned from the sorted list of all sources in the corpus, not the filtered one.
"""

from __future__ import annotations

import re
import textwrap

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

    def lines(text: str, size: int, room: float | None = width) -> list[str]:
        limit = max(30, int(room / (size * 0.52))) if room else 10_000
        return [_esc(part) for para in text.split("\n") for part in textwrap.wrap(para, limit) or [""]]

    # The footer starts where the plot starts, right of the y-axis labels: it has that much less room.
    footer_room = width - _label_margin(fig, font_size) if width else None

    title_lines = lines(meta["title"], round(font_size * 1.4)) if meta["title"] else []
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
        margin={"l": 10, "r": 10, "t": top + int(meta.get("extra_top", 0)), "b": 30},
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
