"""Corpus-at-a-glance tables: what the Overview page and its charts show.

Each function returns a tidy table that keeps the ids behind every count, so a
chart element can always be opened to its passages.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.bundle import Bundle
from analysis.timeline.events import from_context


@dataclass(frozen=True)
class Totals:
    """The headline counts of a filtered corpus."""

    documents: int
    passages: int
    words: int
    sentences: int
    mentions: int
    dated: int
    dated_context: int


def totals(view: Bundle) -> Totals:
    """The headline counts of a filtered view, from its tables (the pages read them from the build-time
    facets instead: :func:`analysis.facet_query.totals`, held equal to this in tests/test_facets.py)."""
    resolved = view.events[view.events["resolved"].astype(bool)]
    return Totals(
        documents=len(view.documents),
        passages=len(view.body),
        words=int(view.body["n_words"].sum()),
        sentences=len(view.sentences),
        mentions=len(view.mentions),
        dated=len(resolved),
        dated_context=int(from_context(resolved).sum()),
    )


def source_of(bundle: Bundle) -> pd.Series:
    """doc_id → source, for joining."""
    return bundle.documents.set_index("doc_id")["source"]


def volume_by_source(bundle: Bundle) -> pd.DataFrame:
    """Body passages and words per source (after filters)."""
    body = bundle.body.assign(source=lambda f: f["doc_id"].map(source_of(bundle)))
    out = body.groupby("source", sort=True).agg(
        documents=("doc_id", "nunique"), passages=("passage_id", "size"), words=("n_words", "sum")
    )
    out = out.reindex(sorted(bundle.documents["source"].unique()), fill_value=0)
    return out.reset_index()


def theme_by_source(bundle: Bundle) -> pd.DataFrame:
    """Long table: theme, source, passages (count) and share of that source's body passages."""
    if bundle.passage_themes.empty:
        return pd.DataFrame({"theme": [], "source": [], "passages": pd.Series([], dtype=int), "share": []})
    themes = bundle.passage_themes.assign(source=lambda f: f["doc_id"].map(source_of(bundle)))
    counts = themes.groupby(["theme", "source"]).size().rename("passages").reset_index()
    totals = bundle.body.assign(source=lambda f: f["doc_id"].map(source_of(bundle))).groupby("source").size()
    counts["share"] = (counts["passages"] / counts["source"].map(totals)).round(4)
    return counts.sort_values(["theme", "source"]).reset_index(drop=True)


def actor_counts(bundle: Bundle, top: int = 15) -> pd.DataFrame:
    """Mentions of the most-mentioned actors, split by source (long table)."""
    mentions = bundle.mentions.assign(source=lambda f: f["doc_id"].map(source_of(bundle)))
    totals = mentions.groupby("actor").size()
    ranked = sorted(totals.index, key=lambda a: (-totals[a], a))[:top]
    out = mentions[mentions["actor"].isin(ranked)].groupby(["actor", "source"]).size().rename("mentions")
    out = out.reset_index()
    out["rank"] = out["actor"].map({a: i for i, a in enumerate(ranked)})
    return out.sort_values(["rank", "source"]).reset_index(drop=True)


def co_mentions(bundle: Bundle, top: int = 12) -> pd.DataFrame:
    """Pairs of actors named in the same body passage: passages (count) per pair."""
    mentions = bundle.mentions
    totals = mentions.groupby("actor")["passage_id"].nunique()
    ranked = sorted(totals.index, key=lambda a: (-totals[a], a))[:top]
    # One row per (passage, actor), joined with itself: each pair once per passage (a < b), counted.
    named = mentions.loc[mentions["actor"].isin(ranked), ["passage_id", "actor"]].drop_duplicates()
    pairs = named.merge(named, on="passage_id", suffixes=("_a", "_b"))
    pairs = pairs[pairs["actor_a"] < pairs["actor_b"]]
    out = pairs.groupby(["actor_a", "actor_b"]).size().rename("passages").reset_index()
    out.attrs["order"] = ranked
    return out


def passages_for(
    bundle: Bundle, *, theme: str | None = None, source: str | None = None, actors: tuple[str, ...] = ()
) -> pd.DataFrame:
    """The body passages behind a count: of a theme and/or source and naming all ``actors``."""
    body = bundle.body.assign(source=lambda f: f["doc_id"].map(source_of(bundle)))
    if source:
        body = body[body["source"] == source]
    if theme:
        ids = bundle.passage_themes.loc[bundle.passage_themes["theme"] == theme, "passage_id"]
        body = body[body["passage_id"].isin(ids)]
    for actor in actors:
        ids = bundle.mentions.loc[bundle.mentions["actor"] == actor, "passage_id"]
        body = body[body["passage_id"].isin(ids)]
    cues = bundle.passage_themes.set_index(["passage_id", "theme"])["cues"] if theme else None
    out = body[["passage_id", "doc_id", "source", "section", "text", "themes", "actors"]].copy()
    if cues is not None:
        out["cues"] = [cues.get((pid, theme), "") for pid in out["passage_id"]]
    return out.reset_index(drop=True)
