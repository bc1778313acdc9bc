"""Where each source stands on analyst-defined propositions.

A sentence bears on a proposition when it holds one of its cue phrases and names
all its actors. Its position is the balance of advocacy cues in it: support
("should", "must", "useful") against opposition ("does not mean", "risk",
"entrapment"); a negation within six tokens before a support cue turns it into
opposition. A source *supports* or *opposes* when its sentences lean one way
(at least three to one), is *mixed* when they do not, and *silent* when none of
its sentences bears on the proposition with advocacy language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from spacy.matcher import PhraseMatcher

from analysis.nlp import blank_pipeline
from analysis.textnorm import normalise_for_matching
from analysis.yamlconfig import read_config

_REPORTED = re.compile(
    r"^(?:[^:]{0,60}:\s*)?(?:proponents|critics|advocates|opponents|supporters|some argue|others)\b", re.IGNORECASE
)
PROPOSITION_COLUMNS = ["doc_id", "source", "proposition", "position", "score", "n_sentences", "n_support", "n_oppose"]
PROPOSITION_EVIDENCE_COLUMNS = ["doc_id", "passage_id", "sentence_id", "proposition", "sentence", "score", "cues"]


@dataclass(frozen=True)
class Proposition:
    id: str
    label: str
    cues: tuple[str, ...]
    actors: tuple[str, ...]


class PropositionSet:
    def __init__(
        self, propositions: list[Proposition], support: list[str], oppose: list[str], negators: list[str]
    ) -> None:
        nlp = blank_pipeline()
        self.propositions = propositions
        self.negators = {n.lower() for n in negators}
        # A cheap first look: only sentences holding a cue's first word are tokenised.
        firsts = sorted({c.split()[0].lower() for p in propositions for c in p.cues}, key=len, reverse=True)
        self._quick = re.compile(r"\b(?:" + "|".join(map(re.escape, firsts)) + r")", re.IGNORECASE)
        self._topic = PhraseMatcher(nlp.vocab, attr="LOWER")
        for p in propositions:
            self._topic.add(p.id, [nlp.make_doc(c) for c in p.cues])
        self._advocacy = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._advocacy.add("support", [nlp.make_doc(c) for c in support])
        self._advocacy.add("oppose", [nlp.make_doc(c) for c in oppose])

    @classmethod
    def from_yaml(cls, path: Path) -> PropositionSet:
        data = read_config(Path(path)) or {}  # validated like every config file (analysis/yamlconfig.py)
        props = [
            Proposition(
                str(p["id"]),
                str(p.get("label") or p["id"]),
                tuple(map(str, p.get("cues") or ())),
                tuple(map(str, p.get("actors") or ())),
            )
            for p in data.get("propositions", [])
        ]
        return cls(
            props,
            list(map(str, data.get("support") or [])),
            list(map(str, data.get("oppose") or [])),
            list(map(str, data.get("negators") or [])),
        )

    def topics_of(self, text: str) -> set[str]:
        if not self._quick.search(text):
            return set()
        doc = blank_pipeline().make_doc(normalise_for_matching(text))
        return {doc.vocab.strings[m] for m, _, _ in self._topic(doc)}

    def sentence_positions(
        self, text: str, actors: set[str], carried: frozenset[str] = frozenset(), topics: set[str] | None = None
    ) -> list[tuple[str, float, list[str]]]:
        """(proposition label, score in [-1, 1], cues) for each proposition the sentence bears on.

        ``carried`` are propositions the previous sentence of the passage raised: "The
        security-focused view emphasizes the risk…" still speaks of the Palestinian state
        named just before. Advocacy reported from others ("Proponents … push for") is
        not the source's own and is left out.
        """
        own = self.topics_of(text) if topics is None else topics
        topics = own | set(carried)
        if not topics or _REPORTED.match(text):
            return []
        doc = blank_pipeline().make_doc(normalise_for_matching(text))
        support, oppose, cues = 0, 0, []
        spans = sorted(((doc.vocab.strings[m], s, e) for m, s, e in self._advocacy(doc)), key=lambda x: (x[1], -x[2]))
        covered = -1
        for kind, start, end in spans:
            if start < covered:
                continue
            covered = end
            negated = any(t.lower_ in self.negators for t in doc[max(0, start - 6) : start])
            if kind == "support" and not negated:
                support += 1
                cues.append(f"{doc[start:end].text} (+)")
            else:
                oppose += 1
                cues.append(f"{'not … ' if kind == 'support' else ''}{doc[start:end].text} (−)")
        if not support and not oppose:
            return []
        score = (support - oppose) / (support + oppose)
        return [(p.label, score, cues) for p in self.propositions if p.id in topics and set(p.actors) <= actors]


def proposition_evidence(sentences: pd.DataFrame, mentions: pd.DataFrame, props: PropositionSet) -> pd.DataFrame:
    actors = mentions.groupby("sentence_id")["actor"].agg(set).to_dict()
    rows = []
    previous: tuple[str, frozenset[str]] = ("", frozenset())
    for s in sentences.sort_values("sentence_id").itertuples(index=False):
        carried = previous[1] if previous[0] == s.passage_id else frozenset()
        own = props.topics_of(s.text)
        previous = (s.passage_id, frozenset(own))
        for label, score, cues in props.sentence_positions(s.text, actors.get(s.sentence_id, set()), carried, own):
            rows.append(
                {
                    "doc_id": s.doc_id,
                    "passage_id": s.passage_id,
                    "sentence_id": s.sentence_id,
                    "proposition": label,
                    "sentence": s.text,
                    "score": round(score, 3),
                    "cues": "; ".join(cues),
                }
            )
    return pd.DataFrame(rows, columns=PROPOSITION_EVIDENCE_COLUMNS)


def position_of(n_support: int, n_oppose: int, n_sentences: int | None = None) -> str:
    if n_support == 0 and n_oppose == 0:
        return "mixed" if n_sentences else "silent"
    if n_support >= 3 * n_oppose and n_support > 0:
        return "supports"
    if n_oppose >= 3 * n_support and n_oppose > 0:
        return "opposes"
    return "mixed"


def aggregate_propositions(
    evidence: pd.DataFrame, documents: pd.DataFrame, props: PropositionSet, by: str = "doc_id"
) -> pd.DataFrame:
    """Every (document or source) × proposition, silent ones included."""
    keys = ["doc_id", "source"] if by == "doc_id" else ["source"]
    units = documents[keys].drop_duplicates().sort_values(keys)
    ev = evidence.merge(documents[["doc_id", "source"]], on="doc_id")
    stats = {
        key: (int((part["score"] > 0).sum()), int((part["score"] < 0).sum()), len(part), float(part["score"].mean()))
        for key, part in ev.groupby(keys + ["proposition"], sort=False)
    }
    rows = []
    for unit in units.itertuples(index=False):
        for p in props.propositions:
            n_sup, n_opp, n, mean = stats.get((*unit, p.label), (0, 0, 0, 0.0))
            rows.append(
                {
                    **dict(zip(keys, unit, strict=True)),
                    "proposition": p.label,
                    "position": position_of(n_sup, n_opp, n),
                    "score": round(mean, 3) if n else 0.0,
                    "n_sentences": n,
                    "n_support": n_sup,
                    "n_oppose": n_opp,
                }
            )
    columns = PROPOSITION_COLUMNS if by == "doc_id" else [c for c in PROPOSITION_COLUMNS if c != "doc_id"]
    return pd.DataFrame(rows, columns=columns)
