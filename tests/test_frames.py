"""Quick paths that must answer exactly as the plain ones do."""

from __future__ import annotations

import random

import numpy as np
import pandas as pd

from analysis.filters import Filters, apply_filters
from analysis.frames import isin, rows_where


def test_isin_matches_pandas_on_text_columns_with_gaps():
    rng = random.Random(3)
    ids = [f"d{rng.randint(0, 400)}" if rng.random() > 0.05 else None for _ in range(3000)]
    for series in (pd.Series(ids, dtype="str"), pd.Series(ids, dtype=object)):
        for wanted in ({f"d{i}" for i in range(0, 400, 3)}, [f"d{i}" for i in range(50)] + [None], ()):
            assert isin(series, wanted).tolist() == series.isin(list(wanted)).tolist()
    column = pd.Series(ids, dtype="str")
    values = pd.Series([f"d{i}" for i in range(100)] + [None], dtype="str")
    assert isin(column, values).tolist() == column.isin(values).tolist()


def test_no_filter_is_no_work(seed_bundle):
    assert apply_filters(seed_bundle, Filters()) is seed_bundle
    one = apply_filters(seed_bundle, Filters(sources=("Op-ed",)))
    assert set(one.documents["source"]) == {"Op-ed"}
    assert set(one.passages["doc_id"]) == set(one.documents["doc_id"])


def test_rows_where_is_boolean_selection_on_every_table(seed_bundle):
    """Selected in Arrow, the same frame as ``frame[mask]``: index, dtypes, values, gaps and all."""
    rng = random.Random(5)
    for name in ("documents", "passages", "sentences", "mentions", "stance", "stance_evidence", "events"):
        frame = getattr(seed_bundle, name)
        for share in (0.0, 0.3, 1.0):
            mask = pd.Series([rng.random() < share for _ in range(len(frame))], index=frame.index)
            pd.testing.assert_frame_equal(rows_where(frame, mask), frame[mask])
            selected = frame[mask]
            every_other = np.arange(len(selected)) % 2 == 0
            pd.testing.assert_frame_equal(rows_where(selected, every_other), selected[every_other])
    mixed = pd.DataFrame({"a": ["x", None, "z"], "b": [1.5, None, 3.0], "c": [True, False, True], "o": [1, "y", None]})
    pd.testing.assert_frame_equal(rows_where(mixed, [True, False, True]), mixed[[True, False, True]])
