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

from communique import __version__, cli_store, cli_tools
from communique.cli_common import (
    EXIT_DOCUMENT_FAILED,
    EXIT_OK,
    db_option,
    fail,
    make_settings,
    settings_options,
)
from communique.errors import CommuniqueError
from communique.models import ArticleRecord, record_json_schema, record_to_json


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="communique")
def main() -> None:
    """communique: political event data from news (CAMEO, PLOVER, quotes, dates, places)."""


# the store commands (ingest, query, export, board) and the development ones (eval, actors)
for _command in (*cli_store.COMMANDS, *cli_tools.COMMANDS):
    main.add_command(_command)


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
@settings_options
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
        settings = make_settings(config_file, **flags)
        pipeline = Pipeline.default(settings)
        documents = read_inputs(inputs, published.date() if published else None,
                                settings.max_chars)
        failed = _write_records(pipeline.code_many(documents), fmt, output)
    except CommuniqueError as exc:
        fail(exc)
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


@main.command("explain")
@click.argument("sentence")
@click.option("--published", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="Publication date (YYYY-MM-DD) anchoring relative dates.")
@settings_options
def explain_command(sentence: str, published: dt.datetime | None, config_file: Path | None,
                    **flags: object) -> None:
    """Show how SENTENCE is coded: parse, patterns tried and fired, and why each actor."""
    from communique.explain import explain, render
    from communique.pipeline import Pipeline

    try:
        pipeline = Pipeline.default(make_settings(config_file, **flags))
        result = explain(sentence, published.date() if published else None, pipeline)
    except CommuniqueError as exc:
        fail(exc)
        return
    click.echo(render(result))


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
@settings_options
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
            inputs=list(corpus), settings=make_settings(config_file, **flags), db=db, out=out,
            workers=workers, chunk_size=chunk_size, columns=Columns(text_column, id_column),
            published=published.date() if published else None, engine=engine,
            scheduler=scheduler, progress=not no_progress,
        )
        summary = run(config)
    except CommuniqueError as exc:
        fail(exc)
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
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to bind; anything but loopback exposes the store to the network.")
@click.option("--port", type=int, default=8000, show_default=True, help="TCP port.")
@click.option("--allow-write", is_flag=True,
              help="Let POST /code store what it codes (default: the store is opened read-only).")
@click.option("--allowed-host", "allowed_hosts", multiple=True,
              help="Extra Host header names to accept (default: loopback names and --host).")
@click.option("--max-body", type=int, default=1_000_000, show_default=True,
              help="Largest request body accepted, in bytes.")
@settings_options
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
        settings = make_settings(config_file, db=db, **flags)
        app = create_app(settings.db, allow_write=allow_write, settings=settings,
                         max_body=max_body, allowed_hosts=hosts)
    except CommuniqueError as exc:
        fail(exc)
        return
    mode = "read-write" if allow_write else "read-only"
    click.echo(f"communique: {settings.db} ({mode}) on http://{host}:{port}/ui/ "
               f"(API docs: /docs)", err=True)
    if host not in LOOPBACK:
        click.echo("warning: listening beyond this machine; the API has no authentication.",
                   err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


if __name__ == "__main__":  # pragma: no cover
    main()
