"""The stance stage of the build: sentence-level evidence and its aggregates."""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd

from analysis.nlp import blank_pipeline
from analysis.stance.lexicon import StanceLexicon
from analysis.stance.scorer import label_of, score_sentence
from analysis.textnorm import normalise_for_matching


class _Sentence(NamedTuple):
    sentence_id: str
    doc_id: str
    passage_id: str
    text: str


EVIDENCE_COLUMNS = ["doc_id", "passage_id", "sentence_id", "target", "sentence", "score", "label", "cues", "cue_spans"]
STANCE_COLUMNS = [
    "doc_id",
    "source",
    "target",
    "score",
    "n_sentences",
    "n_positive",
    "n_negative",
    "confidence",
    "label",
]
AGGREGATE_THRESHOLD = 0.15


def stance_evidence(
    sentences: pd.DataFrame, mentions: pd.DataFrame, lexicon: StanceLexicon, use_vader: bool = True
) -> pd.DataFrame:
    """One row per (sentence, actor named in it), with its score and the cues behind it."""
    nlp = blank_pipeline()
    by_sentence: dict[str, list[tuple[str, int, int]]] = {}
    for sid, actor, start, end in zip(
        mentions["sentence_id"].tolist(),
        mentions["actor"].tolist(),
        mentions["start"].tolist(),
        mentions["end"].tolist(),
        strict=True,
    ):
        if sid:
            by_sentence.setdefault(sid, []).append((actor, int(start), int(end)))
    chosen = sentences[sentences["sentence_id"].isin(list(by_sentence))]
    records = list(
        zip(
            chosen["sentence_id"].tolist(),
            chosen["doc_id"].tolist(),
            chosen["passage_id"].tolist(),
            chosen["start"].tolist(),
            chosen["text"].tolist(),
            strict=True,
        )
    )
    docs = nlp.tokenizer.pipe([normalise_for_matching(r[4]) for r in records], batch_size=512)
    rows = []
    for (sentence_id, doc_id, passage_id, offset, text), doc in zip(records, docs, strict=True):
        sent = _Sentence(sentence_id, doc_id, passage_id, text)
        spans = [(a, s - int(offset), e - int(offset)) for a, s, e in by_sentence[sentence_id]]
        for stance in sorted(score_sentence(doc, spans, lexicon, use_vader), key=lambda s: s.actor):
            traces = [t for t in stance.traces if t.value]
            rows.append(
                {
                    "doc_id": sent.doc_id,
                    "passage_id": sent.passage_id,
                    "sentence_id": sent.sentence_id,
                    "target": stance.actor,
                    "sentence": sent.text,
                    "score": stance.score,
                    "label": stance.label,
                    "cues": "; ".join(f"{t.phrase} ({t.value:+.2f})" for t in traces),
                    "cue_spans": ";".join(f"{t.start}:{t.end}:{t.value:+.2f}" for t in traces if t.end > t.start),
                }
            )
    return pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)


def aggregate_stance(evidence: pd.DataFrame, documents: pd.DataFrame, by: str = "doc_id") -> pd.DataFrame:
    """Score per (document or source) × target: the mean of its sentence scores.

    ``confidence`` grows with the number of evaluative sentences and with their
    agreement in sign: n_eval / (n_eval + 3) × share of the majority sign.
    """
    ev = evidence.merge(documents[["doc_id", "source"]], on="doc_id")
    keys = ["doc_id", "source"] if by == "doc_id" else ["source"]
    rows = []
    for key, part in ev.groupby(keys + ["target"], sort=True):
        n_pos = int((part["label"] == "positive").sum())
        n_neg = int((part["label"] == "negative").sum())
        n_eval = n_pos + n_neg
        agreement = max(n_pos, n_neg) / n_eval if n_eval else 0.0
        score = float(part["score"].mean())
        row = dict(zip(keys + ["target"], key if isinstance(key, tuple) else (key,), strict=True))
        row.update(
            score=round(score, 4),
            n_sentences=len(part),
            n_positive=n_pos,
            n_negative=n_neg,
            confidence=round(n_eval / (n_eval + 3) * agreement, 3),
            label=label_of(score, AGGREGATE_THRESHOLD),
        )
        rows.append(row)
    columns = STANCE_COLUMNS if by == "doc_id" else [c for c in STANCE_COLUMNS if c != "doc_id"]
    return pd.DataFrame(rows, columns=columns)


def compute_stance(sentences: pd.DataFrame, mentions: pd.DataFrame, documents: pd.DataFrame, config) -> dict:
    """All stance tables of the bundle, keyed by their bundle attribute names."""
    from analysis.stance.propositions import PropositionSet, aggregate_propositions, proposition_evidence
    from analysis.stance.recommendations import find_recommendations

    evidence = stance_evidence(sentences, mentions, StanceLexicon.from_yaml(config.stance_cues))
    props = PropositionSet.from_yaml(config.propositions)
    prop_evidence = proposition_evidence(sentences, mentions, props)
    return {
        "stance": aggregate_stance(evidence, documents),
        "stance_evidence": evidence,
        "propositions": aggregate_propositions(prop_evidence, documents, props),
        "proposition_evidence": prop_evidence,
        "recommendations": find_recommendations(sentences, mentions, documents),
    }
