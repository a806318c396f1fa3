"""Find temporal expressions in text with the rules of timex.yaml.

Every rule runs over the whole text (unless the text lacks what all its matches contain); where
matches overlap the longest wins (then the rule listed first), as in HeidelTime. The result is a
list of candidates in text order, each with the groups its normalizer needs. Words that are
temporal only in some uses ("May", "fall", a bare year) are left for the stage to check against
the parse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from communique.errors import ResourceError
from communique.stages.timex_lexicon import Rule, TimexLexicon
from communique.stages.timex_normalize import NORMALIZERS
from communique.stages.timex_prefilter import TextAtoms

#: what may stand between a clock time and the day it belongs to, for one expression
_JOIN = re.compile(r"\s*,?\s*$")
#: between a day and a clock time given as two expressions ("Friday at 3 p.m.")
_NEAR = re.compile(r"^\s*,?\s*(?:at|on|by|around|about|before|after|from|until)?\s*$", re.I)
_SPACE_BEFORE = re.compile(r"\s+$")


@dataclass
class Candidate:
    start: int
    end: int
    rule: Rule
    order: int
    groups: dict[str, str | None]

    @property
    def norm(self) -> str:
        return self.rule.norm


def check_rules(lex: TimexLexicon) -> None:
    """Every rule must name a known normalizer; a typo in timex.yaml fails at load, by line."""
    for rule in lex.rules:
        if rule.norm not in NORMALIZERS:
            raise ResourceError(
                f"{lex.path}:{rule.line}: rule '{rule.name}' names an unknown norm '{rule.norm}'.",
                f"use one of: {', '.join(sorted(NORMALIZERS))}.",
            )


def find_candidates(text: str, lex: TimexLexicon, prefilter: bool = True) -> list[Candidate]:
    """All rule matches, overlaps resolved (longest first, then rule order), in text order.

    With `prefilter`, a rule runs only if the text has what every match of it contains (its
    `needs`, derived from its regex): the same candidates, for less time."""
    found: list[Candidate] = []
    atoms = TextAtoms(text)
    for order, rule in enumerate(lex.rules):
        if prefilter and not atoms.allows(rule.needs):
            continue
        for match in rule.regex.finditer(text):
            start, end = _trim(text, match.start(), match.end())
            if end > start:
                found.append(Candidate(start, end, rule, order, match.groupdict()))
    found.sort(key=lambda c: (-(c.end - c.start), c.order, c.start))
    taken: list[Candidate] = []
    occupied: list[tuple[int, int]] = []
    for candidate in found:
        if any(candidate.start < e and s < candidate.end for s, e in occupied):
            continue
        taken.append(candidate)
        occupied.append((candidate.start, candidate.end))
    return sorted(taken, key=lambda c: c.start)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Spans never start or end in whitespace or a comma."""
    while start < end and (text[start].isspace() or text[start] == ","):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def joins(text: str, left: Candidate, right: Candidate) -> bool:
    """A clock time and a day written as one expression: "10 p.m. Wednesday", "noon Saturday"."""
    between = text[left.end : right.start]
    return len(between) <= 3 and bool(_JOIN.match(between))


def near(text: str, left: Candidate, right: Candidate) -> bool:
    """A day and a clock time close enough that the time falls on that day."""
    between = text[left.end : right.start]
    return len(between) <= 12 and bool(_NEAR.match(between))
