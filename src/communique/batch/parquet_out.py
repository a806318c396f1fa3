"""Parquet output of a batch run: one file per chunk, written atomically (temp file + rename).

A part either exists whole or not at all, so a run killed mid-write leaves no torn file, and the
presence of a part is itself proof that its chunk is done. One row per article: the columns people
filter on, and `record`, the full article record as the contract's JSON, so nothing is lost and
`read_records` gives back exactly what `communique code` would print. Temporary files start with
a dot, which `pyarrow.dataset` and Dask skip when reading the directory.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from communique.models import ArticleRecord, record_to_json

PART_PATTERN = re.compile(r"^part-(\d+)\.parquet$")
COLUMNS = (
    ("id", "string"),
    ("status", "string"),
    ("error", "string"),
    ("published", "string"),
    ("source", "string"),
    ("url", "string"),
    ("title", "string"),
    ("language", "string"),
    ("events", "int32"),
    ("quotes", "int32"),
    ("actors", "int32"),
    ("record", "string"),
)


def schema() -> Any:
    import pyarrow as pa

    return pa.schema([pa.field(name, getattr(pa, kind)()) for name, kind in COLUMNS])


def part_path(out: Path, chunk: int) -> Path:
    return out / f"part-{chunk:06d}.parquet"


def done_parts(out: Path) -> dict[int, Path]:
    """Chunk number -> part file, for every complete part in the directory."""
    if not out.is_dir():
        return {}
    found: dict[int, Path] = {}
    for path in out.iterdir():
        match = PART_PATTERN.match(path.name)
        if match:
            found[int(match.group(1))] = path
    return found


def row(record: ArticleRecord) -> dict[str, Any]:
    return {
        "id": record.id,
        "status": record.status,
        "error": record.error,
        "published": record.published,
        "source": record.source,
        "url": record.url,
        "title": record.title,
        "language": record.language,
        "events": len(record.events),
        "quotes": len(record.quotes),
        "actors": len(record.actors),
        "record": record_to_json(record),
    }


def write_part(out: Path, chunk: int, records: Iterable[ArticleRecord]) -> Path:
    """Write the chunk's part: a hidden temporary file, flushed to disk, then renamed in place."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    out.mkdir(parents=True, exist_ok=True)
    final = part_path(out, chunk)
    temp = out / f".{final.name}.{os.getpid()}.tmp"
    table = pa.Table.from_pylist([row(r) for r in records], schema=schema())
    with temp.open("wb") as handle:
        pq.write_table(table, handle, compression="zstd")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temp, final)
    return final


def clean_temporaries(out: Path) -> int:
    """Remove the temporary files a killed run left behind; returns how many."""
    if not out.is_dir():
        return 0
    removed = 0
    for path in out.glob(".part-*.tmp"):
        path.unlink(missing_ok=True)
        removed += 1
    return removed


def part_counts(path: Path) -> dict[str, int]:
    """Documents, events, quotes and errors of one part, read from its small columns only."""
    import pyarrow.parquet as pq

    table = pq.read_table(path, columns=["status", "events", "quotes"])
    statuses = table.column("status").to_pylist()
    return {
        "documents": table.num_rows,
        "events": sum(table.column("events").to_pylist()),
        "quotes": sum(table.column("quotes").to_pylist()),
        "errors": sum(status == "error" for status in statuses),
    }


def read_records(out: Path) -> Iterator[ArticleRecord]:
    """Every record of a run's output, part by part in chunk order (constant memory)."""
    import pyarrow.parquet as pq

    for _, path in sorted(done_parts(out).items()):
        parquet = pq.ParquetFile(path)
        for batch in parquet.iter_batches(columns=["record"], batch_size=256):
            for text in batch.column(0).to_pylist():
                yield ArticleRecord.model_validate(json.loads(text))
