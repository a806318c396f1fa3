"""Direct quotations: joining the quoted spans to the attributions of the parse, or to a cue nearby.

Rules, in order, for each quoted span:

1. Inside a parsed attribution's content (the clause of "said that ...", the object of "called")
   → that attribution becomes *direct* when the quotation covers its content, *mixed* when the
   quotation is only part of it ("She said the plan was "a disaster" for farmers").
2. Next to a cue: after it ("..., Peskov said." / "..., said the minister.") when the quotation
   ends with a comma, question or exclamation mark, or before it ("X stated, "..."",
   "X posted on his platform: "..."", "X said "..."").
3. No cue: a quotation that follows a direct quotation of the same paragraph ("A," he said. "B.")
   continues it; one that opens a paragraph, or a long one (eight words or more), is given to the
   last speaker of the two paragraphs before, or to nobody.
4. Otherwise a short quoted phrase without cue (fewer than four words, e.g. a scare-quoted word or
   a title in quotes) is **not** a quotation. Single-quoted spans only ever make an attribution
   *mixed*: they are too often titles and nicknames to stand alone.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from communique.resources.lexicons import Lexicon
from communique.stages.quote_marks import QuotedSpan
from communique.stages.quote_syntax import (
    Attribution,
    cue_span,
    find_subject,
    inverted_verb,
    is_cue_verb,
    noun_phrase,
    token_end,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Token

SHORT_WORDS = 4  # fewer words than this, with no cue: a scare quote or a title
LONG_WORDS = 8  # at least this many words: a quotation even without a cue
AFTER_WINDOW = 8  # tokens after a quotation searched for "he said"


def words(text: str) -> int:
    return len(text.split())


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def paragraph_bounds(text: str, offset: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return start, len(text) if end < 0 else end


def join_parsed(
    quote: QuotedSpan, text: str, found: list[Attribution], quotes: list[QuotedSpan]
) -> bool:
    """Rule 1: make the attribution whose content holds the quotation direct or mixed."""
    inner = quote.inner(text)
    best: Attribution | None = None
    for attribution in found:
        shared = overlap(inner, (attribution.start, attribution.end))
        if shared and (best is None or shared > overlap(inner, (best.start, best.end))):
            best = attribution
    if best is None:
        return False
    if not quote.double:
        best.kind = "mixed" if best.kind == "indirect" else best.kind
    elif _residual_words(text, best, quote, quotes) == 0:
        best.start, best.end = min(best.start, quote.start), max(best.end, quote.end)
        best.kind = "direct"
    elif best.kind == "indirect":
        best.kind = "mixed"
        if 0 < quote.end - best.end <= 2:  # take the closing mark left out by the parse
            best.end = quote.end
    return True


def _residual_words(
    text: str, attribution: Attribution, quote: QuotedSpan, quotes: list[QuotedSpan]
) -> int:
    """Words of an attribution's content outside every quotation, its cue and its speaker
    (a leading 'that' aside): none means the content is all quoted, a direct quotation."""
    start, end = min(attribution.start, quote.start), max(attribution.end, quote.end)
    keep = [True] * (end - start)
    covered = [(q.start, q.end) for q in quotes if q.double] + [
        span for span in (attribution.cue, attribution.speaker) if span is not None
    ]
    for c_start, c_end in covered:
        for i in range(max(c_start, start), min(c_end, end)):
            keep[i - start] = False
    outside = "".join(ch if k else " " for ch, k in zip(text[start:end], keep, strict=True))
    kept = [w for w in outside.split() if any(c.isalnum() for c in w)]
    if kept and kept[0].lower() == "that":
        kept = kept[1:]
    return len(kept)


def _attribution(
    quote: QuotedSpan, verb: Token, lex: Lexicon, origin: str
) -> Attribution:
    subject, _passive = find_subject(verb)
    speaker = noun_phrase(subject) if subject is not None else None
    return Attribution(
        quote.start, quote.end, cue_span(verb, lex), speaker, subject, "direct", origin
    )


def cue_after(quote: QuotedSpan, sdoc: SpacyDoc, text: str, lex: Lexicon) -> Token | None:
    """'"...," Peskov said.': a cue verb in the few tokens after the closing mark."""
    _, p_end = paragraph_bounds(text, quote.start)
    inner = text[quote.inner(text)[0] : quote.inner(text)[1]]
    after = text[quote.end : quote.end + 3].lstrip()
    if not (inner[-1:] in ",?!—–-…" or after.startswith(",")):
        return None
    span = sdoc.char_span(quote.end, min(p_end, quote.end + 120), alignment_mode="expand")
    if span is None:
        return None
    for token in list(span)[:AFTER_WINDOW]:
        if token.text in ('"', "“", "”", ".", "!", "?", ";"):
            return None
        if is_cue_verb(token, lex) and not any(c.dep_ == "ccomp" for c in token.children):
            return token
    return None


def cue_before(quote: QuotedSpan, sdoc: SpacyDoc, text: str, lex: Lexicon) -> Token | None:
    """'X stated, "..."' or 'X said: "..."': the last cue verb of the clause before the quote."""
    p_start, _ = paragraph_bounds(text, quote.start)
    span = sdoc.char_span(p_start, quote.start, alignment_mode="contract")
    if span is None or not len(span):
        return None
    for token in reversed(span):
        if token.text in (".", "!", "?", ";", '"', "”", "“") and token.i < span.end - 1:
            return None
        if is_cue_verb(token, lex):
            gap = text[token_end(token) : quote.start].strip()
            if not gap or gap[-1] in ":,—–" or words(gap) <= 1:
                return token
            return None
    return None


_DASH_NAME = re.compile(r"[^\S\n]*([―—–]|--)[^\S\n]*([^\n,;(―—–]{2,80})")


def dash_attribution(quote: QuotedSpan, sdoc: SpacyDoc, text: str) -> Attribution | None:
    """'"..." ― Jane Roe, teacher': a dash and a short name after the quotation (vox pops,
    epigraphs) attribute it without a verb."""
    found = _DASH_NAME.match(text, quote.end)
    if found is None or words(found.group(2)) > 6:
        return None
    name = sdoc.char_span(found.start(2), found.end(2), alignment_mode="contract")
    if name is None or not len(name) or not any(t.pos_ == "PROPN" for t in name):
        return None
    start, end = name.start_char, name.end_char
    return Attribution(
        quote.start, quote.end, (found.start(1), found.end(1)), (start, end), name.root,
        "direct", "quote-dash",
    )


def attach_cue(
    quote: QuotedSpan, sdoc: SpacyDoc, text: str, lex: Lexicon
) -> Attribution | None:
    """Rule 2: a cue next to the quotation, after it first when the punctuation says so."""
    dashed = dash_attribution(quote, sdoc, text)
    if dashed is not None:
        return dashed
    verb = cue_after(quote, sdoc, text, lex)
    if verb is not None:
        return _attribution(quote, verb, lex, "quote-after")
    inverted = inverted_before(quote, sdoc, text, lex)
    if inverted is not None:
        return inverted
    verb = cue_before(quote, sdoc, text, lex)
    if verb is not None:
        return _attribution(quote, verb, lex, "quote-before")
    return None


_INVERTED = re.compile(
    r"(?:^|(?<=[.!?”\"])[^\S\n]+)([A-Z][a-z]+)[^\S\n]+([A-Z][^:.!?\n\"“”]{0,60}):\s*$"
)


def inverted_before(
    quote: QuotedSpan, sdoc: SpacyDoc, text: str, lex: Lexicon
) -> Attribution | None:
    """'Said Roe: "..."' (or 'Added the minister:'): an inverted cue opening the sentence before
    the quotation; the parser reads 'Said' as part of a name, so the words are read instead."""
    p_start, _ = paragraph_bounds(text, quote.start)
    found = _INVERTED.search(text[p_start : quote.start])
    if found is None or not inverted_verb(found.group(1), lex):
        return None
    v_start, s_start, s_end = (p_start + i for i in (found.start(1), *found.span(2)))
    name = sdoc.char_span(s_start, s_end, alignment_mode="contract")
    if name is None or not len(name):
        return None
    return Attribution(
        quote.start, quote.end, (v_start, v_start + len(found.group(1))),
        (name.start_char, name.end_char), name.root, "direct", "quote-inverted",
    )


def continues(previous: Attribution, found: Attribution, text: str) -> bool:
    """A quotation cued by the very cue of the direct quotation just before it, in the same
    paragraph ('"A," he said, "B."'), is the second part of that quotation."""
    if previous.kind != "direct" or previous.cue is None or previous.cue != found.cue:
        return False
    same_paragraph = paragraph_bounds(text, previous.end)[0] == paragraph_bounds(
        text, found.start
    )[0]
    return same_paragraph and words(text[previous.end : found.start]) <= 12


def _headline(text: str, attribution: Attribution) -> bool:
    """An attribution on the first line of the text (the headline) or on a line without a full
    stop (a byline, a caption) lends no speaker to the quotations after it."""
    line_start, line_end = paragraph_bounds(text, attribution.start)
    line = text[line_start:line_end].rstrip()
    return line_start == 0 or not line.endswith((".", "”", '"', "?", "!", ":"))


def attach_uncued(
    quote: QuotedSpan, text: str, previous: Attribution | None
) -> Attribution | None:
    """Rules 3 and 4 for a double-quoted span with no cue."""
    inner = text[quote.inner(text)[0] : quote.inner(text)[1]]
    p_start, _ = paragraph_bounds(text, quote.start)
    opens_paragraph = not text[p_start : quote.start].strip()
    if previous is not None and previous.kind == "direct":
        same_paragraph = paragraph_bounds(text, previous.end)[0] == p_start
        between = text[previous.end : quote.start]
        if same_paragraph and words(between) <= 40 and not any(c in between for c in '"“”'):
            previous.end = quote.end
            return previous
    if words(inner) < SHORT_WORDS and not opens_paragraph:
        return None
    if not opens_paragraph and words(inner) < LONG_WORDS:
        return None
    inherited = None
    if previous is not None and text.count("\n", previous.end, quote.start) <= 4 \
            and not _headline(text, previous):
        inherited = previous
    return Attribution(
        quote.start,
        quote.end,
        None,
        inherited.speaker if inherited else None,
        inherited.speaker_token if inherited else None,
        "direct",
        "quote-uncued",
    )
