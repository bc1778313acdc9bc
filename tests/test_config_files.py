"""Configuration and manifests as untrusted input (issue #12, item 1).

One loader reads every YAML file a corpus can carry; these are the files that
crashed the build, blew up its memory, or lost the way back to the default corpus.
"""

from __future__ import annotations

import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analysis.bundle import DEFAULT_CONFIG_DIR, Config
from analysis.corpus import load_corpus, load_files
from analysis.yamlconfig import check_config, check_manifest
from tests.conftest import ROOT, SEEDS

BILLION_LAUGHS = b"""a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
documents: *h
"""
GOOD = "Turkey vetoed Israel's participation in NATO exercises after 2010.\n\nIran backs Hezbollah.\n"


def _corpus(tmp_path: Path, **config: bytes) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    (folder / "b.txt").write_text("Russia invaded Ukraine in 2022.\n", encoding="utf-8")
    for name, data in config.items():
        (folder / name.replace("_yaml", ".yaml")).write_bytes(data)
    return folder


@pytest.mark.parametrize("name", ["actors.yaml", "themes.yaml", "stance_cues.yaml", "propositions.yaml"])
def test_the_seed_files_match_their_schemas(name):
    """The schema describes what the code reads: the defaults pass it without a single remark."""
    checked = check_config(name, (SEEDS / name).read_bytes())
    assert checked.ok and checked.issues == []


def test_a_version_1_stance_lexicon_is_still_accepted():
    checked = check_config("stance_cues.yaml", (ROOT / "benchmarks/baselines/rules_v1_cues.yaml").read_bytes())
    assert checked.ok and checked.value["positive"][0] == {"cue": "partner", "weight": 1.0}


def test_billion_laughs_manifest_is_refused_before_it_expands():
    """549 bytes of aliases took 3.2 GB and 65 s; the loader refuses the first anchor."""
    start = time.perf_counter()
    corpus = load_files([("manifest.yaml", BILLION_LAUGHS), ("a.txt", GOOD.encode())])
    assert time.perf_counter() - start < 5
    assert list(corpus.documents["doc_id"]) == ["a"]
    [problem] = corpus.problems
    assert problem.file == "manifest.yaml" and "line 1" in problem.message and "anchor" in problem.message


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        (
            "actors.yaml",
            b"actors:\n  - name: Iran\n  - type: state\n    aliases: [X]\n",
            "line 3: actors[1] has no 'name'",
        ),
        ("actors.yaml", b"actors:\n  - name: Iran\n    aliases: &x [Tehran]\n", "line 3: defines an anchor"),
        ("actors.yaml", b"actors:\n  - name: [Iran]\n", "line 2: actors[0].name must be text, not a list"),
        ("themes.yaml", b"themes:\n  iran: [Iran]\n", "line 2: themes must be a list, not a mapping"),
        ("themes.yaml", b"themes:\n  - id: t\n    min_hits: many\n", "line 3: themes[0].min_hits must be a whole"),
        ("themes.yaml", b"themes: !!python/object/apply:os.system [id]\n", "line 1: uses the tag"),
        ("themes.yaml", b"themes:\n  - id: a\n  - id: b\n    id: c\n", "line 4: themes[1] repeats the key 'id'"),
        ("stance_cues.yaml", b"version: 2\nframing:\n  regime: strong\n", "line 3: framing['regime'] must be a"),
        ("stance_cues.yaml", b"version: 2\nnegators: {not: 1}\n", "line 2: negators must be a list"),
        ("stance_cues.yaml", b"version: two\n", "line 1: version must be a whole number"),
        ("stance_cues.yaml", b"positive:\n  - {weight: 1}\n", "line 2: positive[0] has no 'cue'"),
        ("propositions.yaml", b"propositions:\n  - label: x\nsupport: [a]\noppose: [b]\n", "propositions[0] has no"),
        ("propositions.yaml", b'propositions:\n  - id: p\n    cues: [""]\nsupport: [a]\noppose: [b]\n', "line 3"),
        ("actors.yaml", b"actors: [" * 200, "nested more than"),
        ("actors.yaml", b"actors:\n  - name: \xff\xfe\n", "is not UTF-8"),
        ("actors.yaml", b"actors:\n  - name: x\n" + b"# padding\n" * 300_000, "configuration files are capped"),
        ("themes.yaml", b"themes:\n  - id: [unclosed\n", "is not valid YAML"),
        ("themes.yaml", b"", "is empty"),
    ],
)
def test_a_bad_config_file_is_named_with_its_line_and_the_default_used(tmp_path, name, data, expected):
    folder = _corpus(tmp_path, **{name: data})
    config = Config.for_corpus(folder)
    assert getattr(config, name.removesuffix(".yaml")) == DEFAULT_CONFIG_DIR / name
    messages = [p.message for p in config.problems if p.file == name and p.level == "error"]
    assert len(messages) == 1 and expected in messages[0] and "from seeds/ is used" in messages[0], messages


