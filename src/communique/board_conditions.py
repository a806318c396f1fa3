"""Conditions for talks, read from the dependency parse of one sentence.

Parties rarely say "no"; they say "yes, if". A position on talks is only readable with its
conditions, so each condition becomes an item of its own: "peace is possible if X did A, B and
C" gives three conditions (A, B, C) addressed to X; "X must A" gives A; "Y demanded that X A" and
"Y called on X to A" give A, held by Y. A condition is written as its verb's lemma plus the rest
of its phrase ("rescinded the decree" -> "rescind the decree") so the same demand reads the same
in every article. The small English parser misattaches coordinated verbs after an if-clause to
the main verb; conjuncts of the main verb that come after the clause are taken back into it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

VERB_POS = frozenset({"VERB", "AUX"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
FIRST_PERSON = frozenset({"i", "we", "me", "us"})
ACTOR_ENTS = frozenset({"GPE", "NORP", "ORG", "PERSON", "FAC", "LOC"})
CONNECTORS = frozenset({"and", "or", "but", "then", "also", "as", "well"})


@dataclass(frozen=True)
class Condition:
    """One condition; offsets are character offsets into the parsed sentence."""

    text: str
    cue: str  # "if", "must", "demand" or "condition"
    start: int
    end: int
    subject: str | None = None
    subject_start: int | None = None
    subject_end: int | None = None
    holder_start: int | None = None  # who states it, when the sentence says (demand verbs)
    holder_end: int | None = None


def extract_conditions(doc: Doc, words: dict[str, frozenset[str]]) -> list[Condition]:
    """Every condition stated in a parsed sentence, in textual order, without duplicates."""
    about_talks = any(t.lower_ in words["topic_words"] or t.lemma_.lower() in words["topic_words"]
                      for t in doc)
    found: list[Condition] = []
    for token in doc:
        lemma = token.lemma_.lower()
        if token.dep_ == "mark" and token.lower_ in words["marks"] and about_talks:
            verb = token.head
            if verb.pos_ in VERB_POS:
                found += _clause(doc, verb, "if", extra=_late_conjuncts(verb))
        elif lemma in words["modals"] and token.dep_ == "aux" and token.head.pos_ in VERB_POS:
            found += _modal(doc, token.head)
        elif lemma in words["modals"] and lemma in {"have", "need"} and token.pos_ in VERB_POS:
            complement = _child(token, "xcomp")
            if complement is not None and _subject(token) is not None:
                found += _modal(doc, complement, subject=_subject(token))
        elif token.pos_ == "VERB" and lemma in words["demand_verbs"]:
            found += _demand(doc, token)
        elif token.pos_ == "NOUN" and lemma in words["condition_nouns"]:
            for child in token.children:
                if child.dep_ in {"acl", "ccomp", "relcl"} and child.pos_ in VERB_POS and any(
                        c.dep_ == "mark" for c in child.children):
                    found += _clause(doc, child, "condition")
    unique: dict[tuple[int, int], Condition] = {}
    for condition in found:
        unique.setdefault((condition.start, condition.end), condition)
    return sorted(unique.values(), key=lambda c: c.start)


def _child(token: Token, dep: str) -> Token | None:
    return next((c for c in token.children if c.dep_ == dep), None)


def _subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in SUBJECT_DEPS or c.dep_ == "expl"), None)


def _is_actor_like(token: Token) -> bool:
    """A subject that names a party: a proper noun or named entity somewhere in its phrase."""
    return any(t.pos_ == "PROPN" or t.ent_type_ in ACTOR_ENTS for t in token.subtree)


def _modal(doc: Doc, verb: Token, subject: Token | None = None) -> list[Condition]:
    subject = subject or _subject(verb)
    if subject is None or subject.dep_ == "expl" or subject.lower_ in FIRST_PERSON:
        return []
    if not _is_actor_like(subject):
        return []
    return _clause(doc, verb, "must", subject=subject)


def _demand(doc: Doc, verb: Token) -> list[Condition]:
    holder = _subject(verb)
    out: list[Condition] = []
    for child in verb.children:
        if child.dep_ == "ccomp" and child.pos_ in VERB_POS and _subject(child) is not None:
            out += _clause(doc, child, "demand", holder=holder)
        elif child.dep_ == "xcomp" and child.pos_ in VERB_POS:
            addressee = _child(verb, "dobj") or next(
                (_child(p, "pobj") for p in verb.children
                 if p.dep_ == "prep" and p.lower_ == "on" and _child(p, "pobj") is not None),
                None)
            if addressee is not None:
                out += _clause(doc, child, "demand", subject=addressee, holder=holder)
    return out


def _late_conjuncts(verb: Token) -> list[Token]:
    """Verbs the parser hung on the main verb although they continue this if-clause."""
    head = verb.head
    if verb.dep_ != "advcl" or head.i > verb.i:
        return []
    return [c for c in head.conjuncts if c.i > verb.i and c.pos_ in VERB_POS]


def _clause(
    doc: Doc, verb: Token, cue: str, extra: list[Token] | None = None,
    subject: Token | None = None, holder: Token | None = None,
) -> list[Condition]:
    """Split a clause at its coordinated verbs into one condition per verb."""
    subject = subject or _subject(verb)
    last = max([verb.right_edge.i, *(t.right_edge.i for t in extra or [])])
    chain = sorted({verb, *(extra or []), *(
        t for t in doc[verb.i : last + 1]
        if t.dep_ == "conj" and t.pos_ in VERB_POS and t.tag_.startswith("VB"))},
        key=lambda t: t.i)
    out: list[Condition] = []
    for k, head in enumerate(chain):
        stop = chain[k + 1].i if k + 1 < len(chain) else last + 1
        condition = _piece(doc, head, stop, cue, _subject(head) or subject, holder)
        if condition is not None:
            out.append(condition)
    return out


def _piece(doc: Doc, verb: Token, stop: int, cue: str, subject: Token | None,
           holder: Token | None) -> Condition | None:
    tokens = [t for t in doc[verb.i + 1 : stop] if not t.is_quote
              and not (subject is not None and t.i in _span_ids(subject))]
    while tokens and (tokens[-1].is_punct or tokens[-1].lower_ in CONNECTORS
                      or tokens[-1].dep_ == "cc"):
        tokens.pop()
    words: list[str] = []
    if any(c.dep_ == "neg" for c in verb.children):
        words.append("not")
    words.append(verb.lemma_ if verb.pos_ != "AUX" else verb.text)
    passive = subject is not None and subject.dep_ == "nsubjpass"
    if passive and subject is not None:
        words.append(_span_text(doc, subject))
    rest = "".join(t.text_with_ws for t in tokens).strip()
    if rest:
        words.append(rest)
    text = " ".join(" ".join(words).split())
    if len(text.split()) < 2 and not passive:
        return None  # a bare verb ("begin") is not a condition anyone can meet
    end_token = tokens[-1] if tokens else verb
    return Condition(
        text=text, cue=cue, start=verb.idx, end=end_token.idx + len(end_token.text),
        subject=_span_text(doc, subject) if subject is not None else None,
        subject_start=subject.left_edge.idx if subject is not None else None,
        subject_end=_end(subject) if subject is not None else None,
        holder_start=holder.left_edge.idx if holder is not None else None,
        holder_end=_end(holder) if holder is not None else None,
    )


def _span_ids(token: Token) -> range:
    return range(token.left_edge.i, token.right_edge.i + 1)


def _span_text(doc: Doc, token: Token) -> str:
    return doc[token.left_edge.i : token.right_edge.i + 1].text


def _end(token: Token) -> int:
    return token.right_edge.idx + len(token.right_edge.text)
