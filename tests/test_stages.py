"""The per-document stages give the same tables in one pass, in batches, and on worker processes."""

from __future__ import annotations

from analysis.bundle import Config
from analysis.corpus import load_corpus
from analysis.stages import DOCUMENT_TABLES, analyse_documents, analyse_in_batches

from .conftest import SEEDS


def test_batches_and_workers_give_the_tables_of_one_pass():
    corpus = load_corpus(SEEDS)
    config = Config.for_corpus(SEEDS)
    one_pass = analyse_documents(corpus.documents, config)
    in_batches = analyse_in_batches(corpus.documents, config, workers=1, chunk_size=1)
    on_workers = analyse_in_batches(corpus.documents, config, workers=2, chunk_size=1)
    for name in DOCUMENT_TABLES:
        assert len(one_pass[name]) > 0, name  # every table has rows on the seeds: the comparison bites
        assert one_pass[name].equals(in_batches[name]), name
        assert one_pass[name].equals(on_workers[name]), name


def test_a_two_worker_dask_cluster_gives_the_tables_of_the_local_path(tmp_path):
    """The per-document stages on a LocalCluster (two worker processes, batches of one document)."""
    from analysis.bundle import build_bundle

    local = build_bundle(SEEDS, tmp_path / "local", workers=1)
    on_dask = build_bundle(SEEDS, tmp_path / "dask", scheduler="local")
    assert on_dask.info["counts"] == local.info["counts"]
    for name in DOCUMENT_TABLES:
        assert (tmp_path / "local" / f"{name}.parquet").read_bytes() == (
            tmp_path / "dask" / f"{name}.parquet"
        ).read_bytes()
    corpus = load_corpus(SEEDS)
    from analysis.distributed import analyse_on_dask

    batches = analyse_on_dask(corpus.documents, Config.for_corpus(SEEDS), "local", chunk_size=1)
    one_pass = analyse_documents(corpus.documents, Config.for_corpus(SEEDS))
    for name in DOCUMENT_TABLES:
        assert one_pass[name].equals(batches[name]), name


def test_workers_start_under_a_main_script_that_builds(tmp_path, monkeypatch):
    """Under ``streamlit run`` the main module is the app page; workers must not run it (it would
    build the corpus again in each worker, which then fails: the dashboard could not analyse a large
    corpus)."""
    import sys
    import types

    page = tmp_path / "page.py"
    page.write_text("raise SystemExit('a worker ran the main script')\n")
    main = types.ModuleType("__main__")
    main.__file__ = str(page)
    monkeypatch.setitem(sys.modules, "__main__", main)
    corpus = load_corpus(SEEDS)
    config = Config.for_corpus(SEEDS)
    on_workers = analyse_in_batches(corpus.documents, config, workers=2, chunk_size=1)
    assert sys.modules["__main__"] is main  # put back once the workers have started
    assert on_workers["passages"].equals(analyse_documents(corpus.documents, config)["passages"])
