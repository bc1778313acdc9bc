"""Publication dates, kept only as precise as the evidence allows."""

from __future__ import annotations

import datetime
import re

import pandas as pd

_PARTIAL = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
# pandas reads "today" and "now" as the current date: a document would be dated by the day of the
# analysis. Only a value that states its own year is read.
_HAS_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")


def normalise_published(value: str) -> tuple[str, str]:
    """Return (ISO date of the stated precision, warning or '').

    "2024", "2024-08" and "2024-08-15" pass unchanged; anything else is parsed
    to a day; an unreadable value is dropped with a warning rather than guessed,
    and so is a value without a year of its own ("today", "now", "Thursday"):
    no document is ever dated by the day it is analysed.
    """
    value = (value or "").strip()
    if not value:
        return value, ""
    if _PARTIAL.match(value):
        # The shape is not enough: "9999-99-99" or "2024-02-30" would reach every date computation.
        parts = [int(p) for p in value.split("-")]
        try:
            datetime.date(parts[0], *(parts[1:] + [1] * (3 - len(parts))))
        except ValueError:
            return "", f"published date '{value}' is not a real date; left empty"
        return value, ""
    if not _HAS_YEAR.search(value):
        return "", f"published date '{value}' gives no year; left empty"
    parsed = pd.to_datetime(value, errors="coerce", utc=True)
    if pd.isna(parsed):
        return "", f"published date '{value}' could not be read; left empty"
    return parsed.strftime("%Y-%m-%d"), ""


def precision_of(published: str) -> str:
    """'day', 'month', 'year' or '' for an ISO-style partial date."""
    return {10: "day", 7: "month", 4: "year"}.get(len(published or ""), "")
