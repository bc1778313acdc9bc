"""Where the build's sentences lie in the document text.

Gold labels are located by exact text in the document as written; the build
keeps offsets into passages. To join the two on ids, each passage is found in
the document (in reading order) and each sentence gets document offsets. A
passage the loader changed (bullets removed, halves joined across a page break)
is found sentence by sentence instead.
"""

from __future__ import annotations

import pandas as pd


def sentence_spans(passages: pd.DataFrame, sentences: pd.DataFrame, text: str, doc_id: str) -> pd.DataFrame:
    """``sentence_id``, ``doc_start``, ``doc_end`` of one document's sentences in ``text``."""
    parts = passages[passages["doc_id"] == doc_id].sort_values("seq")
    offsets: dict[str, int] = {}
    cursor = 0
    for pid, ptext in zip(parts["passage_id"], parts["text"], strict=True):
        at = text.find(ptext, cursor)
        if at >= 0:
            offsets[pid] = at
            cursor = at + len(ptext)
    rows = []
    sent = sentences[sentences["doc_id"] == doc_id]
    for sid, pid, start, end, stext in zip(
        sent["sentence_id"], sent["passage_id"], sent["start"], sent["end"], sent["text"], strict=True
    ):
        if pid in offsets:
            rows.append((sid, offsets[pid] + int(start), offsets[pid] + int(end)))
        else:
            at = text.find(stext)
            if at >= 0:
                rows.append((sid, at, at + len(stext)))
    return pd.DataFrame(rows, columns=["sentence_id", "doc_start", "doc_end"])


def overlapping(spans: pd.DataFrame, start: int, end: int) -> list[str]:
    """Sentence ids overlapping [start, end), largest overlap first."""
    hits = spans[(spans["doc_start"] < end) & (spans["doc_end"] > start)]
    if hits.empty:
        return []
    overlap = hits["doc_end"].clip(upper=end) - hits["doc_start"].clip(lower=start)
    return hits.assign(_o=overlap).sort_values(["_o", "sentence_id"], ascending=[False, True])["sentence_id"].tolist()
