"""The sidebar filters, as data, and the one function that applies them.

Every page calls :func:`apply_filters` on the full bundle, so a filter means the
same thing everywhere: sources and dates select documents; themes and actors
select body passages (any of the chosen values). Non-body passages of the kept
documents stay, so the reader still shows headings and captions around them.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

import pandas as pd

from analysis.bundle import Bundle
from analysis.frames import isin, rows_where
from analysis.timeline.group_membership import restrict_groups


@dataclass(frozen=True)
class Filters:
    """Empty tuples mean 'no restriction'. Years are inclusive; 0 means open."""

    sources: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    year_from: int = 0
    year_to: int = 0
    include_undated: bool = True

    @property
    def active(self) -> bool:
        return bool(self.sources or self.themes or self.actors or self.year_from or self.year_to)

    def describe(self) -> str:
        """One line for chart subtitles and exports: what the figure is restricted to."""
        parts = []
        if self.sources:
            parts.append("sources: " + ", ".join(self.sources))
        if self.themes:
            parts.append("themes: " + ", ".join(self.themes))
        if self.actors:
            parts.append("actors: " + ", ".join(self.actors))
        if self.year_from or self.year_to:
            span = f"{self.year_from or '…'}–{self.year_to or '…'}"
            parts.append(f"published {span}" + ("" if self.include_undated else ", dated only"))
        return "; ".join(parts) if parts else "all documents"


def years_kept(year: pd.Series, filters: Filters) -> pd.Series:
    """Which publication years (``YYYY``, ``""`` when undated) the year filter keeps."""
    if not (filters.year_from or filters.year_to):
        return pd.Series(True, index=year.index)
    lo = str(filters.year_from) if filters.year_from else "0000"
    hi = str(filters.year_to) if filters.year_to else "9999"
    dated = year != ""
    return (dated & (year >= lo) & (year <= hi)) | (~dated & filters.include_undated)


def kept_documents(documents: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The documents the source and year filters keep (themes and actors never drop a document)."""
    if filters.sources:
        documents = documents[isin(documents["source"], filters.sources)]
    if filters.year_from or filters.year_to:
        documents = documents[years_kept(documents["published"].str[:4], filters)]
    return documents


def apply_filters(bundle: Bundle, filters: Filters) -> Bundle:
    """A new bundle restricted to what the filters select (the bundle itself when nothing is set)."""
    if not filters.active:
        return bundle
    docs = kept_documents(bundle.documents, filters)
    passages = bundle.passages
    body = passages["role"] == "body"
    keep = isin(passages["doc_id"], docs["doc_id"])
    if filters.themes:
        themed = bundle.passage_themes
        tagged = themed.loc[isin(themed["theme"], filters.themes), "passage_id"]
        keep &= ~body | isin(passages["passage_id"], tagged)
    if filters.actors:
        named = bundle.mentions.loc[isin(bundle.mentions["actor"], filters.actors), "passage_id"]
        keep &= ~body | isin(passages["passage_id"], named)
    passages = rows_where(passages, keep)  # one selection: each copies the text of the rows kept
    # Titles and headings are analysed too (stance, dates) but carry no theme: under a theme filter
    # their rows go; under an actor filter only those naming a chosen actor stay.
    analysed = pd.Series(True, index=passages.index)
    if filters.themes:
        analysed &= passages["role"] == "body"
    if filters.actors:
        analysed &= (passages["role"] == "body") | isin(passages["passage_id"], named)
    kept = passages.loc[analysed, "passage_id"]
    # Every table whose rows come from passages follows the passages.
    by_passage = {
        f.name: rows_where(getattr(bundle, f.name), isin(getattr(bundle, f.name)["passage_id"], kept))
        for f in fields(bundle)
        if f.name != "passages"
        and isinstance(getattr(bundle, f.name), pd.DataFrame)
        and "passage_id" in getattr(bundle, f.name).columns
    }
    # Event groups have no passage: rebuild each from its kept mentions, so a disagreement between
    # sources shows only while both sources are in view.
    by_passage["event_groups"] = restrict_groups(bundle.event_groups, by_passage["events"])
    return replace(bundle, documents=docs, passages=passages, **by_passage)
