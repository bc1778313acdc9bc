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
