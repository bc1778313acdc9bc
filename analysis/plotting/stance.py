"""Stance charts: who portrays whom how, where sources stand, and over time."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analysis.plotting.select import clickable_cells
from analysis.plotting.style import DIVERGING, esc, finish, heatmap
from analysis.stance.stage import MIN_EVALUATIVE  # the one display rule: the stage's ``thin`` and the colours agree

POSITION_COLORS = {"supports": "#1a9850", "opposes": "#d73027", "mixed": "#fdae61", "silent": "#e0e0e0"}


THIN_COLOR = "#d9d9d9"


def stance_heatmap(stance: pd.DataFrame, sources: list[str], actors: list[str], subtitle: str = "") -> go.Figure:
    """Source × actor on one diverging scale centred at 0, coloured only where at least
    ``MIN_EVALUATIVE`` evaluative sentences back the cell; thinner cells are grey and say so."""
    stance = stance.assign(n_eval=stance["n_positive"] + stance["n_negative"])
    table = stance.set_index(["target", "source"])
    z_solid, z_thin, text, hover = [], [], [], []
    for actor in actors:
        zs, zt, tr, hr = [], [], [], []
        for source in sources:
            row = table.loc[(actor, source)] if (actor, source) in table.index else None
            if row is None:
                zs.append(None)
                zt.append(None)
                tr.append("")
                hr.append(f"{source} does not name {actor}")
                continue
            n_eval, n = int(row["n_eval"]), int(row["n_sentences"])
            backing = f"{n_eval} evaluative of {n} sentence{'s' if n != 1 else ''}; confidence {row['confidence']:.2f}"
            if n_eval >= MIN_EVALUATIVE:
                zs.append(float(row["score"]))
                zt.append(None)
                tr.append(f"{row['score']:+.2f}<br>n={n_eval}")
                hr.append(f"{source} on {actor}: {row['score']:+.2f} ({backing})")
            else:
                zs.append(None)
                zt.append(0.0)
                tr.append(f"thin<br>n={n_eval}")
                hr.append(
                    f"{source} on {actor}: too little evidence to colour "
                    f"(score {row['score']:+.2f}; {backing}; {MIN_EVALUATIVE} needed)"
                )
            del n
        z_solid.append(zs)
        z_thin.append(zt)
        text.append(tr)
        hover.append(hr)
    x = [esc(s) for s in sources]
    y = [esc(a) for a in actors]
    fig = heatmap(
        z=z_thin,
        x=x,
        y=y,
        colorscale=[[0, THIN_COLOR], [1, THIN_COLOR]],
        zmin=0,
        zmax=1,
        showscale=False,
        text=[
            [t if zt is not None else "" for t, zt in zip(tr, ztr, strict=True)]
            for tr, ztr in zip(text, z_thin, strict=True)
        ],
        customdata=[[esc(h) for h in row] for row in hover],
        hovertemplate="%{customdata}<extra></extra>",
        textfont={"color": "#555555"},
    )
    fig.add_trace(
        go.Heatmap(
            z=z_solid,
            x=x,
            y=y,
            text=[
                [t if zs is not None else "" for t, zs in zip(tr, zsr, strict=True)]
                for tr, zsr in zip(text, z_solid, strict=True)
            ],
            texttemplate="%{text}",
            xgap=2,
            ygap=2,
            colorscale=DIVERGING,
            zmin=-1,
            zmax=1,
            zmid=0,
            customdata=[[esc(h) for h in row] for row in hover],
            hovertemplate="%{customdata}<extra></extra>",
            colorbar={
                "title": {"text": "stance", "side": "top"},
                "tickvals": [-1, 0, 1],
                "ticktext": ["−1 hostile", "0", "+1 favourable"],
            },
        )
    )
    fig.update_xaxes(side="top")
    cells = [(i, j) for i in range(len(actors)) for j in range(len(sources))]
    clickable_cells(
        fig,
        [x[j] for _, j in cells],
        [y[i] for i, _ in cells],
        [(sources[j], actors[i]) for i, j in cells],
        [esc(hover[i][j]) for i, j in cells],
    )
    return finish(
        fig,
        _stance_title(stance[stance["target"].isin(actors)]),
        subtitle,
        caption=f"Cell: mean stance of the source's evaluative sentences on the actor (−1 hostile … +1 favourable), "
        f"n = evaluative sentences. Grey 'thin': fewer than {MIN_EVALUATIVE} evaluative sentences, too little to "
        "colour. Blank: not named. Author's voice only; quoted speakers are shown apart.",
        height=max(360, 36 * len(actors) + 170),
    )


def _stance_title(stance: pd.DataFrame) -> str:
    """The headline of a stance view: the strongest well-evidenced portrayal, named by its real sign."""
    n_eval = stance["n_positive"] + stance["n_negative"]
    solid = stance[n_eval >= MIN_EVALUATIVE]
    hostile = solid[solid["score"] < 0]
    favourable = solid[solid["score"] > 0]
    if not hostile.empty:
        worst = hostile.sort_values(["score", "n_sentences", "target"], ascending=[True, False, True]).iloc[0]
        return (
            f"{worst['source']} portrays {worst['target']} most negatively ({worst['score']:+.2f}, "
            f"{int(worst['n_positive'] + worst['n_negative'])} evaluative sentences)"
        )
    if not favourable.empty:
        best = favourable.sort_values(["score", "n_sentences", "target"], ascending=[False, False, True]).iloc[0]
        return (
            f"No hostile portrayal is well evidenced; {best['source']} portrays {best['target']} most favourably "
            f"({best['score']:+.2f}, {int(best['n_positive'] + best['n_negative'])} evaluative sentences)"
        )
    return f"Too little evidence: no cell has {MIN_EVALUATIVE} evaluative sentences"


def voices_heatmap(voices: pd.DataFrame, actors: list[str], subtitle: str = "", max_voices: int = 12) -> go.Figure:
    """Quoted speaker × actor: what the voices a text reports say, apart from its author's stance.
    Same scale and the same thinness rule as the author's heatmap."""
    voices = voices[voices["target"].isin(actors)]
    n_eval = voices.assign(n_eval=voices["n_positive"] + voices["n_negative"]).groupby("voice")["n_eval"].sum()
    speakers = n_eval.sort_values(ascending=False, kind="stable").index[:max_voices].tolist()
    shown = voices[voices["voice"].isin(speakers)].rename(columns={"voice": "source"})
    shown = shown.assign(confidence=0.0)
    fig = stance_heatmap(shown, speakers, actors, subtitle) if speakers else go.Figure()
    title = (
        "No quoted speaker names these actors"
        if not speakers
        else f"What the quoted voices say: {len(speakers)} speaker{'s' if len(speakers) != 1 else ''}"
    )
    return finish(
        fig,
        title,
        subtitle,
        caption="Columns: speakers the texts quote or report (an actor where the speaker speaks for one). "
        f"Cell: their mean stance on the actor, n = evaluative sentences; grey 'thin': fewer than {MIN_EVALUATIVE}. "
        "Not the texts' own view.",
        height=max(360, 36 * len(actors) + 170),
    )


