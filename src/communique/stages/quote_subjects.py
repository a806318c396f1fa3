"""Who does what a cue says: the subject of a cue verb, found through the parse's detours.

Up the tree from the cue through participles, conjuncts, prepositions and adjectives ("started
off by emphasizing", "was slow to accept"); the object of a control verb ("forced the banker to
admit") or the passive subject of a purpose infinitive ("was summoned to defend"); the subject of
a light verb whose object frames the cue ("had no way of knowing"); the subject of the speech verb
a participle follows ("Jones said, suggesting ..."); and the repairs of a few parser slips (a dash
read as a word, a name hung on the clause before, two subjects for one verb).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from communique.stages.nlp import doc_text
from communique.stages.quote_tokens import (
    PASSIVE_DEPS,
    SUBJECT_DEPS,
    is_infinitive,
    sentence_start,
    speech_lexicon,
)

if TYPE_CHECKING:
    from spacy.tokens import Token


def find_subject(verb: Token) -> tuple[Token | None, bool]:
    """The subject of a cue verb, climbing through participles and conjuncts; (token, passive).
    A subject the parser took from a headline on the line above is cut back to the cue's line."""
    subject, passive = _find_subject(verb)
    if subject is None:
        return None, passive
    text = doc_text(verb.doc)
    sent_start = sentence_start(verb)
    line_start = max(text.rfind("\n", 0, verb.idx), text.rfind(": ", sent_start, verb.idx)) + 1
    if subject.idx >= line_start:
        return subject, passive
    fragment = [t for t in subject.subtree if line_start <= t.idx < verb.idx]
    if not fragment:  # the parser hung the whole line under the headline: take its nouns
        fragment = [t for t in verb.doc[subject.i : verb.i] if t.idx >= line_start]
    roots = [
        t for t in fragment
        if (t.head not in fragment or t.head is t) and t.pos_ in ("NOUN", "PROPN", "PRON")
    ]
    return (roots[-1] if roots else None), passive


CLIMB_DEPS = {"advcl", "conj", "xcomp", "pcomp", "prep", "pobj", "acl", "parataxis", "acomp"}


def _names_its_noun(participle: Token) -> bool:
    """ "the plan, dubbed X", "a program called X": a naming participle, not a misparsed
    "Trump posted" ("called for talks" is a demand, so a preposition rules it out)."""
    return (participle.tag_ == "VBN" and participle.head.pos_ != "PROPN"
            and participle.lemma_.casefold() in speech_lexicon()["naming_verbs"]
            and not any(c.dep_ == "prep" for c in participle.children))


#: verbs whose object noun only frames what the subject does ("took the chance to say", "had
#: no way of knowing", "made a point of denying"): the subject is the doer of the cue
LIGHT_VERBS = frozenset({"have", "make", "take", "get", "find", "lose", "miss", "seize"})


def _participle_doer(participle: Token) -> Token | None:
    """'..., Roe said, suggesting ...': a participle right after a speech verb and its comma is
    done by that verb's subject, wherever the parser hung it (often on a quotation's verb)."""
    if participle.tag_ != "VBG" or participle.i < 2:
        return None
    comma, before = participle.doc[participle.i - 1], participle.doc[participle.i - 2]
    if comma.text != "," or before.lemma_.lower() not in speech_lexicon()["clause_verbs"]:
        return None
    return next((c for c in before.children if c.dep_ == "nsubj" and _wordlike(c)), None)


def _light_object(noun: Token) -> bool:
    return noun.dep_ == "dobj" and noun.head.lemma_ in LIGHT_VERBS


