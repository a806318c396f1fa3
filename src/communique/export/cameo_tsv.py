"""CAMEO events as tab-separated lines in the column order of Phoenix / PETRARCH event files.

The Phoenix data set (Open Event Data Alliance) wrote one event per line with these 26 columns;
tools written for it (and for PETRARCH output post-processed the same way) read this file as is.
Actor codes are split the way Phoenix split them: the full code, its root (country or IGO/NGO/
IMG/MNC), its primary role (GOV, MIL, ...) and the remaining three-letter attributes.
"""

from __future__ import annotations

import csv
from typing import IO

from communique.query import EventFilter, EventRow, iter_events
from communique.store import Store

PHOENIX_COLUMNS = (
    "EventID", "Date", "Year", "Month", "Day",
    "SourceActorFull", "SourceActorEntity", "SourceActorRole", "SourceActorAttribute",
    "TargetActorFull", "TargetActorEntity", "TargetActorRole", "TargetActorAttribute",
    "EventCode", "EventRootCode", "PentaClass", "GoldsteinScore", "Issues",
    "Lat", "Lon", "LocationName", "StateName", "CountryCode", "SentenceID", "URLs",
    "NewsSources",
)
#: Phoenix's five-way grouping of the CAMEO roots (0 statements ... 4 material conflict)
PENTA_CLASS = {
    "01": 0, "02": 0, "03": 1, "04": 1, "05": 1, "06": 2, "07": 2, "08": 2, "09": 3, "10": 3,
    "11": 3, "12": 3, "13": 3, "14": 4, "15": 4, "16": 3, "17": 4, "18": 4, "19": 4, "20": 4,
}
ROLES = frozenset(
    {"GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "MED", "EDU", "BUS", "CRM", "CVL"}
)


def split_actor(code: str | None, country: str | None) -> tuple[str, str, str, str]:
    """(full, entity, role, attributes) of a CAMEO actor code, as Phoenix split it."""
    if not code:
        return ("", country or "", "", "")
    entity = country or code[:3]
    rest = code[3:]  # a CAMEO actor code is its three-letter root followed by 3-letter parts
    role = rest[:3] if rest[:3] in ROLES else ""
    if role:
        rest = rest[3:]
    attributes = ";".join(rest[i : i + 3] for i in range(0, len(rest), 3))
    return (code, entity, role, attributes)


def phoenix_row(index: int, row: EventRow) -> list[str]:
    day = row.day if row.day and len(row.day) == 10 else (row.published or "")[:10]
    year, month, dom = (day.split("-") + ["", "", ""])[:3] if day else ("", "", "")
    values: list[object] = [
        index, day.replace("-", ""), year, month, dom,
        *split_actor(row.source_code, row.source_country),
        *split_actor(row.target_code, row.target_country),
        row.cameo, row.cameo[:2], PENTA_CLASS.get(row.cameo[:2], ""),
        "" if row.goldstein is None else row.goldstein, ";".join(row.themes),
        "" if row.lat is None else row.lat, "" if row.lon is None else row.lon,
        row.place_name or "", "", row.place_country or "",
        f"{row.article_id}_{row.sentence_index}", row.url or "", row.outlet or "",
    ]
    return [_clean(v) for v in values]


def _clean(value: object) -> str:
    """No tab or newline may survive inside a cell of a tab-separated file."""
    return " ".join(str(value).split()) if isinstance(value, str) else str(value)


def write_cameo_tsv(
    store: Store, out: IO[str], filters: EventFilter | None = None, header: bool = True
) -> int:
    writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE,
                        escapechar="\\")
    if header:
        writer.writerow(PHOENIX_COLUMNS)
    count = 0
    for count, row in enumerate(iter_events(store, filters), start=1):
        writer.writerow(phoenix_row(count, row))
    return count
