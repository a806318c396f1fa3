"""Load and validate the TIMEX lexicon and rules (`resources/data/timex.yaml`).

The words (months, weekdays, units, ...) and the recognition rules of the dates stage are data, so
that a reader can see and extend what the stage knows without reading code. A typo there would
silently cost recall, so the loader checks every section's shape and every rule's regular
expression, and reports a problem as a `ResourceError` naming the file and the line.

Rules are HeidelTime-style: a regular expression in which `%name` stands for the alternation of a
lexicon section (longest first), and `norm`, the name of the normalization function that turns a
match into a TIMEX3 value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from communique.errors import ResourceError

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "resources" / "data" / "timex.yaml"

#: sections mapping words to scalars, with the scalar type each value must have
_SCALAR_SECTIONS: dict[str, type | tuple[type, ...]] = {
    "months": int,
    "weekdays": int,
    "seasons": str,
    "day_parts": str,
    "clock_words": str,
    "numbers": (int, float),
    "ordinals": int,
    "references": str,
    "sets": str,
    "holidays": str,
    "modifiers": str,
    "relatives": int,
    "approximators": str,
    "decade_words": int,
    "anaphoric": int,
}
#: sections whose words are matched with their case as written (capitalised proper names)
CASE_SENSITIVE = frozenset({"months", "weekdays", "holidays", "floating_holidays"})
_FIX = "fix the entry in the TIMEX lexicon (see the comments at the top of timex.yaml)."


@dataclass(frozen=True)
class Unit:
    letter: str
    time: bool = False


@dataclass(frozen=True)
class Rule:
    name: str
    norm: str
    regex: re.Pattern[str]
    line: int


@dataclass(frozen=True)
class TimexLexicon:
    path: Path
    words: dict[str, dict[str, Any]]
    vague_numbers: tuple[str, ...]
    units: dict[str, Unit]
    floating_holidays: dict[str, tuple[int, int, int]]
    rules: tuple[Rule, ...]

    def lookup(self, section: str, word: str) -> Any:
        """The value of a word in a section, case-insensitively for lowercase sections."""
        table = self.words[section]
        if word in table:
            return table[word]
        folded = " ".join(word.split()).lower()
        for key, value in table.items():
            if key.lower() == folded:
                return value
        return None

    def lookup_captured(self, section: str, word: str | None) -> Any:
        """`lookup` of an optional regex group: None when the group captured nothing."""
        return self.lookup(section, word) if word else None


class _Loader:
    """Walks the composed YAML node tree, so that every error can name its line."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, node: yaml.Node | None, message: str) -> ResourceError:
        line = f":{node.start_mark.line + 1}" if node is not None else ""
        return ResourceError(f"{self.path}{line}: {message}", _FIX)

    def compose(self) -> yaml.MappingNode:
        try:
            text = self.path.read_text(encoding="utf-8")
            root = yaml.compose(text, Loader=yaml.SafeLoader)
        except OSError as exc:
            raise ResourceError(f"{self.path}: cannot read ({exc}).", "check the path.") from exc
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f":{mark.line + 1}" if mark is not None else ""
            raise ResourceError(f"{self.path}{where}: invalid YAML ({exc}).", _FIX) from exc
        if not isinstance(root, yaml.MappingNode):
            raise self.fail(root, "the file must be a mapping of sections.")
        return root

    def pairs(self, node: yaml.Node, what: str) -> list[tuple[str, yaml.Node, yaml.Node]]:
        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, f"{what} must be a mapping.")
        out: list[tuple[str, yaml.Node, yaml.Node]] = []
        seen: set[str] = set()
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode) or not key.value.strip():
                raise self.fail(key, f"{what}: keys must be non-empty strings.")
            if key.value in seen:
                raise self.fail(key, f"{what}: duplicate entry '{key.value}'.")
            seen.add(key.value)
            out.append((key.value, key, value))
        return out

    def scalar(self, node: yaml.Node, kind: type | tuple[type, ...], what: str) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            raise self.fail(node, f"{what} must be a single value.")
        value = yaml.safe_load(yaml.serialize(node))
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
            raise self.fail(node, f"{what} has the wrong type ({value!r}).")
        return value

    def unit(self, word: str, node: yaml.Node) -> Unit:
        fields = dict((k, v) for k, _, v in self.pairs(node, f"unit '{word}'"))
        unknown = set(fields) - {"letter", "time"}
        if "letter" not in fields or unknown:
            raise self.fail(node, f"unit '{word}' needs 'letter' (and optionally 'time').")
        time = self.scalar(fields["time"], bool, "time") if "time" in fields else False
        return Unit(self.scalar(fields["letter"], str, f"unit '{word}' letter"), time)

    def floating(self, word: str, node: yaml.Node) -> tuple[int, int, int]:
        if not isinstance(node, yaml.SequenceNode) or len(node.value) != 3:
            raise self.fail(node, f"holiday '{word}' must be [month, weekday, n].")
        month, weekday, nth = (self.scalar(n, int, f"holiday '{word}'") for n in node.value)
        if not (1 <= month <= 12 and 1 <= weekday <= 7 and nth in (-1, 1, 2, 3, 4)):
            raise self.fail(node, f"holiday '{word}' is out of range.")
        return (month, weekday, nth)


