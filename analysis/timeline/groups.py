"""Mentions of one event merged across mentions and sources, and disagreements on its date.

Two mentions are one event when their dates are compatible and they say the same
thing: a shared multi-word name ("Mediterranean Dialogue", "Mavi Marmara") with a
shared keyword, or clearly overlapping keywords. When the sources put one event at
dates that do not overlap, the group keeps every date and is flagged as a
discrepancy. Filters cut groups to the mentions they keep (:mod:`analysis.timeline.group_membership`).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse

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


def _candidate_codes(
    kws: Sequence[Collection[str]],
    days: list[str],
    coarse: list[bool],
    years: list[tuple[int, int]],
    max_gap_years: int,
    max_posting: int = 300,
    batch: int = 2_000_000,
) -> Iterator[np.ndarray]:
    """Pairs that could merge, coded ``first * n + second``, in batches of about ``batch`` codes (each
    sorted, without repeats; a pair may come again in another batch): same day, or a shared word that
    is not too common, and close years.

    Blocking keeps merging near-linear on large corpora; spans like "the past two years" are context,
    not events to merge. Each posting's pairs are formed in numpy; batches bound the memory (8 million
    candidate pairs at 50,000 documents, held at once in several copies, made the build's peak).
    """
    postings: dict[str, list[int]] = {}
    for i, words in enumerate(kws):
        if not coarse[i]:
            for w in words:
                postings.setdefault(w, []).append(i)
    for i, d in enumerate(days):
        if d and not coarse[i]:
            postings.setdefault("@" + d, []).append(i)
    first = np.array([y[0] for y in years], dtype=np.int64)
    last = np.array([y[1] for y in years], dtype=np.int64)
    n = len(years)
    codes: list[np.ndarray] = []
    held = 0
    for ids in postings.values():
        if len(ids) < 2 or len(ids) > max_posting:
            continue
        members = np.asarray(ids, dtype=np.int64)  # ascending: items were appended in order
        a_pos, b_pos = np.triu_indices(len(members), k=1)
        a, b = members[a_pos], members[b_pos]
        close = (np.abs(first[a] - first[b]) <= max_gap_years) | ((first[a] <= last[b]) & (first[b] <= last[a]))
        codes.append(a[close] * n + b[close])
        held += len(codes[-1])
        if held >= batch:
            yield _sorted_unique(codes)
            codes, held = [], 0
    if codes:
        yield _sorted_unique(codes)


def _sorted_unique(codes: list[np.ndarray]) -> np.ndarray:
    ordered = np.sort(np.concatenate(codes))  # np.unique hashes first, about 100 times slower here
    if len(ordered) == 0:
        return ordered
    return ordered[np.concatenate([[True], ordered[1:] != ordered[:-1]])]


def _indicator(sets: Sequence[Collection[str]]) -> sparse.csr_matrix:
    """One row per item, one column per word, 1 where the item has the word."""
    vocab: dict[str, int] = {}
    indptr, indices = [0], []
    for words in sets:
        indices.extend(vocab.setdefault(w, len(vocab)) for w in words)
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.int32)
    return sparse.csr_matrix((data, indices, indptr), shape=(len(sets), max(1, len(vocab))))


def _shared(matrix: sparse.csr_matrix, a: np.ndarray, b: np.ndarray, chunk: int = 500_000) -> np.ndarray:
    """How many columns rows ``a[k]`` and ``b[k]`` share, for every k (in chunks to bound memory)."""
    out = np.zeros(len(a), dtype=np.int64)
    for lo in range(0, len(a), chunk):
        hi = lo + chunk
        out[lo:hi] = np.asarray(matrix[a[lo:hi]].multiply(matrix[b[lo:hi]]).sum(axis=1)).ravel()
    return out


@dataclass
class _PairTest:
    """What deciding whether two mentions tell one event reads of each mention, built once."""

    first: np.ndarray
    last: np.ndarray
    sizes: np.ndarray
    day: np.ndarray  # a code per day told to the day, -1 for the rest
    words: sparse.csr_matrix
    names: sparse.csr_matrix
    nouns: sparse.csr_matrix
    actors: sparse.csr_matrix

    @classmethod
    def of(
        cls,
        kws: Sequence[Collection[str]],
        names: Sequence[Collection[str]],
        actors: Sequence[Collection[str]],
        days: list[str],
        years: list[tuple[int, int]],
    ) -> _PairTest:
        day_codes: dict[str, int] = {}
        return cls(
            first=np.array([y[0] for y in years], dtype=np.int64),
            last=np.array([y[1] for y in years], dtype=np.int64),
            sizes=np.array([len(k) for k in kws], dtype=np.int64),
            day=np.array([day_codes.setdefault(d, len(day_codes)) if d else -1 for d in days], dtype=np.int64),
            words=_indicator(kws),
            names=_indicator(names),
            nouns=_indicator([[w for w in k if w in EVENT_NOUNS] for k in kws]),
            actors=_indicator(actors),
        )


def _merging(codes: np.ndarray, n: int, test: _PairTest, max_gap_years: int) -> np.ndarray:
    """The candidate pairs (coded ``first * n + second``) that tell one event: the same day, or
    compatible years and the same words (Jaccard of keywords >= 0.3), a shared name, or a shared
    event noun and actor. Returned coded, in the order given."""
    a, b = codes // n, codes % n
    first, last = test.first, test.last
    overlap = (first[a] <= last[b]) & (first[b] <= last[a])
    near = np.abs(first[a] - first[b]) <= max_gap_years
    shared = _shared(test.words, a, b)
    jaccard = shared / np.maximum(1, test.sizes[a] + test.sizes[b] - shared)
    same_name = (_shared(test.names, a, b) > 0) & (shared >= 2)
    same_day = (test.day[a] >= 0) & (test.day[a] == test.day[b])
    # Phrase actors are keywords too, so an actor both phrases name is a shared keyword.
    event_noun = (_shared(test.nouns, a, b) > 0) & (_shared(test.actors, a, b) > 0)
    keep = same_day | (overlap & ((jaccard >= 0.3) | same_name | event_noun)) | (near & same_name & (shared >= 3))
    return codes[keep]


def group_events(events: pd.DataFrame, max_gap_years: int = 3) -> pd.DataFrame:
    """Merge mentions of one event (union-find); keep every date a source gives it.

    Pairs are merged in index order; a merge that would stretch a group's years past
    ``max_gap_years`` is refused, so mentions that chain by shared words ("the awards
    ceremony", told every year) stay separate events instead of melting into one that
    spans decades.
    """
    read = ["event_id", "source", "date_start", "date_end", "precision", "date_text", "event", "phrase_actors"]
    ev = events.loc[events["resolved"].astype(bool), [*read, "sentence"]].reset_index(drop=True)
    parent = list(range(len(ev)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # Sorted tuples, not sets: a set per mention took 250 MB of the 500 MB grouping held at 50,000 documents.
    event_words = [tuple(sorted(keywords(e))) for e in ev["event"]]
    phrase_actors = [tuple(sorted(set(filter(None, a.split(";"))))) for a in ev["phrase_actors"]]
    kws = [tuple(sorted(set(w).union(a))) for w, a in zip(event_words, phrase_actors, strict=True)]
    names = [tuple(sorted(proper_names(s))) for s in ev["sentence"]]
    ev = ev.drop(columns=["sentence"])  # the names are what grouping reads of it; the text is held once, in events
    days = ev["date_start"].where(ev["precision"] == "day", "").tolist()
    years = [(int(a[:4]), int(b[:4])) for a, b in zip(ev["date_start"], ev["date_end"], strict=True)]
    coarse = ev["precision"].isin(["range", "decade", "century"]).tolist()
    test = _PairTest.of(kws, names, phrase_actors, days, years)
    n = len(ev)
    kept = [
        _merging(codes, n, test, max_gap_years) for codes in _candidate_codes(kws, days, coarse, years, max_gap_years)
    ]
    del test, phrase_actors, days, coarse
    merging = _sorted_unique(kept) if kept else np.zeros(0, dtype=np.int64)
    hull = list(years)  # the years each group spans so far
    for i, j in zip((merging // max(n, 1)).tolist(), (merging % max(n, 1)).tolist(), strict=True):
        ri, rj = find(i), find(j)
        if ri == rj:
            continue
        lo, hi = min(hull[ri][0], hull[rj][0]), max(hull[ri][1], hull[rj][1])
        if hi - lo > max_gap_years:
            continue
        parent[ri], hull[rj] = rj, (lo, hi)
    del merging, kws, hull
    owner = np.fromiter((find(i) for i in range(len(ev))), dtype=np.int64, count=len(ev))
    size = np.bincount(owner, minlength=len(ev))[owner]
    # Most groups hold one mention: their rows come column by column; the others from their members.
    single = ev[size == 1].assign(group_id="")
    groups: dict[int, list[int]] = {}
    for i in np.flatnonzero(size > 1).tolist():
        groups.setdefault(int(owner[i]), []).append(i)
    several = ev[size > 1]
    columns = ["event_id", "source", "date_start", "date_end", "precision", "date_text", "event"]
    records = dict(
        zip(
            several.index.tolist(),
            (dict(zip(columns, row, strict=True)) for row in zip(*(several[c].tolist() for c in columns), strict=True)),
            strict=True,
        )
    )
    for i, record in records.items():
        record["_names"], record["_keywords"] = set(names[i]), set(event_words[i])
    rows = [group_row([records[i] for i in members]) for members in groups.values()]
    out = pd.concat([single_rows(single), pd.DataFrame(rows, columns=GROUP_COLUMNS)], ignore_index=True)
    out = out.astype({"discrepancy": bool, "n_mentions": int}).sort_values(["date_start", "date_end", "event_ids"])
    out["group_id"] = [f"g{i:04d}" for i in range(len(out))]
    return out.reset_index(drop=True)


def single_rows(events: pd.DataFrame) -> pd.DataFrame:
    """The rows of groups left with one mention each (most cut groups), column by column."""
    return pd.DataFrame(
        {
            "group_id": events["group_id"],
            "label": events["event"],
            "date_start": events["date_start"],
            "date_end": events["date_end"],
            "sources": events["source"],
            "n_mentions": 1,
            "discrepancy": False,
            "dates": events["source"] + ": " + events["date_text"],
            "event_ids": events["event_id"],
        },
        columns=GROUP_COLUMNS,
    )


def group_row(members: list[dict], label: str = "") -> dict:
    """One group's row from its several member mentions (groups of one are :func:`single_rows`);
    ``label``, when one of them has that wording, names it."""
    part = sorted(members, key=lambda r: (r["date_start"], r["event_id"]))
    by_source: dict[str, set[str]] = {}
    for r in part:
        by_source.setdefault(r["source"], set()).add(r["date_text"])
    return {
        "group_id": "",
        "label": label if any(r["event"] == label for r in part) else _representative(part)["event"],
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
    if len(part) == 1:
        return part[0]
    names = [r["_names"] if "_names" in r else proper_names(r["sentence"]) for r in part]
    kws = [(r["_keywords"] if "_keywords" in r else keywords(r["event"])) | n for r, n in zip(part, names, strict=True)]
    central = _centrality(kws)

    def centrality(i: int) -> float:
        return central[i]

    shared = set.intersection(*names)

    def names_shared(i: int) -> int:
        phrase = part[i]["event"].lower().replace("’", "'")
        return sum(n in phrase for n in shared)

    order = sorted(
        range(len(part)),
        key=lambda i: (-centrality(i), -names_shared(i), _PRECISION_RANK[part[i]["precision"]], part[i]["event_id"]),
    )
    return part[order[0]]


def _centrality(kws: list[set[str]], block: int = 1000) -> list[float]:
    """For each mention, the sum of its keyword Jaccard with every other mention of the group.

    Large groups are computed on an indicator matrix in row blocks and summed left to right
    (``cumsum``), so each total is the very float the plain Python sum gives.
    """
    if len(kws) <= 40:  # small groups: plain Python is quicker than building matrices
        return [sum(len(a & b) / max(1, len(a | b)) for j, b in enumerate(kws) if j != i) for i, a in enumerate(kws)]
    matrix = _indicator(kws)
    sizes = np.asarray(matrix.sum(axis=1)).ravel()
    out: list[float] = []
    for lo in range(0, len(kws), block):
        rows = matrix[lo : lo + block]
        inter = (rows @ matrix.T).toarray()
        union = np.maximum(1, sizes[lo : lo + block, None] + sizes[None, :] - inter)
        jaccard = inter / union
        jaccard[np.arange(len(jaccard)), np.arange(lo, lo + len(jaccard))] = 0.0
        out.extend(np.cumsum(jaccard, axis=1)[:, -1].tolist())
    return out


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
