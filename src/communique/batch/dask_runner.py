"""The Dask engine: the same chunks and the same `code_chunk` on a Dask distributed cluster.

The client streams the corpus and submits one task per chunk (a partition of documents as plain
dicts), keeping a bounded number in flight so the client's memory stays flat. Each task writes its
Parquet part itself (temp + rename), so `--out` must be a path every worker can see (a shared
filesystem); with `--db`, tasks send their records back and this process, the one writer, stores
them. The checkpoint and the sink are the local engine's, so a killed Dask run resumes the same
way and the output equals the local engine's on the same input.

`scheduler` is `tcp://HOST:PORT` for an existing cluster, or None / 'local' for a LocalCluster on
127.0.0.1 with `workers` single-threaded worker processes.
"""

from __future__ import annotations

from typing import Any

from communique.batch.plan import Plan, RunConfig, RunSummary, Sink, open_sink
from communique.batch.work import Job, code_chunk, warm
from communique.errors import UsageError

#: tasks in flight per worker thread
IN_FLIGHT_PER_WORKER = 2


def run_dask(config: RunConfig, processes: bool = True) -> RunSummary:
    """Code the corpus on a Dask cluster; `processes=False` runs a LocalCluster in threads."""
    plan = Plan(config)
    client, cluster = _connect(config, processes)
    try:
        slots = max(sum(client.nthreads().values()), 1)
        sink = open_sink(plan)
        try:
            client.run(warm, plan.job)  # the model loads once per worker, before the first task
            _submit_all(client, plan, plan.job, sink, slots * IN_FLIGHT_PER_WORKER)
        finally:
            summary = sink.close()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return summary


def _connect(config: RunConfig, processes: bool) -> tuple[Any, Any]:
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - dask[distributed] is a dependency
        raise UsageError("the Dask engine needs dask[distributed].",
                         "pip install 'dask[distributed]'.") from exc
    if config.scheduler in (None, "", "local"):
        cluster = LocalCluster(
            n_workers=config.workers, threads_per_worker=1, processes=processes,
            host="127.0.0.1", protocol="tcp://", dashboard_address=None,
        )
        return Client(cluster), cluster
    try:
        return Client(config.scheduler, timeout="10s"), None
    except OSError as exc:
        raise UsageError(f"cannot reach the Dask scheduler at {config.scheduler}: {exc}",
                         "start it with `dask scheduler`, or check the address.") from exc


def _submit_all(client: Any, plan: Plan, job: Job, sink: Sink, limit: int) -> None:
    from distributed import as_completed

    running = as_completed()
    in_flight = 0
    for chunk, units in plan.todo():
        running.add(client.submit(code_chunk, chunk, units, job, pure=False,
                                  key=f"communique-{plan.key}-{chunk}"))
        in_flight += 1
        while in_flight >= limit:
            _take(next(running), sink)
            in_flight -= 1
    for future in running:
        _take(future, sink)


def _take(future: Any, sink: Sink) -> None:
    """A task's exception is raised here, in the client, with its worker-side traceback."""
    result = future.result()
    future.release()
    sink.take(result)
