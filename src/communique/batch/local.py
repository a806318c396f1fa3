"""The local engine: N worker processes on this machine, chunks of plain dicts in, counts out.

Each worker builds the pipeline once, in the pool's initializer, so the spaCy model loads once per
process. The parent streams the corpus, keeps at most a few chunks per worker in flight (so memory
stays flat however large the corpus), and is the only writer of the store. Workers are started with
'spawn': they import what they need afresh, so nothing the parent holds (threads, a database
connection) is inherited by accident, and the code runs the same on Linux, macOS and Windows.
With one worker the chunks are coded in this process, with no pool at all.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import replace

from communique.batch.plan import Plan, RunConfig, RunSummary, Sink, open_sink
from communique.batch.work import ChunkResult, Job, code_chunk, warm

#: chunks in flight per worker: enough to keep every worker busy while the parent writes
IN_FLIGHT_PER_WORKER = 2


def run_local(config: RunConfig) -> RunSummary:
    """Code the corpus on `config.workers` processes; resumes from the run's checkpoint."""
    plan = Plan(config)
    job = plan.job
    if config.db is not None:
        job = replace(job, skip_stored=str(config.db.resolve()))
    sink = open_sink(plan)
    try:
        if config.workers == 1:
            _run_here(plan, job, sink)
        else:
            _run_pool(plan, job, sink, config.workers)
    finally:
        summary = sink.close()
    return summary


def _run_here(plan: Plan, job: Job, sink: Sink) -> None:
    for chunk, units in plan.todo():
        sink.take(code_chunk(chunk, units, job))


def _run_pool(plan: Plan, job: Job, sink: Sink, workers: int) -> None:
    context = multiprocessing.get_context("spawn")
    limit = workers * IN_FLIGHT_PER_WORKER
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=warm, initargs=(job,))
    try:
        pending: set[Future[ChunkResult]] = set()
        for chunk, units in plan.todo():
            pending.add(pool.submit(code_chunk, chunk, units, job))
            if len(pending) >= limit:
                pending = _drain(pending, sink, FIRST_COMPLETED)
        _drain(pending, sink, "ALL_COMPLETED")
    except BaseException:
        # interrupted or failed: drop the queued chunks (a rerun codes them), do not wait
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()


def _drain(
    pending: set[Future[ChunkResult]], sink: Sink, when: str
) -> set[Future[ChunkResult]]:
    """Hand finished chunks to the sink; a worker's exception is raised here, in the parent."""
    done, left = wait(pending, return_when=when)
    for future in done:
        sink.take(future.result())
    return set(left)
