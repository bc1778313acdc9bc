"""Documents' metadata edited by hand: written to the corpus's manifest, and only what depends on it redone.

The app's metadata editor changes a document's source, title, kind or publication date.
The change is written where a corpus keeps such facts, its ``manifest.yaml`` (merged with
what the manifest already says), so the folder stays the truth: a full rebuild of it gives
the same tables. The analysis is then brought up to date without redoing what does not
depend on metadata: sections, passages, sentences, actor mentions, themes and topics are
read from text alone and are kept; the documents table is rebuilt; stance evidence is
re-scored only for documents whose source or kind changed (a source names the actors a
document speaks for, a kind tells an op-ed's voice); dated mentions are re-read only for
documents whose date or source changed (a publication date anchors "on Thursday"); the
aggregates over them (stance per document and voice, propositions, recommendations, event
groups) are recomputed from the evidence, which is quick. The result is the bundle a full
build of the edited folder gives, table by table and byte by byte (tested).
"""

from __future__ import annotations

import datetime
import time
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd
import yaml

from analysis.bundle import (
    DOCUMENT_TABLE_COLUMNS,
    Bundle,
    Config,
    analyse,
    cache_key,
    folder_name,
    load_bundle,
    write_bundle,
)
from analysis.corpus import DEFAULT_MAX_BYTES, Corpus, corpus_files, load_files
from analysis.dates import normalise_published
from analysis.facets import facet_counts
from analysis.gazetteer import Gazetteer
from analysis.stance.lexicon import StanceLexicon
from analysis.stance.propositions import PropositionSet, aggregate_propositions
from analysis.stance.recommendations import find_recommendations
from analysis.stance.stage import aggregate_stance, aggregate_voices, stance_evidence
from analysis.store import WriteError, discard, disk_message
from analysis.timeline.events import extract_events
from analysis.timeline.group_membership import with_group_ids
from analysis.timeline.groups import group_events
from analysis.yamlconfig import check_manifest

EDITABLE = ("source", "title", "kind", "published")
MANIFEST = "manifest.yaml"
EDITED_NOTE = "Entered in the app's metadata editor."


@dataclass
class Edit:
    """What changed, by document, and what could not be taken."""

    changes: dict[str, dict[str, str]]  # doc_id -> {field: new value}
    refused: list[str]


def changes(before: pd.DataFrame, after: pd.DataFrame) -> Edit:
    """The edited cells of the editor's table (``doc_id`` and the ``EDITABLE`` columns), checked.

    A date must be one the loader would keep (``2024``, ``2024-05``, ``12 May 2024`` …); one that
    is not is refused with the document named, and the rest of the edit stands.
    """
    old = before.set_index("doc_id")
    found: dict[str, dict[str, str]] = {}
    refused: list[str] = []
    for row in after.itertuples(index=False):
        doc_id = str(row.doc_id)
        if doc_id not in old.index:
            continue
        for fld in EDITABLE:
            value = "" if pd.isna(getattr(row, fld)) else str(getattr(row, fld)).strip()
            if value == str(old.at[doc_id, fld]):
                continue
            if fld == "published" and value:
                _, problem = normalise_published(value)
                if problem:
                    refused.append(f"{doc_id}: {problem}")
                    continue
            found.setdefault(doc_id, {})[fld] = value
    return Edit(found, refused)


def write_manifest(folder: Path, documents: pd.DataFrame, edit: Edit) -> None:
    """Merge the edit into the folder's ``manifest.yaml`` (written whole, then renamed into place).

    A document from a file is named by ``file``; a table's row by its ``doc_id``. An emptied cell
    removes the value from the manifest: the document then reads as its file says.
    """
    folder = Path(folder)
    path = folder / MANIFEST
    entries: list[dict[str, str]] = []
    if path.is_file():
        entries, _ = check_manifest(path.read_bytes())  # entries it could not read are dropped, as on loading
    file_of = dict(zip(documents["doc_id"], documents["file"], strict=True))
    for doc_id, fields in sorted(edit.changes.items()):
        file = str(file_of.get(doc_id, ""))
        from_table = " row " in file
        key = {"doc_id": doc_id} if from_table else {"file": file}
        entry = next((e for e in entries if all(e.get(k) == v for k, v in key.items())), None)
        if entry is None:
            entry = dict(key)
            entries.append(entry)
        for fld, value in fields.items():
            if value:
                entry[fld] = value
            else:
                entry.pop(fld, None)
        if "published" in fields:
            if fields["published"]:
                entry["date_note"] = EDITED_NOTE
            else:
                entry.pop("date_note", None)
    text = "# Document metadata. Edited in the app; a manifest entry wins over what the file says.\n"
    text += yaml.safe_dump({"documents": entries}, sort_keys=False, allow_unicode=True, width=1000)
    tmp = folder / f".{MANIFEST}.tmp"
    try:
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
    except OSError as exc:
        raise WriteError(disk_message(exc, path)) from exc


