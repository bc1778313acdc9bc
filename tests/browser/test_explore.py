"""Exploring as an analyst does, in a real browser: search, follow a deep link, bookmark a view."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from playwright.sync_api import expect

from tests.browser.conftest import assert_no_exception, screenshot, wait_idle

PLOTLY = '[data-testid="stPlotlyChart"] .main-svg'
# Where an element sits in the viewport (Streamlit scrolls inside its main pane, not the window).
IN_VIEW = """id => {
    const el = document.getElementById(id);
    if (!el) return null;
    const box = el.getBoundingClientRect();
    const pane = document.querySelector('[data-testid="stMain"]') || document.scrollingElement;
    return {top: box.top, bottom: box.bottom, height: window.innerHeight, scrolled: pane.scrollTop,
            classes: el.className};
}"""


def _open(page, url: str) -> None:
    page.goto(url)
    wait_idle(page)
    assert_no_exception(page)


def _in_view(page, element_id: str) -> dict:
    """The element's box once it has been scrolled into the viewport (or after 10 s, as it is)."""
    box = None
    for _ in range(40):
        box = page.evaluate(IN_VIEW, element_id)
        if box and box["top"] >= 0 and box["bottom"] <= box["height"]:
            break
        page.wait_for_timeout(250)
    return box


def test_search_types_shows_lines_and_trends(guarded_page, server_url):
    page = guarded_page
    _open(page, f"{server_url}/Search")
    expect(page.get_by_role("heading", name="Search")).to_be_visible()
    box = page.get_by_role("textbox", name="Search the corpus")
    box.fill('"Mediterranean Dialogue" actor:Turkey')
    box.press("Enter")
    expect(page.get_by_text("Keywords in context")).to_be_visible(timeout=30_000)
    wait_idle(page)
    assert_no_exception(page)
    assert parse_qs(urlparse(page.url).query)["q"] == ['"Mediterranean Dialogue" actor:Turkey']
    expect(page.get_by_text("lines, by corpus order").first).to_be_visible()
    # per term, the lines, and the counts behind the two charts (in an expander)
    expect(page.locator('[data-testid="stDataFrame"]')).to_have_count(4)
    expect(page.locator('[data-testid="stPlotlyChart"]')).to_have_count(2)  # trends by year, by source
    expect(page.locator(PLOTLY).first).to_be_visible()
    screenshot(page, "search")


def test_deep_link_scrolls_the_passage_into_view(guarded_page, server_url, seed_bundle):
    page = guarded_page
    doc = "002_0fbbef5e2591e9a1"
    body = seed_bundle.body[seed_bundle.body["doc_id"] == doc]
    target = body["passage_id"].iloc[-2]  # near the end of a long paper, thousands of pixels down
    _open(page, f"{server_url}/Reader?doc={doc}&passage={target}")
    box = _in_view(page, target)
    assert box and box["top"] >= 0 and box["bottom"] <= box["height"], box
    assert box["scrolled"] > 1000 and "pl-linked" in box["classes"], box
    screenshot(page, "reader-deep-link")
    # A search hit link without a passage scrolls to the first hit, marked.
    _open(page, f"{server_url}/Reader?doc={doc}&q=%22Mediterranean+Dialogue%22")
    first = page.locator("mark.pl-hit").first
    expect(first).to_be_visible()
    marked = page.evaluate("() => document.querySelector('mark.pl-hit').closest('.pl-p').id")
    box = _in_view(page, marked)
    assert box and box["top"] >= 0 and box["bottom"] <= box["height"], box


def test_bookmarked_view_comes_back_after_a_reload(guarded_page, server_url):
    page = guarded_page
    _open(page, f"{server_url}/Stance?source=Israeli+analysis")
    actor = page.get_by_role("combobox", name="Actor", exact=True)
    actor.click()
    actor.press_sequentially("Turkey")
    page.get_by_role("option", name="Turkey", exact=True).click()
    wait_idle(page)
    page.get_by_text("Both", exact=True).click()
    wait_idle(page)
    params = parse_qs(urlparse(page.url).query)
    assert params["focus"] == ["Turkey"] and params["voice"] == ["both"] and params["source"] == ["Israeli analysis"]
    page.reload()  # a new session: only the URL remembers
    wait_idle(page)
    assert_no_exception(page)
    expect(page.get_by_role("combobox", name="Actor", exact=True)).to_have_value("Turkey")
    expect(page.get_by_role("radio", name="Both")).to_be_checked()
    expect(page.get_by_text("sources: Israeli analysis").first).to_be_visible()


