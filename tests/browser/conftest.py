"""A real dashboard server on 127.0.0.1 and Debian's chromium, headless.

Nothing leaves the machine: chromium's own background traffic is switched off
by its arguments, and every page gets a route guard that aborts (and records)
any request that is not to the local server.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

import pytest

from benchmarks import server
from tests.conftest import INSTALL_RENDERER

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "build" / "screenshots"
# Debian's chromium; BROWSER_PATH overrides it here as it does for the chart renderer, so a
# path that does not exist simulates a machine without Chromium for the whole suite.
CHROMIUM = os.environ.get("BROWSER_PATH") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]  # fmt: skip
LOCAL_PREFIXES = (
    "http://127.0.0.1",
    "ws://127.0.0.1",
    "http://localhost",
    "ws://localhost",
    "data:",
    "blob:",
    "about:",
)


@contextmanager
def serve(*app_args: str, name: str = "browser-server", timeout: float = 90, corpora_dir: Path | None = None):
    """The dashboard on a free 127.0.0.1 port (benchmarks/server.py); a server that does not come
    up fails the test. Uploads the tests keep go to ``corpora_dir`` (FPL_CORPORA_DIR), never into build/."""
    env = {"FPL_CORPORA_DIR": str(corpora_dir)} if corpora_dir else None
    try:
        with server.serve(*app_args, name=name, timeout=timeout, env=env) as url:
            yield url
    except server.ServerError as exc:
        pytest.fail(str(exc), pytrace=False)


@pytest.fixture(scope="session")
def server_url(tmp_path_factory):
    with serve(corpora_dir=tmp_path_factory.mktemp("corpora")) as url:
        yield url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"{CHROMIUM} is missing: the browser tests drive Chromium and fail rather than skip without it: "
            f"{INSTALL_RENDERER}.",
            pytrace=False,
        )
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS, "headless": True}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1400, "height": 1800}, "accept_downloads": True}


@pytest.fixture
def guarded_page(page):
    """A page whose requests may only go to this machine; offenders fail the test."""
    outside: list[str] = []

    def guard(route):
        if route.request.url.startswith(LOCAL_PREFIXES):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    yield page
    assert not outside, f"requests left the machine: {outside}"


def wait_idle(page, timeout: float = 60_000) -> None:
    """Until the script has finished and nothing is running."""
    page.wait_for_selector(
        '[data-testid="stApp"][data-test-script-state="notRunning"][data-test-connection-state="CONNECTED"]',
        timeout=timeout,
    )
    page.wait_for_function("!document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=timeout)
    page.wait_for_timeout(400)


def assert_no_exception(page) -> None:
    boxes = page.locator('[data-testid="stException"]')
    assert boxes.count() == 0, boxes.first.inner_text()


def screenshot(page, name: str) -> Path:
    """The whole page: Streamlit scrolls inside its main pane, so grow the viewport to fit it first."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    size = page.viewport_size
    height = page.evaluate(
        "() => Math.max(...[...document.querySelectorAll('[data-testid=\"stMain\"] *')]"
        ".slice(0, 1).map(e => e.scrollHeight), document.body.scrollHeight)"
    )
    page.set_viewport_size({"width": size["width"], "height": min(max(size["height"], height + 40), 7000)})
    page.wait_for_timeout(800)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(size)
    return path
