"""Topic charts: map, terms, sources, themes, time, and the choice of K."""

from __future__ import annotations

import math
import textwrap

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from analysis.numbers import count
from analysis.plotting.style import SEQUENTIAL, esc, finish, heatmap, topic_color


def _short(label: str, width: int = 28) -> str:
    return label if len(label) <= width else label[: width - 1] + "…"


def intertopic_map(sizes: pd.DataFrame, coords: pd.DataFrame, subtitle: str = "", width: int = 760) -> go.Figure:
    """Topics placed by similarity of their terms; bubble area = share of passages. Labels are placed
    apart for a plot about ``width`` pixels wide (the page passes the room it has)."""
    data = sizes.merge(coords, on="topic_id")
    biggest = max(1, int(data["n_filtered"].max())) if len(data) else 1
    # Narrower than this, the labels of neighbouring bubbles cannot all be placed apart: each bubble
    # shows its id, and the labels are in the hover and in the table beside the map.
    compact = width < COMPACT_MAP
    names = [_two_lines(t, lbl) for t, lbl in zip(data["topic_id"], data["label"], strict=True)]
    fig = go.Figure(
        go.Scatter(
            x=data["x"],
            y=data["y"],
            mode="markers+text",
            text=[str(t) for t in data["topic_id"]] if compact else names,
            textposition="middle center" if compact else _label_positions(data, (width, 330)),
            textfont={"color": [_ink_on(topic_color(t)) for t in data["topic_id"]], "size": 14} if compact else None,
            hovertext=names,
            cliponaxis=False,
            marker={
                "size": [18 + 52 * math.sqrt(n / biggest) for n in data["n_filtered"]],
                "color": [topic_color(t) for t in data["topic_id"]],
                "opacity": 0.75,
                "line": {"width": 1, "color": "#333"},
            },
            # a click names its topic (plain lists: the front end reads them back by index)
            customdata=data[["n_filtered", "share_filtered", "npmi", "topic_id"]].values.tolist(),
            hovertemplate="%{hovertext}<br>%{customdata[0]} passages (%{customdata[1]:.0%})<br>"
            "NPMI %{customdata[2]:.2f}<extra></extra>",
        )
    )
    for axis, col in (("xaxis", "x"), ("yaxis", "y")):
        lo, hi = (data[col].min(), data[col].max()) if len(data) else (0, 1)
        span = (hi - lo) or 1
        pad = MAP_PAD[col]
        fig.update_layout(
            {
                axis: {
                    "range": [lo - pad * span, hi + pad * span],
                    "showticklabels": False,
                    "zeroline": False,
                    "title": "",
                }
            }
        )
    if data.empty or data["n_filtered"].sum() == 0:
        title = "No topical passage matches the filters"
    else:
        top = data.sort_values(["n_filtered", "topic_id"], ascending=[False, True]).iloc[0]
        title = f"{len(data)} topics; the largest, '{_short(top['label'], 40)}', holds {top['share_filtered']:.0%}"
    caption = "Position: similarity of topic terms (PCA). Area: passages." + (
        " Number: the topic's id (its label is in the hover and the table)." if compact else ""
    )
    return finish(fig, title, subtitle, caption=caption, height=540)


COMPACT_MAP = 600


def _ink_on(color: str) -> str:
    """Black or white, whichever reads on a bubble of this colour."""
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return "#111111" if 0.299 * r + 0.587 * g + 0.114 * b > 140 else "#ffffff"


# Room around the bubbles, as a share of the coordinates' span: more in height, where labels go.
MAP_PAD = {"x": 0.3, "y": 0.55}

# Where a bubble's label may go, in order of preference: (plotly position, dx, dy) with dx, dy
# the label box's offset from the bubble centre in units of (half label width, half label height).
_SLOTS = (
    ("top center", 0, 1),
    ("bottom center", 0, -1),
    ("middle right", 1, 0),
    ("middle left", -1, 0),
)  # no diagonal slots: a label off a bubble's corner reads as belonging to its neighbour


