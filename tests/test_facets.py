"""The build-time facets and the queries over them give the figures of the filtered tables.

Every Overview figure the facets or DuckDB answer is compared with :mod:`analysis.overview` on
``apply_filters``' view, for filters of every shape, by both routes where the cells allow it, and
from the frames in memory as from the Parquet files of a loaded bundle.
"""

from __future__ import annotations

import copy
import itertools
from dataclasses import replace

import pandas as pd
import pytest

from analysis import facet_query as fq
from analysis import overview
from analysis.bundle import Bundle, load_bundle, write_bundle
from analysis.facets import FACET_COLUMNS, facet_counts
from analysis.filters import Filters, apply_filters


@pytest.fixture(scope="module")
def loaded(seed_bundle, tmp_path_factory) -> Bundle:
    folder = tmp_path_factory.mktemp("facets") / "bundle"
    write_bundle(seed_bundle, folder)
    return load_bundle(folder)


def _filter_sets(bundle: Bundle) -> list[Filters]:
    sources = sorted(bundle.documents["source"].unique())
    themes = list(bundle.passage_themes["theme"].value_counts().index[:3])
    actors = list(bundle.mentions["actor"].value_counts().index[:3])
    years = sorted({p[:4] for p in bundle.documents["published"] if p})
    out = [Filters()]
    for s, t, a in itertools.product(
        [(), (sources[0],), tuple(sources[1:3])],
        [(), (themes[0],), (themes[1], themes[2])],
        [(), (actors[0],), (actors[1], actors[2])],
    ):
        out.append(Filters(sources=s, themes=t, actors=a))
    out.append(Filters(year_from=int(years[-1]), include_undated=False))
    out.append(Filters(year_to=int(years[0]), themes=(themes[0],)))
    out.append(Filters(year_from=int(years[-1]), year_to=int(years[-1]), actors=(actors[0],)))
    out.append(Filters(sources=("no such source",)))
    out.append(Filters(themes=(themes[0],), actors=("no such actor",)))
    return out


def _expected(bundle: Bundle, filters: Filters) -> dict:
    view = apply_filters(bundle, filters)
    return {
        "totals": overview.totals(view),
        "volume": overview.volume_by_source(view),
        "themes": overview.theme_by_source(view),
        "actors": overview.actor_counts(view),
    }


def _answer(bundle: Bundle, filters: Filters, figure: str, via: str):
    call = {
        "totals": fq.totals,
        "volume": fq.volume_by_source,
        "themes": fq.theme_by_source,
        "actors": fq.actor_counts,
    }[figure]
    return call(bundle, filters, via=via)


def _same(got, want) -> None:
    if isinstance(want, pd.DataFrame):
        if want.empty:
            assert got.empty and list(got.columns) == list(want.columns)
        else:
            pd.testing.assert_frame_equal(got, want, check_dtype=False, check_index_type=False)
            assert [str(t) for t in got.dtypes] == [str(t) for t in want.dtypes]
    else:
        assert got == want


@pytest.mark.parametrize("figure", ["totals", "volume", "themes", "actors"])
def test_both_routes_equal_the_filtered_tables(seed_bundle, figure):
    checked = {fq.CUBE: 0, fq.DATABASE: 0}
    for filters in _filter_sets(seed_bundle):
        want = _expected(seed_bundle, filters)[figure]
        routes = [fq.DATABASE] + ([fq.CUBE] if fq.route(filters, figure) == fq.CUBE else [])
        for via in routes:
            _same(_answer(seed_bundle, filters, figure, via), want)
            checked[via] += 1
    assert checked[fq.CUBE] >= 8 and checked[fq.DATABASE] >= 30


def test_parquet_files_answer_as_the_frames(loaded):
    assert loaded.folder is not None and fq._parquet_files(loaded) is not None
    for filters in _filter_sets(loaded)[::3]:
        want = _expected(loaded, filters)
        for figure in ("totals", "volume", "themes", "actors"):
            _same(_answer(loaded, filters, figure, fq.DATABASE), want[figure])


