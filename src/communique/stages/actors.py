"""actors stage (first version pending)."""

from __future__ import annotations

from typing import ClassVar

from communique.config import Settings
from communique.document import Document


class ActorsStage:
    name: ClassVar[str] = "actors"
    requires: ClassVar[frozenset[str]] = frozenset({'spacy', 'published'})
    assigns: ClassVar[frozenset[str]] = frozenset({"actors"})
    languages: ClassVar[frozenset[str] | None] = frozenset({"en"})

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()

    def __call__(self, doc: Document) -> Document:
        return doc
