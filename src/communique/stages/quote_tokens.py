"""Shared ground of the quotes stage's parse readers: the speech-verb lexicon, dependency
labels, and offsets of tokens and subtrees in the document text."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from communique.resources.lexicons import Lexicon, load_lexicon

if TYPE_CHECKING:
    from spacy.tokens import Token

SECTIONS = (
    "clause_verbs",
    "object_verbs",
    "to_verbs",
    "phrasal_cues",
    "phrases",
    "source_nouns",
    "pronouns",
    "colon_labels",
    "cue_nouns",
    "no_object_verbs",
    "cue_adjectives",
    "naming_verbs",
    "control_verbs",
)
SUBJECT_DEPS = {"nsubj", "csubj"}
PASSIVE_DEPS = {"nsubjpass", "csubjpass"}
CLAUSE_DEPS = {"ccomp"}
#: dependents of a noun kept in a speaker's noun phrase
NP_RIGHT_DEPS = {"prep", "pobj", "compound", "appos", "flat", "nummod", "conj", "cc", "npadvmod"}
NP_LEFT_DEPS = {"det", "amod", "compound", "poss", "nummod", "quantmod", "nmod", "predet", "case"}
_STRIP = " \t\n,;:—–-"


@lru_cache(maxsize=1)
def speech_lexicon() -> Lexicon:
    """The shipped speech-verb lexicon (validated on first use)."""
    return load_lexicon("speech_verbs.yaml", SECTIONS, ())


def sentence_start(token: Token) -> int:
    """Offset of the token's sentence (without `token.sent`, which walks the whole document)."""
    doc, i = token.doc, token.i
    while i > 0 and not doc[i].is_sent_start:
        i -= 1
    return doc[i].idx


def token_end(token: Token) -> int:
    return token.idx + len(token.text)


def strip_span(text: str, start: int, end: int, chars: str = _STRIP) -> tuple[int, int]:
    """Trim spaces and clause punctuation from both ends (never quote marks)."""
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars + ".":
        end -= 1
    return start, end


def subtree_span(token: Token, skip: Iterable[Token] = ()) -> tuple[int, int]:
    """Character span of a token's subtree, leaving out the subtrees of `skip` at the edges."""
    skipped = {t.i for s in skip for t in s.subtree}
    tokens = [t for t in token.subtree if t.i not in skipped]
    return tokens[0].idx, token_end(tokens[-1])


def is_infinitive(token: Token) -> bool:
    """A verb with its 'to' ("to say")."""
    return token.pos_ in ("VERB", "AUX") and any(
        t.dep_ == "aux" and t.lower_ == "to" for t in token.lefts
    )
