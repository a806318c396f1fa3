"""Cities as actors: a city that is a party to an act codes as its country.

CAMEO practice (PETRARCH's country dictionary lists major cities under their country) codes a
city that is acted on as its country: "rockets slammed into Kabul" (AFG), "troops shelled Mosul"
(IRQ), and a city's sector nouns as that country's: "Basra police" (IRQ COP), "protesters in
Basra" (IRQ OPP). A city that only says where something happened
("talks in Geneva", "a blast near Samarra", "spoke at the Pentagon") stays a place, and so does
a dateline; the places stage emits every city as a place either way.

Which cities: a name the NER tags GPE that the dictionary does not know, which the offline
gazetteer (`resources.gazetteer`) knows as a city of at least `MIN_POPULATION` people, with no
other place of that name in another country at least a fifth as large ("Paris" is the French
one; a name shared by two large cities gives nothing). National capitals are seats of power in
the dictionary and follow the seat rules ("Moscow said": the government); after a target
preposition of a verb ("fired at Kyiv", "leading into Kabul") a seat is the city too.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from communique.stages.actor_mentions import (
    MOTION_HEADS,
    Hit,
    Referent,
    collective,
    include_article,
    is_dateline,
    locative,
)
from communique.stages.actor_state import FinderState

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


#: smallest city coded as an actor: major cities, as in PETRARCH's country dictionary
MIN_POPULATION = 100_000
#: a namesake in another country this large (relative) makes a name ambiguous
RIVAL_SHARE = 0.2
#: prepositions whose object is the target of a verb's act ("fired rockets into", "marched on");
#: not "at", which after a verb mostly says where ("spoke at the Pentagon")
TARGET_PREPS = frozenset({"on", "onto", "against", "into", "toward", "towards", "upon"})
#: verbs whose object is where someone goes, not what they act on ("reached Tianjin")
TRAVEL_VERBS = MOTION_HEADS | {"reach", "enter", "leave", "cross", "tour", "depart"}
#: CAMEO roots of acts done to the people of the place they happen in: protest, force posture,
#: repression, unconventional violence, fighting, mass violence
SCENE_ROOTS = frozenset({"14", "15", "17", "18", "19", "20"})
#: prepositions that say where an act happens
SCENE_PREPS = frozenset({"in", "near", "inside", "across", "around", "outside", "throughout"})
#: nouns that name a city as a place ("the town of Samarra", "the capital Juba")
PLACE_NOUNS = frozenset({"city", "town", "village", "capital", "port", "hamlet", "enclave",
                         "stronghold", "suburb", "township", "municipality"})


@lru_cache(maxsize=4096)
def city_country(name: str) -> str | None:
    """The country of the major city a name denotes, else None (unknown, small, ambiguous)."""
    from communique.resources.gazetteer import load_gazetteer  # loaded once, shared with places

    entries = [e for e in load_gazetteer().lookup(name) if e.country]
    if not entries:
        return None
    best = max(entries, key=lambda e: e.population)
    if best.feature != "city" or best.population < MIN_POPULATION:
        return None
    if any(e.country != best.country and e.population >= RIVAL_SHARE * best.population
           for e in entries):
        return None
    return best.country


def city_spans(doc: Doc, taken: set[int]) -> list[tuple[int, int, str, str]]:
    """(start, end, "city", ISO3) for the GPE names no dictionary match covers, except
    datelines and credit lines ("MANILA, Philippines -", "LOS ANGELES (AP)")."""
    found = []
    for ent in doc.ents:
        if ent.label_ != "GPE" or not taken.isdisjoint(range(ent.start, ent.end)):
            continue
        if is_dateline(doc, ent.start, ent.end):
            continue
        country = city_country(ent.text)
        if country is not None:
            found.append((ent.start, ent.end, "city", country))
    return found


def target_object(doc: Doc, start: int, end: int) -> bool:
    """Whether a name is the object of a target preposition of a verb ("fired rockets into
    Kabul", "marched on Mosul"); not after a verb of travel ("flew into Kabul" is a trip)."""
    root = doc[start:end].root
    prep = root.head
    if root.dep_ != "pobj" or prep.lower_ not in TARGET_PREPS or prep.head is prep:
        return False
    verb = prep.head
    return verb.pos_ == "VERB" and verb.lemma_.casefold() not in TRAVEL_VERBS


def place_noun(doc: Doc, start: int, end: int) -> Token | None:
    """The noun that names a city as a place, when the name hangs off one: "the town of
    Samarra", "the regional capital Juba", "the port city Basra"."""
    root = doc[start:end].root
    head = root.head
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head is not head:
        head = head.head
    elif root.dep_ not in ("appos", "compound"):
        return None
    return head if head.lemma_.casefold() in PLACE_NOUNS and head.i < start else None


def argument_of_act(doc: Doc, start: int, end: int) -> bool:
    """Whether a city is acted on: the direct object of a verb that is not one of travel
    ("shelled Mosul", not "reached Tianjin") or a target object, itself or through the noun
    that names it ("shelled the town of Samarra"). A city as a subject is left alone: outside
    the seats of government ("Moscow said") it is mostly a sports team or a firm ("Liverpool
    have ...")."""
    root: Token = doc[start:end].root
    named = place_noun(doc, start, end)
    if named is not None:
        root = named
    while root.dep_ == "conj" and root.head is not root:
        root = root.head
    head = root.head
    if root.dep_ == "dobj":
        return head.pos_ == "VERB" and head.lemma_.casefold() not in TRAVEL_VERBS
    return target_object(doc, root.i, root.i + 1)


@lru_cache(maxsize=1)
def conflict_triggers() -> frozenset[str]:
    """Trigger lemmas of the event patterns (the events stage's own data) of the SCENE_ROOTS
    that fire on the word alone, without a complement or particle ("shelling", "riot"; not the
    "fire" of "opened fire" or the "round" of "rounded up")."""
    from communique.resources.patterns import default_patterns

    return frozenset(lemma for pattern in default_patterns().patterns
                     if pattern.code[:2] in SCENE_ROOTS and not pattern.complement
                     and not pattern.subject and not pattern.prep for lemma in pattern.trigger)


def scene_of_conflict(doc: Doc, start: int, end: int) -> bool:
    """Whether a city is where an act of force or protest happens ("a curfew in Algiers",
    "a bomb exploded in central Baghdad"): PLOVER and CAMEO coders give such an act with no
    other target the place's state as its target. "Talks in Geneva" stays a place."""
    root: Token = doc[start:end].root
    while root.dep_ == "conj" and root.head is not root:
        root = root.head
    prep = root.head
    if root.dep_ != "pobj" or prep.lower_ not in SCENE_PREPS or prep.head is prep:
        return False
    act = prep.head
    triggers = conflict_triggers()
    # the act is the word the place hangs on, or the subject of a verb of happening
    # ("fighting raged in Kabul", "clashes erupted near Basra")
    return act.lemma_.casefold() in triggers or (act.pos_ == "VERB" and any(
        c.dep_ == "nsubj" and c.lemma_.casefold() in triggers for c in act.children))


def city_referent(doc: Doc, start: int, end: int, iso3: str) -> Referent:
    """A city as a party: its country's code with no sector (CAMEO codes the city as the state)."""
    name = doc[start:end].text
    return Referent(key=("city", name), name=name, kind="country", country=iso3, sector=None,
                    code=iso3)


class CityRules(FinderState):
    """Rules for major cities, a mixin of `Finder` (which provides the state)."""

    def _city_hit(self, start: int, end: int, iso3: str, last: Token) -> None:
        """A city before a sector noun is that state's collective ("Basra police"); a city
        taking part in an act is its country; any other city is a place."""
        if self._attached_person(last):
            return self._absorb(start, end)  # "Basra governor X": in the person's title
        head = self._sector_head(last)
        if head is not None and not self._attached_person(head[1]) and not locative(
                self.doc, start):
            self._add(Hit(include_article(self.doc, start), max(end, head[2][1]),
                          collective(self.d, iso3, head[0]), "sector"))
            return None
        if argument_of_act(self.doc, start, end) or scene_of_conflict(self.doc, start, end):
            self._add(Hit(start, end, city_referent(self.doc, start, end, iso3), "city"))
            return None
        return self._absorb(start, end)
