"""Read-side functions over the store, shared by the CLI, the HTTP API and the dashboard.

Each function takes an open `Store`, typed filters and limit/offset, builds one parameterized
SQL statement (filters become WHERE clauses with `?` placeholders, never string values), and
returns pydantic models that serialize straight to JSON. Free text goes through FTS5 with every
word quoted, so user input can never be read as FTS syntax.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, Field, field_validator

from communique.store import Store

T = TypeVar("T")
MAX_LIMIT = 10_000
_TOP = "\U0010ffff"  # sorts after every character: the upper bound of a prefix range


class Page(BaseModel, Generic[T]):
    """One page of results; `total` counts all matches, not just this page."""

    total: int
    limit: int
    offset: int
    items: list[T]


class EventFilter(BaseModel):
    actor: str | None = Field(default=None, description="CAMEO actor code prefix, either side")
    source: str | None = Field(default=None, description="source actor code prefix")
    target: str | None = Field(default=None, description="target actor code prefix")
    type: str | None = Field(default=None, description="PLOVER event type")
    cameo: str | None = Field(default=None, description="CAMEO event code prefix")
    since: str | None = Field(default=None, description="first day (YYYY-MM-DD), inclusive")
    until: str | None = Field(default=None, description="last day (YYYY-MM-DD), inclusive")
    text: str | None = Field(default=None, description="words the article must contain")
    article: str | None = Field(default=None, description="only this article id")
    per_story: bool = Field(
        default=False,
        description="count each (story, source, target, code) once across wire copies",
    )


class EventRow(BaseModel):
    article_id: str
    event_id: str
    story_id: str | None
    day: str | None = Field(description="the event's date, else the article's publication date")
    date: str | None
    published: str | None
    title: str | None
    url: str | None
    outlet: str | None
    language: str | None = None
    source_code: str | None
    source_country: str | None
    source_sector: str | None
    source_name: str | None
    target_code: str | None
    target_country: str | None
    target_sector: str | None
    target_name: str | None
    cameo: str
    plover_type: str
    plover_mode: str | None
    quad_class: int | None
    goldstein: float | None
    modality: str
    negated: bool
    historical: bool
    confidence: float
    rule: str | None
    quote_id: str | None
    trigger: str
    sentence_index: int
    sentence: str | None = Field(description="the evidence sentence")
    sentence_start: int | None = None
    sentence_end: int | None = None
    place_name: str | None = None
    place_country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    themes: list[str] = Field(default_factory=list, description="the article's themes")
    ingested_at: str | None = None

    @field_validator("themes", mode="before")
    @classmethod
    def _themes_json(cls, value: Any) -> Any:
        if value is None:
            return []
        return json.loads(value) if isinstance(value, str) else value


class QuoteRow(BaseModel):
    article_id: str
    quote_id: str
    story_id: str | None
    published: str | None
    title: str | None
    kind: str
    text: str
    speaker_name: str | None
    speaker_code: str | None
    speaker_country: str | None
    cue: str | None
    start: int
    end: int


class ActorRow(BaseModel):
    name: str
    code: str | None
    country: str | None
    sector: str | None
    kind: str
    articles: int
    mentions: int
    events_as_source: int
    events_as_target: int


class ArticleRow(BaseModel):
    id: str
    status: str
    error: str | None
    title: str | None
    published: str | None
    url: str | None
    outlet: str | None
    story_id: str | None
    events: int
    quotes: int


class Stats(BaseModel):
    articles: int
    errors: int
    stories: int
    events: int
    quotes: int
    actors: int
    places: int
    dates: int
    first_day: str | None
    last_day: str | None
    schema_version: int


# -- helpers -------------------------------------------------------------------------------------


class _Where:
    """WHERE clauses and their parameters, built side by side."""

    def __init__(self) -> None:
        self.clauses: list[str] = []
        self.params: list[Any] = []

    def add(self, clause: str, *params: Any) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def sql(self) -> str:
        return (" WHERE " + " AND ".join(self.clauses)) if self.clauses else ""


def fts_query(words: str) -> str:
    """User words as an FTS5 query: each word quoted (AND of phrases); no operators leak in."""
    tokens = re.findall(r"\w+", words)
    return " ".join('"' + token.replace('"', '""') + '"' for token in tokens)


def _prefix(column: str, prefix: str) -> tuple[str, tuple[str, str]]:
    """An index-friendly prefix match: column >= prefix AND column < prefix + max char."""
    return f"({column} >= ? AND {column} < ?)", (prefix, prefix + _TOP)


def _limits(limit: int, offset: int) -> tuple[int, int]:
    return max(0, min(int(limit), MAX_LIMIT)), max(0, int(offset))


# -- events --------------------------------------------------------------------------------------

_EVENT_COLUMNS = """
    a.id AS article_id, e.id AS event_id, a.story_id, e.day, e.date, a.published, a.title,
    a.url, a.source AS outlet, a.language,
    e.source_code, e.source_country, e.source_sector, sa.name AS source_name,
    e.target_code, e.target_country, e.target_sector, ta.name AS target_name,
    e.cameo, e.plover_type, e.plover_mode, e.quad_class, e.goldstein, e.modality, e.negated,
    e.historical, e.confidence, e.rule, e.quote AS quote_id, e.trigger_text AS trigger,
    e.sentence AS sentence_index,
    substr(a.text,
           json_extract(a.sentences, '$[' || e.sentence || '].start') + 1,
           json_extract(a.sentences, '$[' || e.sentence || '].end')
             - json_extract(a.sentences, '$[' || e.sentence || '].start')) AS sentence,
    json_extract(a.sentences, '$[' || e.sentence || '].start') AS sentence_start,
    json_extract(a.sentences, '$[' || e.sentence || '].end') AS sentence_end,
    p.name AS place_name, p.country AS place_country, p.lat, p.lon, p.geonames_id,
    json_extract(a.extra, '$.themes') AS themes, a.ingested_at