def _find_subject(verb: Token) -> tuple[Token | None, bool]:
    """Up from the cue through participles, conjuncts, prepositions and adjectives ("started off
    by emphasizing", "for refusing", "was slow to accept") to the first subject; a noun met on
    the way lends its possessor ("Mr. Roe's plan to ...")."""
    doer = _participle_doer(verb)
    if doer is not None:
        return doer, False
    current, below = verb, verb
    for _ in range(6):
        if current.pos_ in ("NOUN", "PROPN") and current is not verb:
            poss = next((c for c in current.children if c.dep_ == "poss"), None)
            if poss is None and _light_object(current):
                current, below = current.head, current  # "had no way of knowing"
                continue
            return poss, False
        controller = _controller(current, below) if current is not verb else None
        if controller is not None:
            return controller, False
        own = _own_subject(current, below)
        if own is not None:
            return own
        if current.dep_ == "acl" and is_infinitive(current) and _light_object(current.head):
            current, below = current.head.head, current.head  # "took the chance to say"
            continue
        if current.dep_ == "acl" and not any(c.dep_ == "agent" for c in current.children):
            if _names_its_noun(current):
                return None, True  # "the plan, dubbed ...": the noun is what was named
            return current.head, False  # "..., Trump posted on his platform:" parsed as a modifier
        if current.dep_ == "relcl":
            return current.head, False
        if current.head is current or not (
            current.dep_ in CLIMB_DEPS
            or (current.dep_ == "advmod" and current.pos_ in ("ADJ", "ADV"))  # "stopped short of"
        ):
            return _stray_subject(current), False
        current, below = current.head, current
    return None, False


def _stray_subject(verb: Token) -> Token | None:
    """A finite verb without a subject right after a noun phrase: the parser hung the phrase on
    what came before ('When X happens in the war, Roe and Doe call it ...' with 'Roe' a conjunct
    of 'war'); the phrase after the last comma is the subject."""
    if verb.tag_ not in ("VBD", "VBP", "VBZ") or verb.i == 0:
        return None
    before = verb.doc[verb.i - 1]
    if before.pos_ != "PROPN" or before.head.i > before.i:
        return None
    start = before.i
    while start > 0 and not verb.doc[start - 1].is_punct and verb.doc[start - 1].idx >= (
        sentence_start(verb)
    ):
        start -= 1
    first = next((t for t in verb.doc[start : verb.i] if t.pos_ == "PROPN"), None)
    if first is None or first.dep_ in SUBJECT_DEPS or first.head.i >= verb.i:
        return None
    return first


def _wordlike(token: Token) -> bool:
    """Not a dash the parser read as a word ('―' is no subject)."""
    return any(ch.isalnum() for ch in token.text)


def _own_subject(current: Token, below: Token) -> tuple[Token | None, bool] | None:
    """A verb's own subject, (token, passive), or None when it has none."""
    # of two subjects the parser gave, the one nearest before the verb ('His plans aside, the
    # studies agree ...'): sorted so that it comes first
    children = sorted(current.children, key=lambda c: (c.i > current.i, abs(c.i - current.i)))
    for child in children:
        if child.dep_ in SUBJECT_DEPS and _wordlike(child):
            # "it is worth noting that ...": the 'it' of an adjective is no one
            expletive = below.dep_ == "acomp" and child.lower_ == "it"
            return (None if expletive else child), False
        if child.dep_ in PASSIVE_DEPS and _wordlike(child):
            return None, True
    for child in current.lefts:  # "The report ― which ... ― explains": a dash parsed as a verb
        if not _wordlike(child):
            subject = next(
                (g for g in child.lefts if g.dep_ in SUBJECT_DEPS and _wordlike(g)), None
            )
            if subject is not None:
                return subject, False
    return None


def _controller(head: Token, complement: Token) -> Token | None:
    """Who does what an infinitive says when its head names the doer other than by a subject:
    the object of "forced the banker to admit" (a control verb of `speech_verbs.yaml`), the
    passive subject of "the mayor was summoned to explain" (the one summoned explains)."""
    if complement.dep_ not in ("xcomp", "advcl") or not is_infinitive(complement):
        return None
    if complement.dep_ == "xcomp" and head.lemma_.lower() in speech_lexicon()["control_verbs"]:
        obj = next(
            (c for c in head.children if c.dep_ == "dobj" and c.i < complement.i), None
        )
        if obj is not None:
            return obj
    return next((c for c in head.children if c.dep_ in PASSIVE_DEPS), None)
