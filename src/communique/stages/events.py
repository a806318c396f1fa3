"""events stage (first version pending)."""

from __future__ import annotations

from typing import ClassVar

from communique.document import Document


class EventsStage:
    name: ClassVar[str] = "events"
    requires: ClassVar[frozenset[str]] = frozenset({'spacy', 'actors', 'quotes', 'dates', 'places'})
    assigns: ClassVar[frozenset[str]] = frozenset({"events"})
    languages: ClassVar[frozenset[str] | None] = frozenset({"en"})

    def __call__(self, doc: Document) -> Document:
        return doc
