"""Grouping mentions into events at scale: chains stay bounded and the fast paths are exact."""

from __future__ import annotations

import random

import pandas as pd

from analysis.timeline.events import EVENT_COLUMNS
from analysis.timeline.group_membership import groups_with_events, restrict_groups, with_group_ids
from analysis.timeline.groups import _centrality, group_events


def _mention(i: int, year: int, source: str, event: str) -> dict:
    row = dict.fromkeys(EVENT_COLUMNS, "")
    row.update(
        event_id=f"d{i:03d}-p0001-s01-e0",
        doc_id=f"d{i:03d}",
        source=source,
        date_start=f"{year}-01-01",
        date_end=f"{year}-12-31",
        precision="year",
        date_text=str(year),
        event=event,
        sentence=f"{event} in {year}.",
        resolved=True,
    )
    return row


def test_a_yearly_event_does_not_chain_into_one_group_spanning_decades():
    """ "The Grammy Awards ceremony" told for every year from 2000 to 2020: each telling shares its words
    with the next year's, but one event's dates never span more than the gap allowed (3 years)."""
    events = pd.DataFrame(
        [_mention(i, 2000 + i, f"S{i % 3}", "Grammy Awards ceremony will be held") for i in range(21)],
        columns=EVENT_COLUMNS,
    )
    groups = group_events(events)
    spans = groups["date_end"].str[:4].astype(int) - groups["date_start"].str[:4].astype(int)
    assert spans.max() <= 3
    assert groups["n_mentions"].sum() == 21 and len(groups) > 1
    # Without the bound every telling would be one group (they chain year to year).
    assert groups["n_mentions"].max() < 21


def test_two_sources_a_year_apart_still_make_one_event_with_a_discrepancy():
    events = pd.DataFrame(
        [
            _mention(0, 1994, "Academic", "NATO established the Mediterranean Dialogue"),
            _mention(1, 1995, "Analysis", "NATO established the Mediterranean Dialogue"),
        ],
        columns=EVENT_COLUMNS,
    )
    groups = group_events(events)
    assert len(groups) == 1 and bool(groups.loc[0, "discrepancy"])
    assert groups.loc[0, "dates"] == "Academic: 1994; Analysis: 1995"


def test_centrality_on_matrices_is_the_python_sum_to_the_last_bit():
    rng = random.Random(7)
    vocab = [f"w{i}" for i in range(30)]
    kws = [set(rng.sample(vocab, rng.randint(0, 8))) for _ in range(120)]
    python = [sum(len(a & b) / max(1, len(a | b)) for j, b in enumerate(kws) if j != i) for i, a in enumerate(kws)]
    assert _centrality(kws, block=50) == python


def _three_tellings() -> tuple[pd.DataFrame, pd.DataFrame]:
    """One event told by three sources (two agree on 1994, one says 1995) and an unrelated one."""
    rows = [
        _mention(0, 1994, "Academic", "NATO established the Mediterranean Dialogue with Israel"),
        _mention(1, 1994, "Encyclopedia", "NATO established the Mediterranean Dialogue"),
        _mention(2, 1995, "Analysis", "NATO established the Mediterranean Dialogue"),
        _mention(3, 2010, "Analysis", "the flotilla raid on the Mavi Marmara"),
    ]
    events = pd.DataFrame(rows, columns=EVENT_COLUMNS)
    groups = group_events(events)
    return with_group_ids(events, groups), groups


def test_every_resolved_mention_carries_its_group_and_unresolved_ones_none():
    events, groups = _three_tellings()
    unresolved = {**_mention(9, 2000, "Analysis", "talks on Thursday"), "resolved": False, "date_start": ""}
    events = with_group_ids(pd.concat([events, pd.DataFrame([unresolved])], ignore_index=True), groups)
    by_group = events[events["group_id"] != ""].groupby("group_id")["event_id"].apply(";".join)
    assert by_group.to_dict() == dict(zip(groups["group_id"], groups["event_ids"], strict=True))
    assert events["group_id"].iloc[-1] == ""


def test_a_filter_cuts_a_group_to_its_mentions_in_view_and_keeps_its_name():
    events, groups = _three_tellings()
    dialogue = groups[groups["n_mentions"] == 3].iloc[0]
    assert bool(dialogue["discrepancy"])
    # Without the source that says 1995 the sources agree; the group keeps its id and its label.
    agreeing = restrict_groups(groups, events[events["source"] != "Analysis"])
    assert list(agreeing["group_id"]) == [dialogue["group_id"]]
    row = agreeing.iloc[0]
    assert (row["n_mentions"], bool(row["discrepancy"]), row["sources"]) == (2, False, "Academic;Encyclopedia")
    assert row["label"] == dialogue["label"] and row["dates"] == "Academic: 1994; Encyclopedia: 1994"
    # A group whose labelling mention is out of view is named by a mention in view.
    others = events[events["event"] != dialogue["label"]]
    renamed = restrict_groups(groups, others)
    cut = renamed[renamed["group_id"] == dialogue["group_id"]].iloc[0]
    assert cut["label"] == "NATO established the Mediterranean Dialogue with Israel" and cut["n_mentions"] == 1
    # Groups wholly in view are the unfiltered rows; groups with nothing in view are gone.
    assert restrict_groups(groups, events).equals(groups[groups["n_mentions"] > 0])
    assert restrict_groups(groups, events.iloc[:0]).empty
    assert list(groups_with_events(groups, events[events["source"] == "Encyclopedia"])["group_id"]) == [
        dialogue["group_id"]
    ]
