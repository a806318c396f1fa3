"""places stage (first version pending)."""

from __future__ import annotations

from typing import ClassVar

from communique.document import Document


class PlacesStage:
    name: ClassVar[str] = "places"
    requires: ClassVar[frozenset[str]] = frozenset({'spacy', 'actors'})
    assigns: ClassVar[frozenset[str]] = frozenset({"places"})
    languages: ClassVar[frozenset[str] | None] = frozenset({"en"})

    def __call__(self, doc: Document) -> Document:
        return doc
