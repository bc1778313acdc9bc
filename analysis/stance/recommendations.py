"""Sentences that prescribe action, with who should act.

Two forms: a modal prescription ("NATO should take three immediate steps",
"NATO needs low-cost solutions") whose actor is the nearest actor before the
modal, and an enumerated imperative ("First, designate Israel as…") whose actor
is carried over from the prescription that introduced the list. Negated modals
("This does not mean that Israel should join") are kept and marked as advice
*against*; a modal told in the past ("did not have to") is narrative and left out.
"""

from __future__ import annotations

import re

import pandas as pd

RECOMMENDATION_COLUMNS = ["doc_id", "source", "passage_id", "sentence_id", "actor", "kind", "sentence"]
_MODAL = re.compile(r"\b(should|must|ought to|needs to|need to|needs|has to|have to)\b", re.I)
_NEGATED = re.compile(r"\b(not|never|n't)\b[^.]{0,40}\b(should|must|need)", re.I)
_ORDINAL = re.compile(r"^(First|Second|Third|Fourth|Fifth|Finally|Lastly|Next)\s*,\s+([a-z]+)\b")
_IMPERATIVE_VERBS = {
    "designate",
    "establish",
    "integrate",
    "create",
    "expand",
    "build",
    "invite",
    "grant",
    "develop",
    "strengthen",
    "deepen",
    "formalize",
    "formalise",
    "open",
    "launch",
    "set",
    "adopt",
    "upgrade",
    "include",
    "ensure",
    "give",
    "offer",
    "make",
    "invest",
    "support",
}
_DESCRIPTIVE = re.compile(r"\b(the paper|this paper|the study|this study|we)\b", re.I)
# "planners did not have to concern themselves": a modal told in the past is narrative, not advice.
_NARRATIVE = re.compile(r"\b(?:did|didn't|didn’t)\s+(?:not\s+)?$", re.I)


def find_recommendations(sentences: pd.DataFrame, mentions: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    source = dict(zip(documents["doc_id"], documents["source"], strict=True))
    # (end, actor) of each sentence's mentions, in table order: a plain dict, not a frame per sentence.
    by_sentence: dict[str, list[tuple[int, str]]] = {}
    for sid, end, actor in zip(mentions["sentence_id"], mentions["end"], mentions["actor"], strict=True):
        by_sentence.setdefault(sid, []).append((int(end), actor))
    rows = []
    last_actor: dict[str, str] = {}
    for s in sentences.sort_values("sentence_id").itertuples(index=False):
        text = s.text.strip()
        actor, kind = None, None
        modal = _MODAL.search(text)
        ordinal = _ORDINAL.match(text)
        if ordinal and ordinal.group(2).lower() in _IMPERATIVE_VERBS:
            actor, kind = last_actor.get(s.doc_id, ""), "imperative"
        elif modal and not _DESCRIPTIVE.search(text[: modal.start()]) and not _NARRATIVE.search(text[: modal.start()]):
            offset = int(_offset(s))
            before = [(end, a) for end, a in by_sentence.get(s.sentence_id, ()) if end - offset <= modal.start()]
            # The mention ending last before the modal (the later one in the table on a tie).
            actor = sorted(before, key=lambda m: m[0])[-1][1] if before else ""
            kind = "against" if _NEGATED.search(text) else "modal"
            if actor:
                last_actor[s.doc_id] = actor
        if kind:
            rows.append(
                {
                    "doc_id": s.doc_id,
                    "source": source[s.doc_id],
                    "passage_id": s.passage_id,
                    "sentence_id": s.sentence_id,
                    "actor": actor,
                    "kind": kind,
                    "sentence": text,
                }
            )
    return pd.DataFrame(rows, columns=RECOMMENDATION_COLUMNS)


def _offset(sentence) -> int:
    return int(sentence.start)
