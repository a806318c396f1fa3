"""The quotes stage: who said what, as direct, indirect and mixed quotations.

Two sources of evidence meet here. The quotation marks (`quote_marks`) give direct quotations,
robust to straight/curly marks, multi-paragraph quotations and unbalanced marks. The dependency
parse (`quote_syntax`) gives attributions by speech verbs ("said that", "warned", "told
reporters", "according to", "called for") with their content and subject. `quote_direct` joins
the two: a quotation inside a parsed content makes it direct or mixed, a quotation with a cue next
to it becomes a direct quote of that cue's subject. Speakers are then resolved to actors with
`doc.actor_at`; a pronoun no actor covers takes the previous named speaker (a light coreference
that keeps "He claimed that ..." with the person quoted just before).

Quote ids are "q1", "q2", ... in text order.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, ClassVar

from communique.document import Document
from communique.models import Quote, Speaker, TextSpan
from communique.resources.lexicons import Lexicon
from communique.stages.quote_direct import (
    SHORT_WORDS,
    attach_cue,
    attach_uncued,
    continues,
    join_parsed,
    overlap,
    paragraph_bounds,
    words,
)
from communique.stages.quote_marks import DOUBLE_MARKS, QuotedSpan, find_quoted_spans
from communique.stages.quote_syntax import (
    Attribution,
    according_to,
    adjective_attributions,
    colon_attributions,
    noun_attributions,
    noun_phrase,
    speech_lexicon,
    strip_span,
    verb_attributions,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Token

log = logging.getLogger(__name__)

#: at most this many words between an uncued quotation and the cued one it is the first part of
FORWARD_WORDS = 12
#: how a cue after a quotation attaches to it (quote_direct.attach_cue)
AFTER_ORIGINS = ("quote-after", "quote-dash")


class QuotesStage:
    name: ClassVar[str] = "quotes"
    requires: ClassVar[frozenset[str]] = frozenset({"spacy", "actors"})
    assigns: ClassVar[frozenset[str]] = frozenset({"quotes"})
    languages: ClassVar[frozenset[str] | None] = frozenset({"en"})

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lexicon = lexicon or speech_lexicon()

    def __call__(self, doc: Document) -> Document:
        if doc.spacy is None:
            doc.warn("quotes: no parse available; quotations not extracted.")
            return doc
        try:
            attributions = find_attributions(doc, self.lexicon)
            doc.quotes = build_quotes(doc, attributions, self.lexicon)
        except Exception as exc:  # best effort: a parse we did not foresee costs the quotes only
            log.exception("quotes stage failed on document %s", doc.id)
            doc.quotes = []
            doc.warn(f"quotes: extraction failed ({type(exc).__name__}); no quotations given.")
        return doc


def find_attributions(doc: Document, lex: Lexicon) -> list[Attribution]:
    """All attributions of a document, parsed and quoted, in text order, without duplicates."""
    text, sdoc = doc.text, doc.spacy
    assert sdoc is not None
    spans, unbalanced = find_quoted_spans(text)
    if unbalanced:
        doc.warn(
            f"quotes: {unbalanced} unbalanced quotation mark(s); an unclosed quotation was "
            "ended at the end of its paragraph."
        )
    doubles = [s for s in spans if s.double]
    parsed: list[Attribution] = []
    for sent in sdoc.sents:
        parsed.extend(verb_attributions(sent, text, lex))
        parsed.extend(according_to(sent, text))
        parsed.extend(noun_attributions(sent, text, lex))
        parsed.extend(adjective_attributions(sent, text, lex))
    parsed.extend(colon_attributions(sdoc, text, lex))
    turns = transcript_turns(parsed, text)
    parsed = [a for a in parsed if a in turns or not _cue_quoted(a, doubles)]
    parsed = [a for a in parsed if a in turns or not _label_over_clause(a, parsed)]
    spans = [q for q in spans if not any(q.start <= t.cue[0] < q.end for t in turns if t.cue)]
    direct = _join_quotes(spans, text, sdoc, lex, parsed)
    found = _outermost(_deduplicate(parsed + direct))
    for attribution in found:
        _speaker_outside_quotes(attribution, doubles, sdoc)
    return found


def _label_over_clause(attribution: Attribution, parsed: list[Attribution]) -> bool:
    """'Housing costs: tenant groups say rents ...': a line label whose content opens with
    a speaker and their cue is a topic, not a speaker; the clause's own attribution stands."""
    if attribution.origin != "colon":
        return False
    start, end = attribution.start, attribution.end
    return any(
        other.origin == "clause" and other.cue is not None and other.speaker is not None
        and start <= other.speaker[0] and other.cue[1] <= end
        and other.speaker[0] - start <= 3  # the clause's speaker opens the content
        for other in parsed
    )


