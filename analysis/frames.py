"""Small DataFrame helpers the build and the filters share, chosen for speed at scale."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc


def isin(series: pd.Series, values: Iterable) -> pd.Series:
    """``series.isin(values)``, quick on text columns.

    pandas 3 stores text in Arrow, and its ``isin`` against a few hundred thousand ids took
    over a second (50k documents: 16.6 s per page run for nine of them); Arrow's own
    ``is_in`` answers the same in a few hundredths. Other columns take pandas' path.
    """
    if _arrow_text(series):
        column = pa.array(series.array)
        if isinstance(values, (pd.Series, pd.Index)) and _arrow_text(values):
            wanted = pa.array(values.array).cast(column.type)  # a column of ids: no Python objects
            values = [None] if values.hasnans else []
        else:
            values = list(values)
            wanted = pa.array([v for v in values if isinstance(v, str)], type=column.type)
        mask = pc.is_in(column, value_set=wanted).to_numpy(zero_copy_only=False)
        if series.hasnans and any(v is None or v != v for v in values):
            mask = mask | series.isna().to_numpy()
        return pd.Series(mask, index=series.index, dtype=bool)
    return series.isin(list(values) if isinstance(values, (set, frozenset)) else values)


def _arrow_text(values: pd.Series | pd.Index) -> bool:
    return isinstance(values.dtype, pd.StringDtype) and values.dtype.storage == "pyarrow"
