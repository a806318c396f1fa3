"""Batch coding at scale: stream a corpus of any size, code it on N processes or a Dask cluster,
checkpoint, and write the store or Parquet parts. `run(config)` picks the engine."""

from __future__ import annotations

from communique.batch.corpus import Columns
from communique.batch.parquet_out import read_records
from communique.batch.plan import RunConfig, RunSummary

__all__ = ["Columns", "RunConfig", "RunSummary", "read_records", "run"]


def run(config: RunConfig) -> RunSummary:
    """Run `config` on its engine: 'local' (processes on this machine) or 'dask'."""
    if config.engine == "dask":
        from communique.batch.dask_runner import run_dask

        return run_dask(config)
    from communique.batch.local import run_local

    return run_local(config)
