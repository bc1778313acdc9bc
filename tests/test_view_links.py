"""Links that keep the view: every page's own choices read from and written to the URL, under AppTest.

Each test opens a page from a query string (as a bookmark or a shared link would), checks the
widgets show it, changes one and reads the URL back, then opens that URL afresh and gets the
same view: what a bookmark must do.
"""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.apptest import open_page, plain, url

_open, _params = open_page, url


def _notes(at: AppTest) -> list[str]:
    return [plain(w.value) for w in at.warning]


def _reopen(page: str | None, at: AppTest) -> AppTest:
    """The bookmark: the same URL opened in a new session."""
    return _open(page, **_params(at))


def test_timeline_lanes_years_and_event_in_the_url(seed_bundle):
    page = "pages/4_Timeline.py"
    at = _open(page, lane="theme", events="2000-2010", relative="0")
    assert at.radio(key="tl_lane").value == "theme"
    assert at.slider(key="tl_years").value == (2000, 2010)
    assert at.toggle(key="tl_relative").value is False
    groups = seed_bundle.event_groups
    mavi = groups[groups["label"].str.contains("Mavi Marmara") & groups["date_start"].str.startswith("2010")]
    chosen = mavi["group_id"].iloc[0]
    assert at.selectbox(key="tl_event").value != chosen
    at.selectbox(key="tl_event").set_value(chosen).run()
    params = _params(at)
    assert params["lane"] == ["theme"] and params["events"] == ["2000-2010"] and params["event"] == [chosen]
    again = _reopen(page, at)
    assert again.selectbox(key="tl_event").value == chosen
    assert again.radio(key="tl_lane").value == "theme" and again.slider(key="tl_years").value == (2000, 2010)
    again.radio(key="tl_lane").set_value("source").run()
    assert "lane" not in _params(again)  # the default is left out of the URL


def test_timeline_bad_years_are_named():
    at = _open("pages/4_Timeline.py", events="then-now")
    assert any("event dates ‘then-now’: not one this page offers" in n for n in _notes(at)), _notes(at)
    low, high = at.slider(key="tl_years").value
    assert low <= 1945 and high >= 2026  # the full range, not a silent half-filter


def test_stance_actor_source_voice_and_heatmap_actors_in_the_url():
    page = "pages/3_Stance.py"
    at = _open(
        page, focus="Turkey", in_source="Israeli analysis", voice="quoted", evaluative="0", shown=["Iran", "Atlantis"]
    )
    assert at.selectbox(key="ev_actor").value == "Turkey"
    assert at.selectbox(key="ev_stance_source").value == "Israeli analysis"
    assert at.radio(key="ev_voice").value == "quoted"
    assert at.toggle(key="ev_only").value is False
    assert at.multiselect(key="stance_actors").value == ["Iran"]
    assert any("actors in the heatmap ‘Atlantis’" in n for n in _notes(at)), _notes(at)
    at.radio(key="ev_voice").set_value("both").run()
    again = _reopen(page, at)
    assert again.radio(key="ev_voice").value == "both" and again.selectbox(key="ev_actor").value == "Turkey"
    assert again.multiselect(key="stance_actors").value == ["Iran"]


def test_topics_topic_and_k_in_the_url():
    page = "pages/2_Topics.py"
    at = _open(page, topic="3")
    assert at.selectbox(key="topic_pick").value == 3
    at.selectbox(key="topic_pick").set_value(2).run()
    assert _params(at)["topic"] == ["2"]
    assert _reopen(page, at).selectbox(key="topic_pick").value == 2
    bad = _open(page, k="99", topic="12")
    notes = _notes(bad)
    assert any("K ‘99’: not a number of topics this corpus allows" in n for n in notes), notes
    assert any("topic ‘12’" in n for n in notes), notes


def test_overview_cell_and_pair_in_the_url():
    at = _open(None, cell_theme="Turkey", cell_source="Israeli analysis", pair="Iran", pair_with="Israel")
    assert at.selectbox(key="ev_theme").value == "Turkey"
    assert at.selectbox(key="ev_source").value == "Israeli analysis"
    assert at.selectbox(key="ev_actor_a").value == "Iran" and at.selectbox(key="ev_actor_b").value == "Israel"
    frames = [df.value for df in at.dataframe if "cues" in df.value.columns]
    assert len(frames) == 1 and len(frames[0]) == 2  # the two Turkey passages of the Israeli analysis
    at.selectbox(key="ev_source").set_value("All sources").run()
    assert "cell_source" not in _params(at) and _params(at)["cell_theme"] == ["Turkey"]


def test_briefing_views_and_title_in_the_url():
    page = "pages/5_Briefing.py"
    at = _open(page, views=["stance", "timeline", "nonsense"], title="NATO and Israel")
    assert at.multiselect(key="brief_views").value == ["stance", "timeline"]
    assert at.text_input(key="brief_title").value == "NATO and Israel"
    assert any("views in the briefing ‘nonsense’" in n for n in _notes(at)), _notes(at)
    again = _reopen(page, at)
    assert again.multiselect(key="brief_views").value == ["stance", "timeline"]
    plain = _open(page)
    default_title = plain.text_input(key="brief_title").value
    assert default_title and "title" not in _params(plain)  # the default title stays out of the URL


def test_briefing_quotes_in_the_url(seed_bundle):
    from analysis.briefing.compose import candidate_quotes

    page = "pages/5_Briefing.py"
    plain_view = _open(page)
    assert "quotes" not in _params(plain_view)  # the default ticks stay out of the URL
    ids = list(candidate_quotes(seed_bundle)["quote_id"])
    picked = [ids[-1], ids[len(ids) // 2]]
    at = _open(page, quotes=[*picked, "q-nonsense"])
    assert any(plain(c.value) == "2 quotes chosen." for c in at.caption), [c.value for c in at.caption]
    assert any("quotes ‘q-nonsense’" in n for n in _notes(at)), _notes(at)
    assert sorted(_params(at)["quotes"]) == sorted(picked)
    again = _reopen(page, at)
    assert any(plain(c.value) == "2 quotes chosen." for c in again.caption)
    none = _open(page, quotes="")
    assert any(plain(c.value) == "0 quotes chosen." for c in none.caption)


def test_reader_switch_in_the_url():
    page = "pages/1_Reader.py"
    at = _open(page, doc="002_0fbbef5e2591e9a1", debris="0")
    assert at.toggle(key="reader_debris").value is False
    html = "".join(h.proto.body for h in at.get("html"))
    assert "reference list" not in html  # the references are hidden, as the link asked
    again = _reopen(page, at)
    assert again.toggle(key="reader_debris").value is False and _params(again)["doc"] == ["002_0fbbef5e2591e9a1"]
