"""The FastAPI application: one store, one lazily built pipeline, one JSON error shape.

`create_app` is the only entry point (the CLI's `serve`, the tests and anyone embedding the API
call it). The store is opened read-only unless writing is enabled, so a dashboard left running
can never change the dataset; coding a pasted story needs no write access and is always allowed.
Every error, whether raised by a route, by request validation or by the size limit, leaves as
`{"error": {"status", "code", "message", "detail"}}` so clients handle one shape.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from communique import __version__
from communique.config import Settings
from communique.errors import CommuniqueError, UsageError
from communique.pipeline import Pipeline
from communique.store import Store

HERE = Path(__file__).resolve().parent
#: largest request body accepted (bytes); a pasted story is far smaller
DEFAULT_MAX_BODY = 1_000_000
#: largest page any list endpoint returns
MAX_PAGE = 500
LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")
SECURITY_HEADERS = {
    # no inline script, no third-party origin: an injected <script> could not run even if a
    # template forgot to escape it
    "content-security-policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    ),
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}


@dataclass
class WebState:
    """What the routes share: the store, whether they may write, and the coding pipeline."""

    store: Store
    allow_write: bool
    settings: Settings
    max_body: int
    _pipeline: Pipeline | None = None
    #: one spaCy user at a time: coding a story and parsing the board's conditions share models
    nlp_lock: threading.Lock = field(default_factory=threading.Lock)

    def pipeline(self) -> Pipeline:
        """The pipeline, built on first use (loading spaCy takes seconds; listing needs none)."""
        with self.nlp_lock:
            if self._pipeline is None:
                self._pipeline = Pipeline.default(self.settings)
            return self._pipeline

    def code(self, text: str, published: str | None, title: str | None,
             doc_id: str | None) -> Any:
        """Code one text; serialized because the pipeline's stages keep per-call scratch."""
        from communique import code

        pipeline = self.pipeline()
        with self.nlp_lock:
            return code(text, published, title=title, doc_id=doc_id, pipeline=pipeline)


class ApiError(Exception):
    """An error a route reports to the client in the one JSON error shape."""

    def __init__(self, status: int, code: str, message: str, detail: Any = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.detail = status, code, message, detail


def error_body(status: int, code: str, message: str, detail: Any = None) -> dict[str, Any]:
    return {"error": {"status": status, "code": code, "message": message, "detail": detail}}


class BodyLimit:
    """Refuse request bodies over `limit` bytes, by Content-Length and while streaming (413)."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await _too_large(self.limit)(scope, receive, send)
            return
        seen = 0
        refused = False

        async def counted() -> Message:
            # over the limit: answer 413 ourselves and tell the app the client went away
            nonlocal seen, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    refused = True
                    await _too_large(self.limit)(scope, receive, send)
                    return {"type": "http.disconnect"}
            return message

        async def guarded(message: Message) -> None:
            if not refused:
                await send(message)

        await self.app(scope, counted, guarded)


def _too_large(limit: int) -> JSONResponse:
    return JSONResponse(error_body(413, "too_large", f"request body over {limit} bytes"), 413)


class HostGuard:
    """Refuse requests whose Host header is not an allowed name (DNS rebinding), 400 in JSON."""

    def __init__(self, app: ASGIApp, allowed: list[str]) -> None:
        self.app, self.allowed = app, {h.lower() for h in allowed}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and "*" not in self.allowed:
            host = dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1").lower()
            name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
            if name not in self.allowed:
                response = JSONResponse(error_body(400, "bad_host", f"host {host!r} not allowed"),
                                        400)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


class SecurityHeaders:
    """Add the security headers to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()
                         if k.encode() not in present]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, with_headers)


def _install_errors(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(_: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse(error_body(exc.status, exc.code, exc.message, exc.detail), exc.status)

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        detail = [{"loc": list(e.get("loc", ())), "message": e.get("msg", "")}
                  for e in exc.errors()]
        return JSONResponse(error_body(422, "invalid_request", "invalid request", detail), 422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        return JSONResponse(error_body(exc.status_code, code, str(exc.detail)), exc.status_code,
                            headers=getattr(exc, "headers", None))

    @app.exception_handler(UsageError)
    async def usage(_: Request, exc: UsageError) -> JSONResponse:
        return JSONResponse(error_body(400, "bad_request", exc.message, {"fix": exc.fix}), 400)

    @app.exception_handler(CommuniqueError)
    async def library(_: Request, exc: CommuniqueError) -> JSONResponse:
        return JSONResponse(error_body(500, exc.code, exc.message), 500)

    @app.exception_handler(Exception)
    async def unexpected(_: Request, exc: Exception) -> JSONResponse:
        return JSONResponse(error_body(500, "internal", type(exc).__name__), 500)


def create_app(
    db: str | Path,
    allow_write: bool = False,
    settings: Settings | None = None,
    max_body: int = DEFAULT_MAX_BODY,
    allowed_hosts: list[str] | None = None,
) -> FastAPI:
    """The API and dashboard over the store at `db` (read-only unless `allow_write`).

    `allowed_hosts` guards against DNS rebinding: by default only loopback names are accepted in
    the Host header, which is right for the default 127.0.0.1 binding; `serve --host` widens it.
    """
    from communique.web import api, views

    store = Store(db, readonly=not allow_write)
    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(
        title="communique", version=__version__, docs_url=None, redoc_url=None,
        description="Political event data from news: the store as JSON, and a dashboard.",
        lifespan=lifespan,
    )
    app.state.web = WebState(store, allow_write, settings or Settings(), max_body)
    _install_errors(app)
    app.include_router(api.router)
    app.include_router(views.router)
    app.include_router(views.docs_router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.get("/", include_in_schema=False)
    def home() -> RedirectResponse:
        return RedirectResponse("/ui/")

    app.add_middleware(HostGuard, allowed=allowed_hosts or list(LOOPBACK))
    app.add_middleware(BodyLimit, limit=max_body)
    app.add_middleware(SecurityHeaders)
    return app


def state(request: Request) -> WebState:
    """The routes' shared state (a FastAPI dependency)."""
    web: WebState = request.app.state.web
    return web
