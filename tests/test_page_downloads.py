"""What the pages offer to download: every chart a PNG and an SVG, and in presentation mode the
tables' downloads only (and no sidebar)."""

from __future__ import annotations

from tests.apptest import app, download_labels, no_exception

STANCE = "pages/3_Stance.py"


def test_every_chart_offers_png_and_svg():
    at = app().run()
    at.switch_page(STANCE).run()
    labels = download_labels(at)
    assert labels.count("⬇ PNG") == labels.count("⬇ SVG") == len(at.get("plotly_chart")) == 5


def test_downloads_and_presentation_mode():
    at = app()
    at.query_params["present"] = "1"
    at.run()
    no_exception(at)
    # Tables keep their downloads (documents, a theme cell's passages, an actor pair's); charts show none.
    assert download_labels(at) == ["⬇ CSV", "⬇ Excel"] * 3
    assert len(at.get("plotly_chart")) == 4
    assert any("[data-testid='stSidebar']" in h.proto.body and "display:none" in h.proto.body for h in at.get("html"))
    plain = app().run()
    assert download_labels(plain).count("⬇ PNG") == len(plain.get("plotly_chart")) == 4
