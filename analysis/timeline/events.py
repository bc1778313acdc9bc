"""Events from dated mentions, and events merged across mentions and sources.

An event is phrased from the clause around its date ("NATO established the
Mediterranean Dialogue …"). Two mentions are one event when their dates are
compatible and they say the same thing: a shared multi-word name ("Mediterranean
Dialogue", "Mavi Marmara") with a shared keyword, or clearly overlapping
keywords. When the sources put one event at dates that do not overlap, the
group keeps every date and is flagged as a discrepancy.
"""

from __future__ import annotations

import re

import pandas as pd

from analysis.timeline.temporal import find_dates

EVENT_COLUMNS = [
    "event_id",
    "doc_id",
    "source",
    "date_start",
    "date_end",
    "precision",
    "date_text",
    "event",
    "sentence",
    "actors",
    "themes",
    "passage_id",
    "sentence_id",
    "resolved",
    "note",
    "phrase_actors",
    "char_start",
    "char_end",
]
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
UNDATED_COLUMNS = ["doc_id", "source", "passage_id", "sentence_id", "event", "sentence", "actors"]
_CLAUSE = re.compile(r"\s*(?:[;:—–]|,\s|\(|\))\s*")
_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "from",
        "by",
        "with",
        "and",
        "or",
        "as",
        "its",
        "it",
        "their",
        "this",
        "that",
        "these",
        "those",
        "which",
        "who",
        "was",
        "were",
        "is",
        "are",
        "be",
        "been",
        "has",
        "have",
        "had",
        "since",
        "during",
        "after",
        "before",
        "until",
        "when",
        "while",
        "into",
        "over",
        "under",
        "between",
        "than",
        "also",
        "not",
        "no",
        "there",
        "here",
        "some",
        "any",
        "all",
        "each",
        "such",
        "most",
        "more",
        "very",
        "much",
        "many",
        "about",
        "around",
        "up",
        "out",
        "than",
    ]
)
_MONTHS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
)
_NAME = re.compile(r"\b(?:[A-Z][\w’'-]+\s+){1,4}[A-Z][\w’'-]+\b")
_UNDATED = re.compile(
    r"\b(?i:when|after|once|as soon as)\s+(?P<clause>[A-Z][^,;—]{0,120}?(?:\bshut\b|\battack\w*\b|"
    r"\binvad\w*\b|\bsigned\b|\blaunched\b|\bestablished\b|\bjoined\b|\bclosed\b)[^,;—]{0,60})"
)


def event_phrase(sentence: str, start: int, end: int, max_words: int = 14) -> str:
    """The clause holding the date, without it; a bare date clause borrows the next clause."""
    bounds = [0] + [m.end() for m in _CLAUSE.finditer(sentence)] + [len(sentence)]
    pieces = [(a, b) for a, b in zip(bounds, bounds[1:], strict=False) if b > a]
    idx = next((i for i, (a, b) in enumerate(pieces) if a <= start < b), 0)
    text = _strip_date(sentence[pieces[idx][0] : pieces[idx][1]], sentence[start:end])
    if len(text.split()) < 4:
        for j in (idx + 1, idx - 1):
            if 0 <= j < len(pieces):
                extra = _strip_date(sentence[pieces[j][0] : pieces[j][1]], sentence[start:end])
                text = f"{text} {extra}".strip() if j > idx else f"{extra} {text}".strip()
                break
    words = text.split()
    return " ".join(words[:max_words]) + ("…" if len(words) > max_words else "")


def _strip_date(clause: str, date_text: str) -> str:
    out = clause.replace(date_text, " ")
    out = re.sub(
        r"\b(?:in|on|since|by|until|from|after|before|during|of|at)\s+(?=[\s,.;]|$)", " ", out, flags=re.IGNORECASE
    )
    out = re.sub(r"\s+", " ", out).strip(" ,.;:—–-")
    return out