def test_unknown_keys_are_reported_but_the_file_is_used(tmp_path):
    folder = _corpus(tmp_path, actors_yaml=b"actors:\n  - name: Iran\n    alias: [Tehran]\n")
    config = Config.for_corpus(folder)
    assert config.actors == folder / "actors.yaml"
    [problem] = [p for p in config.problems if p.file == "actors.yaml"]  # themes.yaml: its context actors are missing
    assert problem.level == "warning" and "line 3" in problem.message and "unknown key 'alias'" in problem.message


def test_one_bad_manifest_entry_loses_only_itself():
    manifest = b"""documents:
  - doc_id: a
    source: Wire
    published: 2024-13-45
  - doc_id: b
    source: [not, text]
  - title: no id or file
"""
    corpus = load_files([("manifest.yaml", manifest), ("a.txt", GOOD.encode()), ("b.txt", b"Iran and Israel.")])
    docs = corpus.documents.set_index("doc_id")
    assert docs.loc["a", "source"] == "Wire"  # an impossible unquoted date no longer crashes the parser
    assert docs.loc["b", "source"] == "b"  # its entry was refused: metadata inferred
    messages = [p.message for p in corpus.problems if p.file == "manifest.yaml"]
    assert any("line 6: documents[1].source must be text" in m for m in messages)
    assert any("line 7: documents[2] needs one of 'doc_id' or 'file'" in m for m in messages)


def test_manifest_as_a_bare_list_still_reads():
    entries, issues = check_manifest(b"- doc_id: a\n  source: Wire\n")
    assert entries == [{"doc_id": "a", "source": "Wire"}] and issues == []


def test_cli_build_survives_bad_config_and_reports_it(tmp_path):
    """An actors.yaml entry without a name crashed the build with a raw traceback."""
    folder = _corpus(
        tmp_path,
        actors_yaml=b"actors:\n  - type: state\n",
        themes_yaml=b"themes: 3\n",
        manifest_yaml=BILLION_LAUGHS,
    )
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "build", "--corpus", str(folder), "--out", str(tmp_path / "out")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "2 documents" in result.stdout
    assert "actors.yaml: line 2: actors[0] has no 'name'" in result.stderr
    assert "themes.yaml: line 1" in result.stderr and "manifest.yaml: line 1" in result.stderr
    mentions = (tmp_path / "out" / "mentions.csv").read_text()
    assert "Turkey" in mentions and "Hezbollah" in mentions  # the default gazetteer did the work


def test_the_app_keeps_its_way_back_to_the_default_corpus(tmp_path):
    """With a broken actors.yaml the app crashed before drawing the way back."""
    folder = _corpus(tmp_path, actors_yaml=b"actors:\n  - type: state\n", themes_yaml=b"themes: !!set {a}\n")
    at = AppTest.from_file("../app.py", default_timeout=120)
    at.session_state["corpus_path"] = str(folder)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    report = [df.value for df in at.dataframe if "message" in df.value.columns]
    assert report and {"actors.yaml", "themes.yaml"} <= set(report[0]["file"])
    back = [b for b in at.sidebar.button if b.label == "Back to the default corpus"]
    assert back
    back[0].click().run()
    assert not at.exception
    assert at.session_state["corpus_path"] == str(SEEDS)
    assert {m.label: m.value for m in at.metric}["Documents"] == "4"


def test_a_corpus_that_cannot_be_analysed_still_offers_the_way_back(tmp_path, monkeypatch):
    """Whatever fails while analysing an uploaded corpus, the page says so and offers the default."""
    import analysis.bundle

    def broken(*args, **kwargs):
        raise RuntimeError("stage exploded")

    folder = _corpus(tmp_path)
    (folder / "c.txt").write_text(f"A text never analysed before: {uuid.uuid4()}.")  # not in the build cache
    monkeypatch.setattr(analysis.bundle, "analyse", broken)
    at = AppTest.from_file("../app.py", default_timeout=120)
    at.session_state["corpus_path"] = str(folder)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("could not be analysed" in e.value and "stage exploded" in e.value for e in at.error)
    monkeypatch.undo()
    at.button(key="back_after_error").click().run()
    assert not at.exception
    assert {m.label: m.value for m in at.metric}["Documents"] == "4"


def test_folder_config_is_validated_once_per_content(tmp_path):
    folder = _corpus(tmp_path, actors_yaml=(SEEDS / "actors.yaml").read_bytes())
    start = time.perf_counter()
    for _ in range(200):
        Config.for_corpus(folder)
    assert time.perf_counter() - start < 2  # every page run asks; parsing each time would cost ~50 ms


def test_load_corpus_of_the_seeds_has_no_config_problem():
    assert load_corpus(SEEDS).problems == [] and Config.for_corpus(SEEDS).problems == ()
