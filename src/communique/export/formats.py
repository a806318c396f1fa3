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
               "plover_type", "modality", "negated", "trigger", "article_id"),
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


def print_board(board: Any, out: IO[str], evidence_chars: int = 110) -> None:
    """The negotiation board for people: per dyad, the parties' stances, then the items."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(file=out, width=160 if not out.isatty() else None)
    if not board.dyads:
        console.print("no negotiation positions found.")
    for dyad in board.dyads:
        stances = Table(title=f"{dyad.dyad}  ({dyad.first_day or '?'} .. {dyad.last_day or '?'})")
        for column in ("party", "stance", "as of", "reported by", "conditions"):
            stances.add_column(column, overflow="fold")
        for party in dyad.parties:
            stances.add_row(*(Text(_text(v)) for v in (
                f"{party.name or party.party} ({party.party})", party.stance_label,
                party.stance_date, party.reported_by, "; ".join(party.conditions))))
        for outsider in dyad.third_parties:
            stances.add_row(*(Text(_text(v)) for v in (
                f"{outsider.name or outsider.party} ({outsider.party})",
                ", ".join(outsider.positions), "", "", "third party")))
        console.print(stances)
        if dyad.mediators:
            console.print(Text("mediators named: " + ", ".join(dyad.mediators)))
        items = Table(show_header=True)
        for column in ("date", "party", "position", "speaker", "evidence", "article"):
            items.add_column(column, overflow="fold")
        for item in dyad.items:
            what = item.label + (f": {item.condition}" if item.condition else "")
            if item.mediators:
                what += f" ({', '.join(item.mediators)})"
            speaker = item.speaker or ""
            if item.reported_by:
                speaker += f" [{item.reported_by}]"
            evidence = item.evidence if len(item.evidence) <= evidence_chars else (
                item.evidence[: evidence_chars - 1] + "\u2026")
            items.add_row(*(Text(_text(v)) for v in (
                item.date, item.party + (" (3rd)" if item.role == "third-party" else ""),
                what, speaker, evidence, item.article_id)))
        console.print(items)
