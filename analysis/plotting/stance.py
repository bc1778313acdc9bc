"""Stance charts: who portrays whom how, where sources stand, and over time."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analysis.plotting.style import DIVERGING, esc, finish, heatmap

POSITION_COLORS = {"supports": "#1a9850", "opposes": "#d73027", "mixed": "#fdae61", "silent": "#e0e0e0"}


def stance_heatmap(stance: pd.DataFrame, sources: list[str], actors: list[str], subtitle: str = "") -> go.Figure:
    """Source × actor on one diverging scale centred at 0; each cell shows its score and n."""
    score = stance.pivot_table(index="target", columns="source", values="score")
    n = stance.pivot_table(index="target", columns="source", values="n_sentences", fill_value=0)
    score = score.reindex(index=actors, columns=sources)
    n = n.reindex(index=actors, columns=sources, fill_value=0).astype(int)
    text = [
        [("" if pd.isna(s) else f"{s:+.2f}<br>n={c}") for s, c in zip(srow, crow, strict=True)]
        for srow, crow in zip(score.values, n.values, strict=True)
    ]
    fig = heatmap(
        z=score.values,
        x=[esc(s) for s in sources],
        y=[esc(a) for a in actors],
        text=text,
        colorscale=DIVERGING,
        zmin=-1,
        zmax=1,
        zmid=0,
        colorbar={
            "title": {"text": "stance", "side": "top"},
            "tickvals": [-1, 0, 1],
            "ticktext": ["−1 hostile", "0", "+1 favourable"],
        },
        hovertemplate="%{x} on %{y}: %{z:+.2f}<extra></extra>",
    )
    fig.update_xaxes(side="top")
    shown = stance[stance["target"].isin(actors)]
    evaluative = shown[(shown["n_positive"] + shown["n_negative"]) >= 3]
    if evaluative.empty:
        title = "No source says anything evaluative about these actors"
    else:
        worst = evaluative.sort_values(["score", "n_sentences"], ascending=[True, False]).iloc[0]
        title = (
            f"{worst['source']} portrays {worst['target']} most negatively ({worst['score']:+.2f}, "
            f"{worst['n_sentences']} sentences)"
        )
    return finish(
        fig,
        title,
        subtitle,
        caption="Cell: mean stance of the source's sentences naming the actor "
        "(−1 hostile … +1 favourable); n: sentences. Blank: not named.",
        height=max(360, 36 * len(actors) + 170),
    )


def actor_comparison(stance: pd.DataFrame, actor: str, colors: dict[str, str], subtitle: str = "") -> go.Figure:
    """One actor across sources: score bars with the evidence count."""
    part = stance[stance["target"] == actor].sort_values("source")
    fig = go.Figure(
        go.Bar(
            x=part["score"],
            y=[esc(s) for s in part["source"]],
            orientation="h",
            marker_color=[colors.get(s, "#888") for s in part["source"]],
            text=[
                f"{r.score:+.2f} (n={int(r.n_sentences)}, conf. {r.confidence:.2f})"
                for r in part.itertuples(index=False)
            ],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{x:+.2f}<extra></extra>",
        )
    )
    fig.add_vline(x=0, line={"color": "#555", "width": 1})
    fig.update_xaxes(range=[-1.9, 1.9], title="stance (−1 hostile … +1 favourable)", tickvals=[-1, -0.5, 0, 0.5, 1])
    fig.update_yaxes(autorange="reversed")
    if part.empty:
        title = f"No source names {actor} under these filters"
    else:
        lo, hi = part["score"].min(), part["score"].max()
        title = f"How the sources portray {actor}: from {lo:+.2f} to {hi:+.2f}"
    return finish(fig, title, subtitle, height=max(240, 60 * len(part) + 150))


def proposition_matrix(props: pd.DataFrame, sources: list[str], subtitle: str = "") -> go.Figure:
    """Supports / opposes / mixed / silent, per source and proposition."""
    order = list(POSITION_COLORS)
    code = {p: i for i, p in enumerate(order)}
    propositions = list(dict.fromkeys(props["proposition"]))
    table = props.set_index(["proposition", "source"])
    z, text = [], []
    for prop in propositions:
        zr, tr = [], []
        for source in sources:
            row = table.loc[(prop, source)] if (prop, source) in table.index else None
            position = row["position"] if row is not None else "silent"
            zr.append(code[position])
            tr.append(
                position
                if row is None or position == "silent"
                else f"{position}<br>{row['n_support']}+ / {row['n_oppose']}−"
            )
        z.append(zr)
        text.append(tr)
    scale = []
    for i, p in enumerate(order):
        scale += [[i / len(order), POSITION_COLORS[p]], [(i + 1) / len(order), POSITION_COLORS[p]]]
    fig = heatmap(
        z=z,
        x=[esc(s) for s in sources],
        y=[esc(p) for p in propositions],
        text=text,
        colorscale=scale,
        zmin=-0.5,
        zmax=len(order) - 0.5,
        showscale=False,
        xgap=3,
        ygap=3,
        hovertemplate="%{y}<br>%{x}: %{text}<extra></extra>",
    )
    fig.update_xaxes(side="top")
    counts = props[props["position"] == "supports"].groupby("proposition").size()
    if counts.empty:
        title = "No source argues for any proposition under these filters"
    else:
        top = counts.sort_values(ascending=False, kind="stable")
        title = f"{top.iloc[0]} of {len(sources)} sources argue for '{top.index[0]}'"
    return finish(
        fig,
        title,
        subtitle,
        caption="+ / −: sentences with advocacy for / against the proposition.",
        height=max(260, 70 * len(propositions) + 150),
    )


def stance_over_time(evidence: pd.DataFrame, actor: str, subtitle: str = "") -> go.Figure:
    """Mean stance towards an actor per publication year (dated documents)."""
    part = evidence[evidence["target"] == actor].groupby("year").agg(score=("score", "mean"), n=("score", "size"))
    part = part.reset_index()
    fig = go.Figure(
        go.Scatter(
            x=part["year"].astype(str),
            y=part["score"],
            mode="lines+markers+text",
            text=[f"n={n}" for n in part["n"]],
            textposition="top center",
            line={"color": "#0072B2"},
        )
    )
    fig.add_hline(y=0, line={"color": "#555", "width": 1})
    fig.update_yaxes(range=[-1.1, 1.1], title="mean stance")
    fig.update_xaxes(type="category", title="year published")
    return finish(
        fig,
        f"Stance towards {actor} by year of publication",
        subtitle,
        caption="Undated documents are left out.",
        height=320,
    )
