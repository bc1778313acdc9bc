"""Slide-safe at every width: every page at 1024, 1440 and 1920 px, every chart's words measured.

For each drawn chart the browser reports the box of every word it writes (title and subtitle,
legend, caption and credit, tick labels, axis titles, colour-bar labels, labels beside points).
A word outside the chart's own box is clipped; two words of different parts that share pixels
overlap (a legend on the credit lines, column labels on the title). Streamlit's own text is
checked for clipping too (a metric cut with an ellipsis, a caption wider than its column).
Screenshots of each page at each width land in build/screenshots/layout-<page>-<width>.png.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import assert_no_exception, screenshot, wait_idle

WIDTHS = (1024, 1440, 1920)
PAGES = {
    "overview": "/",
    "reader": "/Reader?doc=002_0fbbef5e2591e9a1",
    "search": "/Search?q=%22Mediterranean+Dialogue%22+actor%3ATurkey+nato",
    "topics": "/Topics",
    "stance": "/Stance",
    "timeline": "/Timeline",
    "briefing": "/Briefing",
}
# Which parts of a chart must not share pixels.
PAIRS = [
    ("title", "legend"),
    ("title", "xtick"),
    ("title", "colorbar"),
    ("title", "labels"),
    ("legend", "footer"),
    ("legend", "xtick"),
    ("legend", "labels"),
    ("footer", "xtick"),
    ("footer", "axistitle"),
    ("footer", "labels"),
    ("footer", "colorbar"),
    ("axistitle", "xtick"),
    ("labels", "labels"),
    ("xtick", "xtick"),
    ("footer", "footer"),  # subplot titles are annotations too
    ("values", "title"),
    ("values", "legend"),
    ("values", "footer"),
]
MEASURE = """() => {
    const parts = {
        title: '.g-gtitle text', legend: '.legend text', footer: '.annotation-text',
        xtick: '.xtick text, .x2tick text, .x3tick text', ytick: '.ytick text, .y2tick text',
        colorbar: '.colorbar text', labels: '.textpoint text', axistitle: '.g-xtitle text, .g-ytitle text',
        values: '.bartext',
    };
    const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
    return charts.map((chart, n) => {
        const box = chart.getBoundingClientRect();
        const title = (chart.querySelector('.g-gtitle text') || {}).textContent || `chart ${n}`;
        const words = {};
        for (const [part, selector] of Object.entries(parts)) {
            words[part] = [...chart.querySelectorAll(selector)]
                .filter(el => el.textContent.trim() && el.getBoundingClientRect().width > 0)
                .map(el => {
                    const r = el.getBoundingClientRect();
                    return {text: el.textContent.slice(0, 40), l: r.left, r: r.right, t: r.top, b: r.bottom};
                });
        }
        return {title: title.slice(0, 60), visible: box.width > 0,
                box: {l: box.left, r: box.right, t: box.top, b: box.bottom}, words};
    });
}"""
STREAMLIT_CLIPPED = """() => [...document.querySelectorAll(
        '[data-testid="stMetricValue"] div, [data-testid="stCaptionContainer"], h1, h2, h3')]
    .filter(el => el.getBoundingClientRect().width > 0 && el.scrollWidth > el.clientWidth + 1)
    .map(el => el.textContent.slice(0, 60))"""
SLACK = 1.5  # pixels: anti-aliasing and sub-pixel rounding


def _overlap(a: dict, b: dict) -> bool:
    return min(a["r"], b["r"]) - max(a["l"], b["l"]) > SLACK and min(a["b"], b["b"]) - max(a["t"], b["t"]) > SLACK


def chart_problems(charts: list[dict]) -> list[str]:
    """Every clipped word and every overlapping pair of words of different parts, chart by chart."""
    problems = []
    for chart in charts:
        if not chart["visible"]:
            continue
        box, words = chart["box"], chart["words"]
        for part, items in words.items():
            for w in items:
                if (
                    w["l"] < box["l"] - SLACK
                    or w["r"] > box["r"] + SLACK
                    or w["t"] < box["t"] - SLACK
                    or w["b"] > box["b"] + SLACK
                ):
                    problems.append(f"{chart['title']!r}: {part} {w['text']!r} is clipped")
        for first, second in PAIRS:
            for i, a in enumerate(words.get(first, [])):
                others = words.get(second, [])[i + 1 :] if first == second else words.get(second, [])
                for b in others:
                    if _overlap(a, b):
                        problems.append(f"{chart['title']!r}: {first} {a['text']!r} overlaps {second} {b['text']!r}")
    return problems


@pytest.mark.parametrize("width", WIDTHS)
def test_no_clipped_or_overlapping_text(guarded_page, server_url, width):
    page = guarded_page
    page.set_viewport_size({"width": width, "height": 1400})
    found = []
    for name, path in PAGES.items():
        page.goto(server_url + path)
        wait_idle(page)
        assert_no_exception(page)
        for expander in page.locator('[data-testid="stExpander"] summary').all():
            expander.click()  # the charts and tables inside expanders are measured too
        wait_idle(page)
        page.wait_for_timeout(1200)  # plotly lays out after the script has finished
        found += [f"{name} @{width}px: {p}" for p in chart_problems(page.evaluate(MEASURE))]
        found += [f"{name} @{width}px: Streamlit text clipped: {t!r}" for t in page.evaluate(STREAMLIT_CLIPPED)]
        screenshot(page, f"layout-{name}-{width}")
    assert not found, "\n".join(found)


def test_the_measure_sees_an_overlap_and_a_clip():
    """The checker itself: words that share pixels or leave the box are reported, neighbours are not."""
    box = {"l": 0, "r": 100, "t": 0, "b": 100}
    chart = {
        "title": "t",
        "visible": True,
        "box": box,
        "words": {
            "legend": [{"text": "legend", "l": 10, "r": 40, "t": 80, "b": 90}],
            "footer": [{"text": "credit", "l": 20, "r": 60, "t": 85, "b": 95}],
            "xtick": [{"text": "wide", "l": 90, "r": 130, "t": 50, "b": 60}],
            "title": [{"text": "apart", "l": 0, "r": 50, "t": 0, "b": 10}],
        },
    }
    problems = chart_problems([chart])
    assert problems == ["'t': xtick 'wide' is clipped", "'t': legend 'legend' overlaps footer 'credit'"]


def test_emoji_font_is_installed():
    """Page titles and the menu use emoji: without a colour emoji font Chromium draws empty boxes.
    `make browser-deps` installs fonts-noto-color-emoji with chromium; this fails rather than skips."""
    import subprocess

    try:
        families = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError) as exc:
        raise AssertionError(f"fc-list could not list the fonts ({exc}); install fontconfig") from exc
    assert "Noto Color Emoji" in families, "no emoji font: `make browser-deps` (Debian: fonts-noto-color-emoji)"


def _export_figures(bundle) -> dict:
    """Every chart as the page and the briefing export it (860 px wide, slide fonts, credit lines)."""
    from analysis import charts, overview
    from analysis.bundle import Config
    from analysis.filters import Filters, apply_filters
    from analysis.plotting import overview as overview_plots
    from analysis.plotting import search as search_plots
    from analysis.plotting import stance as stance_plots
    from analysis.plotting import topics as topic_plots
    from analysis.plotting.style import source_colors
    from analysis.search import SearchIndex
    from analysis.search_query import parse_query
    from analysis.stance.propositions import PropositionSet
    from analysis.stance.stage import aggregate_stance
    from analysis.topics import views

    view = apply_filters(bundle, Filters())
    colors = source_colors(bundle.documents["source"].tolist())
    props = PropositionSet.from_yaml(Config.for_corpus(None).propositions)
    figures = {
        c.key: c.figure for _, c in charts.briefing_charts(bundle, view, Filters(), props, list(charts.BRIEFING_VIEWS))
    }
    stance = aggregate_stance(view.stance_evidence, view.documents, by="source")
    index = SearchIndex(bundle)
    hits = index.find(parse_query("nato israel", [], []), view)
    figures |= {
        "volume": overview_plots.volume_chart(overview.volume_by_source(view), colors),
        "actors": overview_plots.actor_bar(overview.actor_counts(view), colors),
        "co-mentions": overview_plots.co_mention_heatmap(
            overview.co_mentions(view), overview.co_mentions(view).attrs["order"]
        ),
        "topic-map": topic_plots.intertopic_map(views.topic_sizes(view), bundle.topic_map),
        "k-curve": topic_plots.k_curve(bundle.topic_k, int(bundle.info["topics"]["k"])),
        "actor-comparison": stance_plots.actor_comparison(stance, "Russia", colors),
        "search-by-source": search_plots.by_source_chart(index.frequency(hits, "source")),
        "search-trends": search_plots.trends_chart(index.frequency(hits, "year")),
    }
    return figures


def test_exports_have_no_clipped_or_overlapping_text(guarded_page, seed_bundle, renderer):
    """The 860-px SVG of every chart, drawn in the browser and measured as the page charts are."""
    from analysis.plotting.export import export_figure, render

    sources = sorted(seed_bundle.documents["source"].unique())
    svgs = {
        name: render(export_figure(fig, sources, "2026-01-01"), "svg").decode()
        for name, fig in _export_figures(seed_bundle).items()
    }
    assert len(svgs) >= 14
    body = "".join(
        f'<div data-testid="stPlotlyChart" style="display:inline-block">{svg}</div>' for svg in svgs.values()
    )
    page = guarded_page
    page.set_viewport_size({"width": 900, "height": 1200})
    page.set_content(f"<html><body style='margin:0'>{body}</body></html>")
    page.wait_for_timeout(500)
    measured = page.evaluate(MEASURE)
    assert len(measured) == len(svgs) and all(m["visible"] for m in measured)
    problems = [f"{name}: {p}" for name, m in zip(svgs, measured, strict=True) for p in chart_problems([m])]
    assert not problems, "\n".join(problems)
