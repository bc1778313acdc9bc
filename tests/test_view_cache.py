"""Reruns are cheap (issue #12, item 7): what the filters compute is computed once per bundle and filter
state, then shared by every rerun and every session; a new filter state, a widget's new value or a
renamed topic computes afresh. Counted calls, no timings (those are in docs/benchmarks.md)."""

from __future__ import annotations

from collections import Counter

import pytest
from streamlit.testing.v1 import AppTest

import analysis.plotting.overview
import analysis.plotting.topics
from dashboard.views import Memo, _corpus_memo, _filtered

TOPICS = "pages/2_Topics.py"


@pytest.fixture
def calls(monkeypatch):
    """Calls of a few builders the pages use, counted; the shared caches emptied first."""
    counted: Counter[str] = Counter()

    def counting(module, name):
        real = getattr(module, name)

        def wrapper(*args, **kwargs):
            counted[name] += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(module, name, wrapper)

    counting(analysis.plotting.overview, "volume_chart")
    counting(analysis.plotting.topics, "term_bars")
    counting(analysis.plotting.topics, "intertopic_map")
    _filtered.clear()
    _corpus_memo.clear()
    yield counted
    _filtered.clear()
    _corpus_memo.clear()


def _app() -> AppTest:
    return AppTest.from_file("../app.py", default_timeout=120)


def test_a_rerun_and_a_second_session_rebuild_nothing(calls):
    at = _app().run()
    assert not at.exception
    assert calls["volume_chart"] == 1
    at.run()  # a click anywhere reruns the script
    other = _app().run()  # another analyst, same corpus and filters
    assert not other.exception
    assert calls["volume_chart"] == 1
    at.multiselect(key="w_sources").set_value(["Op-ed"]).run()
    assert calls["volume_chart"] == 2  # a new filter state computes afresh
    volume = [c for c in at.get("plotly_chart") if c.key == "volume"][0].proto.spec
    assert '"Op-ed"' in volume and "Encyclopedia" not in volume
    at.multiselect(key="w_sources").set_value([]).run()
    assert calls["volume_chart"] == 2  # and the earlier state is still there


def test_charts_of_the_whole_corpus_are_made_once_whatever_the_filters(calls):
    at = _app().run()
    at.switch_page(TOPICS).run()
    assert not at.exception
    assert (calls["term_bars"], calls["intertopic_map"]) == (1, 1)
    at.multiselect(key="w_sources").set_value(["Op-ed", "Encyclopedia"]).run()
    assert not at.exception
    # The topic map counts the passages under the filters; the terms are the whole corpus's.
    assert (calls["term_bars"], calls["intertopic_map"]) == (1, 2)


def test_a_renamed_topic_is_a_new_bundle_for_the_caches(calls, tmp_path, monkeypatch):
    """The names are part of the build key: the terms chart (kept across filters) shows a new name at once."""
    import dashboard.data

    monkeypatch.setattr(dashboard.data, "ROOT", tmp_path)  # the names file of this test only
    at = _app().run()
    at.switch_page(TOPICS).run()
    at.selectbox(key="rename_pick").set_value(0).run()
    at.text_input(key="rename_text").input("Renamed for the cache test").run()
    at.button(key="rename_save").click().run()
    assert not at.exception
    terms = [c for c in at.get("plotly_chart") if c.key == "terms"][0].proto.spec
    assert "Renamed for the cache test" in terms
    assert calls["term_bars"] == 2


def test_the_memo_keeps_the_most_recent_results_only():
    memo = Memo(size=2)
    made: list[str] = []

    def make(name: str):
        return lambda: made.append(name) or name.upper()

    assert memo.get("a", make("a")) == "A" and memo.get("b", make("b")) == "B"
    assert memo.get("a", make("a")) == "A"  # a hit, and now the most recent
    memo.get("c", make("c"))  # evicts b, the least recently used
    assert len(memo) == 2
    memo.get("b", make("b"))
    assert made == ["a", "b", "c", "b"] and (memo.hits, memo.misses) == (1, 4)