def refresh(old: Bundle, corpus: Corpus, config: Config) -> Bundle:
    """The bundle of ``corpus`` (the edited folder, loaded) built from ``old`` by redoing only what
    the metadata feeds. When the documents are not the same ones (the folder changed otherwise
    meanwhile: not an edit of metadata), everything is redone."""
    t0 = time.perf_counter()
    new_docs = corpus.documents
    old_docs = old.documents.set_index("doc_id")
    if sorted(new_docs["doc_id"]) != sorted(old_docs.index):
        return analyse(corpus, config)
    before = old_docs.loc[new_docs["doc_id"]]
    differs = {
        fld: set(new_docs.loc[new_docs[fld].to_numpy() != before[fld].to_numpy(), "doc_id"])
        for fld in ("source", "kind", "published", "title")
    }
    restance = differs["source"] | differs["kind"]
    redate = differs["published"] | differs["source"]

    documents = new_docs.merge(old.documents[["doc_id", "n_passages", "n_words", "topic_id"]], on="doc_id")
    documents = documents[DOCUMENT_TABLE_COLUMNS].sort_values("doc_id", kind="stable").reset_index(drop=True)

    evidence = old.stance_evidence
    if restance:
        gazetteer = Gazetteer.from_yaml(config.actors)
        lexicon = StanceLexicon.from_yaml(config.stance_cues)
        fresh = stance_evidence(_of(old.sentences, restance), _of(old.mentions, restance), lexicon, new_docs, gazetteer)
        evidence = _merge(evidence, fresh, restance, ["sentence_id", "target", "voice"])
    props = PropositionSet.from_yaml(config.propositions)
    stance = {
        "stance": aggregate_stance(evidence, documents),
        "stance_evidence": evidence,
        "stance_voices": aggregate_voices(evidence, documents),
        "propositions": aggregate_propositions(old.proposition_evidence, documents, props),
        "proposition_evidence": old.proposition_evidence,
        "recommendations": find_recommendations(old.sentences, old.mentions, documents),
    }

    events, undated = old.events, old.undated_events
    if redate:
        sentences, mentions = _of(old.sentences, redate), _of(old.mentions, redate)
        fresh_events, fresh_undated = extract_events(sentences, new_docs, mentions, old.passages)
        events = _merge(events, fresh_events, redate, ["sentence_id"])
        undated = _merge(undated, fresh_undated, redate, ["sentence_id"])
    problems = pd.DataFrame(
        [vars(p) for p in [*config.problems, *corpus.problems]], columns=["file", "level", "message"]
    )
    info = {
        **{k: v for k, v in old.info.items() if k != "tables"},
        "corpus_hash": corpus.content_hash,
        "config_hash": config.fingerprint(),
        "analysed_on": datetime.date.today().isoformat(),
        "counts": {**old.info.get("counts", {}), "problems": len(problems)},
        "seconds": {"metadata": round(time.perf_counter() - t0, 3)},
        "metadata_edit": {"restance": sorted(restance), "redate": sorted(redate)},
    }
    groups = group_events(events)
    events = with_group_ids(events, groups)
    # Sources and publication years are the facets' keys: their counts are made again.
    facets = facet_counts(documents, old.passages, old.sentences, old.mentions, old.passage_themes, events)
    return replace(
        old,
        documents=documents,
        problems=problems,
        events=events,
        event_groups=groups,
        undated_events=undated,
        facets=facets,
        info=info,
        **stance,
    )


def _of(frame: pd.DataFrame, doc_ids: set[str]) -> pd.DataFrame:
    return frame[frame["doc_id"].isin(doc_ids)]


def _merge(old: pd.DataFrame, fresh: pd.DataFrame, doc_ids: set[str], keys: list[str]) -> pd.DataFrame:
    """Rows of the other documents kept, the redone documents' rows in, in the order the build writes."""
    kept = old[~old["doc_id"].isin(doc_ids)]
    merged = pd.concat([kept, fresh.astype({c: kept[c].dtype for c in fresh.columns if c in kept})], ignore_index=True)
    return merged.sort_values(keys, kind="stable").reset_index(drop=True)


def save_edit(
    corpus_path: Path, old_folder: Path, cache_root: Path, edit: Edit, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[Path, str]:
    """Write the edit into the corpus's manifest and its refreshed analysis into the cache, where a
    build of the edited folder would put it; the analysis of the folder as it was is removed.
    Returns the new bundle folder and the corpus's new content hash. :class:`WriteError` when the
    disk refuses."""
    corpus_path, old_folder = Path(corpus_path), Path(old_folder)
    old = load_bundle(old_folder)
    write_manifest(corpus_path, old.documents, edit)
    config = Config.for_corpus(corpus_path)
    files = corpus_files(corpus_path)
    bundle = refresh(old, load_files(files, max_bytes=max_bytes), config)
    bundle.info["corpus"] = str(corpus_path)
    folder = Path(cache_root) / folder_name(cache_key(files, config), max_bytes=max_bytes)
    if folder != old_folder:
        if not folder.exists():
            write_bundle(bundle, folder)
        discard(old_folder)
    return folder, str(bundle.info["corpus_hash"])
