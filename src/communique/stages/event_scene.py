"""Event nouns that set the scene of a clause: "after days of fighting with rebels", "during
clashes with police", "during demonstrations against the army", "died under torture".

A noun after during/after/amid... does not take the clause's subject as its doer by default
(docs/events.md, "scene nouns"): "Kenya condemned the killings during the battle" is no fight by
Kenya. Some scenes do imply who took part, and this module says which:

- a combat noun ("fighting", "clashes", "battle") on a clause whose own act is a military one
  (roots 15, 18-20: "troops captured the town after days of fighting"): the clause's doer
  fought, against the noun's "with"/"against" object;
- a protest noun on a clause whose doer is a group of people, not the state ("youths threw
  stones during demonstrations against the army"): they took part; police acting "during
  demonstrations" did not;
- a violent noun under a verb of suffering ("died under torture", "died as a result of
  beatings"): the sufferer is its target and its doer is unnamed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from communique.models import Actor
from communique.stages.event_roles import (
    CIRCUMSTANCE_PREPS,
    ActorIndex,
    phrase_actors,
    verb_subjects,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

#: roots of military acts, whose doer took part in the fighting around them
MILITARY_ROOTS = frozenset({"15", "18", "19", "20"})
#: sectors of the state: acting during a demonstration does not make them demonstrators, and
#: their protests are diplomatic (ACCUSE), not demonstrations
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})
#: prepositions of a cause ("died *of* wounds", "*under* torture", "*from* beatings")
CAUSE_PREPS = frozenset({"of", "from", "under", "after", "in", "during", "following", "as"})


def scene_verb(noun: Token) -> Token | None:
    """The verb whose clause the noun sets the scene of ("captured X *after* [days of]
    fighting"), else None."""
    node = noun
    for _ in range(2):
        if node.dep_ != "pobj":
            return None
        prep = node.head
        if prep.lower_ in CIRCUMSTANCE_PREPS and prep.head.pos_ in {"VERB", "AUX"}:
            return prep.head
        if prep.lower_ == "of" and prep.head.pos_ == "NOUN":  # "days of fighting"
            node = prep.head
            continue
        return None
    return None


def is_state(actor: Actor) -> bool:
    return actor.kind == "country" or actor.sector in STATE_SECTORS


def scene_doers(index: ActorIndex, noun: Token, main_code: str | None, protest: bool,
                stop: set[int]) -> tuple[list[Actor], str]:
    """Who took part in the scene a noun sets, when the clause implies it; see the module doc.

    `main_code` is the code of the event coded on the clause's verb, if any; `protest` says
    whether the noun is a protest noun (its pattern is in root 14)."""
    verb = scene_verb(noun)
    if verb is None:
        return [], ""
    combat = noun.lemma_.lower() in index.lexicon.combat_nouns
    if combat and (main_code is None or main_code[:2] not in MILITARY_ROOTS):
        return [], ""
    if not combat and not protest:
        return [], ""
    actors, why = verb_subjects(index, verb, stop)
    if protest and (not actors or any(is_state(a) for a in actors)):
        return [], ""
    return actors, f"{why}, who took part in the '{noun.text}'" if actors else ""


def sufferer(index: ActorIndex, noun: Token, stop: set[int]) -> tuple[Token | None, list[Actor]]:
    """The verb of suffering a violent noun hangs on ("died *under torture*", "died as a result
    *of torture*"), and the actors its subject names (the target); (None, []) otherwise."""
    node = noun
    for _ in range(3):
        if node.dep_ != "pobj" or node.head.lower_ not in CAUSE_PREPS:
            return None, []
        head = node.head.head
        if head.pos_ in {"VERB", "AUX"}:
            if head.lemma_.lower() not in index.lexicon.suffer_verbs:
                return None, []
            subjects = [c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}]
            return head, [a for s in subjects for a in phrase_actors(index, s, stop)]
        node = head  # a noun between: "as a *result* of torture"
    return None, []


def combatants(index: ActorIndex, noun: Token, stop: set[int]) -> list[Actor]:
    """'fighting *between* Azerbaijanis and Armenians', 'battles raged between rebels and the
    army': the sides a combat noun names, each acting on the other (the first as source)."""
    if noun.lemma_.lower() not in index.lexicon.combat_nouns:
        return []
    found: list[Actor] = []
    holders = [noun, noun.head] if noun.dep_ == "nsubj" else [noun]  # "battles raged between"
    for prep in (c for h in holders for c in h.children):
        if prep.dep_ == "prep" and prep.lower_ == "between":
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    found.extend(a for a in phrase_actors(index, obj, stop) if a not in found)
    return found if len(found) >= 2 else []
