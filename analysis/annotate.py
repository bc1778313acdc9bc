"""Sentences, actor mentions and themes of the passages an analysis reads.

One spaCy pass per passage serves all three. Body text is annotated, and so are
titles and headings for sentences and mentions — a headline ("Russia's war
against Ukraine – one year later") is the author's words and carries stance and
dates — while themes and topics stay body-only. Captions, credits, footnotes,
bylines and references are shown by the reader but never counted.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.gazetteer import Gazetteer
from analysis.nlp import blank_pipeline
from analysis.textnorm import normalise_for_matching
from analysis.themes import Taxonomy

SENTENCE_COLUMNS = ["sentence_id", "passage_id", "doc_id", "role", "start", "end", "text"]
MENTION_COLUMNS = ["doc_id", "passage_id", "sentence_id", "role", "actor", "surface", "start", "end"]
READ_ROLES = ("body", "title", "heading")
THEME_COLUMNS = ["doc_id", "passage_id", "theme", "cues", "n_hits"]


@dataclass
class Annotations:
    passages: pd.DataFrame
    sentences: pd.DataFrame
    mentions: pd.DataFrame
    passage_themes: pd.DataFrame


def annotate(passages: pd.DataFrame, gazetteer: Gazetteer, taxonomy: Taxonomy, batch_size: int = 256) -> Annotations:
    """Add ``themes``, ``actors`` and ``n_words`` to passages; return the detail tables."""
    nlp = blank_pipeline()
    read = passages[passages["role"].isin(READ_ROLES)]
    sentences, mentions, theme_rows = [], [], []
    themes_of: dict[str, str] = {}
    actors_of: dict[str, str] = {}
    texts = [normalise_for_matching(t) for t in read["text"]]
    records = zip(read["passage_id"], read["doc_id"], read["role"], read["text"], strict=True)
    for (pid, doc_id, role, text), doc in zip(records, nlp.pipe(texts, batch_size=batch_size), strict=True):
        sent_bounds = []
        for k, (s_start, s_end) in enumerate(_sentence_spans(doc, text)):
            start, end = _trim(text, s_start, s_end)
            if start >= end:
                continue
            sid = f"{pid}-s{k:02d}"
            sent_bounds.append((start, end, sid))
            sentences.append(
                {
                    "sentence_id": sid,
                    "passage_id": pid,
                    "doc_id": doc_id,
                    "role": role,
                    "start": start,
                    "end": end,
                    "text": text[start:end],
                }
            )
        found = gazetteer.find(doc, text)
        for m in found:
            sid = next((s for a, b, s in sent_bounds if a <= m.start < b), "")
            mentions.append(
                {
                    "doc_id": doc_id,
                    "passage_id": pid,
                    "sentence_id": sid,
                    "role": role,
                    "actor": m.actor,
                    "surface": m.surface,
                    "start": m.start,
                    "end": m.end,
                }
            )
        actors_of[pid] = ";".join(sorted({m.actor for m in found}))
        if role != "body":
            continue
        hits = taxonomy.tag(doc, {m.actor for m in found})
        themes_of[pid] = ";".join(taxonomy.labels[h.theme] for h in hits)
        for h in hits:
            theme_rows.append(
                {
                    "doc_id": doc_id,
                    "passage_id": pid,
                    "theme": taxonomy.labels[h.theme],
                    "cues": ";".join(h.cues),
                    "n_hits": h.n_hits,
                }
            )
    out = passages.copy()
    out["themes"] = out["passage_id"].map(themes_of).fillna("")
    out["actors"] = out["passage_id"].map(actors_of).fillna("")
    out["n_words"] = out["text"].str.split().str.len().astype(int)
    return Annotations(
        passages=out,
        sentences=pd.DataFrame(sentences, columns=SENTENCE_COLUMNS),
        mentions=pd.DataFrame(mentions, columns=MENTION_COLUMNS),
        passage_themes=pd.DataFrame(theme_rows, columns=THEME_COLUMNS),
    )


OPENING_QUOTES = {'"', "“", "«", "'"}


def _sentence_spans(doc, text: str) -> list[tuple[int, int]]:
    """The sentencizer's sentences, with a quotation mark that opens the next sentence moved to it:
    a straight quote after "said. " opens a quotation, it does not close the sentence before."""
    spans = [(s.start_char, s.end_char) for s in doc.sents]
    for k in range(len(spans) - 1):
        start, end = spans[k]
        body = text[start:end].rstrip()
        if len(body) >= 2 and body[-1] in OPENING_QUOTES and body[-2].isspace():
            cut = start + len(body) - 1
            spans[k] = (start, cut)
            spans[k + 1] = (cut, spans[k + 1][1])
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
