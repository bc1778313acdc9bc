"""Slide-safe charts, checked on the figures: words laid out for the room a chart has, no degenerate
scale on a tiny corpus, lines only where three dated points can carry one. The browser test
(tests/browser/test_layout.py) measures the same charts as drawn at 1,024, 1,440 and 1,920 px."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analysis import overview
from analysis.bundle import build_bundle
from analysis.charts import stance_heatmap, theme_heatmap
from analysis.filters import Filters
from analysis.plotting import overview as overview_plots
from analysis.plotting import stance as stance_plots
from analysis.plotting import topics as topic_plots
from analysis.plotting.style import MIN_PLOT, dress, finish, source_colors
from analysis.topics import views


def _one_passage(tmp_path):
    corpus = tmp_path / "one"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "NATO must deepen its partnership with Israel against Iran, whose missile threat endangers the alliance; "
        "cyber defence cooperation should expand.\n"
    )
    return build_bundle(corpus, tmp_path / "bundle")


def test_one_passage_corpus_gets_whole_number_scales_from_zero(tmp_path):
    bundle = _one_passage(tmp_path)
    assert len(bundle.body) == 1
    themes = theme_heatmap(bundle, Filters())
    heat = themes.data[0]
    assert (heat.zmin, heat.zmax) == (0, 100)  # not 99.5 to 100.5 around the one value
    actors = overview_plots.actor_bar(overview.actor_counts(bundle), source_colors(["a"]))
    assert actors.layout.xaxis.dtick == 1 and actors.layout.xaxis.tickformat == ",d"  # 0, 1, 2 mentions
    assert stance_heatmap(bundle, Filters()) is not None


def test_top_column_labels_are_wrapped_level_and_given_room(seed_bundle):
    fig = stance_heatmap(seed_bundle, Filters())
    wide = dress(go.Figure(fig), width=1400)
    narrow = dress(go.Figure(fig), width=560)
    assert narrow.layout.xaxis.tickangle == 0 and wide.layout.xaxis.tickangle == 0
    assert "Csepregi<br>(academic)" in narrow.layout.xaxis.ticktext
    assert "Csepregi (academic)" in wide.layout.xaxis.ticktext
    assert narrow.layout.margin.t > wide.layout.margin.t  # the extra line of column labels has room
    many = go.Figure(go.Heatmap(z=[list(range(30))], x=[f"source number {i}" for i in range(30)], y=["a"]))
    many.update_xaxes(side="top")
    upright = dress(finish(many, "t"), width=560)
    assert upright.layout.xaxis.tickangle == -90 and upright.layout.margin.t > 100


def test_a_wrapping_legend_and_title_keep_the_plot(seed_bundle):
    counts = overview.actor_counts(seed_bundle)
    fig = overview_plots.actor_bar(counts, source_colors(seed_bundle.documents["source"].tolist()))
    assert dress(go.Figure(fig), width=270).layout.margin.t > dress(go.Figure(fig), width=1400).layout.margin.t
    tall = finish(go.Figure(go.Bar(x=[1], y=["a"], orientation="h")), "word " * 60, caption="word " * 80, height=240)
    narrow = dress(go.Figure(tall), width=270)
    assert narrow.layout.height - narrow.layout.margin.t - narrow.layout.margin.b >= MIN_PLOT


def test_k_curve_legend_sits_above_the_plot_not_on_the_credit(seed_bundle):
    fig = topic_plots.k_curve(seed_bundle.topic_k, int(seed_bundle.info["topics"]["k"]))
    assert fig.layout.legend.y >= 1 and fig.layout.legend.yanchor == "bottom"


def test_topic_map_labels_whole_or_ids_when_narrow(seed_bundle):
    sizes = views.topic_sizes(seed_bundle)
    wide = topic_plots.intertopic_map(sizes, seed_bundle.topic_map, width=760)
    texts = list(wide.data[0].text)
    labels = dict(zip(seed_bundle.topics["topic_id"], seed_bundle.topics["label"], strict=True))
    for topic_id, text in zip(sizes["topic_id"], texts, strict=True):  # whole words, never "strategi…"
        assert text.replace("<br>", " ").replace("&amp;", "&") == f"{topic_id}: {labels[topic_id]}"
    narrow = topic_plots.intertopic_map(sizes, seed_bundle.topic_map, width=320)
    assert list(narrow.data[0].text) == [str(t) for t in sizes["topic_id"]]
    assert "id" in narrow.layout.meta["caption"]


def test_stance_over_time_draws_a_line_from_three_years():
    def evidence(years):
        return pd.DataFrame({"target": "Iran", "year": years, "score": [0.5] * len(years)})

    two = stance_plots.stance_over_time(evidence([2023, 2024]), "Iran")
    assert two.data[0].mode == "markers+text" and "points, not a line" in two.layout.meta["caption"]
    three = stance_plots.stance_over_time(evidence([2022, 2023, 2024]), "Iran")
    assert three.data[0].mode == "lines+markers+text"
