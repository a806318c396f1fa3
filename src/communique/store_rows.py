"""Record <-> rows: the one place that knows how an ArticleRecord maps onto the store's tables.

Keeping both directions side by side is what makes the round trip (record -> store -> record)
exact: every field written here is read back below, and the Hypothesis test holds them together.
Nested objects (event parties, quote speakers and cues) are flattened into columns so they can be
filtered and indexed; `has_target`/`has_speaker` keep a null object apart from one whose fields
are all null. Any field of a model that has no column (one added to the record later) is kept in
the row's `extra` JSON and merged back on reading, so the store never silently drops data.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from communique.models import ArticleRecord, Event, Quote

Row = dict[str, Any]

ARTICLE_COLUMNS = ("id", "status", "error", "schema_version", "title", "published", "url",
                   "source", "language", "text")
ACTOR_COLUMNS = ("id", "name", "code", "country", "sector", "kind", "role")
SPAN_COLUMNS = ("start", "end", "text")
DATE_COLUMNS = ("start", "end", "text", "value", "granularity", "type")
PLACE_COLUMNS = ("id", "start", "end", "text", "name", "country", "lat", "lon", "geonames_id",
                 "feature")
EVENT_FIELDS = ("id", "source", "target", "cameo", "plover", "date", "place", "negated",
                "modality", "historical", "quote", "sentence", "trigger", "confidence", "rule",
                "goldstein", "quad_class")
TONE_COLUMNS = ("compound", "positive", "negative", "neutral")
QUOTE_FIELDS = ("id", "kind", "start", "end", "text", "speaker", "cue")


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


def _split(model: BaseModel, columns: Sequence[str], handled: Sequence[str] = ()) -> Row:
    """The model's column fields, plus `extra`: JSON of the fields that have no column."""
    data = model.model_dump()
    row = {name: data.pop(name) for name in columns}
    for name in handled:
        data.pop(name, None)
    row["extra"] = _dumps(data) if data else None
    return row


def record_rows(record: ArticleRecord) -> RecordRows:
    article = _split(record, ARTICLE_COLUMNS,
                     handled=("sentences", "warnings", "tone", "actors", "events", "quotes",
                              "dates", "places"))
    tone = record.tone
    article.update({
        "sentences": _dumps([s.model_dump() for s in record.sentences]),
        "warnings": _dumps(record.warnings),
        "tone_compound": tone.compound if tone else None,
        "tone_positive": tone.positive if tone else None,
        "tone_negative": tone.negative if tone else None,
        "tone_neutral": tone.neutral if tone else None,
    })
    if tone is not None and (tone_extra := _split(tone, TONE_COLUMNS)["extra"]):
        article["extra"] = _merge_extra(article["extra"], {"tone": json.loads(tone_extra)})
    rows = RecordRows(article)
    for actor in record.actors:
        data = _split(actor, ACTOR_COLUMNS, handled=("mentions",))
        rows.actors.append((data, [_split(m, SPAN_COLUMNS) for m in actor.mentions]))
    rows.events = [_event_row(e, record.published) for e in record.events]
    rows.quotes = [_quote_row(q) for q in record.quotes]
    rows.dates = [_split(d, DATE_COLUMNS) for d in record.dates]
    rows.places = [_split(p, PLACE_COLUMNS) for p in record.places]
    return rows


def _merge_extra(extra: str | None, more: Row) -> str:
    data = json.loads(extra) if extra else {}
    data.update(more)
    return _dumps(data)


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
        "extra": _split(event, (), handled=EVENT_FIELDS)["extra"],
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
        "extra": _split(quote, (), handled=QUOTE_FIELDS)["extra"],
    }


# -- rows -> record ------------------------------------------------------------------------------


def _pick(row: sqlite3.Row, columns: Sequence[str]) -> Row:
    """Column values plus whatever the row's `extra` JSON holds."""
    data = {name: row[name] for name in columns}
    if row["extra"]:
        data.update(json.loads(row["extra"]))
    return data


def record_from_rows(
    article: sqlite3.Row,
    children: Mapping[str, Sequence[sqlite3.Row]],
    mentions: Sequence[sqlite3.Row],
) -> ArticleRecord:
    by_actor: dict[int, list[Row]] = {}
    for m in mentions:
        by_actor.setdefault(m["actor_pk"], []).append(_pick(m, SPAN_COLUMNS))
    data = _pick(article, ARTICLE_COLUMNS)
    tone = data.pop("tone", {})
    if article["tone_compound"] is not None:
        tone.update({name: article[f"tone_{name}"]
                     for name in TONE_COLUMNS})
    data.update(
        sentences=json.loads(article["sentences"]),
        warnings=json.loads(article["warnings"]),
        tone=tone or None,
        actors=[
            dict(_pick(a, ACTOR_COLUMNS), mentions=by_actor.get(a["pk"], []))
            for a in children["actors"]
        ],
        events=[event_from_row(e) for e in children["events"]],
        quotes=[quote_from_row(q) for q in children["quotes"]],
        dates=[_pick(d, DATE_COLUMNS) for d in children["dates"]],
        places=[_pick(p, PLACE_COLUMNS) for p in children["places"]],
    )
    return ArticleRecord.model_validate(data)


def _party(row: sqlite3.Row, prefix: str) -> Row:
    return {
        "actor": row[f"{prefix}_actor"],
        "code": row[f"{prefix}_code"],
        "country": row[f"{prefix}_country"],
        "sector": row[f"{prefix}_sector"],
    }


def event_from_row(row: sqlite3.Row) -> Event:
    """An Event from an `events` row (also used by exports and the board)."""
    data = json.loads(row["extra"]) if row["extra"] else {}
    data.update(
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
    return Event.model_validate(data)


def quote_from_row(row: sqlite3.Row) -> Quote:
    data = json.loads(row["extra"]) if row["extra"] else {}
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
    data.update({name: row[name] for name in ("id", "kind", "start", "end", "text")},
                speaker=speaker, cue=cue)
    return Quote.model_validate(data)
