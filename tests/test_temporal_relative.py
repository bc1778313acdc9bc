"""Relative dates told against the publication date (#11, relative kind). Made-up sentences; the
publication date is Friday 12 July 2024 unless given."""

from __future__ import annotations

import pytest

from tests.test_temporal import _scheme, _value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # numbers past twelve, written out and hyphenated, count in full
        ("Sixty-two years ago today, the republic was proclaimed.", "1962-07-12"),
        ("Thirty years ago, the border opened.", "1994"),
        ("Forty-five years ago, the embassy was seized.", "1979"),
        # "exactly" makes the anniversary day, as "ago today" does
        ("Exactly one month ago, the envoy resigned.", "2024-06-12"),
        ("Exactly two weeks ago, the ministers met in Rome.", "2024-06-28"),
        ("Two weeks ago, the ministers met in Rome.", "2024-W26"),
    ],
)
def test_counted_back_from_the_publication_date(text, value):
    assert _value(text) == _scheme(value)
