"""Opening a page under Streamlit's AppTest as a visitor following a link would."""

from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest


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
