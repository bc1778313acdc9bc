"""Every page under Streamlit's AppTest: plain, filtered, and opened from a URL."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

APP = "../app.py"
READER = "pages/1_Reader.py"


def _app() -> AppTest:
    return AppTest.from_file(APP, default_timeout=60)


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _no_exception(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def test_overview_unfiltered():
    at = _app().run()
    _no_exception(at)
    assert at.title[0].value == "🧭 Overview"
    assert _metrics(at) == {
        "Documents": "4",
        "Body passages": "103",
        "Words (body)": "10,085",
        "Sentences": "397",
        "Actor mentions": "617",
    }
    assert len(at.get("plotly_chart")) == 4
    assert "Filters in force: all documents." in at.caption[0].value


def test_overview_filtered_by_widgets():
    at = _app().run()
    at.multiselect(key="w_sources").set_value(["Op-ed"]).run()
    _no_exception(at)
    assert _metrics(at)["Documents"] == "1"
    assert at.query_params["source"] in ("Op-ed", ["Op-ed"])
    at.multiselect(key="w_themes").set_value(["Cyber and technology"]).run()
    _no_exception(at)
    assert _metrics(at)["Body passages"] == "5"
    assert "themes: Cyber and technology" in at.caption[0].value


def test_overview_from_query_string_and_reset():
    at = _app()
    at.query_params["source"] = ["Encyclopedia", "Op-ed"]
    at.query_params["actor"] = "Iran"
    at.run()
    _no_exception(at)
    assert at.multiselect(key="w_sources").value == ["Encyclopedia", "Op-ed"]
    assert at.multiselect(key="w_actors").value == ["Iran"]
    assert "actors: Iran" in at.caption[0].value
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
def test_reader(filtered):
    at = _app().run()
    if filtered:
        at.multiselect(key="w_themes").set_value(["Turkey"]).run()
    at.switch_page(READER).run()
    _no_exception(at)
    assert at.title[0].value == "📖 Reader"
    html = "".join(h.proto.body for h in at.get("html"))
    assert "pl-doc" in html
    if filtered:
        assert any("match the theme/actor filters" in i.value for i in at.info)
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
    assert "chosen automatically" in at.caption[0].value
    assert len(at.get("plotly_chart")) == 6  # map, K curve, terms, sources, themes, time
    assert len(at.dataframe[1].value) > 0


def test_topics_filtered_and_from_url():
    at = _topics(source="Csepregi (academic)", k="5")
    _no_exception(at)
    assert "set by the analyst" in at.caption[0].value and "K = 5" in at.caption[0].value
    assert "sources: Csepregi (academic)" in at.caption[0].value
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
    assert len(at.get("plotly_chart")) == 4  # heatmap, actor comparison, over time, propositions
    html = "".join(h.proto.body for h in at.get("html"))
    assert "open in Reader" in html and "<mark" in html
    at.selectbox(key="ev_actor").set_value("Turkey").run()
    at.selectbox(key="ev_stance_source").set_value("Israeli analysis").run()
    _no_exception(at)
    html = "".join(h.proto.body for h in at.get("html"))
    assert "vetoed" in html


def test_stance_filtered_by_theme_from_url():
    at = _open(STANCE, theme="Turkey")
    _no_exception(at)
    assert "themes: Turkey" in at.caption[0].value
    recs = [df.value for df in at.dataframe if "who should act" in df.value.columns]
    assert not recs or len(recs[0]) < 35  # 35 unfiltered


TIMELINE = "pages/4_Timeline.py"


def test_timeline_unfiltered_and_by_theme():
    at = _app().run()
    at.switch_page(TIMELINE).run()
    _no_exception(at)
    assert at.title[0].value == "🗓️ Timeline"
    assert len(at.get("plotly_chart")) == 1
    assert any("Mediterranean Dialogue" in w.value for w in at.warning)  # the 1994 / 1995 disagreement
    html = "".join(h.proto.body for h in at.get("html"))
    assert "<mark" in html and "open in Reader" in html
    at.radio(key="tl_lane").set_value("theme").run()
    _no_exception(at)
    undated = [df.value for df in at.dataframe if "date_text" in df.value.columns and "sentence" in df.value.columns]
    assert any("Strait of Hormuz" in " ".join(df["event"]) for df in undated)


def test_timeline_filtered():
    at = _open(TIMELINE, source="Csepregi (academic)", actor="Russia")
    _no_exception(at)
    assert "actors: Russia" in at.caption[0].value
    at.slider(key="tl_years").set_value((2000, 2010)).run()
    _no_exception(at)


BRIEFING = "pages/5_Briefing.py"


def _labels(at: AppTest) -> list[str]:
    return [b.proto.label for b in at.get("download_button")]


def test_every_chart_offers_png_and_svg():
    at = _app().run()
    at.switch_page(STANCE).run()
    labels = _labels(at)
    assert labels.count("⬇ PNG") == labels.count("⬇ SVG") == len(at.get("plotly_chart")) == 4


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
    assert "3 of 4 sources argue for" in at.markdown[0].value
    assert any(c.value == "10 quotes chosen." for c in at.caption)
    assert {"⬇ PDF briefing", "⬇ HTML briefing", "⬇ CSV", "⬇ Excel"} <= set(_labels(at))  # quotes too


def test_briefing_filtered_from_url_and_without_quotes():
    at = _open(BRIEFING, source="Op-ed")
    _no_exception(at)
    assert "sources: Op-ed" in at.caption[0].value
    at.multiselect(key="brief_views").set_value(["stance", "timeline"]).run()
    _no_exception(at)
    assert not any("quotes chosen" in c.value for c in at.caption)


@pytest.mark.parametrize("page", [None, READER, TOPICS, STANCE, TIMELINE, BRIEFING])
def test_every_page_survives_a_corpus_with_nothing_to_find(tmp_path, page):
    """No actors, no themes, no dates, too little text for topics: pages explain, never crash."""
    (tmp_path / "a.txt").write_text("Nothing happened here.\n\nJust words about weather and tea.\n")
    at = _app()
    at.session_state["corpus_path"] = str(tmp_path)
    at.run()
    _no_exception(at)
    if page:
        at.switch_page(page).run()
        _no_exception(at)


def test_downloads_and_presentation_mode():
    at = _app()
    at.query_params["present"] = "1"
    at.run()
    _no_exception(at)
    buttons = at.get("download_button")
    assert len(buttons) >= 2
    assert any("stSidebar" in h.proto.body for h in at.get("html"))
