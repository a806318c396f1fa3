"""Readable tables of coded records for people at a terminal (`--format table`)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from communique.models import ArticleRecord, Event


def _party(record: ArticleRecord, party: object) -> str:
    if party is None:
        return "-"
    actor = None
    actor_id = getattr(party, "actor", None)
    if actor_id:
        actor = next((a for a in record.actors if a.id == actor_id), None)
    code = getattr(party, "code", None) or "?"
    return f"{actor.name} ({code})" if actor else code


def _event_flags(event: Event) -> str:
    flags: list[str] = [event.modality] if event.modality != "asserted" else []
    if event.negated:
        flags.append("negated")
    if event.historical:
        flags.append("historical")
    return ", ".join(flags)


def events_table(record: ArticleRecord) -> Table:
    table = Table(title="events", title_justify="left", expand=False)
    for column in ("source", "CAMEO", "PLOVER", "target", "date", "trigger", "flags"):
        table.add_column(column)
    for event in record.events:
        table.add_row(
            _party(record, event.source),
            event.cameo,
            event.plover.type,
            _party(record, event.target),
            event.date or "-",
            event.trigger.text,
            _event_flags(event),
        )
    return table


def quotes_table(record: ArticleRecord) -> Table:
    table = Table(title="quotes", title_justify="left")
    for column in ("speaker", "kind", "quote"):
        table.add_column(column, overflow="fold")
    for quote in record.quotes:
        speaker = quote.speaker.name if quote.speaker else "-"
        text = quote.text if len(quote.text) <= 120 else quote.text[:117] + "..."
        table.add_row(speaker, quote.kind, text)
    return table


def print_record(record: ArticleRecord, console: Console) -> None:
    heading = record.title or record.id
    if record.status == "error":
        console.print(f"[bold red]✗ {heading}[/]: {record.error}", highlight=False)
        return
    console.rule(f"[bold]{heading}[/] ({record.published or 'undated'})")
    console.print(events_table(record))
    console.print(quotes_table(record))
    places = ", ".join(f"{p.name} ({p.country or '?'})" for p in record.places) or "-"
    dates = ", ".join(f"{d.text} = {d.value}" for d in record.dates) or "-"
    console.print(f"[bold]places:[/] {places}\n[bold]dates:[/] {dates}", highlight=False)
    for warning in record.warnings:
        console.print(f"[yellow]warning:[/] {warning}", highlight=False)
