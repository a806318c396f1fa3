"""The circumstances of a coded event: negation, modality, date, place, quotation, background.

An event a text only mentions as wished, feared, denied or reported by someone else is not the
same datum as one it asserts; analysts filter on these fields, so each is decided from the parse
around the trigger (its clause verb, the auxiliaries and markers on the way up to the sentence
root) and from the other stages' output (dates, places, quotes) lying in the same clause.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

from communique.document import Document
from communique.models import DateExpression, Place, Quote
from communique.stages.nlp import expanded_span

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from communique.resources.patterns import Lexicon

#: a dated or placed item with character offsets (a DateExpression or a Place)
_Item = TypeVar("_Item", DateExpression, Place)

HYPOTHETICAL_AUX = frozenset({"could", "might", "may", "would"})
DEMANDED_AUX = frozenset({"should", "must", "ought", "shall"})
INTENDED_AUX = frozenset({"will", "wo", "'ll", "shall"})
CONDITION_MARKS = frozenset({"if", "unless", "whether"})
INTENT_VERBS = frozenset(
    {"intend", "plan", "want", "aim", "seek", "hope", "expect", "vow", "pledge", "promise",
     "prepare", "decide", "wish", "mean", "propose", "offer", "agree", "commit", "consent",
     "volunteer", "undertake", "willing", "ready", "prepared", "eager", "determined",
     "resolve", "going"}
)
DEMAND_VERBS = frozenset(
    {"urge", "demand", "call", "ask", "press", "appeal", "insist", "require", "request",
     "implore", "plead", "order", "tell", "push", "encourage", "invite"}
)
SPEECH_VERBS = frozenset(
    {"say", "claim", "state", "allege", "report", "add", "tell", "announce", "insist", "accuse",
     "assert", "argue", "contend", "maintain", "suggest", "note", "write", "post", "declare",
     "deny", "believe", "think", "charge", "warn", "complain", "acknowledge", "admit"}
)
#: verbs that deny their complement: "denied sending arms", "denied that its troops attacked"
DENIAL_VERBS = frozenset({"deny", "refute", "dispute"})
#: nouns of a claim that a denial verb can take: "denied the charge that it shelled ..."
CLAIM_NOUNS = frozenset({"charge", "claim", "allegation", "accusation", "report", "suggestion"})
NEGATORS = frozenset({"not", "n't", "never", "no", "neither", "nor", "without"})
_DATE_RE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?")
HISTORICAL_DAYS = 365
#: prepositions that put an event somewhere ("in Paris"), unlike "talks on Ukraine"
PLACE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "across", "throughout"})


def clause_verb(token: Token) -> Token:
    """The verb whose clause the trigger belongs to (the trigger itself when it is a verb)."""
    node = token
    for _ in range(6):
        if node.pos_ in {"VERB", "AUX"} and node.dep_ not in {"amod", "compound"}:
            return node
        if node.head.i == node.i:
            break
        node = node.head
    return node


def _ancestors(token: Token, limit: int = 8) -> list[Token]:
    out: list[Token] = []
    node = token
    while node.head.i != node.i and len(out) < limit:
        node = node.head
        out.append(node)
    return out


def controllers(verb: Token) -> list[Token]:
    """The verbs whose infinitive complement this verb is, nearest first ("did not *try* to
    attack", "could *decide* to send"): their negation and modal carry down to it."""
    out: list[Token] = []
    node = verb
    while node.dep_ == "xcomp" and node.head.pos_ in {"VERB", "AUX"} and len(out) < 3:
        node = node.head
        out.append(node)
    return out


def is_negated(trigger: Token) -> bool:
    """'did not agree', 'no talks', 'never attacked', 'did not try to attack' on the trigger,
    and acts their doer is said to deny ('denied sending arms', 'denied the charge that ...')."""
    verb = clause_verb(trigger)
    nodes = [trigger] if verb.i == trigger.i else [trigger, verb]  # a set would hash the Doc
    for node in nodes + controllers(verb):
        for child in node.children:
            if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ == "no"):
                return True
    return is_denied(verb)


def is_denied(verb: Token) -> bool:
    """The act is the complement of a denial verb, directly or through a claim noun."""
    head = verb.head
    if verb.dep_ in {"xcomp", "ccomp"} and head.lemma_.lower() in DENIAL_VERBS:
        return True
    return (verb.dep_ == "acl" and head.lemma_.lower() in CLAIM_NOUNS and head.dep_ == "dobj"
            and head.head.lemma_.lower() in DENIAL_VERBS)


