"""The Overview's counts three ways on one loaded bundle: filtered tables in pandas, facet cells, DuckDB.

usage: .venv/bin/python -m benchmarks.facets --bundle /tmp/fpl-scale/facets50000 [--label 50k] [--repeat 3]

For each filter shape, the time to get the headline totals, the volume, theme and actor tables
(1) as the pages did: ``apply_filters`` then :mod:`analysis.overview`; (2) from the ``facets``
cells where they can answer; (3) in DuckDB over the bundle's Parquet files. Medians of
``--repeat`` runs, all in one process one after the other (compare the ratios, not the seconds).
Every answer is checked equal to the pandas one before it is timed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import pandas as pd

from analysis import facet_query as fq
from analysis import overview
from analysis.bundle import load_bundle
from analysis.filters import Filters, apply_filters
from benchmarks.report import machine, write_section

ROOT = Path(__file__).resolve().parents[1]
FIGURES = ("totals", "volume", "themes", "actors")


def _pandas(bundle, filters: Filters) -> dict:
    view = apply_filters(bundle, filters)
    return {
        "totals": overview.totals(view),
        "volume": overview.volume_by_source(view),
        "themes": overview.theme_by_source(view),
        "actors": overview.actor_counts(view),
    }


def _query(bundle, filters: Filters, via: str) -> dict:
    calls = {
        "totals": fq.totals,
        "volume": fq.volume_by_source,
        "themes": fq.theme_by_source,
        "actors": fq.actor_counts,
    }
    return {
        name: calls[name](bundle, filters, via=via) for name in FIGURES if via != fq.CUBE or _cube_ok(filters, name)
    }


def _cube_ok(filters: Filters, figure: str) -> bool:
    return fq.route(filters, figure) == fq.CUBE


def _equal(a, b) -> bool:
    if isinstance(a, pd.DataFrame):
        return (a.empty and b.empty) or a.reset_index(drop=True).equals(b.reset_index(drop=True))
    return a == b


def _timed(run, repeat: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = run()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), out


def shapes(bundle) -> dict[str, Filters]:
    sources = sorted(bundle.documents["source"].unique())
    themes = list(bundle.passage_themes["theme"].value_counts().index[:2])
    actors = list(bundle.mentions["actor"].value_counts().index[:2])
    return {
        "no filter": Filters(),
        "two sources": Filters(sources=tuple(sources[:2])),
        "years 2010-2015": Filters(year_from=2010, year_to=2015),
        "one theme": Filters(themes=tuple(themes[:1])),
        "one theme, one actor": Filters(themes=tuple(themes[:1]), actors=tuple(actors[:1])),
        "two themes": Filters(themes=tuple(themes)),
        "two actors, two sources": Filters(actors=tuple(actors), sources=tuple(sources[:2])),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.facets", description=__doc__)
    parser.add_argument("--bundle", type=Path, required=True)
    parser.add_argument("--label", default="")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    args = parser.parse_args(argv)
    load_before = os.getloadavg()[0]
    t0 = time.perf_counter()
    bundle = load_bundle(args.bundle)
    load_s = time.perf_counter() - t0
    n_docs = len(bundle.documents)
    rows = []
    for name, filters in shapes(bundle).items():
        pandas_s, want = _timed(lambda f=filters: _pandas(bundle, f), args.repeat)
        cells = {}
        for via in (fq.CUBE, fq.DATABASE):
            seconds, got = _timed(lambda f=filters, v=via: _query(bundle, f, v), args.repeat)
            if not all(_equal(got[k], want[k]) for k in got):
                print(f"{name}: {via} differs from the filtered tables", file=sys.stderr)
                return 1
            cells[via] = (seconds, len(got))
        cube_s, n_cube = cells[fq.CUBE]
        rows.append(
            f"| {name} | {pandas_s:.3f} | "
            + (f"{cube_s:.3f} ({n_cube} of 4)" if n_cube else "—")
            + f" | {cells[fq.DATABASE][0]:.3f} |"
        )
        print(rows[-1], file=sys.stderr)
    label = args.label or f"{n_docs // 1000}k"
    lines = [
        f"## Overview counts on {n_docs:,} documents: pandas, facets, DuckDB ({label})",
        "",
        f"`python -m benchmarks.facets --bundle … --label {label}`; {machine()}; load average "
        f"{load_before:.1f} before, {os.getloadavg()[0]:.1f} after; bundle loaded in {load_s:.1f} s; "
        f"{len(bundle.facets):,} facet cells. Seconds (median of {args.repeat}) to get the headline totals and "
        "the volume, theme and actor tables under each filter: as the pages did (`apply_filters`, then the "
        "pandas aggregates), from the build-time facet cells (those of the four figures the cells can answer), "
        "and in DuckDB over the bundle's Parquet files (all four). Every answer equals the pandas one.",
        "",
        "| filter | pandas (filtered tables) | facet cells | DuckDB on Parquet |",
        "|---|---|---|---|",
        *rows,
    ]
    write_section(args.out, f"facets-{label}", lines)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
