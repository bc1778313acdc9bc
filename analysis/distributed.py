"""The per-document stages on a Dask cluster, for corpora past one machine.

``python -m analysis build --scheduler tcp://HOST:8786`` sends batches of documents
(:data:`analysis.stages.CHUNK_DOCUMENTS` each) to the workers of a running Dask
scheduler; ``--scheduler local`` starts a two-worker ``LocalCluster`` on this
machine. Each worker runs :func:`analysis.stages.analyse_documents` on its batch and
returns the batch's tables; they are gathered in document order
(:func:`analysis.stages.gather`) and the corpus-level stages run here, on tables
much smaller than the corpus. The tables are the bytes the local path gives, whatever
the number of workers.

The configuration travels with each batch as file contents, so the workers need the
same code (this repository on their ``PYTHONPATH`` and ``requirements.txt``
installed), not the same disks. How to start a cluster and what a worker needs in
memory: docs/scale.md.
"""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from analysis.stages import CHUNK_DOCUMENTS, analyse_documents, document_chunks, gather

CONFIG_FIELDS = ("actors", "themes", "stance_cues", "propositions")


def config_payload(config) -> dict[str, bytes]:
    """The configuration files' contents, by field name: what a remote worker needs of them."""
    return {name: Path(getattr(config, name)).read_bytes() for name in CONFIG_FIELDS}


def analyse_on_dask(
    documents: pd.DataFrame,
    config,
    scheduler: str,
    seconds: dict[str, float] | None = None,
    report: Callable[[float], None] | None = None,
    chunk_size: int = CHUNK_DOCUMENTS,
    n_workers: int = 2,
) -> dict[str, pd.DataFrame]:
    """The per-document tables of ``documents``, computed by the workers of ``scheduler`` (an address,
    or ``local`` for a LocalCluster of ``n_workers`` processes on this machine)."""
    from dask.distributed import Client, LocalCluster, as_completed

    seconds = {} if seconds is None else seconds
    cluster = None
    if scheduler == "local":
        cluster = LocalCluster(
            n_workers=n_workers, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
        )
    client = Client(cluster if cluster is not None else scheduler)
    try:
        chunks = document_chunks(documents, chunk_size)
        payload = client.scatter(config_payload(config), broadcast=True)
        futures = client.map(_batch, chunks, payload=payload, pure=False)
        index = {future.key: i for i, future in enumerate(futures)}
        parts: list[dict | None] = [None] * len(futures)
        for done, future in enumerate(as_completed(futures), start=1):
            tables, spent = future.result()
            parts[index[future.key]] = tables
            for stage, value in spent.items():
                seconds[stage] = seconds.get(stage, 0.0) + value
            if report:
                report(done / len(futures))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return gather([p for p in parts if p is not None])


class _Config:
    """The fields of :class:`analysis.bundle.Config` the per-document stages read."""

    def __init__(self, paths: dict[str, Path]) -> None:
        for name, path in paths.items():
            setattr(self, name, path)


_CONFIGS: dict[str, _Config] = {}


def _worker_config(payload: dict[str, bytes]) -> _Config:
    """The configuration written once per worker process into a folder of its own."""
    digest = hashlib.sha256(b"\0".join(payload[n] for n in CONFIG_FIELDS)).hexdigest()[:16]
    if digest not in _CONFIGS:
        folder = Path(tempfile.mkdtemp(prefix=f"fpl-config-{digest}-"))
        paths = {}
        for name in CONFIG_FIELDS:
            paths[name] = folder / f"{name}.yaml"
            paths[name].write_bytes(payload[name])
        _CONFIGS[digest] = _Config(paths)
    return _CONFIGS[digest]


def _batch(documents: pd.DataFrame, payload: dict[str, bytes]) -> tuple[dict, dict[str, float]]:
    spent: dict[str, float] = {}
    return analyse_documents(documents, _worker_config(payload), spent), spent
