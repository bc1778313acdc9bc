"""The bundle on disk: its contract, determinism, the CLI and the cache."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

from analysis.bundle import TABLES, build_bundle, cached_build, load_bundle
from tests.conftest import ROOT, SEEDS

CONTRACT = {
    "documents": ["doc_id", "source", "title", "kind", "published", "n_passages", "n_words", "topic_id"],
    "passages": ["passage_id", "doc_id", "section", "role", "text", "themes", "actors", "topic_id"],
    "mentions": ["doc_id", "passage_id", "actor", "surface", "start", "end"],
}


def test_cli_writes_the_contracted_tables(tmp_path):
    out = tmp_path / "build"
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "build", "--corpus", str(SEEDS), "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "4 documents" in result.stdout
    bundle = load_bundle(out)
    for table, columns in CONTRACT.items():
        frame = getattr(bundle, table)
        assert set(columns) <= set(frame.columns), (table, set(columns) - set(frame.columns))
    info = json.loads((out / "build.json").read_text())
    assert info["counts"]["documents"] == 4
    assert {"load", "structure", "annotate"} <= set(info["seconds"])
    assert info["packages"]["scikit-learn"] and len(info["corpus_hash"]) == 64


def test_cli_names_a_missing_corpus(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "build", "--corpus", "no/such/dir", "--out", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2 and "no/such/dir" in result.stderr


def test_same_corpus_same_bytes(tmp_path):
    build_bundle(SEEDS, tmp_path / "a")
    shuffled = tmp_path / "shuffled"
    shutil.copytree(SEEDS, shuffled)
    build_bundle(shuffled, tmp_path / "b")
    for name in TABLES:
        a, b = tmp_path / "a" / f"{name}.parquet", tmp_path / "b" / f"{name}.parquet"
        assert a.read_bytes() == b.read_bytes(), name


def test_parquet_and_csv_bundles_read_back_to_the_same_tables(seed_bundle, tmp_path):
    """One contract for both formats: types, empty strings and every value survive either way."""
    from analysis.bundle import write_bundle

    write_bundle(seed_bundle, tmp_path / "p", "parquet")
    write_bundle(seed_bundle, tmp_path / "c", "csv")
    stored = len(TABLES) + len(seed_bundle.internal)  # the contract's tables and the incremental build's own
    assert sorted(p.suffix for p in (tmp_path / "p").iterdir()) == [".json"] + [".parquet"] * stored
    parquet, csv = load_bundle(tmp_path / "p"), load_bundle(tmp_path / "c")
    for name in TABLES:
        assert parquet.__dict__[name].equals(csv.__dict__[name]), name
        assert (parquet.__dict__[name].dtypes == csv.__dict__[name].dtypes).all(), name
    assert parquet.passages["topic_weight"].dtype == float and parquet.events["resolved"].dtype == bool
    assert (parquet.passages["section"] == "").any() and not parquet.passages["section"].isna().any()


def test_round_trip_keeps_types_and_empty_strings(seed_bundle, tmp_path):
    from analysis.bundle import write_bundle

    write_bundle(seed_bundle, tmp_path)
    again = load_bundle(tmp_path)
    assert again.documents["n_words"].dtype.kind == "i"
    assert (again.documents.loc[again.documents["source"] == "Op-ed", "published"] == "").all()
    assert again.passages["text"].tolist() == seed_bundle.passages["text"].tolist()


def test_seed_counts(seed_bundle):
    docs = seed_bundle.documents.set_index("source")
    assert docs["n_passages"].to_dict() == {
        "Israeli analysis": 14,
        "Op-ed": 31,
        "Csepregi (academic)": 35,
        "Encyclopedia": 23,
    }
    roles = seed_bundle.passages["role"].value_counts().to_dict()
    assert roles["references"] == 20 and roles["caption"] == 4 and roles["credit"] == 2


def test_cache_is_keyed_on_content(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Iran and Hezbollah.\n")
    first = cached_build(corpus, tmp_path / "cache")
    stamp = (first / "build.json").stat().st_mtime_ns
    assert cached_build(corpus, tmp_path / "cache") == first
    assert (first / "build.json").stat().st_mtime_ns == stamp  # not rebuilt
    (corpus / "b.txt").write_text("Turkey and Israel.\n")
    second = cached_build(corpus, tmp_path / "cache")
    assert second != first and load_bundle(second).info["counts"]["documents"] == 2
