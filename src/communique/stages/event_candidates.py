"""Candidates of the events stage: a fired pattern with its roles, and the rules that drop one
or change its circumstances by looking at the others (a protest's purpose, an infinitive of
purpose, scene nouns, topics of talks, background, unnamed doers). events.py runs them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from communique.document import Document
from communique.models import Actor
from communique.stages import event_context as ctx
from communique.stages.event_match import Match
from communique.stages.event_roles import ActorIndex, noun_sector, phrase_actors
from communique.stages.event_scene import combatants, scene_doers, scene_verb, sufferer
from communique.stages.event_unnamed import UnnamedAgent, is_background, is_description

if TYPE_CHECKING:
    from spacy.tokens import Token

    from communique.resources.patterns import Lexicon


@dataclass
class Candidate:
    """A fired pattern with the roles found for it, before it becomes one or more events."""

    match: Match
    sources: list[Actor] = field(default_factory=list)
    targets: list[Actor] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    direct: bool = False
    nested: int | None = None
    speakers: list[Actor] = field(default_factory=list)
    code: str = ""
    modality: str = "asserted"
    dropped: str | None = None
    negation_absorbed: bool = False
    unnamed: UnnamedAgent | None = None

    @property
    def trigger(self) -> Token:
        return self.match.trigger


#: roots PLOVER folds into a protest when they are its purpose ("rallied to demand ...")
PROTEST_PURPOSES = frozenset({"02", "10", "11", "12"})


def protest_purposes(cands: list[Candidate]) -> None:
    """PLOVER: protests that make demands or voice disapproval are PROTEST, not also REQUEST
    or ACCUSE; a demand or complaint hanging on a protest's clause is its purpose."""
    protests = {c.trigger.i for c in cands if c.code[:2] == "14" and not c.dropped}
    if not protests:
        return
    for cand in cands:
        if cand.code[:2] not in PROTEST_PURPOSES:
            continue
        node = ctx.clause_verb(cand.trigger)
        for _ in range(3):
            if node.head.i == node.i:
                break
            if {node.head.i} & protests or any(c.i in protests for c in node.head.children
                                               if c.dep_ in {"dobj", "pobj"}):
                cand.dropped = "the purpose of a protest (PLOVER codes the protest)"
                break
            node = node.head


def serve_purpose(cand: Candidate, cands: list[Candidate], lexicon: Lexicon) -> None:
    """An infinitive of purpose ("sent arms *to help* defend X") is what its doer means to
    bring about: when the act it serves is coded, that act is the event and the purpose is not
    another one; otherwise the purpose shares the act's modality ("is willing to send arms to
    help": an offer of help, AGREE; "will send troops to attack": a threat)."""
    head = ctx.purpose_of(cand.trigger, lexicon)
    if head is None:
        return
    mood = ctx.modality(head, None, False, lexicon)
    served = [c for c in cands
              if c is not cand and not c.dropped and ctx.clause_verb(c.trigger).i == head.i]
    if served:
        cand.dropped = f"the purpose of '{head.text}', whose act is coded"
        for act in served:
            if act.code[:2] == "15" and cand.code[:2] == "07":
                # "troops landed in Dili to help restore order": a deployment to help is
                # military protection or peacekeeping, not a show of force
                act.code = "074"
                act.reasons.append(f"deployed to '{cand.trigger.text}': protection (074)")
        return
    if mood != "asserted" and cand.modality in {"asserted", "reported"}:
        cand.modality = mood
        cand.reasons.append(f"purpose of '{head.text}': {mood} like it")


def scene_roles(index: ActorIndex, cand: Candidate, by_token: dict[int, Candidate]) -> None:
    """A scene noun's doers when the clause implies them ("troops captured the town after days
    of fighting": the troops fought), and the victim of a violent noun under a verb of suffering
    ("died under torture": the one who died, by an unnamed doer); see event_scene."""
    verb = scene_verb(cand.trigger)
    main = by_token.get(verb.i) if verb is not None else None
    actors, why = scene_doers(index, cand.trigger, main.code if main else None,
                              cand.code[:2] == "14", {cand.trigger.i})
    if actors:
        cand.sources = actors
        cand.targets = [a for a in cand.targets if a not in actors]
        cand.unnamed = None
        cand.reasons.append(f"source: {why}")
        return
    sides = combatants(index, cand.trigger, {cand.trigger.i})
    if sides:
        cand.sources, cand.targets, cand.unnamed = sides[:1], sides[1:], None
        cand.reasons.append("source and target: the sides named after 'between'")
        return
    head, victims = sufferer(index, cand.trigger, {cand.trigger.i})
    if head is not None and cand.code[:2] in {"18", "19", "20"}:
        cand.unnamed = UnnamedAgent(None, f"'{head.text} ... {cand.trigger.text}' names no doer")
        cand.targets = cand.targets or victims
        cand.reasons.append(f"source: unnamed; target: who {head.text}")


