"""One filter function, one meaning on every page."""

from __future__ import annotations

from analysis.filters import Filters, apply_filters


def test_no_filters_is_identity(seed_bundle):
    view = apply_filters(seed_bundle, Filters())
    assert len(view.passages) == len(seed_bundle.passages)
    assert not Filters().active and Filters().describe() == "all documents"


def test_source_filter(seed_bundle):
    view = apply_filters(seed_bundle, Filters(sources=("Op-ed",)))
    assert set(view.documents["source"]) == {"Op-ed"}
    assert set(view.passages["doc_id"]) == {"001_2f1ca548121d448b"}
    assert set(view.mentions["doc_id"]) == {"001_2f1ca548121d448b"}


def test_theme_filter_keeps_debris_and_matching_body(seed_bundle):
    view = apply_filters(seed_bundle, Filters(themes=("Turkey",)))
    body = view.body
    assert sorted(body["passage_id"]) == [
        "000_323ccbcc8a4f38d4-p0016",
        "000_323ccbcc8a4f38d4-p0017",
        "002_0fbbef5e2591e9a1-p0021",
        "002_0fbbef5e2591e9a1-p0030",
        "002_0fbbef5e2591e9a1-p0032",
    ]
    assert body["themes"].str.split(";").map(lambda themes: "Turkey" in themes).all()
    assert (view.passages["role"] != "body").sum() == (seed_bundle.passages["role"] != "body").sum()
    assert set(view.passage_themes["passage_id"]) <= set(body["passage_id"])


def test_actor_filter_and_combination(seed_bundle):
    view = apply_filters(seed_bundle, Filters(actors=("Spain",), sources=("Op-ed",)))
    assert len(view.body) == 1 and "middle finger" in view.body["text"].iloc[0]


def test_year_range(seed_bundle):
    view = apply_filters(seed_bundle, Filters(year_from=2024, year_to=2024, include_undated=False))
    assert list(view.documents["source"]) == ["Israeli analysis"]
    with_undated = apply_filters(seed_bundle, Filters(year_from=2024, year_to=2024))
    assert len(with_undated.documents) == 3
    assert "published 2024–2024, dated only" in Filters(year_from=2024, year_to=2024, include_undated=False).describe()


def test_sources_disagree_only_while_both_are_in_view(seed_bundle):
    """The Mediterranean Dialogue: 1994 in Csepregi, 1995 in the Israeli analysis."""

    def disagreements(*sources):
        groups = apply_filters(seed_bundle, Filters(sources=sources)).event_groups
        return groups[groups["discrepancy"]]

    both = disagreements("Israeli analysis", "Csepregi (academic)")
    assert len(both) == 1 and "Mediterranean Dialogue" in both.iloc[0]["label"]
    assert both.iloc[0]["dates"] == "Csepregi (academic): 1994; Israeli analysis: 1995"
    assert disagreements("Op-ed", "Csepregi (academic)").empty
    alone = apply_filters(seed_bundle, Filters(sources=("Csepregi (academic)",))).event_groups
    assert set(alone["sources"]) == {"Csepregi (academic)"}
    unfiltered = apply_filters(seed_bundle, Filters()).event_groups
    assert unfiltered.equals(seed_bundle.event_groups)
