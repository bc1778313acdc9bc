"""The stance cue lexicon (``stance_cues.yaml``), matched on lemmas.

Cues are grouped by the syntactic role that decides which actor they are about
(see :mod:`analysis.stance.scorer`). Matching lemmas rather than surface forms is
what lets one entry cover "invade", "invaded", "invading"; the noun ("invasion")
is its own entry because it attaches differently. A version-1 file (the flat
``positive``/``negative``/``acts``/``countering``/``support_for`` lists a corpus
folder may still carry) is read into the same shape.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from spacy.tokens import Doc

from analysis.yamlconfig import read_config

ROLES = ("quality", "agent", "object", "framing")


@dataclass(frozen=True)
class Cue:
    """One lexicon entry found in a sentence; ``start``/``end`` are token indices."""

    role: str  # quality | agent | object | framing
    sign: int  # +1 favourable, -1 hostile
    weight: float
    phrase: str
    start: int
    end: int
    group: str = ""  # for objects: attitude (a judgement) | aid | countering

    @property
    def value(self) -> float:
        return self.sign * self.weight


@dataclass
class StanceLexicon:
    """Cue phrases (lemma tuples) by role and polarity, and the word lists the rules need."""

    entries: dict[tuple[str, ...], list[tuple[str, int, float, str]]]
    appeals: set[tuple[str, ...]]
    corrective: set[str]
    speech: set[str]
    light_verbs: set[str]
    copulas: set[str]
    as_verbs: set[str]
    against_heads: set[str]
    relations: set[str]
    relational_nouns: set[str]
    verb_only: set[str]
    coercive_appeals: set[str]
    act_nouns: set[str]
    harm_verbs: set[str]
    protected: set[str]
    negators: set[str]
    hedges: set[str]
    conditionals: set[str]
    # Relationships that are warm by name ("friendship", "alliance"): see analysis/stance/favour.py.
    warm_relations: set[str] = field(default_factory=set)
    # An actor's goods ("Lebanon's sovereignty") and the verbs that uphold them: see favour.py.
    actor_goods: set[str] = field(default_factory=set)
    upholding: set[str] = field(default_factory=set)

    @property
    def max_len(self) -> int:
        return max((len(k) for k in self.entries), default=1)

    @classmethod
    def from_yaml(cls, path: Path) -> StanceLexicon:
        data = read_config(Path(path)) or {}  # validated like every config file (analysis/yamlconfig.py)
        return cls.from_dict(data)

    @classmethod
    def from_dict(cls, data: dict) -> StanceLexicon:
        if int(data.get("version", 1)) < 2:
            data = _upgrade_v1(data)
        entries: dict[tuple[str, ...], list[tuple[str, int, float, str]]] = {}

        def add(table: dict | None, role: str, sign: int, group: str = "") -> None:
            for phrase, weight in (table or {}).items():
                key = _key(phrase)
                entries.setdefault(key, []).append((role, sign, float(1 if weight is None else weight), group))

        qualities = data.get("qualities") or {}
        add(qualities.get("positive"), "quality", +1)
        add(qualities.get("negative"), "quality", -1)
        for group in ("relation", "role"):
            table = data.get(f"{group}_qualities") or {}
            add(table.get("positive"), "quality", +1, group)
            add(table.get("negative"), "quality", -1, group)
        add(data.get("agent_negative"), "agent", -1)
        add(data.get("agent_positive"), "agent", +1)
        for sign, name in ((-1, "object_negative"), (+1, "object_positive")):
            for group, table in (data.get(name) or {}).items():
                add(table, "object", sign, str(group))
        add(data.get("framing"), "framing", -1)

        def words(name: str) -> set[str]:
            return {str(w).lower() for w in data.get(name) or []}

        return cls(
            entries=entries,
            appeals={_key(p) for p in [*(data.get("appeals") or []), *(data.get("coercive_appeals") or [])]},
            corrective=words("corrective"),
            speech=words("speech"),
            light_verbs=words("light_verbs"),
            copulas=words("copulas"),
            as_verbs=words("as_verbs"),
            against_heads=words("against_heads"),
            relations=words("relations"),
            relational_nouns=words("relational_nouns"),
            verb_only=words("verb_only"),
            coercive_appeals=words("coercive_appeals"),
            act_nouns=words("act_nouns"),
            harm_verbs=words("harm_verbs"),
            protected=words("protected"),
            negators=words("negators"),
            hedges=words("hedges"),
            conditionals=words("conditionals"),
            warm_relations=words("warm_relations"),
            actor_goods=words("actor_goods"),
            upholding=words("upholding"),
        )

    def find(self, doc: Doc) -> list[Cue]:
        """Every cue in the parsed sentence; at one position the longest phrase wins."""
        lemmas = [_lemma(t) for t in doc]
        lowers = [t.lower_ for t in doc]
        longest = self.max_len
        cues: list[Cue] = []
        i = 0
        while i < len(doc):
            matched = 0
            for n in range(min(longest, len(doc) - i), 0, -1):
                for seq in (tuple(lemmas[i : i + n]), tuple(lowers[i : i + n])):
                    if seq in self.entries:
                        for role, sign, weight, group in self.entries[seq]:
                            cues.append(Cue(role, sign, weight, " ".join(seq), i, i + n, group))
                        matched = n
                        break
                if matched:
                    break
            i += max(matched, 1) if matched > 1 else 1
        for tok in doc:
            for child in tok.children:
                if child.dep_ not in ("prep", "prt") or child.i == tok.i + 1:
                    continue
                key = (_lemma(tok), child.lower_)
                for role, sign, weight, group in self.entries.get(key, ()):
                    cues.append(Cue(role, sign, weight, " ".join(key), tok.i, tok.i + 1, group))
        return cues

    @cached_property
    def _appeals_by_first(self) -> dict[str, list[tuple[str, ...]]]:
        """Appeal phrases by their first lemma, longest first (then alphabetical): the order they are tried."""
        index: dict[str, list[tuple[str, ...]]] = {}
        for key in sorted(self.appeals, key=lambda k: (-len(k), k)):
            if key:
                index.setdefault(key[0], []).append(key)
        return index

    def is_appeal(self, doc: Doc, i: int) -> int:
        """Length of the longest appeal phrase starting at token ``i`` ("calls on" → 2), else 0."""
        keys = self._appeals_by_first.get(_lemma(doc[i]))
        if not keys:
            return 0
        for key in keys:
            n = len(key)
            if tuple(_lemma(t) for t in doc[i : i + n]) == key:
                return n
        return 0


def _lemma(token) -> str:
    lemma = token.lemma_.lower()
    return lemma if lemma and lemma != "-pron-" else token.lower_


def _key(phrase: str) -> tuple[str, ...]:
    """A phrase as the tokenizer splits it ("so-called" → so, -, called), lower-cased."""
    from analysis.nlp import blank_pipeline

    return tuple(t.lower_ for t in blank_pipeline().make_doc(str(phrase).strip()))


def _upgrade_v1(data: dict) -> dict:
    """Version-1 lists (``- {cue: …, weight: …}``) in the version-2 shape; meanings carried over
    as closely as the old, role-less format allows."""

    def table(name: str) -> dict[str, float]:
        return {str(item["cue"]).lower(): float(item.get("weight", 1.0)) for item in data.get(name) or []}

    return {
        "version": 2,
        "qualities": {"positive": table("positive"), "negative": table("negative")},
        "agent_negative": table("acts"),
        "object_negative": {"countering": table("countering")},
        "object_positive": {"aid": table("support_for")},
        **{k: data[k] for k in ("negators", "hedges") if k in data},
    }