def _inside(offset: int, doubles: list[QuotedSpan]) -> bool:
    return any(q.start < offset < q.end for q in doubles)


def _speaker_outside_quotes(
    attribution: Attribution, doubles: list[QuotedSpan], sdoc: SpacyDoc
) -> None:
    """A cue outside the quotation cannot have its speaker inside it: the parser sometimes makes
    the quotation's first noun the subject ('"My answer, that was wrong," the mayor said'). Take
    the cue verb's other subject outside the quotation, or the name after an inverted cue ('...,"
    said Jane Roe'); failing both, the speaker is left unknown rather than wrong."""
    if attribution.speaker is None or attribution.cue is None:
        return
    if not _inside(attribution.speaker[0], doubles) or _inside(attribution.cue[0], doubles):
        return
    cue = sdoc.char_span(*attribution.cue, alignment_mode="expand")
    verb = cue[0] if cue is not None and len(cue) else None
    replacement = None
    if verb is not None:
        replacement = next(
            (
                c for c in verb.children
                if c.dep_ in ("nsubj", "nsubjpass") and not _inside(c.idx, doubles)
            ),
            None,
        ) or _name_after(verb, doubles)
    if replacement is None:
        attribution.speaker, attribution.speaker_token = None, None
        return
    attribution.speaker, attribution.speaker_token = noun_phrase(replacement), replacement


def _name_after(verb: Token, doubles: list[QuotedSpan]) -> Token | None:
    """'..., said Jane Roe, a teacher': the first noun after the cue, up to its phrase's head."""
    for token in verb.doc[verb.i + 1 : verb.i + 6]:
        if token.is_punct or _inside(token.idx, doubles):
            return None
        if token.pos_ in ("PROPN", "NOUN", "PRON"):
            while token.dep_ in ("compound", "flat") and token.head.i > token.i:
                token = token.head
            return token
    return None


def transcript_turns(parsed: list[Attribution], text: str) -> list[Attribution]:
    """Turns of a transcript ('"ROE: Well, ..."'): a paragraph opening, after an optional quote
    mark, with a name in capitals and a colon. Each turn is its speaker's direct quotation; the
    quotation marks around a run of turns no longer make one quotation of them all."""
    turns = []
    for attribution in parsed:
        if attribution.origin != "colon" or attribution.speaker is None:
            continue
        label = text[attribution.speaker[0] : attribution.speaker[1]]
        line_start = text.rfind("\n", 0, attribution.speaker[0]) + 1
        if text[line_start : attribution.speaker[0]].strip() not in ("", '"', "“"):
            continue
        if sum(c.isalpha() for c in label) >= 2 and label.upper() == label:
            attribution.kind = "direct"
            turns.append(attribution)
    return turns


def _outermost(attributions: list[Attribution]) -> list[Attribution]:
    """Attributions whose cue lies inside another's content are left out: "She said he plans
    to resign" is her statement; what he plans is part of what she said, not a second quote."""
    return [
        a
        for a in attributions
        if a.cue is None
        or not any(b is not a and b.start <= a.cue[0] < b.end for b in attributions)
    ]


def _cue_quoted(attribution: Attribution, doubles: list[QuotedSpan]) -> bool:
    """A cue inside a quotation belongs to the quoted speech itself, not to the article."""
    if attribution.cue is None:
        return False
    return any(q.start < attribution.cue[0] < q.end for q in doubles)


def _join_quotes(
    spans: list[QuotedSpan], text: str, sdoc: object, lex: Lexicon, parsed: list[Attribution]
) -> list[Attribution]:
    """Direct quotations: joined to parsed attributions, to a cue next to them, or uncued."""
    direct: list[Attribution] = []
    previous: Attribution | None = None
    for quote in spans:
        if previous is not None and quote.end <= previous.end:
            continue
        if join_parsed(quote, text, parsed, spans):
            previous = _last_before(parsed + direct, quote.end) or previous
            continue
        if not quote.double:
            continue
        found = attach_cue(quote, sdoc, text, lex)  # type: ignore[arg-type]
        last = _last_before(parsed + direct, quote.start)
        if found is not None and last is not None and continues(last, found, text):
            last.end = quote.end  # '"A," he said, "B."': one quotation in two parts
            previous = last
            continue
        if found is None:
            found = _cued_after(quote, spans, sdoc, text, lex, parsed)
        if found is None:
            found = attach_uncued(quote, text, _last_before(parsed + direct, quote.start))
            if found is not None and found in parsed + direct:
                previous = found
                continue
        if found is not None:
            direct.append(found)
            previous = found
    return direct


