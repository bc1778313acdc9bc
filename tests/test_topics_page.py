"""The Topics page under AppTest: the automatic K on the seeds, K and a source from the URL, the K
widget and renaming a topic (restored afterwards)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.apptest import app, no_exception, plain

TOPICS = "pages/2_Topics.py"


def _topics(**params) -> AppTest:
    at = app()
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(TOPICS)
    return at.run()


def test_topics_unfiltered():
    at = _topics()
    no_exception(at)
    assert at.title[0].value == "🧩 Topics"
    assert "chosen automatically" in plain(at.caption[0].value)
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
    no_exception(at)
    assert "set by the analyst" in plain(at.caption[0].value) and "K = 5" in plain(at.caption[0].value)
    assert "sources: Csepregi (academic)" in plain(at.caption[0].value)
    sizes = at.dataframe[0].value
    assert len(sizes) == 5 and sizes["n_filtered"].sum() == 35


def test_topics_k_widget_and_rename(tmp_path):
    at = _topics()
    at.selectbox(key="topics_k_widget").set_value(4).run()
    no_exception(at)
    assert len(at.dataframe[0].value) == 4
    at.selectbox(key="rename_pick").set_value(0).run()
    at.text_input(key="rename_text").input("My renamed topic").run()
    at.button(key="rename_save").click().run()
    no_exception(at)
    try:
        assert "My renamed topic" in at.dataframe[0].value["label"].tolist()
    finally:
        at.text_input(key="rename_text").input("").run()
        at.button(key="rename_save").click().run()
    assert "My renamed topic" not in at.dataframe[0].value["label"].tolist()
