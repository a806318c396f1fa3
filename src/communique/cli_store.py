"""The store commands: `ingest`, `query events|quotes|actors`, `export`, `board` (issue 7).

Registered on the `communique` group by `communique.cli`.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from communique.cli_common import (
    EXIT_DOCUMENT_FAILED,
    EXIT_OK,
    F,
    db_option,
    fail,
    make_settings,
    settings_options,
)
from communique.config import load_settings
from communique.errors import CommuniqueError

if TYPE_CHECKING:
    from communique.query import Page
    from communique.store import Store


def _open_store(db: Path | None, readonly: bool = True) -> Store:
    from communique.store import Store

    return Store(db or load_settings().db, readonly=readonly)


def _output_options(func: F) -> F:
    """The options of the query commands: output format, page size and offset, store."""
    options = [
        click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]),
                     default="table", show_default=True, help="Table for people, JSON or CSV."),
        click.option("--limit", type=int, default=50, show_default=True, help="Rows per page."),
        click.option("--offset", type=int, default=0, show_default=True, help="Rows to skip."),
        db_option,
    ]
    for option in reversed(options):
        func = option(func)
    return func


@click.command("ingest")
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "--published", type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Publication date (YYYY-MM-DD) for documents that carry none; anchors relative dates.",
)
@click.option("--recode", is_flag=True,
              help="Code again documents already stored from the same text.")
@db_option
@settings_options
def ingest_command(
    inputs: tuple[str, ...], published: dt.datetime | None, recode: bool, db: Path | None,
    config_file: Path | None, **flags: object,
) -> None:
    """Code INPUT... and store the records in the SQLite store (idempotent, resumable)."""
    from communique.document import Document
    from communique.pipeline import Pipeline
    from communique.stages.ingest import read_inputs
    from communique.store import IngestSummary, Store

    skipped = 0
    try:
        settings = make_settings(config_file, db=db, **flags)
        with Store(settings.db) as store:
            def fresh(items):
                nonlocal skipped
                for item in items:
                    if recode or not isinstance(item, Document) or store.needs_coding(
                            item.id, item.text):
                        yield item
                    else:
                        skipped += 1

            documents = read_inputs(inputs, published.date() if published else None,
                                    settings.max_chars)
            summary: IngestSummary = store.put_many(
                Pipeline.default(settings).code_many(fresh(documents)))
    except CommuniqueError as exc:
        fail(exc)
        return
    click.echo(
        f"{settings.db}: {summary.inserted} new, {summary.replaced} replaced, "
        f"{summary.unchanged + skipped} unchanged, {summary.errors} failed; "
        f"{summary.events} events, {summary.quotes} quotes."
    )
    for doc_id in summary.error_ids:
        click.echo(f"failed: {doc_id}", err=True)
    sys.exit(EXIT_DOCUMENT_FAILED if summary.errors else EXIT_OK)


def _show_page(db: Path | None, fmt: str, kind: str, fetch: Callable[[Store], Page[Any]]) -> None:
    """Print the page `fetch` reads from the store as a table, JSON or CSV."""
    from communique.export.formats import print_page

    try:
        with _open_store(db) as store:
            page = fetch(store)
    except CommuniqueError as exc:
        fail(exc)
        return
    print_page(page, kind, fmt, sys.stdout, title=kind)


@click.group("query")
def query_group() -> None:
    """Query the store: events, quotes, actors."""


@query_group.command("events")
@click.option("--actor", help="CAMEO actor code (prefix), as source or target, e.g. RUS.")
@click.option("--source", help="Source actor code (prefix).")
@click.option("--target", help="Target actor code (prefix).")
@click.option("--type", "plover_type", help="PLOVER event type, e.g. REJECT.")
@click.option("--cameo", help="CAMEO event code (prefix), e.g. 04 or 036.")
@click.option("--since", help="First day, YYYY-MM-DD (inclusive).")
@click.option("--until", help="Last day, YYYY-MM-DD (inclusive).")
@click.option("--text", help="Words the article must contain (full-text search).")
@click.option("--per-story", is_flag=True, help="Count wire copies of one story once.")
@_output_options
def query_events_command(
    actor: str | None, source: str | None, target: str | None, plover_type: str | None,
    cameo: str | None, since: str | None, until: str | None, text: str | None,
    per_story: bool, fmt: str, limit: int, offset: int, db: Path | None,
) -> None:
    """Events matching the filters, newest first."""
    from communique.query import EventFilter, query_events

    filters = EventFilter(actor=actor, source=source, target=target, type=plover_type,
                          cameo=cameo, since=since, until=until, text=text, per_story=per_story)
    _show_page(db, fmt, "events",
               lambda store: query_events(store, filters, limit=limit, offset=offset))


@query_group.command("quotes")
@click.option("--speaker", help="Part of the speaker's name (any case).")
@click.option("--text", help="Words the quote must contain (full-text search).")
@click.option("--actor", help="The speaker's CAMEO actor code (prefix).")
@click.option("--since", help="First publication day, YYYY-MM-DD.")
@click.option("--until", help="Last publication day, YYYY-MM-DD.")
@_output_options
def query_quotes_command(
    speaker: str | None, text: str | None, actor: str | None, since: str | None,
    until: str | None, fmt: str, limit: int, offset: int, db: Path | None,
) -> None:
    """Attributed quotes, newest first."""
    from communique.query import query_quotes

    _show_page(db, fmt, "quotes", lambda store: query_quotes(
        store, speaker=speaker, text=text, actor=actor, since=since, until=until, limit=limit,
        offset=offset))


@query_group.command("actors")
@click.option("--code", help="CAMEO actor code (prefix).")
@click.option("--name", help="Part of the actor's name (any case).")
@click.option("--country", help="ISO 3166-1 alpha-3 country code.")
@click.option("--kind", type=click.Choice(["person", "organization", "country", "igo", "group"]))
@_output_options
def query_actors_command(
    code: str | None, name: str | None, country: str | None, kind: str | None, fmt: str,
    limit: int, offset: int, db: Path | None,
) -> None:
    """Actors with their article, mention and event counts, most reported first."""
    from communique.query import query_actors

    _show_page(db, fmt, "actors", lambda store: query_actors(
        store, code=code, name=name, country=country, kind=kind, limit=limit, offset=offset))


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(
    ["jsonl", "csv", "parquet", "cameo-tsv", "plover-json"]), default="jsonl",
    show_default=True, help="Records (jsonl), event table (csv, parquet), Phoenix TSV, PLOVER.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Output file (default: standard output; required for parquet).")
@click.option("--actor", help="Only events with this actor code (prefix) on either side.")
@click.option("--type", "plover_type", help="Only events of this PLOVER type.")
@click.option("--cameo", help="Only events with this CAMEO code (prefix).")
@click.option("--since", help="Only events on or after this day.")
@click.option("--until", help="Only events on or before this day.")
@db_option
def export_command(
    fmt: str, out: Path | None, actor: str | None, plover_type: str | None, cameo: str | None,
    since: str | None, until: str | None, db: Path | None,
) -> None:
    """Export the store in a format of the field."""
    from communique.export import BINARY_FORMATS, export
    from communique.query import EventFilter

    filters = EventFilter(actor=actor, type=plover_type, cameo=cameo, since=since, until=until)
    try:
        if fmt in BINARY_FORMATS and out is None:
            from communique.errors import UsageError

            raise UsageError(f"--format {fmt} writes a binary file.", "give --out PATH.")
        with _open_store(db) as store:
            if fmt in BINARY_FORMATS:
                count = export(store, fmt, out, filters)  # type: ignore[arg-type]
            elif out is None:
                count = export(store, fmt, sys.stdout, filters)
            else:
                with out.open("w", encoding="utf-8", newline="") as handle:
                    count = export(store, fmt, handle, filters)
    except CommuniqueError as exc:
        fail(exc)
        return
    if out is not None:
        click.echo(f"{out}: {count} rows ({fmt}).", err=True)


@click.command("board")
@click.option("--dyad", help="Two party codes, e.g. RUS-UKR, or two actor codes of one country "
              "for a conflict inside it, e.g. SDNMIL-SDNREB (default: every dyad).")
@click.option("--since", help="First day, YYYY-MM-DD.")
@click.option("--until", help="Last day, YYYY-MM-DD.")
@click.option("--no-conditions", is_flag=True,
              help="Skip condition extraction (no spaCy parse; faster on big stores).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="Tables for people, or JSON.")
@click.option("--refresh", is_flag=True,
              help="First store every article's board items again with the current board "
                   "rules (after an upgrade or a board.yaml change; the board says when).")
@db_option
def board_command(
    dyad: str | None, since: str | None, until: str | None, no_conditions: bool, fmt: str,
    refresh: bool, db: Path | None,
) -> None:
    """The negotiation board: each pair of parties' positions on talks, with conditions."""
    from communique.board import build_board
    from communique.export.formats import print_board

    try:
        if refresh:
            with _open_store(db, readonly=False) as store:
                count = store.refresh_board()
            click.echo(f"board items stored again for {count} articles.", err=True)
        with _open_store(db) as store:
            board = build_board(store, dyad=dyad, since=since, until=until,
                                conditions=not no_conditions)
    except CommuniqueError as exc:
        fail(exc)
        return
    for warning in board.warnings:
        click.echo(f"warning: {warning}", err=True)
    if fmt == "json":
        click.echo(board.model_dump_json(indent=2))
    else:
        print_board(board, sys.stdout)


#: the commands this module adds to `communique`
COMMANDS = (ingest_command, query_group, export_command, board_command)
