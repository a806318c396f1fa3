"""Trigger matching: which pattern fires on which token of the parse.

Patterns are indexed by lemma, so each token costs one dictionary lookup; only tokens whose lemma
is a trigger are examined further. A complement ("willingness ... to negotiate", "call for a
ceasefire") is searched for below the trigger through prepositions, infinitives and light verbs,
a few steps deep, never crossing into another clause: that is what makes "refusal to engage in
dialogue" one REJECT and not a CONSULT.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.attrs import LEMMA, LOWER

from communique.resources.patterns import Lexicon, Pattern, PatternSet

if TYPE_CHECKING:
    from spacy.strings import StringStore
    from spacy.tokens import Doc, Span, Token

#: dependencies the complement search never follows: they start another clause or another role
BLOCKED = frozenset(
    {"nsubj", "csubj", "punct", "cc", "relcl", "parataxis", "mark", "det", "neg",
     "aux", "auxpass", "case", "appos", "expl", "intj", "dep", "meta"}
)
#: adjunct prepositions: what hangs on them is circumstance, never the event's complement
ADJUNCT_PREPS = frozenset(
    {"during", "after", "before", "following", "amid", "amidst", "despite", "since", "until",
     "while", "like", "because", "except", "besides", "including", "unlike", "near",
     "according"}
)
MAX_DEPTH = 3
#: how a pattern's preposition or particle hangs on its trigger ("walk *away*" is often advmod)
PREP_DEPS = frozenset({"prep", "prt", "agent", "dative", "advmod"})
#: auxiliaries that leave a that-clause unrealised: "warned that it *would* impose sanctions" is a
#: threat of the clause's act, "announced that it *had* called off a strike" reports a done one
UNREALISED_AUX = frozenset(
    {"will", "wo", "'ll", "would", "shall", "should", "could", "might", "may", "must", "can",
     "ca", "'d"}
)
#: the dependencies of a clausal argument ("ordered Peru *to withdraw*", "refused *to meet*")
CLAUSE_DEPS = frozenset({"xcomp", "ccomp"})
NOUNISH = frozenset({"NOUN", "PROPN"})


@dataclass
class Match:
    """A pattern that fired on a trigger token (and the complement token it found, if any)."""

    pattern: Pattern
    trigger: Token
    complement: Token | None = None
    depth: int = 0
    light: Token | None = None  # the light verb carrying a noun trigger ("issued a warning")


@dataclass
class Attempt:
    """For `explain`: a pattern tried on a token, and why it fired or not."""

    token: Token
    pattern: Pattern
    fired: bool
    reason: str


@dataclass
class MatchResult:
    matches: list[Match] = field(default_factory=list)
    attempts: list[Attempt] = field(default_factory=list)


def token_words(token: Token) -> tuple[str, ...]:
    """The forms a trigger can be looked up by: the lemma and the lower-cased text, and for a
    noun right after a compound modifier the hyphenated pair ("air strikes" as "air-strike")."""
    lemma, lower = token.lemma_.lower(), token.lower_
    words = (lemma,) if lemma == lower else (lemma, lower)
    if token.n_lefts and token.pos_ == "NOUN":  # n_lefts: skip the token lookup when none
        before = token.doc[token.i - 1]
        if before.dep_ == "compound" and before.head.i == token.i:
            return words + (f"{before.lower_}-{lemma}",)
    return words


def light_head(noun: Token, lexicon: Lexicon) -> tuple[Token | None, bool]:
    """The light verb carrying an event noun, and whether its subject undergoes the act.

    "Kenya *issued* a warning": the verb only carries the noun, whose doer is its subject;
    "Kenya *received* a warning from Uganda", "came *under* attack": the subject is the one
    acted on, the doer the "from"/"by" object.
    """
    head = noun.head
    if noun.pos_ not in NOUNISH or head.pos_ not in {"VERB", "AUX", "ADP"}:
        return None, False
    lemma = head.lemma_.lower()
    if noun.dep_ == "dobj":
        if lemma in lexicon.receiver_verbs:
            return head, True
        if lemma in lexicon.light_verbs:
            return head, False
    if noun.dep_ == "pobj" and head.lower_ == "under" and head.head.pos_ in {"VERB", "AUX"}:
        return head.head, True
    return None, False


def trigger_words(token: Token, lexicon: Lexicon) -> tuple[tuple[str, ...], Token | None]:
    """The words a token fires patterns by, and its light verb: an event noun carried by a
    light verb also fires the patterns of its verb ("gave support to" as "supported")."""
    words = token_words(token)
    if token.pos_ not in NOUNISH:
        return words, None
    light, _ = light_head(token, lexicon)
    if light is None:
        return words, None
    verb = lexicon.nominalizations.get(words[0])
    return (words + (verb,) if verb and verb not in words else words), light


def _pos_ok(pattern: Pattern, token: Token, light: Token | None = None) -> bool:
    if light is not None and "VERB" in pattern.pos:
        return True
    if not pattern.pos:
        return token.pos_ in {"VERB", "NOUN", "ADJ", "PROPN", "AUX"}
    if token.pos_ in pattern.pos:
        return True
    return token.pos_ == "PROPN" and "NOUN" in pattern.pos


def _has_prep(pattern: Pattern, token: Token, light: Token | None = None) -> bool:
    """One of the pattern's prepositions on the trigger, or on the light verb carrying it
    ("gave a warm welcome on Monday *to* the envoy")."""
    nodes = (token,) if light is None else (token, light)
    return any(
        child.dep_ in PREP_DEPS and child.lower_ in pattern.prep
        and not _dated(child)
        for node in nodes for child in node.children
    )


def _dated(prep: Token) -> bool:
    """'agreed on Monday', 'called in March': "on", "in" or "at" with a date or time says
    when, never what ("agreed on a plan"); "gave Chile until Friday" keeps its deadline."""
    return prep.lower_ in {"on", "in", "at"} and any(
        c.dep_ == "pobj" and c.ent_type_ in {"DATE", "TIME"} for c in prep.children)


def reachable(token: Token) -> dict[str, tuple[Token, int]]:
    """Every word below the trigger that a complement may be, with its token and depth.

    Breadth-first, so the nearest token wins for each word; computed once per trigger token and
    shared by all its candidate patterns.
    """
    found: dict[str, tuple[Token, int]] = {}
    frontier = [token]
    for depth in range(1, MAX_DEPTH + 1):
        following: list[Token] = []
        for node in frontier:
            for child in node.children:
                if child.dep_ in BLOCKED or (depth == 1 and child.dep_ == "conj"):
                    continue
                if child.dep_ == "advcl" and not loose_infinitive(child):
                    continue
                if child.dep_ == "prep" and child.lower_ in ADJUNCT_PREPS:
                    continue
                if child.dep_ == "ccomp" and _realised_clause(child):
                    continue
                # "of" is transparent: "a new round *of* talks", "the resumption of negotiations"
                reached = [g for g in child.children if g.dep_ == "pobj"] \
                    if child.dep_ == "prep" and child.lower_ == "of" else [child]
                for node_below in reached:
                    for word in token_words(node_below):
                        found.setdefault(word, (node_below, depth))
                following.extend(reached)
        frontier = following
    return found


def loose_infinitive(clause: Token) -> bool:
    """A "to V" clause the parser hung loose (advcl) right after a date or time: "pressed Uganda
    on Monday *to reopen* the border" is the verb's own complement, as without the date."""
    if clause.dep_ != "advcl" or not any(
            c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
        return False
    before = clause.left_edge.i - 1
    return before >= 0 and clause.doc[before].ent_type_ in {"DATE", "TIME"}


def _realised_clause(verb: Token) -> bool:
    """A complement clause of its own reporting an act as done (past or perfect, with its own
    subject, no modal): that clause's event, never the complement of the verb above ("announced
    that it had called off a strike" announces no strike). Present forms stay open: after
    "demanded that the army end ..." the clause is what is demanded."""
    if not any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
        return False
    aux = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    if any(a.lower_ in UNREALISED_AUX or a.lower_ == "to" for a in aux):
        return False
    return verb.tag_ == "VBD" or any(a.tag_ == "VBD" or a.lemma_ == "have" for a in aux)


def find_complement(below: dict[str, tuple[Token, int]], words: frozenset[str]
                    ) -> tuple[Token | None, int]:
    """The nearest token below the trigger whose lemma or text is in `words`."""
    best: tuple[Token | None, int] = (None, 0)
    for word in words & below.keys():
        token, depth = below[word]
        if best[0] is None or (depth, token.i) < (best[1], best[0].i):
            best = (token, depth)
    return best


def has_subject(token: Token, words: frozenset[str]) -> bool:
    """The trigger's subject (active or passive), or a modifier of it, is one of `words`:
    what arrives decides whether an arrival is a visit or a deployment ("troops arrived")."""
    for subj in token.children:
        if subj.dep_ not in {"nsubj", "nsubjpass"}:
            continue
        nouns = [subj] + [g for c in subj.children if c.dep_ == "prep" and c.lower_ == "of"
                          for g in c.children if g.dep_ == "pobj"]
        heads = nouns + [c for n in nouns for c in n.children
                         if c.dep_ in {"compound", "amod", "nmod"}]
        if any(w in words for h in heads for w in token_words(h)):
            return True
    return False


def _clause_after(token: Token, infinitive: bool) -> bool:
    """A complement clause after the trigger. A quotation before it ("'...,' he told reporters")
    is what was said, not what was ordered; with `infinitive`, only "told X to V" counts, since
    "told X that ..." reports speech."""
    return any(
        (c.dep_ in CLAUSE_DEPS or loose_infinitive(c)) and c.i > token.i
        and (not infinitive or any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children))
        for c in token.children
    )


