"""The event table (one row per event, the columns of `communique query events`) as CSV/Parquet.

Both share one column list, taken from the query's row model, so the CSV, the Parquet file and the
API's JSON carry the same fields under the same names.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from communique.query import EventFilter, EventRow, iter_events
from communique.store import Store

if TYPE_CHECKING:
    import pyarrow as pa

COLUMNS = tuple(EventRow.model_fields)


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return value


def write_rows_csv(rows: Iterable[dict[str, Any]], columns: Iterable[str], out: IO[str]) -> int:
    """Dict rows as CSV with a header (lists joined with ';'); returns the rows written."""
    writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow({k: _cell(v) for k, v in row.items()})
        count += 1
    return count


def write_events_csv(store: Store, out: IO[str], filters: EventFilter | None = None) -> int:
    return write_rows_csv((r.model_dump() for r in iter_events(store, filters)), COLUMNS, out)


def _arrow_schema() -> pa.Schema:
    import pyarrow as pa

    types = {"int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}
    fields = []
    for name, info in EventRow.model_fields.items():
        text = str(info.annotation)
        kind = next((t for t in ("bool", "float", "int") if t in text and "list" not in text), "")
        if "list" in text:
            fields.append(pa.field(name, pa.list_(pa.string())))
        else:
            fields.append(pa.field(name, types.get(kind, pa.string())))
    return pa.schema(fields)


def _batches(rows: Iterator[EventRow], size: int) -> Iterator[list[dict[str, Any]]]:
    while batch := [r.model_dump() for r in islice(rows, size)]:
        yield batch


def write_events_parquet(
    store: Store, out: IO[bytes] | Path | str, filters: EventFilter | None = None,
    batch_size: int = 5000,
) -> int:
    """The event table as Parquet, written one row group per batch."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _arrow_schema()
    count = 0
    with pq.ParquetWriter(out, schema) as writer:
        for batch in _batches(iter_events(store, filters), batch_size):
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
        if count == 0:
            writer.write_table(schema.empty_table())
    return count
