"""The stance stage of the build: sentence-level evidence by voice, and its aggregates.

Only sentences that name an actor are parsed (the parser is the costly part of the
build). The author's voice and the voices the text quotes are kept apart all the
way: the aggregates that colour the Stance page are the author's; what quoted
speakers say is aggregated separately (``stance_voices``).
"""

from __future__ import annotations

from functools import partial

import numpy as np
import pandas as pd

from analysis.frames import isin
from analysis.gazetteer import Gazetteer
from analysis.nlp import blank_pipeline
from analysis.parses import ParsePlan
from analysis.stance.lexicon import StanceLexicon
from analysis.stance.parser import load_parser
from analysis.stance.scorer import AUTHOR, SentenceContext, TargetStance, label_of, score_sentence
from analysis.stance.triggers import Triggers
from analysis.textnorm import normalise_for_matching

EVIDENCE_COLUMNS = [
    "doc_id",
    "passage_id",
    "sentence_id",
    "target",
    "voice",
    "sentence",
    "score",
    "label",
    "cues",
    "cue_spans",
]
STANCE_COLUMNS = [
    "doc_id",
    "source",
    "target",
    "score",
    "n_sentences",
    "n_evaluative",
    "n_positive",
    "n_negative",
    "confidence",
    "label",
    "thin",
]
VOICE_COLUMNS = ["doc_id", "source", "voice", "target", "score", "n_sentences", "n_positive", "n_negative", "label"]
# A cell takes a colour only from this many evaluative sentences; below, it says "too little evidence".
MIN_EVALUATIVE = 3
# A (document or source) × actor cell is signed when its shrunk mean clears this. Checked by 10-fold
# cross-validation by document on the development part, nested, 10 repeats, thresholds 0.05-0.35 on
# the same shrunk mean: on document sign agreement alone 0.25 is picked (held out 0.841, vs 0.838 at
# 0.1), but it loses clearly favourable/hostile portrayals (0.862 -> 0.828); on the mean of the two,
# 0.1 is picked in 90 of 100 folds (held out: sign 0.836, clear 0.838). So one cue of moderate weight
# still signs a document; the page shows such a cell as thin (``MIN_EVALUATIVE``), not hidden.
AGGREGATE_THRESHOLD = 0.1


def own_actors(documents: pd.DataFrame, gazetteer: Gazetteer) -> dict[str, frozenset[str]]:
    """The actors each document speaks for, read from its source name ("NATO", "The White House")."""
    nlp = blank_pipeline()
    out = {}
    for doc_id, source in zip(documents["doc_id"], documents["source"], strict=True):
        text = str(source or "")
        found = gazetteer.find(nlp.make_doc(normalise_for_matching(text)), text) if text else []
        out[doc_id] = frozenset(m.actor for m in found)
    return out


def stance_evidence(
    sentences: pd.DataFrame,
    mentions: pd.DataFrame,
    lexicon: StanceLexicon,
    documents: pd.DataFrame | None = None,
    gazetteer: Gazetteer | None = None,
) -> pd.DataFrame:
    """One row per (sentence, actor named in it, voice): the author's always, a quoted voice's
    when its clause names the actor or says something of it."""
    scoring = StanceScoring(sentences, mentions, lexicon, documents, gazetteer)
    plan = ParsePlan()
    scoring.plan(plan)
    plan.run(load_parser())
    return scoring.evidence()


class StanceScoring:
    """Stance evidence of a set of sentences, around the build's shared parse.

    Each distinct (sentence, mentions, document context) is scored once: wire copy and
    syndicated news repeat sentences verbatim, and a sentence without any cue word is
    answered without the parser (it can only be neutral in the author's voice). The
    sentences that need a parse join the build's one batch (:class:`analysis.parses.ParsePlan`).
    """

    def __init__(
        self,
        sentences: pd.DataFrame,
        mentions: pd.DataFrame,
        lexicon: StanceLexicon,
        documents: pd.DataFrame | None = None,
        gazetteer: Gazetteer | None = None,
    ) -> None:
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
        chosen = sentences[isin(sentences["sentence_id"], by_sentence)]
        contexts = _contexts(documents, gazetteer)
        self.records = list(
            zip(
                chosen["sentence_id"].tolist(),
                chosen["doc_id"].tolist(),
                chosen["passage_id"].tolist(),
                chosen["start"].tolist(),
                chosen["text"].tolist(),
                strict=True,
            )
        )
        self.keys = []
        for sentence_id, doc_id, _, offset, text in self.records:
            spans = tuple((a, s - int(offset), e - int(offset)) for a, s, e in by_sentence[sentence_id])
            self.keys.append((text, spans, contexts.get(doc_id, SentenceContext())))
        self.lexicon = lexicon
        self.scored: dict[tuple, list[TargetStance]] = {}

    def plan(self, plan: ParsePlan) -> None:
        """Ask for the parse of every distinct sentence that holds a cue word and was not scored
        before in this process with this lexicon (a result depends on nothing else)."""
        triggers = _triggers(self.lexicon)
        memo = _memo(self.lexicon)
        for key in dict.fromkeys(k for k in self.keys if triggers.fire(k[0])):
            if key in memo:
                self.scored[key] = memo[key]
            else:
                plan.add(key[0], partial(self._score, key))

    def _score(self, key: tuple, doc) -> None:
        self.scored[key] = _memo(self.lexicon)[key] = score_sentence(doc, list(key[1]), self.lexicon, key[2])

    def evidence(self) -> pd.DataFrame:
        rows = []
        for (sentence_id, doc_id, passage_id, _, text), key in zip(self.records, self.keys, strict=True):
            results = self.scored.get(key)
            if results is None:
                results = [TargetStance(actor, 0.0) for actor in sorted({a for a, _, _ in key[1]})]
            for stance in results:
                traces = [t for t in stance.traces if t.value]
                rows.append(
                    {
                        "doc_id": doc_id,
                        "passage_id": passage_id,
                        "sentence_id": sentence_id,
                        "target": stance.actor,
                        "voice": stance.voice,
                        "sentence": text,
                        "score": stance.score,
                        "label": stance.label,
                        "cues": "; ".join(f"{t.phrase} ({t.kind} {t.value:+.2f})" for t in traces),
                        "cue_spans": ";".join(f"{t.start}:{t.end}:{t.value:+.2f}" for t in traces if t.end > t.start),
                    }
                )
        frame = pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)
        return frame.sort_values(["sentence_id", "target", "voice"], kind="stable").reset_index(drop=True)


