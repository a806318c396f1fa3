"""Events as PLOVER records, one JSON object per line.

Field names follow the PLOVER data interchange specification (Open Event Data Alliance): `id`,
`date`, `actor` and `recipient` (lists of actor objects with `code`, `sector`, `actor_text`),
`event`, `mode` and `context` (lists), `event_text`, `quad_code`, `event_scale`, `event_loc`
(a GeoNames-style location object), `text`, `text_info` (sentence `sequence`, `start`, `end`),
`cite_info` (`url`, `title`, `language`, `publication`, `citation`, `coder`, `codebook`), `coder`
and `coded_date`. The specification invites extra named fields; communique adds `cameo`,
`cameo_quad`, `modality`, `negated`, `historical`, `confidence` and `story_id` (wire-copy cluster).
"""

from __future__ import annotations

import json
from typing import IO, Any

from communique import __version__
from communique.query import EventFilter, EventRow, iter_events
from communique.store import Store

#: PLOVER's quad categories (manual, "PLOVER quad categories"; REQUEST stands where DEMAND was)
PLOVER_QUAD = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "SANCTION": 3, "THREATEN": 3,
    "PROTEST": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}
CODER = f"communique {__version__}"
CODEBOOK = "PLOVER (2021 types) with CAMEO 1.1b3 codes"


def _actor(code: str | None, country: str | None, sector: str | None,
           name: str | None) -> dict[str, Any]:
    return {"code": country or (code[:3] if code else None), "sector": sector,
            "actor_text": name, "cameo_code": code}


def plover_record(row: EventRow) -> dict[str, Any]:
    """One PLOVER record for one stored event."""
    location = None
    if row.place_name is not None:
        location = {"name": row.place_name, "latitude": row.lat, "longitude": row.lon,
                    "geonameid": row.geonames_id, "cc3": row.place_country}
    return {
        "id": f"{row.article_id}-{row.event_id}",
        "date": row.day,
        "actor": [_actor(row.source_code, row.source_country, row.source_sector,
                         row.source_name)],
        "recipient": [] if row.target_code is None and row.target_country is None else [
            _actor(row.target_code, row.target_country, row.target_sector, row.target_name)],
        "event": [row.plover_type],
        "mode": [row.plover_mode] if row.plover_mode else [],
        "context": list(row.themes),
        "event_text": [row.trigger],
        "quad_code": PLOVER_QUAD.get(row.plover_type),
        "event_scale": row.goldstein,
        "event_loc": location,
        "text": row.sentence,
        "text_info": {"sequence": row.sentence_index, "start": row.sentence_start,
                      "end": row.sentence_end},
        "cite_info": {"url": row.url, "title": row.title, "language": row.language,
                      "publication": row.outlet,
                      "citation": row.article_id, "coder": CODER, "codebook": CODEBOOK},
        "coder": CODER,
        "coded_date": (row.ingested_at or "")[:10] or None,
        "cameo": row.cameo,
        "cameo_quad": row.quad_class,
        "modality": row.modality,
        "negated": row.negated,
        "historical": row.historical,
        "confidence": row.confidence,
        "story_id": row.story_id,
    }


def write_plover_jsonl(store: Store, out: IO[str], filters: EventFilter | None = None) -> int:
    count = 0
    for row in iter_events(store, filters):
        out.write(json.dumps(plover_record(row), ensure_ascii=False) + "\n")
        count += 1
    return count
