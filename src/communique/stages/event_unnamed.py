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

- a present participle on a noun of people that names no actor ("police dispersed students
  *protesting* the fees": the students, sector EDU);
- people named by their act while they act ("*rioters* set fire to ...": the lexicon's
  `doer_nouns`); an event noun that is a passive subject ("an *attempt* on his life was
  foiled") or a "by" agent ("killed by a roadside *bomb*"); the object of a light verb whose
  subject names no actor ("gunmen launched an *attack*");
- a proper name no dictionary knows as subject (`proper`), which `unnamed_ok` keeps only for a
  material act done to someone ("Zorgamba killed twenty villagers").

Other verbs without a subject of their own (infinitives, participles) do not qualify: their
doer is another clause's, and guessing it is the roles module's job. Two kinds of trigger are no
act at all (`is_background`, `is_description`): a known conflict with no doer and no target
("the war, which began in 2014"), and an agentless participle in a speaker's own words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from communique.stages.event_roles import SETTING_NOUNS, is_active_participle
from communique.stages.event_roles import noun_sector as _sector

if TYPE_CHECKING:
    from spacy.tokens import Token

    from communique.resources.patterns import Lexicon

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
    proper: bool = False  # a name the dictionary does not know ("Unita"), not a common noun


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
    if subj.pos_ == "PROPN":
        return UnnamedAgent(None, f"subject '{subj.text}' is a name no dictionary knows",
                            proper=True)
    if subj.pos_ in _NOT_PEOPLE_POS or subj.dep_ == "expl":
        return None
    return UnnamedAgent(_sector(subj), f"subject '{subj.text}' names no actor")


def unnamed_agent(trigger: Token, triggers: set[int], lexicon: Lexicon) -> UnnamedAgent | None:
    """The unnamed doer of a trigger, when the text clearly leaves it unnamed; else None.
    The lexicon's `doer_nouns` name people by their act: as triggers they are their own doers
    ("rioters"); its `light_verbs` carry a noun whose doer is their subject ("gunmen launched
    an attack")."""
    if (trigger.pos_ == "NOUN" and trigger.lemma_.lower() in lexicon.doer_nouns
            and trigger.dep_ in {"nsubj", "ROOT"}):
        # only while they act ("rioters set fire to ..."); "police dispersed the protesters"
        # reports the police's act, not a protest
        return UnnamedAgent(_sector(trigger), f"'{trigger.text}' names those who do it")
    if is_active_participle(trigger) and trigger.head.pos_ == "NOUN":
        noun, sector = trigger.head, _sector(trigger.head)  # "students protesting the fees"
        if sector is None:
            return None  # "a law recognizing X": a thing, whose maker is not said here
        return UnnamedAgent(sector, f"'{noun.text} {trigger.text}' names no actor")
    if trigger.dep_ in _SUBORDINATE:
        return None
    if trigger.pos_ == "VERB":
        return _verb_agent(trigger)
    if trigger.pos_ != "NOUN":
        return None
    if trigger.dep_ == "ROOT":
        return UnnamedAgent(None, f"'{trigger.text}' heads the sentence")
    head = trigger.head
    if any(c.dep_ == "poss" for c in trigger.children):
        return None  # "its attack": a possessor that names no actor is unresolved
    if trigger.dep_ in {"nsubj", "nsubjpass"} and head.pos_ == "VERB" and head.i not in triggers:
        # "an explosion ripped through ...", "an attempt on his life was foiled"
        return UnnamedAgent(None, f"'{trigger.text}' is the subject of '{head.text}'")
    if trigger.dep_ == "pobj" and head.dep_ == "agent":
        return UnnamedAgent(None, f"'{trigger.text}' did the '{head.head.text}'")  # "by a bomb"
    if trigger.dep_ == "dobj" and head.lemma_.lower() in lexicon.light_verbs:
        return _verb_agent(head)  # "gunmen launched an attack", "inmates began a hunger strike"
    return None


#: determiners that present a noun as already known to the reader ("the war", "this conflict")
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})


def is_background(trigger: Token) -> bool:
    """'the war', 'the Gaza conflict', 'its crisis': a conflict or situation noun presented as
    known, with no doer and no target, is the story's background, not an act it reports (the
    caller checks that no actor was found); "fighting erupted in the north" is still news."""
    if trigger.pos_ != "NOUN" or trigger.lemma_.lower() not in SETTING_NOUNS:
        return False
    return any(c.dep_ in {"poss", "compound"} or (c.dep_ == "det" and c.lower_ in _DEFINITE)
               for c in trigger.children)


def is_description(trigger: Token) -> bool:
    """A past participle with no auxiliary and no agent ("too many families destroyed", "the
    homes destroyed") describes a state; in a speaker's own words it is rhetoric, not a report
    of an act with a doer (the caller checks that the trigger lies in a direct quotation)."""
    if trigger.tag_ != "VBN":
        return False
    return not any(c.dep_ in {"aux", "auxpass", "agent"} for c in trigger.children)
