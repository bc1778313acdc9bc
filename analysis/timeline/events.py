"""Events from dated mentions: each phrased from the clause around its date
("NATO established the Mediterranean Dialogue …"), with its actors and themes.
Merging mentions of one event is :mod:`analysis.timeline.groups`.
"""

from __future__ import annotations

import re
from functools import partial

import pandas as pd

from analysis.parses import ParsePlan
from analysis.stance.parser import ParserMissing, load_parser
from analysis.timeline.anchors import TENSE_ORACLE, parsed_tense, tense_in
from analysis.timeline.temporal import DocumentDates, Parsed, parse
from analysis.timeline.vantage import distant_vantage

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
    extraction = EventExtraction(sentences, documents, mentions, passages)
    try:
        nlp = load_parser()
    except ParserMissing:  # tense from the words alone, as when no parse can be made
        return extraction.tables()
    plan = ParsePlan()
    extraction.plan(plan)
    plan.run(nlp)
    return extraction.tables()


# What depends on a sentence's text alone, kept from one batch of documents to the next in a process:
# news repeats sentences (wire copy, boilerplate). ``parse`` of each text, and the parser's tense of a
# date in it; each is cleared when it grows past MEMO_SENTENCES entries.
_PARSED: dict[str, list[Parsed]] = {}
_TENSES: dict[tuple[str, int, int], bool | None] = {}
MEMO_SENTENCES = 300_000


def _memo(memo: dict) -> dict:
    if len(memo) > MEMO_SENTENCES:
        memo.clear()
    return memo


class EventExtraction:
    """The timeline's reading of a set of documents, in two passes around the shared parse.

    The first pass (:meth:`plan`) reads every sentence without the parser and records the
    dates whose tense only a parse can tell; their sentences join the build's one batch of
    parses (:class:`analysis.parses.ParsePlan`), which answers each question. The second
    pass (:meth:`tables`) reads again with those answers; a question the first pass did not
    foresee (the answers can change what later sentences ask) is parsed on the spot, so the
    result is the same as asking the parser sentence by sentence.
    """

    def __init__(
        self, sentences: pd.DataFrame, documents: pd.DataFrame, mentions: pd.DataFrame, passages: pd.DataFrame
    ) -> None:
        self.sentences = sentences.sort_values("sentence_id")
        self.documents, self.mentions, self.passages = documents, mentions, passages
        self._parsed: list[list[Parsed]] | None = None
        self.tenses: dict[tuple[str, int, int], bool | None] = {}

    def plan(self, plan: ParsePlan) -> None:
        """First pass: ask the parse plan for every sentence whose dates need a parse for their tense."""
        asked: dict[tuple[str, int, int], None] = {}

        def record(sentence: str, start: int, end: int) -> None:
            asked[(sentence, start, end)] = None  # and no verdict: the words alone decide, for now

        texts = self.sentences["text"].tolist()
        memo = _memo(_PARSED)
        self._parsed = [memo[t] if t in memo else memo.setdefault(t, parse(t)) for t in texts]
        token = TENSE_ORACLE.set(record)
        try:
            self._read(texts, self._parsed)
        finally:
            TENSE_ORACLE.reset(token)
        known = _memo(_TENSES)
        for key in asked:
            if key in known:
                self.tenses[key] = known[key]
            else:
                plan.add(key[0], partial(self._answer, key))

    def _answer(self, key: tuple[str, int, int], doc) -> None:
        self.tenses[key] = _memo(_TENSES)[key] = tense_in(doc, key[1], key[2])

    def _oracle(self, sentence: str, start: int, end: int) -> bool | None:
        key = (sentence, start, end)
        if key not in self.tenses:
            token = TENSE_ORACLE.set(None)
            try:
                self.tenses[key] = _memo(_TENSES)[key] = parsed_tense(sentence, start, end)
            finally:
                TENSE_ORACLE.reset(token)
        return self.tenses[key]

    def tables(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        """Second pass: (events, undated events)."""
        token = TENSE_ORACLE.set(self._oracle)
        try:
            return _events(self.sentences, self.documents, self.mentions, self.passages, self._parsed)
        finally:
            TENSE_ORACLE.reset(token)

    def _read(self, texts: list[str], parsed: list[list[Parsed]]) -> None:
        """Read the dates of every document in order, as :func:`_events` does, keeping nothing."""
        doc_ids, passage_ids = self.sentences["doc_id"].tolist(), self.sentences["passage_id"].tolist()
        readers = document_readers(self.documents, doc_ids, texts, parsed)
        for doc_id, passage_id, text, found in zip(doc_ids, passage_ids, texts, parsed, strict=True):
            readers[doc_id].find(text, passage_id, found)


def document_readers(
    documents: pd.DataFrame, doc_ids: list[str], texts: list[str], parsed: list[list[Parsed]]
) -> dict[str, DocumentDates]:
    """One reader per document, told whether the document is told from far before its publication date
    (:func:`analysis.timeline.vantage.distant_vantage`, judged on all its sentences before any is read)."""
    published_of = dict(zip(documents["doc_id"], documents["published"], strict=True))
    sentences: dict[str, list[tuple[str, list[Parsed]]]] = {}
    for doc_id, text, found in zip(doc_ids, texts, parsed, strict=True):
        sentences.setdefault(doc_id, []).append((text, found))
    return {
        doc_id: DocumentDates(published_of[doc_id], distant_vantage(published_of[doc_id], items))
        for doc_id, items in sentences.items()
    }


def _events(
    sentences: pd.DataFrame,
    documents: pd.DataFrame,
    mentions: pd.DataFrame,
    passages: pd.DataFrame,
    parsed: list[list[Parsed]] | None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(events, undated) of ``sentences`` (sorted by id), with their dates parsed already when given."""
    source_of = dict(zip(documents["doc_id"], documents["source"], strict=True))
    actors = mentions.groupby("sentence_id")["actor"].agg(lambda s: ";".join(sorted(set(s)))).to_dict()
    surfaces: dict[str, list[tuple[str, str]]] = {}
    for sid, actor, surface in mentions[["sentence_id", "actor", "surface"]].itertuples(index=False):
        surfaces.setdefault(sid, []).append((actor, surface))
    themes = passages.set_index("passage_id")["themes"].to_dict()
    rows, undated = [], []
    texts = sentences["text"].tolist()
    if parsed is None:
        memo = _memo(_PARSED)
        parsed = [memo[t] if t in memo else memo.setdefault(t, parse(t)) for t in texts]
    readers = document_readers(documents, sentences["doc_id"].tolist(), texts, parsed)
    # Titles and headings come as sentences too (a headline's date is news; short list items such as
    # "Egypt (joined in February 1995)" come out of the structure stage as headings); events told
    # without a date are looked for in body sentences only.
    roles = sentences["role"] if "role" in sentences.columns else pd.Series("body", index=sentences.index)
    body_ids = set(sentences.loc[roles == "body", "sentence_id"])
    # Sentence ids sort in reading order within a document, so a narrative date set in one sentence
    # anchors the partial dates of the sentences after it.
    for i, s in enumerate(sentences.itertuples(index=False)):
        found = readers[s.doc_id].find(s.text, s.passage_id, parsed[i])
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
