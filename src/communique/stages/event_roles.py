"""Who did it and to whom: source and target actors read off the dependency parse.

The actors stage has already found the actors and their mentions (with pronouns resolved by its
coreference where it could); this module only decides which of them fills which role of a
trigger: subjects and passive agents are sources, objects and the objects of role prepositions
("with", "against", "on") are targets, possessors are the source of event nouns ("Ukraine's
refusal"), and the subject of a light verb is the source of its noun ("expressed willingness").
Every choice is written down as a reason, which `communique explain` shows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from communique.document import Document
from communique.models import Actor
from communique.resources.actors import DATA_DIR, SectorLexicon, load_sectors
from communique.resources.patterns import Lexicon, default_patterns
from communique.stages.event_match import light_head

if TYPE_CHECKING:
    from spacy.tokens import Token

SUBJECTS = frozenset({"nsubj", "csubj", "expl"})
MODIFIERS = frozenset({"compound", "amod", "poss", "nmod", "appos", "npadvmod"})
#: default prepositions whose object is a target, by the trigger's part of speech
VERB_TARGET_PREPS = frozenset({"with", "against", "on", "to", "toward", "towards", "at", "into"})
NOUN_TARGET_PREPS = frozenset({"against", "on", "with", "toward", "towards", "to"})
#: on a noun reached as complement, "on" more often says where ("a stronghold on the border")
COMPLEMENT_NOUN_PREPS = frozenset({"with", "between", "to", "against"})
#: verbs whose complement clause's subject is the one asked
ADDRESSEE_VERBS = frozenset({"demand", "insist", "urge", "ask", "request", "appeal", "call",
                             "press", "push", "require"})
#: nouns whose compound or adjective modifiers name the setting, not the agent
#: a noun after these sets the scene ("indicted for atrocities *during the fight*", "protested
#: *after the raids*"): its doer is not the main verb's subject, so it is not inherited
CIRCUMSTANCE_PREPS = frozenset({"during", "after", "before", "following", "amid", "amidst",
                                "despite", "since", "until"})
SETTING_NOUNS = frozenset({"war", "conflict", "crisis", "fighting", "hostility", "violence",
                           "unrest", "peace", "talk", "negotiation", "process", "front"})
PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers", "himself", "herself"})
GROUP_PRONOUNS = frozenset({"it", "its", "they", "them", "their", "itself", "themselves", "we",
                            "our", "us"})


@dataclass
class Roles:
    sources: list[Actor] = field(default_factory=list)
    targets: list[Actor] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    direct_source: bool = False
    nested_target: int | None = None  # token index of a nested trigger standing as the object


class ActorIndex:
    """Token index -> actor, built once per document from the actors' mentions."""

    def __init__(self, doc: Document, lexicon: Lexicon | None = None) -> None:
        self.doc = doc
        self.lexicon = lexicon or default_patterns().lexicon
        self.by_token: dict[int, Actor] = {}
        spacy_doc = doc.spacy
        if spacy_doc is None:
            return
        for actor in doc.actors:
            for mention in actor.mentions:
                span = spacy_doc.char_span(mention.start, mention.end, alignment_mode="expand")
                if span is None:
                    continue
                for token in span:
                    self.by_token.setdefault(token.i, actor)

    def actor_of(self, token: Token) -> Actor | None:
        actor = self.by_token.get(token.i)
        if actor is None and token.lower_ in PERSON_PRONOUNS | GROUP_PRONOUNS:
            actor = self._pronoun_fallback(token)
        return actor

    def _pronoun_fallback(self, token: Token) -> Actor | None:
        """Best-effort antecedent when coreference left a pronoun unresolved.

        Prefers the subject of the nearest earlier clause with an actor of the right kind
        (person for he/she, anything else for it/they), then the nearest such mention.
        """
        want_person = token.lower_ in PERSON_PRONOUNS
        candidates: list[Token] = []
        for i in range(token.i - 1, max(-1, token.i - 120), -1):
            actor = self.by_token.get(i)
            if actor is None or (actor.kind == "person") != want_person:
                continue
            candidates.append(token.doc[i])
        for cand in candidates:
            if cand.dep_ in SUBJECTS or cand.head.dep_ in SUBJECTS:
                return self.by_token[cand.i]
        return self.by_token[candidates[0].i] if candidates else None


def _unique(actors: list[Actor]) -> list[Actor]:
    seen: set[str] = set()
    out = []
    for actor in actors:
        if actor.id not in seen:
            seen.add(actor.id)
            out.append(actor)
    return out


