"""The build's stages, split where they can be cached and spread out.

Per-document stages (structure, annotation, stance evidence, propositions,
recommendations, dated mentions) read one document at a time: any set of
documents can be analysed alone and the tables concatenated, which is what makes
incremental builds and partitioned runs possible. Corpus-level stages (topics,
the stance aggregates, event groups, document statistics) need every document
and run on the gathered tables, which are much smaller than the corpus.
"""

from __future__ import annotations

import time
from functools import lru_cache
from pathlib import Path

import pandas as pd

from analysis.annotate import annotate
from analysis.gazetteer import Gazetteer
from analysis.parses import ParsePlan
from analysis.stance.parser import ParserMissing, load_parser
from analysis.stance.stage import StanceStage
from analysis.structure import passages_frame
from analysis.themes import Taxonomy
from analysis.timeline.events import EventExtraction

# The tables each per-document stage gives; every one has a doc_id column.
DOCUMENT_TABLES = (
    "passages",
    "sentences",
    "mentions",
    "passage_themes",
    "stance_evidence",
    "proposition_evidence",
    "recommendations",
    "events",
    "undated_events",
)


@lru_cache(maxsize=8)
def _gazetteer(path: str, digest: bytes) -> Gazetteer:
    return Gazetteer.from_yaml(Path(path))


@lru_cache(maxsize=8)
def _taxonomy(path: str, digest: bytes) -> Taxonomy:
    return Taxonomy.from_yaml(Path(path))


def _key(path: Path) -> tuple[str, bytes]:
    """A configuration file by path and content: read once per process while it does not change."""
    return str(path), Path(path).read_bytes()


def analyse_documents(documents: pd.DataFrame, config, seconds: dict[str, float] | None = None) -> dict:
    """The per-document tables (:data:`DOCUMENT_TABLES`) of ``documents``; stage times add to ``seconds``."""
    seconds = {} if seconds is None else seconds

    def clock(stage: str, t0: float) -> float:
        now = time.perf_counter()
        seconds[stage] = seconds.get(stage, 0.0) + now - t0
        return now

    t0 = time.perf_counter()
    passages = passages_frame(documents)
    t0 = clock("structure", t0)
    ann = annotate(passages, _gazetteer(*_key(config.actors)), _taxonomy(*_key(config.themes)))
    t0 = clock("annotate", t0)
    stance = StanceStage(ann.sentences, ann.mentions, documents, config)
    timeline = EventExtraction(ann.sentences, documents, ann.mentions, ann.passages)
    plan = ParsePlan()
    stance.plan(plan)
    t0 = clock("stance", t0)
    try:
        nlp = load_parser()
    except ParserMissing:
        nlp = None
    if nlp is not None:
        timeline.plan(plan)
    t0 = clock("timeline", t0)
    # The one batch of parses both stages asked for (analysis/parses.py).
    if len(plan):
        if nlp is None:
            load_parser()  # raises ParserMissing with what to install: stance cannot do without it
        plan.run(nlp)
    t0 = clock("parse", t0)
    stance_tables = stance.tables()
    t0 = clock("stance", t0)
    events, undated = timeline.tables()
    clock("timeline", t0)
    return {
        "passages": ann.passages,
        "sentences": ann.sentences,
        "mentions": ann.mentions,
        "passage_themes": ann.passage_themes,
        **stance_tables,
        "events": events,
        "undated_events": undated,
    }
