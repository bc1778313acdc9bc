"""Counts per source × publication year × theme × actor, made once at build time.

The Overview's figures and charts and the Timeline's counts are sums of these cells, so a page
draws them without scanning passages, whatever the corpus size (:mod:`analysis.facet_query`).
A cell is the set of passages a filter on one theme and one actor keeps (docs/data.md, "facets"):

- ``theme`` "" is every passage, any role; a theme is the body passages that carry it.
- ``actor`` "" is every passage; an actor is the passages (any role) that name it.

Sources and years partition the documents, so cells add up exactly across any set of them; two
themes or two actors overlap, which is why a filter on several is answered from the tables instead.

The join is DuckDB's: one row per (passage, theme key, actor key) is several times the passages,
and DuckDB aggregates it in streaming fashion under a memory limit instead of materialising it as
pandas would.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from analysis.timeline.events import from_context

FACET_KEYS = ["source", "year", "theme", "actor"]
FACET_COUNTS = ["documents", "passages", "words", "sentences", "mentions", "actor_mentions", "dated", "dated_context"]
FACET_COLUMNS = [*FACET_KEYS, *FACET_COUNTS]
MEMORY_LIMIT = "256MB"  # DuckDB spills past this rather than raise the build's peak

_SQL = """
WITH
per_passage AS (
    SELECT p.passage_id, p.doc_id, p.role, p.n_words,
           coalesce(s.n, 0) AS sentences, coalesce(m.n, 0) AS mentions,
           coalesce(e.n, 0) AS dated, coalesce(e.n_context, 0) AS dated_context
    FROM passages p
    LEFT JOIN (SELECT passage_id, count(*) AS n FROM sentences GROUP BY passage_id) s USING (passage_id)
    LEFT JOIN (SELECT passage_id, count(*) AS n FROM mentions GROUP BY passage_id) m USING (passage_id)
    LEFT JOIN (SELECT passage_id, count(*) AS n, sum(context::INTEGER) AS n_context
               FROM dated GROUP BY passage_id) e USING (passage_id)
),
theme_keys AS (
    SELECT passage_id, '' AS theme FROM passages
    UNION ALL SELECT DISTINCT passage_id, theme FROM passage_themes
),
actor_keys AS (
    SELECT passage_id, '' AS actor, 0 AS actor_mentions FROM passages
    UNION ALL SELECT passage_id, actor, count(*) AS actor_mentions FROM mentions GROUP BY passage_id, actor
)
SELECT d.source, d.year, t.theme, a.actor,
       count(DISTINCT CASE WHEN p.role = 'body' THEN p.doc_id END) AS documents,
       count(*) FILTER (WHERE p.role = 'body') AS passages,
       coalesce(sum(p.n_words) FILTER (WHERE p.role = 'body'), 0) AS words,
       sum(p.sentences) AS sentences,
       sum(p.mentions) AS mentions,
       sum(a.actor_mentions) AS actor_mentions,
       sum(p.dated) AS dated,
       sum(p.dated_context) AS dated_context
FROM per_passage p
JOIN theme_keys t USING (passage_id)
JOIN actor_keys a USING (passage_id)
JOIN (SELECT doc_id, source, substr(published, 1, 4) AS year FROM documents) d USING (doc_id)
GROUP BY ALL
ORDER BY d.source, d.year, t.theme, a.actor
"""


def facet_counts(
    documents: pd.DataFrame,
    passages: pd.DataFrame,
    sentences: pd.DataFrame,
    mentions: pd.DataFrame,
    passage_themes: pd.DataFrame,
    events: pd.DataFrame,
) -> pd.DataFrame:
    """The ``facets`` table: one row per (source, year, theme, actor) cell that holds a passage."""
    resolved = events[events["resolved"].astype(bool)] if len(events) else events
    dated = pd.DataFrame(
        {"passage_id": resolved.get("passage_id", pd.Series([], dtype=str)), "context": from_context(resolved)}
    )
    con = duckdb.connect(config={"threads": 1, "memory_limit": MEMORY_LIMIT})
    try:
        # Only the narrow columns are handed over: DuckDB never sees the text.
        con.register("documents", documents[["doc_id", "source", "published"]])
        con.register("passages", passages[["passage_id", "doc_id", "role", "n_words"]])
        con.register("sentences", sentences[["passage_id"]])
        con.register("mentions", mentions[["passage_id", "actor"]])
        con.register("passage_themes", passage_themes[["passage_id", "theme"]])
        con.register("dated", dated)
        out = con.sql(_SQL).df()
    finally:
        con.close()
    for name in FACET_COUNTS:
        out[name] = out[name].fillna(0).astype("int64")
    for name in FACET_KEYS:
        out[name] = out[name].astype(str)
    return out[FACET_COLUMNS].reset_index(drop=True)
