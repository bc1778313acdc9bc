"""The Timeline page's queries: groups in view, the events its picker offers, undated rows."""

from __future__ import annotations

from analysis.filters import Filters, apply_filters
from analysis.timeline import views as tv


def test_visible_groups_are_those_with_a_drawn_mention(seed_bundle):
    view = apply_filters(seed_bundle, Filters(sources=("Israeli analysis",)))
    events = view.events[view.events["date_start"] >= "2000"]
    kept = set(events["event_id"])
    expected = view.event_groups[view.event_groups["event_ids"].map(lambda ids: bool(kept & set(ids.split(";"))))]
    assert 0 < len(tv.visible_groups(view, events)) < len(view.event_groups)
    assert tv.visible_groups(view, events).equals(expected)


def test_the_picker_offers_disputed_then_most_told_events_and_the_one_opened(seed_bundle):
    groups = seed_bundle.event_groups
    assert tv.offered_groups(groups).equals(groups)  # a short list is offered whole
    small = tv.offered_groups(groups, limit=3)
    assert len(small) == 3 and small["discrepancy"].any()  # the seeds' one disputed event comes first
    undisputed = groups.loc[~groups["discrepancy"], "n_mentions"]
    assert sorted(small.loc[~small["discrepancy"], "n_mentions"]) == sorted(undisputed.nlargest(2))
    rare = groups.sort_values(["n_mentions", "group_id"])["group_id"].iloc[0]
    opened = tv.offered_groups(groups, keep=[rare, ""], limit=3)
    assert len(opened) == 4 and rare in set(opened["group_id"])
    assert list(opened["group_id"]) == sorted(opened["group_id"], key=list(groups["group_id"]).index)  # date order


def test_undated_rows_hold_clauses_without_a_date_and_unresolved_dates(seed_bundle):
    rows = tv.undated_rows(seed_bundle)
    unresolved = int((~seed_bundle.events["resolved"].astype(bool)).sum())
    assert len(rows) == len(seed_bundle.undated_events) + unresolved
    assert (rows["date_text"].head(len(seed_bundle.undated_events)) == "(no date)").all()


def test_the_disputes_named_are_the_most_told_and_counted_in_all():
    import pandas as pd

    shown = pd.DataFrame(
        {
            "group_id": [f"g{i}" for i in range(30)],
            "discrepancy": [i % 2 == 0 for i in range(30)],
            "n_mentions": [i % 7 + 2 for i in range(30)],
        }
    )
    listed, total = tv.disputed(shown, limit=4)
    assert total == 15 and len(listed) == 4 and listed["discrepancy"].all()
    assert list(listed["n_mentions"]) == sorted(shown.loc[shown["discrepancy"], "n_mentions"], reverse=True)[:4]
    assert tv.disputed(shown, limit=100)[0]["group_id"].tolist() == sorted(
        shown.loc[shown["discrepancy"], "group_id"],
        key=lambda g: (-int(shown.set_index("group_id").loc[g, "n_mentions"]), g),
    )


def test_long_date_lists_are_shortened_and_say_so():
    assert tv.shorten("Wire: 1994; Paper: 1995") == "Wire: 1994; Paper: 1995"
    long = "; ".join(f"Source {i}: {1990 + i % 30}" for i in range(500))
    short = tv.shorten(long, 100)
    assert len(short) < 140 and short.startswith("Source 0: 1990; Source 1: 1991")
    assert short.endswith(f"({len(long) - len(short.split(' …')[0]):,} more characters)")
