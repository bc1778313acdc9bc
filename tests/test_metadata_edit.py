"""The metadata editor: edits land in the manifest, and the refreshed analysis is a full build's."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from analysis.bundle import TABLES, build_bundle, cached_build, load_bundle, write_bundle
from analysis.corpus import load_corpus
from analysis.metadata_edit import EDITED_NOTE, Edit, changes, refresh, save_edit, write_manifest
from analysis.yamlconfig import check_manifest

HEADERS = Path(__file__).parent / "fixtures" / "header_corpus"


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(HEADERS, folder)
    return folder


def _edited(documents: pd.DataFrame, cells: dict[tuple[str, str], str]) -> pd.DataFrame:
    table = documents[["doc_id", "source", "title", "kind", "published"]].copy()
    for (doc_id, fld), value in cells.items():
        table.loc[table["doc_id"] == doc_id, fld] = value
    return table


def _bytes(folder: Path) -> dict[str, bytes]:
    return {name: next(folder.glob(f"{name}.*")).read_bytes() for name in TABLES}


def test_changes_are_found_and_bad_dates_refused():
    docs = load_corpus(HEADERS).documents
    after = _edited(docs, {("ankara_veto", "source"): "Levant Review", ("gaza_standing", "published"): "Tuesday",
                           ("hormuz_shipping", "published"): "June 2025"})  # fmt: skip
    edit = changes(docs, after)
    assert edit.changes == {"ankara_veto": {"source": "Levant Review"}, "hormuz_shipping": {"published": "June 2025"}}
    assert edit.refused == ["gaza_standing: published date 'Tuesday' gives no year; left empty"]


def test_the_edit_is_written_to_the_manifest_and_wins(corpus):
    docs = load_corpus(corpus).documents
    (corpus / "manifest.yaml").write_text("documents:\n  - file: gaza_standing.txt\n    author: A. Writer\n")
    edit = Edit({"gaza_standing": {"source": "BDL", "published": "2024-01-15"}, "ankara_veto": {"kind": "op-ed"}}, [])
    write_manifest(corpus, docs, edit)
    entries, issues = check_manifest((corpus / "manifest.yaml").read_bytes())
    assert issues == []
    assert entries == [
        {"file": "gaza_standing.txt", "author": "A. Writer", "source": "BDL", "published": "2024-01-15",
         "date_note": EDITED_NOTE},
        {"file": "ankara_veto.txt", "kind": "op-ed"},
    ]  # fmt: skip
    again = load_corpus(corpus).documents.set_index("doc_id")
    assert again.loc["gaza_standing", ["source", "published", "author", "date_note"]].tolist() == [
        "BDL", "2024-01-15", "A. Writer", EDITED_NOTE]  # fmt: skip
    assert again.loc["ankara_veto", "kind"] == "op-ed"
    # An emptied cell removes the value: the document reads as its file says again.
    write_manifest(corpus, again.reset_index(), Edit({"gaza_standing": {"published": ""}}, []))
    assert load_corpus(corpus).documents.set_index("doc_id").loc["gaza_standing", "published"] == "2024-01-12"


def test_a_table_row_is_edited_by_its_id(tmp_path):
    folder = tmp_path / "t"
    folder.mkdir()
    pd.DataFrame({"text": ["Turkey vetoed Israel.", "Iran warned."], "source": ["Wire", "Wire"]}).to_csv(
        folder / "export.csv", index=False
    )
    docs = load_corpus(folder).documents
    write_manifest(folder, docs, Edit({"export-00002": {"source": "Gulf desk", "title": "Iran warns"}}, []))
    again = load_corpus(folder).documents.set_index("doc_id")
    assert again.loc["export-00002", ["source", "title"]].tolist() == ["Gulf desk", "Iran warns"]
    assert again.loc["export-00001", "source"] == "Wire"


def test_the_refreshed_analysis_is_the_full_build_byte_for_byte(corpus, tmp_path):
    before = build_bundle(corpus, tmp_path / "before")
    old = load_bundle(tmp_path / "before")
    edit = Edit(
        {
            "ankara_veto": {"source": "NATO", "published": "2024-03-21"},  # a source that names an actor
            "gaza_standing": {"kind": "analysis"},
            "hormuz_shipping": {"title": "Hormuz"},
        },
        [],
    )
    write_manifest(corpus, old.documents, edit)
    refreshed = refresh(old, load_corpus(corpus), _config(corpus))
    assert refreshed.info["metadata_edit"] == {"restance": ["ankara_veto", "gaza_standing"], "redate": ["ankara_veto"]}
    write_bundle(refreshed, tmp_path / "refreshed")
    build_bundle(corpus, tmp_path / "full")
    assert _bytes(tmp_path / "refreshed") == _bytes(tmp_path / "full")
    # and the edit did change what depends on it
    thursday = refreshed.events.set_index("date_text").loc["Thursday"]
    assert (thursday["date_start"], thursday["source"]) == ("2024-03-21", "NATO")
    assert set(refreshed.stance["source"]) != set(before.stance["source"])


def test_save_edit_puts_the_analysis_where_a_build_would(corpus, tmp_path):
    cache = tmp_path / "cache"
    old_folder = cached_build(corpus, cache)
    docs = load_bundle(old_folder).documents
    edit = changes(docs, _edited(docs, {("ankara_veto", "source"): "X"}))
    new_folder, new_hash = save_edit(corpus, old_folder, cache, edit)
    assert new_folder != old_folder and not old_folder.exists()
    assert new_hash == load_corpus(corpus).content_hash == load_bundle(new_folder).info["corpus_hash"]
    assert cached_build(corpus, cache) == new_folder  # found, not rebuilt
    assert load_bundle(new_folder).documents.set_index("doc_id").loc["ankara_veto", "source"] == "X"


def _config(folder):
    from analysis.bundle import Config

    return Config.for_corpus(folder)


# --- the editor in the app -------------------------------------------------------------------------


def test_the_editor_saves_into_the_manifest_and_the_pages_follow(tmp_path, monkeypatch):
    import re

    from streamlit.testing.v1 import AppTest

    from analysis import corpora

    root, cache = tmp_path / "corpora", tmp_path / "cache"
    monkeypatch.setenv("FPL_CORPORA_DIR", str(root))
    monkeypatch.setattr("dashboard.data.CACHE_ROOT", cache)  # this test's analyses only
    files = [(p.name, p.read_bytes()) for p in sorted(HEADERS.iterdir())]
    corpora.create(root, "Header texts", files)
    at = AppTest.from_file("../app.py", default_timeout=120)
    at.query_params["corpus"] = "Header texts"
    at.run()
    assert not at.exception
    [editor] = at.data_editor
    assert editor.editing_mode == "fixed"
    assert list(editor.value.columns) == ["doc_id", "file", "source", "title", "kind", "published"]
    assert list(editor.value["source"]) == [
        "Levant Policy Review", "Brussels Diplomatic Letter", "Gulf Security Monitor"]  # fmt: skip
    save = at.button(key="meta_save")
    assert save.disabled and save.label == "Save"
    # one good edit and one date that is no date
    at.session_state[editor.key] = {
        "edited_rows": {0: {"source": "Levant Review"}, 2: {"published": "someday"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert [re.sub(r"\\(.)", r"\1", w.value) for w in at.warning] == [
        "Not taken: hormuz_shipping: published date 'someday' gives no year; left empty."
    ]
    save = at.button(key="meta_save")
    assert save.label == "Save 1 edited document(s)" and not save.disabled
    save.click().run()
    assert not at.exception
    assert [s.value for s in at.success] == ["Saved the metadata of 1 document(s); the analysis is up to date."]
    assert at.multiselect(key="w_sources").options == [
        "Brussels Diplomatic Letter", "Gulf Security Monitor", "Levant Review"]  # fmt: skip
    assert "source: Levant Review" in (root / "Header texts" / "manifest.yaml").read_text()
    assert list(at.data_editor[0].value["source"])[0] == "Levant Review"  # the editor shows the saved table
    # The analysis in use was refreshed, not rebuilt: only the edited document's stance and dates were redone.
    [info] = [json.loads(p.read_text()) for p in cache.glob("*/build.json")]  # the first analysis was replaced
    assert info["metadata_edit"] == {"restance": ["ankara_veto"], "redate": ["ankara_veto"]}
