"""The command line: each command parses its arguments, calls the library, formats the output.

Exit status: 0 when everything was coded, 1 when any document failed, 2 for a usage error.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import click

from communique import __version__
from communique.config import Settings, load_settings
from communique.errors import CommuniqueError, InputNotFoundError
from communique.evaluate.metrics import EvalReport
from communique.models import ArticleRecord, record_json_schema, record_to_json

EXIT_OK, EXIT_DOCUMENT_FAILED, EXIT_USAGE = 0, 1, 2


def _settings_options(func):
    """The options every coding command shares, with help from the Settings declarations."""
    fields = Settings.model_fields
    options = [
        click.option("--model", "spacy_model", help=fields["spacy_model"].description),
        click.option("--max-chars", type=int, help=fields["max_chars"].description),
        click.option(
            "--actors",
            "actors",
            multiple=True,
            type=click.Path(exists=True, dir_okay=False, path_type=Path),
            help=fields["actors"].description,
        ),
        click.option(
            "--patterns",
            "patterns",
            multiple=True,
            type=click.Path(exists=True, dir_okay=False, path_type=Path),
            help=fields["patterns"].description,
        ),
        click.option(
            "--config",
            "config_file",
            type=click.Path(exists=True, dir_okay=False, path_type=Path),
            help="TOML settings file (keys as in the Settings object).",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _make_settings(config_file: Path | None, **flags: object) -> Settings:
    for name in ("actors", "patterns"):  # an unrepeated multiple option leaves lower layers alone
        if flags.get(name) == ():
            flags[name] = None
    return load_settings(config_file, **flags)


def _fail(exc: CommuniqueError) -> None:
    click.echo(f"error: {exc}", err=True)
    sys.exit(EXIT_USAGE)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="communique")
def main() -> None:
    """communique: political event data from news (CAMEO, PLOVER, quotes, dates, places)."""


@main.command("code")
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "--published",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Publication date (YYYY-MM-DD) for documents that carry none; anchors relative dates.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["jsonl", "json", "table"]), default="jsonl",
    show_default=True,
    help="JSON Lines (one record per line), one JSON array, or readable tables.",
)
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-",
              help="Output file (default: standard output).")
@_settings_options
def code_command(
    inputs: tuple[str, ...],
    published: dt.datetime | None,
    fmt: str,
    output: IO[str],
    config_file: Path | None,
    **flags: object,
) -> None:
    """Code INPUT... (files, directories, or - for standard input) into article records."""
    from communique.pipeline import Pipeline
    from communique.stages.ingest import read_inputs

    try:
        settings = _make_settings(config_file, **flags)
        pipeline = Pipeline.default(settings)
        documents = read_inputs(inputs, published.date() if published else None,
                                settings.max_chars)
        failed = _write_records(pipeline.code_many(documents), fmt, output)
    except CommuniqueError as exc:
        _fail(exc)
        return
    sys.exit(EXIT_DOCUMENT_FAILED if failed else EXIT_OK)


def _write_records(records: Iterator[ArticleRecord], fmt: str, output: IO[str]) -> int:
    """Write records as they come (JSON Lines streams); return how many were errors."""
    failed = 0
    if fmt == "table":
        from rich.console import Console

        from communique.display import print_record

        console = Console(file=output)
        for record in records:
            failed += record.status == "error"
            print_record(record, console)
        return failed
    if fmt == "json":
        output.write("[")
    for index, record in enumerate(records):
        failed += record.status == "error"
        if fmt == "json":
            output.write(("," if index else "") + "\n" + record_to_json(record))
        else:
            output.write(record_to_json(record) + "\n")
        output.flush()
    if fmt == "json":
        output.write("\n]\n")
    return failed


@main.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of the article record."""
    click.echo(json.dumps(record_json_schema(), indent=2))


