"""The negotiation board's rules: resources/data/board.yaml, read and validated.

The board reads events through a table (CAMEO code prefixes, PLOVER type/mode) kept as data so
analysts can change what counts as "open to talks" without touching code; every error names the
file and the line.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from communique.resources.yamlfile import LineDict, load_yaml, refuse_unknown_keys, resource_error

BOARD_FILE = Path(__file__).parent / "resources" / "data" / "board.yaml"
CONDITION_LISTS = ("marks", "modals", "demand_verbs", "condition_nouns", "say_verbs",
                   "topic_words")


@dataclass(frozen=True)
class Kind:
    name: str
    label: str
    stance: str | None = None
    negated: str | None = None
    third_party: bool = False
    mediator: str | None = None


@dataclass(frozen=True)
class BoardRules:
    kinds: dict[str, Kind]
    #: CAMEO prefix -> (kind for a party, kind for a third party)
    cameo: dict[str, tuple[str, str]]
    plover: dict[str, str]
    words: dict[str, frozenset[str]]

    def kind_of(self, cameo: str, plover: str, mode: str | None, third_party: bool) -> str | None:
        """The board kind an event shows: longest CAMEO prefix, else PLOVER type/mode."""
        for length in range(len(cameo), 1, -1):
            pair = self.cameo.get(cameo[:length])
            if pair is not None:
                return pair[1] if third_party else pair[0]
        return self.plover.get(f"{plover}/{mode}") or self.plover.get(plover)


def _kind(path: Path, name: str, spec: Any, line: int) -> Kind:
    if not isinstance(spec, dict) or not isinstance(spec.get("label"), str):
        raise resource_error(path, line, f"kind '{name}' needs a 'label'.",
                             "write it as {label: ..., stance: open|refuse, ...}.")
    refuse_unknown_keys(path, line, spec, ("label", "stance", "negated", "third_party", "mediator"),
                        f"kind '{name}'", "see board.yaml's header for the keys of a kind.")
    if spec.get("stance") not in (None, "open", "refuse"):
        raise resource_error(path, line, f"kind '{name}': stance must be open or refuse.",
                             "fix the stance.")
    if spec.get("mediator") not in (None, "source", "target"):
        raise resource_error(path, line, f"kind '{name}': mediator must be source or target.",
                             "fix the mediator.")
    return Kind(name, spec["label"], spec.get("stance"), spec.get("negated"),
                bool(spec.get("third_party", False)), spec.get("mediator"))


def _check_kind(path: Path, line: int, value: Any, kinds: dict[str, Kind], where: str) -> str:
    if value not in kinds:
        raise resource_error(path, line, f"{where}: unknown kind {value!r}.",
                             f"use one of: {', '.join(sorted(kinds))}.")
    return str(value)


def _section(path: Path, data: LineDict, name: str) -> LineDict:
    section = data.get(name)
    if not isinstance(section, LineDict):
        raise resource_error(path, data.line_of(name) if name in data else 1,
                             f"'{name}' must be a mapping.", "see the comments at the top.")
    return section


def load_rules(path: Path = BOARD_FILE) -> BoardRules:
    data = load_yaml(path)
    if not isinstance(data, LineDict):
        raise resource_error(path, 1, "the file must be a mapping.", "see board.yaml.")
    raw_kinds = _section(path, data, "kinds")
    kinds = {str(n): _kind(path, str(n), s, raw_kinds.line_of(n)) for n, s in raw_kinds.items()}
    for kind in kinds.values():
        if kind.negated is not None:
            _check_kind(path, raw_kinds.line_of(kind.name), kind.negated, kinds, kind.name)
    raw_cameo = _section(path, data, "cameo")
    cameo: dict[str, tuple[str, str]] = {}
    for code, value in raw_cameo.items():
        line = raw_cameo.line_of(code)
        if not str(code).isdigit() or not 2 <= len(str(code)) <= 4:
            raise resource_error(path, line, f"{code!r} is not a CAMEO code.",
                                 'quote codes as strings: "036".')
        if isinstance(value, dict):
            pair = (_check_kind(path, line, value.get("party"), kinds, str(code)),
                    _check_kind(path, line, value.get("third_party"), kinds, str(code)))
        else:
            single = _check_kind(path, line, value, kinds, str(code))
            pair = (single, single)
        cameo[str(code)] = pair
    raw_plover = _section(path, data, "plover")
    plover = {str(key): _check_kind(path, raw_plover.line_of(key), value, kinds, str(key))
              for key, value in raw_plover.items()}
    raw_words = _section(path, data, "conditions")
    words: dict[str, frozenset[str]] = {}
    for name in CONDITION_LISTS:
        value = raw_words.get(name)
        if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
            raise resource_error(path, raw_words.line_of(name) if name in raw_words else 1,
                                 f"conditions.{name} must be a list of words.",
                                 f"add conditions.{name}: [word, ...].")
        words[name] = frozenset(w.lower() for w in value)
    return BoardRules(kinds, cameo, plover, words)


@lru_cache(maxsize=1)
def default_rules() -> BoardRules:
    return load_rules(BOARD_FILE)