def _try(pattern: Pattern, token: Token, below: dict[str, tuple[Token, int]],
         light: Token | None = None, explain: bool = False) -> tuple[Match | None, str]:
    """The match of `pattern` on `token`, or None; with `explain`, also why (the reasons are
    only written for `communique explain`: formatting them for every failed try cost more than
    the tries themselves)."""
    failure = _unmet(pattern, token, light)
    found, depth = None, 0
    if failure is None and pattern.complement:
        found, depth = find_complement(below, pattern.complement)
        if found is None:
            failure = "complement"
    if failure is not None:
        return None, _failure_reason(failure, pattern, token) if explain else ""
    match = Match(pattern, token, found, depth, light)
    if not explain:
        return match, ""
    if found is not None:
        return match, f"complement '{found.text}' at depth {depth}"
    return match, ("bare trigger" if light is None
                   else f"noun carried by the light verb '{light.text}'")


def _unmet(pattern: Pattern, token: Token, light: Token | None) -> str | None:
    """The first condition of the pattern, other than its complement, the token does not meet."""
    if not _pos_ok(pattern, token, light):
        return "pos"
    if pattern.prep and not _has_prep(pattern, token, light):
        return "prep"
    if "needs_clause" in pattern.flags and not _clause_after(token, infinitive=False):
        return "clause"
    if "needs_infinitive" in pattern.flags and not _clause_after(token, infinitive=True):
        return "infinitive"
    if pattern.subject and not has_subject(token, pattern.subject):
        return "subject"
    return None