"""
_EVENT_FROM = """
    FROM events e
    JOIN articles a ON a.pk = e.article_pk
    LEFT JOIN actors sa ON sa.article_pk = e.article_pk AND sa.id = e.source_actor
    LEFT JOIN actors ta ON ta.article_pk = e.article_pk AND ta.id = e.target_actor
    LEFT JOIN places p ON p.article_pk = e.article_pk AND p.id = e.place
"""


def _event_where(filters: EventFilter) -> _Where:
    where = _Where()
    if filters.actor:
        left, lp = _prefix("e.source_code", filters.actor.upper())
        right, rp = _prefix("e.target_code", filters.actor.upper())
        where.add(f"({left} OR {right})", *lp, *rp)
    for column, value in (("e.source_code", filters.source), ("e.target_code", filters.target),
                          ("e.cameo", filters.cameo)):
        if value:
            clause, params = _prefix(column, value.upper())
            where.add(clause, *params)
    if filters.type:
        where.add("e.plover_type = ?", filters.type.upper())
    if filters.since:
        where.add("e.day >= ?", filters.since)
    if filters.until:
        where.add("e.day <= ?", filters.until + _TOP if len(filters.until) < 10 else filters.until)
    if filters.article:
        where.add("a.id = ?", filters.article)
    if filters.text and (match := fts_query(filters.text)):
        where.add("a.pk IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)", match)
    if filters.per_story:
        where.add(
            "e.pk IN (SELECT MIN(e2.pk) FROM events e2 JOIN articles a2 ON a2.pk = e2.article_pk "
            "GROUP BY a2.story_id, e2.source_code, e2.target_code, e2.cameo)"
        )
    return where


def query_events(
    store: Store, filters: EventFilter | None = None, limit: int = 100, offset: int = 0
) -> Page[EventRow]:
    """Events matching the filters, newest day first."""
    filters = filters or EventFilter()
    limit, offset = _limits(limit, offset)
    where = _event_where(filters)
    total = store.read_one(f"SELECT COUNT(*) {_EVENT_FROM} {where.sql()}", where.params)
    rows = store.read(
        f"SELECT {_EVENT_COLUMNS} {_EVENT_FROM} {where.sql()} "
        "ORDER BY e.day IS NULL, e.day DESC, e.article_pk, e.seq LIMIT ? OFFSET ?",
        [*where.params, limit, offset],
    )
    return Page[EventRow](
        total=int(total[0]) if total else 0, limit=limit, offset=offset,
        items=[EventRow(**dict(row)) for row in rows],
    )


def iter_events(
    store: Store, filters: EventFilter | None = None, batch: int = 1000
) -> Iterator[EventRow]:
    """Every matching event in storage order, read in batches: exports run in constant memory."""
    where = _event_where(filters or EventFilter())
    last = 0
    while True:
        clause = where.sql() + (" AND " if where.clauses else " WHERE ") + "e.pk > ?"
        rows = store.read(
            f"SELECT e.pk AS _pk, {_EVENT_COLUMNS} {_EVENT_FROM} {clause} ORDER BY e.pk LIMIT ?",
            [*where.params, last, batch],
        )
        if not rows:
            return
        for row in rows:
            data = dict(row)
            data.pop("_pk")
            yield EventRow(**data)
        last = rows[-1]["_pk"]


# -- quotes --------------------------------------------------------------------------------------


def query_quotes(
    store: Store,
    speaker: str | None = None,
    text: str | None = None,
    actor: str | None = None,
    since: str | None = None,
    until: str | None = None,
    article: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> Page[QuoteRow]:
    """Quotes by speaker name (substring, any case), words in the quote, or speaker's code."""
    limit, offset = _limits(limit, offset)
    where = _Where()
    if speaker:
        where.add("q.speaker_name LIKE ? ESCAPE '\\' COLLATE NOCASE", f"%{_like(speaker)}%")
    if text and (match := fts_query(text)):
        where.add("q.pk IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)", match)
    if actor:
        clause, params = _prefix("sa.code", actor.upper())
        where.add(clause, *params)
    if since:
        where.add("a.published >= ?", since)
    if until:
        where.add("a.published <= ?", until)
    if article:
        where.add("a.id = ?", article)
    base = (
        "FROM quotes q JOIN articles a ON a.pk = q.article_pk "
        "LEFT JOIN actors sa ON sa.article_pk = q.article_pk AND sa.id = q.speaker_actor"
    )
    total = store.read_one(f"SELECT COUNT(*) {base} {where.sql()}", where.params)
    rows = store.read(
        "SELECT a.id AS article_id, q.id AS quote_id, a.story_id, a.published, a.title, q.kind, "
        "q.text, q.speaker_name, sa.code AS speaker_code, sa.country AS speaker_country, "
        f'q.cue_text AS cue, q.start, q."end" {base} {where.sql()} '
        "ORDER BY a.published IS NULL, a.published DESC, q.article_pk, q.seq LIMIT ? OFFSET ?",
        [*where.params, limit, offset],
    )
    return Page[QuoteRow](
        total=int(total[0]) if total else 0, limit=limit, offset=offset,
        items=[QuoteRow(**dict(row)) for row in rows],
    )


