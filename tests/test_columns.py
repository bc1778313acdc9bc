"""Column mapping for tables: guessed from names, set on the command line, in corpus.yaml, or at upload."""

from __future__ import annotations

import subprocess

import pandas as pd
import pytest

from analysis.__main__ import main
from analysis.bundle import Config, cache_key, load_bundle
from analysis.columns import ColumnError, ColumnMap, guess_columns
from analysis.corpus import corpus_files, load_corpus, load_files
from analysis.uploads import save_upload
from tests.conftest import ROOT

# A desk-by-desk news export: the column an analyst compares by is "category", not "source".
DESKS = pd.DataFrame(
    {
        "article_id": ["w1", "w2", "b1", "s1"],
        "category": ["world", "world", "business", "sport"],
        "headline": ["Turkey vetoes", "Iran warns", "Markets fall", "United win"],
        "body": [
            "Turkey blocked Israel's participation in NATO exercises after 2010.",
            "Iran threatened to close the Strait of Hormuz on 3 May 2024.",
            "Shares fell in London as oil prices rose.",
            "United won the cup final at Wembley.",
        ],
        "pubdate": ["2024-05-01", "2024-05-03", "May 2024", ""],
    }
)


@pytest.fixture
def desks(tmp_path):
    path = tmp_path / "desks.csv"
    DESKS.to_csv(path, index=False)
    return path


def test_columns_are_guessed_from_their_names(desks):
    docs = load_corpus(desks).documents.set_index("doc_id")
    assert list(docs.index) == ["b1", "s1", "w1", "w2"]  # ids from article_id
    assert docs.loc["w1", ["title", "published", "source"]].tolist() == ["Turkey vetoes", "2024-05-01", "desks"]
    assert docs.loc["w2", "text"].startswith("Iran threatened")
    assert docs.loc["w2", "date_note"] == "From the table's 'pubdate' column."
    assert guess_columns(list(DESKS.columns)) == {
        "text": "body", "source": "", "published": "pubdate", "title": "headline", "id": "article_id",
        "author": "", "url": "", "kind": "",
    }  # fmt: skip


def test_source_column_gives_one_source_per_category(desks):
    docs = load_corpus(desks, columns=ColumnMap(source="category")).documents
    assert sorted(docs["source"].unique()) == ["business", "sport", "world"]
    assert docs.set_index("doc_id").loc["w2", "source"] == "world"


def test_a_role_set_to_none_is_not_guessed(desks):
    docs = load_corpus(desks, columns=ColumnMap(title="none", id="none")).documents
    assert list(docs["doc_id"]) == ["desks-00001", "desks-00002", "desks-00003", "desks-00004"]
    assert docs.loc[0, "title"] == "desks row 1"  # the text ends with a full stop: no title from it


def test_corpus_yaml_beside_the_table_and_the_command_line_over_it(desks):
    (desks.parent / "corpus.yaml").write_text("columns:\n  source: category\n  date: pubdate\n  title: category\n")
    assert [name for name, _ in corpus_files(desks)] == ["corpus.yaml", "desks.csv"]
    docs = load_corpus(desks).documents.set_index("doc_id")
    assert docs.loc["w1", ["source", "title"]].tolist() == ["world", "world"]
    docs = load_corpus(desks, columns=ColumnMap(title="headline")).documents.set_index("doc_id")
    assert docs.loc["w1", ["source", "title"]].tolist() == ["world", "Turkey vetoes"]


def test_a_bad_corpus_yaml_is_reported_and_guesses_are_used(desks):
    (desks.parent / "corpus.yaml").write_text("columns:\n  colour: category\n")
    corpus = load_corpus(desks)
    assert len(corpus.documents) == 4
    assert [p.file for p in corpus.problems] == ["corpus.yaml"]
    assert "unknown key 'colour'" in corpus.problems[0].message


def test_a_missing_column_names_the_file_and_the_column(desks):
    corpus = load_corpus(desks, columns=ColumnMap(source="categry"))
    assert corpus.documents.empty
    [problem] = corpus.problems
    assert problem.file == "desks.csv"
    assert "no column 'categry'" in problem.message and "category" in problem.message


def test_the_mapping_is_part_of_the_cache_key(desks):
    files, config = corpus_files(desks), Config.for_corpus(desks)
    keys = {cache_key(files, config), cache_key(files, config, ColumnMap(source="category"))}
    keys.add(cache_key(files, config, ColumnMap(source="headline")))
    assert len(keys) == 3
    assert cache_key(files, config, ColumnMap()) == cache_key(files, config)


