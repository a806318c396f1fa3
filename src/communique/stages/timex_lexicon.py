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
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from communique.errors import ResourceError
from communique.resources.yamlfile import LineDict, LineList, load_yaml, resource_error
from communique.stages.timex_prefilter import FOLDED_TO_ASCII, Clause, derive_needs

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
    #: what every match contains (timex_prefilter): a text without it skips the rule
    needs: tuple[Clause, ...] = ()


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


class _Sections:
    """Typed access to the parsed file; every error names the file and the line."""

    def __init__(self, path: Path) -> None:
        self.path = path
        root = load_yaml(path)
        if not isinstance(root, LineDict):
            raise self.fail(1, "the file must be a mapping of sections.")
        self.root = root

    def fail(self, line: int, message: str) -> ResourceError:
        return resource_error(self.path, line, message, _FIX)

    def mapping(self, name: str) -> LineDict:
        if name not in self.root:
            raise self.fail(self.root.line, f"missing section '{name}'.")
        table = self.root[name]
        if not isinstance(table, LineDict):
            raise self.fail(self.root.line_of(name), f"section '{name}' must be a mapping.")
        for key in table:
            if not isinstance(key, str) or not key.strip():
                raise self.fail(table.line_of(key), f"section '{name}': keys must be "
                                "non-empty strings.")
        return table

    def scalar(self, value: Any, kind: type | tuple[type, ...], line: int, what: str) -> Any:
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
            raise self.fail(line, f"{what} has the wrong type ({value!r}).")
        return value

    def words(self, name: str, kind: type | tuple[type, ...]) -> dict[str, Any]:
        table = self.mapping(name)
        return {word: self.scalar(value, kind, table.line_of(word), f"'{word}' in {name}")
                for word, value in table.items()}

    def units(self) -> dict[str, Unit]:
        table = self.mapping("units")
        units = {}
        for word, fields in table.items():
            line = table.line_of(word)
            if not isinstance(fields, dict) or "letter" not in fields or set(fields) - {
                    "letter", "time"}:
                raise self.fail(line, f"unit '{word}' needs 'letter' (and optionally 'time').")
            units[word] = Unit(self.scalar(fields["letter"], str, line, f"unit '{word}' letter"),
                               self.scalar(fields.get("time", False), bool, line, "time"))
        return units

    def floating(self) -> dict[str, tuple[int, int, int]]:
        table = self.mapping("floating_holidays")
        out = {}
        for word, value in table.items():
            line = table.line_of(word)
            if not isinstance(value, list) or len(value) != 3:
                raise self.fail(line, f"holiday '{word}' must be [month, weekday, n].")
            month, weekday, nth = (self.scalar(v, int, line, f"holiday '{word}'") for v in value)
            if not (1 <= month <= 12 and 1 <= weekday <= 7 and nth in (-1, 1, 2, 3, 4)):
                raise self.fail(line, f"holiday '{word}' is out of range.")
            out[word] = (month, weekday, nth)
        return out

    def vague_numbers(self) -> tuple[str, ...]:
        items = self.root.get("vague_numbers")
        if not isinstance(items, LineList):
            raise self.fail(self.root.line_of("vague_numbers"),
                            "'vague_numbers' must be a list of words.")
        return tuple(self.scalar(v, str, line, "a vague number")
                     for v, line in zip(items, items.item_lines, strict=True))


def _alternation(words: list[str], case_sensitive: bool, grouped: bool = True) -> str:
    """A regex alternation of words, longest first, with flexible inner spaces.

    Unless `grouped` is False (the flat form, which the prefilter reads), words are grouped by
    their first character, each group behind that character written as a case-sensitive class of
    the characters an IGNORECASE match accepts (`[Ssſ]`): Python's regex engine skips an
    alternative that starts with such a class in one step when the character differs, but
    enters every alternative that starts with a case-folded letter. Two groups can never match
    at the same place, and inside a group the words keep their longest-first order, so the
    alternation matches exactly what the flat one did, in less time.
    """
    ordered = sorted(set(words), key=lambda w: (-len(w), w))  # stable across processes
    # a blank word, or one that starts outside ASCII (whose case variants the class could miss):
    # the flat form, which is always right
    if not grouped or any(not w.strip() or not w.lstrip()[0].isascii() for w in ordered):
        body = "|".join(r"\s+".join(re.escape(piece) for piece in w.split()) for w in ordered)
        return f"(?-i:{body})" if case_sensitive else f"(?:{body})"
    groups: dict[str, list[str]] = {}
    for word in ordered:
        pieces = r"\s+".join(re.escape(piece) for piece in word.split())
        first = word.lstrip()[0]
        tail = pieces[len(re.escape(first)) :]
        groups.setdefault(first if case_sensitive else first.lower(), []).append(tail)
    parts = []
    for first, tails in groups.items():
        accepted = first if case_sensitive else _case_variants(first)
        head = re.escape(first) if len(accepted) == 1 else f"(?-i:[{re.escape(accepted)}])"
        parts.append(f"{head}(?:{'|'.join(tails)})")
    body = "|".join(parts)
    return f"(?-i:{body})" if case_sensitive else f"(?:{body})"


