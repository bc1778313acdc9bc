"""The Timeline page under AppTest: dates resolved from context drawn apart, listed with their anchor,
hidden by a switch mirrored in the URL; undated relative dates listed without a date."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

APP = "../app.py"
TIMELINE = "pages/4_Timeline.py"


def _no_exception(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def _timeline(corpus: str | None = None, **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    if corpus:
        at.session_state["corpus_path"] = corpus
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(TIMELINE).run()
    _no_exception(at)
    return at


def _symbols(at: AppTest) -> list[str]:
    """Every marker symbol drawn in the timeline chart."""
    import json

    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    out = []
    for trace in spec["data"]:
        symbol = trace.get("marker", {}).get("symbol")
        if isinstance(symbol, list):
            out += symbol
        elif isinstance(symbol, str) and trace.get("x") not in ([None], None):
            out.append(symbol)
    return out


def _table(at: AppTest):
    return next(df.value for df in at.dataframe if "anchor" in df.value.columns)


def test_seeds_dates_from_context_are_drawn_apart_and_can_be_hidden():
    at = _timeline()
    # 7 of the seeds' 53 dated mentions are resolved from context: "the October 7 massacre" (a named
    # day: a hollow circle) and six "past N years" spans from the publication date (hatched bars).
    assert any("7 of 53 dated mentions are resolved from context" in c.value for c in at.caption)
    assert _symbols(at).count("circle-open") == 1
    table = _table(at)
    assert len(table) == 53 and set(table["anchor"]) == {"explicit", "publication", "named"}
    october = table[table["date_text"] == "October 7"].iloc[0]
    assert (october["date_start"], october["kind"], october["anchor"]) == ("2023-10-07", "partial", "named")
    assert "named without its year" in october["note"]
    past = table[table["date_text"] == "Over the past year"].iloc[0]
    assert past["note"] == "the 1 year before the publication date 2024-08"

    at.toggle(key="tl_relative").set_value(False).run()
    _no_exception(at)
    assert at.query_params["relative"] in ("0", ["0"])
    assert "circle-open" not in _symbols(at)
    table = _table(at)
    assert len(table) == 46 and set(table["anchor"]) == {"explicit"}


def test_the_switch_is_read_from_the_url():
    at = _timeline(relative="0")
    assert at.toggle(key="tl_relative").value is False
    assert len(_table(at)) == 46


@pytest.fixture(scope="module")
def news_corpus(tmp_path_factory) -> str:
    """A dated news text with relative dates, and an undated one (the pandas-3 ``_append`` crash)."""
    corpus = tmp_path_factory.mktemp("news")
    (corpus / "news.txt").write_text(
        "NATO ministers meet\n\nNATO defence ministers met on Thursday in Brussels. Russia launched drones "
        "on 22 May, and the alliance will meet again next month.\n",
        encoding="utf-8",
    )
    (corpus / "undated.txt").write_text(
        "An undated note\n\nLeaders met on Thursday, and NATO agreed last month to expand the mission.\n",
        encoding="utf-8",
    )
    (corpus / "manifest.yaml").write_text(
        "documents:\n  - doc_id: news\n    file: news.txt\n    source: Wire\n    published: '2024-07-12'\n"
        "  - doc_id: undated\n    file: undated.txt\n    source: Note\n",
        encoding="utf-8",
    )
    return str(corpus)


def test_a_weekday_shows_the_day_it_became_and_why(news_corpus):
    at = _timeline(news_corpus)
    table = _table(at)
    thursday = table[table["date_text"] == "Thursday"].iloc[0]
    assert (thursday["date_start"], thursday["kind"], thursday["anchor"]) == ("2024-07-11", "relative", "publication")
    assert thursday["note"].endswith("on or before the publication date 2024-07-12")
    assert set(table["date_text"]) == {"Thursday", "22 May", "next month"}
    assert sorted(_symbols(at)) == ["circle-open", "circle-open", "diamond-open"]
    html = "".join(h.proto.body for h in at.get("html"))
    # The first event (22 May) is shown with its sentence, the day it became and why.
    assert "<i>2024-05-22: year from the publication date 2024-07-12: the latest such day on or before it</i>" in html


def test_undated_relative_dates_are_listed_unresolved_without_a_crash(news_corpus):
    at = _timeline(news_corpus)
    undated = next(
        df.value for df in at.dataframe if "date_text" in df.value.columns and "anchor" not in df.value.columns
    )
    texts = " ".join(undated["date_text"])
    assert "Thursday (unresolved: a weekday, and the document has no date)" in texts
    assert "last month (unresolved: relative, and the document has no date)" in texts


def test_long_tables_draw_their_first_rows_and_say_so(monkeypatch):
    """Every row of an on-screen table goes to the browser on every run: tables draw the first
    TABLE_ROWS rows (downloads hold all) and say how many there are."""
    import re

    from dashboard import layout
    from tests.conftest import open_page

    monkeypatch.setattr(layout, "TABLE_ROWS", 5)
    at = open_page("pages/4_Timeline.py", {})
    assert not at.exception
    notes = [re.sub(r"\\(.)", r"\1", c.value) for c in at.caption if "rows are shown" in c.value]
    assert notes and notes[0].startswith("The first 5 of ") and "the CSV and Excel downloads hold them all" in notes[0]
    assert max(len(df.value) for df in at.dataframe) == 5
