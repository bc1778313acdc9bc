"""A machine without Chromium cannot pass the suite: what needs the renderer fails, saying what to install.

The suite is run again in a child pytest with ``BROWSER_PATH`` pointing nowhere, which hides Chromium
from the chart renderer (``renderer_problem``) and from the browser tests alike. ``--setup-only`` stops
after the fixtures, so this costs seconds: it is the fixtures that decide between running and failing.
"""

from __future__ import annotations

import inspect
import os
import re
import subprocess
import sys

import pytest

from tests.browser import test_pages as browser_pages
from tests.conftest import ROOT

MODULES = ["tests/test_chart_images.py", "tests/test_briefing.py", "tests/browser/test_pages.py"]
# Every test outside tests/browser that draws a PNG, an SVG or a PDF.
NEEDS_RENDERER = {
    "tests/test_chart_images.py::test_every_chart_builder_renders_to_png_offline",
    "tests/test_chart_images.py::test_svg_parses_and_carries_title_caption_and_sources",
    "tests/test_briefing.py::test_pdf_has_title_page_findings_charts_quotes_and_methods",
    "tests/test_briefing.py::test_html_is_self_contained_and_escapes_document_text",
    "tests/test_briefing.py::test_cli_writes_a_filtered_pdf_and_refuses_unknown_names",
}


@pytest.fixture(scope="module")
def without_chromium(tmp_path_factory) -> str:
    env = {**os.environ, "BROWSER_PATH": str(tmp_path_factory.mktemp("empty") / "chromium")}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--setup-only", "-q", "-rA", "-p", "no:cacheprovider"]
        + ["-W", "ignore::pytest.PytestRemovedIn10Warning", *MODULES],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1, result.stdout[-3000:] + result.stderr[-3000:]
    return result.stdout


def _outcomes(output: str, outcome: str) -> set[str]:
    return {m.group(1) for m in re.finditer(rf"^{outcome} (\S+)", output, flags=re.M)}


def test_renderer_tests_fail_loudly_without_chromium(without_chromium):
    out = without_chromium
    assert not _outcomes(out, "SKIPPED") and not _outcomes(out, "XFAIL") and "skipped" not in out.splitlines()[-1]
    errors = _outcomes(out, "ERROR")
    assert {e for e in errors if not e.startswith("tests/browser/")} == NEEDS_RENDERER
    browser_tests = {n for n, _ in inspect.getmembers(browser_pages, inspect.isfunction) if n.startswith("test_")}
    assert {e.split("::")[1].split("[")[0] for e in errors if e.startswith("tests/browser/")} == browser_tests
    # Each failure says what is missing and how to install it.
    assert out.count("make browser-deps") >= len(errors) and out.count("apt-get install chromium") >= len(errors)
    assert f"{len(errors)} errors" in out.splitlines()[-1]
