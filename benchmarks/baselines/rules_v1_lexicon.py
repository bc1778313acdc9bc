"""The stance cue lexicon (``stance_cues.yaml``), matched with spaCy's PhraseMatcher."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from analysis.nlp import blank_pipeline

KINDS = ("positive", "negative", "acts", "countering", "support_for")


@dataclass(frozen=True)
class CueHit:
    kind: str
    phrase: str
    weight: float
    start: int  # token index
    end: int


class StanceLexicon:
    """Cue phrases by kind plus the small word lists the rules need."""

    def __init__(
        self, cues: dict[str, dict[str, float]], negators: set[str], hedges: set[str], contrast: set[str]
    ) -> None:
        nlp = blank_pipeline()
        self.cues = cues
        self.negators, self.hedges, self.contrast = negators, hedges, contrast
        self._matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for kind in KINDS:
            for phrase in sorted(cues.get(kind, {})):
                self._matcher.add(f"{kind}|{phrase}", [nlp.make_doc(phrase)])

    @classmethod
    def from_yaml(cls, path: Path) -> StanceLexicon:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        cues = {
            kind: {str(item["cue"]).lower(): float(item.get("weight", 1.0)) for item in data.get(kind) or []}
            for kind in KINDS
        }
        words = {key: {str(w).lower() for w in data.get(key) or []} for key in ("negators", "hedges", "contrast")}
        return cls(cues, words["negators"], words["hedges"], words["contrast"])

    def find(self, doc: Doc) -> list[CueHit]:
        """Cue matches; where matches of one kind overlap, the longest wins."""
        hits = []
        for match_id, start, end in self._matcher(doc):
            kind, phrase = doc.vocab.strings[match_id].split("|", 1)
            hits.append(CueHit(kind, phrase, self.cues[kind][phrase], start, end))
        hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
        kept: list[CueHit] = []
        for hit in hits:
            if any(k.kind == hit.kind and k.start <= hit.start and hit.end <= k.end for k in kept):
                continue
            kept.append(hit)
        return kept
