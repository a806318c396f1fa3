"""Checkpoints: which chunks of a run are done, so a killed run resumes where it stopped.

A checkpoint is a JSON Lines file: a header naming the run's key (a hash of the input files'
paths, sizes and modification times and of the options that decide the chunking), then one line
per finished chunk with its counts. A line is appended, flushed and fsynced only after the chunk's
output is durable (its Parquet part renamed into place, or its store transaction committed), so
whatever the checkpoint says is done is done. The reverse gap (output durable, line not yet
written) is harmless: a Parquet part on disk counts as done by itself, and storing a chunk again
is a no-op because the store is idempotent. A torn last line from a kill is ignored.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from communique.batch.corpus import CorpusError


class Checkpoint:
    """Finished chunks of one run (keyed by the input set), persisted line by line."""

    def __init__(self, path: Path, key: str, meta: dict[str, Any] | None = None) -> None:
        self.path = path
        self.key = key
        self.done: dict[int, dict[str, Any]] = {}
        self._load(meta or {})

    def _load(self, meta: dict[str, Any]) -> None:
        lines = _read_lines(self.path)
        header = lines[0] if lines else None
        if header is not None and header.get("run") != self.key:
            raise CorpusError(
                f"{self.path} belongs to another run (different input files or options).",
                "give a new --out directory, or delete the old output to start afresh.",
            )
        for line in lines[1:]:
            if "chunk" in line:
                self.done[int(line["chunk"])] = line
        if header is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._append({"run": self.key, **meta})

    def is_done(self, chunk: int) -> bool:
        return chunk in self.done

    def mark(self, counts: dict[str, Any]) -> None:
        """Record a finished chunk; call only once its output is durable."""
        chunk = int(counts["chunk"])
        if chunk not in self.done:
            self.done[chunk] = counts
            self._append(counts)

    def totals(self) -> dict[str, int]:
        keys = ("documents", "events", "quotes", "errors", "skipped")
        return {key: sum(int(c.get(key, 0)) for c in self.done.values()) for key in keys}

    def _append(self, line: dict[str, Any]) -> None:
        with self.path.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(line, sort_keys=True) + "\n")
            handle.flush()
            os.fsync(handle.fileno())


def _read_lines(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    lines: list[dict[str, Any]] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        try:
            value = json.loads(raw)
        except json.JSONDecodeError:
            continue  # a line torn by a kill: that chunk is simply done again
        if isinstance(value, dict):
            lines.append(value)
    return lines


def for_out_dir(out: Path, key: str, meta: dict[str, Any]) -> Checkpoint:
    """The checkpoint of a Parquet run lives in its output directory (one run per directory)."""
    return Checkpoint(out / "_checkpoint.jsonl", key, meta)


def for_store(db: Path, key: str, meta: dict[str, Any]) -> Checkpoint:
    """The checkpoint of a store run sits beside the database, one file per input set.

    A checkpoint whose database is gone is stale (the user started over) and is removed.
    """
    path = db.with_name(f"{db.name}.run-{key[:12]}.ckpt")
    if path.exists() and not db.exists():
        path.unlink()
    return Checkpoint(path, key, meta)
