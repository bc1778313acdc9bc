"""The Overview's figures and charts and the Timeline's counts, without scanning passages.

Each function gives exactly what the matching function of :mod:`analysis.overview` gives on
``apply_filters(bundle, filters)`` (tests/test_facets.py), from one of two places:

- the build-time ``facets`` cells (:mod:`analysis.facets`), when the filters can be read off them:
  any sources and years, and as many themes and actors as the figure allows without overlap;
- otherwise DuckDB over the bundle's tables, reading only id, role and count columns, from the
  Parquet files the bundle was loaded from when they are still the ones it read, else from the
  frames in memory (an upload analysed in this session).

``route`` says which was used, so a test can hold both to the same figures.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from analysis.bundle import Bundle
from analysis.filters import Filters, kept_documents, years_kept
from analysis.frames import isin
from analysis.overview import Totals
from analysis.store import read_info, table_files
from analysis.timeline.events import CONTEXT_ANCHORS

CUBE, DATABASE = "facets", "database"
TOTALS = tuple(Totals.__dataclass_fields__)


def documents_in(bundle: Bundle, filters: Filters) -> pd.DataFrame:
    """The documents the source and year filters keep (themes and actors never drop a document)."""
    return kept_documents(bundle.documents, filters)


def _cells(bundle: Bundle, filters: Filters, theme: str | None, actor: str | None) -> pd.DataFrame:
    """Facet cells under the source and year filters, for one theme key and one actor key
    (``""`` = all; ``None`` = every value but ``""``)."""
    cells = bundle.facets
    keep = years_kept(cells["year"], filters)
    if filters.sources:
        keep &= isin(cells["source"], filters.sources)
    keep &= (cells["theme"] != "") if theme is None else (cells["theme"] == theme)
    keep &= (cells["actor"] != "") if actor is None else (cells["actor"] == actor)
    return cells[keep]


def _one(values: tuple[str, ...]) -> str:
    return values[0] if values else ""


def route(filters: Filters, figure: str) -> str:
    """Where ``figure`` is answered from under ``filters``: the cells, or the tables."""
    themes, actors = len(filters.themes), len(filters.actors)
    allowed = {
        "totals": themes <= 1 and actors <= 1,
        "volume": themes <= 1 and actors <= 1,
        "themes": themes == 0 and actors <= 1,  # a theme filter keeps passages of other themes too
        "actors": actors == 0 and themes <= 1,  # an actor filter keeps mentions of other actors too
    }
    return CUBE if allowed[figure] else DATABASE


def totals(bundle: Bundle, filters: Filters, via: str | None = None) -> Totals:
    """Documents, body passages and words, sentences, actor mentions and resolved dated mentions."""
    n_docs = len(documents_in(bundle, filters))
    if (via or route(filters, "totals")) == CUBE:
        cells = _cells(bundle, filters, _one(filters.themes), _one(filters.actors))
        sums = {name: int(cells[name].sum()) for name in TOTALS[1:]}
    else:
        with _Tables(bundle, filters) as db:
            row = db.one(
                """SELECT count(*) FILTER (WHERE role = 'body'),
                          coalesce(sum(n_words) FILTER (WHERE role = 'body'), 0),
                          (SELECT count(*) FROM sentences JOIN analysed USING (passage_id)),
                          (SELECT count(*) FROM mentions JOIN analysed USING (passage_id)),
                          (SELECT count(*) FROM dated JOIN analysed USING (passage_id)),
                          (SELECT count(*) FILTER (WHERE context) FROM dated JOIN analysed USING (passage_id))
                   FROM analysed"""
            )
        sums = dict(zip(TOTALS[1:], (int(v) for v in row), strict=True))
    return Totals(documents=n_docs, **sums)


def volume_by_source(bundle: Bundle, filters: Filters, via: str | None = None) -> pd.DataFrame:
    """Body passages, words and documents per source: :func:`analysis.overview.volume_by_source`."""
    if (via or route(filters, "volume")) == CUBE:
        cells = _cells(bundle, filters, _one(filters.themes), _one(filters.actors))
        out = cells.groupby("source", sort=True)[["documents", "passages", "words"]].sum()
    else:
        with _Tables(bundle, filters) as db:
            out = db.frame(
                """SELECT source, count(DISTINCT doc_id) AS documents, count(*) AS passages,
                          sum(n_words) AS words
                   FROM analysed WHERE role = 'body' GROUP BY source"""
            ).set_index("source")
    out = out[out["passages"] > 0].astype("int64")
    out = out.reindex(sorted(documents_in(bundle, filters)["source"].unique()), fill_value=0)
    out.index.name = "source"
    return out.reset_index()


def theme_by_source(bundle: Bundle, filters: Filters, via: str | None = None) -> pd.DataFrame:
    """Passages per theme × source and their share: :func:`analysis.overview.theme_by_source`."""
    if (via or route(filters, "themes")) == CUBE:
        cells = _cells(bundle, filters, None, _one(filters.actors))
        counts = cells.groupby(["theme", "source"])["passages"].sum()
        totals = _cells(bundle, filters, "", _one(filters.actors)).groupby("source")["passages"].sum()
    else:
        with _Tables(bundle, filters) as db:
            counts = db.frame(
                """SELECT t.theme, a.source, count(*) AS passages
                   FROM passage_themes t JOIN analysed a USING (passage_id) GROUP BY ALL"""
            ).set_index(["theme", "source"])["passages"]
            totals = db.frame(
                "SELECT source, count(*) AS n FROM analysed WHERE role = 'body' GROUP BY source"
            ).set_index("source")["n"]
    counts = counts[counts > 0].astype("int64").rename("passages").reset_index()
    if counts.empty:
        return pd.DataFrame({"theme": [], "source": [], "passages": pd.Series([], dtype=int), "share": []})
    counts["share"] = (counts["passages"] / counts["source"].map(totals)).round(4)
    return counts.sort_values(["theme", "source"]).reset_index(drop=True)


def actor_counts(bundle: Bundle, filters: Filters, top: int = 15, via: str | None = None) -> pd.DataFrame:
    """Mentions of the most-mentioned actors by source: :func:`analysis.overview.actor_counts`."""
    if (via or route(filters, "actors")) == CUBE:
        cells = _cells(bundle, filters, _one(filters.themes), None)
        by_pair = cells.groupby(["actor", "source"])["actor_mentions"].sum()
    else:
        with _Tables(bundle, filters) as db:
            by_pair = db.frame(
                """SELECT m.actor, a.source, count(*) AS n
                   FROM mentions m JOIN analysed a USING (passage_id) GROUP BY ALL"""
            ).set_index(["actor", "source"])["n"]
    by_pair = by_pair[by_pair > 0].astype("int64").sort_index()
    totals = by_pair.groupby(level="actor").sum()
    ranked = sorted(totals.index, key=lambda a: (-totals[a], a))[:top]
    out = by_pair[by_pair.index.get_level_values("actor").isin(ranked)].rename("mentions").reset_index()
    out["rank"] = out["actor"].map({a: i for i, a in enumerate(ranked)})
    return out.sort_values(["rank", "source"]).reset_index(drop=True)


class _Tables:
    """A DuckDB connection with the bundle's narrow columns as tables and ``analysed``: the passages
    whose rows a filtered view keeps (the rule of :func:`analysis.filters.apply_filters`)."""

    COLUMNS = {
        "documents": ["doc_id", "source", "published"],
        "passages": ["passage_id", "doc_id", "role", "n_words"],
        "sentences": ["passage_id"],
        "mentions": ["passage_id", "actor"],
        "passage_themes": ["passage_id", "theme"],
        "events": ["passage_id", "resolved", "anchor"],
    }

    def __init__(self, bundle: Bundle, filters: Filters) -> None:
        self.bundle, self.filters = bundle, filters
        self.files = _parquet_files(bundle)
        try:
            self.con = self._connect()
        except duckdb.Error:  # the analysed passages are read at once: a damaged file shows here
            if not self.files:
                raise
            self.files = None
            self.con = self._connect()

    def _connect(self) -> duckdb.DuckDBPyConnection:
        con = duckdb.connect(config={"threads": 1})
        for name, columns in self.COLUMNS.items():
            if self.files:
                # A view cannot take parameters: the paths are the bundle's own file names, quoted.
                listed = ", ".join("'" + str(p).replace("'", "''") + "'" for p in self.files[name])
                con.execute(f"CREATE VIEW {name} AS SELECT {', '.join(columns)} FROM read_parquet([{listed}])")
            else:
                con.register(name, getattr(self.bundle, name)[columns])
        anchors = ", ".join(f"'{a}'" for a in CONTEXT_ANCHORS)  # constants of the code, not of a document
        con.execute(
            f"CREATE VIEW dated AS SELECT passage_id, coalesce(anchor IN ({anchors}), false) AS context"
            " FROM events WHERE resolved"
        )
        sql, params = _analysed_sql(self.filters)
        con.execute(f"CREATE TEMP TABLE analysed AS {sql}", params)
        return con

    def __enter__(self) -> _Tables:
        return self

    def __exit__(self, *exc: object) -> None:
        self.con.close()

    def _run(self, sql: str) -> duckdb.DuckDBPyConnection:
        """``sql`` on the files; on the frames in memory when a file cannot be read (damaged or removed
        after the bundle was loaded and checked): the figures are the bundle's either way."""
        try:
            return self.con.execute(sql)
        except duckdb.Error:
            if not self.files:
                raise
            self.con.close()
            self.files = None
            self.con = self._connect()
            return self.con.execute(sql)

    def one(self, sql: str) -> tuple:
        return self._run(sql).fetchone()

    def frame(self, sql: str) -> pd.DataFrame:
        return self._run(sql).df()


