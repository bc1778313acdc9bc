"""The Stance page under AppTest: its charts and evidence plain, and under a theme from the URL (the
recommendations shown counted from the tables)."""

from __future__ import annotations

from tests.apptest import app, charts, no_exception, open_page, plain

STANCE = "pages/3_Stance.py"


def test_stance_unfiltered():
    at = app().run()
    at.switch_page(STANCE).run()
    no_exception(at)
    assert at.title[0].value == "⚖️ Stance"
    assert list(charts(at)) == ["heatmap", "voices", "actor", "time", "propositions"]
    trust = next(e for e in at.expander if e.label == "How far to trust these colours")
    assert "outside texts the rules were not written on" in trust.markdown[0].value
    html = "".join(h.proto.body for h in at.get("html"))
    assert "open in Reader" in html and "<mark" in html
    at.selectbox(key="ev_actor").set_value("Turkey").run()
    at.selectbox(key="ev_stance_source").set_value("Israeli analysis").run()
    no_exception(at)
    html = "".join(h.proto.body for h in at.get("html"))
    assert "vetoed" in html


def test_stance_filtered_by_theme_from_url(seed_bundle):
    at = open_page(STANCE, theme="Turkey")
    no_exception(at)
    assert "Filters in force: themes: Turkey." in plain(at.caption[0].value)
    recs = [df.value for df in at.dataframe if "who should act" in df.value.columns]
    # Of the 35 recommendations, one stands in a passage tagged Turkey (counted here from the tables).
    themes = seed_bundle.passage_themes
    tagged = set(themes.loc[themes["theme"] == "Turkey", "passage_id"])
    expected = seed_bundle.recommendations[seed_bundle.recommendations["passage_id"].isin(tagged)]
    assert len(seed_bundle.recommendations) == 35 and len(expected) == 1
    assert len(recs) == 1 and recs[0]["sentence"].tolist() == expected["sentence"].tolist()
    assert recs[0]["who should act"].tolist() == ["Israel"]
