"""The fuzz set (issue #12, item 7): every hostile or malformed input through the CLI and the upload.

For each case the build must finish, name the case in a problem (or load it with its
hostile content kept as plain text), and load the good file beside it. The cases are
generated in :mod:`tests.hostile`, the same bytes on every run.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis.__main__ import main as cli
from analysis.bundle import cached_build, load_bundle
from analysis.uploads import save_upload
from tests.conftest import ROOT
from tests.hostile import LIMIT, Case, config_cases, document_cases, good_file

DOCUMENTS = document_cases()
CONFIGS = config_cases()


def _failures(cases: list[Case], problems: pd.DataFrame, bundle, offset: int = 0) -> list[str]:
    """What went wrong, one line per case: a case not named, not loaded as text, or a good file lost."""
    said = [f"{f}: {m}" for f, m in zip(problems["file"], problems["message"], strict=True)]
    failures = []
    documents = bundle.documents
    text_of = bundle.passages.groupby("doc_id")["text"].agg(" ".join)
    documents = documents.assign(text=documents["doc_id"].map(text_of).fillna(""))
    loaded_ids = set(documents["doc_id"])
    for i, case in enumerate(cases, start=offset):
        mine = [s for s in said if s.startswith(case.name)]
        if case.problem and not any(case.problem in s for s in mine):
            failures.append(f"{case.name}: expected a problem with {case.problem!r}, got {mine[:3]}")
        if case.loads:
            rows = documents[documents["file"].str.startswith(case.name)]
            fields = [str(v) for col in ("text", "title", "source") for v in rows.get(col, [])]
            if not any(case.loads in v for v in fields):
                failures.append(f"{case.name}: expected to load with {case.loads[:30]!r}; problems {mine[:3]}")
        good = Path(good_file(i)[0]).stem
        if good not in loaded_ids:
            failures.append(f"{good} (beside {case.name}) was lost")
    return failures


def _write(folder: Path, cases: list[Case], offset: int = 0) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i, case in enumerate(cases, start=offset):
        (folder / case.name).write_bytes(case.data)
        name, data = good_file(i)
        (folder / name).write_bytes(data)


def test_the_fuzz_set_is_large_and_varied():
    assert len(DOCUMENTS) + len(CONFIGS) >= 60
    assert len({c.name for c in DOCUMENTS}) == len(DOCUMENTS)
    suffixes = {Path(c.name).suffix for c in DOCUMENTS + CONFIGS}
    assert {".txt", ".md", ".html", ".pdf", ".csv", ".jsonl", ".parquet", ".yaml", ".zip"} <= suffixes


def test_documents_through_the_cli(tmp_path):
    """One build of all document cases, each beside a good file: 0 crashes, 0 lost good files."""
    corpus = tmp_path / "corpus"
    _write(corpus, DOCUMENTS)
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "build", "--corpus", str(corpus), "--out", str(out),
         "--max-mb", str(LIMIT / 1e6)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )  # fmt: skip
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr[-3000:]
    bundle = load_bundle(out)
    assert _failures(DOCUMENTS, bundle.problems, bundle) == []


def test_documents_through_the_upload(tmp_path):
    """The same cases uploaded: rejected ones are named (and never written), the rest analysed."""
    files = []
    for i, case in enumerate(DOCUMENTS):
        files += [(case.name, case.data), good_file(i)]
    upload = save_upload(files, tmp_path / "uploads", max_bytes=LIMIT)
    rejected = {p.file.split(" ")[0] for p in upload.rejected}
    assert not rejected & {p.name for p in upload.folder.iterdir()}
    bundle = load_bundle(cached_build(upload.folder, tmp_path / "cache", max_bytes=LIMIT))
    problems = pd.concat(
        [bundle.problems, pd.DataFrame([vars(p) for p in upload.rejected], columns=["file", "level", "message"])]
    )
    assert _failures(DOCUMENTS, problems, bundle) == []


@pytest.mark.parametrize("index", range(len(CONFIGS)), ids=[f"{c.name}-{i}" for i, c in enumerate(CONFIGS)])
def test_config_through_the_cli(tmp_path, capsys, index):
    case = CONFIGS[index]
    corpus = tmp_path / "corpus"
    _write(corpus, [case], offset=index)
    code = cli(["build", "--corpus", str(corpus), "--out", str(tmp_path / "out")])
    assert code == 0, capsys.readouterr().err[-2000:]
    bundle = load_bundle(tmp_path / "out")
    assert _failures([case], bundle.problems, bundle, offset=index) == []


@pytest.mark.parametrize("index", range(len(CONFIGS)), ids=[f"{c.name}-{i}" for i, c in enumerate(CONFIGS)])
def test_config_through_the_upload(tmp_path, index):
    case = CONFIGS[index]
    upload = save_upload([(case.name, case.data), good_file(index)], tmp_path / "uploads")
    bundle = load_bundle(cached_build(upload.folder, tmp_path / "cache"))
    problems = pd.concat(
        [bundle.problems, pd.DataFrame([vars(p) for p in upload.rejected], columns=["file", "level", "message"])]
    )
    assert _failures([case], problems, bundle, offset=index) == []
