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

Parsing goes through `communique.resources.yamlfile`, the project's one line-aware YAML reader
(which keeps words like "on", "off", "yes" and "no" as strings).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from communique.errors import ResourceError
from communique.resources.yamlfile import LineDict, LineList, load_yaml, resource_error

DATA_DIR = Path(__file__).resolve().parent / "data"
_FIX = "fix the lexicon file (a mapping of section: [strings])."


@dataclass(frozen=True)
class Lexicon:
    """Named sections of strings, loaded from one YAML file."""

    path: Path
    sections: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def __getitem__(self, name: str) -> frozenset[str]:
        return self.sections.get(name, frozenset())

    def __contains__(self, name: object) -> bool:
        return name in self.sections


def _fail(path: Path, line: int | None, message: str) -> ResourceError:
    return resource_error(path, line, message, _FIX)


def _section(path: Path, name: str, items: Any, line: int, lowercase: bool) -> frozenset[str]:
    if items is None:  # "section:" with nothing under it
        return frozenset()
    if not isinstance(items, LineList):
        raise _fail(path, getattr(items, "line", line), f"section '{name}' must be a list of "
                    "strings.")
    seen: dict[str, int] = {}
    for item, item_line in zip(items, items.item_lines, strict=True):
        # numbers are read as words ("1984"); null, true/false and nested lists are mistakes
        if isinstance(item, bool) or not isinstance(item, str | int):
            raise _fail(path, item_line, f"section '{name}': every entry must be a string "
                        "(quote words like 'null' or 'true').")
        value = " ".join(str(item).split())
        value = value.lower() if lowercase else value
        if not value:
            raise _fail(path, item_line, f"section '{name}': empty entry.")
        if value in seen:
            raise _fail(path, item_line, f"section '{name}': duplicate entry '{value}' (first "
                        f"on line {seen[value]}).")
        seen[value] = item_line
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
    root = load_yaml(path)
    if root is None:
        raise _fail(path, 1, "empty lexicon file; add at least one section.")
    if not isinstance(root, LineDict):
        raise _fail(path, getattr(root, "line", 1), "a lexicon must be a mapping of section "
                    "names to lists.")
    required = tuple(required)
    allowed = None if optional is None else set(required) | set(optional)
    sections: dict[str, frozenset[str]] = {}
    for name, items in root.items():
        line = root.line_of(name)
        if not isinstance(name, str) or not name:
            raise _fail(path, line, "section names must be non-empty strings.")
        if allowed is not None and name not in allowed:
            raise _fail(path, line, f"unknown section '{name}' (known: {sorted(allowed)}).")
        sections[name] = _section(path, name, items, line, lowercase)
    missing = [name for name in required if name not in sections]
    if missing:
        raise _fail(path, root.line, f"missing required sections {missing}.")
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