def test_parquet_files_replaced_fall_back_to_frames(loaded, tmp_path):
    moved = replace(loaded, folder=tmp_path / "gone")
    assert fq._parquet_files(moved) is None
    rebuilt = tmp_path / "rebuilt"  # the same folder written again by another build: other hashes
    write_bundle(replace(loaded, passages=loaded.passages.iloc[:10], info=copy.deepcopy(loaded.info)), rebuilt)
    assert fq._parquet_files(replace(loaded, folder=rebuilt)) is None
    two = Filters(actors=tuple(loaded.mentions["actor"].value_counts().index[:2]))
    _same(fq.totals(moved, two, via=fq.DATABASE), _expected(loaded, two)["totals"])


def test_cells_where_one_theme_or_actor_cannot_answer():
    assert fq.route(Filters(themes=("a", "b")), "totals") == fq.DATABASE
    assert fq.route(Filters(themes=("a",)), "themes") == fq.DATABASE
    assert fq.route(Filters(actors=("a",)), "actors") == fq.DATABASE
    assert fq.route(Filters(sources=("x", "y"), year_from=2001, themes=("a",), actors=("b",)), "volume") == fq.CUBE


def test_filter_values_are_parameters_not_sql(seed_bundle):
    hostile = Filters(sources=("x') OR 1=1 --",), actors=("Israel'; DROP TABLE passages; --", "NATO"))
    got = fq.totals(seed_bundle, hostile)
    assert got == _expected(seed_bundle, hostile)["totals"]
    assert got.passages == 0


def test_facets_table_is_stored_and_whole(seed_bundle, loaded):
    assert list(seed_bundle.facets.columns) == FACET_COLUMNS
    pd.testing.assert_frame_equal(loaded.facets, seed_bundle.facets)
    everything = seed_bundle.facets.query("theme == '' and actor == ''")
    assert int(everything["sentences"].sum()) == len(seed_bundle.sentences)
    assert int(everything["mentions"].sum()) == len(seed_bundle.mentions)
    # the same tables give the same cells, in the same order
    again = facet_counts(
        seed_bundle.documents,
        seed_bundle.passages,
        seed_bundle.sentences,
        seed_bundle.mentions,
        seed_bundle.passage_themes,
        seed_bundle.events,
    )
    pd.testing.assert_frame_equal(again, seed_bundle.facets)
    # a filtered view keeps the whole table: queries apply the filters
    assert apply_filters(seed_bundle, Filters(sources=("x",))).facets is seed_bundle.facets


def test_database_reads_a_partitioned_bundle(seed_bundle, tmp_path):
    folder = tmp_path / "parts"
    write_bundle(replace(seed_bundle, info=copy.deepcopy(seed_bundle.info)), folder, part_rows=50)
    split = load_bundle(folder)
    files = fq._parquet_files(split)
    assert files is not None and len(files["sentences"]) > 1  # the query reads every part
    for filters in _filter_sets(split)[::4]:
        want = _expected(split, filters)
        for figure in ("totals", "volume", "themes", "actors"):
            _same(_answer(split, filters, figure, fq.DATABASE), want[figure])


def test_a_file_damaged_after_loading_gives_the_figures_of_the_frames(seed_bundle, tmp_path):
    folder = tmp_path / "damaged"
    write_bundle(replace(seed_bundle, info=copy.deepcopy(seed_bundle.info)), folder)
    held = load_bundle(folder)
    two = Filters(actors=tuple(held.mentions["actor"].value_counts().index[:2]))
    want = _expected(held, two)
    for name in ("passages", "mentions"):  # read when the connection opens / by one query only
        path = folder / f"{name}.parquet"
        path.write_bytes(path.read_bytes()[:200])
        _same(fq.totals(held, two, via=fq.DATABASE), want["totals"])
        _same(fq.actor_counts(held, two, via=fq.DATABASE), want["actors"])
