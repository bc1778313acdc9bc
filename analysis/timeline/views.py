"""What the Timeline page shows besides its chart, as queries over a (filtered) bundle.

Each is a pure function of the view and the page's choices, so the page computes it once per filter
state (on 50,000 documents these took over a second on every run of the page).
"""

from __future__ import annotations

from collections.abc import Collection

import pandas as pd

from analysis.bundle import Bundle
from analysis.timeline.group_membership import groups_with_events

OFFERED_EVENTS = 500  # events listed in the page's event picker (every disputed one, then the most told)
SENTENCES_SHOWN = 50  # an event's sentences drawn under the picker (wire copy can tell one event thousands of times)
DISPUTES_LISTED = 12  # disputed events the page names in its warning (a large corpus has thousands)


def visible_groups(view: Bundle, events: pd.DataFrame) -> pd.DataFrame:
    """The event groups with at least one of ``events`` (the mentions drawn under the page's choices)."""
    return groups_with_events(view.event_groups, events)


def offered_groups(shown: pd.DataFrame, keep: Collection[str] = (), limit: int = OFFERED_EVENTS) -> pd.DataFrame:
    """The groups an event picker lists: every disputed one, then the most told, up to ``limit``, plus
    those in ``keep`` (the one the analyst opened, by a click or a link), in date order. A list of every event
    of a large corpus (100,000 at 50,000 documents) is sent to the browser on every run and cannot be
    read; a click on the chart opens any event."""
    if len(shown) <= limit:
        return shown
    ranked = shown.sort_values(["discrepancy", "n_mentions", "group_id"], ascending=[False, False, True])
    chosen = set(ranked["group_id"].head(limit)) | set(keep)
    return shown[shown["group_id"].isin(chosen)]


def disputed(shown: pd.DataFrame, limit: int = DISPUTES_LISTED) -> tuple[pd.DataFrame, int]:
    """The disputed groups to name (the most told first, at most ``limit``) and how many there are in all:
    at 50,000 news documents 6,403 events are disputed, and naming each made a page 370,000 px long."""
    disc = shown[shown["discrepancy"].astype(bool)]
    listed = disc.sort_values(["n_mentions", "group_id"], ascending=[False, True]).head(limit)
    return listed, len(disc)


def shorten(text: str, limit: int = 240) -> str:
    """``text`` cut at a word before ``limit`` characters, with a mark saying how much was left out: an event
    told in thousands of news items lists thousands of dates, and a line of them helps no one."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return f"{cut} … ({len(text) - len(cut):,} more characters)"


def undated_rows(view: Bundle) -> pd.DataFrame:
    """Event clauses told without a date, and relative dates left unresolved (the document is undated or
    its date too coarse), as one table."""
    columns = ["doc_id", "source", "passage_id", "sentence_id", "event", "sentence", "actors", "date_text"]
    unresolved = view.events[~view.events["resolved"].astype(bool)]
    return pd.concat(
        [
            view.undated_events.assign(date_text="(no date)")[columns],
            unresolved.assign(date_text=unresolved["date_text"] + " (unresolved: " + unresolved["note"] + ")")[columns],
        ],
        ignore_index=True,
    )