def _failure_reason(failure: str, pattern: Pattern, token: Token) -> str:
    return {
        "pos": f"part of speech {token.pos_} not in {sorted(pattern.pos)}",
        "prep": f"no preposition among {sorted(pattern.prep)}",
        "clause": "no clause ('to ...', 'that ...') follows the trigger",
        "infinitive": "no 'to ...' clause follows the trigger",
        "subject": f"no subject among {sorted(pattern.subject)}",
        "complement": "complement not found below the trigger",
    }[failure]


def _best_for_token(token: Token, patterns: PatternSet, trace: MatchResult | None,
                    words: tuple[str, ...], light: Token | None) -> Match | None:
    """The most specific firing pattern; nearer complements win among equally specific ones.
    `words` and `light` are the token's `trigger_words`."""
    best: Match | None = None
    seen: set[str] = set()
    below = reachable(token)
    for word in words:
        for pattern in patterns.candidates(word):  # most specific first
            if trace is None and best is not None and \
                    pattern.specificity < best.pattern.specificity:
                break  # no less specific pattern can win (`explain` still tries them all)
            if pattern.id in seen:
                continue
            seen.add(pattern.id)
            match, reason = _try(pattern, token, below, light, trace is not None)
            if trace is not None:
                trace.attempts.append(Attempt(token, pattern, match is not None, reason))
            if match is None:
                continue
            if best is None or _rank(match) < _rank(best):
                best = match
    return best


