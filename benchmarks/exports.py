"""Chart images and briefings: how long they take and how big they are, run on demand.

    .venv/bin/python -m benchmarks.exports [--csv PATH] [--out docs/benchmarks.md]

Measures in one run: the first image (which starts kaleido's Chromium), then
PNG (2×) and SVG per chart through the persistent browser, against plotly's
one-shot ``to_image`` without a server (a browser per image); the seed briefing
composed, as PDF and as HTML; and the same briefing of BBC News (2,225 articles,
read from ../shared and never copied), whose analysis is cached in build/cache.
"""

from __future__ import annotations

import argparse
import io
import resource
import statistics
import sys
import time
from pathlib import Path

from analysis.briefing.compose import compose_briefing
from analysis.briefing.render import briefing_bytes, seed_analysis
from analysis.bundle import ROOT, Config, cached_build, load_bundle
from analysis.charts import BRIEFING_VIEWS
from analysis.filters import Filters, apply_filters
from analysis.plotting.export import export_figure, render, renderer_problem
from analysis.stance.propositions import PropositionSet
from benchmarks.report import machine, write_section

BBC = ROOT.parent / "shared" / "benchmarks" / "bbc-news" / "bbc-news.csv"
CACHE = ROOT / "build" / "cache"


def _timed(fn):
    t0 = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t0


def _peak_mb() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def briefing_figures(corpus: Path, seeds) -> dict:
    full = load_bundle(cached_build(corpus, CACHE))
    props = PropositionSet.from_yaml(Config.for_corpus(corpus).propositions)
    view = apply_filters(full, Filters())
    briefing, compose_s = _timed(
        lambda: compose_briefing(full, view, Filters(), props, list(BRIEFING_VIEWS), None, seeds)
    )
    pdf, pdf_s = _timed(lambda: briefing_bytes(briefing, "pdf"))
    html, html_s = _timed(lambda: briefing_bytes(briefing, "html"))
    from pypdf import PdfReader

    return {
        "documents": len(full.documents),
        "charts": len(briefing.charts),
        "quotes": len(briefing.quotes),
        "compose_s": compose_s,
        "pdf_s": pdf_s,
        "html_s": html_s,
        "pdf_kb": len(pdf) / 1024,
        "pdf_pages": len(PdfReader(io.BytesIO(pdf)).pages),
        "html_kb": len(html) / 1024,
        "same_pdf_twice": pdf == briefing_bytes(briefing, "pdf"),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, default=BBC)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    args = parser.parse_args(argv)
    problem = renderer_problem()
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2

    seeds = seed_analysis(CACHE)
    view = apply_filters(seeds, Filters())
    props = PropositionSet.from_yaml(Config.for_corpus(None).propositions)
    briefing = compose_briefing(seeds, view, Filters(), props, list(BRIEFING_VIEWS), None, None)
    figures = [export_figure(c.figure, briefing.sources, "2026-01-01") for _, c in briefing.charts]
    _, first_s = _timed(lambda: render(figures[0], "png"))
    png = [_timed(lambda f=f: render(f, "png"))[1] for f in figures]
    svg = [_timed(lambda f=f: render(f, "svg"))[1] for f in figures]
    import kaleido
    import plotly.io as pio

    kaleido.stop_sync_server(silence_warnings=True)  # plotly's one-shot path: a browser per image
    oneshot = [_timed(lambda f=f: pio.to_image(f, format="png", width=860, scale=2))[1] for f in figures[:3]]
    print(
        f"first image {first_s:.2f} s; PNG mean {statistics.mean(png):.2f} s; one-shot {statistics.mean(oneshot):.2f} s"
    )

    render(figures[0], "png")  # the persistent browser again, so briefing times exclude its start
    seed = briefing_figures(ROOT / "seeds", seeds)
    print(f"seeds briefing: {seed}")
    bbc = briefing_figures(args.csv, seeds) if args.csv.is_file() else None
    print(f"BBC briefing: {bbc}")
    own, children = _peak_mb()

    def row(name: str, r: dict) -> str:
        return (
            f"| {name} | {r['documents']:,} | {r['charts']} | {r['quotes']} | {r['compose_s']:.2f} | "
            f"{r['pdf_s']:.2f} | "
            f"{r['pdf_pages']} | {r['pdf_kb']:.0f} | {r['html_s']:.2f} | {r['html_kb']:.0f} | "
            f"{'yes' if r['same_pdf_twice'] else 'NO'} |"
        )

    lines = [
        "## Chart images and briefings",
        "",
        f"One run on {machine()}, Debian's chromium, kaleido 1.5 with one persistent browser.",
        "",
        f"- First image (starts the browser): **{first_s:.2f} s**.",
        f"- Then per chart, over the {len(figures)} briefing charts: PNG at 2× mean **{statistics.mean(png):.2f} s** "
        f"(max {max(png):.2f}), SVG mean **{statistics.mean(svg):.2f} s** (max {max(svg):.2f}).",
        f"- plotly's one-shot `to_image` (a browser per image), first 3 charts: mean {statistics.mean(oneshot):.2f} s, "
        f"{statistics.mean(oneshot) / statistics.mean(png):.0f}× the persistent browser — why the dashboard keeps one.",
        "",
        "Briefings with every view (the methods note runs the stance and timeline evaluations on the seeds each "
        "time; the corpus analysis itself is read from the cache):",
        "",
        "| corpus | documents | charts | quotes | compose s | PDF s | PDF pages | PDF KB | HTML s | HTML KB | "
        "same PDF twice |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
        row("seeds", seed),
    ]
    if bbc:
        lines.append(row("BBC News", bbc))
    lines += [
        "",
        f"Peak RSS: this process {own:.0f} MB; the largest child (Chromium) {children:.0f} MB.",
        "",
    ]
    write_section(args.out, "exports", lines)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
