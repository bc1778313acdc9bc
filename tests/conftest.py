"""Shared fixtures: the seed corpus, analysed once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit import config as streamlit_config

from analysis.bundle import Bundle, build_bundle
from analysis.structure import segment

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
# .streamlit/config.toml is production ("none": no traceback in the browser). Under AppTest a failing
# page should say why; tests of the production setting set it back themselves.
streamlit_config.set_option("client.showErrorDetails", "full")

SEED_IDS = ["000_323ccbcc8a4f38d4", "001_2f1ca548121d448b", "002_0fbbef5e2591e9a1", "003_7f413ec0a41b8163"]


@pytest.fixture(scope="session")
def seed_bundle(tmp_path_factory) -> Bundle:
    return build_bundle(SEEDS, tmp_path_factory.mktemp("bundle"))


@pytest.fixture(scope="session")
def seed_blocks():
    return {doc_id: segment((SEEDS / f"{doc_id}.txt").read_text(encoding="utf-8")) for doc_id in SEED_IDS}