def _aux_words(node: Token) -> set[str]:
    return {c.lower_ for c in node.children if c.dep_ in {"aux", "auxpass"}}


def modality(trigger: Token, governing_code: str | None, reported: bool,
             lexicon: Lexicon) -> str:
    """asserted, intended, hypothetical, reported or demanded, from the clause around a trigger.

    `governing_code` is the CAMEO code of the event this one is an argument of, if any: an event
    nested under a request is demanded, one nested under an accusation or rejection reported.
    """
    verb = clause_verb(trigger)
    if verb.dep_ == "conj" and verb.head.pos_ in {"VERB", "AUX"} and not any(
            c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
        # "urged Peru to halt its offensive *and pull* its troops back": a second verb
        # sharing the first one's subject shares its modality
        return modality(verb.head, governing_code, reported, lexicon)
    chain = [trigger, verb] + _ancestors(verb, 6)
    control = controllers(verb)
    for node in chain[:2] + control:
        aux = _aux_words(node)
        if aux & HYPOTHETICAL_AUX:
            return "hypothetical"
        if aux & DEMANDED_AUX:
            return "demanded"
    if any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for n in chain for c in n.children):
        return "hypothetical"
    if governing_code is not None and governing_code[:2] in {"02", "10"}:
        return "demanded"
    if governing_code is not None and governing_code[:2] in {"09", "11", "12"}:
        return "reported"
    heads = {n.head.lemma_.lower() for n in [verb] + control if n.dep_ == "xcomp"}
    if is_intent_content(verb, lexicon):  # "reached a consensus *to exchange* information"
        return "intended"
    if any(_aux_words(node) & INTENDED_AUX for node in [verb] + control) or heads & INTENT_VERBS:
        return "intended"
    if heads & DEMAND_VERBS:
        return "demanded"
    return "reported" if reported else "asserted"


def is_intent_content(verb: Token, lexicon: Lexicon) -> bool:
    """'an agreement *to withdraw*', 'a plan to attack': the infinitive on an intent noun."""
    return (verb.dep_ == "acl" and verb.head.lemma_.lower() in lexicon.intent_nouns
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children))


def obliged(verb: Token) -> bool:
    """'must', 'should', 'ought to' or 'has to' on this verb."""
    aux = _aux_words(verb)
    if aux & DEMANDED_AUX:
        return True
    head = verb.head
    return verb.dep_ == "xcomp" and head.lemma_ in {"have", "ought"} and head.i < verb.i and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


#: nouns of "in order to", "in a bid to", "with a view to": what follows is a purpose
PURPOSE_NOUNS = frozenset({"order", "bid", "effort", "attempt", "view", "move", "push"})

NOUNISH_OR_VERB = frozenset({"NOUN", "PROPN", "VERB", "AUX"})


def purpose_of(trigger: Token, lexicon: Lexicon) -> Token | None:
    """The verb an infinitive of purpose depends on, if the trigger's clause is one.

    "sent arms *to help*", "closed the border *in order to pressure* ...": the purpose is what
    the doer means to bring about, not an act the sentence asserts (infinitive complements,
    "agreed to help", are not purposes: their verbs are handled as intent, request, refusal).
    """
    prep = trigger.head
    if (trigger.dep_ == "pobj" and prep.lower_ == "in" and prep.head.pos_ in NOUNISH_OR_VERB
            and trigger.lemma_.lower() in lexicon.reason_nouns):
        return clause_verb(prep.head)  # "went on strike *in protest* at ...": why, not what
    verb = clause_verb(trigger)
    chain = controllers(verb)
    node = chain[-1] if chain else verb
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children):
        return None
    head = node.head
    if node.dep_ == "advcl" and head.pos_ in {"VERB", "AUX"}:
        return head
    if (node.dep_ in {"acl", "relcl"} and head.lemma_.lower() in PURPOSE_NOUNS
            and head.dep_ == "pobj" and head.head.lower_ in {"in", "with"}):
        return clause_verb(head.head)
    return None


def has_condition(trigger: Token) -> bool:
    """The trigger's clause is the consequence of an 'if'/'unless' clause ("will act if ...")."""
    verb = clause_verb(trigger)
    return any(c.dep_ == "advcl" and any(m.lower_ in CONDITION_MARKS for m in c.children)
               for c in verb.children)


