"""The dashboard: server-rendered pages over the same query functions as the JSON API.

Pages render completely without JavaScript (charts are inline SVG computed in `charts.py`);
`static/app.js` only adds clicking an event to see its evidence and coding a pasted story in
place. Jinja2 autoescaping is on for every template, so article text, names and quotes are
always rendered as text, never as markup.
"""

from __future__ import annotations

import re
from typing import Annotated, Any
from urllib.parse import parse_qs

import jinja2
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from communique.errors import UsageError
from communique.models import ArticleRecord
from communique.query import (
    EventFilter,
    EventRow,
    list_articles,
    query_actors,
    query_events,
    stats,
)
from communique.web import charts
from communique.web.app import HERE, MAX_PAGE, WebState, state
from communique.web.highlight import segments

router = APIRouter(prefix="/ui", include_in_schema=False)
#: most events a chart reads; the page says so when the store holds more
CHART_EVENTS = 5000
#: events listed under a chart
TABLE_ROWS = 50
templates = Jinja2Templates(env=jinja2.Environment(
    loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True,
    undefined=jinja2.StrictUndefined, lstrip_blocks=True,
))
Web = Annotated[WebState, Depends(state)]
Text = Annotated[str | None, Query(max_length=200)]
#: a day from a form: empty or malformed means no bound (forms send every field, even blank)
Day = Annotated[str | None, Query(max_length=10)]
DAY = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _day(value: str | None) -> str | None:
    value = (value or "").strip()
    return value if DAY.match(value) else None


def page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    context.setdefault("nav", name.removesuffix(".html"))
    return templates.TemplateResponse(request, name, context, status_code=status)


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, web: Web) -> HTMLResponse:
    recent = list_articles(web.store, limit=10)
    return page(request, "overview.html", summary=stats(web.store), recent=recent,
                write=web.allow_write)


@router.get("/articles", response_class=HTMLResponse)
def articles(request: Request, web: Web, text: Text = None,
             offset: Annotated[int, Query(ge=0)] = 0) -> HTMLResponse:
    result = list_articles(web.store, text=text or None, limit=50, offset=offset)
    return page(request, "articles.html", result=result, text=text or "")


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article(request: Request, article_id: str, web: Web) -> HTMLResponse:
    record = web.store.get_record(article_id)
    if record is None:
        return page(request, "error.html", 404, message=f"No article with id {article_id!r}.")
    return page(request, "article.html", nav="articles", **record_context(record))


def record_context(record: ArticleRecord) -> dict[str, Any]:
    """What the record partial needs: the record, its highlighted segments and lookups."""
    actors = {a.id: a for a in record.actors}
    places = {p.id: p for p in record.places}
    quotes = {q.id: q for q in record.quotes}

    def sentence(index: int) -> tuple[int, int, str]:
        if 0 <= index < len(record.sentences):
            s = record.sentences[index]
            return s.start, s.end, record.text[s.start : s.end]
        return 0, 0, ""

    return {"record": record, "segments": segments(record), "actors": actors,
            "places": places, "quotes": quotes, "sentence": sentence}


def _split_codes(value: str | None) -> list[str]:
    return [c.strip().upper() for c in (value or "").replace(" ", ",").split(",") if c.strip()]


def _chart_events(web: WebState, filters: list[EventFilter]) -> tuple[list[EventRow], bool]:
    """Events for a chart, one query per filter, merged without duplicates; and whether any
    query had more matches than a chart reads."""
    seen: dict[str, EventRow] = {}
    truncated = False
    for f in filters:
        result = query_events(web.store, f, limit=CHART_EVENTS)
        truncated = truncated or result.total > len(result.items)
        for row in result.items:
            seen.setdefault(f"{row.article_id}/{row.event_id}", row)
    return list(seen.values()), truncated


@router.get("/timeline", response_class=HTMLResponse)
def timeline(request: Request, web: Web, actors: Text = None, group: str = "plover",
             since: Day = None, until: Day = None) -> HTMLResponse:
    codes = _split_codes(actors)[:10]
    since, until = _day(since), _day(until)
    group = "quad" if group == "quad" else "plover"
    filters = [EventFilter(actor=c, since=since, until=until) for c in codes] or [
        EventFilter(since=since, until=until)]
    rows, truncated = _chart_events(web, filters)
    chart = charts.timeline(rows, group)
    rows.sort(key=lambda r: r.day or "", reverse=True)
    known = query_actors(web.store, kind="country", limit=100).items
    return page(request, "timeline.html", chart=chart, actors=", ".join(codes), group=group,
                since=since or "", until=until or "", truncated=truncated,
                limit=CHART_EVENTS, latest=rows[:TABLE_ROWS], known=known)


