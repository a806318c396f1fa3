"""The one document object that flows through the pipeline.

Ingest creates it; each stage fills the attributes it declares in `assigns` and reads only those
it declares in `requires`. At the end `to_record()` turns it into the contract's ArticleRecord.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from communique.models import (
    Actor,
    ArticleRecord,
    DateExpression,
    Event,
    Place,
    Quote,
    Sentence,
    Tone,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc


@dataclass
class Document:
    id: str
    text: str
    title: str | None = None
    published: dt.date | None = None
    url: str | None = None
    source: str | None = None
    origin: str | None = None  # where the document came from (path:line), for messages

    # assigned by stages
    language: str | None = None
    spacy: SpacyDoc | None = None
    sentences: list[Sentence] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    dates: list[DateExpression] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    tone: Tone | None = None
    themes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # scratch space a stage may share with later ones, keyed by the stage's name
    extras: dict[str, Any] = field(default_factory=dict)

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    def actor_by_id(self, actor_id: str | None) -> Actor | None:
        if actor_id is None:
            return None
        return next((a for a in self.actors if a.id == actor_id), None)

    def actor_at(self, start: int, end: int) -> Actor | None:
        """The actor with a mention overlapping [start, end), preferring the longest overlap."""
        best: tuple[int, Actor] | None = None
        for actor in self.actors:
            for mention in actor.mentions:
                overlap = min(end, mention.end) - max(start, mention.start)
                if overlap > 0 and (best is None or overlap > best[0]):
                    best = (overlap, actor)
        return best[1] if best else None

    def sentence_index(self, offset: int) -> int:
        """Index of the sentence containing a character offset (the last one before it)."""
        index = 0
        for i, sentence in enumerate(self.sentences):
            if sentence.start <= offset:
                index = i
            else:
                break
        return index

    def to_record(self) -> ArticleRecord:
        return ArticleRecord(
            id=self.id,
            title=self.title,
            published=self.published.isoformat() if self.published else None,
            url=self.url,
            source=self.source,
            language=self.language,
            text=self.text,
            sentences=self.sentences,
            actors=self.actors,
            events=self.events,
            quotes=self.quotes,
            dates=self.dates,
            places=self.places,
            tone=self.tone,
            themes=self.themes,
            warnings=self.warnings,
        )


def error_record(doc_id: str, message: str, **known: Any) -> ArticleRecord:
    """The record of a document that could not be coded: status error, nothing else required."""
    return ArticleRecord(id=doc_id, status="error", error=message, **known)
