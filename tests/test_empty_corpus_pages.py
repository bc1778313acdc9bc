"""Every page on a corpus with nothing to find (no actors, themes or dates, too little text for
topics): each says so in words and draws only the charts that still mean something."""

from __future__ import annotations

import pytest

from tests.apptest import app, metrics, no_exception, plain

READER = "pages/1_Reader.py"
TOPICS = "pages/2_Topics.py"
STANCE = "pages/3_Stance.py"
TIMELINE = "pages/4_Timeline.py"
BRIEFING = "pages/5_Briefing.py"

# What each page says on a corpus with nothing to find, and how many charts it still draws.
NOTHING_TO_FIND = {
    None: (["No passage carries a theme of the taxonomy under these filters."], 2),  # volume, actor bar
    READER: ([], 0),
    TOPICS: (["No topics for this corpus: only 2 body passages; topics need at least 12."], 0),
    STANCE: (["No sentence under these filters names an actor."], 0),
    TIMELINE: (["No dated event under these filters."], 0),
    BRIEFING: (["No finding under these filters.", "No quotable sentence under these filters."], 0),
}


@pytest.mark.parametrize("page", list(NOTHING_TO_FIND))
def test_every_page_explains_a_corpus_with_nothing_to_find(tmp_path, page):
    """No actors, no themes, no dates, too little text for topics: pages say so, never crash."""
    (tmp_path / "a.txt").write_text("Nothing happened here.\n\nJust words about weather and tea.\n")
    at = app()
    at.session_state["corpus_path"] = str(tmp_path)
    at.run()
    no_exception(at)
    assert metrics(at) == {
        "Documents": "1",
        "Body passages": "2",
        "Words (body)": "9",
        "Sentences": "2",
        "Actor mentions": "0",
    }
    if page:
        at.switch_page(page).run()
        no_exception(at)
    messages, n_charts = NOTHING_TO_FIND[page]
    assert [plain(i.value) for i in at.info] == messages
    assert len(at.get("plotly_chart")) == n_charts
    if page == READER:  # nothing to explain: the text is there, both passages counted
        assert "weather and tea" in "".join(h.proto.body for h in at.get("html"))
        assert any(c.value.startswith("2 body passages feed the analyses") for c in at.caption)
    if page == TIMELINE:
        assert any(c.value == "No event clause without a date under these filters." for c in at.caption)