def phrase_actors(index: ActorIndex, token: Token, stop: set[int], depth: int = 0) -> list[Actor]:
    """Actors named by the noun phrase headed by `token`, with its coordinated phrases."""
    if depth > 3 or token.i in stop:
        return []
    found: list[Actor] = []
    actor = index.actor_of(token)
    if actor is not None and actor.code is None:
        # "doctors from two American aid groups": a group of people with no code of its own is
        # coded by the body it comes from or belongs to
        owners = _of_objects(index, token, stop, depth, BODY_PREPS)
        actor = None if owners else actor
        found.extend(owners)
    if actor is not None:
        found.append(actor)
        for child in token.children:  # "British and Irish officials": coordinated modifiers
            if child.dep_ in MODIFIERS and child.conjuncts and child.i not in stop:
                found.extend(a for c in (child, *child.conjuncts)
                             if (a := index.actor_of(c)) is not None)
    else:
        for child in token.children:
            if child.dep_ in MODIFIERS and child.i not in stop:
                found.extend(phrase_actors(index, child, stop, depth + 1))
        if not found:
            found.extend(_of_objects(index, token, stop, depth))
    for child in token.children:
        if child.dep_ == "conj":
            found.extend(phrase_actors(index, child, stop, depth + 1))
    return _unique(found)


#: what a group of people with no code of its own comes from or works for ("investigators
#: *for* the tribunal", "doctors *from* two aid groups")
BODY_PREPS = frozenset({"of", "from", "for"})


def _of_objects(index: ActorIndex, token: Token, stop: set[int], depth: int,
                preps: frozenset[str] = frozenset({"of", "from"})) -> list[Actor]:
    """Actors after "of"/"from" on a noun ("members of the militia", "doctors from X"), or
    other `preps`."""
    return [a for child in token.children
            if child.dep_ == "prep" and child.lower_ in preps
            for obj in child.children if obj.dep_ == "pobj"
            for a in phrase_actors(index, obj, stop, depth + 1)]


def _children(token: Token, deps: set[str] | frozenset[str]) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def _prep_objects(token: Token, preps: frozenset[str]) -> list[Token]:
    out: list[Token] = []
    for prep in token.children:
        if prep.dep_ in {"prep", "dative"} and prep.lower_ in preps:
            out.extend(c for c in prep.children if c.dep_ == "pobj")
    return out


def _agent_objects(token: Token) -> list[Token]:
    out: list[Token] = []
    for child in token.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            out.extend(c for c in child.children if c.dep_ == "pobj")
    return out


RELATIVE_PRONOUNS = frozenset({"that", "who", "which", "whom"})
ADJUNCT_PREPS = frozenset({"during", "at", "in", "after", "following", "before", "amid", "since"})
#: verbs whose subject is in the state the noun after "on" names ("were on strike")
ON_STATE_VERBS = frozenset({"be", "go", "remain", "stay", "continue"})


def _relative_antecedent(index: ActorIndex, verb: Token, stop: set[int]) -> tuple[list[Actor], str]:
    """'the country that rejected' and the cleft 'it was Ukraine that rejected'."""
    head = verb.head
    if verb.dep_ == "relcl":
        return phrase_actors(index, head, stop), f"antecedent '{head.text}' of the relative clause"
    if head.lemma_ == "be":
        for attr in _children(head, {"attr"}):
            actors = phrase_actors(index, attr, stop)
            if actors:
                return actors, f"focus '{attr.text}' of the cleft sentence"
    return [], ""


@lru_cache(maxsize=1)
def _sectors() -> SectorLexicon:
    """The actors' sector words alone (the full actor dictionary is not needed here)."""
    return load_sectors(DATA_DIR / "sectors.yaml")


def noun_sector(noun: Token) -> str | None:
    """The sector of a noun phrase ("riot police" -> COP), from the actors' sector words; None
    for a noun that names no kind of people ("a law", "the bomb")."""
    sectors = _sectors()
    compounds = [c for c in noun.children if c.dep_ in {"compound", "amod"} and c.i < noun.i]
    for start in compounds + [noun]:
        phrase = noun.doc[start.i: noun.i + 1].text
        sector = sectors.sector_of(phrase)
        if sector:
            return sector
    return sectors.sector_of(noun.lemma_) or None


def is_active_participle(verb: Token) -> bool:
    """'demonstrators *protesting* the results', 'troops *firing* on the crowd': a present
    participle on a noun has that noun as its doer (a past participle, "the curfew *imposed*",
    has it as the one acted on)."""
    return verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in {"NOUN", "PROPN"}


