"""Reading attributions off spaCy's dependency parse: cues, their content and their speaker.

A cue is a verb of saying (or believing, reporting, urging, ...) from the speech-verb lexicon, or
the phrase "according to". Its content is the clause it governs ("said that ..."), its infinitive
complement ("vowed to ..."), or its object ("called for ..."); its speaker is its grammatical
subject, looked for up the tree when the cue is a participle ("..., adding that ...") by
`quote_subjects`; the shared lexicon and offsets are in `quote_tokens`. Spans are
character offsets into the document text.

The classes follow PolNeAR's notion of attribution (a source's statement, belief, attitude or
intention), each a documented section of `speech_verbs.yaml`: verbs of saying and believing,
evaluation and attitude verbs with an object, verbs of intention with an infinitive, speech nouns
with a that-clause, predicative adjectives of belief or attitude ("critical of", "confident
that"). An accusation's or appeal's content is its clause, the object with its "of/for/with/to"
complement ("accused X of ...", "called on X to ..."), never the bare object; a passive evaluation
("was criticized by X for ...") has its subject as content and its agent as speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from communique.resources.lexicons import Lexicon
from communique.stages.nlp import doc_text
from communique.stages.quote_subjects import find_subject as find_subject
from communique.stages.quote_tokens import (
    CLAUSE_DEPS,
    NP_LEFT_DEPS,
    NP_RIGHT_DEPS,
    PASSIVE_DEPS,
    SUBJECT_DEPS,
    is_infinitive,
    subtree_span,
    token_end,
)
from communique.stages.quote_tokens import speech_lexicon as speech_lexicon
from communique.stages.quote_tokens import strip_span as strip_span

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Span, Token


@dataclass
class Attribution:
    """One attribution found in the parse: content, cue and speaker spans."""

    start: int
    end: int
    cue: tuple[int, int] | None
    speaker: tuple[int, int] | None
    speaker_token: Token | None = None
    kind: str = "indirect"
    origin: str = "clause"


def is_cue_verb(token: Token, lex: Lexicon) -> bool:
    if token.dep_ in ("amod", "compound", "nmod") or token.text.lower() == "so-called":
        return False
    if token.pos_ not in ("VERB", "AUX") and token.tag_ not in ("VBD", "VBZ", "VBP", "VBG", "VBN"):
        return False
    lemma = token.lemma_.lower()
    return (
        _as_put_it(token)
        or lemma in lex["clause_verbs"]
        or lemma in lex["object_verbs"]
        or lemma in lex["to_verbs"]
        or lemma in phrasal_lemmas(lex)
    )


def _as_put_it(token: Token) -> bool:
    """'as one analyst put it, "..."': the formula quotes whoever put it so."""
    return (
        token.lemma_.lower() == "put"
        and any(c.dep_ == "dobj" and c.lower_ == "it" for c in token.children)
        and any(c.lower_ == "as" for c in token.lefts)
    )


_PHRASAL: dict[int, tuple[Lexicon, frozenset[str]]] = {}


def phrasal_lemmas(lex: Lexicon) -> frozenset[str]:
    """The verbs of the phrasal cues ("call" of "call for"), computed once per lexicon."""
    cached = _PHRASAL.get(id(lex))
    if cached is None or cached[0] is not lex:
        cached = _PHRASAL[id(lex)] = (lex, frozenset(e.split()[0] for e in lex["phrasal_cues"]))
    return cached[1]


def noun_phrase(token: Token) -> tuple[int, int]:
    """The speaker's noun phrase around its head: modifiers, 'of'/'from' phrases, appositions;
    never across a line break (a headline the parser glued to the next sentence)."""
    start, end = _noun_phrase(token)
    text = doc_text(token.doc)
    start = max(start, text.rfind("\n", start, token.idx) + 1)
    cut = text.find("\n", token_end(token), end)
    return start, end if cut < 0 else cut


def _noun_phrase(token: Token) -> tuple[int, int]:
    start, end = token.idx, token_end(token)
    for child in token.lefts:
        if child.dep_ in NP_LEFT_DEPS:
            start = min(start, child.left_edge.idx)
    for child in token.rights:
        if child.dep_ in NP_RIGHT_DEPS:
            last = child.right_edge
            while last.i > child.i and last.dep_ == "punct":
                last = last.doc[last.i - 1]
            end = max(end, token_end(last))
    return start, end


def clause_content(verb: Token, lex: Lexicon) -> tuple[tuple[int, int], str] | None:
    """The content a cue verb governs: its clause, infinitive or object, and which one."""
    children = list(verb.children)
    for child in children:
        if child.dep_ in CLAUSE_DEPS:
            if _reported_before(verb, child, lex):
                return None
            return subtree_span(child), "clause"
    lemma = verb.lemma_.lower()
    hung = _clause_on_object(verb) if lemma in lex["clause_verbs"] else None
    if hung is not None:
        return subtree_span(hung), "clause"
    if verb.dep_ == "parataxis" and lemma in lex["clause_verbs"] and verb.head.i != verb.i:
        # "The harbour, the mayor said, will reopen": the clause around the cue
        return subtree_span(verb.head), "parenthetical"
    if lemma in lex["to_verbs"]:
        for child in children:
            if child.dep_ == "xcomp" and is_infinitive(child):
                return _with_addressee(verb, child, lex), "infinitive"
    passive = passive_content(verb, lex)
    if passive is not None:
        return passive, "passive"
    if lemma in lex["object_verbs"] or lemma in phrasal_lemmas(lex):
        found = object_content(verb, lex, lemma in lex["object_verbs"])
        if found is not None:
            return found
    if lemma in lex["clause_verbs"] and lemma not in lex["no_object_verbs"]:
        if any(c.dep_ == "dobj" and _cue_noun(c, lex) for c in children):
            return None  # "repeated her claim that ...": the noun is the cue
        return object_content(verb, lex, True)  # "she doubted the figures"
    return None


def _clause_on_object(verb: Token) -> Token | None:
    """'told a gathering of mayors that only farmers knew ...': a that-clause the parser
    hung on the addressee as a relative clause; 'that' as its mark (not its subject or object)
    and a subject of its own show it is the verb's complement."""
    for obj in verb.children:
        if obj.dep_ not in ("dobj", "dative") or obj.i < verb.i:
            continue
        for token in obj.subtree:
            if token.dep_ == "relcl" and token.i > obj.i and any(
                c.dep_ == "mark" and c.lower_ == "that" for c in token.lefts
            ) and any(c.dep_ in SUBJECT_DEPS | PASSIVE_DEPS for c in token.children):
                return token
    return None


