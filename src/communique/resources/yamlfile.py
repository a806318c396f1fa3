"""The one line-aware YAML reader behind every data file of the project.

Data files are edited by people, so an error must name the file and the line. `load_yaml` returns
plain Python structures whose mappings and sequences also remember where they started
(`LineDict.line`, `LineDict.key_lines`, `LineList.item_lines`), and `resource_error` builds the
ResourceError every loader raises.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

from communique.errors import ResourceError


class LineDict(dict[Any, Any]):
    """A YAML mapping that remembers its own line and each key's line (1-based)."""

    line: int = 0
    key_lines: dict[Any, int]

    def line_of(self, key: Any) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list[Any]):
    """A YAML sequence that remembers its own line and each item's line (1-based)."""

    line: int = 0
    item_lines: list[int]


class _LineLoader(yaml.SafeLoader):
    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LineDict:
        # PyYAML keeps the last of two equal keys silently; in a data file that hides an error
        key_lines: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            if key in key_lines:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r} (first on line {key_lines[key]})",
                    key_node.start_mark)
            key_lines[key] = line
        mapping = LineDict(super().construct_mapping(node, deep=True))
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = key_lines
        return mapping

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> LineList:
        items = LineList(super().construct_sequence(node, deep=True))
        items.line = node.start_mark.line + 1
        items.item_lines = [child.start_mark.line + 1 for child in node.value]
        return items


# YAML 1.1 reads on/off/yes/no as booleans, which would turn trigger words such as "on" into True.
# Data files here only ever mean true/false as booleans, so the other spellings stay strings.
_LineLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_LineLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
                            _LineLoader.construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG,
                            _LineLoader.construct_sequence)


def resource_error(path: Path | str, line: int | None, message: str, fix: str) -> ResourceError:
    where = f"{path}:{line}" if line else str(path)
    return ResourceError(f"{where}: {message}", fix)


def refuse_unknown_keys(path: Path | str, line: int | None, mapping: Mapping[Any, Any],
                        allowed: Iterable[str], what: str, fix: str) -> None:
    """A misspelled key in a data file would be silently ignored: say which, and what is allowed."""
    allowed = sorted(allowed)
    unknown = sorted(str(key) for key in set(mapping) - set(allowed))
    if unknown:
        raise resource_error(path, line, f"{what}: unknown keys {unknown}; allowed: {allowed}.",
                             fix)


def load_yaml(path: Path) -> Any:
    """Parse a YAML file; unreadable files and syntax errors raise ResourceError with the line."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise resource_error(path, None, f"cannot read ({exc}).", "check the path and encoding.") \
            from exc
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise resource_error(path, line, f"invalid YAML ({exc.__class__.__name__}: "
                             f"{getattr(exc, 'problem', exc)}).", "fix the YAML syntax.") from exc
