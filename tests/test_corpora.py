"""Named corpora: an upload kept by name, listed in the sidebar, carried in the URL, renamed, deleted."""

from __future__ import annotations

import json
import os
import re
import time

import pytest
from streamlit.testing.v1 import AppTest

from analysis import corpora
from analysis.corpora import META_FILE, CorpusNameError, name_problem, suggest_name
from analysis.corpus import content_hash, corpus_files
from analysis.store import BUILD_FILE

TEXT = b"Iran threatened shipping in the Strait of Hormuz in 2024.\n\nTurkey vetoed Israel's role in NATO."


def test_names():
    assert name_problem("Gulf press 2024") == ""
    assert name_problem("Ελληνικός τύπος") == ""  # any script
    assert "already" in name_problem("seeds", {"Seeds"})
    for bad in ("", " lead", "../x", "a/b", ".hidden", "x" * 61, "a\\b"):
        assert name_problem(bad), bad
    assert suggest_name(["b.txt", "a.txt", "themes.yaml"], set()) == "a and 1 more"
    assert suggest_name(["bbc-news.csv"], {"bbc-news", "bbc-news (2)"}) == "bbc-news (3)"
    assert suggest_name(["../../etc/passwd.txt"], set()) == "passwd"


def test_create_list_rename_delete(tmp_path):
    root, cache = tmp_path / "corpora", tmp_path / "cache"
    made = corpora.create(root, "Gulf press", [("a.txt", TEXT), ("empty.txt", b"")], kept=False)
    assert made.folder == root / "Gulf press" and made.accepted == ["a.txt"]
    assert [p.file for p in made.rejected] == ["empty.txt"]
    meta = json.loads((made.folder / META_FILE).read_text())
    assert meta["kept"] is False and meta["last_used"] > 0
    [listed] = corpora.list_uploaded(root)
    assert (listed.name, listed.origin, listed.kept, listed.managed) == ("Gulf press", "uploaded", False, True)
    with pytest.raises(CorpusNameError, match="already"):
        corpora.create(root, "gulf PRESS", [("b.txt", b"Other text about Turkey.")])
    with pytest.raises(CorpusNameError, match="already"):
        corpora.create(root, "seeds", [("b.txt", b"Other text about Turkey.")], taken={"seeds"})
    # A cached analysis made from it: found by the corpus path it names, and removed with it.
    bundle = cache / "k1"
    bundle.mkdir(parents=True)
    files_hash = content_hash(corpus_files(made.folder))  # what a build records as corpus_hash
    (bundle / BUILD_FILE).write_text(json.dumps({"corpus": str(root / "Gulf press"), "corpus_hash": files_hash}))
    other = cache / "k2"
    other.mkdir()
    (other / BUILD_FILE).write_text(json.dumps({"corpus": "/elsewhere", "corpus_hash": "y"}))
    moved = corpora.rename(root, "Gulf press", "Gulf shipping")
    assert moved == root / "Gulf shipping" and (moved / "a.txt").read_bytes() == TEXT
    assert not (root / "Gulf press").exists() and bundle.exists()  # keyed on content: still valid
    with pytest.raises(CorpusNameError):
        corpora.rename(root, "Gulf shipping", "a/b")
    removed = corpora.delete(moved, cache)
    assert not moved.exists() and not bundle.exists() and other.exists()  # the renamed one, found by content
    assert moved in removed and corpora.list_uploaded(root) == []


def test_only_temporary_corpora_are_removed_by_age(tmp_path):
    root, cache = tmp_path / "corpora", tmp_path / "cache"
    kept = corpora.create(root, "kept", [("a.txt", TEXT)], kept=True).folder
    temp = corpora.create(root, "temp", [("b.txt", b"Hamas attacked Israel in 2023.")], kept=False).folder
    fresh = corpora.create(root, "fresh", [("c.txt", b"Russia invaded Ukraine in 2022.")], kept=False).folder
    by_hand = root / "by hand"  # copied in without metadata: the app did not make it, it never removes it
    by_hand.mkdir()
    (by_hand / "d.txt").write_bytes(b"NATO met in Vilnius in 2023.")
    two_days_ago = time.time() - 48 * 3600
    for folder in (kept, temp, by_hand):
        meta_path = folder / META_FILE
        if meta_path.exists():
            meta = json.loads(meta_path.read_text())
            meta_path.write_text(json.dumps({**meta, "last_used": two_days_ago}))
        os.utime(folder, (two_days_ago, two_days_ago))
    assert corpora.cleanup(root, cache, max_age_hours=24) == [temp]
    assert sorted(c.name for c in corpora.list_uploaded(root)) == ["by hand", "fresh", "kept"]
    corpora.touch(fresh, now=time.time() + 3600)  # opened an hour later: its clock starts again
    assert json.loads((fresh / META_FILE).read_text())["last_used"] > time.time()
    corpora.set_kept(fresh, True)
    assert corpora.cleanup(root, cache, max_age_hours=0) == []


