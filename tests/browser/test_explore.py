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
