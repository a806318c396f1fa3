"""dates stage (first version pending)."""

from __future__ import annotations

from typing import ClassVar

from communique.document import Document


class DatesStage:
    name: ClassVar[str] = "dates"
    requires: ClassVar[frozenset[str]] = frozenset({'text', 'published', 'sentences'})
    assigns: ClassVar[frozenset[str]] = frozenset({"dates"})
    languages: ClassVar[frozenset[str] | None] = frozenset({"en"})

    def __call__(self, doc: Document) -> Document:
        return doc
