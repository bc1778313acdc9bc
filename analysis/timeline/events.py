"""Events from dated mentions: each phrased from the clause around its date
("NATO established the Mediterranean Dialogue …"), with its actors and themes.
Merging mentions of one event is :mod:`analysis.timeline.groups`.
"""

from __future__ import annotations

import re

import pandas as pd

from analysis.timeline.temporal import DocumentDates

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
    "anchor",
    "kind",
]
# A date the text does not state in full ("Thursday", "in May", "last year") was resolved from the
# publication date or from a date the narrative set: drawn hollow and hatched, so it never passes
# for a date the source wrote out.
CONTEXT_ANCHORS = ("publication", "narrative", "named")


def from_context(events: pd.DataFrame) -> pd.Series:
    """True for mentions whose date was resolved from the publication date or the narrative."""
    if "anchor" not in events.columns:
        return pd.Series(False, index=events.index)
    return events["anchor"].isin(CONTEXT_ANCHORS)


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
    readers: dict[str, DocumentDates] = {}
    # Titles and headings come as sentences too (a headline's date is news; short list items such as
    # "Egypt (joined in February 1995)" come out of the structure stage as headings); events told
    # without a date are looked for in body sentences only.
    roles = sentences["role"] if "role" in sentences.columns else pd.Series("body", index=sentences.index)
    body_ids = set(sentences.loc[roles == "body", "sentence_id"])
    # Sentence ids sort in reading order within a document, so a narrative date set in one sentence
    # anchors the partial dates of the sentences after it.
    for s in sentences.sort_values("sentence_id").itertuples(index=False):
        reader = readers.setdefault(s.doc_id, DocumentDates(published_of[s.doc_id]))
        found = reader.find(s.text, s.passage_id)
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
                    "anchor": expr.anchor,
                    "kind": expr.kind,
                }
            )
        if not found and s.sentence_id in body_ids:
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


def proper_names(sentence: str) -> set[str]:
    """Capitalised multi-word names ("Mediterranean Dialogue"), lower-cased: what two tellings of one event share."""
    return {n.lower().replace("’", "'") for n in _NAME.findall(sentence) if n.split()[0].lower() not in _STOP}