def _label_positions(data: pd.DataFrame, plot_px: tuple[int, int] = (760, 330), font_px: int = 13) -> list[str]:
    """Greedy label placement, biggest bubble first: the first slot whose box overlaps no label
    already placed and no other bubble; the least crowded slot when none is free.

    Works in pixels of a plot of about ``plot_px``, the size the map is drawn at on the page
    and in exports, so labels that would collide there are moved apart.
    """
    if data.empty:
        return []
    ranges = []
    for col, size in (("x", plot_px[0]), ("y", plot_px[1])):
        lo, hi = data[col].min(), data[col].max()
        span = (hi - lo) or 1
        ranges.append((lo - MAP_PAD[col] * span, (hi - lo + 2 * MAP_PAD[col] * span) or 1, size))
    px = [((x - ranges[0][0]) / ranges[0][1] * ranges[0][2], (y - ranges[1][0]) / ranges[1][1] * ranges[1][2])
          for x, y in zip(data["x"], data["y"], strict=True)]  # fmt: skip
    biggest = max(1, int(data["n_filtered"].max()))
    radius = [(18 + 52 * math.sqrt(n / biggest)) / 2 for n in data["n_filtered"]]
    lines = [_two_lines(t, lbl).split("<br>") for t, lbl in zip(data["topic_id"], data["label"], strict=True)]

    def box(i: int, dx: int, dy: int) -> tuple[float, float, float, float]:
        w, h = max(len(x) for x in lines[i]) * font_px * 0.55, font_px * 1.3 * len(lines[i])
        cx = px[i][0] + dx * (radius[i] + w / 2)
        cy = px[i][1] + dy * (radius[i] + h / 2)
        return cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2

    def overlap(a, b) -> float:
        return max(0.0, min(a[2], b[2]) - max(a[0], b[0])) * max(0.0, min(a[3], b[3]) - max(a[1], b[1]))

    bubbles = [(x - r, y - r, x + r, y + r) for (x, y), r in zip(px, radius, strict=True)]
    placed: list[tuple[float, float, float, float]] = []
    out = [""] * len(lines)
    for i in sorted(range(len(lines)), key=lambda i: (-radius[i], i)):
        scored = []
        for rank, (name, dx, dy) in enumerate(_SLOTS):
            b = box(i, dx, dy)
            clash = sum(overlap(b, o) for o in placed) + sum(overlap(b, o) for j, o in enumerate(bubbles) if j != i)
            outside = max(0.0, -b[0]) + max(0.0, b[2] - plot_px[0]) + max(0.0, -b[1]) + max(0.0, b[3] - plot_px[1])
            scored.append((clash + 50 * outside, rank, name, b))
        _, _, out[i], chosen = min(scored)
        placed.append(chosen)
    return out


def term_bars(
    terms: pd.DataFrame, topics: pd.DataFrame, n_terms: int = 8, subtitle: str = "", width: int = 860
) -> go.Figure:
    """Small multiples: each topic's most distinctive terms and their relative weight, in as many
    columns as a chart ``width`` pixels wide holds with each topic's name on one line."""
    k = len(topics)
    cols = min(3 if width >= 700 else 2, max(1, k)) if k > 2 else max(1, k)
    rows = max(1, math.ceil(k / cols))
    room = int(width * (1 - 0.14 * (cols - 1)) / cols / (12 * 0.55))  # characters of a subplot title
    titles = [
        f"{t}: {esc(_short(lbl, max(12, room - len(str(t)) - 2)))}"
        for t, lbl in zip(topics["topic_id"], topics["label"], strict=True)
    ]
    fig = make_subplots(
        rows=rows,
        cols=cols,
        subplot_titles=titles,
        horizontal_spacing=0.14,
        vertical_spacing=0.22 / max(1, rows - 1) if rows > 1 else 0.1,
    )
    for i, topic_id in enumerate(topics["topic_id"]):
        part = terms[(terms["topic_id"] == topic_id) & (terms["rank"] < n_terms)].sort_values("rank")
        fig.add_bar(
            x=part["weight"],
            y=[esc(t) for t in part["term"]],
            orientation="h",
            showlegend=False,
            marker_color=topic_color(topic_id),
            row=i // cols + 1,
            col=i % cols + 1,
            hovertemplate="%{y}: %{x:.2f}<extra></extra>",
        )
    fig.update_yaxes(autorange="reversed", tickfont={"size": 11})
    fig.update_xaxes(showticklabels=False, showgrid=False, range=[0, 1.05])
    fig.update_annotations(font_size=12)
    return finish(
        fig,
        "What each topic is made of: its most distinctive terms",
        subtitle,
        caption="Bar: the term's weight in the topic, scaled by the share of the term's weight that sits in this "
        "topic (terms frequent everywhere rank low), relative to the best term.",
        height=190 * rows + 140,
    )


def topic_source_heatmap(
    by_source: pd.DataFrame, topics: pd.DataFrame, sources: list[str], subtitle: str = ""
) -> go.Figure:
    """Share of each source's topical passages per topic."""
    rows = [f"{t}: {_short(lbl, 36)}" for t, lbl in zip(topics["topic_id"], topics["label"], strict=True)]
    share = by_source.pivot_table(index="topic_id", columns="source", values="share", fill_value=0.0)
    n = by_source.pivot_table(index="topic_id", columns="source", values="passages", fill_value=0)
    share = share.reindex(index=topics["topic_id"], columns=sources, fill_value=0.0)
    n = n.reindex(index=topics["topic_id"], columns=sources, fill_value=0).astype(int)
    fig = heatmap(
        z=share.values * 100,
        x=[esc(s) for s in sources],
        y=[esc(r) for r in rows],
        text=n.values,
        colorscale=SEQUENTIAL,
        zmin=0,
        colorbar={"title": {"text": "share", "side": "top"}, "ticksuffix": "%"},
        hovertemplate="%{y}<br>%{x}: %{text} passages (%{z:.0f}% of its topical passages)<extra></extra>",
    )
    fig.update_xaxes(side="top")
    if by_source.empty:
        title = "No topical passage matches the filters"
    else:
        best = by_source.sort_values(["share", "passages", "topic_id"], ascending=[False, False, True]).iloc[0]
        title = f"{best['source']} dwells most on '{_short(best['label'], 40)}' ({best['share']:.0%} of its passages)"
    return finish(
        fig,
        title,
        subtitle,
        caption="Cell: passages of the source in the topic; colour: share of the source's passages.",
        height=max(320, 34 * len(rows) + 170),
    )


