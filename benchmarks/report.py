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


def record_scoring(path: Path, figures: dict[str, str], note: str, root: Path) -> None:
    """Append one scoring of a frozen test part (date, commit, figures, why) to its record.

    A test part is scored to report, never to tune; when it is scored again (after more tuning on
    dev), the record keeps every look, so no figure is presented as a first and only one.
    """
    import datetime
    import subprocess

    import pandas as pd

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=root)
    rows = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False) if path.exists() else pd.DataFrame()
    row = {
        "scoring": str(len(rows) + 1),
        "date": datetime.date.today().isoformat(),
        "commit": commit.stdout.strip() or "unknown",
        **figures,
        "note": note,
    }
    pd.concat([rows, pd.DataFrame([row])]).to_csv(path, sep="\t", index=False)


def scorings_lines(path: Path) -> list[str]:
    """The record of every scoring of a test part, as a Markdown table."""
    if not path.exists():
        return []
    import pandas as pd

    rows = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False)
    columns = list(rows.columns)
    lines = [
        "",
        "### Every scoring of the frozen test part",
        "",
        "| " + " | ".join(c.replace("_", " ") for c in columns) + " |",
        "|" + "---|" * len(columns),
    ]
    lines += ["| " + " | ".join(str(v) for v in r) + " |" for r in rows.itertuples(index=False)]
    return lines
