"""Tag body passages with themes from an editable taxonomy of cue phrases.

A theme is explained by the cues that matched, which are kept with the passage:
an analyst who disagrees with a tag can see why it was given and edit the YAML.

Some cues mean the theme only in the right company. "Human rights" belongs to "Israel's
international standing" in a passage about Israel, and to nothing of the kind in a BBC
story about a Chinese dissident; "Rafael" is an Israeli arms maker in one passage and a
tennis player in the next. Such cues are listed under a theme's ``context_cues``: they
count only when the same passage also names one of the theme's ``context.actors`` (as
the gazetteer finds them), holds one of its ``context.cues``, or holds one of the theme's
own stand-alone ``cues``. The file format, with an example for another region, is in
docs/data.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from analysis.nlp import blank_pipeline
from analysis.problems import Problem
from analysis.yamlconfig import ConfigError, read_config

_CONTEXT = "::context"  # matcher keys of context-only cues and of context phrases
_NEEDS = "::needs"


@dataclass(frozen=True)
class Theme:
    id: str
    label: str
    cues: tuple[str, ...]
    min_hits: int = 1
    context_cues: tuple[str, ...] = ()  # count only in context
    context_actors: tuple[str, ...] = ()  # what makes the context: an actor named in the passage …
    context_phrases: tuple[str, ...] = ()  # … or one of these phrases (or a stand-alone cue of the theme)


@dataclass(frozen=True)
class ThemeHit:
    theme: str
    cues: tuple[str, ...]
    n_hits: int


class Taxonomy:
    """Themes and case-insensitive matchers over their cues and context phrases."""

    def __init__(self, themes: list[Theme]) -> None:
        self.themes = themes
        nlp = blank_pipeline()
        self._matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for theme in themes:
            if theme.cues:
                self._matcher.add(theme.id, [nlp.make_doc(c) for c in sorted(set(theme.cues))])
            if theme.context_cues:
                self._matcher.add(theme.id + _NEEDS, [nlp.make_doc(c) for c in sorted(set(theme.context_cues))])
            if theme.context_phrases:
                self._matcher.add(theme.id + _CONTEXT, [nlp.make_doc(c) for c in sorted(set(theme.context_phrases))])
        self.labels = {t.id: t.label for t in themes}

    @classmethod
    def from_yaml(cls, path: Path) -> Taxonomy:
        data = read_config(Path(path))  # validated: ids present, min_hits whole (analysis/yamlconfig.py)
        themes = []
        for item in data.get("themes", []):
            context = item.get("context") or {}
            themes.append(
                Theme(
                    id=str(item["id"]),
                    label=str(item.get("label") or item["id"]),
                    cues=tuple(str(c) for c in item.get("cues") or ()),
                    min_hits=int(item.get("min_hits", 1)),
                    context_cues=tuple(str(c) for c in item.get("context_cues") or ()),
                    context_actors=tuple(str(a) for a in context.get("actors") or ()),
                    context_phrases=tuple(str(c) for c in context.get("cues") or ()),
                )
            )
        return cls(themes)

    def unknown_actors(self, known: Iterable[str]) -> dict[str, list[str]]:
        """Context actors the gazetteer does not list, by theme: such a context can never be met."""
        names = set(known)
        out = {}
        for theme in self.themes:
            missing = [a for a in theme.context_actors if a not in names]
            if missing:
                out[theme.label] = missing
        return out

    def tag(self, doc: Doc, actors: Iterable[str] = ()) -> list[ThemeHit]:
        """Themes of one passage, in taxonomy order, with the cues that matched.

        ``actors`` are the canonical names of the actors the passage mentions: a context-only cue
        counts when one of its theme's context actors is among them."""
        found: dict[str, list[str]] = {}
        for match_id, start, end in self._matcher(doc):
            found.setdefault(doc.vocab.strings[match_id], []).append(doc[start:end].text.lower())
        named = set(actors)
        hits = []
        for theme in self.themes:
            cues = list(found.get(theme.id, []))
            waiting = found.get(theme.id + _NEEDS, [])
            if waiting and (cues or found.get(theme.id + _CONTEXT) or named.intersection(theme.context_actors)):
                cues += waiting
            if len(cues) >= theme.min_hits:
                hits.append(ThemeHit(theme.id, tuple(sorted(set(cues))), len(cues)))
        return hits