def test_an_unknown_link_value_is_named(guarded_page, server_url):
    page = guarded_page
    _open(page, f"{server_url}/Timeline?source=Atlantis+Herald&lane=diagonal")
    expect(page.get_by_text("The link asked for sources ‘Atlantis Herald’").first).to_be_visible()
    expect(page.get_by_text("The link asked for lanes by ‘diagonal’").first).to_be_visible()
    screenshot(page, "timeline-unknown-link")


# The page position of a heatmap cell or a scatter point of the n-th plotly chart, from plotly's own axes.
CELL_AT = """([n, x, y]) => {
    const gd = document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot')[n];
    const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis, box = gd.getBoundingClientRect();
    const xv = typeof x === 'string' ? xa._categories.indexOf(x) : x;
    const yv = typeof y === 'string' ? ya._categories.indexOf(y) : y;
    if ((typeof x === 'string' && xv < 0) || (typeof y === 'string' && yv < 0)) return null;
    return {x: box.left + xa._offset + xa.c2p(xv), y: box.top + ya._offset + ya.c2p(yv)};
}"""


def _click_chart(page, n: int, x, y, opens: str) -> None:
    """Click the cell or point (x, y) of the n-th chart until the text ``opens`` shows. On a loaded
    machine the chart may still be laying itself out when its position is read, and a click that lands
    beside the point selects nothing; up to three tries, each from a freshly read position."""
    for attempt in range(3):
        page.locator('[data-testid="stPlotlyChart"]').nth(n).scroll_into_view_if_needed()
        page.wait_for_timeout(500 * (attempt + 1))
        where = page.evaluate(CELL_AT, [n, x, y])
        assert where, (x, y)
        page.mouse.click(where["x"], where["y"])
        wait_idle(page)
        assert_no_exception(page)
        try:
            expect(page.get_by_text(opens).first).to_be_visible(timeout=10_000)
            return
        except AssertionError:
            if attempt == 2:
                raise


def test_clicking_a_chart_opens_and_filters(guarded_page, server_url):
    page = guarded_page
    _open(page, f"{server_url}/Stance")
    expect(page.locator(PLOTLY).first).to_be_visible()
    _click_chart(page, 0, "Israeli analysis", "Turkey", opens="Israeli analysis on Turkey")
    expect(page.get_by_role("combobox", name="Actor", exact=True)).to_have_value("Turkey")
    params = parse_qs(urlparse(page.url).query)
    assert params["focus"] == ["Turkey"] and params["in_source"] == ["Israeli analysis"]
    expect(page.get_by_text("vetoed").first).to_be_visible()
    screenshot(page, "stance-clicked")
    page.get_by_role("button", name="Filter every page to it").click()
    wait_idle(page)
    params = parse_qs(urlparse(page.url).query)
    assert params["source"] == ["Israeli analysis"] and params["actor"] == ["Turkey"]
    expect(page.get_by_text("actors: Turkey").first).to_be_visible()
    # The topic map: a bubble lists its passages.
    _open(page, f"{server_url}/Topics")
    expect(page.locator(PLOTLY).first).to_be_visible()
    page.get_by_role("button", name="Reset filters").click()
    wait_idle(page)
    bubble = page.evaluate(
        """() => { const gd = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
                   const points = gd.calcdata[0]; const i = points.length - 1;
                   return [points[i].x, points[i].y, gd.data[0].customdata[i][3]]; }"""
    )
    _click_chart(page, 0, bubble[0], bubble[1], opens=f"Topic {int(bubble[2])}:")
    assert parse_qs(urlparse(page.url).query)["topic"] == [str(int(bubble[2]))]
    screenshot(page, "topics-clicked")


def test_topics_across_sources_from_a_link(guarded_page, server_url):
    """The scope offered where corpus-wide topics mirror documents opens from its URL and can be changed."""
    page = guarded_page
    _open(page, f"{server_url}/Topics?topics=sources")
    expect(page.locator(PLOTLY).first).to_be_visible()
    expect(page.get_by_text("NMF topics across sources").first).to_be_visible()
    expect(page.get_by_text("mostly mirror one document")).to_have_count(0)
    screenshot(page, "topics-across-sources")
    page.get_by_text("Within one document").click()
    wait_idle(page)
    assert_no_exception(page)
    expect(page.get_by_text("NMF topics within one document").first).to_be_visible(timeout=15_000)
    assert parse_qs(urlparse(page.url).query)["topics"][0].startswith("document:")
    screenshot(page, "topics-within-document")