def _like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


# -- actors --------------------------------------------------------------------------------------


def query_actors(
    store: Store,
    code: str | None = None,
    name: str | None = None,
    country: str | None = None,
    kind: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> Page[ActorRow]:
    """Actors across articles, grouped by (name, code, kind), most widely reported first."""
    limit, offset = _limits(limit, offset)
    where = _Where()
    if code:
        clause, params = _prefix("a.code", code.upper())
        where.add(clause, *params)
    if name:
        where.add("a.name LIKE ? ESCAPE '\\' COLLATE NOCASE", f"%{_like(name)}%")
    if country:
        where.add("a.country = ?", country.upper())
    if kind:
        where.add("a.kind = ?", kind)
    grouped = f"""
        WITH m AS (SELECT actor_pk, COUNT(*) AS n FROM mentions GROUP BY actor_pk),
        s AS (SELECT article_pk, source_actor AS id, COUNT(*) AS n FROM events
              WHERE source_actor IS NOT NULL GROUP BY article_pk, source_actor),
        t AS (SELECT article_pk, target_actor AS id, COUNT(*) AS n FROM events
              WHERE target_actor IS NOT NULL GROUP BY article_pk, target_actor)
        SELECT a.name, a.code, MAX(a.country) AS country, MAX(a.sector) AS sector, a.kind,
               COUNT(DISTINCT a.article_pk) AS articles, COALESCE(SUM(m.n), 0) AS mentions,
               COALESCE(SUM(s.n), 0) AS events_as_source,
               COALESCE(SUM(t.n), 0) AS events_as_target
        FROM actors a
        LEFT JOIN m ON m.actor_pk = a.pk
        LEFT JOIN s ON s.article_pk = a.article_pk AND s.id = a.id
        LEFT JOIN t ON t.article_pk = a.article_pk AND t.id = a.id
        {where.sql()}
        GROUP BY a.name, a.code, a.kind
    """
    total = store.read_one(f"SELECT COUNT(*) FROM ({grouped})", where.params)
    rows = store.read(
        f"{grouped} ORDER BY articles DESC, mentions DESC, a.name LIMIT ? OFFSET ?",
        [*where.params, limit, offset],
    )
    return Page[ActorRow](
        total=int(total[0]) if total else 0, limit=limit, offset=offset,
        items=[ActorRow(**dict(row)) for row in rows],
    )


# -- articles and stats --------------------------------------------------------------------------


def list_articles(
    store: Store,
    text: str | None = None,
    status: str | None = None,
    since: str | None = None,
    until: str | None = None,
    story: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> Page[ArticleRow]:
    """Articles (newest first) with their event and quote counts."""
    limit, offset = _limits(limit, offset)
    where = _Where()
    if text and (match := fts_query(text)):
        where.add("a.pk IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)", match)
    if status:
        where.add("a.status = ?", status)
    if since:
        where.add("a.published >= ?", since)
    if until:
        where.add("a.published <= ?", until)
    if story:
        where.add("a.story_id = ?", story)
    total = store.read_one(f"SELECT COUNT(*) FROM articles a {where.sql()}", where.params)
    rows = store.read(
        "SELECT a.id, a.status, a.error, a.title, a.published, a.url, a.source AS outlet, "
        "a.story_id, (SELECT COUNT(*) FROM events e WHERE e.article_pk = a.pk) AS events, "
        "(SELECT COUNT(*) FROM quotes q WHERE q.article_pk = a.pk) AS quotes "
        f"FROM articles a {where.sql()} "
        "ORDER BY a.published IS NULL, a.published DESC, a.pk DESC LIMIT ? OFFSET ?",
        [*where.params, limit, offset],
    )
    return Page[ArticleRow](
        total=int(total[0]) if total else 0, limit=limit, offset=offset,
        items=[ArticleRow(**dict(row)) for row in rows],
    )


def stats(store: Store) -> Stats:
    """Counts over the whole store, for summaries and the API's /stats."""
    row = store.read_one(
        "SELECT (SELECT COUNT(*) FROM articles WHERE status = 'ok') AS articles, "
        "(SELECT COUNT(*) FROM articles WHERE status = 'error') AS errors, "
        "(SELECT COUNT(DISTINCT story_id) FROM articles WHERE status = 'ok') AS stories, "
        "(SELECT COUNT(*) FROM events) AS events, (SELECT COUNT(*) FROM quotes) AS quotes, "
        "(SELECT COUNT(*) FROM actors) AS actors, (SELECT COUNT(*) FROM places) AS places, "
        "(SELECT COUNT(*) FROM dates) AS dates, (SELECT MIN(day) FROM events) AS first_day, "
        "(SELECT MAX(day) FROM events) AS last_day"
    )
    assert row is not None
    return Stats(**dict(row), schema_version=store.schema_version)