def _first_actors(index: ActorIndex, tokens: Iterable[Token], stop: set[int],
                  why: Callable[[Token], str]) -> tuple[list[Actor], str]:
    """The actors of the first of `tokens` whose phrase names any, with the reason for it."""
    for token in tokens:
        actors = phrase_actors(index, token, stop)
        if actors:
            return actors, why(token)
    return [], ""


def verb_subjects(index: ActorIndex, verb: Token, stop: set[int], hops: int = 0
                  ) -> tuple[list[Actor], str]:
    """The agents of a verb: its subject, its passive agent, or those of the verb it hangs on.

    Only a verb without a subject of its own inherits one ("wants to negotiate"); a subject
    that names no actor ("both sides struggled") leaves the event without a source.
    """
    subjects = _children(verb, SUBJECTS)
    for subj in subjects:
        if subj.lower_ in RELATIVE_PRONOUNS:
            actors, why = _relative_antecedent(index, verb, stop)
        else:
            actors = phrase_actors(index, subj, stop)
            why = f"subject '{subj.text}' of '{verb.text}'"
        if actors:
            return actors, why
    if subjects:
        return [], ""
    passive = _children(verb, {"nsubjpass"})
    if passive and verb.lemma_.lower() in index.lexicon.engaged_verbs:
        # "X were engaged in shelling": X shelled
        return _first_actors(index, passive, stop, lambda s: f"subject '{s.text}' of '{verb.text}'")
    if passive:
        return _first_actors(index, _agent_objects(verb), stop,
                             lambda o: f"passive agent 'by {o.text}' of '{verb.text}'")
    if hops >= 3 or verb.head.i == verb.i:
        return [], ""
    head = verb.head
    if verb.dep_ == "conj" and _children(head, {"nsubjpass"}):
        # "was indicted by X and will resign": the one indicted resigns, not X
        return _first_actors(index, _children(head, {"nsubjpass"}), stop,
                             lambda s: f"passive subject '{s.text}' of the first conjunct")
    if verb.dep_ == "xcomp":  # object control: "urged Israel to withdraw"
        controlled = _first_actors(index, _children(head, {"dobj"}), stop,
                                   lambda o: f"object '{o.text}' of controlling verb '{head.text}'")
        if controlled[0]:
            return controlled
    if verb.dep_ in {"relcl", "acl"} and head.lemma_.lower() in index.lexicon.support_nouns:
        owner = _first_actors(index, _children(head, {"poss"}), stop,
                              lambda p: f"'{p.text}' whose '{head.text}' it is")
        if owner[0]:  # "Kenya's decision to sever ties": Kenya severs
            return owner
        light, receiver = light_head(head, index.lexicon)
        if light is not None and not receiver:  # "took steps to ease": the taker eases
            return verb_subjects(index, light, stop, hops + 1)
    if verb.dep_ == "relcl":
        actors = phrase_actors(index, head, stop)
        return actors, f"noun '{head.text}' modified by the relative clause" if actors else ""
    if verb.dep_ == "acl" and head.dep_ in {"ROOT", "nsubj"} and _children(verb, {"dobj"}):
        # "Rebel militants executed 50 cadets(, rights groups said)": the parser read the
        # main verb as a participle on its subject; with an object it cannot be passive, so
        # the noun is the doer
        actors = phrase_actors(index, head, stop)
        return actors, f"noun '{head.text}' doing the '{verb.text}'" if actors else ""
    if verb.dep_ == "acl" and head.pos_ in {"NOUN", "PROPN"}:
        if head.dep_ == "nsubj" and is_active_participle(verb):  # "troops firing on ... killed"
            actors = phrase_actors(index, head, stop)
            return actors, f"noun '{head.text}' doing the '{verb.text}'" if actors else ""
        if head.dep_ not in {"dobj", "nsubjpass"} or head.head.pos_ not in {"VERB", "AUX"}:
            return [], ""
        actors = phrase_actors(index, head, stop) if is_active_participle(verb) else []
        if actors or is_active_participle(verb) and noun_sector(head):
            # "police dispersed students protesting the fees": the students protest
            return actors, f"noun '{head.text}' doing the '{verb.text}'" if actors else ""
        if verb.tag_ == "VBN":  # "freed the sailors *seized* in the Gulf": not the freer's act
            return _first_actors(index, _agent_objects(verb), stop,
                                 lambda o: f"passive agent 'by {o.text}' of '{verb.text}'")
        return verb_subjects(index, head.head, stop, hops + 1)  # "sent a convoy carrying aid"
    adjective = head.head if head.pos_ == "ADP" else head
    if verb.dep_ == "pcomp" and adjective.lemma_.lower() in index.lexicon.culpable_adjectives \
            and adjective.dep_ in {"acomp", "oprd"}:
        # "X is guilty *of violating*", "X was accused of ...": the one the adjective describes
        return verb_subjects(index, adjective.head, stop, hops + 1)
    if verb.dep_ in {"xcomp", "conj", "advcl", "acl", "pcomp", "acomp", "attr"}:
        return verb_subjects(index, head, stop, hops + 1)
    return [], ""


