"""Shared fixtures: the seed corpus, analysed once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit import config as streamlit_config
from streamlit.testing.v1 import AppTest

from analysis.bundle import DEFAULT_CONFIG_DIR, Bundle, build_bundle
from analysis.gazetteer import Gazetteer
from analysis.nlp import blank_pipeline
from analysis.plotting.export import renderer_problem
from analysis.stance.lexicon import StanceLexicon
from analysis.stance.parser import load_parser, parse_text
from analysis.stance.scorer import AUTHOR, SentenceContext, score_sentence
from analysis.structure import segment
from analysis.textnorm import normalise_for_matching

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
# .streamlit/config.toml is production ("none": no traceback in the browser). Under AppTest a failing
# page should say why; tests of the production setting set it back themselves.
streamlit_config.set_option("client.showErrorDetails", "full")

SEED_IDS = ["000_323ccbcc8a4f38d4", "001_2f1ca548121d448b", "002_0fbbef5e2591e9a1", "003_7f413ec0a41b8163"]
# What a test needing Chromium says when there is none. `make test` installs it (browser-deps);
# a test that needs it fails rather than skips, so a machine without it cannot pass the suite
# with the chart images, PDF briefings and browser tests untested.
INSTALL_RENDERER = "install it with `make browser-deps` (Debian: `sudo apt-get install chromium fonts-liberation`)"


@pytest.fixture(scope="session")
def seed_bundle(tmp_path_factory) -> Bundle:
    return build_bundle(SEEDS, tmp_path_factory.mktemp("bundle"))


@pytest.fixture(scope="session")
def seed_blocks():
    return {doc_id: segment((SEEDS / f"{doc_id}.txt").read_text(encoding="utf-8")) for doc_id in SEED_IDS}


def require_renderer() -> None:
    """Fail, never skip, when chart images cannot be drawn here (no kaleido or no Chromium).

    Setting ``BROWSER_PATH`` to a path that does not exist hides Chromium from the renderer and
    from the browser tests alike: that is how a machine without it is simulated.
    """
    problem = renderer_problem()
    if problem:
        pytest.fail(
            f"{problem} The README promises chart images and PDF briefings, so this test fails rather than "
            f"skips: {INSTALL_RENDERER}.",
            pytrace=False,
        )


@pytest.fixture(scope="session")
def renderer() -> None:
    """Request this in every test that draws an image (PNG, SVG, PDF): see :func:`require_renderer`."""
    require_renderer()


def open_page(page: str | None, params: dict[str, str], corpus: str | None = None) -> AppTest:
    """A page under AppTest as a URL opens it: the query parameters read on the session's first run
    (the Overview) and again on the page; ``corpus`` the active corpus (default: the seeds)."""
    at = AppTest.from_file("../app.py", default_timeout=120)
    if corpus:
        at.session_state["corpus_path"] = corpus
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(page)
        for key, value in params.items():
            at.query_params[key] = value
        at.run()
    return at


@pytest.fixture(scope="session")
def stance():
    """The stance scorer on one made-up sentence (tests/test_stance*.py): ``stance(text)`` →
    {(actor, voice): score} for every actor the gazetteer finds."""
    lexicon = StanceLexicon.from_yaml(DEFAULT_CONFIG_DIR / "stance_cues.yaml")
    gazetteer = Gazetteer.from_yaml(DEFAULT_CONFIG_DIR / "actors.yaml")
    nlp = load_parser()

    def run(text: str, own: tuple[str, ...] = (), kind: str = "") -> dict[tuple[str, str], float]:
        found = gazetteer.find(blank_pipeline().make_doc(normalise_for_matching(text)), text)
        mentions = [(m.actor, m.start, m.end) for m in found]
        rows = score_sentence(nlp(parse_text(text)), mentions, lexicon, SentenceContext(frozenset(own), kind))
        return {(r.actor, r.voice): r.score for r in rows}

    return run


def author(scores: dict[tuple[str, str], float], actor: str) -> float:
    """The author's score of ``actor`` in a ``stance(...)`` result."""
    return scores[(actor, AUTHOR)]