def _reported_before(verb: Token, clause: Token, lex: Lexicon) -> bool:
    """'Researchers reported that A holds X; B holds Y': a clause before the verb that is itself
    a report with its own speaker and content, ended by a semicolon, is no content of the verb (a
    list the parser hung on its last item), unlike a parenthetical cue's clause ('"I think A
    will close," the mayor said')."""
    return (
        clause.i < verb.i
        and any(t.text == ";" for t in verb.doc[clause.right_edge.i : verb.i])
        and is_cue_verb(clause, lex)
        and any(c.dep_ in SUBJECT_DEPS for c in clause.children)
        and any(c.dep_ in CLAUSE_DEPS for c in clause.children)
    )


def _cue_noun(token: Token, lex: Lexicon) -> bool:
    lemma = token.lemma_.lower()
    return lemma in lex["cue_nouns"] or lemma in lex["source_nouns"]


def _with_addressee(verb: Token, complement: Token, lex: Lexicon) -> tuple[int, int]:
    """An appeal's content is its clause: 'urged residents to leave' → 'residents to leave';
    an addressee cut off from the clause by an adjunct ('... on Tuesday to ...') is left out."""
    c_start, c_end = subtree_span(complement)
    objects = [
        c for c in verb.children if c.dep_ in ("dobj", "dative") and c.i < complement.i
    ]
    particle = next((c for c in verb.rights if c.dep_ in ("prep", "prt")), None)
    if particle is not None and particle.i < complement.i and _phrasal(verb, particle, lex):
        objects += [g for g in particle.children if g.dep_ == "pobj"]  # "called on X to ..."
    if objects and _adjacent(objects[-1], complement):
        return objects[-1].left_edge.idx, c_end
    return c_start, c_end


def _adjacent(first: Token, second: Token) -> bool:
    """Nothing but punctuation between a phrase's right edge and the next phrase's left edge."""
    doc = first.doc
    between = doc[first.right_edge.i + 1 : second.left_edge.i]
    return all(t.is_punct for t in between)


#: prepositions introducing what an accusation, a charge or a verdict is about
COMPLEMENT_PREPS = ("of", "for", "with", "as", "over")