def noun_sources(index: ActorIndex, noun: Token, stop: set[int], triggers: set[int]
                 ) -> tuple[list[Actor], str, bool]:
    """The agent of an event noun: possessor, 'by' agent, or the subject of its light verb."""
    for child in noun.children:
        if child.dep_ != "poss" and noun.lemma_.lower() in SETTING_NOUNS:
            continue  # "the Gaza war": a modifier of these nouns says where, not who
        if child.dep_ in {"poss", "compound", "amod", "nmod"} and child.i not in stop:
            actors = phrase_actors(index, child, stop)
            if actors:
                return actors, f"{child.dep_} '{child.text}' of '{noun.text}'", True
    for obj in _agent_objects(noun):
        actors = phrase_actors(index, obj, stop)
        if actors:
            return actors, f"'by {obj.text}' after '{noun.text}'", True
    if noun.lemma_.lower() in index.lexicon.of_agent_nouns:
        for obj in _prep_objects(noun, frozenset({"of"})):
            actors = phrase_actors(index, obj, stop)
            if actors:  # "the deployment of Kenyan troops": Kenya deploys
                return actors, f"'of {obj.text}' after '{noun.text}' (its doer)", True
    light, receiver = light_head(noun, index.lexicon)
    if light is not None and receiver:
        return _receiver_sources(index, noun, light, stop)
    head, dep = noun.head, noun.dep_
    if head.i in triggers and dep in {"dobj", "pobj", "nsubjpass"}:
        return [], "", False  # object of another event: its agent is not this noun's agent
    if dep in {"dobj", "attr", "oprd"} and head.pos_ in {"VERB", "AUX"}:
        if head.lemma_.lower() not in index.lexicon.light_verbs and head.lemma_ != "be":
            return [], "", False  # "ended the war": the war is not the ender's act
        actors, why = verb_subjects(index, head, stop)
        return actors, why, True
    if dep == "nsubjpass":
        for obj in _agent_objects(head):
            actors = phrase_actors(index, obj, stop)
            if actors:
                return actors, f"passive agent 'by {obj.text}' of '{head.text}'", True
    if (dep == "pobj" and head.head.pos_ in {"VERB", "AUX"}
            and (head.lower_ in ADJUNCT_PREPS - CIRCUMSTANCE_PREPS
                 or head.lower_ == "on" and head.head.lemma_.lower() in ON_STATE_VERBS)):
        # "walked out in protest", "have been *on* hunger strike", "went on strike"
        actors, why = verb_subjects(index, head.head, stop)
        return actors, why, False
    if dep == "nsubj":
        return [], "", False
    return [], "", False


def _receiver_sources(index: ActorIndex, noun: Token, verb: Token, stop: set[int]
                      ) -> tuple[list[Actor], str, bool]:
    """"Kenya received a warning *from Uganda*", "came under attack *by rebels*": the doer is
    the "from"/"by" object of the noun or of its verb, never the verb's subject."""
    for obj in _prep_objects(noun, FROM_BY) + _prep_objects(verb, FROM_BY) + _agent_objects(verb):
        actors = phrase_actors(index, obj, stop)
        if actors:
            return actors, f"'{obj.head.text} {obj.text}' of '{verb.text} ... {noun.text}'", True
    return [], "", False


FROM_BY = frozenset({"from", "by"})


def find_sources(index: ActorIndex, trigger: Token, stop: set[int], triggers: set[int]
                 ) -> tuple[list[Actor], str, bool]:
    if trigger.pos_ in {"NOUN", "PROPN"}:
        return noun_sources(index, trigger, stop, triggers)
    if trigger.pos_ == "ADJ" and trigger.dep_ == "amod":
        actors = phrase_actors(index, trigger.head, stop)
        return actors, f"noun '{trigger.head.text}' the adjective describes", bool(actors)
    verb = trigger
    if trigger.pos_ == "ADJ" and trigger.dep_ in {"acomp", "oprd", "attr", "xcomp"}:
        verb = trigger.head
    actors, why = verb_subjects(index, verb, stop)
    direct = bool(_children(verb, SUBJECTS)) or bool(_agent_objects(verb))
    return actors, why, direct


