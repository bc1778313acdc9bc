"""Reruns are cheap (issue #12, item 7): what the filters compute is computed once per bundle and filter
state, then shared by every rerun and every session; a new filter state, a widget's new value or a
renamed topic computes afresh. Counted calls, no timings (those are in docs/benchmarks.md)."""

from __future__ import annotations

from collections import Counter

import pytest
from streamlit.testing.v1 import AppTest

import analysis.plotting.overview
import analysis.plotting.topics
from analysis.filters import Filters, apply_filters
from dashboard import views
from dashboard.views import Memo, ViewCache

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
    views.clear()
    yield counted
    views.clear()


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


def test_views_are_kept_within_a_count_and_a_memory_budget(seed_bundle):
    one = views.FilteredView(seed_bundle)
    size = sum(views.frame_bytes(getattr(seed_bundle, name)) for name in ("documents", "passages", "sentences"))
    assert size > 100_000 and views.frame_bytes(one) == 0  # tables are measured, other values are not

    def view(source: str):
        return lambda: apply_filters(seed_bundle, Filters(sources=(source,)))

    by_count = ViewCache(count=2, budget=10**12)
    for source in ("Op-ed", "Encyclopedia", "Op-ed", "Csepregi (academic)"):
        by_count.get(("b", source), view(source))
    assert list(by_count._views) == [("b", "Op-ed"), ("b", "Csepregi (academic)")]  # the least recent went
    kept = by_count.get(("b", "Op-ed"), view("Op-ed"))
    assert kept is by_count.get(("b", "Op-ed"), view("never called"))

    whole = by_count.get(("b", "all"), lambda: seed_bundle).total_bytes
    by_memory = ViewCache(count=10, budget=int(whole * 1.5))
    by_memory.get(("b", "all"), lambda: seed_bundle)
    by_memory.get(("b", "again"), lambda: seed_bundle)
    assert list(by_memory._views) == [("b", "again")]  # two would pass the budget; the one in use stays
    tiny = ViewCache(count=10, budget=1)
    assert tiny.get(("b", "all"), lambda: seed_bundle).bundle is seed_bundle and len(tiny) == 1


def test_the_unfiltered_view_costs_only_what_it_adds(seed_bundle):
    """The view with no filter is the bundle itself, which the server holds anyway: on a corpus whose
    bundle is over the budget (50k documents: 709 MB) it used to push every other view out, and with it
    every figure memoised for the unfiltered pages."""
    cache = ViewCache(count=10, budget=10**12)
    unfiltered = cache.get(("b", "none"), lambda: seed_bundle, base=seed_bundle)
    assert unfiltered.total_bytes == 0
    filtered = cache.get(
        ("b", "Op-ed"), lambda: apply_filters(seed_bundle, Filters(sources=("Op-ed",))), base=seed_bundle
    )
    assert filtered.total_bytes > 0
    tight = ViewCache(count=10, budget=filtered.total_bytes + 1)
    tight.get(("b", "none"), lambda: seed_bundle, base=seed_bundle)
    tight.get(("b", "Op-ed"), lambda: filtered.bundle, base=seed_bundle)
    assert list(tight._views) == [("b", "none"), ("b", "Op-ed")]  # both fit: the unfiltered one weighs nothing
    tight.get(("b", "none"), lambda: seed_bundle, base=seed_bundle).memo.get("figures", lambda: seed_bundle.passages)
    tight.get(("b", "Spain"), lambda: filtered.bundle, base=seed_bundle)
    # Over the budget: the older filtered view goes; the unfiltered one stays, however much it memoised.
    assert list(tight._views) == [("b", "none"), ("b", "Spain")]