# --- in the app ------------------------------------------------------------------------------------


@pytest.fixture
def corpora_dir(tmp_path, monkeypatch):
    root = tmp_path / "corpora"
    monkeypatch.setenv("FPL_CORPORA_DIR", str(root))
    corpora.create(root, "Gulf press", [("a.txt", TEXT)])
    return root


def _app(corpus: str | None = None) -> AppTest:
    at = AppTest.from_file("../app.py", default_timeout=120)
    if corpus:
        at.query_params["corpus"] = corpus
    return at.run()


def _plain(markdown: str) -> str:
    """Text as shown: markdown escapes and the word joiner after colons removed."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")


def _documents(at: AppTest) -> str:
    return next(m.value for m in at.metric if m.label == "Documents")


def test_the_url_opens_a_named_corpus_and_a_reload_keeps_it(corpora_dir):
    at = _app("Gulf press")
    assert not at.exception
    assert _documents(at) == "1"
    switch = at.sidebar.selectbox(key="w_corpus")
    assert switch.options == ["seeds (default)", "Gulf press"] and switch.value == "Gulf press"
    assert at.query_params["corpus"] in ("Gulf press", ["Gulf press"])
    assert any(c.value.startswith("Corpus: Gulf press · 1 document ·") for c in at.sidebar.caption)
    again = _app("Gulf press")  # a reload is a new session with the same URL
    assert _documents(again) == "1"
    switch.set_value("seeds").run()
    assert _documents(at) == "4" and "corpus" not in at.query_params


def test_an_unknown_corpus_name_is_said_and_ignored(corpora_dir):
    at = _app("../../etc")
    assert not at.exception
    assert _documents(at) == "4"
    assert [w.value for w in at.warning][0].startswith("There is no corpus named")
    assert "corpus" not in at.query_params


def test_rename_and_delete_from_the_sidebar(corpora_dir):
    at = _app("Gulf press")
    at.sidebar.text_input(key="corpus_new_name_Gulf press").set_value("Gulf shipping").run()
    at.sidebar.button(key="corpus_rename").click().run()
    assert not at.exception
    assert at.query_params["corpus"] in ("Gulf shipping", ["Gulf shipping"])
    assert sorted(p.name for p in corpora_dir.iterdir()) == ["Gulf shipping"]
    assert at.sidebar.selectbox(key="w_corpus").value == "Gulf shipping" and _documents(at) == "1"
    # A refused name says why and changes nothing.
    at.sidebar.text_input(key="corpus_new_name_Gulf shipping").set_value("seeds").run()
    at.sidebar.button(key="corpus_rename").click().run()
    assert [_plain(e.value) for e in at.sidebar.error] == ["Not renamed: there is already a corpus named 'seeds'."]
    assert at.sidebar.button(key="corpus_delete").disabled
    at.sidebar.checkbox(key="corpus_sure").check().run()
    at.sidebar.button(key="corpus_delete").click().run()
    assert not at.exception
    assert list(corpora_dir.iterdir()) == [] and _documents(at) == "4"
    assert at.sidebar.selectbox(key="w_corpus").options == ["seeds (default)"]
    assert "corpus" not in at.query_params


def test_a_temporary_corpus_can_be_kept(corpora_dir):
    corpora.create(corpora_dir, "scratch", [("b.txt", b"Hamas attacked Israel in 2023.")], kept=False)
    at = _app("scratch")
    assert at.sidebar.selectbox(key="w_corpus").options[-1] == "scratch (temporary)"
    at.sidebar.button(key="corpus_keep").click().run()
    assert json.loads((corpora_dir / "scratch" / META_FILE).read_text())["kept"] is True
    assert at.sidebar.selectbox(key="w_corpus").options[-1] == "scratch"


def test_the_seeds_cannot_be_renamed_or_deleted():
    at = _app()
    assert [b for b in at.sidebar.button if b.key in ("corpus_rename", "corpus_delete")] == []
