"""The worker's side of a batch run: units in, coded records (or a Parquet part) out.

Both engines run this same code: the local engine in `multiprocessing` workers, the Dask engine in
Dask tasks. The pipeline is built once per process (the spaCy model load is the main start-up
cost) and cached by its settings, so a worker that codes many chunks loads the model once.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from communique.batch.corpus import Columns, Unit
from communique.batch.parquet_out import write_part
from communique.config import Settings
from communique.document import Document, error_record
from communique.errors import DocumentError, MalformedDocumentError
from communique.models import ArticleRecord
from communique.pipeline import Pipeline
from communique.stages.ingest import from_html, from_json_object, from_text_bytes

if TYPE_CHECKING:
    from communique.store import Store

Item = Document | ArticleRecord
WARM_UP_TEXT = "The minister of Ruritania met envoys in Paris on Monday to discuss a truce."


@dataclass(frozen=True)
class Job:
    """What every chunk of one run shares; plain data so that it pickles to any worker."""

    settings: dict[str, Any]
    published: str | None = None
    out: str | None = None  # a directory: write a Parquet part per chunk there
    return_records: bool = False  # send the records back (the store is written by the parent)
    skip_stored: str | None = None  # a store to read: documents coded from the same text skip

    def settings_object(self) -> Settings:
        return Settings(**self.settings)

    def published_date(self) -> dt.date | None:
        return dt.date.fromisoformat(self.published) if self.published else None


@dataclass
class ChunkResult:
    """What a worker sends back for one chunk: counts always, records only when asked."""

    chunk: int
    documents: int = 0
    events: int = 0
    quotes: int = 0
    errors: int = 0
    skipped: int = 0
    seconds: float = 0.0  # coding time in the worker (wall clock)
    cpu_seconds: float = 0.0  # CPU time of the worker's process for the chunk
    finished_at: float = 0.0  # wall clock (epoch seconds): throughput over a run, by chunk
    error_ids: list[str] = field(default_factory=list)
    records: list[ArticleRecord] = field(default_factory=list)

    def counts(self) -> dict[str, Any]:
        return {
            "chunk": self.chunk,
            "documents": self.documents,
            "events": self.events,
            "quotes": self.quotes,
            "errors": self.errors,
            "skipped": self.skipped,
            "error_ids": self.error_ids[:20],
            "seconds": round(self.seconds, 3),
            "cpu_seconds": round(self.cpu_seconds, 3),
            "finished_at": round(self.finished_at, 3),
        }


@lru_cache(maxsize=2)
def pipeline_for(settings_json: str) -> Pipeline:
    """The pipeline for these settings, built once per process."""
    return Pipeline.default(Settings(**json.loads(settings_json)))


def warm(job: Job) -> None:
    """Build the pipeline and code one invented sentence (a pool initializer).

    Some stages load their data lazily on the first document (the language detector, the
    gazetteer); doing it here makes every worker pay its start-up cost at once, in parallel,
    before the first chunk. It never raises: an initializer that raises makes a pool unusable
    without saying why. The first chunk builds the pipeline again and reports the error.
    """
    try:
        pipeline = pipeline_for(_settings_key(job))
        pipeline.code(Document(id="warm-up", text=WARM_UP_TEXT))
    except Exception:  # noqa: BLE001 - reported by the first chunk instead
        pass


def _settings_key(job: Job) -> str:
    return json.dumps(job.settings, sort_keys=True, default=str)


def code_chunk(chunk: int, units: list[Unit], job: Job) -> ChunkResult:
    """Code one chunk; with `job.out`, write its Parquet part atomically before returning."""
    started, cpu_started = time.perf_counter(), time.process_time()
    pipeline = pipeline_for(_settings_key(job))
    items = [to_item(unit, job.published_date(), pipeline.settings.max_chars) for unit in units]
    result = ChunkResult(chunk=chunk)
    if job.skip_stored:
        items, result.skipped = _drop_stored(items, job.skip_stored)
    records = list(pipeline.code_many(items))
    for record in records:
        result.documents += 1
        result.events += len(record.events)
        result.quotes += len(record.quotes)
        if record.status == "error":
            result.errors += 1
            result.error_ids.append(record.id)
    if job.out is not None:
        write_part(Path(job.out), chunk, records)
    if job.return_records:
        result.records = records
    result.seconds = time.perf_counter() - started
    result.cpu_seconds = time.process_time() - cpu_started
    result.finished_at = time.time()
    return result


def _drop_stored(items: list[Item], db: str) -> tuple[list[Item], int]:
    """Documents the store already holds, coded from the same text, are not coded again."""
    from communique.store import StoreError

    try:
        store = _reader(db)
    except StoreError:
        return items, 0
    kept = [
        item for item in items
        if not isinstance(item, Document) or store.needs_coding(item.id, item.text)
    ]
    return kept, len(items) - len(kept)


@lru_cache(maxsize=1)
def _reader(db: str) -> Store:
    from communique.store import Store

    return Store(db, readonly=True)


def to_item(unit: Unit, published: dt.date | None, max_chars: int) -> Item:
    """A Document from one unit, through the ingest module; a bad unit becomes an error record."""
    kind = unit["kind"]
    if kind == "error":
        return error_record(unit["id"], unit["error"])
    origin = unit["origin"]
    try:
        if kind == "file":
            data = unit["data"] if "data" in unit else Path(origin).read_bytes()
            if unit["suffix"] in (".html", ".htm"):
                return from_html(data, origin, published, max_chars)
            return from_text_bytes(data, origin, published, max_chars, Path(origin).stem)
        if kind == "line":
            return _from_line(unit, published, max_chars)
        return from_json_object(unit["fields"], origin, published, max_chars)
    except DocumentError as exc:
        return error_record(_fallback_id(unit), str(exc))


def _from_line(unit: Unit, published: dt.date | None, max_chars: int) -> Document:
    origin = unit["origin"]
    line = unit["line"].decode("utf-8-sig", errors="replace").strip()
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise MalformedDocumentError(
            f"{origin}: not valid JSON ({exc.msg} at column {exc.colno}).",
            "write one JSON object per line.",
        ) from exc
    if isinstance(obj, dict):
        obj = Columns(unit["text_column"], unit["id_column"]).canonical(obj)
        unit["fields"] = obj
    return from_json_object(obj, origin, published, max_chars)


def _fallback_id(unit: Unit) -> str:
    """The id of an error record: the row's own id when it has one, else where it was read.

    `dir/wire.jsonl:7` gives `wire:7`, as `communique code` names a bad JSON line.
    """
    fields = unit.get("fields")
    if isinstance(fields, dict) and fields.get("id") not in (None, ""):
        return str(fields["id"])
    origin = str(unit.get("origin", "input"))
    if unit["kind"] == "file":
        return Path(origin).stem or origin
    match = re.match(r"(.*?)(:\d+|#\d+|\[\d+\])$", origin)
    if match is None:
        return origin
    return f"{Path(match.group(1)).stem}{match.group(2)}"
