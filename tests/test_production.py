"""Production settings and limits (issue #12, item 6): what a server facing real users must do."""

from __future__ import annotations

import errno
import io
import json
import os
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pandas as pd
import pytest
from streamlit import config as streamlit_config
from streamlit.testing.v1 import AppTest

from analysis.__main__ import main as cli
from analysis.corpus import DEFAULT_MAX_BYTES, load_files
from analysis.uploads import REJECTED_FILE, cleanup, rejected_problems, save_upload
from tests.conftest import ROOT, SEEDS

GOOD = b"Turkey vetoed Israel's participation in NATO exercises after 2010.\n\nIran backs Hezbollah.\n"


def _messages(corpus) -> dict[str, str]:
    return {p.file: p.message for p in corpus.problems}


# --- error details and upload size ---------------------------------------------------------------


def test_config_is_production_and_matches_the_app_cap():
    conf = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert conf["client"]["showErrorDetails"] == "none"
    assert conf["server"]["maxUploadSize"] * 1_000_000 == DEFAULT_MAX_BYTES  # was Streamlit's 200 MB default


def test_make_run_is_production_with_a_dev_switch():
    def dry(*args: str) -> str:
        return subprocess.run(["make", "-n", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout

    run = dry("run")
    assert "--server.maxUploadSize 50" in run and "showErrorDetails" not in run
    assert "--server.maxUploadSize 100" in dry("run", "MAX_MB=100") and "--max-mb 100" in dry("run", "MAX_MB=100")
    assert "--client.showErrorDetails full" in dry("dev")
    assert "--upload-max-age-hours 6" in dry("run", "UPLOAD_MAX_AGE_HOURS=6")


def test_an_error_in_production_shows_a_message_not_a_traceback(monkeypatch):
    """Full tracebacks with server paths reached the browser (showErrorDetails at its default)."""
    import analysis.facet_query
    from dashboard import views
    from dashboard.layout import ERROR_TEXT

    def broken(*args, **kwargs):
        raise RuntimeError("secret detail in /srv/app/analysis/overview.py")

    monkeypatch.setattr(analysis.facet_query, "volume_by_source", broken)
    views.clear()  # the volume chart of an earlier test is shared from the view cache otherwise
    streamlit_config.set_option("client.showErrorDetails", "none")
    try:
        at = AppTest.from_file("../app.py", default_timeout=120).run()
    finally:
        streamlit_config.set_option("client.showErrorDetails", "full")
    [shown] = at.exception
    assert shown.value == ERROR_TEXT
    assert not shown.stack_trace and "/srv/app" not in str(shown.proto)


def test_the_uploader_takes_the_app_cap():
    at = AppTest.from_file("../app.py", default_timeout=120).run()

    def walk(node):
        for child in getattr(node, "children", {}).values():
            yield child
            yield from walk(child)

    sizes = [el.proto.max_upload_size_mb for el in walk(at._tree) if getattr(el, "type", "") == "file_uploader"]
    assert sizes == [50]


# --- uploads: rejected at once, the rest after an age --------------------------------------------


def test_rejected_uploads_never_touch_the_disk(tmp_path):
    """Every upload, rejected ones included, stayed on disk."""
    files = [
        ("good.txt", GOOD),
        ("empty.txt", b""),
        ("binary.txt", b"\x00\x01\x02" * 100),
        ("../../escape.md", b"# Escape\n\nIran and Turkey met in Ankara."),
        ("themes.yaml", b"themes: &a [*a]\n"),
    ]
    result = save_upload(files, tmp_path / "uploads")
    assert sorted(p.name for p in result.folder.iterdir()) == [REJECTED_FILE, "escape.md", "good.txt"]
    assert {p.file for p in result.rejected} == {"empty.txt", "binary.txt", "themes.yaml"}
    assert {p.file for p in rejected_problems(result.folder)} == {"empty.txt", "binary.txt", "themes.yaml"}
    assert not (tmp_path / "escape.md").exists()


def test_an_upload_with_nothing_good_leaves_nothing(tmp_path):
    result = save_upload([("empty.txt", b" "), ("x.png", b"\x89PNG")], tmp_path / "uploads")
    assert result.folder is None and len(result.rejected) == 2
    assert not (tmp_path / "uploads").exists() or not any((tmp_path / "uploads").iterdir())


def test_old_uploads_and_their_analyses_are_removed(tmp_path):
    uploads, cache = tmp_path / "uploads", tmp_path / "cache"
    old = save_upload([("a.txt", GOOD)], uploads).folder
    fresh = save_upload([("b.txt", b"Russia invaded Ukraine in 2022.")], uploads).folder
    kept = save_upload([("c.txt", b"Hamas attacked Israel in 2023.")], uploads).folder
    long_ago = time.time() - 48 * 3600
    os.utime(old, (long_ago, long_ago))
    os.utime(kept, (long_ago, long_ago))
    for name, corpus in (("k1", old), ("k2", fresh)):
        (cache / name).mkdir(parents=True)
        (cache / name / "build.json").write_text(json.dumps({"corpus": str(corpus)}))
    removed = cleanup(uploads, cache, max_age_hours=24, keep=kept)
    assert set(removed) == {old, cache / "k1"}
    assert fresh.exists() and kept.exists() and (cache / "k2").exists()


def test_upload_age_is_configurable(monkeypatch):
    from dashboard.data import upload_max_age_hours

    monkeypatch.setattr(sys, "argv", ["app.py"])
    assert upload_max_age_hours() == 24
    monkeypatch.setenv("FPL_UPLOAD_MAX_AGE_HOURS", "2")
    assert upload_max_age_hours() == 2
    monkeypatch.setattr(sys, "argv", ["app.py", "--upload-max-age-hours", "0.5"])
    assert upload_max_age_hours() == 0.5


# --- caps on decoded text ------------------------------------------------------------------------


def test_a_compressed_parquet_cannot_expand_past_the_cap():
    """A 20 KB parquet expanded to 204 MB of text past the 50 MB cap."""
    buffer = io.BytesIO()
    pd.DataFrame({"text": ["Iran " * 200_000] * 204}).to_parquet(buffer, compression="zstd")
    assert len(buffer.getvalue()) < 20_000
    start = time.perf_counter()
    corpus = load_files([("bomb.parquet", buffer.getvalue()), ("ok.txt", GOOD)])
    assert time.perf_counter() - start < 5
    assert list(corpus.documents["doc_id"]) == ["ok"]
    assert "million characters of text, over the 50 million limit" in _messages(corpus)["bomb.parquet"]


def test_a_pdf_whose_text_expands_past_the_cap_is_refused():
    from tests.hostile import compressed_pdf

    pdf = compressed_pdf("Iran and Turkey met in Ankara to discuss the alliance. ", 60)
    assert len(pdf) < 100_000
    start = time.perf_counter()
    corpus = load_files([("bomb.pdf", pdf), ("ok.txt", GOOD)], max_bytes=200_000)
    assert time.perf_counter() - start < 20
    assert "million characters of text" in _messages(corpus)["bomb.pdf"]
    assert list(corpus.documents["doc_id"]) == ["ok"]


def test_text_within_the_cap_still_loads():
    html = b"<html><body>" + b"<p>Iran and Turkey.</p>" * 3000 + b"</body></html>"
    corpus = load_files([("page.html", html), ("ok.txt", GOOD)], max_bytes=len(html))
    assert list(corpus.documents["doc_id"]) == ["ok", "page"]


def test_html_with_many_elements_is_read_in_linear_time():
    """bs4's insert_after made 100,000 paragraphs take minutes: one page could stall the server."""
    html = b"<html><body>" + b"<p>Iran and Turkey.</p>" * 100_000 + b"<div>" * 20_000 + b"</body></html>"
    start = time.perf_counter()
    corpus = load_files([("page.html", html)], max_bytes=10_000_000)
    assert time.perf_counter() - start < 30
    assert corpus.documents.loc[0, "text"].count("Iran and Turkey.") == 100_000


# --- tables row by row ---------------------------------------------------------------------------


def test_one_broken_jsonl_line_no_longer_refuses_the_file():
    lines = [
        json.dumps({"text": "Iran threatens shipping.", "source": "Wire"}),
        '{"text": "cut off',
        json.dumps(["not", "an", "object"]),
        "[" * 50_000,
        json.dumps({"text": "Turkey vetoed Israel.", "source": "Paper"}),
    ]
    corpus = load_files([("export.jsonl", "\n".join(lines).encode())])
    assert list(corpus.documents["doc_id"]) == ["export-00001", "export-00005"]
    messages = _messages(corpus)
    assert "is not valid JSON" in messages["export.jsonl line 2"]
    assert "not an object" in messages["export.jsonl line 3"]
    assert "nested too deeply" in messages["export.jsonl line 4"]


def test_bad_csv_rows_are_reported_by_line():
    data = b'text,source\n"Iran threatens shipping.",Wire\n"Turkey, again",Paper,extra\n"Multi\nline NATO text",Blog\n'
    corpus = load_files([("export.csv", data)])
    assert list(corpus.documents["text"]) == ["Iran threatens shipping.", "Multi\nline NATO text"]
    assert "3 fields where the header has 2" in _messages(corpus)["export.csv line 3"]


def test_many_bad_rows_are_counted_not_listed_one_by_one():
    lines = ["{broken"] * 500 + [json.dumps({"text": "NATO and Israel."})]
    corpus = load_files([("export.jsonl", "\n".join(lines).encode())])
    assert len(corpus.documents) == 1
    assert len(corpus.problems) == 21 and "480 more bad lines" in corpus.problems[-1].message


# --- encodings -----------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_text(encoding):
    """UTF-16 without a byte-order mark was reported as binary."""
    text = "Le président turc a déclaré: « coopération » — Ankara et l'OTAN."
    corpus = load_files([("note.txt", text.encode(encoding))])
    assert corpus.documents.loc[0, "text"] == text
    assert corpus.problems[0].message == f"decoded as {encoding} without a byte-order mark"


def test_binary_with_nul_bytes_is_still_binary():
    corpus = load_files([("x.txt", bytes(range(256)) * 40)])
    assert "binary" in _messages(corpus)["x.txt"]


# --- a read-only or full disk --------------------------------------------------------------------


def _cli(*args: str, capsys) -> tuple[int, str]:
    code = cli(list(args))
    return code, capsys.readouterr().err


@pytest.mark.parametrize(
    ("err", "said"), [(errno.ENOSPC, "the disk is full"), (errno.EROFS, "the file system is read-only")]
)
def test_cli_says_the_disk_is_full_or_read_only(tmp_path, monkeypatch, capsys, err, said):
    """A read-only or full disk gave raw OSErrors."""
    from analysis import store

    def refuse(*args, **kwargs):
        raise OSError(err, os.strerror(err))

    monkeypatch.setattr(store, "_fsync_folder", refuse)
    code, stderr = _cli("build", "--corpus", str(SEEDS), "--out", str(tmp_path / "out"), capsys=capsys)
    assert code == 1 and said in stderr and "Traceback" not in stderr
    monkeypatch.setattr(store.tempfile, "mkdtemp", refuse)
    code, stderr = _cli("build", "--corpus", str(SEEDS), "--cache", str(tmp_path / "cache"), capsys=capsys)
    assert code == 1 and said in stderr


@pytest.fixture
def tiny_disk(tmp_path):
    """A real 256 KB file system (tmpfs), mounted for the test; skipped where mounting is not allowed."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)], capture_output=True).returncode:
        pytest.skip("cannot mount a tmpfs here")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_really_full_disk(tiny_disk):
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "build", "--corpus", str(SEEDS), "--out", str(tiny_disk / "out")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1 and "the disk is full" in result.stderr and "Traceback" not in result.stderr
    assert not (tiny_disk / "out").exists() and list(tiny_disk.iterdir()) == []  # nothing half-written left


def test_a_really_read_only_disk(tiny_disk):
    subprocess.run(["mount", "-o", "remount,ro", str(tiny_disk)], check=True)
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "build", "--corpus", str(SEEDS), "--out", str(tiny_disk / "out")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1 and "read-only" in result.stderr and "Traceback" not in result.stderr


def test_the_app_analyses_in_memory_when_the_cache_cannot_be_written(tmp_path, monkeypatch):
    import uuid

    from analysis import store

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_bytes(GOOD + f"{uuid.uuid4()}\n".encode())
    monkeypatch.setattr(store.tempfile, "mkdtemp", full)
    at = AppTest.from_file("../app.py", default_timeout=120)
    at.session_state["corpus_path"] = str(corpus)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("the disk is full" in w.value and "in memory" in w.value for w in at.warning)
    assert {m.label: m.value for m in at.metric}["Documents"] == "1"


def test_saving_a_topic_name_on_a_full_disk_says_so(tmp_path, monkeypatch):
    from analysis.topics import names

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(names.tempfile, "mkstemp", full)
    topics = pd.DataFrame({"topic_id": [0], "top_terms": ["a;b;c;d;e"]})
    with pytest.raises(names.NamesError, match="could not be saved"):
        names.save_name(tmp_path / "n.json", topics, 0, "Iran")


def test_an_upload_on_a_full_disk_says_so(tmp_path, monkeypatch):
    from analysis import store

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(store.tempfile, "mkdtemp", full)
    with pytest.raises(store.WriteError, match="the disk is full"):
        save_upload([("a.txt", GOOD)], tmp_path / "uploads")


def test_seeds_path_is_untouched_by_the_tests():
    assert not (Path(SEEDS) / REJECTED_FILE).exists()