def actor_comparison(stance: pd.DataFrame, actor: str, colors: dict[str, str], subtitle: str = "") -> go.Figure:
    """One actor across sources: score bars with the evidence behind each; thin ones grey and outlined."""
    part = stance[stance["target"] == actor].sort_values("source")
    n_eval = (part["n_positive"] + part["n_negative"]).astype(int)
    solid = n_eval >= MIN_EVALUATIVE
    fig = go.Figure(
        go.Bar(
            x=part["score"],
            y=[esc(s) for s in part["source"]],
            orientation="h",
            marker={
                "color": [
                    colors.get(s, "#888") if ok else THIN_COLOR for s, ok in zip(part["source"], solid, strict=True)
                ],
                "line": {"color": ["rgba(0,0,0,0)" if ok else "#888888" for ok in solid], "width": 1},
                "pattern": {"shape": ["" if ok else "/" for ok in solid], "fgcolor": "#999999"},
            },
            text=[
                f"{r.score:+.2f} (n={k}, conf. {r.confidence:.2f})" if ok else f"thin: n={k} evaluative"
                for r, k, ok in zip(part.itertuples(index=False), n_eval, solid, strict=True)
            ],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{x:+.2f} — %{text}<extra></extra>",
        )
    )
    fig.add_vline(x=0, line={"color": "#555", "width": 1})
    fig.update_xaxes(
        range=[-1.9, 1.9],
        title="stance",
        tickvals=[-1, -0.5, 0, 0.5, 1],
        ticktext=["−1 hostile", "−0.5", "0", "+0.5", "+1 favourable"],
    )
    fig.update_yaxes(autorange="reversed")
    if part.empty:
        title = f"No source names {actor} under these filters"
    elif not solid.any():
        title = f"Too little evidence on how the sources portray {actor}"
    else:
        lo, hi = part.loc[solid, "score"].min(), part.loc[solid, "score"].max()
        title = (
            f"How the sources portray {actor}: {lo:+.2f}"
            if lo == hi
            else f"How the sources portray {actor}: from {lo:+.2f} to {hi:+.2f}"
        )
    return finish(
        fig,
        title,
        subtitle,
        caption=f"Hatched grey: fewer than {MIN_EVALUATIVE} evaluative sentences, too little evidence for a reading.",
        height=max(240, 60 * len(part) + 170),
    )


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
    # A line between two years reads as a trend the data cannot show: from three dated years on only.
    as_line = len(part) >= MIN_YEARS_FOR_LINE
    fig = go.Figure(
        go.Scatter(
            x=part["year"].astype(str),
            y=part["score"],
            mode="lines+markers+text" if as_line else "markers+text",
            text=[f"n={n}" for n in part["n"]],
            textposition="top center",
            line={"color": "#0072B2"},
            marker={"size": 10 if as_line else 12, "color": "#0072B2"},
        )
    )
    fig.add_hline(y=0, line={"color": "#555", "width": 1})
    fig.update_yaxes(range=[-1.1, 1.1], title="mean stance")
    fig.update_xaxes(type="category", title="year published")
    years = len(part)
    caption = "Undated documents are left out." + (
        ""
        if as_line
        else f" {years} dated year{'s' if years != 1 else ''}: points, not a line, until there are "
        f"{MIN_YEARS_FOR_LINE}."
    )
    return finish(fig, f"Stance towards {actor} by year of publication", subtitle, caption=caption, height=320)


MIN_YEARS_FOR_LINE = 3
