"""quotes stage (first version pending)."""

from __future__ import annotations

from typing import ClassVar

from communique.document import Document


class QuotesStage:
    name: ClassVar[str] = "quotes"
    requires: ClassVar[frozenset[str]] = frozenset({'spacy', 'actors'})
    assigns: ClassVar[frozenset[str]] = frozenset({"quotes"})
    languages: ClassVar[frozenset[str] | None] = frozenset({"en"})

    def __call__(self, doc: Document) -> Document:
        return doc
