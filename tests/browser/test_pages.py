"""Every page in a real browser: drawn, filterable, linkable, free of exceptions."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_no_exception, screenshot, wait_idle

PLOTLY = '[data-testid="stPlotlyChart"] .main-svg'
# The colours the page is drawn in, and the ink of every word the charts write straight on it
# (titles, subtitles, captions and credits, axis ticks), as the browser computed them.
COLOURS = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    const words = [...document.querySelectorAll('[data-testid="stPlotlyChart"] .main-svg')].flatMap(svg => [
        ...svg.querySelectorAll('.gtitle tspan, .annotation-text tspan, .xtick text, .ytick text')
    ]).filter(el => el.textContent.trim());
    return {
        page: getComputedStyle(app).backgroundColor,
        heading: getComputedStyle(app.querySelector('h1')).color,
        words: words.map(el => [el.textContent.slice(0, 40), getComputedStyle(el).fill]),
        paper: [...document.querySelectorAll('[data-testid="stPlotlyChart"] .main-svg rect.bg')].map(
            el => getComputedStyle(el).fillOpacity),
    };
}"""


def _luminance(css: str) -> float:
    """WCAG relative luminance, 0 (black) to 1 (white), of a computed ``rgb(...)``/``rgba(...)`` colour."""
    channels = [int(float(v)) / 255 for v in re.findall(r"[\d.]+", css)[:3]]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours: 1 (none) to 21 (black on white)."""
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _colours(page) -> dict:
    """The page's colours; every chart word must stand out from the page by at least 3:1 (WCAG's floor for
    large text; Streamlit's own tick labels and the charts' credit line reach about 3.5:1 on white)."""
    colours = page.evaluate(COLOURS)
    assert len(colours["words"]) > 10, colours
    faint = [(text, fill) for text, fill in colours["words"] if _contrast(fill, colours["page"]) < 3]
    assert not faint, f"chart words too faint on {colours['page']}: {faint[:5]}"
    return colours


def _lanes(page, expected: list[str]) -> list[str]:
    """The timeline's lanes (its y axis's tick labels, sorted), once they are ``expected`` or after 15 s:
    plotly redraws after the script has finished, so the old axis may still be there for a moment."""
    for _ in range(60):
        lanes = sorted(page.locator('[data-testid="stPlotlyChart"] .main-svg .ytick text').all_text_contents())
        if lanes == expected:
            break
        page.wait_for_timeout(250)
    return lanes


def _open(page, url: str) -> None:
    page.goto(url)
    wait_idle(page)
    assert_no_exception(page)


def _pick(page, label: str, value: str) -> None:
    box = page.get_by_role("combobox", name=label)
    box.click()
    box.press_sequentially(value)  # long option lists are virtualised: filter first
    page.get_by_role("option", name=value, exact=True).click()
    page.keyboard.press("Escape")
    wait_idle(page)


def test_overview_draws_every_chart(guarded_page, server_url):
    page = guarded_page
    _open(page, server_url)
    expect(page.get_by_role("heading", name="Overview")).to_be_visible()
    expect(page.locator(PLOTLY).first).to_be_visible()
    page.wait_for_timeout(500)
    expect(page.locator('[data-testid="stPlotlyChart"]')).to_have_count(4)
    colours = _colours(page)  # light by default, where the dark-mode test below must find dark
    assert _luminance(colours["page"]) > 0.9 and _luminance(colours["heading"]) < 0.1, colours
    screenshot(page, "overview")


def test_reader_shows_structure_and_debris(guarded_page, server_url):
    page = guarded_page
    _open(page, f"{server_url}/Reader?doc=002_0fbbef5e2591e9a1&passage=002_0fbbef5e2591e9a1-p0007")
    expect(page.get_by_text("NATO-Israel Cooperation in the Context of the Russia-Ukraine War").first).to_be_visible()
    expect(page.get_by_text("reference list").first).to_be_visible()
    expect(page.get_by_text("sentence joined across a page break").first).to_be_visible()
    expect(page.get_by_text("Linked passage").first).to_be_visible()
    screenshot(page, "reader")


def test_filters_apply_persist_and_reach_the_url(guarded_page, server_url):
    page = guarded_page
    _open(page, server_url)
    _pick(page, "Sources", "Csepregi (academic)")
    assert_no_exception(page)
    expect(page.get_by_text("sources: Csepregi (academic)").first).to_be_visible()
    assert parse_qs(urlparse(page.url).query)["source"] == ["Csepregi (academic)"]
    _pick(page, "Themes", "Alliance theory")
    assert_no_exception(page)
    assert "Alliance theory" in parse_qs(urlparse(page.url).query)["theme"]
    screenshot(page, "overview-filtered")
    page.get_by_role("link", name="Reader").first.click()
    wait_idle(page)
    assert_no_exception(page)
    expect(page.get_by_text("body passages match the theme/actor filters").first).to_be_visible()
    assert parse_qs(urlparse(page.url).query)["source"] == ["Csepregi (academic)"]
    screenshot(page, "reader-filtered")


def test_bookmarked_filter_opens_filtered(guarded_page, server_url):
    page = guarded_page
    _open(page, f"{server_url}/?source=Op-ed")
    expect(page.get_by_text("sources: Op-ed").first).to_be_visible()
    assert_no_exception(page)


def test_upload_reports_bad_files_and_escapes_markup(guarded_page, server_url, tmp_path):
    page = guarded_page
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    (tmp_path / "turkey.txt").write_text(
        "Turkey vetoed Israel's participation in NATO exercises after 2010.\n\n"
        "Payload: <img src=x onerror=alert(1)> and <script>alert(2)</script>.\n"
    )
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "page.html").write_text("<html><body><p>Iran and Hezbollah.</p><script>alert(3)</script></body></html>")
    _open(page, server_url)
    page.get_by_text("Bring your own documents").click()
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        [str(tmp_path / n) for n in ("turkey.txt", "empty.txt", "page.html")]
    )
    analyse = page.get_by_role("button", name="Analyse the uploaded files")
    expect(analyse).to_be_enabled(timeout=30_000)
    wait_idle(page)
    analyse.click()
    expect(page.get_by_text("or rows skipped or altered").first).to_be_visible(timeout=60_000)
    wait_idle(page)
    assert_no_exception(page)
    expect(page.locator('[data-testid="stMetricValue"]').first).to_have_text("2")
    screenshot(page, "overview-upload")
    page.get_by_role("link", name="Reader").first.click()
    wait_idle(page)
    page.get_by_role("combobox", name="Document").click()
    page.get_by_role("option", name="turkey — turkey").click()
    wait_idle(page)
    expect(page.get_by_text("<img src=x onerror=alert(1)>", exact=False).first).to_be_visible()
    assert dialogs == []
    assert_no_exception(page)


def test_topics_page_draws_and_filters(guarded_page, server_url):
    page = guarded_page
    _open(page, f"{server_url}/Topics")
    expect(page.get_by_role("heading", name="Topics")).to_be_visible()
    expect(page.locator(PLOTLY).first).to_be_visible()
    page.wait_for_timeout(500)
    expect(page.locator('[data-testid="stPlotlyChart"]')).to_have_count(6)
    screenshot(page, "topics")
    _pick(page, "Sources", "Op-ed")
    assert_no_exception(page)
    expect(page.get_by_text("sources: Op-ed").first).to_be_visible()
    screenshot(page, "topics-filtered")


def test_stance_page_draws_and_filters(guarded_page, server_url):
    page = guarded_page
    _open(page, f"{server_url}/Stance")
    expect(page.get_by_role("heading", name="Stance")).to_be_visible()
    expect(page.locator(PLOTLY).first).to_be_visible()
    page.wait_for_timeout(500)
    expect(page.locator('[data-testid="stPlotlyChart"]')).to_have_count(5)  # the quoted voices in an expander
    screenshot(page, "stance")
    _pick(page, "Themes", "Turkey")
    assert_no_exception(page)
    expect(page.get_by_text("themes: Turkey").first).to_be_visible()
    screenshot(page, "stance-filtered")


def test_timeline_page_draws_and_filters(guarded_page, server_url, seed_bundle):
    page = guarded_page
    _open(page, f"{server_url}/Timeline")
    expect(page.get_by_role("heading", name="Timeline")).to_be_visible()
    expect(page.locator(PLOTLY).first).to_be_visible()
    page.wait_for_timeout(500)
    expect(page.get_by_text("Sources disagree on the dates of 1 event:").first).to_be_visible()
    dated_sources = ["Csepregi (academic)", "Israeli analysis"]  # the other two sources are undated
    assert _lanes(page, dated_sources) == dated_sources
    screenshot(page, "timeline")
    _pick(page, "Sources", "Israeli analysis")
    assert_no_exception(page)
    assert _lanes(page, ["Israeli analysis"]) == ["Israeli analysis"]
    page.get_by_text("theme", exact=True).click()
    wait_idle(page)
    assert_no_exception(page)
    # One lane per theme of the analysis's dated mentions, as counted from the events table.
    events = seed_bundle.events
    dated = events[events["resolved"].astype(bool) & (events["source"] == "Israeli analysis")]
    themes = sorted({t for ts in dated["themes"] for t in (ts.split(";") if ts else ["(no theme)"])})
    assert _lanes(page, themes) == themes and "Turkey" in themes
    screenshot(page, "timeline-filtered")


def test_csv_download_matches_the_table(guarded_page, server_url, tmp_path):
    import csv

    page = guarded_page
    _open(page, server_url)
    with page.expect_download() as info:
        page.get_by_role("button", name="⬇ CSV").first.click()
    path = tmp_path / "documents.csv"
    info.value.save_as(path)
    with path.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 4 and {r["source"] for r in rows} == {
        "Israeli analysis",
        "Op-ed",
        "Csepregi (academic)",
        "Encyclopedia",
    }
    _open(page, f"{server_url}/Stance?present=1")
    expect(page.locator('[data-testid="stSidebar"]')).to_be_hidden()
    screenshot(page, "stance-presentation")


def _download(page, button, path):
    """Click a download button and keep the file: deferred downloads are drawn on the click."""
    with page.expect_download(timeout=90_000) as info:
        button.click()
    info.value.save_as(path)
    return path


def test_chart_downloads_png_and_svg_with_words_baked_in(guarded_page, server_url, tmp_path):
    import struct
    import xml.etree.ElementTree as ET

    page = guarded_page
    _open(page, f"{server_url}/Stance")
    expect(page.locator('[data-testid="stPlotlyChart"]')).to_have_count(5)
    png = _download(page, page.get_by_role("button", name="⬇ PNG").first, tmp_path / "heatmap.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert width == 1720 and height > 700  # 860 px at 2x; as tall as its fourteen actors need
    svg = _download(page, page.get_by_role("button", name="⬇ SVG").first, tmp_path / "heatmap.svg").read_text()
    text = " ".join(t.strip() for t in ET.fromstring(svg).itertext() if t.strip())
    assert "most negatively" in text and "all documents" in text and "Sources: Csepregi (academic)" in text
    assert_no_exception(page)


def test_briefing_from_findings_to_pdf(guarded_page, server_url, tmp_path):
    """Overview → Briefing → PDF: the analyst's three clicks, under a filter."""
    import io

    from pypdf import PdfReader

    page = guarded_page
    _open(page, server_url)
    _pick(page, "Sources", "Op-ed")
    _pick(page, "Sources", "Csepregi (academic)")
    page.get_by_role("link", name="Make a briefing").click()
    expect(page.get_by_role("heading", name="Briefing")).to_be_visible()
    wait_idle(page)
    assert_no_exception(page)
    expect(page.get_by_text("sources: Op-ed, Csepregi (academic)").first).to_be_visible()
    screenshot(page, "briefing")
    pdf = _download(page, page.get_by_role("button", name="⬇ PDF briefing"), tmp_path / "brief.pdf").read_bytes()
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert len(reader.pages) >= 5
    assert "Filters in force: sources: Op-ed, Csepregi (academic)" in text
    assert "Figure 1." in text and "Evidence quotes" in text and "Out of domain (the frozen test part" in text
    assert "Encyclopedia" not in reader.pages[0].extract_text()
    html = _download(page, page.get_by_role("button", name="⬇ HTML briefing"), tmp_path / "brief.html").read_text()
    assert html.startswith("<!doctype html>") and "data:image/svg+xml;base64," in html
    assert_no_exception(page)


@pytest.mark.browser_context_args(color_scheme="dark")
def test_dark_mode_draws_every_page(guarded_page, server_url):
    """With the system in dark mode Streamlit turns dark; the charts follow: light ink, no paper."""
    page = guarded_page
    for path, name in (("", "overview"), ("/Stance", "stance"), ("/Timeline", "timeline")):
        _open(page, f"{server_url}{path}")
        expect(page.locator(PLOTLY).first).to_be_visible()
        page.wait_for_timeout(800)
        colours = _colours(page)  # every chart word readable on the dark page
        assert _luminance(colours["page"]) < 0.02 and _luminance(colours["heading"]) > 0.7, (name, colours)
        assert set(colours["paper"]) == {"0"}, (name, colours)  # no chart paper: the dark page shows through
        screenshot(page, f"{name}-dark")