@main.command("eval")
@click.argument("task", type=click.Choice(["events", "actors", "quotes", "dates", "places"]))
@click.argument("gold_path")
@click.option("--limit", type=int, help="Score only the first N gold documents.")
@click.option("--errors", "show_errors", is_flag=True, help="List each miss and false alarm.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@_settings_options
def eval_command(
    task: str,
    gold_path: str,
    limit: int | None,
    show_errors: bool,
    as_json: bool,
    config_file: Path | None,
    **flags: object,
) -> None:
    """Code the texts of a gold set and score them (TASK: events, actors, quotes, dates, places).

    GOLD_PATH is a file or folder; a suffix #A or #B scores one half of a set split for
    development (half A looked at while developing, half B kept apart).
    """
    from communique.evaluate import run_evaluation
    from communique.pipeline import Pipeline

    try:
        base = gold_path[:-2] if gold_path[-2:] in ("#A", "#B") else gold_path
        if not Path(base).exists():
            raise InputNotFoundError(f"gold path '{base}' does not exist.",
                                     "give the gold file or folder (see docs/evaluation.md).")
        settings = _make_settings(config_file, **flags)
        report = run_evaluation(task, Path(gold_path), Pipeline.default(settings), limit,
                                show_errors)
    except CommuniqueError as exc:
        _fail(exc)
        return
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=2))
        return
    _print_report(report, show_errors)


def _print_report(report: EvalReport, show_errors: bool) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    table = Table(title=f"{report.task}: {report.gold_path} ({report.documents} documents)")
    columns = ("figure", "precision", "recall", "F1", "value", "tp / right", "fp", "fn / total")
    for column in columns:
        if column == "figure":
            table.add_column(column, no_wrap=True, min_width=22)
        else:
            table.add_column(column, justify="right")
    for name, counts in report.prf.items():
        table.add_row(name, f"{counts.precision:.3f}", f"{counts.recall:.3f}", f"{counts.f1:.3f}",
                      "", str(counts.tp), str(counts.fp), str(counts.fn))
    for name, share in report.shares.items():
        table.add_row(name, "", "", "", f"{share.value:.3f}", str(share.right), "",
                      str(share.total))
    console.print(table)
    for note in report.notes:
        console.print(f"note: {note}", highlight=False)
    if show_errors:
        for line in report.errors:
            console.print(line, highlight=False, markup=False)


# -- store: ingest, query, export, board (issue 7) -------------------------------------------


def _db_option(func):
    return click.option(
        "--db", type=click.Path(dir_okay=False, path_type=Path),
        help="SQLite store (default ./communique.db, or COMMUNIQUE_DB).",
    )(func)


def _open_store(db: Path | None, readonly: bool = True):
    from communique.store import Store

    return Store(db or load_settings().db, readonly=readonly)


def _output_options(func):
    options = [
        click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]),
                     default="table", show_default=True, help="Table for people, JSON or CSV."),
        click.option("--limit", type=int, default=50, show_default=True, help="Rows per page."),
        click.option("--offset", type=int, default=0, show_default=True, help="Rows to skip."),
        _db_option,
    ]
    for option in reversed(options):
        func = option(func)
    return func


@main.command("ingest")
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "--published", type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Publication date (YYYY-MM-DD) for documents that carry none; anchors relative dates.",
)
@click.option("--recode", is_flag=True,
              help="Code again documents already stored from the same text.")
@_db_option
@_settings_options
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
        settings = _make_settings(config_file, db=db, **flags)
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
        _fail(exc)
        return
    click.echo(
        f"{settings.db}: {summary.inserted} new, {summary.replaced} replaced, "
        f"{summary.unchanged + skipped} unchanged, {summary.errors} failed; "
        f"{summary.events} events, {summary.quotes} quotes."
    )
    for doc_id in summary.error_ids:
        click.echo(f"failed: {doc_id}", err=True)
    sys.exit(EXIT_DOCUMENT_FAILED if summary.errors else EXIT_OK)


@main.group("query")
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
    from communique.export.formats import print_page
    from communique.query import EventFilter, query_events

    filters = EventFilter(actor=actor, source=source, target=target, type=plover_type,
                          cameo=cameo, since=since, until=until, text=text, per_story=per_story)
    try:
        with _open_store(db) as store:
            page = query_events(store, filters, limit=limit, offset=offset)
    except CommuniqueError as exc:
        _fail(exc)
        return
    print_page(page, "events", fmt, sys.stdout, title="events")


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
    from communique.export.formats import print_page
    from communique.query import query_quotes

    try:
        with _open_store(db) as store:
            page = query_quotes(store, speaker=speaker, text=text, actor=actor, since=since,
                                until=until, limit=limit, offset=offset)
    except CommuniqueError as exc:
        _fail(exc)
        return
    print_page(page, "quotes", fmt, sys.stdout, title="quotes")


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
    from communique.export.formats import print_page
    from communique.query import query_actors

    try:
        with _open_store(db) as store:
            page = query_actors(store, code=code, name=name, country=country, kind=kind,
                                limit=limit, offset=offset)
    except CommuniqueError as exc:
        _fail(exc)
        return
    print_page(page, "actors", fmt, sys.stdout, title="actors")


