"""From a composed briefing to files: chart images, then PDF or HTML bytes."""

from __future__ import annotations

from pathlib import Path

from analysis.briefing.compose import Briefing
from analysis.briefing.html import briefing_html
from analysis.briefing.pdf import briefing_pdf
from analysis.bundle import ROOT, Bundle, cached_build, load_bundle
from analysis.plotting.export import export_figure, render

SEEDS = ROOT / "seeds"


def chart_images(briefing: Briefing, fmt: str) -> dict[str, bytes]:
    """Every chart of the briefing drawn as for a slide, signed with the briefing's sources."""
    return {
        chart.key: render(export_figure(chart.figure, briefing.sources, briefing.analysed_on), fmt)
        for _, chart in briefing.charts
    }


def briefing_bytes(briefing: Briefing, kind: str) -> bytes:
    """``kind`` is "pdf" or "html"."""
    if kind == "pdf":
        return briefing_pdf(briefing, chart_images(briefing, "png"))
    if kind == "html":
        return briefing_html(briefing, chart_images(briefing, "svg")).encode("utf-8")
    raise ValueError(f"unknown briefing format {kind!r}; use pdf or html")


def seed_analysis(cache: Path, full: Bundle | None = None) -> Bundle:
    """The analysis of the embedded seeds (the hand-labelled data), reusing ``full`` when it is that."""
    if full is not None and Path(str(full.info.get("corpus", ""))).resolve() == SEEDS.resolve():
        return full
    return load_bundle(cached_build(SEEDS, cache))
