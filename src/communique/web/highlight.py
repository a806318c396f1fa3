"""The article text cut into segments, each tagged with the annotations that cover it.

Actors, event triggers, quotes, dates and places overlap freely (a quote contains a trigger and
an actor mention), so HTML cannot nest them in general. The text is cut at every annotation
boundary instead; each segment carries the kinds and ids that cover it, and the template renders
one `<span>` per segment. The text itself is never turned into markup here: the template escapes
it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from communique.models import ArticleRecord

KINDS = ("quote", "actor", "date", "place", "event")


@dataclass
class Segment:
    text: str
    start: int
    kinds: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)

    @property
    def css(self) -> str:
        return " ".join(f"hl-{kind}" for kind in self.kinds)

    @property
    def title(self) -> str:
        return "; ".join(self.titles)


@dataclass(frozen=True)
class _Mark:
    start: int
    end: int
    kind: str
    ref: str
    title: str


def _marks(record: ArticleRecord) -> list[_Mark]:
    """Every annotation of the record as a (start, end, kind, id, tooltip) mark."""
    marks: list[_Mark] = []
    for actor in record.actors:
        label = f"actor {actor.name} ({actor.code or 'no code'})"
        marks += [_Mark(m.start, m.end, "actor", actor.id, label) for m in actor.mentions]
    for event in record.events:
        label = f"event {event.id}: {event.plover.type} / CAMEO {event.cameo}"
        marks.append(_Mark(event.trigger.start, event.trigger.end, "event", event.id, label))
    for quote in record.quotes:
        who = quote.speaker.name if quote.speaker else "unknown speaker"
        marks.append(_Mark(quote.start, quote.end, "quote", quote.id, f"{quote.kind} quote: {who}"))
    for date in record.dates:
        marks.append(_Mark(date.start, date.end, "date", "", f"date {date.value or '?'}"))
    for place in record.places:
        marks.append(_Mark(place.start, place.end, "place", place.id,
                           f"place {place.name} ({place.country or '?'})"))
    size = len(record.text)
    return [m for m in marks if 0 <= m.start < m.end <= size]


def segments(record: ArticleRecord) -> list[Segment]:
    """The text as consecutive segments; concatenated they give back `record.text` exactly."""
    text = record.text
    marks = _marks(record)
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    out: list[Segment] = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        covering = [m for m in marks if m.start <= start and end <= m.end]
        segment = Segment(text[start:end], start)
        for kind in KINDS:
            if any(m.kind == kind for m in covering):
                segment.kinds.append(kind)
        segment.events = [m.ref for m in covering if m.kind == "event"]
        segment.titles = [m.title for m in covering]
        out.append(segment)
    return out
