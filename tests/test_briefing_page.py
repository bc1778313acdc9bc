"""The Briefing page under AppTest: reached in one click from the Overview, its default views and
downloads, and a source filter from the URL with fewer views picked."""

from __future__ import annotations

from tests.apptest import app, download_labels, no_exception, open_page, plain

BRIEFING = "pages/5_Briefing.py"


def test_briefing_unfiltered():
    at = app().run()
    no_exception(at)
    links = [(el.proto.page, el.proto.label) for el in at.get("page_link")]
    assert any(page == "Briefing" and label.startswith("Make a briefing") for page, label in links)  # one click
    at.switch_page(BRIEFING).run()
    no_exception(at)
    assert at.title[0].value == "📄 Briefing"
    assert at.multiselect(key="brief_views").value == [
        "findings", "stance", "propositions", "timeline", "topics", "themes", "quotes"
    ]  # fmt: skip
    assert "3 of 4 sources argue for" in plain(at.markdown[0].value)
    assert any(c.value == "10 quotes chosen." for c in at.caption)
    assert {"⬇ PDF briefing", "⬇ HTML briefing", "⬇ CSV", "⬇ Excel"} <= set(download_labels(at))  # quotes too


def test_briefing_filtered_from_url_and_without_quotes():
    at = open_page(BRIEFING, source="Op-ed")
    no_exception(at)
    assert "sources: Op-ed" in plain(at.caption[0].value)
    assert [h.value for h in at.subheader] == ["Key findings", "Evidence quotes", "Download"]
    assert "1 of 1 sources argue for" in plain(at.markdown[0].value)
    at.multiselect(key="brief_views").set_value(["stance", "timeline"]).run()
    no_exception(at)
    assert [h.value for h in at.subheader] == ["Download"]  # neither findings nor quotes to pick
    assert not any("quotes chosen" in c.value for c in at.caption)
    assert any(c.value.startswith("2 views;") for c in at.caption)


# What each page says on a corpus with nothing to find, and how many charts it still draws.