def object_content(
    verb: Token, lex: Lexicon, direct_object: bool = True
) -> tuple[tuple[int, int], str] | None:
    """The object of an object verb with its complement: 'criticized the plan', 'called for
    talks', 'accused Moscow of planning the attack', 'called on both sides to agree'."""
    parts: list[tuple[int, int]] = []
    last: Token | None = None
    for child in verb.rights:
        if direct_object and child.dep_ in ("dobj", "oprd", "xcomp", "dative"):
            parts.append(subtree_span(child))
            last = child
        elif child.dep_ in ("prep", "prt") and last is None and _phrasal(verb, child, lex):
            objs = [g for g in child.children if g.dep_ in ("pobj", "pcomp")]
            parts.extend(subtree_span(o) for o in objs)
            last = objs[-1] if objs else None
        elif last is not None and _complement(child):
            if not _adjacent(last, child):
                parts = []  # "called on X on Tuesday to agree": the clause alone
            parts.append(subtree_span(child))
            break
    if not parts:
        return None
    return (min(p[0] for p in parts), max(p[1] for p in parts)), "object"


def _complement(token: Token) -> bool:
    """What an accusation or appeal says after its object: 'of ...', 'for ...', 'to ...'."""
    if token.dep_ == "prep":
        return token.lower_ in COMPLEMENT_PREPS
    return token.dep_ in ("advcl", "xcomp", "ccomp") and is_infinitive(token)


def passive_content(verb: Token, lex: Lexicon) -> tuple[int, int] | None:
    """'The plan was criticized (by the union) for ...': the passive subject and what follows
    it are the content of an evaluative verb; the agent, if any, is the speaker."""
    lemma = verb.lemma_.lower()
    if lemma not in lex["object_verbs"]:
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if subject is None:
        return None
    end = token_end(verb)
    for child in verb.rights:
        if _complement(child) or child.dep_ in ("oprd", "xcomp"):
            end = max(end, subtree_span(child)[1])
    return subject.left_edge.idx, end


def passive_agent(verb: Token) -> Token | None:
    """The 'by' agent of a passive cue (also when the parser hung it one level lower)."""
    for token in verb.subtree:
        if token.lower_ == "by" and token.dep_ in ("agent", "prep") and token.i > verb.i:
            return next((c for c in token.children if c.dep_ == "pobj"), None)
    return None


def _phrasal(verb: Token, particle: Token, lex: Lexicon) -> bool:
    return f"{verb.lemma_.lower()} {particle.lower_}" in lex["phrasal_cues"]


def according_to(sent: Span, text: str) -> list[Attribution]:
    """'according to X': X is the speaker, the rest of the sentence the content."""
    found: list[Attribution] = []
    for token in sent:
        if token.lower_ != "according":
            continue
        nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
        if nxt is None or nxt.lower_ != "to":
            continue
        objs = [c for c in nxt.children if c.dep_ == "pobj"]
        phrase_end = token_end(objs[0].right_edge) if objs else token_end(nxt)
        speaker = noun_phrase(objs[0]) if objs else None
        before = strip_span(text, sent.start_char, token.idx)
        after = strip_span(text, phrase_end, sent.end_char)
        content = after if after[1] - after[0] > before[1] - before[0] else before
        if content[1] - content[0] < 3:
            continue
        found.append(
            Attribution(
                content[0], content[1], (token.idx, token_end(nxt)), speaker,
                objs[0] if objs else None, origin="according",
            )
        )
    return found


def cue_span(verb: Token, lex: Lexicon) -> tuple[int, int]:
    """The verb with its particle ('called for', 'pointed out')."""
    end = token_end(verb)
    for child in verb.rights:
        if child.i == verb.i + 1 and (
            child.dep_ == "prt" or (child.dep_ == "prep" and _phrasal(verb, child, lex))
        ):
            end = token_end(child)
    return verb.idx, end


def verb_attributions(sent: Span, text: str, lex: Lexicon) -> list[Attribution]:
    """Attributions with a content the parse gives (clause, infinitive, object) in a sentence."""
    found: list[Attribution] = []
    for token in sent:
        if not is_cue_verb(token, lex):
            continue
        content = clause_content(token, lex)
        if content is None:
            continue
        (start, end), origin = content
        start, end = strip_span(text, start, end)
        if end - start < 2:
            continue
        subject, _passive = find_subject(token)
        if origin == "passive":
            subject = passive_agent(token)
        speaker = noun_phrase(subject) if subject is not None else None
        found.append(
            Attribution(start, end, cue_span(token, lex), speaker, subject, origin=origin)
        )
    return found


_COLON_LINE = re.compile(r"^[^\S\n]*[\"“”]?([^:\n\"“”]{2,40}?):[^\S\n]+(\S[^\n]*)$", re.M)