def _cued_after(
    quote: QuotedSpan,
    spans: list[QuotedSpan],
    sdoc: object,
    text: str,
    lex: Lexicon,
    parsed: list[Attribution],
) -> Attribution | None:
    """'"A." Then: "B," Roe said.': an uncued quotation followed closely, in its paragraph, by a
    cued one is the first part of that quotation (the cue after the second part serves both)."""
    later = [q for q in spans if q.double and q.start >= quote.end]
    inner = text[quote.inner(text)[0] : quote.inner(text)[1]]
    if not later or words(inner) < SHORT_WORDS:  # a scare-quoted word is no first part
        return None
    nxt = later[0]
    if paragraph_bounds(text, nxt.start)[0] != paragraph_bounds(text, quote.start)[0]:
        return None
    if words(text[quote.end : nxt.start]) > FORWARD_WORDS:
        return None
    found = attach_cue(nxt, sdoc, text, lex)  # type: ignore[arg-type]
    if found is None:  # '"B," the senator said.' parsed as the cue's clause
        return _parsed_after(quote, nxt, text, parsed)
    if found.speaker is None:
        return None
    # a cue between the parts serves both after a comma ('"A," Roe said, "B."'); after a full
    # stop it may be another speaker's answer ('"A." To which she said, "B."')
    if found.origin not in AFTER_ORIGINS and not inner.rstrip().endswith(","):
        return None
    found.start = quote.start
    return found


def _parsed_after(
    quote: QuotedSpan, nxt: QuotedSpan, text: str, parsed: list[Attribution]
) -> Attribution | None:
    """The speaker of a parsed attribution whose content is the next quotation and whose cue
    follows it in the same sentence; the first part keeps its own span."""
    _, p_end = paragraph_bounds(text, nxt.start)
    for attribution in parsed:
        cue = attribution.cue
        if attribution.speaker is None or cue is None or not nxt.start <= attribution.start:
            continue
        if attribution.end <= nxt.end and nxt.end <= cue[0] < p_end and (
            words(text[nxt.end : cue[0]]) <= 4
        ):
            return Attribution(
                quote.start, quote.end, None, attribution.speaker, attribution.speaker_token,
                "direct", "quote-forward",
            )
    return None


def _last_before(attributions: list[Attribution], offset: int) -> Attribution | None:
    """The attribution ending last before an offset (the previous quotation of the text)."""
    before = [a for a in attributions if a.end <= offset + 1]
    return max(before, key=lambda a: (a.end, a.start)) if before else None


def _deduplicate(attributions: list[Attribution]) -> list[Attribution]:
    """One attribution per content: a direct one wins over a parsed one of the same span."""
    ranked = sorted(
        attributions, key=lambda a: (a.kind != "direct", a.cue is None, -(a.end - a.start))
    )
    kept: list[Attribution] = []
    for candidate in ranked:
        span = (candidate.start, candidate.end)
        clash = next(
            (
                k
                for k in kept
                if overlap(span, (k.start, k.end)) >= 0.9 * min(span[1] - span[0], k.end - k.start)
                and (k.cue == candidate.cue or k.kind == "direct" or candidate.kind == "direct")
            ),
            None,
        )
        if clash is None:
            kept.append(candidate)
    return sorted(kept, key=lambda a: (a.start, a.end))


def build_quotes(doc: Document, attributions: list[Attribution], lex: Lexicon) -> list[Quote]:
    """Quote records in text order, speakers resolved to actors."""
    quotes: list[Quote] = []
    history: list[tuple[Speaker, bool]] = []  # named speakers so far, and whether persons
    for index, attribution in enumerate(attributions, start=1):
        start, end = _content_span(doc.text, attribution)
        speaker, person = resolve_speaker(doc, attribution, lex, history)
        if speaker is not None and person is not None:
            history.append((speaker, person))
        cue = None
        if attribution.cue is not None:
            c_start, c_end = attribution.cue
            cue = TextSpan(start=c_start, end=c_end, text=doc.text[c_start:c_end])
        quotes.append(
            Quote(
                id=f"q{index}",
                kind=attribution.kind,  # type: ignore[arg-type]
                start=start,
                end=end,
                text=doc.text[start:end],
                speaker=speaker,
                cue=cue,
            )
        )
    return quotes


#: what frames a direct quotation's words: its marks, the spaces inside them, and the comma that
#: hands over to the attribution ("“We will stay,” she said")
_DIRECT_FRAME = DOUBLE_MARKS + "‘’`" + " \t\n"


