"""JSON Lines of the stored article records: what `communique code` would have printed."""

from __future__ import annotations

from typing import IO

from communique.models import record_to_json
from communique.query import EventFilter
from communique.store import Store


def write_records_jsonl(
    store: Store, out: IO[str], filters: EventFilter | None = None
) -> int:
    """Every record, or (with filters) the records that have at least one matching event."""
    wanted: set[str] | None = None
    if filters is not None and filters != EventFilter():
        from communique.query import iter_events

        wanted = {row.article_id for row in iter_events(store, filters)}
    count = 0
    for record in store.records():
        if wanted is None or record.id in wanted:
            out.write(record_to_json(record) + "\n")
            count += 1
    return count