@router.get("/network", response_class=HTMLResponse)
def network(request: Request, web: Web, level: str = "country", type: Text = None,
            since: Day = None, until: Day = None,
            min_events: Annotated[int, Query(alias="min", ge=1, le=1000)] = 1,
            color: str = "goldstein") -> HTMLResponse:
    level = "code" if level == "code" else "country"
    color = "quad" if color == "quad" else "goldstein"
    since, until = _day(since), _day(until)
    rows, truncated = _chart_events(web, [EventFilter(type=type or None, since=since,
                                                  until=until)])
    chart = charts.network(rows, level, min_events=min_events, color_by=color)
    legend = ([(label, charts.QUAD_COLORS[q]) for q, label in charts.QUAD_LABELS.items()]
              if color == "quad" else
              [(f"Goldstein {g:+d}", charts.goldstein_color(g)) for g in (-10, -5, 0, 5, 10)])
    return page(request, "network.html", chart=chart, level=level, type=type or "",
                min=min_events, color=color,
                since=since or "", until=until or "", truncated=truncated,
                limit=CHART_EVENTS, legend=legend)


@router.get("/board", response_class=HTMLResponse)
def board(request: Request, web: Web, dyad: Annotated[str | None, Query(max_length=40)] = None,
          since: Day = None, until: Day = None) -> HTMLResponse:
    from communique.board import build_board, parse_dyad

    since, until = _day(since), _day(until)
    dyads = _dyad_list(web, since, until)
    chosen, error = None, None
    if dyad:
        try:
            wanted = "-".join(parse_dyad(dyad))
        except UsageError as exc:
            error = exc.message
        else:
            with web.nlp_lock:
                found = build_board(web.store, dyad=wanted, since=since, until=until).dyads
            chosen = next((d for d in found if d.dyad == wanted), None)
    lanes = None
    if chosen is not None:
        names = {p.party: p.name or p.party for p in chosen.parties}
        names.update({t.party: t.name or t.party for t in chosen.third_parties})
        lanes = charts.board_lanes(chosen.items, names)
    return page(request, "board.html", dyads=dyads, dyad=dyad or "", chosen=chosen, lanes=lanes,
                error=error,
                since=since or "", until=until or "", colors=charts.BOARD_COLORS)


_DYADS: dict[tuple[Any, ...], list[tuple[str, int]]] = {}


def _dyad_list(web: WebState, since: str | None, until: str | None) -> list[tuple[str, int]]:
    """Every dyad on the board with its item count; reading the whole store takes seconds on a
    big one, so the list is kept until the store's counts change."""
    from communique.board import build_board

    summary = stats(web.store)
    key = (id(web.store), summary.articles, summary.events, summary.last_day, since, until)
    if key not in _DYADS:
        everything = build_board(web.store, since=since, until=until, conditions=False)
        if len(_DYADS) > 32:
            _DYADS.clear()
        _DYADS[key] = [(d.dyad, len(d.items)) for d in everything.dyads]
    return _DYADS[key]


@router.get("/code", response_class=HTMLResponse)
def code_form(request: Request, web: Web) -> HTMLResponse:
    return page(request, "code.html", text="", published="", result=None, error=None,
                write=web.allow_write)


@router.post("/code", response_class=HTMLResponse)
async def code_story(request: Request, web: Web) -> HTMLResponse:
    """Code a pasted story and show it; never stores (a cross-site form could post here)."""
    from starlette.concurrency import run_in_threadpool

    form = parse_qs((await request.body()).decode("utf-8", errors="replace"))
    text = (form.get("text") or [""])[0]
    published = (form.get("published") or [""])[0].strip() or None
    error = None
    if published and not _is_day(published):
        error, published = f"{published!r} is not a date (YYYY-MM-DD); ignored.", None
    context: dict[str, Any] = {"text": text, "published": published or "", "error": error,
                               "result": None, "write": web.allow_write}
    if text.strip():
        record = await run_in_threadpool(web.code, text, published, None, None)
        context.update(record_context(record), result=record)
    name = "_coded.html" if request.headers.get("x-fragment") else "code.html"
    return page(request, name, nav="code", **context)


def _is_day(value: str) -> bool:
    import datetime as dt

    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


docs_router = APIRouter(include_in_schema=False)


@docs_router.get("/docs", response_class=HTMLResponse)
def docs(request: Request) -> HTMLResponse:
    """The API reference, rendered from the OpenAPI schema without any CDN asset."""
    schema = request.app.openapi()
    operations = []
    for path, methods in schema.get("paths", {}).items():
        for method, op in methods.items():
            operations.append({"method": method.upper(), "path": path, "op": op})
    return page(request, "docs.html", nav="docs", schema=schema, operations=operations,
                max_page=MAX_PAGE)