def _object_tokens(trigger: Token, preps: frozenset[str], engaged: frozenset[str]
                   ) -> list[tuple[Token, str]]:
    """Tokens that may name the target, each with the relation that makes it one."""
    out: list[tuple[Token, str]] = []
    if trigger.pos_ in {"VERB", "AUX"} and trigger.lemma_.lower() in engaged:
        pass  # "X were engaged in ...": X is the doer, not the one acted on
    elif trigger.pos_ in {"VERB", "AUX"}:
        out += [(c, c.dep_) for c in _children(trigger, {"dobj", "dative", "iobj", "nsubjpass"})]
        if _children(trigger, {"nsubjpass"}) and not _agent_objects(trigger):
            out = [(c, d) for c, d in out if d != "nsubjpass"] + [
                (c, "passive subject") for c in _children(trigger, {"nsubjpass"})]
    out += [(o, f"'{o.head.text} {o.text}'") for o in _prep_objects(trigger, preps)]
    return out


def find_targets(index: ActorIndex, trigger: Token, complement: Token | None,
                 extra_preps: frozenset[str], stop: set[int], triggers: set[int],
                 event_complement: bool = False) -> tuple[list[Actor], list[str], int | None]:
    """Targets of a trigger: objects, role-preposition objects, and those of its complement.

    `event_complement`: the complement is itself an event word ("threatened sanctions *on* X",
    "warned of strikes *on* X"), whose "on" names the one acted on, not where."""
    nounish = trigger.pos_ in {"NOUN", "PROPN"}
    preps = (NOUN_TARGET_PREPS if nounish else VERB_TARGET_PREPS) | extra_preps
    tokens = _object_tokens(trigger, preps, index.lexicon.engaged_verbs)
    if nounish and trigger.lemma_.lower() not in index.lexicon.of_agent_nouns:
        tokens += [(o, f"'of {o.text}': the one the '{trigger.text}' acts on")
                   for o in _prep_objects(trigger, frozenset({"of"}))]  # "the shelling of X"
    if trigger.pos_ == "ADJ" and trigger.dep_ == "amod":
        tokens = []
    light, receiver = light_head(trigger, index.lexicon) if nounish else (None, False)
    if light is not None:
        tokens += [(o, f"'{o.head.text} {o.text}' on '{light.text}'")
                   for o in _prep_objects(light, preps) if o.head.lower_ not in FROM_BY]
    if receiver and light is not None:  # "Kenya received a warning": Kenya is warned
        tokens += [(c, f"subject of '{light.text}', who undergoes the '{trigger.text}'")
                   for c in _children(light, SUBJECTS)]
    if trigger.pos_ == "VERB" and trigger.lemma_.lower() in ADDRESSEE_VERBS:
        for clause in _children(trigger, {"ccomp"}):  # "demanded that Chile withdraw"
            tokens += [(c, f"subject of the demanded clause '{clause.text}'")
                       for c in _children(clause, {"nsubj", "nsubjpass"})]
    if complement is not None:
        # the complement's own role prepositions: "promised aid *to* X", "open to talks *with*
        # X", "ready to impose sanctions *on* X"
        # and those of the words leading to it ("promised to continue aid *to* X")
        node = complement
        while node.i != trigger.i and node.head.i != node.i:
            nounish_node = node.pos_ in {"NOUN", "PROPN"}
            node_preps = (
                NOUN_TARGET_PREPS if nounish_node and event_complement and node is complement
                else COMPLEMENT_NOUN_PREPS if nounish_node
                else VERB_TARGET_PREPS | {"between"}) | extra_preps
            tokens += [(o, f"'{o.head.text} {o.text}' on the complement")
                       for o in _prep_objects(node, node_preps)]
            node = node.head
        if complement.pos_ in {"NOUN", "PROPN"} and complement.dep_ in {"dobj", "pobj"}:
            tokens.append((complement, "complement"))
    actors: list[Actor] = []
    reasons: list[str] = []
    nested: int | None = None
    for token, why in tokens:
        if token.i in triggers and token.i != trigger.i:
            nested = nested if nested is not None else token.i
            continue
        found = phrase_actors(index, token, stop)
        if found:
            actors.extend(found)
            reasons.append(f"{why} -> {', '.join(a.name for a in found)}")
    return _unique(actors), reasons, nested
