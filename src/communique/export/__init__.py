"""Exports of the store to the formats of the field.

    jsonl        the article records, one per line (the contract's format)
    csv          one row per event, the columns of `communique query events`
    parquet      the same event table as Parquet (pyarrow)
    cameo-tsv    one event per line in the column order of Phoenix / PETRARCH event files
    plover-json  one PLOVER event record per line (JSON Lines, as the PLOVER spec recommends)

Every writer streams from the store in batches, so exports run in constant memory.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import IO

from communique.query import EventFilter
from communique.store import Store

FORMATS = ("jsonl", "csv", "parquet", "cameo-tsv", "plover-json")
BINARY_FORMATS = frozenset({"parquet"})


def export(
    store: Store,
    fmt: str,
    out: IO[str] | IO[bytes] | Path,
    filters: EventFilter | None = None,
) -> int:
    """Write the store (or the events matching `filters`) in `fmt`; return the rows written."""
    writer = _writers()[fmt]
    return writer(store, out, filters)


def _writers() -> dict[str, Callable[..., int]]:
    from communique.export.cameo_tsv import write_cameo_tsv
    from communique.export.events_table import write_events_csv, write_events_parquet
    from communique.export.plover_json import write_plover_jsonl
    from communique.export.records import write_records_jsonl

    return {
        "jsonl": write_records_jsonl,
        "csv": write_events_csv,
        "parquet": write_events_parquet,
        "cameo-tsv": write_cameo_tsv,
        "plover-json": write_plover_jsonl,
    }


__all__ = ["BINARY_FORMATS", "FORMATS", "export"]
