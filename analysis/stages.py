"""The build's stages, split where they can be cached and spread out.

Per-document stages (structure, annotation, stance evidence, propositions,
recommendations, dated mentions) read one document at a time: any set of
documents can be analysed alone and the tables concatenated, which is what makes
incremental builds and partitioned runs possible. Corpus-level stages (topics,
the stance aggregates, event groups, document statistics) need every document
and run on the gathered tables, which are much smaller than the corpus.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
import types
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import pandas as pd

from analysis.annotate import annotate
from analysis.gazetteer import Gazetteer
from analysis.parses import ParsePlan
from analysis.stance.lexicon import StanceLexicon
from analysis.stance.parser import ParserMissing, load_parser
from analysis.stance.propositions import PropositionSet
from analysis.stance.stage import StanceStage
from analysis.structure import PASSAGE_COLUMNS, passages_frame
from analysis.themes import Taxonomy
from analysis.timeline.events import EventExtraction

# The passages as the per-document stages leave them (the topic columns come from the corpus-level stage).
ANNOTATED_PASSAGE_COLUMNS = [*PASSAGE_COLUMNS, "themes", "actors", "n_words"]
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


@lru_cache(maxsize=32)
def _loaded(kind: type, path: str, data: bytes):
    """A configuration object (Gazetteer, Taxonomy, StanceLexicon, PropositionSet) read once per
    file content in a process: each batch of documents would otherwise parse the YAML again."""
    return kind.from_yaml(Path(path))


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
    gazetteer = _loaded(Gazetteer, *_key(config.actors))
    ann = annotate(passages, gazetteer, _loaded(Taxonomy, *_key(config.themes)))
    t0 = clock("annotate", t0)
    lexicon = _loaded(StanceLexicon, *_key(config.stance_cues))
    propositions = _loaded(PropositionSet, *_key(config.propositions))
    stance = StanceStage(ann.sentences, ann.mentions, documents, lexicon, gazetteer, propositions)
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


# Documents per batch of the per-document stages: bounds the memory of one batch, and is the unit a
# worker process takes. Results do not depend on it (each document is read on its own).
CHUNK_DOCUMENTS = 500
# How tables gathered from batches are put back in the order one pass over all documents gives:
# the tables sorted by sentence id in their stage are sorted again (stably) after concatenation.
_SORTED_BY = {
    "stance_evidence": ["sentence_id", "target", "voice"],
    "proposition_evidence": ["sentence_id"],
    "recommendations": ["sentence_id"],
    "events": ["sentence_id"],
    "undated_events": ["sentence_id"],
}


def document_chunks(documents: pd.DataFrame, size: int = CHUNK_DOCUMENTS) -> list[pd.DataFrame]:
    return [documents.iloc[i : i + size] for i in range(0, len(documents), size)] or [documents]


def gather(parts: list[dict[str, pd.DataFrame]], order: pd.Series | None = None) -> dict[str, pd.DataFrame]:
    """One set of per-document tables from those of several batches, rows as one pass over the
    documents would give them. The batches are in document order unless ``order`` (the doc ids in
    their order) says otherwise: then each document's rows are moved to its place, kept together.

    The parts are emptied as their tables are joined (each batch's frames let go once copied), so a
    corpus's tables are never held twice: at 100,000 documents that was 800 MB at the build's peak."""
    out = {}
    position = None if order is None else {d: i for i, d in enumerate(order)}
    for name in DOCUMENT_TABLES:
        taken = [p.pop(name) for p in parts]
        # A batch without rows has untyped (object) columns: it would turn every column to object.
        frames = [f for f in taken if len(f)] or taken[:1]
        del taken
        count = len(frames)
        frame = frames[0] if count == 1 else pd.concat(frames, ignore_index=True)
        del frames
        if position is not None and count > 1:
            rank = frame["doc_id"].map(position)
            frame = frame.iloc[rank.argsort(kind="stable")].reset_index(drop=True)
        # Batches in document order are in sentence order already (a sentence never spans two
        # batches, and each batch is sorted by every key): sorting again would copy the table.
        keys = _SORTED_BY.get(name)
        if keys and count > 1 and not frame[keys[0]].is_monotonic_increasing:
            frame = frame.sort_values(keys, kind="stable").reset_index(drop=True)
        out[name] = frame
    return out


def default_workers(n_documents: int) -> int:
    """Two processes (the machines this runs on have two cores) once there are several batches."""
    return min(2, os.cpu_count() or 1) if n_documents > 2 * CHUNK_DOCUMENTS else 1


def analyse_in_batches(
    documents: pd.DataFrame,
    config,
    seconds: dict[str, float] | None = None,
    workers: int | None = None,
    report: Callable[[float], None] | None = None,
    chunk_size: int = CHUNK_DOCUMENTS,
    scheduler: str | None = None,
) -> dict[str, pd.DataFrame]:
    """:func:`analyse_documents` over batches of documents, on ``workers`` processes (default: two
    when the corpus is large) or on a Dask ``scheduler`` (:mod:`analysis.distributed`); the tables
    are the same whatever the number of workers and wherever they run."""
    seconds = {} if seconds is None else seconds
    if scheduler:
        from analysis.distributed import analyse_on_dask

        return analyse_on_dask(documents, config, scheduler, seconds, report, chunk_size)
    chunks = document_chunks(documents, chunk_size)
    workers = default_workers(len(documents)) if workers is None else max(1, workers)
    parts: list[dict] = []
    if workers == 1 or len(chunks) == 1:
        for i, chunk in enumerate(chunks):
            parts.append(analyse_documents(chunk, config, seconds))
            if report:
                report((i + 1) / len(chunks))
        return gather(parts)
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["analysis.stages"])
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        with _main_hidden():  # the workers start (and every batch is submitted) here
            results = pool.map(_worker, chunks, [config] * len(chunks))
        for i, (tables, spent) in enumerate(results):
            parts.append(tables)
            for stage, value in spent.items():
                seconds[stage] = seconds.get(stage, 0.0) + value
            if report:
                report((i + 1) / len(chunks))
    return gather(parts)


@contextmanager
def _main_hidden() -> Iterator[None]:
    """Hide the parent's ``__main__`` from worker processes while they start.

    A forkserver or spawn worker begins by running the parent's main script from its file. Under
    ``streamlit run`` that file is the app's page, so each worker would run the page, which builds
    the corpus and starts workers of its own (and fails: a process may not start processes while it
    starts); a large corpus could not be analysed from the dashboard. The workers need nothing
    from the main script, so while they start ``__main__`` is a bare module without a file.
    """
    main = sys.modules.get("__main__")
    if main is None or getattr(main, "__file__", None) is None:
        yield
        return
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        sys.modules["__main__"] = main


def _worker(documents: pd.DataFrame, config) -> tuple[dict, dict[str, float]]:
    spent: dict[str, float] = {}
    return analyse_documents(documents, config, spent), spent
