"""Large Parquet tables as folders of parts (issue #16, item 4): the same frames as one file, the same
bytes on every write, every part checked, and corpora read from part files."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import analysis.parts
import analysis.store
from analysis.bundle import TABLES, build_bundle, bundle_problems, cached_build, load_bundle, write_bundle
from analysis.corpus import load_corpus
from analysis.incremental import INTERNAL_TABLES
from analysis.store import BundleError, WriteError, discard, hash_problems, read_tables, table_files, write_tables
from tests.test_incremental import EXTRA

from .conftest import SEEDS

PART = 7  # rows per part: the seed bundle's larger tables fall into many parts, its small ones stay whole


@pytest.fixture(scope="module")
def layouts(tmp_path_factory) -> dict[str, Path]:
    """The seed bundle built once and written as single files, in parts, and in parts again."""
    root = tmp_path_factory.mktemp("layouts")
    bundle = build_bundle(SEEDS, root / "single")
    write_bundle(bundle, root / "parts", part_rows=PART)
    write_bundle(bundle, root / "again", part_rows=PART)
    write_bundle(bundle, root / "csv", "csv", part_rows=PART)
    return {name: root / name for name in ("single", "parts", "again", "csv")}


def _names(folder: Path) -> list[str]:
    return [*TABLES, *(n for n in INTERNAL_TABLES if n in json.loads((folder / "build.json").read_text())["tables"])]


def test_parts_give_the_frames_of_the_single_file(layouts):
    names = _names(layouts["single"])
    single, _ = read_tables(layouts["single"], names)
    parted, info = read_tables(layouts["parts"], names)
    partitioned = [n for n in names if "parts" in info["tables"][n]]
    assert {"passages", "sentences", "mentions", "events"} <= set(partitioned)  # the comparison bites
    assert [n for n in names if info["tables"][n]["rows"] <= PART and "parts" not in info["tables"][n]]
    for name in names:
        pd.testing.assert_frame_equal(parted[name], single[name], check_dtype=True, check_exact=True, obj=name)
    whole, split = load_bundle(layouts["single"]), load_bundle(layouts["parts"])
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(split, name), getattr(whole, name), check_exact=True, obj=name)


def test_build_json_lists_every_part_and_a_digest_over_them(layouts):
    folder = layouts["parts"]
    for name, entry in json.loads((folder / "build.json").read_text())["tables"].items():
        if entry["rows"] <= PART:
            assert "parts" not in entry and (folder / entry["file"]).is_file(), name
            continue
        assert entry["file"] == name and (folder / name).is_dir()
        parts = entry["parts"]
        assert [p["file"] for p in parts] == [f"part-{i:05d}.parquet" for i in range(len(parts))]
        assert sorted(p.name for p in (folder / name).iterdir()) == [p["file"] for p in parts]
        assert all(0 < p["rows"] <= PART for p in parts) and sum(p["rows"] for p in parts) == entry["rows"]
        for part in parts:
            data = (folder / name / part["file"]).read_bytes()
            assert hashlib.sha256(data).hexdigest() == part["sha256"]
            assert pq.read_metadata(folder / name / part["file"]).num_rows == part["rows"]
        sums = "".join(f"{p['sha256']}  {p['file']}\n" for p in parts)  # what `sha256sum part-*` prints
        assert entry["sha256"] == hashlib.sha256(sums.encode()).hexdigest()


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_same_frame_gives_the_same_bytes(layouts):
    assert _files(layouts["parts"]) == _files(layouts["again"])


def test_csv_stays_one_file_per_table(layouts):
    assert all(p.is_file() for p in layouts["csv"].iterdir())
    assert "parts" not in json.dumps(json.loads((layouts["csv"] / "build.json").read_text())["tables"])


def test_table_files_lists_the_parts_in_row_order(layouts):
    folder = layouts["parts"]
    files = table_files(folder, "passages")
    assert len(files) > 3 and files == sorted(files) and files == [folder / "passages" / p.name for p in files]
    joined = pa.concat_tables([pq.read_table(f) for f in files]).to_pandas()
    pd.testing.assert_frame_equal(joined, pq.read_table(layouts["single"] / "passages.parquet").to_pandas())
    small = json.loads((folder / "build.json").read_text())["tables"]["topics"]
    assert table_files(folder, "topics") == [folder / small["file"]]
    with pytest.raises(BundleError, match="nothing is not listed"):
        table_files(folder, "nothing")


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _flip(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        (lambda b: (b / "passages" / "part-00001.parquet").unlink(), "passages/part-00001.parquet is missing"),
        (
            lambda b: _truncate(b / "passages" / "part-00001.parquet"),
            "passages/part-00001.parquet was truncated or altered after it was written (its SHA-256 differs)",
        ),
        (lambda b: _flip(b / "mentions" / "part-00002.parquet"), "mentions/part-00002.parquet was truncated"),
        (
            lambda b: shutil.copy(b / "events" / "part-00000.parquet", b / "events" / "part-09999.parquet"),
            "events/part-09999.parquet is not listed in build.json",
        ),
        (lambda b: shutil.rmtree(b / "sentences"), "sentences/ is missing"),
    ],
    ids=["deleted", "truncated", "flipped", "extra-file", "folder-gone"],
)
def test_a_damaged_part_is_named(layouts, tmp_path, damage, expected):
    bundle = tmp_path / "bundle"
    shutil.copytree(layouts["parts"], bundle)
    damage(bundle)
    with pytest.raises(BundleError) as info:
        load_bundle(bundle)
    assert any(p.startswith(expected) for p in info.value.problems), info.value.problems
    assert any(p.startswith(expected) for p in hash_problems(bundle, TABLES))


def test_parts_that_do_not_add_up_are_named(layouts, tmp_path):
    bundle = tmp_path / "bundle"
    shutil.copytree(layouts["parts"], bundle)
    info = json.loads((bundle / "build.json").read_text())
    info["tables"]["passages"]["parts"].pop()  # the last part forgotten: rows and digest no longer agree
    info["tables"]["sentences"]["parts"][0]["rows"] = "many"  # hand-edited nonsense
    (bundle / "build.json").write_text(json.dumps(info))
    expected = [
        f"the parts of {name} listed in build.json do not add up to its rows and SHA-256"
        for name in ("passages", "sentences")
    ]
    assert bundle_problems(bundle) == expected and hash_problems(bundle, ["passages", "sentences"]) == expected


def test_a_partitioned_bundle_is_replaced_and_discarded_whole(layouts, tmp_path):
    out = tmp_path / "bundle"
    shutil.copytree(layouts["parts"], out)
    write_bundle(load_bundle(layouts["single"]), out, part_rows=PART)  # part folders belong to a bundle
    assert bundle_problems(out) == [] and not list(tmp_path.glob(".bundle.*"))
    (out / "passages" / "notes.txt").write_text("mine")
    with pytest.raises(WriteError, match=r"not part of a bundle \(passages\)"):
        write_tables(out, {"t": pd.DataFrame({"a": [1]})}, {})
    assert (out / "passages" / "notes.txt").read_text() == "mine"
    (out / "passages" / "notes.txt").unlink()
    (out / "mine").mkdir()
    (out / "mine" / "part.0.parquet").write_bytes(b"PAR1")  # a Dask export of one's own
    with pytest.raises(WriteError, match=r"not part of a bundle \(mine\)"):
        write_tables(out, {"t": pd.DataFrame({"a": [1]})}, {})
    shutil.rmtree(out / "mine")
    discard(out)
    assert not out.exists() and list(tmp_path.iterdir()) == []


def _corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(SEEDS, folder)
    return folder


def test_a_damaged_part_in_the_cache_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setattr(analysis.parts, "PART_ROWS", PART)
    corpus = _corpus(tmp_path)
    folder = cached_build(corpus, tmp_path / "cache")
    assert (folder / "passages" / "part-00001.parquet").is_file()
    _truncate(folder / "passages" / "part-00001.parquet")
    seen: list[str] = []
    again = cached_build(corpus, tmp_path / "cache", on_damage=lambda f, problems: seen.extend(problems))
    assert again == folder and seen == [
        "passages/part-00001.parquet was truncated or altered after it was written (its SHA-256 differs)"
    ]
    assert bundle_problems(folder) == [] and (folder / "passages" / "part-00001.parquet").is_file()


def test_an_incremental_build_over_parts_gives_the_tables_of_a_full_build(tmp_path, monkeypatch):
    monkeypatch.setattr(analysis.parts, "PART_ROWS", PART)
    corpus, out = _corpus(tmp_path), tmp_path / "out"
    build_bundle(corpus, out)
    (corpus / "talks.txt").write_text(EXTRA, encoding="utf-8")
    build_bundle(corpus, out)
    assert json.loads((out / "build.json").read_text())["incremental"] == {"reused": 4, "analysed": 1, "changed": 1}
    full = tmp_path / "full"
    build_bundle(corpus, full, incremental=False)
    for name in TABLES:
        if not name.startswith("topic") and name not in ("passages", "documents"):  # topics: refit or not
            assert [f.read_bytes() for f in table_files(out, name)] == [f.read_bytes() for f in table_files(full, name)]
    again, whole = load_bundle(out), load_bundle(full)
    assert "talks" in set(again.mentions["doc_id"]) and len(table_files(out, "passages")) > 3
    for name in ("passages", "documents"):
        drop = [c for c in getattr(whole, name).columns if c.startswith("topic_")]
        pd.testing.assert_frame_equal(getattr(again, name).drop(columns=drop), getattr(whole, name).drop(columns=drop))


def _table_corpus(tmp_path: Path, name: str, splits: list[tuple[str, slice]]) -> Path:
    """The seed documents as a table corpus, in one file or several part files (CSV and Parquet)."""
    documents = load_corpus(SEEDS).documents[["doc_id", "source", "title", "published", "text"]]
    folder = tmp_path / name
    folder.mkdir()
    for file, rows in splits:
        piece = documents.iloc[rows]
        if file.endswith(".csv"):
            piece.to_csv(folder / file, index=False)
        else:
            piece.to_parquet(folder / file, index=False)
    for config in SEEDS.glob("*.yaml"):
        shutil.copy(config, folder / config.name)
    return folder


def test_a_corpus_in_part_files_is_one_corpus_locally_and_on_dask(tmp_path):
    """A corpus exported in parts (part-0.csv, part-1.parquet…) loads as the corpus of one file, and the
    Dask path, which reads it with the same loader, gives the same tables."""
    one = _table_corpus(tmp_path, "one", [("news.csv", slice(None))])
    parts = _table_corpus(
        tmp_path, "parts", [("part-0.csv", slice(0, 1)), ("part-1.csv", slice(1, 3)), ("part-2.parquet", slice(3, 9))]
    )
    whole, split = load_corpus(one).documents, load_corpus(parts).documents
    assert len(whole) == 4 and split["file"].str.startswith("part-").all()
    pd.testing.assert_frame_equal(split.drop(columns="file"), whole.drop(columns="file"))
    build_bundle(one, tmp_path / "local", workers=1)
    build_bundle(parts, tmp_path / "dask", scheduler="local", part_rows=PART)
    local, on_dask = load_bundle(tmp_path / "local"), load_bundle(tmp_path / "dask")
    assert local.info["counts"] == on_dask.info["counts"] and "parts" in on_dask.info["tables"]["passages"]
    for name in TABLES:
        a, b = getattr(local, name), getattr(on_dask, name)
        drop = ["file"] if name in ("documents", "problems") else []
        pd.testing.assert_frame_equal(b.drop(columns=drop), a.drop(columns=drop), obj=name)


def test_a_part_of_gaps_keeps_the_types_of_the_whole(tmp_path):
    """A part whose text column held only gaps was typed null on its own, and the parts did not join."""
    frame = pd.DataFrame(
        {
            "note": pd.Series([None, None, None, "x", None, "z", "w"], dtype=object),
            "n": [1, 2, 3, 4, 5, 6, 7],
            "share": [None, None, None, 0.5, 0.25, None, 1.0],
        }
    )
    write_tables(tmp_path / "single", {"t": frame}, {}, analysis.store.PARQUET)
    write_tables(tmp_path / "parts", {"t": frame}, {}, analysis.store.PARQUET, part_rows=3)
    assert len(table_files(tmp_path / "parts", "t")) == 3
    single, parted = read_tables(tmp_path / "single", ["t"])[0]["t"], read_tables(tmp_path / "parts", ["t"])[0]["t"]
    pd.testing.assert_frame_equal(parted, single, check_exact=True)
    assert [pq.read_schema(f) for f in table_files(tmp_path / "parts", "t")] == [
        pq.read_schema(tmp_path / "single" / "t.parquet")
    ] * 3
