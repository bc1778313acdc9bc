"""A chart shows what the tables hold: expected values counted here from the bundle's tables,
never with the functions that feed the chart."""

from __future__ import annotations

from collections import Counter

import pytest

from analysis import charts
from analysis.filters import Filters, apply_filters

POINT = ("day", "week", "month", "season", "year")  # within one year; ranges, decades, centuries span several


def _density_cells(fig) -> tuple[list[int], dict[tuple[str, int], int]]:
    heat = fig.data[0]
    assert heat.type == "heatmap"
    cells = {
        (lane, int(year)): int(count)
        for lane, row in zip(heat.y, heat.z, strict=True)
        for year, count in zip(heat.x, row, strict=True)
        if count
    }
    return [int(x) for x in heat.x], cells


@pytest.mark.parametrize("lane", ["source", "theme"])
def test_timeline_density_counts_each_point_dated_mention_once_in_its_year(seed_bundle, lane):
    view = apply_filters(seed_bundle, Filters())
    fig = charts.timeline(view, Filters(), {}, lane=lane, max_drawn=10)  # past the limit: counts, not bars
    years, cells = _density_cells(fig)

    events = seed_bundle.events
    resolved = events[events["resolved"].astype(bool)]
    point = resolved[resolved["precision"].isin(POINT)]
    assert (point["date_start"].str[:4] == point["date_end"].str[:4]).all()
    if lane == "theme":
        point = point.assign(theme=point["themes"].replace("", "(no theme)").str.split(";")).explode("theme")
    expected = Counter(zip(point[lane], point["date_start"].str[:4].astype(int), strict=True))
    assert cells == dict(expected)
    assert years == list(range(1949, 2025))  # every year from the first to the last, empty ones included
    if lane == "source":
        assert len(resolved) == 53 and sum(cells.values()) == 42 and cells[("Csepregi (academic)", 2022)] == 10
        assert "11 ranges, decades and centuries are not counted" in fig.layout.meta["caption"]
