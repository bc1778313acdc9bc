"""Quick paths that must answer exactly as the plain ones do."""

from __future__ import annotations

import random

import pandas as pd

from analysis.filters import Filters, apply_filters
from analysis.frames import isin


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