#: prepositions of what a meeting or talks are about ("talks *on* a troop pullback")
TOPIC_PREPS = frozenset({"on", "over", "about", "regarding", "concerning"})


def is_topic(trigger: Token) -> bool:
    return trigger.dep_ == "pobj" and trigger.head.lower_ in TOPIC_PREPS


def own_condition(cand: Candidate) -> bool:
    """A conditional act is the source's threat when the condition is stated ("if", "unless")
    or the source itself says it would act; an observer's "could" is speculation."""
    if ctx.has_condition(cand.trigger):
        return True
    if ctx.is_condition(cand.trigger):
        return False
    if not cand.speakers or not cand.sources:
        return False
    return bool({a.id for a in cand.speakers} & {a.id for a in cand.sources}
                or {a.country for a in cand.speakers if a.country}
                & {a.country for a in cand.sources if a.country})


def not_an_act(doc: Document, cand: Candidate, index: ActorIndex,
               event_word: Callable[[Token], bool]) -> str | None:
    """Why a coded trigger reports no act: the known background of the story ("the war"), a
    speaker's description of a state ("too many families destroyed", in a direct quotation),
    or a warning about things rather than a threat."""
    if _forecast(cand, index, event_word):
        return "a warning that things will happen (no act of the speaker, no one threatened)"
    if not cand.sources and not cand.targets and is_background(cand.trigger):
        return "background: a known conflict or situation, with no doer and no target"
    if cand.trigger.dep_ == "pobj" and cand.trigger.head.lower_ == "since":
        return "background: the earlier event a time is counted from ('since the invasion')"
    quote = ctx.quote_at(doc, cand.trigger.idx)
    if quote is not None and quote.kind == "direct" and is_description(cand.trigger):
        return "a participle with no auxiliary or agent in a quotation describes a state"
    return None


def _forecast(cand: Candidate, index: ActorIndex, event_word: Callable[[Token], bool]) -> bool:
    """"warned that rivers could burst their banks", "warned that prices would rise": a generic
    warning (no complement, no target) whose clause is about things, no actor, no group of
    people and no act, forecasts; it threatens nobody."""
    if cand.code != "130" or cand.targets or cand.match.complement is not None:
        return False
    clauses = [c for c in cand.trigger.children if c.dep_ == "ccomp"]
    subjects = [s for c in clauses for s in c.children if s.dep_ in {"nsubj", "nsubjpass"}]
    return bool(subjects) and all(
        s.pos_ == "NOUN" and not phrase_actors(index, s, set()) and noun_sector(s) is None
        and not event_word(s) for s in subjects)


#: roots whose material acts are often reported without their doer ("were arrested")
PASSIVE_UNNAMED_ROOTS = frozenset({"07", "08", "15", "16", "17", "18", "19", "20"})
#: acts done in words: an unnamed doer counts only when its noun says who (police, rebels)
SPOKEN_ROOTS = frozenset({"02", "03", "04", "05", "10", "11", "12", "13"})


def unnamed_ok(cand: Candidate) -> bool:
    """An unnamed doer is kept for asserted or reported acts only (an unnamed hypothetical
    act is speculation); an agentless passive only for material acts, since a statement
    ("was told", "was criticized") is only news through who made it."""
    agent = cand.unnamed
    if agent is None or cand.modality not in {"asserted", "reported"}:
        return False
    if cand.code[:2] in SPOKEN_ROOTS and agent.sector is None:
        return False  # "the judges praising its humour": words are news through their speaker
    if agent.proper and (cand.code[:2] not in PASSIVE_UNNAMED_ROOTS or not (
            cand.targets or any(c.dep_ == "dobj" for c in cand.trigger.children))):
        # an unknown name doing a material act to someone is kept ("Unita killed 20
        # villagers"); saying things, or "the Warriors fought back", is not
        return False
    return not agent.passive or cand.code[:2] in PASSIVE_UNNAMED_ROOTS
