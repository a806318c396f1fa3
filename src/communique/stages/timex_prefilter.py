"""Skip the TIMEX rules that cannot match a text, with conditions derived from each rule's regex.

Running every rule over the whole text is most of the dates stage's cost, and most rules cannot
match most texts: a rule built from `%months` needs a month name, `o'clock` needs that word, a
rule with `%year4` needs a digit. At load, the compiled regex of each rule is read back (Python's
own regex parser) into *needs*: clauses that every match satisfies, each a set of atoms of which
at least one must occur in the text (a literal, case-folded or exact; or "any digit"). A text is
checked once per atom, and a rule runs only if all its clauses hold.

Soundness comes before strength: only what every match must contain becomes a clause (optional
parts, lookarounds and anything not understood add nothing), so when nothing can be derived the
rule always runs. The test suite checks that the filtered and unfiltered rules find the same
candidates on sentences covering every rule.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from typing import Any

#: an atom: ("i", folded literal), ("c", exact literal) or ("d", "") for any digit
Atom = tuple[str, str]
Clause = frozenset[Atom]
DIGIT: Atom = ("d", "")
_ANY_DIGIT = re.compile(r"\d")  # the same Unicode digits as the rules' \d

#: the characters other than ASCII that an IGNORECASE regex matches to an ASCII letter (İ ı ſ
#: and the Kelvin sign: Python's re folds them, str.lower() alone would not); the tests scan
#: all of Unicode for them
FOLDED_TO_ASCII = "\u0130\u0131\u017f\u212a"
FOLD = str.maketrans(dict(zip(FOLDED_TO_ASCII, "iisk", strict=True)))

try:  # the regex parser of the standard library (private module, stable within 3.11)
    _PARSER: Any = importlib.import_module("re._parser")
    _C: Any = importlib.import_module("re._constants")
except ImportError:  # pragma: no cover - another Python: derive nothing, run every rule
    _PARSER = _C = None


def derive_needs(regex: re.Pattern[str]) -> tuple[Clause, ...]:
    """Clauses every match of the regex satisfies, most selective first; () if none is known."""
    if _PARSER is None:
        return ()
    try:
        tree = _PARSER.parse(regex.pattern, regex.flags)
        clauses = _sequence(list(tree.data), bool(regex.flags & re.IGNORECASE))
    except Exception:  # noqa: BLE001 - an unexpected parse tree: no filter, never a wrong skip
        return ()
    unique = {_minimal(clause) for clause in clauses if clause}
    return tuple(sorted(unique, key=_strength, reverse=True))


def _strength(clause: AbstractSet[Atom]) -> tuple[int, int, tuple[Atom, ...]]:
    """Longer shortest atom first (rarer in text), then fewer atoms; atoms break ties stably.
    A digit counts as two characters: rarer in prose than any one letter."""
    shortest = min(2 if kind == "d" else len(text) for kind, text in clause)
    return shortest, -len(clause), tuple(sorted(clause))


def _minimal(clause: Clause) -> Clause:
    """Drop atoms that contain another atom of the same kind: the shorter is present whenever
    the longer is, so the clause holds in the same texts."""
    return frozenset(
        atom for atom in clause
        if not any(o != atom and o[0] == atom[0] != "d" and o[1] in atom[1] for o in clause)
    )


def _sequence(items: list[tuple[Any, Any]], fold: bool) -> list[Clause]:
    """A concatenation: every run of literal characters is needed, and every element's clauses."""
    clauses: list[Clause] = []
    run: list[str] = []
    for op, arg in [*items, (None, None)]:
        if op is _C.LITERAL:
            run.append(chr(arg))
            continue
        if run:
            text = "".join(run)
            clauses.append(frozenset({("i", text.lower()) if fold else ("c", text)}))
            run = []
        if op is not None:
            clauses.extend(_element(op, arg, fold))
    return clauses


def _element(op: Any, arg: Any, fold: bool) -> list[Clause]:
    if op is _C.SUBPATTERN:
        _group, add, remove, sub = arg
        inner = (fold or bool(add & re.IGNORECASE)) and not remove & re.IGNORECASE
        return _sequence(list(sub.data), inner)
    if op is _C.BRANCH:
        return _branch([_sequence(list(alt.data), fold) for alt in arg[1]])
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT):
        low, _high, sub = arg
        return _sequence(list(sub.data), fold) if low >= 1 else []
    if op is _C.IN and _digits_only(arg):
        return [frozenset({DIGIT})]
    return []  # lookarounds, anchors, other classes: nothing is certain


def _branch(alternatives: list[list[Clause]]) -> list[Clause]:
    """One alternative matches: the union of one clause from each (the strongest) is needed."""
    if not alternatives or any(not clauses for clauses in alternatives):
        return []
    atoms: set[Atom] = set()
    for clauses in alternatives:
        atoms |= max(clauses, key=_strength)
    return [frozenset(atoms)]


def _digits_only(items: Iterable[tuple[Any, Any]]) -> bool:
    """A character class that only holds digits (\\d, [0-3], [01]): it needs a digit."""
    found = False
    for op, arg in items:
        if op is _C.CATEGORY and arg is _C.CATEGORY_DIGIT:
            found = True
        elif op is _C.LITERAL and chr(arg) in "0123456789":
            found = True
        elif op is _C.RANGE and 48 <= arg[0] <= arg[1] <= 57:
            found = True
        else:
            return False
    return found


class TextAtoms:
    """Which clauses hold in one text, each decided once (rules share their clauses)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.folded = (text if text.isascii() else text.translate(FOLD)).lower()
        self.digit: bool | None = None
        self.clauses: dict[Clause, bool] = {}

    def has(self, atom: Atom) -> bool:
        kind, literal = atom
        if kind == "i":
            return literal in self.folded
        if kind == "c":
            return literal in self.text
        if self.digit is None:
            self.digit = _ANY_DIGIT.search(self.text) is not None
        return self.digit

    def allows(self, needs: tuple[Clause, ...]) -> bool:
        for clause in needs:
            holds = self.clauses.get(clause)
            if holds is None:
                holds = self.clauses[clause] = any(map(self.has, clause))
            if not holds:
                return False
        return True
