"""Events whose doer the text does not name: "a journalist was killed", "gunmen kidnapped".

News reports much violence without naming who did it (a passive without "by", a subject such as
"gunmen" or "a roadside bomb" that is no actor in the dictionary). CONTRACT.md allows such an
event with `source.actor: null` and whatever sector the subject noun gives ("soldiers" -> MIL),
so it is kept rather than lost. Only clear cases qualify, to keep false alarms down:

- a verb trigger in the passive with no agent ("was killed in an explosion");
- a verb trigger whose subject is a common noun naming no actor ("gunmen opened fire",
  "a car bomb killed"), never a pronoun (an unresolved "they" is a coreference failure, not an
  unnamed doer);
- a noun trigger that is the subject of a verb that is no trigger itself, or the sentence's
  root ("an explosion ripped through the market").

Verbs without any subject of their own (infinitives, participles) do not qualify: their doer
is another clause's, and guessing it is the roles module's job.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from communique.resources.actors import DATA_DIR, SectorLexicon, load_sectors

if TYPE_CHECKING:
    from spacy.tokens import Token

#: subjects that stand for an event or a thing, not for a group of people
_NOT_PEOPLE_POS = frozenset({"PRON", "PROPN", "DET", "NUM"})
#: clauses whose doer is said elsewhere (the reported one, the one questioned)
_SUBORDINATE = frozenset({"relcl", "acl", "amod", "pcomp", "csubj"})


@dataclass(frozen=True)
class UnnamedAgent:
    """An unnamed doer: the sector its noun gives (or None) and why it was accepted."""

    sector: str | None
    reason: str
    passive: bool = False


@lru_cache(maxsize=1)
def _sectors() -> SectorLexicon:
    """The actors' sector words alone (the full actor dictionary is not needed here)."""
    return load_sectors(DATA_DIR / "sectors.yaml")


def _sector(noun: Token) -> str | None:
    """The sector of a subject phrase ("riot police" -> COP), from the actors' sector words."""
    sectors = _sectors()
    compounds = [c for c in noun.children if c.dep_ in {"compound", "amod"} and c.i < noun.i]
    for start in compounds + [noun]:
        phrase = noun.doc[start.i: noun.i + 1].text
        sector = sectors.sector_of(phrase)
        if sector:
            return sector
    return sectors.sector_of(noun.lemma_) or None


def _verb_agent(verb: Token) -> UnnamedAgent | None:
    children = list(verb.children)
    if any(c.dep_ == "agent" for c in children):
        return None  # "by X": the agent is named (or unresolved), not unnamed
    subjects = [c for c in children if c.dep_ in {"nsubj", "csubj", "expl"}]
    if not subjects:
        if any(c.dep_ in {"nsubjpass", "auxpass"} for c in children):
            return UnnamedAgent(None, f"passive '{verb.text}' names no doer", passive=True)
        return None
    subj = subjects[0]
    if subj.pos_ in _NOT_PEOPLE_POS or subj.dep_ == "expl":
        return None
    return UnnamedAgent(_sector(subj), f"subject '{subj.text}' names no actor")


def unnamed_agent(trigger: Token, triggers: set[int]) -> UnnamedAgent | None:
    """The unnamed doer of a trigger, when the text clearly leaves it unnamed; else None."""
    if trigger.dep_ in _SUBORDINATE:
        return None
    if trigger.pos_ == "VERB":
        return _verb_agent(trigger)
    if trigger.pos_ != "NOUN":
        return None
    if trigger.dep_ == "ROOT":
        return UnnamedAgent(None, f"'{trigger.text}' heads the sentence")
    head = trigger.head
    if trigger.dep_ == "nsubj" and head.pos_ == "VERB" and head.i not in triggers:
        if any(c.dep_ == "poss" for c in trigger.children):
            return None  # "its attack": a possessor that names no actor is unresolved
        return UnnamedAgent(None, f"'{trigger.text}' is the subject of '{head.text}'")
    return None
