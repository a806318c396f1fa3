"""A generic, validating loader for word-list lexicons kept as YAML data files.

Lexicons (speech verbs, source nouns, ...) are data, not code, so that a user can read and extend
them. A lexicon file is a YAML mapping from section names to lists of strings::

    verbs:            # comments are welcome
      - say
      - tell
    phrases:
      - according to

`load_lexicon` checks the shape (a mapping, known sections, lists of non-empty strings, no
duplicates within a section) and reports any problem as a `ResourceError` naming the file and the
line, because a silent typo in a word list degrades the coder without anyone noticing. Entries are
normalized (stripped, lowercased unless `lowercase=False`) and returned as frozensets.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from communique.errors import ResourceError

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Lexicon:
    """Named sections of strings, loaded from one YAML file."""

    path: Path
    sections: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def __getitem__(self, name: str) -> frozenset[str]:
        return self.sections.get(name, frozenset())

    def __contains__(self, name: object) -> bool:
        return name in self.sections


def _fail(path: Path, node: yaml.Node | None, message: str) -> ResourceError:
    line = f":{node.start_mark.line + 1}" if node is not None else ""
    return ResourceError(
        f"{path}{line}: {message}", "fix the lexicon file (a mapping of section: [strings])."
    )


def _compose(path: Path) -> yaml.Node | None:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ResourceError(f"{path}: cannot read lexicon ({exc}).", "check the path.") from exc
    except UnicodeDecodeError as exc:
        raise ResourceError(f"{path}: not UTF-8 ({exc}).", "save the file as UTF-8.") from exc
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        raise ResourceError(
            f"{path}{where}: invalid YAML ({exc}).", "fix the YAML syntax."
        ) from exc


def _section(path: Path, name: str, node: yaml.Node, lowercase: bool) -> frozenset[str]:
    if isinstance(node, yaml.ScalarNode) and node.value in ("", "~", "null") and not node.style:
        return frozenset()
    if not isinstance(node, yaml.SequenceNode):
        raise _fail(path, node, f"section '{name}' must be a list of strings.")
    seen: dict[str, int] = {}
    for item in node.value:
        # the raw scalar text: words like "on", "no" or "null" stay words, not YAML booleans
        if not isinstance(item, yaml.ScalarNode):
            raise _fail(path, item, f"section '{name}': every entry must be a string.")
        value = " ".join(item.value.split())
        value = value.lower() if lowercase else value
        if not value:
            raise _fail(path, item, f"section '{name}': empty entry.")
        if value in seen:
            raise _fail(
                path, item, f"section '{name}': duplicate entry '{value}' (first on line "
                f"{seen[value]})."
            )
        seen[value] = item.start_mark.line + 1
    return frozenset(seen)


def load_lexicon_file(
    path: Path,
    required: Iterable[str] = (),
    optional: Iterable[str] | None = (),
    lowercase: bool = True,
) -> Lexicon:
    """Load and validate a lexicon file.

    `required` sections must be present; `optional` ones may be; any other section is an error
    unless `optional` is None (then any section name is accepted).
    """
    root = _compose(path)
    if root is None:
        raise ResourceError(f"{path}:1: empty lexicon file.", "add at least one section.")
    if not isinstance(root, yaml.MappingNode):
        raise _fail(path, root, "a lexicon must be a mapping of section names to lists.")
    required = tuple(required)
    allowed = None if optional is None else set(required) | set(optional)
    sections: dict[str, frozenset[str]] = {}
    for key, value in root.value:
        name = key.value if isinstance(key, yaml.ScalarNode) else None
        if not name:
            raise _fail(path, key, "section names must be non-empty strings.")
        if allowed is not None and name not in allowed:
            raise _fail(path, key, f"unknown section '{name}' (known: {sorted(allowed)}).")
        if name in sections:
            raise _fail(path, key, f"section '{name}' appears twice.")
        sections[name] = _section(path, name, value, lowercase)
    missing = [name for name in required if name not in sections]
    if missing:
        raise _fail(path, root, f"missing required sections {missing}.")
    return Lexicon(path=path, sections=sections)


@lru_cache(maxsize=32)
def load_lexicon(
    name: str,
    required: tuple[str, ...] = (),
    optional: tuple[str, ...] | None = (),
    lowercase: bool = True,
) -> Lexicon:
    """Load a lexicon shipped in `resources/data/` by file name (cached per process)."""
    return load_lexicon_file(DATA_DIR / name, required, optional, lowercase)
