"""Tag body passages with themes from an editable taxonomy of cue phrases.

A theme is explained by the cues that matched, which are kept with the passage:
an analyst who disagrees with a tag can see why it was given and edit the YAML.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from analysis.nlp import blank_pipeline
from analysis.yamlconfig import read_config


@dataclass(frozen=True)
class Theme:
    id: str
    label: str
    cues: tuple[str, ...]
    min_hits: int = 1


@dataclass(frozen=True)
class ThemeHit:
    theme: str
    cues: tuple[str, ...]
    n_hits: int


class Taxonomy:
    """Themes and a case-insensitive matcher over their cues."""

    def __init__(self, themes: list[Theme]) -> None:
        self.themes = themes
        nlp = blank_pipeline()
        self._matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for theme in themes:
            self._matcher.add(theme.id, [nlp.make_doc(c) for c in sorted(set(theme.cues))])
        self.labels = {t.id: t.label for t in themes}

    @classmethod
    def from_yaml(cls, path: Path) -> Taxonomy:
        data = read_config(Path(path))  # validated: ids present, min_hits whole (analysis/yamlconfig.py)
        themes = [
            Theme(
                id=str(item["id"]),
                label=str(item.get("label") or item["id"]),
                cues=tuple(str(c) for c in item.get("cues") or ()),
                min_hits=int(item.get("min_hits", 1)),
            )
            for item in data.get("themes", [])
        ]
        return cls(themes)

    def tag(self, doc: Doc) -> list[ThemeHit]:
        """Themes of one passage, in taxonomy order, with the cues that matched."""
        found: dict[str, list[str]] = {}
        for match_id, start, end in self._matcher(doc):
            found.setdefault(doc.vocab.strings[match_id], []).append(doc[start:end].text.lower())
        hits = []
        for theme in self.themes:
            cues = found.get(theme.id, [])
            if len(cues) >= theme.min_hits:
                hits.append(ThemeHit(theme.id, tuple(sorted(set(cues))), len(cues)))
        return hits
