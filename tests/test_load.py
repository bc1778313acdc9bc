"""A small, bounded version of the load benchmark (benchmarks/load.py): several sessions at once
switching pages and filters against a real server on 127.0.0.1, which stops by itself.

No timing is asserted here (two shared cores make timings noisy; the figures are in
docs/benchmarks.md): what must hold is that every step of every session reaches the page it asked
for, with the filters it set, and no error.
"""

from __future__ import annotations

import re

from benchmarks.load import PAGES, run_load
from benchmarks.server import running
from tests.conftest import SEEDS

TITLES = {"": "🧭 Overview", "Reader": "📖 Reader", "Topics": "🧩 Topics", "Stance": "⚖️ Stance",
          "Timeline": "🗓️ Timeline", "Briefing": "📄 Briefing"}  # fmt: skip


def _plain(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")


def test_concurrent_sessions_switch_pages_and_filters_without_errors():
    with running("--corpus", str(SEEDS), name="test-load") as server:
        steps = run_load(server, sessions=4, steps=6, think=0.2, seed=1, timeout=120).steps
    assert [s.errors for s in steps if s.errors] == []
    assert len(steps) == 4 * 7  # the first page and 6 steps each, none lost
    assert {s.action for s in steps} == {"open", "page", "filter"}
    by_page = {page or "Overview": title for page, title in TITLES.items()}
    assert all(s.title == by_page[s.page] for s in steps), [(s.page, s.title) for s in steps]
    visited = {s.page for s in steps}
    assert len(visited) >= 4, visited
    # Every step shows the filters its session set, kept across page switches (the Reader has no caption).
    shown = [(s, _plain(s.filters)) for s in steps if s.page != "Reader"]
    assert all(text.startswith(_described(s.chosen)) for s, text in shown), shown
    assert any(s.chosen["w_sources"] or s.chosen["w_themes"] for s, _ in shown)  # some steps did filter


def _described(chosen: dict[str, list[str]]) -> str:
    """What Filters.describe says of these values (written out here, not by the code under test)."""
    parts = [f"{name}: {', '.join(chosen[key])}" for key, name in (("w_sources", "sources"), ("w_themes", "themes"))
             if chosen[key]]  # fmt: skip
    return "; ".join(parts) if parts else "all documents"


def test_every_page_of_the_benchmark_is_an_app_page():
    assert set(PAGES) == set(TITLES)
