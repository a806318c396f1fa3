"""Language detection: text in a language we do not code gets a warning, not invented events."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, ClassVar

from communique.document import Document

if TYPE_CHECKING:
    from lingua import LanguageDetector

#: languages told apart; more only costs load time. English must be among them.
DETECTED = ("ENGLISH", "FRENCH", "GERMAN", "SPANISH", "PORTUGUESE", "ITALIAN", "RUSSIAN",
            "UKRAINIAN", "ARABIC", "CHINESE", "TURKISH", "PERSIAN", "HEBREW", "DUTCH", "POLISH")
#: shorter texts are too short to judge; they are taken as coded languages
MIN_CHARS = 40
#: the share of the sample that must be non-English before we call the text non-English
MIN_CONFIDENCE = 0.5
SAMPLE_CHARS = 2000


@lru_cache(maxsize=1)
def detector() -> LanguageDetector:
    from lingua import Language, LanguageDetectorBuilder

    languages = [getattr(Language, name) for name in DETECTED]
    return LanguageDetectorBuilder.from_languages(*languages).build()


class LanguageStage:
    name: ClassVar[str] = "language"
    requires: ClassVar[frozenset[str]] = frozenset({"text"})
    assigns: ClassVar[frozenset[str]] = frozenset({"language"})
    languages: ClassVar[frozenset[str] | None] = None

    def __call__(self, doc: Document) -> Document:
        sample = doc.text[:SAMPLE_CHARS]
        if len(sample.strip()) < MIN_CHARS:
            return doc
        values = detector().compute_language_confidence_values(sample)
        if not values:
            return doc
        best = values[0]
        code = best.language.iso_code_639_1.name.lower()
        if code == "en" or best.value >= MIN_CONFIDENCE:
            doc.language = code
        if doc.language not in (None, "en"):
            doc.warn(f"the text looks {best.language.name.title()} ({code}), not English.")
        return doc
