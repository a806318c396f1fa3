"""What both engines share: the run's plan, where finished chunks go, the progress and summary.

An engine (local processes or Dask) only decides where `code_chunk` runs. The plan (which files,
which chunks are still to do), the sink (write the store in the parent, the one writer; record the
checkpoint once a chunk's output is durable) and the progress bar are the same for both, which is
why the engines give the same output on the same input.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from communique.batch import checkpoint as ckpt
from communique.batch.corpus import (
    Columns,
    Unit,
    check_columns,
    chunked,
    corpus_files,
    estimate_count,
    fingerprint,
    iter_units,
    load,
)
from communique.batch.parquet_out import clean_temporaries, done_parts, part_counts
from communique.batch.work import ChunkResult, Job
from communique.config import Settings
from communique.errors import UsageError

DEFAULT_CHUNK_SIZE = 100


@dataclass
class RunConfig:
    """The arguments of `communique run`, as a library call."""

    inputs: list[str]
    settings: Settings = field(default_factory=Settings)
    db: Path | None = None
    out: Path | None = None
    workers: int = 1
    chunk_size: int = DEFAULT_CHUNK_SIZE
    columns: Columns = field(default_factory=Columns)
    published: dt.date | None = None
    engine: str = "local"
    scheduler: str | None = None
    progress: bool = True

    def options(self) -> dict[str, Any]:
        """The options that decide the chunks and their content: part of the run's key."""
        return {
            "chunk_size": self.chunk_size,
            "text_column": self.columns.text,
            "id_column": self.columns.id,
            "published": self.published.isoformat() if self.published else None,
            "settings": self.settings.model_dump(mode="json", exclude={"db"}),
        }


@dataclass
class RunSummary:
    documents: int = 0
    events: int = 0
    quotes: int = 0
    errors: int = 0
    skipped: int = 0  # documents the store already held from the same text
    resumed: int = 0  # documents done by an earlier, interrupted run
    chunks: int = 0
    elapsed: float = 0.0
    error_ids: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        coded = self.documents - self.resumed
        return coded / self.elapsed if self.elapsed > 0 else 0.0

    def add(self, counts: dict[str, Any]) -> None:
        for key in ("documents", "events", "quotes", "errors", "skipped"):
            setattr(self, key, getattr(self, key) + int(counts.get(key, 0)))
        self.error_ids.extend(counts.get("error_ids", []))
        self.chunks += 1


class Plan:
    """The files, the checkpoint and the job of one run; `todo()` streams the chunks left."""

    def __init__(self, config: RunConfig) -> None:
        if (config.db is None) == (config.out is None):
            raise UsageError("give exactly one of --db PATH or --out DIR.",
                             "--db codes into the SQLite store, --out writes Parquet parts.")
        if config.workers < 1 or config.chunk_size < 1:
            raise UsageError("--workers and --chunk-size must be at least 1.")
        self.config = config
        self.files = corpus_files(config.inputs)
        check_columns(self.files, config.columns)
        self.key = fingerprint(self.files, config.options())
        meta = {"inputs": [str(p) for p in config.inputs], **config.options()}
        if config.out is not None:
            self.out: Path | None = config.out.resolve()
            clean_temporaries(self.out)
            self.checkpoint = ckpt.for_out_dir(self.out, self.key, meta)
            self._adopt_parts()
        else:
            self.out = None
            assert config.db is not None
            self.checkpoint = ckpt.for_store(config.db, self.key, meta)
        self.job = Job(
            settings=config.settings.model_dump(mode="json"),
            published=config.published.isoformat() if config.published else None,
            out=str(self.out) if self.out is not None else None,
            return_records=config.db is not None,
        )

    def _adopt_parts(self) -> None:
        """Parts on disk whose checkpoint line was lost to a kill count as done."""
        assert self.out is not None
        for chunk, path in done_parts(self.out).items():
            if not self.checkpoint.is_done(chunk):
                self.checkpoint.mark({"chunk": chunk, **part_counts(path)})

    def estimate(self) -> int:
        return estimate_count(self.files)

    def todo(self) -> Iterator[tuple[int, list[Unit]]]:
        """The chunks not yet done, read lazily from the corpus."""
        units = iter_units(self.files, self.config.columns, self.config.settings.max_chars)
        for chunk, batch in chunked(units, self.config.chunk_size):
            if not self.checkpoint.is_done(chunk):
                yield chunk, load(batch)


class Sink:
    """Where finished chunks go: the store (written here, the one writer) and the checkpoint."""

    def __init__(self, plan: Plan, progress: Progress | None = None) -> None:
        self.plan = plan
        self.progress = progress
        self.store = None
        if plan.config.db is not None:
            from communique.store import Store

            self.store = Store(plan.config.db)
        self.summary = RunSummary()
        resumed = plan.checkpoint.totals()
        self.summary.resumed = resumed["documents"]
        for key, value in resumed.items():
            setattr(self.summary, key, value)
        self.summary.chunks = len(plan.checkpoint.done)
        self.started = time.perf_counter()

    def take(self, result: ChunkResult) -> None:
        if self.store is not None and result.records:
            self.store.put_many(result.records, batch_size=max(len(result.records), 1))
        counts = result.counts()
        self.plan.checkpoint.mark(counts)
        self.summary.add(counts)
        if self.progress is not None:
            self.progress.advance(result.documents + result.skipped)

    def close(self) -> RunSummary:
        self.summary.elapsed = time.perf_counter() - self.started
        if self.store is not None:
            self.store.close()
        if self.progress is not None:
            self.progress.stop()
        return self.summary


class Progress:
    """A rich progress bar on standard error: articles done, articles/s, time left."""

    def __init__(self, total: int, done: int, label: str) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )
        from rich.progress import Progress as RichProgress

        self.bar = RichProgress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]} articles/s"),
            TimeElapsedColumn(),
            TextColumn("left"),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=False,
        )
        self.started = time.perf_counter()
        self.done_before = done
        self.task = self.bar.add_task(label, total=max(total, done), completed=done, rate="-")
        self.bar.start()

    def advance(self, documents: int) -> None:
        task = self.bar.tasks[0]
        completed = task.completed + documents
        total = max(task.total or 0, completed)
        seconds = time.perf_counter() - self.started
        rate = (completed - self.done_before) / seconds if seconds > 0 else 0.0
        self.bar.update(self.task, completed=completed, total=total, rate=f"{rate:,.1f}")

    def stop(self) -> None:
        self.bar.stop()


def open_sink(plan: Plan) -> Sink:
    """The sink, with a progress bar when asked for (its total is a quick estimate)."""
    progress = None
    if plan.config.progress:
        done = plan.checkpoint.totals()
        label = f"coding ({plan.config.engine}, {plan.config.workers} workers)"
        progress = Progress(plan.estimate(), done["documents"] + done["skipped"], label)
    return Sink(plan, progress)