def actor_names(actors: Path) -> set[str]:
    """Every name and alias of ``actors.yaml`` (empty when it cannot be read)."""
    try:
        items = read_config(Path(actors)).get("actors", [])
    except (ConfigError, OSError):
        return set()
    return {str(n) for a in items for n in [a["name"], *(a.get("aliases") or ())]}


def context_problems(themes: Path, actors: Path) -> list[Problem]:
    """A context actor that ``actors.yaml`` does not list can never be named: its cues would never count."""
    try:
        taxonomy = Taxonomy.from_yaml(themes)
        known = [str(a["name"]) for a in read_config(Path(actors)).get("actors", [])]
    except (ConfigError, OSError):
        return []  # the file's own problems are reported where it is read
    return [
        Problem("themes.yaml", f"theme {label!r} takes its context from {', '.join(map(repr, missing))}, which "
                f"actors.yaml does not list; its context cues count only beside its other cues", "warning")
        for label, missing in taxonomy.unknown_actors(known).items()
    ]  # fmt: skip


# --- how well the taxonomy fits a corpus ----------------------------------------------------------

GENERIC_SHARE = 0.5  # a theme owes at least this share of its passages to one cue alone …
GENERIC_MIN_PASSAGES = 5  # … over at least this many passages


def untagged_share(passages: pd.DataFrame, passage_themes: pd.DataFrame) -> tuple[int, int]:
    """(body passages without any theme, body passages), for "what the taxonomy leaves out"."""
    body = passages[passages["role"] == "body"]
    tagged = set(passage_themes["passage_id"])
    return int((~body["passage_id"].isin(tagged)).sum()), len(body)


def theme_fit(passage_themes: pd.DataFrame) -> pd.DataFrame:
    """Per theme: its passages, the cue found in most of them, and the cue that alone tags most of them.

    Columns: ``theme``, ``passages``, ``top_cue`` (in the most passages), ``alone_cue`` (the cue that is
    the passage's only cue of the theme most often; '' when every passage has several), ``alone`` (those
    passages), ``share_alone`` (``alone`` / ``passages``). Themes by passages, most first.
    """
    columns = ["theme", "passages", "top_cue", "alone_cue", "alone", "share_alone"]
    rows = []
    for theme, part in passage_themes.groupby("theme", sort=True):
        every = part["cues"].str.split(";").explode().value_counts()
        single = part.loc[~part["cues"].str.contains(";", regex=False), "cues"].value_counts()
        top = sorted(every.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if len(every) else ""
        alone_cue, alone = sorted(single.items(), key=lambda kv: (-kv[1], kv[0]))[0] if len(single) else ("", 0)
        rows.append({"theme": theme, "passages": len(part), "top_cue": top, "alone_cue": alone_cue,
                     "alone": int(alone), "share_alone": round(alone / len(part), 3)})  # fmt: skip
    frame = pd.DataFrame(rows, columns=columns)
    return frame.sort_values(["passages", "theme"], ascending=[False, True], kind="stable").reset_index(drop=True)


def one_cue_themes(
    passage_themes: pd.DataFrame,
    names: Iterable[str] = (),
    share: float = GENERIC_SHARE,
    min_passages: int = GENERIC_MIN_PASSAGES,
) -> pd.DataFrame:
    """Themes most of whose passages carry one and the same generic cue and nothing else of the theme.

    Such a theme may be measuring a word rather than a subject ("human rights" in a BBC corpus
    tagging "Israel's international standing"): a reason to move that cue to ``context_cues``.
    A cue that is one of ``names`` (the gazetteer's actor names and aliases: "Turkey", "Hamas")
    names the subject itself and is not generic. Rows of :func:`theme_fit`, the largest share first.
    """
    fit = theme_fit(passage_themes)
    named = {n.lower() for n in names}
    flagged = fit[(fit["passages"] >= min_passages) & (fit["share_alone"] >= share) & ~fit["alone_cue"].isin(named)]
    return flagged.sort_values(["share_alone", "theme"], ascending=[False, True], kind="stable").reset_index(drop=True)
