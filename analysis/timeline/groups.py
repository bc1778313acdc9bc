"""Mentions of one event merged across mentions and sources, and disagreements on its date.

Two mentions are one event when their dates are compatible and they say the same
thing: a shared multi-word name ("Mediterranean Dialogue", "Mavi Marmara") with a
shared keyword, or clearly overlapping keywords. When the sources put one event at
dates that do not overlap, the group keeps every date and is flagged as a
discrepancy. Filters rebuild groups from the mentions they keep.
"""

from __future__ import annotations

import pandas as pd

from analysis.timeline.events import keywords, proper_names

GROUP_COLUMNS = [
    "group_id",
    "label",
    "date_start",
    "date_end",
    "sources",
    "n_mentions",
    "discrepancy",
    "dates",
    "event_ids",
]


def _candidate_pairs(
    kws: list[set[str]],
    days: list[str],
    coarse: list[bool],
    years: list[tuple[int, int]],
    max_gap_years: int,
    max_posting: int = 300,
) -> list[tuple[int, int]]:
    """Pairs that could merge: same day, or a shared word that is not too common, and close years.

    Blocking keeps merging near-linear on large corpora; spans like "the past two years"
    are context, not events to merge.
    """
    postings: dict[str, list[int]] = {}
    for i, words in enumerate(kws):
        if not coarse[i]:
            for w in words:
                postings.setdefault(w, []).append(i)
    for i, d in enumerate(days):
        if d and not coarse[i]:
            postings.setdefault("@" + d, []).append(i)
    pairs: set[tuple[int, int]] = set()
    for ids in postings.values():
        if len(ids) > max_posting:
            continue
        for a_pos, a in enumerate(ids):
            for b in ids[a_pos + 1 :]:
                if (
                    abs(years[a][0] - years[b][0]) <= max_gap_years
                    or years[a][0] <= years[b][1]
                    and years[b][0] <= years[a][1]
                ):
                    pairs.add((a, b))
    return sorted(pairs)


def group_events(events: pd.DataFrame, max_gap_years: int = 3) -> pd.DataFrame:
    """Merge mentions of one event (union-find); keep every date a source gives it."""
    ev = events[events["resolved"].astype(bool)].reset_index(drop=True)
    parent = list(range(len(ev)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    kws = [keywords(e) | set(filter(None, a.split(";"))) for e, a in zip(ev["event"], ev["phrase_actors"], strict=True)]
    names = [proper_names(s) for s in ev["sentence"]]
    phrase_actors = [set(filter(None, a.split(";"))) for a in ev["phrase_actors"]]
    days = ev["date_start"].where(ev["precision"] == "day", "").tolist()
    years = [(int(a[:4]), int(b[:4])) for a, b in zip(ev["date_start"], ev["date_end"], strict=True)]
    coarse = ev["precision"].isin(["range", "decade", "century"]).tolist()
    for i, j in _candidate_pairs(kws, days, coarse, years, max_gap_years):
        overlap = years[i][0] <= years[j][1] and years[j][0] <= years[i][1]
        near = abs(years[i][0] - years[j][0]) <= max_gap_years
        shared = kws[i] & kws[j]
        jaccard = len(shared) / max(1, len(kws[i] | kws[j]))
        same_name = bool(names[i] & names[j]) and len(shared) >= 2
        same_day = bool(days[i]) and days[i] == days[j]
        event_noun = bool(shared & EVENT_NOUNS) and bool(shared & phrase_actors[i] & phrase_actors[j])
        if (
            same_day
            or (overlap and (jaccard >= 0.3 or same_name or event_noun))
            or (near and same_name and len(shared) >= 3)
        ):
            parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(ev)):
        groups.setdefault(find(i), []).append(i)
    records = ev.to_dict("records")
    rows = [_group_row([records[i] for i in members]) for members in groups.values()]
    out = pd.DataFrame(rows, columns=GROUP_COLUMNS).sort_values(["date_start", "date_end", "event_ids"])
    out["group_id"] = [f"g{i:04d}" for i in range(len(out))]
    return out.reset_index(drop=True)


def restrict_groups(groups: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """The groups as the kept ``events`` tell them: a filter that drops a source also drops its
    dates from a group, so two sources disagree only when both are in view."""
    kept = set(events["event_id"])
    members = groups["event_ids"].str.split(";")
    whole = members.map(lambda ids: all(e in kept for e in ids)).astype(bool)
    partial = members.map(lambda ids: any(e in kept for e in ids)).astype(bool) & ~whole
    if not partial.any():
        return groups[whole]
    records = {r["event_id"]: r for r in events[events["event_id"].isin(kept)].to_dict("records")}
    rebuilt = [
        {**_group_row([records[e] for e in ids if e in records]), "group_id": group_id}
        for group_id, ids in zip(groups.loc[partial, "group_id"], members[partial], strict=True)
    ]
    out = pd.concat([groups[whole], pd.DataFrame(rebuilt, columns=GROUP_COLUMNS)], ignore_index=True)
    return out.astype({"discrepancy": bool, "n_mentions": int}).sort_values("group_id").reset_index(drop=True)


def _group_row(members: list[dict]) -> dict:
    part = sorted(members, key=lambda r: (r["date_start"], r["event_id"]))
    by_source: dict[str, set[str]] = {}
    for r in part:
        by_source.setdefault(r["source"], set()).add(r["date_text"])
    return {
        "group_id": "",
        "label": _representative(part)["event"],
        "date_start": min(r["date_start"] for r in part),
        "date_end": max(r["date_end"] for r in part),
        "sources": ";".join(sorted(by_source)),
        "n_mentions": len(part),
        "discrepancy": _disagree(part),
        "dates": "; ".join(f"{s}: {', '.join(sorted(by_source[s]))}" for s in sorted(by_source)),
        "event_ids": ";".join(r["event_id"] for r in part),
    }


_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "season": 3, "year": 4, "decade": 5, "century": 6, "range": 7}


def _representative(part: list[dict]) -> dict:
    """The mention whose wording the others share most; then the most precise date."""
    kws = [keywords(r["event"]) | proper_names(r["sentence"]) for r in part]

    def centrality(i: int) -> float:
        return sum(len(kws[i] & k) / max(1, len(kws[i] | k)) for j, k in enumerate(kws) if j != i)

    shared = set.intersection(*[proper_names(r["sentence"]) for r in part]) if len(part) > 1 else set()

    def names_shared(i: int) -> int:
        phrase = part[i]["event"].lower().replace("’", "'")
        return sum(n in phrase for n in shared)

    order = sorted(
        range(len(part)),
        key=lambda i: (-centrality(i), -names_shared(i), _PRECISION_RANK[part[i]["precision"]], part[i]["event_id"]),
    )
    return part[order[0]]


EVENT_NOUNS = frozenset(
    [
        "invasion",
        "attack",
        "attacks",
        "summit",
        "incident",
        "annexation",
        "treaty",
        "massacre",
        "war",
        "election",
        "elections",
        "established",
        "establishment",
        "founded",
        "signed",
        "aggression",
        "agreement",
        "programme",
        "program",
        "accords",
    ]
)


def _disagree(part: list[dict]) -> bool:
    """True when two sources give the event dates that cannot both be right."""
    for i, a in enumerate(part):
        for b in part[i + 1 :]:
            if a["source"] != b["source"] and (a["date_end"] < b["date_start"] or b["date_end"] < a["date_start"]):
                return True
    return False
