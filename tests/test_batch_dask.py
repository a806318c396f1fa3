"""The Dask engine gives the local engine's output on the same input (a LocalCluster on 127.0.0.1).

The cluster runs in threads of this process (processes=False), so the pipeline built for the local
run is reused and the test stays fast; the code path (submit, worker-side Parquet parts, the
client as the store's one writer) is the one a remote cluster runs.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from communique.batch import RunConfig, read_records, run
from communique.batch.dask_runner import run_dask
from communique.models import record_to_json
from communique.store import Store
from tests.test_batch import write_corpus

pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("dask") / "wire.jsonl", 12)


def test_dask_parquet_output_equals_the_local_engine(corpus: Path, tmp_path: Path) -> None:
    local = run(RunConfig(inputs=[str(corpus)], out=tmp_path / "local", chunk_size=3,
                          progress=False))
    config = RunConfig(inputs=[str(corpus)], out=tmp_path / "dask", chunk_size=3,
                       progress=False, engine="dask", scheduler="local", workers=2)
    remote = run_dask(config, processes=False)
    assert (remote.documents, remote.errors, remote.events) == (
        local.documents, local.errors, local.events)
    local_records = [record_to_json(r) for r in read_records(tmp_path / "local")]
    dask_records = [record_to_json(r) for r in read_records(tmp_path / "dask")]
    assert dask_records == local_records and len(dask_records) == 12
    again = run_dask(config, processes=False)  # the checkpoint is shared by both engines
    assert again.resumed == 12


def test_dask_store_through_the_client_as_one_writer(corpus: Path, tmp_path: Path) -> None:
    config = RunConfig(inputs=[str(corpus)], db=tmp_path / "d.db", chunk_size=5,
                       progress=False, engine="dask", workers=1)
    summary = run_dask(config, processes=False)
    assert summary.documents == 12
    with Store(tmp_path / "d.db", readonly=True) as store:
        ids = list(store.ids())
        assert len(ids) == len(set(ids)) == 12
        assert store.check() == []
