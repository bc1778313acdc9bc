"""The evaluation texts as a corpus the build reads like any other.

The texts go through the same loader and stages as a user's folder, with the
default configuration of ``seeds/``: an evaluation that fed the stages special
input would measure something no user gets.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml

from analysis.bundle import DEFAULT_CONFIG_DIR, Bundle, Config, build_bundle
from analysis.evaluation.gold import EVAL_DIR, GoldSet, load


def write_corpus(gold: GoldSet, folder: Path, split: str | None = None) -> list[str]:
    """Texts and a ``manifest.yaml`` (source, title, kind, published) for one split, or all."""
    folder.mkdir(parents=True, exist_ok=True)
    docs = gold.documents if split is None else gold.documents[gold.documents["split"] == split]
    entries = []
    for row in docs.sort_values("doc_id").itertuples(index=False):
        (folder / f"{row.doc_id}.txt").write_text(gold.text(row.doc_id), encoding="utf-8")
        entries.append(
            {
                "doc_id": row.doc_id,
                "file": f"{row.doc_id}.txt",
                "source": row.publisher,
                "title": row.title,
                "kind": row.kind,
                "published": row.published,
                "url": row.url,
            }
        )
    manifest = {"documents": entries}
    (folder / "manifest.yaml").write_text(yaml.safe_dump(manifest, sort_keys=False, allow_unicode=True), "utf-8")
    return [e["doc_id"] for e in entries]


def eval_bundle(split: str | None = None, root: Path = EVAL_DIR, gold: GoldSet | None = None) -> Bundle:
    """Build the evaluation texts of ``split`` ('dev', 'test' or all) with the default configuration."""
    gold = gold or load(root)
    with tempfile.TemporaryDirectory(prefix="fpl-eval-") as tmp:
        corpus = Path(tmp) / "corpus"
        write_corpus(gold, corpus, split)
        config = Config.for_corpus(None, DEFAULT_CONFIG_DIR)
        return build_bundle(corpus, Path(tmp) / "bundle", config=config, topics_k=2)