# Scored sentences kept for the next batch of documents (news repeats sentences across documents),
# per lexicon; cleared when it grows past this many sentences.
MEMO_SENTENCES = 200_000


def _memo(lexicon: StanceLexicon) -> dict[tuple, list[TargetStance]]:
    memo = lexicon.__dict__.setdefault("_scored_memo", {})
    if len(memo) > MEMO_SENTENCES:
        memo.clear()
    return memo


def _triggers(lexicon: StanceLexicon) -> Triggers:
    """The lexicon's trigger words, made once per lexicon (they need the parser's lemma tables)."""
    if "_triggers" not in lexicon.__dict__:
        lexicon.__dict__["_triggers"] = Triggers.for_parser(lexicon, load_parser())
    return lexicon.__dict__["_triggers"]


def _contexts(documents: pd.DataFrame | None, gazetteer: Gazetteer | None) -> dict[str, SentenceContext]:
    if documents is None or gazetteer is None:
        return {}
    own = own_actors(documents, gazetteer)
    kinds = dict(zip(documents["doc_id"], documents.get("kind", pd.Series([""] * len(documents))), strict=True))
    return {d: SentenceContext(own.get(d, frozenset()), str(kinds.get(d) or "")) for d in documents["doc_id"]}


def author_evidence(evidence: pd.DataFrame) -> pd.DataFrame:
    """The rows in the author's own voice: what colours the Stance page."""
    if "voice" not in evidence.columns:
        return evidence
    return evidence[evidence["voice"] == AUTHOR]


def _groups(frame: pd.DataFrame, keys: list[str]) -> list[tuple[tuple, np.ndarray]]:
    """(key, row positions) of each group of ``frame`` by ``keys``, in key order, rows in frame order.

    The positions index plain arrays: no sub-frame is built per group, which is what made the
    aggregates slow on tens of thousands of cells.
    """
    if frame.empty:
        return []
    indices = frame.groupby(keys, sort=False).indices
    out = [((k,) if not isinstance(k, tuple) else k, v) for k, v in indices.items()]
    return sorted(out, key=lambda kv: kv[0])


def aggregate_stance(evidence: pd.DataFrame, documents: pd.DataFrame, by: str = "doc_id") -> pd.DataFrame:
    """Author's stance per (document or source) × target.

    ``score`` is the mean of the evaluative sentences' scores, shrunk towards 0 by one neutral
    pseudo-sentence so a single cue does not read as a strong portrayal; ``label`` follows its
    sign once it clears ``AGGREGATE_THRESHOLD``. ``thin`` marks cells with fewer than ``MIN_EVALUATIVE``
    evaluative sentences: the page shows them as "too little evidence" rather than in colour.
    ``confidence`` grows with the evaluative count and with the agreement of their signs:
    n_eval / (n_eval + 3) × majority share.
    """
    ev = author_evidence(evidence).merge(documents[["doc_id", "source"]], on="doc_id")
    keys = ["doc_id", "source"] if by == "doc_id" else ["source"]
    columns = STANCE_COLUMNS if by == "doc_id" else [c for c in STANCE_COLUMNS if c != "doc_id"]
    scores = ev["score"].to_numpy(dtype=float)
    labels = ev["label"].to_numpy(dtype=object)
    sentence_ids = ev["sentence_id"].to_numpy(dtype=object)
    rows = []
    for key, idx in _groups(ev, keys + ["target"]):
        label = labels[idx]
        n_pos = int((label == "positive").sum())
        n_neg = int((label == "negative").sum())
        n_eval = n_pos + n_neg
        evaluative = scores[idx][label != "neutral"]
        score = float(evaluative.sum() / (n_eval + 1)) if n_eval else 0.0
        agreement = max(n_pos, n_neg) / n_eval if n_eval else 0.0
        row = dict(zip(keys + ["target"], key, strict=True))
        row.update(
            score=round(score, 4),
            n_sentences=len(set(sentence_ids[idx])),
            n_evaluative=n_eval,
            n_positive=n_pos,
            n_negative=n_neg,
            confidence=round(n_eval / (n_eval + 3) * agreement, 3),
            label=label_of(score, AGGREGATE_THRESHOLD),
            thin=n_eval < MIN_EVALUATIVE,
        )
        rows.append(row)
    return pd.DataFrame(rows, columns=columns)


