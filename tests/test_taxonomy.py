"""Taxonomies that fit: cues that need context, and what the Overview says about the fit."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analysis.bundle import DEFAULT_CONFIG_DIR, Config, build_bundle
from analysis.nlp import blank_pipeline
from analysis.themes import Taxonomy, actor_names, one_cue_themes, theme_fit, untagged_share
from analysis.yamlconfig import check_config

WIRE = Path(__file__).parent / "fixtures" / "wire_desk"
REGIONAL = {
    "Israel's international standing", "Defence industry and exports", "Normalisation and the Abraham Accords",
    "October 7 and the Gaza war", "The US alliance", "Alliance theory", "Cyber and technology",
}  # fmt: skip


@pytest.fixture(scope="module")
def wire(tmp_path_factory):
    return build_bundle(WIRE, tmp_path_factory.mktemp("wire"))


def _themes_of(bundle) -> dict[str, set[str]]:
    themes = bundle.passage_themes.groupby("passage_id")["theme"].agg(set).to_dict()
    return {pid: themes.get(pid, set()) for pid in bundle.body["passage_id"]}


def test_a_generic_cue_no_longer_pulls_an_unrelated_passage_into_a_regional_theme(wire):
    """The seeds' own taxonomy on general news: 'human rights' about China, Rafael Nadal, Walt Disney,
    Saudi oil, a football 'massacre', Donald Trump's Apprentice tag no regional theme (with the taxonomy
    before context cues they tagged six); the same words beside Israel still do."""
    themes = _themes_of(wire)
    assert themes == {
        "business-p0000": set(),  # Walt Disney, innovation
        "business-p0001": set(),  # Donald Trump
        "business-p0002": {"Defence industry and exports", "Missile and air defence"},  # Rafael, the Israeli firm
        "sport-p0000": set(),  # Rafael Nadal
        "sport-p0001": set(),  # massacre, hostages, in football
        "world-p0000": set(),  # human rights in China
        "world-p0001": {"Israel's international standing", "The Palestinian question"},  # human rights, Israel
        "world-p0002": set(),  # Saudi Arabia's oil output
    }
    cues = wire.passage_themes.set_index(["passage_id", "theme"])["cues"]
    assert cues[("world-p0001", "Israel's international standing")] == "human rights"
    assert cues[("business-p0002", "Defence industry and exports")] == "orders from;rafael"
    assert wire.problems[["file", "level"]].values.tolist() == [["README.md", "note"]]


def test_the_heatmap_shows_no_regional_theme_from_a_generic_cue(wire):
    from analysis.overview import theme_by_source

    counts = theme_by_source(wire)
    regional = counts[counts["theme"].isin(REGIONAL)]
    assert sorted(zip(regional["theme"], regional["source"], regional["passages"], strict=True)) == [
        ("Defence industry and exports", "Business desk", 1),
        ("Israel's international standing", "World desk", 1),
    ]


def _taxonomy(tmp_path, text: str) -> Taxonomy:
    path = tmp_path / "themes.yaml"
    path.write_text(text)
    return Taxonomy.from_yaml(path)


STANDING = """themes:
  - id: standing
    label: Standing
    cues: [pariah]
    context_cues: [human rights, legitimacy]
    context:
      actors: [Israel]
      cues: [Jerusalem]
