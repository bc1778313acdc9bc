"""Incremental builds: unchanged documents are read back from the previous bundle, the rest analysed,
and every table but the topics' is the one a full build gives."""

from __future__ import annotations

import json
import shutil
import uuid

import pytest

import analysis.topics.model as topic_model
from analysis.bundle import TABLES, build_bundle, load_bundle

from .conftest import SEEDS

EXTRA = (
    "Ankara and Athens talk again\n\n"
    "Turkey and Greece resumed talks in Ankara on 12 March 2024, the first since the 2023 elections. "
    "NATO welcomed the meeting and said it hoped Turkey would lift its objections.\n\n"
    "Iran condemned the talks on Tuesday and warned Israel against any strike."
)
TOPIC_COLUMNS = {"passages": ["topic_id", "topic_weight", "topic_confidence"], "documents": ["topic_id"]}


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(SEEDS, folder)
    return folder


def _info(out) -> dict:
    return json.loads((out / "build.json").read_text())


def _same_as_full(out, corpus, tmp_path) -> None:
    build_bundle(corpus, tmp_path / "full", incremental=False)
    full = load_bundle(tmp_path / "full")
    again = load_bundle(out)
    for name in TABLES:
        if name.startswith("topic"):
            continue
        a, b = getattr(full, name), getattr(again, name)
        drop = TOPIC_COLUMNS.get(name, [])
        assert a.drop(columns=drop).equals(b.drop(columns=drop)), name
        if name not in TOPIC_COLUMNS:
            assert (tmp_path / "full" / f"{name}.parquet").read_bytes() == (out / f"{name}.parquet").read_bytes()


def test_an_added_document_is_the_only_one_analysed(corpus, tmp_path):
    out = tmp_path / "out"
    build_bundle(corpus, out)
    (corpus / "talks.txt").write_text(EXTRA, encoding="utf-8")
    build_bundle(corpus, out)
    assert _info(out)["incremental"] == {"reused": 4, "analysed": 1, "changed": 1}
    bundle = load_bundle(out)
    assert "talks" in set(bundle.mentions["doc_id"]) and "talks" in set(bundle.events["doc_id"])
    _same_as_full(out, corpus, tmp_path)


def test_changed_and_removed_documents(corpus, tmp_path):
    out = tmp_path / "out"
    build_bundle(corpus, out)
    first = sorted(corpus.glob("*.txt"))[0]
    first.write_text(first.read_text(encoding="utf-8") + "\n\nIran and Turkey met on 1 May 2024.\n", encoding="utf-8")
    sorted(corpus.glob("*.txt"))[1].unlink()
    build_bundle(corpus, out)
    assert _info(out)["incremental"] == {"reused": 2, "analysed": 1, "changed": 2}
    _same_as_full(out, corpus, tmp_path)


def test_a_changed_configuration_analyses_everything_again(corpus, tmp_path):
    out = tmp_path / "out"
    build_bundle(corpus, out)
    themes = corpus / "themes.yaml"
    themes.write_text(themes.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    build_bundle(corpus, out)
    assert _info(out)["incremental"]["reused"] == 0
    assert build_bundle(corpus, tmp_path / "plain").info.get("incremental") is None  # a new folder: a full build


def test_topics_are_weighed_against_the_kept_model_until_the_corpus_moves_too_far(corpus, tmp_path, monkeypatch):
    out = tmp_path / "out"
    build_bundle(corpus, out)
    before = load_bundle(out)
    monkeypatch.setattr(topic_model, "REFIT_SHARE", 0.3)  # four documents: one more is a 25% move
    (corpus / "talks.txt").write_text(EXTRA, encoding="utf-8")
    build_bundle(corpus, out)
    topics = _info(out)["topics"]
    assert topics["update"]["mode"] == "weighed" and topics["update"]["new_passages"] >= 2
    assert topics["model"] == {"fitted_on": 4, "drift": 1}
    after = load_bundle(out)
    assert after.topic_terms.equals(before.topic_terms) and after.topics["label"].equals(before.topics["label"])
    kept = before.passages.set_index("passage_id")["topic_id"]
    assert (after.passages.set_index("passage_id").loc[kept.index, "topic_id"] == kept).all()
    new = after.passages[(after.passages["doc_id"] == "talks") & (after.passages["role"] == "body")]
    assert len(new) >= 2 and (new["topic_id"] != "").all()
    assert after.topics["n_passages"].sum() == len(after.body)
    unchanged = build_bundle(corpus, out)  # nothing new: the topics stay as they are
    assert unchanged.info["topics"]["update"]["new_passages"] == 0 and len(unchanged.topics) == len(after.topics)
    assert unchanged.passages["topic_id"].equals(after.passages["topic_id"])
    (corpus / "more.txt").write_text(EXTRA.replace("Ankara", "Athens"), encoding="utf-8")
    build_bundle(corpus, out)  # 2 of 4 documents since the fit: past 30%, so the topics are fitted again
    topics = _info(out)["topics"]
    assert "update" not in topics and topics["model"] == {"fitted_on": 6, "drift": 0}


def test_the_cache_builds_a_grown_corpus_from_its_last_bundle(corpus, tmp_path):
    from analysis.bundle import cached_build

    first = cached_build(corpus, tmp_path / "cache")
    (corpus / "talks.txt").write_text(EXTRA, encoding="utf-8")
    second = cached_build(corpus, tmp_path / "cache")
    assert second != first and first.exists()
    assert _info(second)["incremental"] == {"reused": 4, "analysed": 1, "changed": 1}
    other = tmp_path / "other"
    shutil.copytree(corpus, other)
    (other / "more.txt").write_text(EXTRA.replace("Ankara", "Athens"), encoding="utf-8")
    assert "incremental" not in _info(cached_build(other, tmp_path / "cache"))  # another corpus path: no reuse


def test_the_topics_page_says_the_topics_were_weighed(corpus, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from analysis.bundle import cached_build
    from dashboard.data import CACHE_ROOT, max_upload_bytes

    # The app's cache outlives the test: content of its own, so no earlier run's bundle answers for it.
    (corpus / "note.txt").write_text(f"Israel and Turkey signed a deal. {uuid.uuid4()}\n", encoding="utf-8")
    cached_build(corpus, CACHE_ROOT, max_bytes=max_upload_bytes())  # as the app builds it
    monkeypatch.setattr(topic_model, "REFIT_SHARE", 0.3)
    (corpus / "talks.txt").write_text(EXTRA, encoding="utf-8")
    at = AppTest.from_file("../app.py", default_timeout=180)
    at.session_state["corpus_path"] = str(corpus)
    at.run()  # the app builds the grown corpus from its last bundle in the cache
    at.switch_page("pages/2_Topics.py").run()
    assert not at.exception, [e.value for e in at.exception]
    captions = " ".join(c.value for c in at.caption)
    assert "Topics not refitted: the 2 passages of the 1 document added" in captions, captions
    assert "fitted on 4 documents (1 added, changed or removed since)" in captions, captions
