"""What every stage is: a name, what it requires, what it assigns, and `__call__(doc) -> doc`.

`requires` and `assigns` name attributes of `communique.document.Document`. The pipeline checks the
chain once, when it is built. A stage whose `languages` does not include the document's language is
skipped for that document (the pipeline says so in a warning), so a French story gets no invented
English events.
"""

from __future__ import annotations

from typing import ClassVar, Protocol, runtime_checkable

from communique.document import Document

#: attributes ingest fills before any stage runs
INGESTED: frozenset[str] = frozenset({"id", "text", "title", "published", "url", "source"})


@runtime_checkable
class Stage(Protocol):
    name: ClassVar[str]
    requires: ClassVar[frozenset[str]]
    assigns: ClassVar[frozenset[str]]
    #: languages the stage understands; None means any
    languages: ClassVar[frozenset[str] | None]

    def __call__(self, doc: Document) -> Document: ...