def _analysed_sql(filters: Filters) -> tuple[str, list[str]]:
    """The ``analysed`` passages as SQL with its values as parameters: filter values come from
    documents and links, and never become SQL text."""
    where: list[str] = []
    params: list[str] = []
    if filters.sources:
        where.append(f"d.source IN ({_marks(filters.sources)})")
        params += filters.sources
    if filters.year_from or filters.year_to:
        undated = " OR d.year = ''" if filters.include_undated else ""
        where.append(f"(d.year <> '' AND d.year BETWEEN ? AND ?){undated}")
        params += [str(filters.year_from) if filters.year_from else "0000"]
        params += [str(filters.year_to) if filters.year_to else "9999"]
    if filters.themes:
        where.append(
            f"p.role = 'body' AND p.passage_id IN (SELECT passage_id FROM passage_themes WHERE theme IN "
            f"({_marks(filters.themes)}))"
        )
        params += filters.themes
    if filters.actors:
        where.append(f"p.passage_id IN (SELECT passage_id FROM mentions WHERE actor IN ({_marks(filters.actors)}))")
        params += filters.actors
    sql = (
        "SELECT p.passage_id, p.doc_id, p.role, p.n_words, d.source FROM passages p JOIN "
        "(SELECT doc_id, source, substr(published, 1, 4) AS year FROM documents) d USING (doc_id)"
        + (" WHERE " + " AND ".join(f"({w})" for w in where) if where else "")
    )
    return sql, params


def _marks(values: tuple[str, ...]) -> str:
    return ", ".join("?" for _ in values)


def _parquet_files(bundle: Bundle) -> dict[str, list[Path]] | None:
    """The Parquet files of the tables, when the bundle was loaded from a folder that still holds
    exactly what it read (build.json unchanged); ``None`` for frames analysed in memory."""
    folder = bundle.folder
    if folder is None or bundle.info.get("format") != "parquet":
        return None
    try:
        info = read_info(Path(folder))
        if info.get("tables") != bundle.info.get("tables"):
            return None
        return {name: table_files(Path(folder), name, info) for name in _Tables.COLUMNS}
    except Exception:  # a folder replaced or removed since: the frames in memory are the bundle's
        return None
