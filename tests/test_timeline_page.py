"""The Timeline page under AppTest: dates resolved from context drawn apart, listed with their anchor,
hidden by a switch mirrored in the URL; undated relative dates listed without a date; the chart's
lanes and bars (read back from its plotly JSON) against the events table, plain, under filters from
the URL, after the lane switch and the year slider."""

from __future__ import annotations

import base64

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analysis.filters import Filters, apply_filters
from tests.apptest import app, charts, open_page, plain

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


def _decode(value):
    """Plotly 7 sends numeric arrays base64-encoded ({"dtype", "bdata"[, "shape"]}): back to a list."""
    if isinstance(value, dict) and "bdata" in value:
        array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
        if "shape" in value:
            array = array.reshape([int(n) for n in str(value["shape"]).split(",")])
        return array.tolist()
    return value


def _timeline_bars(at: AppTest) -> tuple[list[str], list[tuple[str, str, str]]]:
    """The timeline chart's lanes, and its bars as sorted (lane, first day, last day) read back from the JSON."""
    spec = charts(at)["timeline"]
    bars = []
    for trace in spec["data"]:
        if trace["type"] != "bar":
            continue
        for base, ms, lane in zip(trace["base"], _decode(trace["x"]), trace["y"], strict=True):
            start = pd.Timestamp(base)
            last = start + pd.Timedelta(milliseconds=ms) - pd.Timedelta(days=1)
            bars.append((lane, start.date().isoformat(), last.date().isoformat()))
    return spec["layout"]["yaxis"]["categoryarray"], sorted(bars)


def _expected_bars(events: pd.DataFrame, lane: str) -> tuple[list[str], list[tuple[str, str, str]]]:
    """The same, counted from the events table: one bar per resolved dated mention (per theme, by theme)."""
    events = events[events["resolved"].astype(bool)]
    if lane == "theme":
        events = events.assign(theme=events["themes"].replace("", "(no theme)").str.split(";")).explode("theme")
    bars = sorted(zip(events[lane], events["date_start"], events["date_end"], strict=True))
    return sorted(set(events[lane])), bars


def test_timeline_unfiltered_and_lane_switch(seed_bundle):
    at = app().run()
    at.switch_page(TIMELINE).run()
    _no_exception(at)
    assert at.title[0].value == "🗓️ Timeline"
    assert any("Mediterranean Dialogue" in plain(w.value) for w in at.warning)  # the 1994 / 1995 disagreement
    html = "".join(h.proto.body for h in at.get("html"))
    assert "<mark" in html and "open in Reader" in html
    lanes, bars = _timeline_bars(at)
    assert lanes == ["Csepregi (academic)", "Israeli analysis"]  # the two undated sources have no dated event
    assert (lanes, bars) == _expected_bars(seed_bundle.events, "source") and len(bars) == 53
    at.radio(key="tl_lane").set_value("theme").run()
    _no_exception(at)
    lanes, bars = _timeline_bars(at)
    assert (lanes, bars) == _expected_bars(seed_bundle.events, "theme")
    assert "(no theme)" in lanes and "Turkey" in lanes and len(lanes) == 17
    undated = [df.value for df in at.dataframe if "date_text" in df.value.columns and "sentence" in df.value.columns]
    assert any("Strait of Hormuz" in " ".join(df["event"]) for df in undated)


def test_timeline_filtered_and_year_slider(seed_bundle):
    at = open_page(TIMELINE, source="Csepregi (academic)", actor="Russia")
    _no_exception(at)
    assert "actors: Russia" in plain(at.caption[0].value)
    events = apply_filters(seed_bundle, Filters(sources=("Csepregi (academic)",), actors=("Russia",))).events
    lanes, bars = _timeline_bars(at)
    assert lanes == ["Csepregi (academic)"] and (lanes, bars) == _expected_bars(events, "source")
    assert len(bars) == 25
    at.slider(key="tl_years").set_value((2000, 2010)).run()
    _no_exception(at)
    # Only the mentions whose span meets 2000–2010 stay: counted here from the dates in the table.
    meets = (events["date_end"].str[:4].astype(int) >= 2000) & (events["date_start"].str[:4].astype(int) <= 2010)
    lanes, bars = _timeline_bars(at)
    assert (lanes, bars) == _expected_bars(events[meets], "source") and len(bars) == 6
    assert all(first[:4] <= "2010" and last[:4] >= "2000" for _, first, last in bars)
    assert charts(at)["timeline"]["layout"]["meta"]["title"] == "6 dated mentions from 1993 to 2023"
    tables = [df.value for df in at.dataframe if "precision" in df.value.columns]
    assert len(tables) == 1 and len(tables[0]) == 6  # the table under the chart follows the slider
