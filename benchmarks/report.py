"""docs/benchmarks.md holds one section per benchmark; each run rewrites only its own.

A section sits between ``<!-- bench:NAME -->`` and ``<!-- /bench:NAME -->``, so the
topic benchmark (12 minutes) and the export benchmark (under a minute) can be rerun
apart without erasing each other's figures.
"""

from __future__ import annotations

import platform
import re
from pathlib import Path

HEADER = [
    "# Benchmarks",
    "",
    "Run on demand, never as a timed test: `make bench` runs them all (`.venv/bin/python -m benchmarks.topics_bbc`, "
    "`.venv/bin/python -m benchmarks.exports`, `.venv/bin/python -m benchmarks.load`). "
    "Each section is from one run on this project's machine kind; "
    "compare ratios within a run.",
    "",
]


def machine() -> str:
    return f"{platform.machine()}, 2 cores, Python {platform.python_version()}"


def write_section(path: Path, name: str, lines: list[str]) -> None:
    """Replace (or append) the section ``name``, keeping every other section as it was."""
    block = f"<!-- bench:{name} -->\n" + "\n".join(lines).rstrip("\n") + f"\n<!-- /bench:{name} -->\n"
    text = path.read_text(encoding="utf-8") if path.exists() else "\n".join(HEADER) + "\n"
    pattern = re.compile(rf"<!-- bench:{name} -->\n.*?<!-- /bench:{name} -->\n", re.S)
    text = pattern.sub(lambda _: block, text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + block
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