def test_parse_and_refuse():
    assert ColumnMap.parse("source=Category, date=pubdate").chosen() == {"source": "category", "published": "pubdate"}
    for bad in ("source", "colour=red", "=x"):
        with pytest.raises(ColumnError):
            ColumnMap.parse(bad)


def test_cli_source_column(desks, tmp_path, capsys):
    out = tmp_path / "bundle"
    assert main(["build", "--corpus", str(desks), "--out", str(out), "--source-column", "category",
                 "--date-column", "pubdate"]) == 0  # fmt: skip
    bundle = load_bundle(out)
    assert sorted(bundle.documents["source"]) == ["business", "sport", "world", "world"]
    assert set(bundle.stance["source"]) == {"world", "business"}  # "London" is the UK; sport names no actor
    assert list(bundle.events.loc[bundle.events["date_text"] == "3 May 2024", "source"]) == ["world"]
    assert main(["build", "--corpus", str(desks), "--out", str(out), "--columns", "colour=red"]) == 2
    assert "unknown column role 'colour'" in capsys.readouterr().err


def test_make_passes_columns():
    run = subprocess.run(["make", "-n", "run", "COLUMNS=source=category,title=headline"], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout  # fmt: skip
    assert run.count("--columns 'source=category,title=headline'") == 2  # the build and the app


def test_an_upload_keeps_its_mapping_as_corpus_yaml(desks, tmp_path):
    result = save_upload([("desks.csv", desks.read_bytes())], tmp_path / "uploads", columns=ColumnMap(
        text="body", source="category", published="pubdate", title="none", id="article_id"))  # fmt: skip
    assert result.accepted == ["corpus.yaml", "desks.csv"]
    docs = load_corpus(result.folder).documents
    assert sorted(docs["source"].unique()) == ["business", "sport", "world"]
    assert (result.folder / "corpus.yaml").read_text().splitlines()[1:] == [
        "columns:", '  text: "body"', '  source: "category"', '  published: "pubdate"', '  title: "none"',
        '  id: "article_id"',
    ]  # fmt: skip


def test_an_upload_whose_text_column_is_missing_is_refused(tmp_path):
    data = b"category,headline\nworld,Turkey vetoes\n"
    result = save_upload([("t.csv", data)], tmp_path / "uploads", columns=ColumnMap(text="body"))
    assert result.folder is None
    assert "no column 'body'" in result.rejected[0].message
    assert len(load_files([("t.csv", data)], columns=ColumnMap(text="headline")).documents) == 1


PICKERS = """
import streamlit as st
from dashboard.upload import column_pickers

class Upload:
    def __init__(self, name, data):
        self.name, self._data = name, data
    def getvalue(self):
        return self._data

files = [Upload("desks.csv", {data!r}), Upload("a.txt", b"Some text.")]
mapping, ready = column_pickers(files)
st.session_state["result"] = (mapping.spec() if mapping is not None else None, ready)
"""


def test_the_upload_pickers_preselect_the_guesses_and_return_the_choice():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_string(PICKERS.format(data=DESKS.to_csv(index=False).encode()), default_timeout=30).run()
    assert not at.exception
    picked = {box.label: box.value for box in at.selectbox}
    assert picked == {"Text": "body", "Source": "(none)", "Date": "pubdate", "Title": "headline", "Id": "article_id"}
    assert at.selectbox[1].options == ["(none)", "article_id", "category", "headline", "body", "pubdate"]
    assert at.session_state["result"] == (
        "text=body,source=none,published=pubdate,title=headline,id=article_id", True)  # fmt: skip
    at.selectbox[1].set_value("category").run()
    assert at.session_state["result"][0].startswith("text=body,source=category,")
    assert len(at.dataframe) == 1 and len(at.dataframe[0].value) == 3  # the first rows, to choose by


def test_the_upload_pickers_wait_for_a_text_column():
    from streamlit.testing.v1 import AppTest

    data = b"category,headline\nworld,Turkey vetoes\n"
    at = AppTest.from_string(PICKERS.format(data=data), default_timeout=30).run()
    assert at.selectbox[0].value is None
    assert at.session_state["result"][1] is False
    assert at.warning[0].value == "Pick the column that holds the documents' text."
    at.selectbox[0].set_value("headline").run()
    assert at.session_state["result"] == ("text=headline,source=none,published=none,title=headline,id=none", True)
