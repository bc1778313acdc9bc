"""Every page under Streamlit's AppTest: plain, filtered, and opened from a URL.

A widget test asserts what the widget changes on the page: the data of the chart it redraws
(read from the chart's plotly JSON), a table's rows, a message; the expected values are exact
on the seeds or computed here from the analysis tables, not by the code that draws the page.
"""

from __future__ import annotations

import base64
import json
import re

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analysis.filters import Filters, apply_filters

APP = "../app.py"
READER = "pages/1_Reader.py"


def _app() -> AppTest:
    return AppTest.from_file(APP, default_timeout=60)


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _no_exception(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def _plain(markdown: str) -> str:
    """Text as Streamlit shows it: markdown backslash escapes removed, and the invisible word joiners
    md_escape puts after colons, '@' and 'www' (they stop icons and autolinks) dropped."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")


def _decode(value):
    """Plotly 7 sends numeric arrays base64-encoded ({"dtype", "bdata"[, "shape"]}): back to a list."""
    if isinstance(value, dict) and "bdata" in value:
        array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
        if "shape" in value:
            array = array.reshape([int(n) for n in str(value["shape"]).split(",")])
        return array.tolist()
    return value


def _charts(at: AppTest) -> dict[str, dict]:
    """Every plotly chart on the page as the JSON the browser receives, by its key."""
    return {el.key: json.loads(el.proto.spec) for el in at.get("plotly_chart")}


def test_overview_unfiltered():
    at = _app().run()
    _no_exception(at)
    assert at.title[0].value == "🧭 Overview"
    assert _metrics(at) == {
        "Documents": "4",
        "Body passages": "103",
        "Words (body)": "10,085",
        "Sentences": "421",
        "Actor mentions": "638",
    }
    assert len(at.get("plotly_chart")) == 4
    assert "Filters in force: all documents." in _plain(at.caption[0].value)


def test_overview_filtered_by_widgets():
    at = _app().run()
    at.multiselect(key="w_sources").set_value(["Op-ed"]).run()
    _no_exception(at)
    assert _metrics(at)["Documents"] == "1"
    assert at.query_params["source"] in ("Op-ed", ["Op-ed"])
    at.multiselect(key="w_themes").set_value(["Cyber and technology"]).run()
    _no_exception(at)
    assert _metrics(at)["Body passages"] == "5"
    assert "themes: Cyber and technology" in _plain(at.caption[0].value)


def test_overview_from_query_string_and_reset():
    at = _app()
    at.query_params["source"] = ["Encyclopedia", "Op-ed"]
    at.query_params["actor"] = "Iran"
    at.run()
    _no_exception(at)
    assert at.multiselect(key="w_sources").value == ["Encyclopedia", "Op-ed"]
    assert at.multiselect(key="w_actors").value == ["Iran"]
    assert "actors: Iran" in _plain(at.caption[0].value)
    reset = [b for b in at.sidebar.button if b.label == "Reset filters"][0]
    reset.click().run()
    _no_exception(at)
    assert _metrics(at)["Documents"] == "4"


def test_overview_evidence_for_a_cell():
    at = _app().run()
    at.selectbox(key="ev_theme").set_value("Turkey").run()
    at.selectbox(key="ev_source").set_value("Israeli analysis").run()
    _no_exception(at)
    frames = [df.value for df in at.dataframe if "cues" in df.value.columns]
    assert len(frames) == 1 and len(frames[0]) == 2  # the Mavi Marmara veto and the post-2016 deterioration
    assert frames[0]["reader"].str.startswith("Reader?doc=000_323ccbcc8a4f38d4&passage=").all()


def test_unknown_query_values_are_ignored():
    at = _app()
    at.query_params["source"] = "No such source"
    at.query_params["from"] = "abc"
    at.run()
    _no_exception(at)
    assert _metrics(at)["Documents"] == "4"


@pytest.mark.parametrize("filtered", [False, True])
def test_reader(filtered, seed_bundle):
    at = _app().run()
    if filtered:
        at.multiselect(key="w_themes").set_value(["Turkey"]).run()
    at.switch_page(READER).run()
    _no_exception(at)
    assert at.title[0].value == "📖 Reader"
    html = "".join(h.proto.body for h in at.get("html"))
    assert "pl-doc" in html
    if filtered:
        body = seed_bundle.body[seed_bundle.body["doc_id"] == "000_323ccbcc8a4f38d4"]
        themes = seed_bundle.passage_themes
        tagged = body["passage_id"].isin(themes.loc[themes["theme"] == "Turkey", "passage_id"])
        assert (int(tagged.sum()), len(body)) == (2, 14)
        assert [i.value for i in at.info] == [
            "2 of 14 body passages match the theme/actor filters; the others are hidden."
        ]
        shown = set(re.findall(r'id="(000_323ccbcc8a4f38d4-p\d{4})"', html))
        assert set(body.loc[tagged, "passage_id"]) <= shown
        assert not shown & set(body.loc[~tagged, "passage_id"])  # the other body passages are hidden
    else:
        assert "photo caption" in html and "photo credit" in html  # the first document, 000


def _open(page: str, **params: str) -> AppTest:
    """A first visit straight to ``page`` with this query string."""
    at = _app()
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(page)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def _reader_from_url(**params) -> AppTest:
    return _open(READER, **params)


def test_reader_deep_link_with_filters_from_url():
    at = _reader_from_url(doc="003_7f413ec0a41b8163", passage="003_7f413ec0a41b8163-p0003", source="Encyclopedia")
    _no_exception(at)
    assert at.selectbox(key="reader_doc").value == "003_7f413ec0a41b8163"
    html = "".join(h.proto.body for h in at.get("html"))
    assert 'pl-linked" id="003_7f413ec0a41b8163-p0003"' in html
    assert "wiki link" in html


def test_reader_when_filters_leave_nothing():
    at = _reader_from_url(**{"from": "2024", "undated": "0", "source": "Op-ed"})
    _no_exception(at)
    assert any("No document matches" in i.value for i in at.info)


TOPICS = "pages/2_Topics.py"


def _topics(**params) -> AppTest:
    at = _app()
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(TOPICS)
    return at.run()


def test_topics_unfiltered():
    at = _topics()
    _no_exception(at)
    assert at.title[0].value == "🧩 Topics"
    assert "chosen automatically" in _plain(at.caption[0].value)
    assert len(at.get("plotly_chart")) == 6  # map, K curve, terms, sources, themes, time
    sizes = at.dataframe[0].value
    assert len(sizes) == 7 and sizes["n_filtered"].sum() == 103  # K = 7; every body passage placed
    # "Passages of a topic" opens on topic 0: its 22 passages, strongest first.
    assert at.selectbox(key="topic_pick").value == 0
    passages = at.dataframe[1].value
    assert len(passages) == 22 == int(sizes.set_index("topic_id").loc[0, "n_filtered"])
    assert passages["topic_weight"].is_monotonic_decreasing


def test_topics_filtered_and_from_url():
    at = _topics(source="Csepregi (academic)", k="5")
    _no_exception(at)
    assert "set by the analyst" in _plain(at.caption[0].value) and "K = 5" in _plain(at.caption[0].value)
    assert "sources: Csepregi (academic)" in _plain(at.caption[0].value)
    sizes = at.dataframe[0].value
    assert len(sizes) == 5 and sizes["n_filtered"].sum() == 35


def test_topics_k_widget_and_rename(tmp_path):
    at = _topics()
    at.selectbox(key="topics_k_widget").set_value(4).run()
    _no_exception(at)
    assert len(at.dataframe[0].value) == 4
    at.selectbox(key="rename_pick").set_value(0).run()
    at.text_input(key="rename_text").input("My renamed topic").run()
    at.button(key="rename_save").click().run()
    _no_exception(at)
    try:
        assert "My renamed topic" in at.dataframe[0].value["label"].tolist()
    finally:
        at.text_input(key="rename_text").input("").run()
        at.button(key="rename_save").click().run()
    assert "My renamed topic" not in at.dataframe[0].value["label"].tolist()


STANCE = "pages/3_Stance.py"


def test_stance_unfiltered():
    at = _app().run()
    at.switch_page(STANCE).run()
    _no_exception(at)
    assert at.title[0].value == "⚖️ Stance"
    assert list(_charts(at)) == ["heatmap", "voices", "actor", "time", "propositions"]
    trust = next(e for e in at.expander if e.label == "How far to trust these colours")
    assert "outside texts the rules were not written on" in trust.markdown[0].value
    html = "".join(h.proto.body for h in at.get("html"))
    assert "open in Reader" in html and "<mark" in html
    at.selectbox(key="ev_actor").set_value("Turkey").run()
    at.selectbox(key="ev_stance_source").set_value("Israeli analysis").run()
    _no_exception(at)
    html = "".join(h.proto.body for h in at.get("html"))
    assert "vetoed" in html


def test_stance_filtered_by_theme_from_url(seed_bundle):
    at = _open(STANCE, theme="Turkey")
    _no_exception(at)
    assert "Filters in force: themes: Turkey." in _plain(at.caption[0].value)
    recs = [df.value for df in at.dataframe if "who should act" in df.value.columns]
    # Of the 35 recommendations, one stands in a passage tagged Turkey (counted here from the tables).
    themes = seed_bundle.passage_themes
    tagged = set(themes.loc[themes["theme"] == "Turkey", "passage_id"])
    expected = seed_bundle.recommendations[seed_bundle.recommendations["passage_id"].isin(tagged)]
    assert len(seed_bundle.recommendations) == 35 and len(expected) == 1
    assert len(recs) == 1 and recs[0]["sentence"].tolist() == expected["sentence"].tolist()
    assert recs[0]["who should act"].tolist() == ["Israel"]


TIMELINE = "pages/4_Timeline.py"


def _timeline_bars(at: AppTest) -> tuple[list[str], list[tuple[str, str, str]]]:
    """The timeline chart's lanes, and its bars as sorted (lane, first day, last day) read back from the JSON."""
    spec = _charts(at)["timeline"]
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
    at = _app().run()
    at.switch_page(TIMELINE).run()
    _no_exception(at)
    assert at.title[0].value == "🗓️ Timeline"
    assert any("Mediterranean Dialogue" in _plain(w.value) for w in at.warning)  # the 1994 / 1995 disagreement
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
    at = _open(TIMELINE, source="Csepregi (academic)", actor="Russia")
    _no_exception(at)
    assert "actors: Russia" in _plain(at.caption[0].value)
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
    assert _charts(at)["timeline"]["layout"]["meta"]["title"] == "6 dated mentions from 1993 to 2023"
    tables = [df.value for df in at.dataframe if "precision" in df.value.columns]
    assert len(tables) == 1 and len(tables[0]) == 6  # the table under the chart follows the slider


BRIEFING = "pages/5_Briefing.py"


def _labels(at: AppTest) -> list[str]:
    return [b.proto.label for b in at.get("download_button")]


def test_every_chart_offers_png_and_svg():
    at = _app().run()
    at.switch_page(STANCE).run()
    labels = _labels(at)
    assert labels.count("⬇ PNG") == labels.count("⬇ SVG") == len(at.get("plotly_chart")) == 5


def test_briefing_unfiltered():
    at = _app().run()
    _no_exception(at)
    links = [(el.proto.page, el.proto.label) for el in at.get("page_link")]
    assert any(page == "Briefing" and label.startswith("Make a briefing") for page, label in links)  # one click
    at.switch_page(BRIEFING).run()
    _no_exception(at)
    assert at.title[0].value == "📄 Briefing"
    assert at.multiselect(key="brief_views").value == [
        "findings", "stance", "propositions", "timeline", "topics", "themes", "quotes"
    ]  # fmt: skip
    assert "3 of 4 sources argue for" in _plain(at.markdown[0].value)
    assert any(c.value == "10 quotes chosen." for c in at.caption)
    assert {"⬇ PDF briefing", "⬇ HTML briefing", "⬇ CSV", "⬇ Excel"} <= set(_labels(at))  # quotes too


def test_briefing_filtered_from_url_and_without_quotes():
    at = _open(BRIEFING, source="Op-ed")
    _no_exception(at)
    assert "sources: Op-ed" in _plain(at.caption[0].value)
    assert [h.value for h in at.subheader] == ["Key findings", "Evidence quotes", "Download"]
    assert "1 of 1 sources argue for" in _plain(at.markdown[0].value)
    at.multiselect(key="brief_views").set_value(["stance", "timeline"]).run()
    _no_exception(at)
    assert [h.value for h in at.subheader] == ["Download"]  # neither findings nor quotes to pick
    assert not any("quotes chosen" in c.value for c in at.caption)
    assert any(c.value.startswith("2 views;") for c in at.caption)


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
    at = _app()
    at.session_state["corpus_path"] = str(tmp_path)
    at.run()
    _no_exception(at)
    assert _metrics(at) == {
        "Documents": "1",
        "Body passages": "2",
        "Words (body)": "9",
        "Sentences": "2",
        "Actor mentions": "0",
    }
    if page:
        at.switch_page(page).run()
        _no_exception(at)
    messages, n_charts = NOTHING_TO_FIND[page]
    assert [_plain(i.value) for i in at.info] == messages
    assert len(at.get("plotly_chart")) == n_charts
    if page == READER:  # nothing to explain: the text is there, both passages counted
        assert "weather and tea" in "".join(h.proto.body for h in at.get("html"))
        assert any(c.value.startswith("2 body passages feed the analyses") for c in at.caption)
    if page == TIMELINE:
        assert any(c.value == "No event clause without a date under these filters." for c in at.caption)


def test_downloads_and_presentation_mode():
    at = _app()
    at.query_params["present"] = "1"
    at.run()
    _no_exception(at)
    # Tables keep their downloads (documents, a theme cell's passages, an actor pair's); charts show none.
    assert _labels(at) == ["⬇ CSV", "⬇ Excel"] * 3
    assert len(at.get("plotly_chart")) == 4
    assert any("[data-testid='stSidebar']" in h.proto.body and "display:none" in h.proto.body for h in at.get("html"))
    plain = _app().run()
    assert _labels(plain).count("⬇ PNG") == len(plain.get("plotly_chart")) == 4