@main.command("export")
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
@_db_option
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
        _fail(exc)
        return
    if out is not None:
        click.echo(f"{out}: {count} rows ({fmt}).", err=True)


@main.command("explain")
@click.argument("sentence")
@click.option("--published", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="Publication date (YYYY-MM-DD) anchoring relative dates.")
@_settings_options
def explain_command(sentence: str, published: dt.datetime | None, config_file: Path | None,
                    **flags: object) -> None:
    """Show how SENTENCE is coded: parse, patterns tried and fired, and why each actor."""
    from communique.explain import explain, render
    from communique.pipeline import Pipeline

    try:
        pipeline = Pipeline.default(_make_settings(config_file, **flags))
        result = explain(sentence, published.date() if published else None, pipeline)
    except CommuniqueError as exc:
        _fail(exc)
        return
    click.echo(render(result))


@main.command("board")
@click.option("--dyad", help="Two party codes, e.g. RUS-UKR (default: every dyad).")
@click.option("--since", help="First day, YYYY-MM-DD.")
@click.option("--until", help="Last day, YYYY-MM-DD.")
@click.option("--no-conditions", is_flag=True,
              help="Skip condition extraction (no spaCy parse; faster on big stores).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="Tables for people, or JSON.")
@_db_option
def board_command(
    dyad: str | None, since: str | None, until: str | None, no_conditions: bool, fmt: str,
    db: Path | None,
) -> None:
    """The negotiation board: each pair of parties' positions on talks, with conditions."""
    from communique.board import build_board
    from communique.export.formats import print_board

    try:
        with _open_store(db) as store:
            board = build_board(store, dyad=dyad, since=since, until=until,
                                conditions=not no_conditions)
    except CommuniqueError as exc:
        _fail(exc)
        return
    if fmt == "json":
        click.echo(board.model_dump_json(indent=2))
    else:
        print_board(board, sys.stdout)


# -- batch: streaming, parallel, resumable runs (issue 8) ------------------------------------


@main.command("run")
@click.argument("corpus", nargs=-1, required=True)
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path),
              help="Code into this SQLite store (the parent process is its one writer).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help="Write Parquet parts (one per chunk) into this directory.")
@click.option("--workers", type=int, default=1, show_default=True,
              help="Worker processes (local) or LocalCluster workers (dask, local scheduler).")
@click.option("--chunk-size", type=int, default=100, show_default=True,
              help="Documents per chunk: the unit of work, of checkpointing and of a Parquet part.")
@click.option("--text-column", default="text", show_default=True,
              help="Field holding the text in JSONL, CSV and Parquet inputs.")
@click.option("--id-column", default="id", show_default=True,
              help="Field holding the document id (absent: a hash of the text).")
@click.option("--published", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="Publication date (YYYY-MM-DD) for documents that carry none.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local",
              show_default=True, help="Processes on this machine, or a Dask cluster.")
@click.option("--scheduler", help="Dask scheduler: tcp://HOST:PORT, or 'local' (a LocalCluster).")
@click.option("--no-progress", is_flag=True, help="No progress bar (the summary still prints).")
@_settings_options
def run_command(
    corpus: tuple[str, ...], db: Path | None, out: Path | None, workers: int, chunk_size: int,
    text_column: str, id_column: str, published: dt.datetime | None, engine: str,
    scheduler: str | None, no_progress: bool, config_file: Path | None, **flags: object,
) -> None:
    """Code CORPUS... (directories, .txt/.html, .jsonl[.gz], .csv, .parquet) at scale.

    Streams the corpus in constant memory, codes it on --workers processes, and checkpoints each
    chunk: run the same command again after a kill and it resumes, coding nothing twice.
    """
    from communique.batch import Columns, RunConfig, run

    try:
        config = RunConfig(
            inputs=list(corpus), settings=_make_settings(config_file, **flags), db=db, out=out,
            workers=workers, chunk_size=chunk_size, columns=Columns(text_column, id_column),
            published=published.date() if published else None, engine=engine,
            scheduler=scheduler, progress=not no_progress,
        )
        summary = run(config)
    except CommuniqueError as exc:
        _fail(exc)
        return
    except KeyboardInterrupt:
        click.echo("interrupted: finished chunks are kept; run the same command again to resume.",
                   err=True)
        sys.exit(130)
    resumed = f" ({summary.resumed:,} from an earlier run)" if summary.resumed else ""
    skipped = f", {summary.skipped:,} already stored" if summary.skipped else ""
    click.echo(
        f"{summary.documents:,} documents{resumed}{skipped}: {summary.events:,} events, "
        f"{summary.quotes:,} quotes, {summary.errors:,} errors; {summary.elapsed:,.1f} s "
        f"({summary.rate:,.1f} articles/s) -> {db or out}"
    )
    for doc_id in summary.error_ids[:20]:
        click.echo(f"failed: {doc_id}", err=True)
    sys.exit(EXIT_DOCUMENT_FAILED if summary.errors else EXIT_OK)


