"""Find actors (states, organisations, armed groups, people) in text.

Driven by an editable YAML gazetteer, matched with spaCy's ``PhraseMatcher`` on
whole tokens. Longer phrases listed under ``exclude`` ("Washington Treaty")
compete with the aliases they contain and, being longer, win, so they silence
the alias without any special case in code.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.util import filter_spans

from analysis.nlp import blank_pipeline
from analysis.yamlconfig import read_config

_EXCLUDED = "__excluded__"


@dataclass(frozen=True)
class Actor:
    name: str
    type: str
    aliases: tuple[str, ...]
    exclude: tuple[str, ...] = ()


@dataclass(frozen=True)
class Mention:
    actor: str
    surface: str
    start: int
    end: int


class Gazetteer:
    """Actors and the matcher built from their aliases."""

    def __init__(self, actors: list[Actor]) -> None:
        self.actors = actors
        nlp = blank_pipeline()
        self._matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        excluded = []
        for actor in actors:
            names = sorted({actor.name, *actor.aliases})
            self._matcher.add(actor.name, [nlp.make_doc(n) for n in names])
            excluded.extend(actor.exclude)
        if excluded:
            self._matcher.add(_EXCLUDED, [nlp.make_doc(n) for n in sorted(set(excluded))])
        self.types = {a.name: a.type for a in actors}

    @classmethod
    def from_yaml(cls, path: Path) -> Gazetteer:
        data = read_config(Path(path))  # validated: every actor has a name (analysis/yamlconfig.py)
        actors = [
            Actor(
                name=str(item["name"]),
                type=str(item.get("type", "")),
                aliases=tuple(str(a) for a in item.get("aliases") or ()),
                exclude=tuple(str(e) for e in item.get("exclude") or ()),
            )
            for item in data.get("actors", [])
        ]
        return cls(actors)

    def find(self, doc: Doc, text: str) -> list[Mention]:
        """Mentions in a tokenised text; offsets index the original ``text``."""
        spans = self._matcher(doc, as_spans=True)
        mentions = []
        for span in filter_spans(spans):
            label = span.label_
            if label != _EXCLUDED:
                mentions.append(Mention(label, text[span.start_char : span.end_char], span.start_char, span.end_char))
        return mentions
