"""Every chart builder drawn to a PNG offline, SVGs that parse, and the dark/slide redraws.

The tests that draw an image request the ``renderer`` fixture: without kaleido or Chromium they
fail with what to install (never skip). The rest need no renderer and always run."""

from __future__ import annotations

import inspect
import struct
import typing
import xml.etree.ElementTree as ET

import plotly.graph_objects as go
import pytest

from analysis import charts, overview
from analysis.bundle import Config
from analysis.filters import Filters, apply_filters
from analysis.plotting import overview as overview_plots
from analysis.plotting import stance as stance_plots
from analysis.plotting import timeline as timeline_plots
from analysis.plotting import topics as topic_plots
from analysis.plotting.export import EXPORT_WIDTH, export_figure, render
from analysis.plotting.style import finish, source_colors, with_credit
from analysis.stance.propositions import PropositionSet
from analysis.stance.stage import aggregate_stance
from analysis.topics import views as topic_views

PROPOSITIONS = PropositionSet.from_yaml(Config.for_corpus(None).propositions)
BUILDER_MODULES = (overview_plots, stance_plots, timeline_plots, topic_plots)


def _builders() -> set[str]:
    """Every public function of the plotting modules that returns a figure."""
    return {
        f"{module.__name__.rsplit('.', 1)[-1]}.{name}"
        for module in BUILDER_MODULES
        for name, fn in inspect.getmembers(module, inspect.isfunction)
        if fn.__module__ == module.__name__
        and not name.startswith("_")
        and typing.get_type_hints(fn).get("return") is go.Figure
    }


def _every_figure(bundle) -> dict[str, go.Figure]:
    """One figure per builder, fed the way the pages feed it."""
    view = apply_filters(bundle, Filters())
    colors = source_colors(bundle.documents["source"].tolist())
    sources = sorted(view.documents["source"].unique())
    stance = aggregate_stance(view.stance_evidence, view.documents, by="source")
    pairs = overview.co_mentions(view)
    evidence = view.stance_evidence.assign(source=lambda f: f["doc_id"].map(overview.source_of(view)))
    dated = evidence.merge(view.documents[["doc_id", "published"]], on="doc_id")
    dated = dated[dated["published"] != ""].assign(year=lambda f: f["published"].str[:4].astype(int))
    themes = overview.theme_by_source(view)
    return {
        "overview.volume_chart": overview_plots.volume_chart(overview.volume_by_source(view), colors, "all"),
        "overview.theme_heatmap": overview_plots.theme_heatmap(themes, sources, sorted(themes["theme"].unique())),
        "overview.actor_bar": overview_plots.actor_bar(overview.actor_counts(view), colors),
        "overview.co_mention_heatmap": overview_plots.co_mention_heatmap(pairs, pairs.attrs["order"]),
        "stance.stance_heatmap": charts.stance_heatmap(view, Filters()),
        "stance.voices_heatmap": charts.voices_heatmap(view, Filters()),
        "stance.actor_comparison": stance_plots.actor_comparison(stance, "Turkey", colors),
        "stance.proposition_matrix": charts.proposition_matrix(view, Filters(), PROPOSITIONS),
        "stance.stance_over_time": stance_plots.stance_over_time(dated, "NATO"),
        "timeline.timeline_chart": charts.timeline(view, Filters(), colors),
        "timeline.timeline_density": charts.timeline(view, Filters(), colors, max_drawn=10),
        "topics.intertopic_map": topic_plots.intertopic_map(topic_views.topic_sizes(view), bundle.topic_map),
        "topics.term_bars": charts.term_bars(bundle),
        "topics.topic_source_heatmap": charts.topic_source_heatmap(bundle, view, Filters()),
        "topics.topic_theme_heatmap": topic_plots.topic_theme_heatmap(topic_views.topic_by_theme(view), bundle.topics),
        "topics.k_curve": topic_plots.k_curve(bundle.topic_k, int(bundle.info["topics"]["k"])),
        "topics.topics_over_time": topic_plots.topics_over_time(topic_views.topic_over_time(view)),
    }


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])


def test_every_chart_builder_is_drawn_here(seed_bundle):
    """No renderer needed: the guard that a new builder cannot escape the image test below."""
    assert "stance.voices_heatmap" in _builders() and "stance.stance_title" not in _builders()
    figures = _every_figure(seed_bundle)
    assert set(figures) == _builders(), "a new chart builder needs a line in _every_figure"
    for name, fig in figures.items():
        assert isinstance(fig, go.Figure) and fig.data, name
        assert fig.layout.meta["title"], name


def test_every_chart_builder_renders_to_png_offline(renderer, seed_bundle):
    for name, fig in _every_figure(seed_bundle).items():
        signed = export_figure(fig, ["Op-ed"], "2026-11-23")
        width, height = _png_size(render(signed, "png"))
        assert (width, height) == (2 * EXPORT_WIDTH, 2 * int(signed.layout.height)), name


def test_svg_parses_and_carries_title_caption_and_sources(renderer, seed_bundle):
    fig = charts.stance_heatmap(apply_filters(seed_bundle, Filters()), Filters())
    svg = render(export_figure(fig, ["Op-ed", "Encyclopedia"], "2026-11-23"), "svg")
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    text = " ".join(t.strip() for t in root.itertext() if t.strip())
    assert "portrays" in text and "most negatively" in text  # the title states the finding
    assert "all documents" in text  # the subtitle states the filters
    assert "Blank: not named." in text  # the caption
    assert "Sources: Op-ed, Encyclopedia" in text and "analysed 2026-11-23" in text


def test_slide_export_wraps_long_lines_and_grows_the_margin():
    long = "A caption that goes on " * 12
    fig = finish(go.Figure(go.Bar(x=[1], y=[1])), "A title", "all documents", caption=long)
    slide = export_figure(fig, ["Op-ed"], "2026-11-23")
    footer = next(a for a in slide.layout.annotations if a.name == "footer")
    assert footer.text.count("<br>") == 4  # caption wrapped to three lines, then two credit lines
    assert slide.layout.margin.b > fig.layout.margin.b
    assert slide.layout.font.size > fig.layout.font.size


def test_dark_theme_changes_ink_not_data():
    fig = finish(go.Figure(go.Bar(x=[1], y=[1], marker_color="#0072B2")), "A title", "sub", "cap")
    dark = with_credit(fig, [], "", "dark")
    assert dark.layout.template.layout.paper_bgcolor != fig.layout.template.layout.paper_bgcolor
    assert "#c8c8c8" in dark.layout.title.text and "#555555" in fig.layout.title.text
    assert dark.data[0].marker.color == "#0072B2"


def test_unknown_format_is_refused():
    with pytest.raises(ValueError, match="unknown image format"):
        render(go.Figure(), "gif")
