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
    "--format", "fmt", type=click.Choice(["jsonl", "json"]), default="jsonl", show_default=True,
    help="JSON Lines (one record per line) or one JSON array.",
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


if __name__ == "__main__":  # pragma: no cover
    main()
