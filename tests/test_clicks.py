"""Click to read: a selected cell, bar or bubble opens what is behind it, under AppTest.

AppTest cannot click a chart, so each test puts the selection a click makes into the chart's
state (what Streamlit's front end sends: the clicked points) and checks the page opened the
right sentences, wrote the choice into the URL, and that the chip clears it.
"""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

APP = "../app.py"


def _open(page: str | None, **params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _click(at: AppTest, key: str, **point) -> AppTest:
    at.session_state[key] = {"selection": {"points": [point], "point_indices": [0], "box": [], "lasso": []}}
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def test_stance_cell_opens_its_sentences_and_chip_filters_or_clears():
    at = _open("pages/3_Stance.py")
    _click(at, "heatmap", x="Israeli analysis", y="Turkey", customdata=["Israeli analysis", "Turkey"])
    assert at.selectbox(key="ev_actor").value == "Turkey"
    assert at.selectbox(key="ev_stance_source").value == "Israeli analysis"
    assert at.query_params["focus"] in ("Turkey", ["Turkey"])
    html = "".join(h.proto.body for h in at.get("html"))
    assert "vetoed" in html  # the Mavi Marmara veto: the Israeli analysis on Turkey
    assert any("Israeli analysis on Turkey" in m.value for m in at.markdown)
    # the same selection on the next run does not undo a choice made since in the widget
    at.selectbox(key="ev_actor").set_value("Iran").run()
    assert at.selectbox(key="ev_actor").value == "Iran"
    _button(at, "✕ Clear").click().run()
    assert at.selectbox(key="ev_stance_source").value == "All sources"
    assert "in_source" not in at.query_params and "focus" not in at.query_params
    _click(
        at, "heatmap_1", x="Israeli analysis", y="Turkey", customdata=["Israeli analysis", "Turkey"]
    )  # drawn afresh after clearing
    _button(at, "Filter every page to it").click().run()
    assert at.multiselect(key="w_sources").value == ["Israeli analysis"]
    assert at.multiselect(key="w_actors").value == ["Turkey"]


def test_theme_cell_opens_its_passages():
    at = _open(None)
    _click(at, "themes", x="Israeli analysis", y="Turkey", customdata=["Turkey", "Israeli analysis"])
    assert at.selectbox(key="ev_theme").value == "Turkey"
    assert at.selectbox(key="ev_source").value == "Israeli analysis"
    frames = [df.value for df in at.dataframe if "cues" in df.value.columns]
    assert len(frames) == 1 and len(frames[0]) == 2
    assert at.query_params["cell_theme"] in ("Turkey", ["Turkey"])


def test_timeline_bar_opens_its_event(seed_bundle):
    groups = seed_bundle.event_groups
    group = groups[groups["label"].str.contains("Mavi Marmara")].iloc[0]
    event_id = group["event_ids"].split(";")[0]
    at = _open("pages/4_Timeline.py")
    _click(at, "timeline", x="2010-06-01", y="Israeli analysis", customdata=event_id)
    assert at.selectbox(key="tl_event").value == group["group_id"]
    assert at.query_params["event"] in (group["group_id"], [group["group_id"]])
    html = "".join(h.proto.body for h in at.get("html"))
    assert "Mavi Marmara" in html


def test_topic_bubble_opens_its_passages(seed_bundle):
    at = _open("pages/2_Topics.py")
    _click(at, "map", x=0.1, y=0.2, customdata=[10, 0.1, 0.2, 3])
    assert at.selectbox(key="topic_pick").value == 3
    passages = [df.value for df in at.dataframe if "topic_weight" in df.value.columns]
    expected = seed_bundle.body[seed_bundle.body["topic_id"].astype(str) == "3"]
    assert len(passages) == 1 and len(passages[0]) == len(expected) > 0
    assert at.query_params["topic"] in ("3", ["3"])
