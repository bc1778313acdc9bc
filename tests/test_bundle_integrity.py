"""Bundles that are whole or absent, and topic names that survive two sessions (issue #12, item 4)."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analysis.bundle import TABLES, build_bundle, bundle_problems, cached_build, load_bundle, write_bundle
from analysis.incremental import INTERNAL_TABLES
from analysis.store import BundleError, WriteError
from analysis.topics.names import NamesError, load_names, save_name
from dashboard.render import md_escape
from tests.conftest import ROOT, SEEDS


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A seed bundle written once, as CSV (its bytes can be edited by hand); tests damage copies of it."""
    out = tmp_path_factory.mktemp("whole") / "bundle"
    build_bundle(SEEDS, out, fmt="csv")
    return out


@pytest.fixture(scope="module")
def built_parquet(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("whole_parquet") / "bundle"
    build_bundle(SEEDS, out)
    return out


def _copy(built: Path, tmp_path: Path) -> Path:
    target = tmp_path / "bundle"
    shutil.copytree(built, target)
    return target


def test_build_json_lists_every_table_with_rows_and_hash(built):
    listing = json.loads((built / "build.json").read_text())["tables"]
    # The contract's tables, and the incremental build's own (document keys; the topic model when fitted).
    assert set(listing) - set(INTERNAL_TABLES) == set(TABLES) and "document_keys" in listing
    for name, entry in listing.items():
        data = (built / entry["file"]).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest(), name
        assert entry["rows"] == len(pd.read_csv(built / entry["file"], dtype=str, keep_default_na=False)), name
    assert not list(built.parent.glob(".*partial")), "the staging folder is gone once renamed into place"


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _alter(path: Path) -> None:
    path.write_text(path.read_text().replace("Turkey", "Turkei", 1))


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        (lambda b: (b / "passages.csv").unlink(), "passages.csv is missing"),
        (lambda b: _truncate(b / "passages.csv"), "passages.csv was truncated or altered"),
        (lambda b: _alter(b / "mentions.csv"), "mentions.csv was truncated or altered"),
        (lambda b: (b / "build.json").unlink(), "build.json is missing"),
        (lambda b: (b / "build.json").write_text("{"), "build.json cannot be read"),
    ],
    ids=["deleted", "truncated", "altered", "no-build-json", "broken-build-json"],
)
def test_a_damaged_bundle_is_named_not_served(built, tmp_path, damage, expected):
    """A deleted or truncated CSV was served: FileNotFoundError on every page, or 59 of 154 passages."""
    bundle = _copy(built, tmp_path)
    damage(bundle)
    with pytest.raises(BundleError) as info:
        load_bundle(bundle)
    assert any(expected in p for p in info.value.problems), info.value.problems
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "check", "--bundle", str(bundle)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1 and expected in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        (lambda b: (b / "events.parquet").unlink(), "events.parquet is missing"),
        (lambda b: _truncate(b / "passages.parquet"), "passages.parquet was truncated or altered"),
        (lambda b: _flip(b / "mentions.parquet"), "mentions.parquet was truncated or altered"),
    ],
    ids=["deleted", "truncated", "altered"],
)
def test_a_damaged_parquet_bundle_is_named_not_served(built_parquet, tmp_path, damage, expected):
    bundle = _copy(built_parquet, tmp_path)
    damage(bundle)
    with pytest.raises(BundleError) as info:
        load_bundle(bundle)
    assert any(expected in p for p in info.value.problems), info.value.problems