# -- web: the JSON API and the dashboard (issue 9) ------------------------------------------


@main.command("serve")
@_db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to bind; anything but loopback exposes the store to the network.")
@click.option("--port", type=int, default=8000, show_default=True, help="TCP port.")
@click.option("--allow-write", is_flag=True,
              help="Let POST /code store what it codes (default: the store is opened read-only).")
@click.option("--allowed-host", "allowed_hosts", multiple=True,
              help="Extra Host header names to accept (default: loopback names and --host).")
@click.option("--max-body", type=int, default=1_000_000, show_default=True,
              help="Largest request body accepted, in bytes.")
@_settings_options
def serve_command(
    db: Path | None, host: str, port: int, allow_write: bool, allowed_hosts: tuple[str, ...],
    max_body: int, config_file: Path | None, **flags: object,
) -> None:
    """Serve the store as a JSON API and a dashboard (open http://HOST:PORT/ui/)."""
    import uvicorn

    from communique.web import create_app
    from communique.web.app import LOOPBACK

    hosts = [*LOOPBACK, host, *allowed_hosts]
    if host in ("0.0.0.0", "::") and not allowed_hosts:
        hosts = ["*"]
    try:
        settings = _make_settings(config_file, db=db, **flags)
        app = create_app(settings.db, allow_write=allow_write, settings=settings,
                         max_body=max_body, allowed_hosts=hosts)
    except CommuniqueError as exc:
        _fail(exc)
        return
    mode = "read-write" if allow_write else "read-only"
    click.echo(f"communique: {settings.db} ({mode}) on http://{host}:{port}/ui/ "
               f"(API docs: /docs)", err=True)
    if host not in LOOPBACK:
        click.echo("warning: listening beyond this machine; the API has no authentication.",
                   err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


# ---------------------------------------------------------------- actors (dictionaries)


@main.group("actors")
def actors_group() -> None:
    """Actor dictionaries: see what a name codes as, import PETRARCH .actors files."""


@actors_group.command("lookup")
@click.argument("name")
@click.option("--date", "date_text", metavar="YYYY-MM-DD",
              help="Article date the roles are read at (default: today).")
@click.option("--actors", "actor_files", multiple=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Extra actor dictionaries (YAML or .actors), as for `code`.")
def actors_lookup_command(name: str, date_text: str | None,
                          actor_files: tuple[Path, ...]) -> None:
    """Show what NAME resolves to on a date, and why."""
    from communique.resources.actors import actor_dictionary, describe

    try:
        date = dt.date.fromisoformat(date_text) if date_text else None
    except ValueError:
        click.echo(f"error: --date must be YYYY-MM-DD, not {date_text!r}.", err=True)
        sys.exit(EXIT_USAGE)
    try:
        lines = describe(actor_dictionary(actor_files), name, date)
    except CommuniqueError as exc:
        _fail(exc)
        return
    if not lines:
        click.echo(f"'{name}' is not in the actor dictionaries.")
        sys.exit(EXIT_DOCUMENT_FAILED)
    for line in lines:
        click.echo(line)


@actors_group.command("import")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-",
              help="Where to write the YAML dictionary (default: standard output).")
def actors_import_command(source: Path, output: IO[str]) -> None:
    """Convert a PETRARCH/CAMEO .actors dictionary to communique's YAML schema."""
    from communique.resources.actors_petrarch import entries_to_yaml, read_petrarch_actors
    from communique.resources.countries import country_table

    try:
        entries = read_petrarch_actors(source, country_table())
    except CommuniqueError as exc:
        _fail(exc)
        return
    output.write(entries_to_yaml(entries))
    click.echo(f"{len(entries)} actors converted from {source}", err=True)


if __name__ == "__main__":  # pragma: no cover
    main()