def keywords(text: str) -> set[str]:
    words = re.findall(r"[a-z][a-z’'-]+", text.lower())
    return {w.rstrip("s") if len(w) > 4 else w for w in words if w not in _STOP and w not in _MONTHS}


def extract_events(
    sentences: pd.DataFrame, documents: pd.DataFrame, mentions: pd.DataFrame, passages: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(events: one row per dated mention, undated: event clauses with no date)."""
    published_of = dict(zip(documents["doc_id"], documents["published"], strict=True))
    source_of = dict(zip(documents["doc_id"], documents["source"], strict=True))
    actors = mentions.groupby("sentence_id")["actor"].agg(lambda s: ";".join(sorted(set(s)))).to_dict()
    surfaces: dict[str, list[tuple[str, str]]] = {}
    for sid, actor, surface in mentions[["sentence_id", "actor", "surface"]].itertuples(index=False):
        surfaces.setdefault(sid, []).append((actor, surface))
    themes = passages.set_index("passage_id")["themes"].to_dict()
    rows, undated = [], []
    for s in sentences.sort_values("sentence_id").itertuples(index=False):
        published = published_of[s.doc_id]
        found = find_dates(s.text, published)
        for k, expr in enumerate(found):
            rows.append(
                {
                    "event_id": f"{s.sentence_id}-e{k}",
                    "doc_id": s.doc_id,
                    "source": source_of[s.doc_id],
                    "date_start": expr.date_start,
                    "date_end": expr.date_end,
                    "precision": expr.precision,
                    "date_text": expr.text,
                    "event": (phrase := event_phrase(s.text, expr.start, expr.end)),
                    "phrase_actors": ";".join(
                        sorted({a for a, surf in surfaces.get(s.sentence_id, []) if surf in phrase})
                    ),
                    "sentence": s.text,
                    "actors": actors.get(s.sentence_id, ""),
                    "themes": themes.get(s.passage_id, ""),
                    "passage_id": s.passage_id,
                    "sentence_id": s.sentence_id,
                    "resolved": expr.resolved,
                    "note": expr.note,
                    "char_start": expr.start,
                    "char_end": expr.end,
                }
            )
        if not found:
            for m in _UNDATED.finditer(s.text):
                undated.append(
                    {
                        "doc_id": s.doc_id,
                        "source": source_of[s.doc_id],
                        "passage_id": s.passage_id,
                        "sentence_id": s.sentence_id,
                        "event": m["clause"].strip(),
                        "sentence": s.text,
                        "actors": actors.get(s.sentence_id, ""),
                    }
                )
    return pd.DataFrame(rows, columns=EVENT_COLUMNS), pd.DataFrame(undated, columns=UNDATED_COLUMNS)


def _names(sentence: str) -> set[str]:
    return {n.lower().replace("’", "'") for n in _NAME.findall(sentence) if n.split()[0].lower() not in _STOP}


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
    names = [_names(s) for s in ev["sentence"]]
    phrase_actors = [set(filter(None, a.split(";"))) for a in ev["phrase_actors"]]
    days = ev["date_start"].where(ev["precision"] == "day", "").tolist()
    years = [(int(a[:4]), int(b[:4])) for a, b in zip(ev["date_start"], ev["date_end"], strict=True)]
    coarse = ev["precision"].isin(["range", "decade"]).tolist()
    for i, j in _candidate_pairs(kws, days, coarse, years, max_gap_years):
        if True:
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


_PRECISION_RANK = {"day": 0, "month": 1, "year": 2, "decade": 3, "range": 4}


def _representative(part: list[dict]) -> dict:
    """The mention whose wording the others share most; then the most precise date."""
    kws = [keywords(r["event"]) | _names(r["sentence"]) for r in part]

    def centrality(i: int) -> float:
        return sum(len(kws[i] & k) / max(1, len(kws[i] | k)) for j, k in enumerate(kws) if j != i)

    shared = set.intersection(*[_names(r["sentence"]) for r in part]) if len(part) > 1 else set()

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