def _case_variants(char: str) -> str:
    """Every character an IGNORECASE regex matches to `char`, as Python's re decides it."""
    candidates = {char, char.lower(), char.upper(), *FOLDED_TO_ASCII}
    return "".join(sorted(c for c in candidates if re.fullmatch(re.escape(char), c, re.I)))


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


def _placeholders(
    lex: dict[str, list[str]], numbers: dict[str, Any], grouped: bool = True
) -> dict[str, str]:
    """Section alternations, digit patterns, and %num: digits, a number word, or tens-units."""
    places = {name: _alternation(words, name in CASE_SENSITIVE, grouped)
              for name, words in lex.items()}
    places |= _DIGIT_PLACES
    tens = _alternation([w for w, v in numbers.items() if v in range(20, 100, 10)], False, grouped)
    units = _alternation(
        [w for w, v in numbers.items() if v in range(1, 10) and len(w) > 2], False, grouped
    )
    places["num"] = (
        rf"(?:{_DIGIT_PLACES['digits']}|{tens}[\s\-]+{units}|{places['numbers']})"
    )
    return places


def _rules(
    sections: _Sections, places: dict[str, str], flat: dict[str, str]
) -> tuple[Rule, ...]:
    """Compile each rule with the grouped alternations; derive what its matches need from the
    same rule written with the flat ones (they match alike; the flat form reads more plainly)."""
    items = sections.root.get("rules", LineList())
    if not isinstance(items, LineList):
        raise sections.fail(sections.root.line_of("rules"), "'rules' must be a list.")
    rules: list[Rule] = []
    for item, line in zip(items, items.item_lines, strict=True):
        if not isinstance(item, dict):
            raise sections.fail(line, "a rule must be a mapping.")
        for needed in ("name", "pattern", "norm"):
            if needed not in item:
                raise sections.fail(line, f"a rule needs '{needed}'.")
        name = sections.scalar(item["name"], str, line, "rule name")
        pattern = sections.scalar(item["pattern"], str, line, f"rule '{name}' pattern")

        def unknown(key: str, rule: str = name, at: int = line) -> ResourceError:
            return sections.fail(at, f"rule '{rule}': unknown placeholder %{key}.")

        try:
            regex = _compile(_expand(pattern, places, unknown))
            needs = derive_needs(_compile(_expand(pattern, flat, unknown)))
        except re.error as exc:
            raise sections.fail(line, f"rule '{name}': bad regular expression ({exc}).") from exc
        norm = sections.scalar(item["norm"], str, line, f"rule '{name}' norm")
        rules.append(Rule(name, norm, regex, line, needs))
    return tuple(rules)


def _expand(pattern: str, table: dict[str, str], unknown: Callable[[str], ResourceError]) -> str:
    """The pattern with each %placeholder replaced by its regex."""

    def one(match: re.Match[str]) -> str:
        if match.group(1) not in table:
            raise unknown(match.group(1))
        return table[match.group(1)]

    return re.sub(r"%([a-z_0-9]+)", one, pattern)


def _compile(expanded: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w\-])(?:" + expanded + r")(?![\w])", re.IGNORECASE)


def load_timex_lexicon(path: Path = DEFAULT_PATH) -> TimexLexicon:
    """Read, validate and compile the lexicon; ResourceError (file:line) on any problem."""
    sections = _Sections(path)
    words = {name: sections.words(name, kind) for name, kind in _SCALAR_SECTIONS.items()}
    units = sections.units()
    floating = sections.floating()
    vague = sections.vague_numbers()
    lists = {name: list(table) for name, table in words.items()}
    lists |= {"units": list(units), "vague": list(vague), "floating_holidays": list(floating)}
    places = _placeholders(lists, words["numbers"])
    flat = _placeholders(lists, words["numbers"], grouped=False)
    return TimexLexicon(path, words, vague, units, floating, _rules(sections, places, flat))


@lru_cache(maxsize=4)
def default_lexicon(path: Path = DEFAULT_PATH) -> TimexLexicon:
    """The lexicon, loaded once per process."""
    return load_timex_lexicon(path)