def _content_span(text: str, attribution: Attribution) -> tuple[int, int]:
    """The words quoted, without what frames them (CONTRACT: the quoted content span)."""
    if attribution.kind != "direct":
        return strip_span(text, attribution.start, attribution.end)
    start, end = attribution.start, attribution.end
    # a straight single mark frames only a quotation it opened ('...'); else it is an apostrophe
    frame = _DIRECT_FRAME + ("'" if text[start:start + 1] == "'" else "")
    start += 2 if text[start:start + 2] in ("``", "''") else 0
    end -= 2 if text[end - 2:end] == "''" else 0
    while start < end and text[start] in frame:
        start += 1
    while end > start and text[end - 1] in frame + ",;:":
        end -= 1
    return start, end


PERSONAL = {
    "he": True, "she": True, "him": True, "her": True, "his": True, "it": False, "its": False,
}
RELATIVE = ("who", "which", "that")


def _antecedent(pronoun: str, history: list[tuple[Speaker, bool]]) -> Speaker | None:
    """The last named speaker a pronoun can stand for: a person for he/she, else anyone."""
    wants_person = PERSONAL.get(pronoun.lower())
    for speaker, person in reversed(history):
        if wants_person is None or person == wants_person:
            return speaker
    return None


def _is_person(head: Token | None, actor_kind: str | None) -> bool:
    if actor_kind is not None:
        return actor_kind == "person"
    if head is None:
        return False
    return head.ent_type_ == "PERSON" or (head.pos_ == "PROPN" and not head.ent_type_)


def _author(head: Token | None, lex: Lexicon) -> Token | None:
    """Who stands behind the speaker mention: the ministry of 'a statement from the ministry'
    or of 'the ministry issued a statement saying', the official of 'an official who said'."""
    if head is None:
        return None
    if head.lower_ in RELATIVE and head.head.dep_ == "relcl":
        return head.head.head
    if head.lemma_.lower() in lex["source_nouns"]:
        if head.dep_ == "dobj":  # "the council issued a statement calling ...": the council
            issuer = next((c for c in head.head.children if c.dep_ == "nsubj"), None)
            if issuer is not None:
                return issuer
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in ("from", "by", "of"):
                return next((g for g in prep.children if g.dep_ == "pobj"), None)
    return None


def resolve_speaker(
    doc: Document, attribution: Attribution, lex: Lexicon, history: list[tuple[Speaker, bool]]
) -> tuple[Speaker | None, bool | None]:
    """Speaker mention → actor; utterance nouns and relative pronouns → who stands behind them;
    pronouns no actor covers → the last fitting named speaker. Returns the speaker and, for a
    named one, whether it is a person (None for pronouns, which never become antecedents)."""
    if attribution.speaker is None:
        return None, None
    head = attribution.speaker_token
    author = _author(head, lex)
    start, end = attribution.speaker
    if author is not None and head is not None and head.lower_ not in RELATIVE:
        start, end = noun_phrase(author)  # the ministry, not the statement
    start, end = strip_span(doc.text, start, end)
    if end <= start:
        return None, None
    mention = doc.text[start:end]
    named = author if author is not None else head
    n_start, n_end = noun_phrase(named) if named is not None else (start, end)
    actor = None
    if named is not None:  # the head first: "Jane Roe, a professor at X University" is Roe
        actor = doc.actor_at(named.idx, named.idx + len(named.text))
    actor = actor or doc.actor_at(start, end) or doc.actor_at(n_start, n_end)
    if actor is not None:
        speaker = Speaker(actor=actor.id, name=actor.name, start=start, end=end)
        return speaker, None if _is_pronoun(mention, lex) else actor.kind == "person"
    if _is_pronoun(mention, lex) and named is head:
        antecedent = _antecedent(mention, history)
        if antecedent is not None:
            name = antecedent.name
            return Speaker(actor=antecedent.actor, name=name, start=start, end=end), None
        return Speaker(actor=None, name=mention, start=start, end=end), None
    name = _name(named, strip_text(doc.text, n_start, n_end), start)
    return Speaker(actor=None, name=name, start=start, end=end), _is_person(named, None)


def strip_text(text: str, start: int, end: int) -> str:
    s, e = strip_span(text, start, end)
    return text[s:e]


def _is_pronoun(text: str, lex: Lexicon) -> bool:
    return text.strip().lower() in lex["pronouns"]


def _name(head: Token | None, mention: str, floor: int = 0) -> str:
    """A proper name's own tokens ("Dmitry Peskov" of "Kremlin spokesperson Dmitry Peskov"),
    never reaching before the speaker mention (the 'Said' of 'Said Roe:')."""
    if head is None or head.pos_ != "PROPN" or head.ent_type_ not in ("PERSON", ""):
        return mention
    first = head.i
    while first > 0 and head.doc[first - 1].idx >= floor and (
        head.doc[first - 1].pos_ == "PROPN" and head.doc[first - 1].dep_ in ("compound", "flat")
    ):
        first -= 1
    return head.doc[first : head.i + 1].text or mention