def is_condition(trigger: Token) -> bool:
    """The trigger's own clause is the condition ("... if Chile withdrew")."""
    verb = clause_verb(trigger)
    return verb.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in verb.children)


#: nouns of speech whose "that" clause is what was said ("issued a reminder that ...")
SPEECH_NOUNS = frozenset(
    {"statement", "reminder", "message", "warning", "claim", "assertion", "announcement",
     "declaration", "assurance", "letter", "note", "communique", "remark"}
)


def speech_head(trigger: Token) -> Token | None:
    """The speech verb ('said', 'claimed') whose complement clause holds the trigger, if any;
    a speech noun carried by a verb speaks through that verb ("Kenya *issued* a reminder that
    Uganda must withdraw": Kenya says so)."""
    node = clause_verb(trigger)
    head = node.head
    if (node.dep_ in {"acl", "ccomp"} and head.lemma_.lower() in SPEECH_NOUNS
            and any(c.dep_ == "mark" and c.lower_ == "that" for c in node.children)
            and head.dep_ == "dobj" and head.head.pos_ in {"VERB", "AUX"}):
        return head.head
    for _ in range(4):
        says = node.head.lemma_.lower() in SPEECH_VERBS
        if node.dep_ in {"ccomp", "parataxis", "xcomp"} and says:
            return node.head
        if node.head.i == node.i:
            return None
        if node.head.lemma_.lower() in SPEECH_VERBS and node.dep_ != "ccomp":
            return None
        node = node.head
    return None


def date_value(value: str | None) -> str | None:
    """A TIMEX3 value cut to the record's date forms (YYYY, YYYY-MM, YYYY-MM-DD), else None."""
    if not value:
        return None
    found = _DATE_RE.match(value)
    return found.group(0) if found else None


def _belongs(token: Token, trigger: Token, verb: Token) -> bool:
    """Whether a token (of a date or place) hangs on the trigger's clause and no other clause."""
    node = token
    for _ in range(8):
        if node.i == trigger.i:
            return True
        if node.pos_ in {"VERB", "AUX"} and node.dep_ not in {"amod", "compound"}:
            return node.i == verb.i
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def clause_date(doc: Document, trigger: Token) -> DateExpression | None:
    """The time expression of the trigger's clause (nearest to the trigger), if any."""
    return _nearest_in_clause(
        [d for d in doc.dates if date_value(d.value) is not None], trigger, lambda span: True)


def place_at(doc: Document, token: Token) -> Place | None:
    """The place whose name covers this token, if any."""
    return next((p for p in doc.places if p.start <= token.idx < p.end), None)


def clause_place(doc: Document, trigger: Token) -> Place | None:
    """The place named in the trigger's clause ('in Paris'), nearest to the trigger."""
    return _nearest_in_clause(
        doc.places, trigger,
        lambda span: span.root.dep_ == "pobj" and span.root.head.lower_ in PLACE_PREPS)


def _nearest_in_clause(items: Sequence[_Item], trigger: Token,
                       accept: Callable[[Span], bool]) -> _Item | None:
    """Of the items in the trigger's sentence that `accept` their span and belong to its
    clause, the one nearest to the trigger."""
    verb = clause_verb(trigger)
    sent = trigger.sent
    best: tuple[int, _Item] | None = None
    for item in items:
        if not (sent.start_char <= item.start < sent.end_char):
            continue
        span = expanded_span(trigger.doc, item.start, item.end)
        if span is None or not accept(span) or not _belongs(span.root, trigger, verb):
            continue
        distance = abs(span.root.i - trigger.i)
        if best is None or distance < best[0]:
            best = (distance, item)
    return best[1] if best else None


def quote_at(doc: Document, offset: int) -> Quote | None:
    return next((q for q in doc.quotes if q.start <= offset < q.end), None)


def is_historical(value: str | None, published: dt.date | None) -> bool:
    """Background: the event's own date lies a year or more before publication."""
    if value is None or published is None:
        return False
    parts = [int(p) for p in value.split("-")]
    parts += [12, 28][len(parts) - 1:]  # a year or month counts from its end
    year, month, day = parts[0], parts[1], parts[2]
    try:
        when = dt.date(year, month, day)
    except ValueError:
        return False
    return (published - when).days >= HISTORICAL_DAYS
