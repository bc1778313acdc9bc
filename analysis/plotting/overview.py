"""Overview charts."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from analysis.plotting.select import clickable_cells
from analysis.plotting.style import SEQUENTIAL, esc, finish, heatmap


def volume_chart(volume: pd.DataFrame, colors: dict[str, str], subtitle: str = "") -> go.Figure:
    """Body passages and words per source, side by side."""
    fig = make_subplots(
        rows=1, cols=2, subplot_titles=("Body passages", "Words"), shared_yaxes=True, horizontal_spacing=0.06
    )
    for col, metric in enumerate(("passages", "words"), start=1):
        fig.add_bar(
            y=volume["source"],
            x=volume[metric],
            orientation="h",
            text=volume[metric],
            textposition="outside",
            cliponaxis=False,
            texttemplate="%{text:,}",
            marker_color=[colors.get(s, "#888") for s in volume["source"]],
            showlegend=False,
            hovertemplate="%{y}: %{x} " + metric + "<extra></extra>",
            row=1,
            col=col,
        )
        fig.update_xaxes(range=[0, max(1, volume[metric].max()) * 1.3], row=1, col=col)
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(showticklabels=False, showgrid=False)
    fig.update_layout(bargap=0.35 if len(volume) > 1 else 0.6)
    if volume.empty or volume["words"].sum() == 0:
        title = "No body text matches the filters"
    else:
        top = volume.sort_values(["words", "source"], ascending=[False, True]).iloc[0]
        share = top["words"] / volume["words"].sum()
        title = f"{top['source']} supplies {share:.0%} of the words"
    return finish(fig, title, subtitle, height=max(260, 70 * len(volume) + 120))


def theme_heatmap(counts: pd.DataFrame, sources: list[str], themes: list[str], subtitle: str = "") -> go.Figure:
    """Themes × sources: share of each source's passages, the count written in each cell."""
    share = counts.pivot_table(index="theme", columns="source", values="share", fill_value=0.0)
    n = counts.pivot_table(index="theme", columns="source", values="passages", fill_value=0)
    rows = [t for t in themes if t in share.index] or list(share.index)
    share = share.reindex(index=rows, columns=sources, fill_value=0.0)
    n = n.reindex(index=rows, columns=sources, fill_value=0).astype(int)
    fig = heatmap(
        z=share.values * 100,
        x=sources,
        y=rows,
        text=n.values,
        colorscale=SEQUENTIAL,
        zmin=0,
        colorbar={"title": {"text": "share", "side": "top"}, "ticksuffix": "%"},
        hovertemplate="%{y}<br>%{x}: %{text} passages (%{z:.0f}% of its passages)<extra></extra>",
    )
    fig.update_xaxes(side="top")
    cells = [(theme, source) for theme in rows for source in sources]
    clickable_cells(
        fig,
        [source for _, source in cells],
        [theme for theme, _ in cells],
        cells,
        [
            f"{esc(t)}<br>{esc(s)}: {n.loc[t, s]:,} passages ({share.loc[t, s] * 100:.0f}% of its passages)"
            for t, s in cells
        ],
    )
    if counts.empty:
        title = "No themed passages match the filters"
    else:
        best = counts.sort_values(["share", "theme"], ascending=[False, True]).iloc[0]
        title = f"'{best['theme']}' takes {best['share']:.0%} of {best['source']}'s passages"
    return finish(
        fig,
        title,
        subtitle,
        caption="Cell: body passages tagged with the theme; colour: share of the source's body passages.",
        height=max(360, 30 * len(rows) + 190),
    )


def actor_bar(counts: pd.DataFrame, colors: dict[str, str], subtitle: str = "") -> go.Figure:
    """Most-mentioned actors, stacked by source."""
    fig = go.Figure()
    order = counts.drop_duplicates("actor")["actor"].tolist()
    for source in sorted(counts["source"].unique()):
        part = counts[counts["source"] == source]
        fig.add_bar(
            y=part["actor"],
            x=part["mentions"],
            name=source,
            orientation="h",
            showlegend=True,
            marker_color=colors.get(source, "#888"),
            hovertemplate="%{y} in " + esc(source).replace("%", "%%") + ": %{x} mentions<extra></extra>",
        )
    fig.update_layout(barmode="stack", legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0, "title": ""})
    fig.update_yaxes(categoryorder="array", categoryarray=order, autorange="reversed")
    fig.update_xaxes(title="mentions in body text", side="bottom")
    if counts.empty:
        title = "No actor mentions match the filters"
    else:
        totals = counts.groupby("actor")["mentions"].sum()
        n = totals[order[0]]
        title = f"{order[0]} is named most often ({n} mention{'s' if n != 1 else ''})"
    return finish(fig, title, subtitle, height=max(320, 26 * len(order) + 200), extra_top=40)


def co_mention_heatmap(pairs: pd.DataFrame, order: list[str], subtitle: str = "") -> go.Figure:
    """Symmetric matrix of passages naming both actors."""
    matrix = pd.DataFrame(0, index=order, columns=order)
    for a, b, n in pairs[["actor_a", "actor_b", "passages"]].itertuples(index=False):
        matrix.loc[a, b] = matrix.loc[b, a] = n
    text = matrix.astype(str).where(matrix > 0, "")
    fig = heatmap(
        z=matrix.values,
        x=order,
        y=order,
        text=text.values,
        colorscale=SEQUENTIAL,
        colorbar={"title": {"text": "passages", "side": "top"}},
        hovertemplate="%{y} & %{x}: %{z} passages<extra></extra>",
    )
    if pairs.empty:
        title = "No two actors are named in the same passage"
    else:
        top = pairs.sort_values(["passages", "actor_a", "actor_b"], ascending=[False, True, True]).iloc[0]
        title = f"{top['actor_a']} and {top['actor_b']} share the most passages ({top['passages']})"
    return finish(
        fig,
        title,
        subtitle,
        caption="Cell: body passages that name both actors.",
        height=max(380, 32 * len(order) + 180),
    )
