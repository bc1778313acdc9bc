"""The Overview page under AppTest: its metrics plain, filtered by the sidebar widgets, opened from a
query string (unknown values ignored) and reset, and the evidence table of one cell."""

from __future__ import annotations

from tests.apptest import app, metrics, no_exception, plain


def test_overview_unfiltered():
    at = app().run()
    no_exception(at)
    assert at.title[0].value == "🧭 Overview"
    assert metrics(at) == {
        "Documents": "4",
        "Body passages": "103",
        "Words (body)": "10,085",
        "Sentences": "421",
        "Actor mentions": "638",
    }
    assert len(at.get("plotly_chart")) == 4
    assert "Filters in force: all documents." in plain(at.caption[0].value)


def test_overview_filtered_by_widgets():
    at = app().run()
    at.multiselect(key="w_sources").set_value(["Op-ed"]).run()
    no_exception(at)
    assert metrics(at)["Documents"] == "1"
    assert at.query_params["source"] in ("Op-ed", ["Op-ed"])
    at.multiselect(key="w_themes").set_value(["Cyber and technology"]).run()
    no_exception(at)
    assert metrics(at)["Body passages"] == "5"
    assert "themes: Cyber and technology" in plain(at.caption[0].value)


def test_overview_from_query_string_and_reset():
    at = app()
    at.query_params["source"] = ["Encyclopedia", "Op-ed"]
    at.query_params["actor"] = "Iran"
    at.run()
    no_exception(at)
    assert at.multiselect(key="w_sources").value == ["Encyclopedia", "Op-ed"]
    assert at.multiselect(key="w_actors").value == ["Iran"]
    assert "actors: Iran" in plain(at.caption[0].value)
    reset = [b for b in at.sidebar.button if b.label == "Reset filters"][0]
    reset.click().run()
    no_exception(at)
    assert metrics(at)["Documents"] == "4"


def test_overview_evidence_for_a_cell():
    at = app().run()
    at.selectbox(key="ev_theme").set_value("Turkey").run()
    at.selectbox(key="ev_source").set_value("Israeli analysis").run()
    no_exception(at)
    frames = [df.value for df in at.dataframe if "cues" in df.value.columns]
    assert len(frames) == 1 and len(frames[0]) == 2  # the Mavi Marmara veto and the post-2016 deterioration
    assert frames[0]["reader"].str.startswith("Reader?doc=000_323ccbcc8a4f38d4&passage=").all()


def test_unknown_query_values_are_ignored():
    at = app()
    at.query_params["source"] = "No such source"
    at.query_params["from"] = "abc"
    at.run()
    no_exception(at)
    assert metrics(at)["Documents"] == "4"
