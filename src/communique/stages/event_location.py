"""Where an act of protest, force or violence happens, and whose people act there.

CAMEO codes a domestic group by the country where it acts: "thousands of demonstrators marched
through Minsk" are Belarusian civilians, "rebel fighters clashed with police in Kampala" are
Ugandan rebels and police. The events stage asks this module for the country of an event's
scene only when one of its parties is a group the text gives no country, and only for the roots
whose acts happen where their parties are (never talks, visits or mediation, which bring
foreigners together).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from communique.document import Document
from communique.models import EventParty, Place
from communique.stages import event_context as ctx
from communique.stages.event_roles import ActorIndex

if TYPE_CHECKING:
    from communique.stages.event_match import Match

#: roots of acts done where their parties are (protest, force posture, coercion, violence)
LOCAL_ROOTS = frozenset({"14", "15", "17", "18", "19", "20"})


def located_party(party: EventParty, country: str | None, code: str) -> EventParty:
    """A domestic group the text gives no country ("rebel fighters", "government troops",
    "police", "thousands of protesters") belongs to the country where the event happens, as
    CAMEO codes it; a group needs its sector to qualify, except protesters, who are civilians
    unless their noun says otherwise ("thousands marched in Minsk": BLRCVL). Only for acts of
    protest, force and violence, which happen where their parties are; talks, visits and
    mediation bring foreigners together ("mediated in Arusha between Hutu rebels and ...")."""
    if party.country is not None or country is None or code[:2] not in LOCAL_ROOTS:
        return party
    if party.code not in {None, party.sector}:
        return party  # an organisation with a code of its own (NATO, the UN): no country
    sector = party.sector or ("CVL" if code.startswith("14") else None)
    if sector is None:
        return party
    return party.model_copy(update={"code": country + sector, "country": country,
                                    "sector": sector})


#: prepositions that put an act somewhere ("marched *through* Minsk", "rallied *outside*")
SCENE_PREPS = ctx.PLACE_PREPS | {"through", "around", "along", "into", "onto", "across"}


def scene_country(doc: Document, index: ActorIndex, match: Match,
                   clause_place: Place | None) -> str | None:
    """The country where an act happens: a place or a city-actor after a locative preposition
    on the trigger, its light verb or its clause's verb, else the clause's place."""
    for head in (match.trigger, match.light, ctx.clause_verb(match.trigger)):
        if head is None:
            continue
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in SCENE_PREPS:
                continue
            for obj in prep.children:
                actor = index.actor_of(obj) if obj.dep_ == "pobj" else None
                if actor is not None and actor.country:
                    return actor.country
                place = ctx.place_at(doc, obj) if obj.dep_ == "pobj" else None
                if place is not None and place.country:
                    return place.country
    return clause_place.country if clause_place is not None else None