def _rank(match: Match) -> tuple[int, int, int]:
    return (-match.pattern.specificity, match.depth, match.pattern.order)


def _names_only(token: Token, lexicon: Lexicon) -> bool:
    """'calling the step a violation', 'called it an affront': a naming verb with a predicate
    noun names something; the act, if any, is the predicate's (which may fire itself)."""
    return token.lemma_.lower() in lexicon.naming_verbs and any(
        c.dep_ == "oprd" for c in token.children)


def trigger_keys(patterns: PatternSet, strings: StringStore) -> frozenset[int]:
    """The string hashes a token's lemma or lower-cased form must have to start a pattern: the
    trigger words, the event nouns a light verb makes fire their verb's patterns, the heads of
    hyphenated triggers ("air-strike" is read off "strike"), in lower, title and upper case."""
    words = set(patterns.by_lemma) | set(patterns.lexicon.nominalizations)
    words |= {w.rsplit("-", 1)[-1] for w in words if "-" in w}
    forms = {f for w in words for f in (w, w.capitalize(), w.upper())}
    return frozenset(strings[f] for f in forms)


def trigger_positions(doc: Doc, keys: frozenset[int]) -> list[int]:
    """Indices (ascending) of the tokens that may start a pattern, read from the parse's arrays
    without building a Token for every word (most words of a text start none)."""
    rows = doc.to_array([LEMMA, LOWER]).tolist()
    return [i for i, (lemma, lower) in enumerate(rows) if lemma in keys or lower in keys]


def match_sentence(sent: Span, patterns: PatternSet, skip: set[int],
                   trace: MatchResult | None = None, positions: list[int] | None = None
                   ) -> list[Match]:
    """All matches in a sentence, minus triggers that another match consumed as complement.

    `skip` holds token indices that cannot be triggers (inside actor names, say); `positions`,
    if given, the document's only ones that can (`trigger_positions`).
    """
    found: list[Match] = []
    if positions is None:
        tokens = list(sent)
    else:
        first, last = bisect_left(positions, sent.start), bisect_left(positions, sent.end)
        tokens = [sent.doc[i] for i in positions[first:last]]
    for token in tokens:
        if token.i in skip or token.dep_ == "compound" or token.is_stop and token.pos_ == "AUX":
            continue
        words, light = trigger_words(token, patterns.lexicon)
        if not any(patterns.candidates(w) for w in words):
            continue
        if _names_only(token, patterns.lexicon):
            continue
        match = _best_for_token(token, patterns, trace, words, light)
        if match is not None:
            found.append(match)
    consumed: set[int] = set()
    for m in found:
        node = m.complement
        while node is not None and node.i != m.trigger.i and node.head.i != node.i:
            consumed.add(node.i)  # the complement and the words leading to it
            node = node.head
    kept = [m for m in found if m.trigger.i not in consumed]
    if trace is not None:
        trace.matches.extend(kept)
    return kept
