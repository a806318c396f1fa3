"""The one document object that flows through the pipeline.

Ingest creates it; each stage fills the attributes it declares in `assigns` and reads only those
it declares in `requires`. At the end `to_record()` turns it into the contract's ArticleRecord.
"""

from __future__ import annotations

import bisect
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
    # actor_at's index of mentions, rebuilt when the actors change
    _index: tuple[list[int], list[tuple[int, int, int, Actor]]] = field(
        default_factory=lambda: ([], []), repr=False, compare=False)
    _index_signature: tuple[tuple[int, int, int], ...] | None = field(
        default=None, repr=False, compare=False)
    _longest_mention: int = field(default=0, repr=False, compare=False)

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    def actor_by_id(self, actor_id: str | None) -> Actor | None:
        if actor_id is None:
            return None
        return next((a for a in self.actors if a.id == actor_id), None)

    def actor_at(self, start: int, end: int) -> Actor | None:
        """The actor with a mention overlapping [start, end), preferring the longest overlap
        (the first mentioned actor on a tie)."""
        starts, spans = self._mention_index()
        best: tuple[int, int, Actor] | None = None
        # mentions are short: only those starting before `end` and not too far before `start`
        for index in range(bisect.bisect_left(starts, end) - 1, -1, -1):
            m_start, m_end, order, actor = spans[index]
            if m_start + self._longest_mention <= start:
                break
            overlap = min(end, m_end) - max(start, m_start)
            if overlap > 0 and (best is None or (overlap, -order) > (best[0], -best[1])):
                best = (overlap, order, actor)
        return best[2] if best else None

    def _mention_index(self) -> tuple[list[int], list[tuple[int, int, int, Actor]]]:
        """Mentions sorted by start, rebuilt whenever the actors or their mentions change."""
        signature = tuple((id(a), id(a.mentions), len(a.mentions)) for a in self.actors)
        if self._index_signature != signature:
            spans = sorted(
                (m.start, m.end, order, actor)
                for order, actor in enumerate(self.actors) for m in actor.mentions
            )
            self._index = ([s[0] for s in spans], spans)
            self._longest_mention = max((s[1] - s[0] for s in spans), default=0)
            self._index_signature = signature
        return self._index

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
