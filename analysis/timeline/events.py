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
    doc = documents.set_index("doc_id")
    actors = mentions.groupby("sentence_id")["actor"].agg(lambda s: ";".join(sorted(set(s)))).to_dict()
    surfaces: dict[str, list[tuple[str, str]]] = {}
    for sid, actor, surface in mentions[["sentence_id", "actor", "surface"]].itertuples(index=False):
        surfaces.setdefault(sid, []).append((actor, surface))
    themes = passages.set_index("passage_id")["themes"].to_dict()
    rows, undated = [], []
    for s in sentences.sort_values("sentence_id").itertuples(index=False):
        published = doc.loc[s.doc_id, "published"]
        found = find_dates(s.text, published)
        for k, expr in enumerate(found):
            rows.append(
                {
                    "event_id": f"{s.sentence_id}-e{k}",
                    "doc_id": s.doc_id,
                    "source": doc.loc[s.doc_id, "source"],
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
                        "source": doc.loc[s.doc_id, "source"],
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


def group_events(events: pd.DataFrame, max_gap_years: int = 3) -> pd.DataFrame:
    """Merge mentions of one event (union-find); keep every date a source gives it."""
    ev = events[events["resolved"]].reset_index(drop=True)
    parent = list(range(len(ev)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    kws = [keywords(e) | set(filter(None, a.split(";"))) for e, a in zip(ev["event"], ev["phrase_actors"], strict=True)]
    names = [_names(s) for s in ev["sentence"]]
    days = ev["date_start"].where(ev["precision"] == "day", "").tolist()
    years = [(int(a[:4]), int(b[:4])) for a, b in zip(ev["date_start"], ev["date_end"], strict=True)]
    coarse = ev["precision"].isin(["range", "decade"]).tolist()
    for i in range(len(ev)):
        for j in range(i + 1, len(ev)):
            if coarse[i] or coarse[j]:
                continue  # spans like "the past two years" are context, not events to merge
            overlap = years[i][0] <= years[j][1] and years[j][0] <= years[i][1]
            near = abs(years[i][0] - years[j][0]) <= max_gap_years
            shared = kws[i] & kws[j]
            jaccard = len(shared) / max(1, len(kws[i] | kws[j]))
            same_name = bool(names[i] & names[j]) and len(shared) >= 2
            same_day = bool(days[i]) and days[i] == days[j]
            event_noun = bool(shared & EVENT_NOUNS) and bool(shared & _ACTORS_OF(ev, i, j))
            if (
                same_day
                or (overlap and (jaccard >= 0.3 or same_name or event_noun))
                or (near and same_name and len(shared) >= 3)
            ):
                parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(ev)):
        groups.setdefault(find(i), []).append(i)
    rows = []
    for members in groups.values():
        part = ev.iloc[members].sort_values(["date_start", "event_id"])
        spans = sorted({(a, b) for a, b in zip(part["date_start"], part["date_end"], strict=True)})
        by_source = part.groupby("source")[["date_start", "date_end"]].agg(lambda s: sorted(set(s)))
        discrepancy = _disagree(part)
        best = _representative(part)
        rows.append(
            {
                "group_id": "",
                "label": best["event"],
                "date_start": min(a for a, _ in spans),
                "date_end": max(b for _, b in spans),
                "sources": ";".join(sorted(part["source"].unique())),
                "n_mentions": len(part),
                "discrepancy": discrepancy,
                "dates": "; ".join(
                    f"{s}: {', '.join(sorted(set(part.loc[part['source'] == s, 'date_text'])))}"
                    for s in by_source.index
                ),
                "event_ids": ";".join(part["event_id"]),
            }
        )
    out = pd.DataFrame(rows, columns=GROUP_COLUMNS).sort_values(["date_start", "date_end", "event_ids"])
    out["group_id"] = [f"g{i:04d}" for i in range(len(out))]
    return out.reset_index(drop=True)


_PRECISION_RANK = {"day": 0, "month": 1, "year": 2, "decade": 3, "range": 4}


def _representative(part: pd.DataFrame) -> pd.Series:
    """The mention whose wording the others share most; then the most precise date."""
    kws = [keywords(e) | _names(s) for e, s in zip(part["event"], part["sentence"], strict=True)]

    def centrality(i: int) -> float:
        return sum(len(kws[i] & k) / max(1, len(kws[i] | k)) for j, k in enumerate(kws) if j != i)

    shared = set.intersection(*[_names(s) for s in part["sentence"]]) if len(part) > 1 else set()

    def names_shared(i: int) -> int:
        phrase = part.iloc[i]["event"].lower().replace("’", "'")
        return sum(n in phrase for n in shared)

    order = sorted(
        range(len(part)),
        key=lambda i: (
            -centrality(i),
            -names_shared(i),
            _PRECISION_RANK[part.iloc[i]["precision"]],
            part.iloc[i]["event_id"],
        ),
    )
    return part.iloc[order[0]]


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


def _ACTORS_OF(ev: pd.DataFrame, i: int, j: int) -> set[str]:  # noqa: N802 - reads as a set
    return set(filter(None, ev.at[i, "phrase_actors"].split(";"))) & set(
        filter(None, ev.at[j, "phrase_actors"].split(";"))
    )


def _disagree(part: pd.DataFrame) -> bool:
    """True when two sources give the event dates that cannot both be right."""
    spans = [(src, a, b) for src, a, b in part[["source", "date_start", "date_end"]].itertuples(index=False)]
    for i, (s1, a1, b1) in enumerate(spans):
        for s2, a2, b2 in spans[i + 1 :]:
            if s1 != s2 and (b1 < a2 or b2 < a1):
                return True
    return False
