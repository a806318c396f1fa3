"""Documentation kept honest: every command and every setting is documented, the public API is
what `__all__` says, and the README's quick start is the two make targets."""

from __future__ import annotations

import click

import communique
from communique.cli import main
from communique.config import ENV_PREFIX, Settings
from tests.conftest import ROOT

CLI_DOC = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")


def _commands(group: click.Group, prefix: str = "communique") -> list[str]:
    names = []
    for name, command in group.commands.items():
        path = f"{prefix} {name}"
        names.append(path)
        if isinstance(command, click.Group):
            names.extend(_commands(command, path))
    return names


def test_every_command_is_documented() -> None:
    missing = [c for c in _commands(main) if f"`{c}" not in CLI_DOC]
    assert not missing, f"document these in docs/cli.md: {missing}"


def test_every_option_is_documented() -> None:
    missing = []
    for path in _commands(main):
        command = main
        for part in path.split()[1:]:
            command = command.commands[part]  # type: ignore[attr-defined]
        for param in command.params:
            if isinstance(param, click.Option):
                flag = max(param.opts, key=len)
                if flag not in CLI_DOC:
                    missing.append(f"{path} {flag}")
    assert not missing, f"document these options in docs/cli.md: {missing}"


def test_every_setting_is_documented_with_its_variable() -> None:
    missing = [n for n in Settings.model_fields if ENV_PREFIX + n.upper() not in CLI_DOC]
    assert not missing, f"document these settings in docs/cli.md: {missing}"


def test_public_api_is_exactly_all() -> None:
    for name in communique.__all__:
        assert hasattr(communique, name), name
    public = {
        name for name, value in vars(communique).items()
        if not name.startswith("_") and type(value).__name__ not in ("module", "_Feature")
    }
    assert public == set(communique.__all__) - {"__version__"}


def test_readme_quick_start_is_the_two_make_targets() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = readme.split("## Quick start", 1)[1].split("##", 1)[0]
    commands = [line.split("#")[0].strip() for line in quick.splitlines()
                if line.startswith("make ")]
    assert commands == ["make demo", "make test"]