def _flip(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


def test_row_count_is_checked_apart_from_the_hash(built, tmp_path):
    """The check holds for any format: rows are counted after parsing, not only bytes hashed."""
    bundle = _copy(built, tmp_path)
    path = bundle / "documents.csv"
    path.write_text("\n".join(path.read_text().splitlines()[:-1]) + "\n")
    info = json.loads((bundle / "build.json").read_text())
    info["tables"]["documents"]["sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
    (bundle / "build.json").write_text(json.dumps(info))
    assert bundle_problems(bundle) == ["documents.csv has 3 rows; build.json says 4"]


def test_check_says_whole_for_a_whole_bundle(built):
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "check", "--bundle", str(built)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0 and "whole" in result.stdout


def _small_corpus(tmp_path: Path, name: str, text: str) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    (folder / "a.txt").write_text(text + f" {uuid.uuid4()}\n", encoding="utf-8")
    return folder


def test_an_interrupted_write_leaves_the_old_bundle_whole(built, tmp_path, monkeypatch):
    """The write fails half-way (a kill, a full disk): the folder still holds the old bundle, all of it."""
    out = _copy(built, tmp_path)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    bundle = load_bundle(out)
    bundle.documents = bundle.documents.assign(title="new title")
    calls = {"n": 0}
    original = pd.DataFrame.to_csv

    def dying(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 6:
            raise KeyboardInterrupt("killed while writing")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(pd.DataFrame, "to_csv", dying)
    with pytest.raises(KeyboardInterrupt):
        write_bundle(bundle, out, "csv")
    monkeypatch.undo()
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert bundle_problems(out) == []
    assert not list(tmp_path.glob(".bundle.*")), "the staging folder is cleared away"


def test_build_out_killed_mid_write_never_leaves_a_mix(tmp_path):
    """`build --out` into a folder holding an older bundle, killed while writing, left old and new tables
    mixed, which loaded without error. Killed at many points, the folder is now old-whole or new-whole."""
    old_corpus = _small_corpus(tmp_path, "old", "Turkey vetoed Israel in 2010.\n\nIran backs Hezbollah.")
    new_corpus = _small_corpus(tmp_path, "new", "Russia invaded Ukraine in 2022.\n\nNATO answered in 2023.")
    out = tmp_path / "out"
    build_bundle(old_corpus, out)
    old = {p.name: p.read_bytes() for p in out.iterdir()}
    outcomes = set()
    for delay in (0.5, 1.5, 2.5, 3.5, 4.5):
        proc = subprocess.Popen(
            [sys.executable, "-m", "analysis", "build", "--corpus", str(new_corpus), "--out", str(out)],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + delay
        while time.monotonic() < deadline and proc.poll() is None:
            if any(tmp_path.glob(".out.*.partial/*.parquet")):  # caught in the middle of writing tables
                break
            time.sleep(0.005)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        if out.exists():
            assert bundle_problems(out) == [], delay
            now = {p.name: p.read_bytes() for p in out.iterdir()}
            outcomes.add("old" if now == old else "new")
        else:
            outcomes.add("absent")
    assert outcomes <= {"old", "new", "absent"}


def test_build_out_refuses_a_folder_of_other_files(tmp_path):
    out = tmp_path / "notes"
    out.mkdir()
    (out / "thesis.docx").write_bytes(b"precious")
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "build", "--corpus", str(SEEDS), "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1 and "not part of a bundle" in result.stderr and "thesis.docx" in result.stderr
    assert (out / "thesis.docx").read_bytes() == b"precious"


def test_a_damaged_cache_is_rebuilt(tmp_path):
    corpus = _small_corpus(tmp_path, "corpus", "Turkey vetoed Israel in 2010.\n\nIran backs Hezbollah.")
    folder = cached_build(corpus, tmp_path / "cache")
    _truncate(folder / "passages.parquet")
    seen = []
    again = cached_build(corpus, tmp_path / "cache", on_damage=lambda f, problems: seen.extend(problems))
    assert again == folder and seen == [
        "passages.parquet was truncated or altered after it was written (its SHA-256 differs)"
    ]
    assert bundle_problems(folder) == []


def test_the_app_rebuilds_a_damaged_cache(tmp_path):
    corpus = _small_corpus(tmp_path, "corpus", "Turkey vetoed Israel in 2010.\n\nIran backs Hezbollah.")
    folder = cached_build(corpus, ROOT / "build" / "cache")
    (folder / "documents.parquet").unlink()
    at = AppTest.from_file("../app.py", default_timeout=120)
    at.session_state["corpus_path"] = str(corpus)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("was damaged" in w.value and md_escape("documents.parquet is missing") in w.value for w in at.warning)
    assert {m.label: m.value for m in at.metric}["Documents"] == "1"
    assert bundle_problems(folder) == []


def _topics(n: int) -> pd.DataFrame:
    return pd.DataFrame({"topic_id": range(n), "top_terms": [f"t{i};a;b;c;d" for i in range(n)]})


def _rename_many(path: str, ids: list[int]) -> None:
    topics = _topics(40)
    for i in ids:
        save_name(Path(path), topics, i, f"name {i}")


def test_two_sessions_renaming_at_once_lose_nothing(tmp_path):
    """Read-modify-write without a lock lost a name every time two sessions saved together."""
    path = tmp_path / "topic_names" / "corpus.json"
    ctx = multiprocessing.get_context("fork")
    workers = [ctx.Process(target=_rename_many, args=(str(path), list(range(s, 40, 4)))) for s in range(4)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(60)
    assert [w.exitcode for w in workers] == [0, 0, 0, 0]
    assert len(load_names(path)) == 40


def test_a_half_written_names_file_is_reported_and_never_erased(tmp_path):
    """A half-written names file was read as empty, so the next save erased every stored name."""
    path = tmp_path / "corpus.json"
    path.write_text('{"k40|t0;a;b;c;d": "Iran', encoding="utf-8")
    with pytest.raises(NamesError, match="damaged"):
        load_names(path)
    with pytest.raises(NamesError):
        save_name(path, _topics(40), 1, "Another name")
    assert path.read_text(encoding="utf-8") == '{"k40|t0;a;b;c;d": "Iran'


def test_names_are_written_atomically(tmp_path):
    path = tmp_path / "corpus.json"
    save_name(path, _topics(3), 0, "Iran")
    save_name(path, _topics(3), 1, "Turkey")
    assert load_names(path) == {"k3|t0;a;b;c;d": "Iran", "k3|t1;a;b;c;d": "Turkey"}
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    assert load_names(tmp_path / "never-saved.json") == {}


def test_write_error_is_a_sentence(tmp_path, monkeypatch):
    import errno

    from analysis import store

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(store, "_fsync_folder", full)
    with pytest.raises(WriteError, match="the disk is full"):
        build_bundle(SEEDS, tmp_path / "out")
    assert not (tmp_path / "out").exists()
