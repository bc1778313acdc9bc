"""The event groups as a filter sees them: which group each mention belongs to, and the groups cut
to the mentions in view.

Grouping itself runs once, at build time (:mod:`analysis.timeline.groups`); what is here runs on
every filter change, so it reads the ``group_id`` column the build writes instead of regrouping.
"""

from __future__ import annotations

import pandas as pd

from analysis.frames import isin
from analysis.timeline.groups import GROUP_COLUMNS, group_row, single_rows


def with_group_ids(events: pd.DataFrame, groups: pd.DataFrame) -> pd.DataFrame:
    """``events`` with the ``group_id`` of the group each resolved mention belongs to ("" for the rest).

    Written at build time so that a filter finds a mention's group by a column, not by splitting
    every group's ``event_ids`` again (a third of a filter change at 50,000 documents).
    """
    each = groups.set_index("group_id")["event_ids"].str.split(";").explode()
    owner = pd.Series(each.index.to_numpy(), index=each.to_numpy(), dtype=str)
    out = events.drop(columns=["group_id"], errors="ignore")
    out["group_id"] = out["event_id"].map(owner).fillna("").astype(str)
    return out


def restrict_groups(groups: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """The groups as the kept ``events`` tell them: a filter that drops a source also drops its
    dates from a group, so two sources disagree only when both are in view.

    A group cut in part keeps its label while a mention with that wording is in view (an event
    keeps its name as filters change); otherwise the most representative kept mention names it.
    """
    if "group_id" not in events.columns:  # a bundle written before events carried their group
        events = with_group_ids(events, groups)
    kept = events[events["group_id"] != ""]
    n_kept = kept["group_id"].value_counts()
    n_hit = n_kept.reindex(groups["group_id"], fill_value=0).to_numpy()
    whole = n_hit == groups["n_mentions"].to_numpy()
    partial = (n_hit > 0) & ~whole
    if not partial.any():
        return groups[whole]
    labels = dict(zip(groups.loc[partial, "group_id"], groups.loc[partial, "label"], strict=True))
    needed = kept[isin(kept["group_id"], labels)]
    alone = needed["group_id"].map(n_kept) == 1
    out = pd.concat(
        [groups[whole], single_rows(needed[alone]), _rebuilt_rows(needed[~alone], labels)], ignore_index=True
    )
    return out.astype({"discrepancy": bool, "n_mentions": int}).sort_values("group_id").reset_index(drop=True)


def _rebuilt_rows(events: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    """The rows of groups left with several mentions, each from its members (``labels``: names to keep).

    Sentences are read only for the groups whose name went out of view (the representative mention
    is chosen by the names its sentence holds): reading every member's sentence was half the cost.
    """
    events = events.sort_values(["group_id", "date_start", "event_id"])
    named = events["event"] == events["group_id"].map(labels)
    unnamed = set(events["group_id"]) - set(events.loc[named, "group_id"])
    read = ["group_id", "event_id", "event", "date_start", "date_end", "date_text", "precision", "source"]
    sentences = events["sentence"].where(isin(events["group_id"], unnamed), "")
    members: dict[str, list[dict]] = {}
    for values in zip(*(events[c].tolist() for c in read), sentences.tolist(), strict=True):
        record = dict(zip([*read, "sentence"], values, strict=True))
        members.setdefault(record["group_id"], []).append(record)
    rows = [{**group_row(part, labels[group_id]), "group_id": group_id} for group_id, part in members.items()]
    return pd.DataFrame(rows, columns=GROUP_COLUMNS)


def groups_with_events(groups: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """The groups that hold at least one of ``events``."""
    if "group_id" not in events.columns:
        events = with_group_ids(events, groups)
    return groups[isin(groups["group_id"], events["group_id"]).to_numpy()]
