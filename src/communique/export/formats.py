"""Printing query results for people (rich tables) and programs (JSON, CSV).

The CLI's `query` and `board` commands call these so that the command functions stay thin; the
HTTP API serializes the same pydantic models itself.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import IO, Any

from pydantic import BaseModel

from communique.export.events_table import write_rows_csv

#: the columns a table shows for each kind of row (JSON and CSV carry every field)
TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "events": ("day", "source_code", "source_name", "target_code", "target_name", "cameo",
               "plover_type", "modality", "trigger", "article_id"),
    "quotes": ("published", "speaker_name", "speaker_code", "kind", "text", "article_id"),
    "actors": ("name", "code", "country", "kind", "articles", "mentions", "events_as_source",
               "events_as_target"),
    "articles": ("published", "id", "title", "status", "story_id", "events", "quotes"),
}


def print_page(page: Any, kind: str, fmt: str, out: IO[str], title: str | None = None) -> None:
    """A `query.Page` as a table, JSON (the page with its total) or CSV (the rows)."""
    items: Sequence[BaseModel] = page.items
    if fmt == "json":
        out.write(page.model_dump_json(indent=2) + "\n")
    elif fmt == "csv":
        fields = tuple(type(items[0]).model_fields) if items else TABLE_COLUMNS[kind]
        write_rows_csv((item.model_dump() for item in items), fields, out)
    else:
        caption = f"{len(items)} of {page.total} (offset {page.offset})"
        print_table([item.model_dump() for item in items], TABLE_COLUMNS[kind], out,
                    title=title, caption=caption)


def print_table(rows: Sequence[dict[str, Any]], columns: Sequence[str], out: IO[str],
                title: str | None = None, caption: str | None = None) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title, caption=caption)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        # Text() keeps brackets in article text from being read as rich markup
        table.add_row(*(Text(_text(row.get(column))) for column in columns))
    Console(file=out, width=160 if not out.isatty() else None).print(table)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