def _alternation(words: list[str], case_sensitive: bool) -> str:
    """A regex alternation of words, longest first, with flexible inner spaces."""
    parts = []
    for word in sorted(set(words), key=len, reverse=True):
        parts.append(r"\s+".join(re.escape(piece) for piece in word.split()))
    body = "|".join(parts)
    return f"(?-i:{body})" if case_sensitive else f"(?:{body})"


#: placeholders for digits, built in code because they are patterns rather than words
_DIGIT_PLACES = {
    "year4": r"(?:1[0-9]|20)\d\d",
    "daynum": r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?",
    "digits": r"\d{1,3}(?:,\d{3})*(?:\.\d+)?(?:\s+1/2)?",
    # a year said in words, as in broadcast transcripts: "nineteen ninety-six", "two thousand"
    "spoken_year": (
        r"(?:nineteen|twenty)[\s\-]+(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
        r"(?:[\s\-]+(?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve"
        r"|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|hundred)"
        r"|two\s+thousand(?:(?:\s+and)?[\s\-]+(?:one|two|three|four|five|six|seven|eight|nine|ten))?"
    ),
}


def _placeholders(lex: dict[str, list[str]], numbers: dict[str, Any]) -> dict[str, str]:
    """Section alternations, digit patterns, and %num: digits, a number word, or tens-units."""
    places = {name: _alternation(words, name in CASE_SENSITIVE) for name, words in lex.items()}
    places |= _DIGIT_PLACES
    tens = _alternation([w for w, v in numbers.items() if v in range(20, 100, 10)], False)
    units = _alternation([w for w, v in numbers.items() if v in range(1, 10) and len(w) > 2], False)
    places["num"] = (
        rf"(?:{_DIGIT_PLACES['digits']}|{tens}[\s\-]+{units}|{places['numbers']})"
    )
    return places


def _rules(loader: _Loader, node: yaml.Node, places: dict[str, str]) -> tuple[Rule, ...]:
    if not isinstance(node, yaml.SequenceNode):
        raise loader.fail(node, "'rules' must be a list.")
    rules: list[Rule] = []
    for item in node.value:
        fields = {k: v for k, _, v in loader.pairs(item, "a rule")}
        for needed in ("name", "pattern", "norm"):
            if needed not in fields:
                raise loader.fail(item, f"a rule needs '{needed}'.")
        name = loader.scalar(fields["name"], str, "rule name")
        pattern = loader.scalar(fields["pattern"], str, f"rule '{name}' pattern")

        def expand(match: re.Match[str], rule: str = name, at: yaml.Node = item) -> str:
            key = match.group(1)
            if key not in places:
                raise loader.fail(at, f"rule '{rule}': unknown placeholder %{key}.")
            return places[key]

        expanded = re.sub(r"%([a-z_0-9]+)", expand, pattern)
        try:
            regex = re.compile(r"(?<![\w\-])(?:" + expanded + r")(?![\w])", re.IGNORECASE)
        except re.error as exc:
            raise loader.fail(item, f"rule '{name}': bad regular expression ({exc}).") from exc
        norm = loader.scalar(fields["norm"], str, f"rule '{name}' norm")
        rules.append(Rule(name, norm, regex, item.start_mark.line + 1))
    return tuple(rules)


def load_timex_lexicon(path: Path = DEFAULT_PATH) -> TimexLexicon:
    """Read, validate and compile the lexicon; ResourceError (file:line) on any problem."""
    loader = _Loader(path)
    root = loader.compose()
    sections = {name: value for name, _, value in loader.pairs(root, "the file")}
    words: dict[str, dict[str, Any]] = {}
    for name, kind in _SCALAR_SECTIONS.items():
        if name not in sections:
            raise loader.fail(root, f"missing section '{name}'.")
        words[name] = {
            word: loader.scalar(value, kind, f"'{word}' in {name}")
            for word, _, value in loader.pairs(sections[name], f"section '{name}'")
        }
    units = {w: loader.unit(w, v) for w, _, v in loader.pairs(sections.get("units", root), "units")}
    floating = {
        w: loader.floating(w, v)
        for w, _, v in loader.pairs(sections.get("floating_holidays", root), "floating_holidays")
    }
    vague_node = sections.get("vague_numbers")
    if not isinstance(vague_node, yaml.SequenceNode):
        raise loader.fail(vague_node or root, "'vague_numbers' must be a list of words.")
    vague = tuple(loader.scalar(n, str, "a vague number") for n in vague_node.value)
    lists = {name: list(table) for name, table in words.items()}
    lists |= {"units": list(units), "vague": list(vague), "floating_holidays": list(floating)}
    places = _placeholders(lists, words["numbers"])
    rules = _rules(loader, sections.get("rules", yaml.SequenceNode("", [])), places)
    return TimexLexicon(path, words, vague, units, floating, rules)


@lru_cache(maxsize=4)
def default_lexicon(path: Path = DEFAULT_PATH) -> TimexLexicon:
    """The lexicon, loaded once per process."""
    return load_timex_lexicon(path)
