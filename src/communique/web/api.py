"""The JSON API: thin routes over the library's query functions (no SQL of its own).

Every list is a `Page` (total, limit, offset, items) capped at `MAX_PAGE` rows, and every filter
has the name and meaning it has in `communique query`, so a command line and a URL translate one
to one.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request, Response
from pydantic import BaseModel, Field

from communique.models import ArticleRecord
from communique.query import (
    ActorRow,
    ArticleRow,
    EventFilter,
    EventRow,
    Page,
    QuoteRow,
    Stats,
    list_articles,
    query_actors,
    query_events,
    query_quotes,
    stats,
)
from communique.web.app import MAX_PAGE, ApiError, WebState, state

router = APIRouter()
DAY = r"^\d{4}(-\d{2}(-\d{2})?)?$"
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"rows per page (≤ {MAX_PAGE})")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="rows to skip")]
Since = Annotated[str | None, Query(pattern=DAY, description="first day, YYYY[-MM[-DD]]")]
Until = Annotated[str | None, Query(pattern=DAY, description="last day, YYYY[-MM[-DD]]")]
Short = Annotated[str | None, Query(max_length=200)]
Web = Annotated[WebState, Depends(state)]


class ErrorDetail(BaseModel):
    status: int
    code: str = Field(description="stable machine-readable code, e.g. not_found, too_large")
    message: str
    detail: object | None = None


class ErrorResponse(BaseModel):
    error: ErrorDetail


ERRORS: dict[int | str, dict[str, object]] = {
    code: {"model": ErrorResponse} for code in (400, 403, 404, 413, 422)
}


class CodeRequest(BaseModel):
    text: str = Field(min_length=1, description="the story to code")
    published: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$",
                                  description="publication date; anchors relative dates")
    title: str | None = Field(default=None, max_length=1000)
    id: str | None = Field(default=None, max_length=200, description="record id (default: hash)")
    store: bool | None = Field(
        default=None,
        description="store the record (default: when the server allows writing; true on a "
        "read-only server is refused with 403)",
    )


@router.post("/code", response_model=ArticleRecord, responses=ERRORS, tags=["code"])
def code_text(body: CodeRequest, web: Web, response: Response) -> ArticleRecord:
    """Code one story into an article record; store it when writing is enabled."""
    if body.store and not web.allow_write:
        raise ApiError(403, "read_only", "this server is read-only; start it with --allow-write")
    if len(body.text) > web.settings.max_chars:
        raise ApiError(413, "too_large", f"text over {web.settings.max_chars} characters")
    record: ArticleRecord = web.code(body.text, body.published, body.title, body.id)
    stored = "no"
    if web.allow_write and body.store is not False:
        stored = web.store.put(record)
    response.headers["x-communique-stored"] = stored
    return record


@router.get("/articles", response_model=Page[ArticleRow], responses=ERRORS, tags=["read"])
def articles(
    web: Web, text: Short = None, status: Literal["ok", "error"] | None = None,
    since: Since = None, until: Until = None, story: Short = None, limit: Limit = 50,
    offset: Offset = 0,
) -> Page[ArticleRow]:
    """Articles, newest first, with their event and quote counts."""
    return list_articles(web.store, text=text, status=status, since=since, until=until,
                         story=story, limit=limit, offset=offset)


@router.get("/articles/{article_id:path}", response_model=ArticleRecord, responses=ERRORS,
            tags=["read"])
def article(article_id: str, web: Web) -> ArticleRecord:
    """One stored article record, exactly as it was coded."""
    record = web.store.get_record(article_id)
    if record is None:
        raise ApiError(404, "not_found", f"no article with id {article_id!r}")
    return record


class EventQuery(BaseModel):
    """The filters of `communique query events`, as query parameters."""

    actor: str | None = Field(default=None, max_length=40)
    source: str | None = Field(default=None, max_length=40)
    target: str | None = Field(default=None, max_length=40)
    type: str | None = Field(default=None, max_length=20)
    cameo: str | None = Field(default=None, pattern=r"^\d{1,4}$")
    since: str | None = Field(default=None, pattern=DAY)
    until: str | None = Field(default=None, pattern=DAY)
    text: str | None = Field(default=None, max_length=200)
    article: str | None = Field(default=None, max_length=200)
    per_story: bool = False


@router.get("/events", response_model=Page[EventRow], responses=ERRORS, tags=["read"])
def events(
    web: Web, filters: Annotated[EventQuery, Query()], limit: Limit = 50, offset: Offset = 0,
) -> Page[EventRow]:
    """Events matching the filters, newest day first (each with its evidence sentence)."""
    return query_events(web.store, EventFilter(**filters.model_dump()), limit, offset)


@router.get("/quotes", response_model=Page[QuoteRow], responses=ERRORS, tags=["read"])
def quotes(
    web: Web, speaker: Short = None, text: Short = None, actor: Short = None,
    since: Since = None, until: Until = None, article: Short = None, limit: Limit = 50,
    offset: Offset = 0,
) -> Page[QuoteRow]:
    """Attributed quotes, newest first."""
    return query_quotes(web.store, speaker=speaker, text=text, actor=actor, since=since,
                        until=until, article=article, limit=limit, offset=offset)


@router.get("/actors", response_model=Page[ActorRow], responses=ERRORS, tags=["read"])
def actors(
    web: Web, code: Short = None, name: Short = None, country: Short = None,
    kind: Literal["person", "organization", "country", "igo", "group"] | None = None,
    limit: Limit = 50, offset: Offset = 0,
) -> Page[ActorRow]:
    """Actors with article, mention and event counts, most widely reported first."""
    return query_actors(web.store, code=code, name=name, country=country, kind=kind,
                        limit=limit, offset=offset)


@router.get("/board", responses=ERRORS, tags=["read"])
def board(
    web: Web, dyad: Annotated[str | None, Query(max_length=40, description="e.g. RUS-UKR")] = None,
    since: Since = None, until: Until = None, conditions: bool = True, limit: Limit = 50,
) -> dict[str, object]:
    """The negotiation board: per dyad, each party's positions and conditions with evidence."""
    from communique.board import build_board, parse_dyad

    with web.nlp_lock:
        result = build_board(web.store, dyad=dyad, since=since, until=until,
                             conditions=conditions)
    data = result.model_dump(mode="json")
    if dyad:
        wanted = "-".join(parse_dyad(dyad))
        data["dyads"] = [d for d in data["dyads"] if d["dyad"] == wanted]
    data["total"] = len(data["dyads"])
    data["dyads"] = data["dyads"][:limit]
    return data


@router.get("/stats", response_model=Stats, tags=["read"])
def store_stats(web: Web) -> Stats:
    """Counts over the whole store."""
    return stats(web.store)


@router.get("/health", include_in_schema=False)
def health(request: Request) -> dict[str, object]:
    web: WebState = state(request)
    return {"ok": True, "write": web.allow_write}
