"""Record <-> rows: the one place that knows how an ArticleRecord maps onto the store's tables.

Keeping both directions side by side is what makes the round trip (record -> store -> record)
exact: every field written here is read back below, and the Hypothesis test holds them together.
Nested objects (event parties, quote speakers and cues) are flattened into columns so they can be
filtered and indexed; `has_target`/`has_speaker` keep a null object apart from one whose fields
are all null.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

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

Row = dict[str, Any]


@dataclass
class RecordRows:
    article: Row
    actors: list[tuple[Row, list[Row]]] = field(default_factory=list)
    events: list[Row] = field(default_factory=list)
    quotes: list[Row] = field(default_factory=list)
    dates: list[Row] = field(default_factory=list)
    places: list[Row] = field(default_factory=list)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def record_rows(record: ArticleRecord) -> RecordRows:
    tone = record.tone
    article: Row = {
        "id": record.id,
        "status": record.status,
        "error": record.error,
        "schema_version": record.schema_version,
        "title": record.title,
        "published": record.published,
        "url": record.url,
        "source": record.source,
        "language": record.language,
        "text": record.text,
        "sentences": _dumps([[s.start, s.end] for s in record.sentences]),
        "warnings": _dumps(record.warnings),
        "tone_compound": tone.compound if tone else None,
        "tone_positive": tone.positive if tone else None,
        "tone_negative": tone.negative if tone else None,
        "tone_neutral": tone.neutral if tone else None,
    }
    rows = RecordRows(article)
    for actor in record.actors:
        data = actor.model_dump(exclude={"mentions"})
        rows.actors.append((data, [m.model_dump() for m in actor.mentions]))
    rows.events = [_event_row(e, record.published) for e in record.events]
    rows.quotes = [_quote_row(q) for q in record.quotes]
    rows.dates = [d.model_dump() for d in record.dates]
    rows.places = [p.model_dump() for p in record.places]
    return rows


def _event_row(event: Event, published: str | None) -> Row:
    target = event.target
    return {
        "id": event.id,
        "source_actor": event.source.actor,
        "source_code": event.source.code,
        "source_country": event.source.country,
        "source_sector": event.source.sector,
        "has_target": target is not None,
        "target_actor": target.actor if target else None,
        "target_code": target.code if target else None,
        "target_country": target.country if target else None,
        "target_sector": target.sector if target else None,
        "cameo": event.cameo,
        "plover_type": event.plover.type,
        "plover_mode": event.plover.mode,
        "date": event.date,
        # the day used for --since/--until: the event's own date, else the publication date
        "day": event.date or (published[:10] if published else None),
        "place": event.place,
        "negated": event.negated,
        "modality": event.modality,
        "historical": event.historical,
        "quote": event.quote,
        "sentence": event.sentence,
        "trigger_start": event.trigger.start,
        "trigger_end": event.trigger.end,
        "trigger_text": event.trigger.text,
        "confidence": event.confidence,
        "rule": event.rule,
        "goldstein": event.goldstein,
        "quad_class": event.quad_class,
    }


def _quote_row(quote: Quote) -> Row:
    speaker, cue = quote.speaker, quote.cue
    return {
        "id": quote.id,
        "kind": quote.kind,
        "start": quote.start,
        "end": quote.end,
        "text": quote.text,
        "has_speaker": speaker is not None,
        "speaker_actor": speaker.actor if speaker else None,
        "speaker_name": speaker.name if speaker else None,
        "speaker_start": speaker.start if speaker else None,
        "speaker_end": speaker.end if speaker else None,
        "cue_start": cue.start if cue else None,
        "cue_end": cue.end if cue else None,
        "cue_text": cue.text if cue else None,
    }


# -- rows -> record ------------------------------------------------------------------------------


def _pick(row: sqlite3.Row, *names: str) -> Row:
    return {name: row[name] for name in names}


def record_from_rows(
    article: sqlite3.Row,
    children: Mapping[str, Sequence[sqlite3.Row]],
    mentions: Sequence[sqlite3.Row],
) -> ArticleRecord:
    by_actor: dict[int, list[Row]] = {}
    for m in mentions:
        by_actor.setdefault(m["actor_pk"], []).append(_pick(m, "start", "end", "text"))
    tone = None
    if article["tone_compound"] is not None:
        tone = Tone(
            compound=article["tone_compound"],
            positive=article["tone_positive"],
            negative=article["tone_negative"],
            neutral=article["tone_neutral"],
        )
    return ArticleRecord(
        schema_version=article["schema_version"],
        id=article["id"],
        status=article["status"],
        error=article["error"],
        title=article["title"],
        published=article["published"],
        url=article["url"],
        source=article["source"],
        language=article["language"],
        text=article["text"],
        sentences=[Sentence(start=s, end=e) for s, e in json.loads(article["sentences"])],
        actors=[
            Actor(
                **_pick(a, "id", "name", "code", "country", "sector", "kind", "role"),
                mentions=by_actor.get(a["pk"], []),
            )
            for a in children["actors"]
        ],
        events=[event_from_row(e) for e in children["events"]],
        quotes=[quote_from_row(q) for q in children["quotes"]],
        dates=[
            DateExpression(**_pick(d, "start", "end", "text", "value", "granularity", "type"))
            for d in children["dates"]
        ],
        places=[
            Place(**_pick(p, "id", "start", "end", "text", "name", "country", "lat", "lon",
                          "geonames_id", "feature"))
            for p in children["places"]
        ],
        tone=tone,
        warnings=json.loads(article["warnings"]),
    )


def _party(row: sqlite3.Row, prefix: str) -> Row:
    return {
        "actor": row[f"{prefix}_actor"],
        "code": row[f"{prefix}_code"],
        "country": row[f"{prefix}_country"],
        "sector": row[f"{prefix}_sector"],
    }


def event_from_row(row: sqlite3.Row) -> Event:
    """An Event from an `events` row (also used by exports and the board)."""
    return Event(
        id=row["id"],
        source=_party(row, "source"),
        target=_party(row, "target") if row["has_target"] else None,
        cameo=row["cameo"],
        plover={"type": row["plover_type"], "mode": row["plover_mode"]},
        date=row["date"],
        place=row["place"],
        negated=bool(row["negated"]),
        modality=row["modality"],
        historical=bool(row["historical"]),
        quote=row["quote"],
        sentence=row["sentence"],
        trigger={
            "start": row["trigger_start"],
            "end": row["trigger_end"],
            "text": row["trigger_text"],
        },
        confidence=row["confidence"],
        rule=row["rule"],
        goldstein=row["goldstein"],
        quad_class=row["quad_class"],
    )


def quote_from_row(row: sqlite3.Row) -> Quote:
    speaker = None
    if row["has_speaker"]:
        speaker = {
            "actor": row["speaker_actor"],
            "name": row["speaker_name"],
            "start": row["speaker_start"],
            "end": row["speaker_end"],
        }
    cue = None
    if row["cue_text"] is not None:
        cue = {"start": row["cue_start"], "end": row["cue_end"], "text": row["cue_text"]}
    return Quote(
        **_pick(row, "id", "kind", "start", "end", "text"), speaker=speaker, cue=cue
    )
