"""What the command modules share: exit statuses, the coding options, the --db option.

Kept apart from `communique.cli` so that the command modules (`cli_store`, `cli_tools`) need not
import the module that registers them (`python -m communique.cli` runs it as `__main__`).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from communique.config import Settings, load_settings
from communique.errors import CommuniqueError

EXIT_OK, EXIT_DOCUMENT_FAILED, EXIT_USAGE = 0, 1, 2

F = TypeVar("F", bound=Callable[..., Any])


def settings_options(func: F) -> F:
    """The options every coding command shares, with help from the Settings declarations."""
    fields = Settings.model_fields
    options = [
        click.option("--model", "spacy_model", help=fields["spacy_model"].description),
        click.option("--max-chars", type=int, help=fields["max_chars"].description),
        _files_option("actors", fields["actors"].description),
        _files_option("patterns", fields["patterns"].description),
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


def _files_option(name: str, help_text: str | None) -> Callable[[F], F]:
    """A repeatable option naming existing files (`--actors a.yaml --actors b.actors`)."""
    return click.option(
        f"--{name}",
        name,
        multiple=True,
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help=help_text,
    )


def make_settings(config_file: Path | None, **flags: object) -> Settings:
    """Settings from defaults, the config file and the flags given (unset flags change nothing)."""
    for name in ("actors", "patterns"):  # an unrepeated multiple option leaves lower layers alone
        if flags.get(name) == ():
            flags[name] = None
    return load_settings(config_file, **flags)


def fail(exc: CommuniqueError) -> None:
    """Report a user-facing error on standard error and exit with the usage status."""
    click.echo(f"error: {exc}", err=True)
    sys.exit(EXIT_USAGE)


def db_option(func: F) -> F:
    """The --db option of the commands that read or write the store."""
    return click.option(
        "--db", type=click.Path(dir_okay=False, path_type=Path),
        help="SQLite store (default ./communique.db, or COMMUNIQUE_DB).",
    )(func)
