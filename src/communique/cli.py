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
from communique.errors import CommuniqueError
from communique.evaluate.metrics import EvalReport
from communique.models import ArticleRecord, record_json_schema, record_to_json

EXIT_OK, EXIT_DOCUMENT_FAILED, EXIT_USAGE = 0, 1, 2


def _settings_options(func):  # type: ignore[no-untyped-def]
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
    if flags.get("actors") == ():
        flags["actors"] = None
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
@click.argument("gold_path", type=click.Path(exists=True, path_type=Path))
@click.option("--limit", type=int, help="Score only the first N gold documents.")
@click.option("--errors", "show_errors", is_flag=True, help="List each miss and false alarm.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@_settings_options
def eval_command(
    task: str,
    gold_path: Path,
    limit: int | None,
    show_errors: bool,
    as_json: bool,
    config_file: Path | None,
    **flags: object,
) -> None:
    """Code the texts of a gold set and score them (TASK: events, actors, quotes, dates, places)."""
    from communique.evaluate import run_evaluation
    from communique.pipeline import Pipeline

    try:
        settings = _make_settings(config_file, **flags)
        report = run_evaluation(task, gold_path, Pipeline.default(settings), limit, show_errors)
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
        table.add_column(column, justify="left" if column == "figure" else "right")
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


if __name__ == "__main__":  # pragma: no cover
    main()