def aggregate_voices(evidence: pd.DataFrame, documents: pd.DataFrame, by: str = "doc_id") -> pd.DataFrame:
    """What quoted voices say of each actor, per document (``by="doc_id"``) or over the documents
    in view (``by="voice"``): kept apart from the author's stance."""
    quoted = evidence[evidence["voice"] != AUTHOR] if "voice" in evidence.columns else evidence.iloc[0:0]
    ev = quoted.merge(documents[["doc_id", "source"]], on="doc_id")
    keys = ["doc_id", "source", "voice", "target"] if by == "doc_id" else ["voice", "target"]
    columns = VOICE_COLUMNS if by == "doc_id" else [c for c in VOICE_COLUMNS if c not in ("doc_id", "source")]
    scores = ev["score"].to_numpy(dtype=float)
    labels = ev["label"].to_numpy(dtype=object)
    sentence_ids = ev["sentence_id"].to_numpy(dtype=object)
    rows = []
    for key, idx in _groups(ev, keys):
        label = labels[idx]
        n_pos = int((label == "positive").sum())
        n_neg = int((label == "negative").sum())
        evaluative = scores[idx][label != "neutral"]
        score = float(evaluative.sum() / (len(evaluative) + 1)) if len(evaluative) else 0.0
        row = dict(zip(keys, key, strict=True))
        row.update(
            score=round(score, 4),
            n_sentences=len(set(sentence_ids[idx])),
            n_positive=n_pos,
            n_negative=n_neg,
            label=label_of(score, AGGREGATE_THRESHOLD),
        )
        rows.append(row)
    return pd.DataFrame(rows, columns=columns)


class StanceStage:
    """The per-document stance tables (evidence, proposition evidence, recommendations) of a set of
    documents; the parse it needs joins the build's shared :class:`ParsePlan`."""

    def __init__(
        self,
        sentences: pd.DataFrame,
        mentions: pd.DataFrame,
        documents: pd.DataFrame,
        lexicon: StanceLexicon,
        gazetteer: Gazetteer,
        propositions,
    ) -> None:
        self.sentences, self.mentions, self.documents = sentences, mentions, documents
        self.scoring = StanceScoring(sentences, mentions, lexicon, documents, gazetteer)
        self.propositions = propositions

    @classmethod
    def from_config(cls, sentences: pd.DataFrame, mentions: pd.DataFrame, documents: pd.DataFrame, config):
        from analysis.stance.propositions import PropositionSet

        return cls(
            sentences,
            mentions,
            documents,
            StanceLexicon.from_yaml(config.stance_cues),
            Gazetteer.from_yaml(config.actors),
            PropositionSet.from_yaml(config.propositions),
        )

    def plan(self, plan: ParsePlan) -> None:
        self.scoring.plan(plan)

    def tables(self) -> dict[str, pd.DataFrame]:
        from analysis.stance.propositions import proposition_evidence
        from analysis.stance.recommendations import find_recommendations

        return {
            "stance_evidence": self.scoring.evidence(),
            "proposition_evidence": proposition_evidence(self.sentences, self.mentions, self.propositions),
            "recommendations": find_recommendations(self.sentences, self.mentions, self.documents),
        }


def stance_aggregates(tables: dict[str, pd.DataFrame], documents: pd.DataFrame, config) -> dict[str, pd.DataFrame]:
    """The corpus-level stance tables, from the per-document ones (:meth:`StanceStage.tables`)."""
    from analysis.stance.propositions import PropositionSet, aggregate_propositions

    evidence = tables["stance_evidence"]
    props = PropositionSet.from_yaml(config.propositions)
    return {
        "stance": aggregate_stance(evidence, documents),
        "stance_voices": aggregate_voices(evidence, documents),
        "propositions": aggregate_propositions(tables["proposition_evidence"], documents, props),
    }


def compute_stance(sentences: pd.DataFrame, mentions: pd.DataFrame, documents: pd.DataFrame, config) -> dict:
    """All stance tables of the bundle, keyed by their bundle attribute names."""
    stage = StanceStage.from_config(sentences, mentions, documents, config)
    plan = ParsePlan()
    stage.plan(plan)
    plan.run(load_parser())
    tables = stage.tables()
    aggregates = stance_aggregates(tables, documents, config)
    return {
        "stance": aggregates["stance"],
        "stance_evidence": tables["stance_evidence"],
        "stance_voices": aggregates["stance_voices"],
        "propositions": aggregates["propositions"],
        "proposition_evidence": tables["proposition_evidence"],
        "recommendations": tables["recommendations"],
    }
