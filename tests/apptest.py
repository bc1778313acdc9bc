"""Opening a page under Streamlit's AppTest as a visitor following a link would."""

from __future__ import annotations

import json
import re

from streamlit.testing.v1 import AppTest

APP = "../app.py"


def app() -> AppTest:
    """The app under AppTest, not yet run: a visitor arriving on the Overview."""
    return AppTest.from_file(APP, default_timeout=60)


def open_page(page: str | None, **params) -> AppTest:
    """A first visit straight to ``page`` (None: the Overview) with this query string; fails on an exception."""
    from tests.conftest import open_page as open_with

    at = open_with(page, params)
    assert not at.exception, [e.value for e in at.exception]
    return at


def plain(markdown: str) -> str:
    """Text as the page shows it: Markdown backslash escapes and word joiners removed."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")


def url(at: AppTest) -> dict[str, list[str]]:
    """The URL's query string as the page left it (values as lists)."""
    return {k: (v if isinstance(v, list) else [v]) for k, v in at.query_params.items()}


def no_exception(at: AppTest) -> None:
    """Fails, naming them, when the script raised."""
    assert not at.exception, [e.value for e in at.exception]


def metrics(at: AppTest) -> dict[str, str]:
    """The page's metrics, label to value as shown."""
    return {m.label: m.value for m in at.metric}


def charts(at: AppTest) -> dict[str, dict]:
    """Every plotly chart on the page as the JSON the browser receives, by its key."""
    return {el.key: json.loads(el.proto.spec) for el in at.get("plotly_chart")}


def download_labels(at: AppTest) -> list[str]:
    """The labels of the page's download buttons, in page order."""
    return [b.proto.label for b in at.get("download_button")]