def colon_attributions(sdoc: SpacyDoc, text: str, lex: Lexicon) -> list[Attribution]:
    """'Senator Roe: Farmers Deserve Better' and transcripts ('ROE: Well, ...'): a line opening
    with a short name and a colon attributes the rest of the line to that name."""
    found: list[Attribution] = []
    for match in _COLON_LINE.finditer(text):
        label, content = match.group(1).strip(), match.group(2)
        if words_in(label) > 5 or words_in(content) < 3 or not label[:1].isupper():
            continue
        if label.lower() in lex["colon_labels"] or any(c.isdigit() for c in label):
            continue
        span = sdoc.char_span(match.start(1), match.end(1), alignment_mode="contract")
        if span is None or not any(t.pos_ in ("PROPN", "NOUN") for t in span):
            continue
        if _is_clause(span, lex):
            continue  # "The mayor said: ..." is the parse's attribution, not a name label
        start, end = strip_span(text, match.start(2), match.end(2))
        colon = match.end(1)
        cue, speaker = (colon, colon + 1), span
        if len(span) > 1 and inverted_verb(span[0].text, lex):  # 'Said Roe: ...'
            cue, speaker = (span[0].idx, token_end(span[0])), span[1:]
        found.append(
            Attribution(
                start, end, cue, (speaker.start_char, speaker.end_char), speaker.root,
                origin="colon",
            )
        )
    return found


def _is_clause(label: Span, lex: Lexicon) -> bool:
    """A colon label with a verb in it is a clause, unless the verb is an inverted cue
    opening the label ('Said Roe')."""
    verbs = [t for t in label if t.pos_ in ("VERB", "AUX")]
    return bool(verbs) and not (
        len(verbs) == 1 and verbs[0].i == label.start and inverted_verb(verbs[0].text, lex))


_IRREGULAR_PAST = {"said": "say", "says": "say", "wrote": "write", "told": "tell"}


def inverted_verb(word: str, lex: Lexicon) -> bool:
    """A label opening with a past or present speech verb ('Said', 'Added', 'Writes') is an
    inverted cue, not part of the name."""
    low = word.lower()
    stems = {_IRREGULAR_PAST.get(low, low), low[:-1], low[:-2]}
    return any(stem in lex["clause_verbs"] for stem in stems if stem)


def words_in(text: str) -> int:
    return len(text.split())


def noun_attributions(sent: Span, text: str, lex: Lexicon) -> list[Attribution]:
    """'a Times report that ...', 'Roe's claim that ...': a speech noun with a that-clause; the
    possessor or the name before the noun is the speaker."""
    found: list[Attribution] = []
    for token in sent:
        if token.pos_ != "NOUN" or token.lemma_.lower() not in lex["cue_nouns"]:
            continue
        clause = next(
            (
                c for c in token.rights
                if c.dep_ in ("acl", "ccomp", "relcl")
                and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.lefts)
            ),
            None,
        )
        if clause is None:
            continue
        start, end = strip_span(text, *subtree_span(clause))
        owner = next((c for c in token.lefts if c.dep_ in ("poss", "compound")), None)
        speaker = noun_phrase(owner) if owner is not None else None
        if owner is not None and owner.dep_ == "compound":
            speaker = (token.left_edge.idx, owner.idx + len(owner.text))
        found.append(
            Attribution(start, end, (token.idx, token_end(token)), speaker, owner, origin="noun")
        )
    return found


#: prepositions whose object is what an attitude adjective is about
ADJECTIVE_PREPS = {"of", "about", "over", "with", "to", "at", "on"}


def adjective_attributions(sent: Span, text: str, lex: Lexicon) -> list[Attribution]:
    """'The senator is critical of the deal', 'officials were confident that ...': a predicative
    adjective of belief or attitude; its complement is the content, the copula's subject the
    source."""
    found: list[Attribution] = []
    for token in sent:
        if token.dep_ != "acomp" or token.lemma_.lower() not in lex["cue_adjectives"]:
            continue
        content = _adjective_content(token)
        if content is None:
            continue
        start, end = strip_span(text, *content)
        if end - start < 2:
            continue
        subject, _passive = find_subject(token.head)
        speaker = noun_phrase(subject) if subject is not None else None
        found.append(
            Attribution(start, end, (token.idx, token_end(token)), speaker, subject,
                        origin="adjective")
        )
    return found


def _adjective_content(adjective: Token) -> tuple[int, int] | None:
    for child in adjective.rights:
        if child.dep_ in ("ccomp", "xcomp"):
            return subtree_span(child)
        if child.dep_ == "prep" and child.lower_ in ADJECTIVE_PREPS:
            objs = [g for g in child.children if g.dep_ in ("pobj", "pcomp")]
            if objs:
                return subtree_span(objs[0])
    copula = adjective.head  # "were confident that ...": the clause hangs on the copula
    for child in copula.rights:
        if child.i > adjective.i and child.dep_ == "ccomp":
            return subtree_span(child)
    return None
