"""The development commands: `eval` (score on a gold set) and `actors lookup|import`.

Registered on the `communique` group by `communique.cli`.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import IO, Any

import click

from communique.cli_common import (
    EXIT_DOCUMENT_FAILED,
    EXIT_USAGE,
    fail,
    make_settings,
    settings_options,
)
from communique.errors import CommuniqueError, InputNotFoundError
from communique.evaluate.metrics import EvalReport


@click.command("eval")
@click.argument("task", type=click.Choice(["events", "actors", "quotes", "dates", "places"]))
@click.argument("gold_path")
@click.option("--limit", type=int, help="Score only the first N gold documents.")
@click.option("--errors", "show_errors", is_flag=True, help="List each miss and false alarm.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@settings_options
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
        settings = make_settings(config_file, **flags)
        report = run_evaluation(task, Path(gold_path), Pipeline.default(settings), limit,
                                show_errors)
    except CommuniqueError as exc:
        fail(exc)
        return
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=2))
        return
    _print_report(report, show_errors)


def _print_report(report: EvalReport, show_errors: bool) -> None:
    from rich.console import Console
    from rich.table import Table

    # figures must never be cut to fit a narrow terminal: the table is as wide as it needs
    console = Console(width=max(Console().width, 120))
    table = Table(title=f"{report.task}: {report.gold_path} ({report.documents} documents)")
    columns = ("figure", "precision", "recall", "F1", "value", "tp / right", "fp", "fn / total")
    for column in columns:
        if column == "figure":
            table.add_column(column, no_wrap=True, min_width=22)
        else:
            table.add_column(column, justify="right", no_wrap=True)
    for name, counts in report.prf.items():
        table.add_row(name, f"{counts.precision:.3f}", f"{counts.recall:.3f}", f"{counts.f1:.3f}",
                      "", str(counts.tp), str(counts.fp), str(counts.fn))
    for name, share in report.shares.items():
        value = f"{share.value:.3f}" if share.total else "n/a"  # nothing to score it on
        table.add_row(name, "", "", "", value, str(share.right), "", str(share.total))
    console.print(table)
    for note in report.notes:
        console.print(f"note: {note}", highlight=False)
    if show_errors:
        for line in report.errors:
            console.print(line, highlight=False, markup=False)


@click.group("actors")
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
        dictionary = actor_dictionary(actor_files)
        lines = describe(dictionary, name, date) or _variant_lines(dictionary, name, date)
    except CommuniqueError as exc:
        fail(exc)
        return
    if not lines:
        click.echo(f"'{name}' is not in the actor dictionaries.")
        sys.exit(EXIT_DOCUMENT_FAILED)
    for line in lines:
        click.echo(line)


def _variant_lines(dictionary: Any, name: str, date: dt.date | None) -> list[str]:
    """What a name the dictionary lacks reads as in text, when it is a spelling variant."""
    from communique.resources.actors import describe, iter_surface_forms
    from communique.stages.actor_spelling import spelling_variant
    from communique.stages.nlp import PINNED_MODEL, load_model

    surface = spelling_variant(iter_surface_forms(dictionary), name, load_model(PINNED_MODEL))
    if surface is None:
        return []
    return [f"'{name}' is read as a spelling variant of '{surface}':",
            *describe(dictionary, surface, date)]


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
        fail(exc)
        return
    output.write(entries_to_yaml(entries))
    click.echo(f"{len(entries)} actors converted from {source}", err=True)


#: the commands this module adds to `communique`
COMMANDS = (eval_command, actors_group)
