"""The timeline stage of the build."""

from __future__ import annotations

import pandas as pd

from analysis.timeline.events import extract_events
from analysis.timeline.group_membership import with_group_ids
from analysis.timeline.groups import group_events


def compute_timeline(
    sentences: pd.DataFrame, documents: pd.DataFrame, mentions: pd.DataFrame, passages: pd.DataFrame
) -> dict[str, pd.DataFrame]:
    events, undated = extract_events(sentences, documents, mentions, passages)
    groups = group_events(events)
    return {"events": with_group_ids(events, groups), "event_groups": groups, "undated_events": undated}