"""


@pytest.mark.parametrize(
    ("text", "actors", "expected"),
    [
        ("Human rights groups criticised China.", set(), []),
        ("Human rights groups criticised Israel.", {"Israel"}, [("human rights",)]),  # an actor as context
        ("Human rights in Jerusalem.", set(), [("human rights",)]),  # a context phrase
        ("A pariah over human rights.", set(), [("human rights", "pariah")]),  # the theme's own cue
        ("Legitimacy and human rights at home.", set(), []),  # two context cues are no context
    ],
)
def test_context_cues_count_only_in_context(tmp_path, text, actors, expected):
    taxonomy = _taxonomy(tmp_path, STANDING)
    hits = taxonomy.tag(blank_pipeline().make_doc(text), actors)
    assert [h.cues for h in hits] == expected


def test_min_hits_counts_context_cues_once_in_context(tmp_path):
    taxonomy = _taxonomy(tmp_path, STANDING.replace("cues: [pariah]", "cues: [pariah]\n    min_hits: 2"))
    doc = blank_pipeline().make_doc
    assert taxonomy.tag(doc("Israel's legitimacy and human rights record."), {"Israel"})[0].n_hits == 2
    assert taxonomy.tag(doc("Legitimacy and human rights at home."), set()) == []


def test_the_schema_reads_context_and_refuses_bad_shapes():
    assert check_config("themes.yaml", STANDING.encode()).ok
    bad = check_config("themes.yaml", b"themes:\n  - id: a\n    context: [Israel]\n")
    assert not bad.ok and "themes[0].context must be a mapping" in str(bad.issues[0])
    odd = check_config("themes.yaml", b"themes:\n  - id: a\n    context:\n      actor: [Israel]\n")
    assert odd.ok and "unknown key 'actor'" in str(odd.issues[0])


def test_a_context_actor_missing_from_the_gazetteer_is_reported(tmp_path):
    (tmp_path / "themes.yaml").write_text(STANDING.replace("[Israel]", "[Isreal]"))
    (tmp_path / "a.txt").write_text("Human rights groups criticised Israel.")
    problems = [p for p in Config.for_corpus(tmp_path).problems if p.file == "themes.yaml"]
    assert [p.level for p in problems] == ["warning"]
    assert "'Isreal', which actors.yaml does not list" in problems[0].message


def test_the_seed_taxonomy_names_only_actors_of_the_gazetteer():
    assert Config.for_corpus(DEFAULT_CONFIG_DIR).problems == ()


def test_fit_figures():
    themes = pd.DataFrame(
        {
            "passage_id": ["p1", "p2", "p3", "p4", "p5", "p6", "p1", "p7"],
            "theme": ["Standing"] * 6 + ["Turkey"] * 2,
            "cues": ["human rights"] * 4 + ["human rights;pariah", "pariah", "turkey", "turkey"],
        }
    )
    fit = theme_fit(themes)
    assert fit.to_dict("records")[0] == {
        "theme": "Standing", "passages": 6, "top_cue": "human rights", "alone_cue": "human rights", "alone": 4,
        "share_alone": 0.667,
    }  # fmt: skip
    flagged = one_cue_themes(themes, names={"Turkey"}, min_passages=2)
    assert list(flagged["theme"]) == ["Standing"]  # 'turkey' names an actor: not a generic cue
    passages = pd.DataFrame({"passage_id": [f"p{i}" for i in range(1, 11)], "role": ["body"] * 9 + ["title"]})
    assert untagged_share(passages, themes) == (2, 9)
    assert "Turkey" in actor_names(DEFAULT_CONFIG_DIR / "actors.yaml")


def _plain(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")


def test_the_overview_says_which_taxonomy_and_how_it_fits(tmp_path):
    at = AppTest.from_file("../app.py", default_timeout=120).run()
    [fit] = [_plain(c.value) for c in at.caption if "Themes from" in c.value]
    assert fit == (
        "Themes from the default taxonomy (seeds/themes.yaml, 16 themes). "
        "22% of the body passages in view (23 of 103) carry no theme."
    )
    table = next(d.value for d in at.dataframe if "alone_cue" in d.value.columns)
    assert len(table) == 16 and table["passages"].iloc[0] == 19
    # a corpus with its own taxonomy, one of whose themes owes most passages to one cue
    rights = "  - id: rights\n    label: Rights\n    cues: [human rights, abuses]\n"
    (tmp_path / "themes.yaml").write_text(STANDING.replace("context_cues: [human rights, legitimacy]", "") + rights)
    for i in range(6):
        (tmp_path / f"d{i}.txt").write_text(f"Report {i}.\n\nHuman rights groups met in city number {i}.\n")
    at = AppTest.from_file("../app.py", default_timeout=120)
    at.session_state["corpus_path"] = str(tmp_path)
    at.run()
    [fit] = [_plain(c.value) for c in at.caption if "Themes from" in c.value]
    assert fit.startswith("Themes from this corpus's own themes.yaml (2 themes). 50% of the body passages in view "
                          "(6 of 12) carry no theme.")  # fmt: skip
    assert "“Rights” owes 6 of its 6 passages to the cue “human rights” alone." in fit