def topic_theme_heatmap(by_theme: pd.DataFrame, topics: pd.DataFrame, subtitle: str = "") -> go.Figure:
    """Crosswalk between data-driven topics and the analyst's themes."""
    themes = sorted(by_theme["theme"].unique())
    cols = [_two_lines(t, lbl) for t, lbl in zip(topics["topic_id"], topics["label"], strict=True)]
    n = by_theme.pivot_table(index="theme", columns="topic_id", values="passages", fill_value=0)
    n = n.reindex(index=themes, columns=topics["topic_id"], fill_value=0).astype(int)
    fig = heatmap(
        z=n.values,
        x=cols,
        y=[esc(t) for t in themes],
        text=n.astype(str).where(n > 0, "").values,
        colorscale=SEQUENTIAL,
        colorbar={"title": {"text": "passages", "side": "top"}},
        hovertemplate="%{y}<br>%{x}: %{z} passages<extra></extra>",
    )
    fig.update_xaxes(side="top", tickfont={"size": 11})
    if by_theme.empty:
        title = "No themed passage carries a topic under these filters"
    else:
        best = by_theme.sort_values(["passages", "topic_id", "theme"], ascending=[False, True, True]).iloc[0]
        title = (
            f"Topic {best['topic_id']} lines up with the theme '{best['theme']}' ({count(best['passages'], 'passage')})"
        )
    return finish(
        fig,
        title,
        subtitle,
        caption="Cell: passages carrying both the topic and the theme.",
        height=max(380, 30 * len(themes) + 220),
    )


def _two_lines(topic_id: int, label: str, width: int = 20, most: int = 3) -> str:
    """A bubble label or column header: the id and the whole label in short lines (words are never
    cut; only a label longer than ``most`` lines loses its end)."""
    lines = textwrap.wrap(f"{topic_id}: {label}", width, break_long_words=False, break_on_hyphens=False) or [
        str(topic_id)
    ]
    if len(lines) > most:
        lines = [*lines[: most - 1], _short(" ".join(lines[most - 1 :]), width)]
    return "<br>".join(esc(line) for line in lines)


def k_curve(curve: pd.DataFrame, k_used: int, subtitle: str = "") -> go.Figure:
    """How K was chosen: coherence, stability and their sum per candidate K."""
    fig = go.Figure()
    styles = (
        ("npmi", "coherence (NPMI)", "#0072B2", "dot"),
        ("stability", "stability", "#E69F00", "dash"),
        ("score", "coherence + stability", "#333333", "solid"),
    )
    for col, name, color, dash in styles:
        fig.add_scatter(
            x=curve["k"], y=curve[col], name=name, mode="lines+markers", line={"color": color, "dash": dash}
        )
    chosen = curve[curve["chosen"]]
    if len(chosen):
        k_auto = int(chosen["k"].iloc[0])
        fig.add_vline(x=k_auto, line={"color": "#009E73", "width": 2})
        fig.add_annotation(
            x=k_auto,
            y=1,
            yref="paper",
            text=f"chosen K = {k_auto}",
            showarrow=False,
            xanchor="left",
            xshift=4,
            yanchor="top",
            font={"color": "#009E73"},
        )
    else:
        k_auto = k_used
    fig.update_xaxes(title="number of topics K", dtick=1 if curve["k"].max() <= 12 else None)
    # The legend above the plot: below it, it would sit on the caption and credit lines.
    fig.update_layout(legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0, "xanchor": "left"})
    title = f"K = {k_auto} scores best on coherence + stability" + (
        f"; showing K = {k_used}" if k_used != k_auto else ""
    )
    return finish(fig, title, subtitle, height=380, extra_top=44)


def topics_over_time(over_time: pd.DataFrame, subtitle: str = "") -> go.Figure:
    """Passages per topic and publication year."""
    fig = go.Figure()
    for (topic_id, label), part in over_time.groupby(["topic_id", "label"], sort=True):
        fig.add_bar(
            x=part["year"].astype(str),
            y=part["passages"],
            name=esc(f"{topic_id}: {_short(label)}"),
            marker_color=topic_color(topic_id),
        )
    fig.update_layout(barmode="stack", legend={"title": ""})
    fig.update_xaxes(type="category", title="year published")
    fig.update_yaxes(title="passages")
    years = sorted(over_time["year"].unique())
    title = (
        f"Topics in dated documents, {years[0]}–{years[-1]}"
        if len(years) > 1
        else f"Topics in documents dated {years[0]}"
        if years
        else "No dated document under these filters"
    )
    return finish(fig, title, subtitle, caption="Undated documents are left out.", height=380)
