"""The events stage: CAMEO and PLOVER events, with source, target, circumstances and evidence.

For each sentence the trigger patterns (data, see resources/patterns.py) are matched on the
parse; each match gets its actors from the parse (event_roles.py) and its circumstances
(event_context.py); nested events ("criticized Ukraine's refusal to talk") are tied to the event
that governs them. Two rules then look at the whole document: a party to the conflict calling
for its end is AGREE, a third party's call REQUEST (PLOVER); and a meeting is one CONSULT for all
its participants. An event whose doer the text leaves unnamed ("a journalist was killed",
"gunmen kidnapped ...") is kept with `source.actor: null` (event_unnamed.py); other events
without a source actor (a pronoun left unresolved, an infinitive with no controller) are not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from communique.document import Document
from communique.models import Actor, Event, EventParty, Plover, TextSpan
from communique.resources.cameo import Ontology, default_ontology
from communique.resources.patterns import (
    Pattern,
    PatternSet,
    default_patterns,
    load_patterns,
)
from communique.stages import event_context as ctx
from communique.stages import event_rules as rules
from communique.stages.event_candidates import (
    Candidate,
    is_topic,
    not_an_act,
    own_condition,
    protest_purposes,
    scene_roles,
    serve_purpose,
    unnamed_ok,
)
from communique.stages.event_location import LOCAL_ROOTS, located_party, scene_country
from communique.stages.event_match import (
    ADJUNCT_PREPS,
    Match,
    MatchResult,
    match_sentence,
    token_words,
    trigger_keys,
    trigger_positions,
)
from communique.stages.event_roles import (
    CIRCUMSTANCE_PREPS,
    ActorIndex,
    find_sources,
    find_targets,
    is_active_participle,
    verb_subjects,
)
from communique.stages.event_scene import (
    STATE_SECTORS,
)
from communique.stages.event_unnamed import (
    UnnamedAgent,
    unnamed_agent,
)
from communique.stages.nlp import doc_text

if TYPE_CHECKING:
    from spacy.strings import StringStore
    from spacy.tokens import Span, Token

#: the words of an obligation ("must", "should", "ought to", "has to"), as `ctx.obliged` reads them
OBLIGATION_WORDS = re.compile(r"\b(?:must|should|ought|shall|ha(?:ve|s|d|ving) to)\b")
#: CAMEO roots whose events make their actors parties to an armed conflict
CONFLICT_ROOTS = frozenset({"18", "19", "20"})
CONFLICT_CODES = frozenset({"192", "1382", "138"})
OBLIGATION_RULE = Pattern(id="request.obligation", code="100", trigger=frozenset(),
                          confidence=0.6)
#: a cooperative act announced, offered or agreed to is CAMEO's "express intent" (03x, AGREE)
INTENT_CODES = {
    "045": "039", "046": "036", "04": "036", "05": "032", "057": "031", "06": "031",
    "061": "0311", "062": "0312", "063": "0313", "064": "0314", "07": "033", "071": "0331",
    "072": "0332", "073": "0333", "074": "0334", "08": "035", "081": "0351", "082": "0352",
    "083": "034", "084": "0353", "0841": "0353", "085": "0354", "086": "0355", "087": "0356",
    "0871": "0356",
}
#: dependencies by which an event can be the argument of another event
ARGUMENT_DEPS = frozenset(
    {"dobj", "xcomp", "ccomp", "pobj", "pcomp", "acl", "prep", "nsubjpass", "attr", "oprd"}
)


class EventsStage:
    name: ClassVar[str] = "events"
    requires: ClassVar[frozenset[str]] = frozenset({"spacy", "actors", "quotes", "dates", "places"})
    assigns: ClassVar[frozenset[str]] = frozenset({"events"})
    languages: ClassVar[frozenset[str] | None] = frozenset({"en"})

    def __init__(self, settings: Any = None, patterns: PatternSet | None = None,
                 ontology: Ontology | None = None, trace: bool = False) -> None:
        extra: Iterable[Path] = getattr(settings, "patterns", None) or ()
        self.ontology = ontology or default_ontology()
        if patterns is None:
            patterns = load_patterns(extra, self.ontology) if extra else default_patterns()
        self.patterns = patterns
        self.trace = trace
        self._trigger_keys: frozenset[int] | None = None

    def _keys(self, strings: StringStore) -> frozenset[int]:
        """The hashes of the words that can start a pattern (computed once per stage)."""
        if self._trigger_keys is None:
            self._trigger_keys = trigger_keys(self.patterns, strings)
        return self._trigger_keys

    def __call__(self, doc: Document) -> Document:
        if doc.spacy is None:
            doc.warn("events: no parse available; no events coded.")
            return doc
        index = ActorIndex(doc, self.patterns.lexicon)
        trace = MatchResult() if self.trace else None
        skip = {i for i, _ in index.by_token.items() if doc.spacy[i].pos_ == "PROPN"}
        skip |= _date_tokens(doc)  # "signed in March 2001": a month, not a march
        candidates: list[Candidate] = []
        positions = trigger_positions(doc.spacy, self._keys(doc.spacy.vocab.strings))
        for sent in doc.spacy.sents:
            matches = match_sentence(sent, self.patterns, skip, trace, positions)
            candidates.extend(self._sentence_candidates(doc, index, matches, sent))
        self._apply_party_rule(doc, candidates)
        doc.events = self._events(doc, index, candidates)
        if trace is not None:
            doc.extras["events"] = {"trace": trace, "candidates": candidates}
        return doc

    # -- per sentence -------------------------------------------------------------------------

    def _sentence_candidates(self, doc: Document, index: ActorIndex, matches: list[Match],
                             sent: Span) -> list[Candidate]:
        triggers = {m.trigger.i for m in matches}
        cands = [self._roles(doc, index, m, triggers) for m in matches]
        by_token = {c.trigger.i: c for c in cands}
        for cand in cands:
            if cand.nested is not None and not cand.targets and cand.nested in by_token:
                inner = by_token[cand.nested]
                cand.targets = [a for a in inner.sources if a not in cand.sources]
                if cand.targets:
                    cand.reasons.append(f"target: agent of the nested event '{inner.trigger.text}'")
        for cand in cands:
            if not cand.sources and cand.trigger.pos_ == "NOUN":
                scene_roles(index, cand, by_token)
        for cand in cands:
            reported = self._is_reported(cand)
            governing = self._governing(cand, by_token)
            cand.modality = ctx.modality(
                cand.trigger, governing.match.pattern.code if governing else None, reported,
                index.lexicon,
            )
            serve_purpose(cand, cands, index.lexicon)
            if governing is not None and governing.code[:2] == "04" and is_topic(cand.trigger):
                cand.dropped = f"the topic of the '{governing.trigger.text}', not an act"
            if cand.dropped:
                continue
            self._street_protest(cand)
            self._intent(cand, governing)
            self._absorb(cand, governing)
            if "counterpart" in cand.match.pattern.flags and not cand.targets:
                counterparts = governing.sources if governing else cand.speakers
                cand.targets = [a for a in counterparts if a not in cand.sources]
                if cand.targets:
                    cand.reasons.append("target: the party reporting the rejection")
        everything = cands + self._obligations(cands) + self._bare_obligations(
            doc, index, sent, cands)
        protest_purposes(everything)  # "rallied against X, saying he must resign": one protest
        return everything

    @staticmethod
    def _obligations(cands: list[Candidate]) -> list[Candidate]:
        """'Chile must withdraw, Peru said': the speaker's demand (10x) on the one who must act;
        likewise a cooperative act set as a condition by someone else ("peace is possible if
        Chile withdrew, Peru said"). The act demanded is not an event of its own."""
        out = []
        threats = {v.i for c in cands if c.code[:2] == "13" and not c.dropped
                   for cv in [ctx.clause_verb(c.trigger)] for v in [cv, *ctx.controllers(cv)]}
        for cand in cands:
            condition = (cand.modality == "hypothetical" and ctx.is_condition(cand.trigger)
                         and cand.code[:2] in rules.COOPERATIVE_ROOTS)
            if condition and ctx.clause_verb(cand.trigger).head.i in threats:
                cand.dropped = "the condition of a threat, which the threat's code covers"
                continue
            if cand.modality != "demanded" and not condition or not cand.speakers \
                    or not cand.sources:
                continue
            if {a.id for a in cand.speakers} & {a.id for a in cand.sources}:
                continue
            code = rules.appeal_code(cand.code, demand=True) or "100"
            request = Candidate(match=Match(OBLIGATION_RULE, cand.trigger), code=code,
                                sources=cand.speakers, targets=cand.sources, direct=True,
                                reasons=["obligation reported by its speaker -> REQUEST"])
            out.append(request)
            cand.dropped = "the act demanded, coded as the speaker's request"
        return out

    def _bare_obligations(self, doc: Document, index: ActorIndex, sent: Span,
                          cands: list[Candidate]) -> list[Candidate]:
        """'China must drop its barriers, Washington declared': a reported obligation is the
        speaker's demand even when the act demanded is not one the patterns know."""
        if not OBLIGATION_WORDS.search(_lower_text(sent)):
            return []  # most sentences oblige nobody: skip the walk over their tokens
        known = {c.trigger.i for c in cands}
        out = []
        for token in sent:
            if token.i in known or token.pos_ not in {"VERB", "AUX"}:
                continue
            if not ctx.obliged(token):
                continue
            sources, _ = verb_subjects(index, token, {token.i})
            speakers = self._speakers(doc, index, token)
            if not sources or not speakers or {a.id for a in sources} & {a.id for a in speakers}:
                continue
            out.append(Candidate(match=Match(OBLIGATION_RULE, token), code="100",
                                 sources=speakers, targets=sources, direct=True,
                                 reasons=["obligation reported by its speaker -> REQUEST"]))
        return out

    def _roles(self, doc: Document, index: ActorIndex, match: Match, triggers: set[int]
               ) -> Candidate:
        cand = Candidate(match=match, code=match.pattern.code)
        stop = {match.trigger.i}
        sources, why, direct = find_sources(index, match.trigger, stop, triggers)
        if not sources and "reciprocal" in match.pattern.flags:
            sources, why = _meeting_host(index, match.trigger, stop)
        cand.sources, cand.direct = sources, direct
        cand.reasons.append(f"source: {why}" if sources else "source: none found")
        if not sources:
            cand.unnamed = unnamed_agent(match.trigger, triggers, index.lexicon)
            if cand.unnamed is not None:
                cand.reasons.append(f"source: unnamed ({cand.unnamed.reason})")
        event_complement = match.complement is not None and self._event_word(match.complement)
        targets, why_t, nested = find_targets(
            index, match.trigger, match.complement, match.pattern.target, stop, triggers,
            event_complement)
        cand.targets = [a for a in targets if a not in sources]
        if not sources and "reciprocal" in match.pattern.flags and len(cand.targets) >= 2:
            cand.sources, cand.targets = cand.targets[:1], cand.targets[1:]  # "talks between
            cand.reasons.append("source: the first of the participants")  # X and Y"
        cand.nested = nested
        cand.reasons.extend(f"target: {w}" for w in why_t)
        cand.speakers = self._speakers(doc, index, match.trigger)
        return cand

    @staticmethod
    def _speakers(doc: Document, index: ActorIndex, trigger: Token) -> list[Actor]:
        """Who reports the clause: the subject of a governing speech verb, 'according to X',
        or the speaker of the quotation the trigger sits in."""
        head = ctx.speech_head(trigger)
        if head is not None:
            actors, _ = verb_subjects(index, head, {trigger.i})
            if actors:
                return actors
        sent = trigger.sent
        if "according" not in _lower_text(sent):
            sent = sent[:0]  # no "according to X" here: nothing to walk
        for token in sent:
            if token.lower_ == "according":
                for prep in token.children:
                    for obj in prep.children:
                        actor = index.actor_of(obj)
                        if actor is not None:
                            return [actor]
        quote = ctx.quote_at(doc, trigger.idx)
        if quote is not None and quote.speaker is not None and quote.speaker.actor:
            actor = doc.actor_by_id(quote.speaker.actor)
            return [actor] if actor else []
        return []

    @staticmethod
    def _is_reported(cand: Candidate) -> bool:
        """Reported when someone other than the source (by country, else by identity) says so."""
        if not cand.speakers or not cand.sources:
            return False
        source_countries = {a.country for a in cand.sources if a.country}
        speaker_countries = {a.country for a in cand.speakers if a.country}
        if source_countries and speaker_countries:
            return not source_countries & speaker_countries
        return not {a.id for a in cand.sources} & {a.id for a in cand.speakers}

    def _street_protest(self, cand: Candidate) -> None:
        """'gathered to protest the tax', 'stayed home to protest', 'students protesting the
        fees': a protest that is the purpose of a physical act, or done by the people a noun
        names, is the demonstration itself (PLOVER PROTEST), not a verbal disapproval (11x)."""
        if cand.code[:2] != "11":
            return
        street = next((p for w in token_words(cand.trigger) for p in self.patterns.candidates(w)
                       if p.code[:2] == "14"), None)
        if street is None:
            return
        head = ctx.purpose_of(cand.trigger, self.patterns.lexicon)
        if head is not None and head.lemma_.lower() in ctx.SPEECH_VERBS:
            return
        if head is None and not is_active_participle(cand.trigger):
            return
        if any(a.kind == "country" or a.sector in STATE_SECTORS for a in cand.sources):
            return  # a state's protest is diplomatic: "recalled its envoy to protest"
        cand.reasons.append(f"a protest by the people acting, not a statement -> {street.code}")
        cand.match = Match(street, cand.trigger)
        cand.code = street.code

    @staticmethod
    def _intent(cand: Candidate, governing: Candidate | None) -> None:
        """'will visit', 'agreed to release', 'is willing to send': AGREE with the act's 03x
        code; a bare 'agreed' governing it is then the same event and is dropped."""
        if cand.code[:2] not in {"04", "05", "06", "07", "08"}:
            return
        if cand.modality != "intended" and not (
                cand.modality == "hypothetical" and own_condition(cand)):
            return
        code = cand.code
        new = next((INTENT_CODES[code[:n]] for n in (4, 3, 2) if code[:n] in INTENT_CODES), None)
        if new is None:
            return
        cand.reasons.append(f"intent: {code} announced or agreed to -> {new}")
        cand.code, cand.modality = new, "asserted"
        if governing is not None and governing.code[:2] == "03":
            governing.dropped = "the same intent as the act it governs"
            if not cand.sources:
                cand.sources = governing.sources

    @staticmethod
    def _absorb(cand: Candidate, governing: Candidate | None) -> None:
        """What the sentence does with the act decides the code (see event_rules): an announced
        hostile act is a threat, a refused or negated cooperative act a rejection, an act asked
        for refines the request; the act itself did not happen and is not a separate event."""
        gov = governing.code if governing is not None and not governing.dropped else None
        if gov is not None and gov[:2] in {"02", "10"} and cand.modality == "demanded":
            new = rules.appeal_code(cand.code, demand=gov[:2] == "10")
            if new and governing is not None and gov in rules.GENERIC_APPEALS:
                governing.code = new
                governing.reasons.append(f"the act asked for ({cand.code}) -> {new}")
            cand.dropped = "the act asked for, coded as the request"
            return
        if gov is not None and gov[:2] == "12":
            new = rules.rejection_code(cand.code)
            if new and governing is not None and gov in rules.GENERIC_REJECTIONS:
                governing.code = new
                governing.reasons.append(f"the act refused ({cand.code}) -> {new}")
            cand.dropped = "the act refused, coded as the rejection"
            return
        threat = rules.threat_code(cand.code)
        threatened = gov is not None and gov[:2] == "13"
        if threat and (threatened or cand.modality == "intended"
                       or (cand.modality == "hypothetical" and own_condition(cand))):
            cand.reasons.append(f"announced hostile act {cand.code} -> threat {threat}")
            cand.code, cand.modality = threat, "asserted"
            if threatened and governing is not None:
                governing.dropped = "the same threat as the act it governs"
                cand.sources = cand.sources or governing.sources
            return
        if cand.code[:2] == "03" and ctx.is_negated(cand.trigger):
            new = rules.rejection_code(cand.code)
            if new:
                cand.reasons.append(f"negated intent {cand.code} -> rejection {new}")
                cand.code, cand.negation_absorbed = new, True

    @staticmethod
    def _governing(cand: Candidate, by_token: dict[int, Candidate]) -> Candidate | None:
        """The event whose argument this one is ("urged X *to withdraw*", "criticized X's
        *refusal*"); circumstances ("called ... during a *meeting*") do not count."""
        node = cand.trigger
        for _ in range(5):
            if node.head.i == node.i or node.dep_ not in ARGUMENT_DEPS:
                return None
            if node.dep_ == "prep" and node.lower_ in ADJUNCT_PREPS:
                return None
            node = node.head
            if node.i in by_token:
                return by_token[node.i]
        return None

    # -- per document -------------------------------------------------------------------------

    def _apply_party_rule(self, doc: Document, cands: list[Candidate]) -> None:
        """PLOVER: a party's own call to end the fighting is AGREE; a third party's is REQUEST,
        addressed to the parties when the text names no addressee."""
        parties: dict[str, Actor] = {}
        for cand in cands:
            code = cand.match.pattern.code
            if code[:2] in CONFLICT_ROOTS or code in CONFLICT_CODES:
                for actor in cand.sources + cand.targets:
                    if actor.country and cand.modality != "hypothetical":
                        parties.setdefault(actor.country, actor)
        for cand in cands:
            party_code = cand.match.pattern.party_code
            if party_code is None or not cand.sources:
                continue
            if any(a.country in parties for a in cand.sources):
                cand.code = party_code
                cand.reasons.append("party rule: the source is a party to the conflict (AGREE)")
            elif not cand.targets and parties:
                cand.targets = list(parties.values())
                cand.reasons.append("party rule: a third party's call, addressed to the parties")

    def _events(self, doc: Document, index: ActorIndex, cands: list[Candidate]) -> list[Event]:
        events: list[Event] = []
        seen: set[tuple[str, str | None, str | None, int]] = set()
        participants: dict[str, list[str]] = {}
        for cand in sorted(cands, key=lambda c: c.trigger.idx):
            if cand.dropped:
                continue
            info = self.ontology.get(cand.code)
            if info is None or info.plover is None:
                cand.dropped = "code has no PLOVER type (public statement)"
                continue
            if not cand.sources and not unnamed_ok(cand):
                cand.dropped = "no source actor"
                continue
            cand.dropped = not_an_act(doc, cand, index, self._event_word)
            if cand.dropped:
                continue
            for source, target, everyone in self._dyads(cand):
                key = (cand.code, source.id if source else None, target.id if target else None,
                       cand.trigger.sent.start)
                if key in seen:
                    continue
                seen.add(key)
                event = self._event(doc, index, cand, source, target, f"e{len(events) + 1}")
                events.append(event)
                if len(everyone) > 2:
                    participants[event.id] = [a.id for a in everyone]
        if participants:
            doc.extras.setdefault("events_participants", participants)
        return events

    def _event_word(self, token: Token) -> bool:
        """The word is a trigger of some pattern ("sanctions", "war")."""
        return any(self.patterns.candidates(w) for w in token_words(token))

    @staticmethod
    def _dyads(cand: Candidate) -> list[tuple[Actor | None, Actor | None, list[Actor]]]:
        """One event per directed dyad; one for a reciprocal meeting, whoever took part; an
        unnamed doer (source None) acts on each target."""
        flags = cand.match.pattern.flags
        if not cand.sources:
            if "reciprocal" in flags or ("needs_target" in flags and not cand.targets):
                cand.dropped = "an unnamed party cannot meet or lack its target"
                return []
            return [(None, t, [t]) for t in cand.targets] or [(None, None, [])]
        if "reciprocal" in flags:
            everyone = list({a.id: a for a in cand.sources + cand.targets}.values())
            if len(everyone) < 2:
                cand.dropped = "a meeting needs two participants"
                return []
            return [(everyone[0], everyone[1], everyone)]
        if "needs_target" in flags and not cand.targets:
            cand.dropped = "pattern needs a target"
            return []
        if not cand.targets:
            return [(s, None, [s]) for s in cand.sources]
        return [(s, t, [s, t]) for s in cand.sources for t in cand.targets if s.id != t.id]

    def _event(self, doc: Document, index: ActorIndex, cand: Candidate, source: Actor | None,
               target: Actor | None, event_id: str) -> Event:
        info = self.ontology.codes[cand.code]
        trigger = cand.trigger
        date = ctx.clause_date(doc, trigger)
        value = ctx.date_value(date.value) if date else None
        place = ctx.clause_place(doc, trigger)
        quote = ctx.quote_at(doc, trigger.idx)
        source_party = _party(source) if source else _unnamed(cand.unnamed)
        target_party = _party(target) if target else None
        scene = None
        if cand.code[:2] in LOCAL_ROOTS and (source_party.country is None or (
                target_party is not None and target_party.country is None)):
            scene = scene_country(doc, index, cand.match, place)
        start, end = _trigger_span(cand.match)
        confidence = cand.match.pattern.confidence + (0.1 if cand.direct else -0.1)
        confidence += 0.05 if target is not None else 0.0
        return Event(
            id=event_id,
            source=located_party(source_party, scene, cand.code),
            target=located_party(target_party, scene, cand.code) if target_party else None,
            cameo=cand.code,
            plover=Plover(type=info.plover, mode=info.mode),  # type: ignore[arg-type]
            date=value or (doc.published.isoformat() if doc.published else None),
            place=place.id if place else None,
            negated=ctx.is_negated(trigger) and not cand.negation_absorbed,
            modality=cand.modality,  # type: ignore[arg-type]
            historical=ctx.is_historical(value, doc.published),
            quote=quote.id if quote else None,
            sentence=doc.sentence_index(trigger.idx),
            trigger=TextSpan(start=start, end=end, text=doc.text[start:end]),
            confidence=round(min(0.99, max(0.05, confidence)), 2),
            rule=cand.match.pattern.id,
            goldstein=info.goldstein,
            quad_class=info.quad,
        )


def _lower_text(sent: Span) -> str:
    """A sentence's text in lower case, cut from the doc's cached text (cheap word checks)."""
    return doc_text(sent.doc)[sent.start_char:sent.end_char].lower()


def _date_tokens(doc: Document) -> set[int]:
    """Names inside the time expressions the dates stage found ("March", "May"); common nouns
    stay triggers ("the day after the coup")."""
    assert doc.spacy is not None
    out: set[int] = set()
    for date in doc.dates:
        span = doc.spacy.char_span(date.start, date.end, alignment_mode="expand")
        if span is not None:
            out.update(t.i for t in span if t.pos_ in {"PROPN", "NUM"})
    return out


def _party(actor: Actor) -> EventParty:
    return EventParty(actor=actor.id, code=actor.code, country=actor.country, sector=actor.sector)


def _meeting_host(index: ActorIndex, trigger: Token, stop: set[int]) -> tuple[list[Actor], str]:
    """'X called for a truce *during a meeting with Y*': whoever acts during a meeting took
    part in it (for other scene-setting nouns, "during the fight", the doer is not inherited)."""
    head = trigger.head
    if trigger.dep_ != "pobj" or head.lower_ not in CIRCUMSTANCE_PREPS:
        return [], ""
    if head.head.pos_ not in {"VERB", "AUX"}:
        return [], ""
    actors, why = verb_subjects(index, head.head, stop)
    return actors, f"{why}, who took part in the '{trigger.text}'" if actors else ""


def _unnamed(agent: UnnamedAgent | None) -> EventParty:
    """The contract's unnamed party: no actor, no country, the sector its noun gives."""
    sector = agent.sector if agent else None
    return EventParty(actor=None, code=sector, country=None, sector=sector)


def _trigger_span(match: Match) -> tuple[int, int]:
    """The trigger word, stretched to its complement when that follows closely."""
    trigger, comp = match.trigger, match.complement
    start, end = trigger.idx, trigger.idx + len(trigger.text)
    if comp is not None and 0 < comp.i - trigger.i <= 5:
        end = comp.idx + len(comp.text)
    return start, end
