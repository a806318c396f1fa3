"""The JSON API in process, over a store built by coding a few invented stories."""

from __future__ import annotations

import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.request import Request, urlopen

import pytest
import uvicorn
from fastapi.testclient import TestClient

from communique import code
from communique.models import ArticleRecord
from communique.pipeline import Pipeline
from communique.store import Store
from communique.web import create_app
from communique.web.app import MAX_PAGE

BASE = "http://127.0.0.1"
# Invented stories (countries are real, events are not). The last one carries markup that must
# come out as text everywhere.
STORIES = [
    ("andes-talks", "Chile ready for talks with Bolivia", "2024-03-04",
     "Chile said on Monday that it was ready to hold talks with Bolivia on access to the sea if "
     "Bolivia withdrew its complaint at the court. Bolivia rejected the proposal for talks on "
     "Tuesday. Argentina urged Chile and Bolivia to resume dialogue in Buenos Aires."),
    ("andes-mediation", "Norway offers to mediate", "2024-03-20",
     "Norway offered to mediate between Chile and Bolivia on Wednesday. The Chilean foreign "
     "minister said Chile welcomed the offer. Bolivian officials accused Chile of stalling."),
    ("nairobi-arrests", "Kenyan police detain protesters", "2024-04-12",
     "Kenyan police arrested dozens of protesters in Nairobi on Friday. The government of Kenya "
     "accused Uganda of funding the protests, and Uganda denied the charge."),
    ("markup-story", "<b>Trade</b> deal <script>alert('title')</script>", "2024-05-12",
     "Brazil signed a trade agreement with Argentina in Brasilia on Sunday. "
     "<script>alert('owned')</script> The pact cuts tariffs on steel, officials said."),
]
SCRIPT_ID = "markup-story"
_BUILT: dict[str, Path] = {}


def build_store(pipeline: Pipeline) -> Path:
    """Code the stories once per process into a fresh store; later calls reuse the file."""
    if "db" not in _BUILT:
        folder = Path(tempfile.mkdtemp(prefix="communique-web-"))
        db = folder / "web.db"
        with Store(db) as store:
            for doc_id, title, published, text in STORIES:
                record = code(text, published, title=title, doc_id=doc_id, pipeline=pipeline)
                if doc_id == SCRIPT_ID:  # a hostile link must never become clickable
                    record = record.model_copy(update={"url": "javascript:alert(1)"})
                store.put(record)
        _BUILT["db"] = db
    return _BUILT["db"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running(app: Any) -> Iterator[str]:
    """uvicorn serving `app` on 127.0.0.1:<free port> in a thread; stopped and joined after."""
    config = uvicorn.Config(app, host="127.0.0.1", port=free_port(), log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{config.port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        assert not thread.is_alive()


@pytest.fixture(scope="session")
def web_db(pipeline: Pipeline) -> Path:
    return build_store(pipeline)


@pytest.fixture(scope="module")
def client(web_db: Path, pipeline: Pipeline) -> Iterator[TestClient]:
    app = create_app(web_db)
    app.state.web._pipeline = pipeline  # reuse the session's pipeline: spaCy loads once
    with TestClient(app, base_url=BASE) as test_client:
        yield test_client


def assert_error(response, status: int, code: str) -> dict:  # type: ignore[no-untyped-def]
    """Every error has one shape: {"error": {"status", "code", "message", "detail"}}."""
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"status", "code", "message", "detail"}
    assert body["error"]["status"] == status and body["error"]["code"] == code
    assert body["error"]["message"]
    return body["error"]


def test_stats_count_the_coded_stories(client: TestClient) -> None:
    stats = client.get("/stats").json()
    assert stats["articles"] == len(STORIES)
    assert stats["events"] >= 4 and stats["quotes"] >= 1 and stats["places"] >= 1


def test_articles_are_paginated(client: TestClient) -> None:
    first = client.get("/articles", params={"limit": 2}).json()
    second = client.get("/articles", params={"limit": 2, "offset": 2}).json()
    assert first["total"] == len(STORIES) and len(first["items"]) == 2
    assert first["items"][0]["id"] == SCRIPT_ID  # newest first
    ids = [a["id"] for a in first["items"] + second["items"]]
    assert sorted(ids) == sorted(s[0] for s in STORIES)
    assert client.get("/articles", params={"text": "Nairobi"}).json()["total"] == 1


def test_article_round_trip_and_not_found(client: TestClient, web_db: Path) -> None:
    body = client.get("/articles/andes-talks").json()
    with Store(web_db, readonly=True) as store:
        assert ArticleRecord(**body) == store.get_record("andes-talks")
    error = assert_error(client.get("/articles/nope"), 404, "not_found")
    assert "nope" in error["message"]


def test_event_filters_are_those_of_query_events(client: TestClient) -> None:
    everything = client.get("/events", params={"limit": MAX_PAGE}).json()
    chile = client.get("/events", params={"actor": "CHL"}).json()
    assert 0 < chile["total"] < everything["total"]
    assert all("CHL" in (e["source_code"] or "") + (e["target_code"] or "")
               for e in chile["items"])
    kenya = client.get("/events", params={"article": "nairobi-arrests"}).json()
    assert kenya["total"] >= 1 and {e["article_id"] for e in kenya["items"]} == {"nairobi-arrests"}
    late = client.get("/events", params={"since": "2024-04-01"}).json()
    assert all(e["day"] >= "2024-04-01" for e in late["items"])
    one = client.get("/events", params={"limit": 1, "offset": 1}).json()
    assert len(one["items"]) == 1 and one["items"][0] == everything["items"][1]
    assert everything["items"][0]["sentence"]  # evidence travels with every event


def test_invalid_parameters_share_the_error_shape(client: TestClient) -> None:
    error = assert_error(client.get("/events", params={"cameo": "abc"}), 422, "invalid_request")
    assert error["detail"][0]["loc"] == ["query", "cameo"]
    assert_error(client.get("/events", params={"limit": MAX_PAGE + 1}), 422, "invalid_request")
    assert_error(client.get("/articles", params={"since": "last week"}), 422, "invalid_request")
    assert_error(client.get("/no-such-endpoint"), 404, "not_found")
    assert_error(client.delete("/articles/andes-talks"), 405, "method_not_allowed")
    assert_error(client.get("/board", params={"dyad": "CHL"}), 400, "bad_request")


def test_quotes_and_actors(client: TestClient) -> None:
    quotes = client.get("/quotes").json()
    assert quotes["total"] >= 1 and all(q["text"] for q in quotes["items"])
    actors = client.get("/actors", params={"country": "BOL"}).json()
    assert actors["total"] >= 1 and all(a["country"] == "BOL" for a in actors["items"])
    assert_error(client.get("/actors", params={"kind": "planet"}), 422, "invalid_request")


def test_board_for_one_dyad(client: TestClient) -> None:
    board = client.get("/board", params={"dyad": "BOL-CHL", "conditions": "false"}).json()
    assert [d["dyad"] for d in board["dyads"]] == ["BOL-CHL"]
    items = board["dyads"][0]["items"]
    assert items and all(i["evidence"] and i["article_id"] for i in items)


def test_code_on_a_read_only_server_codes_without_storing(client: TestClient) -> None:
    before = client.get("/stats").json()["articles"]
    response = client.post("/code", json={
        "text": "Peru recalled its ambassador from Ecuador on Monday.", "published": "2024-06-03"})
    assert response.status_code == 200, response.text
    record = response.json()
    assert record["status"] == "ok" and record["text"].startswith("Peru")
    assert response.headers["x-communique-stored"] == "no"
    assert client.get("/stats").json()["articles"] == before
    assert_error(client.post("/code", json={"text": "Peru spoke.", "store": True}), 403,
                 "read_only")
    assert_error(client.post("/code", json={"text": ""}), 422, "invalid_request")
    assert_error(client.post("/code", json={"text": "x", "published": "June"}), 422,
                 "invalid_request")


def test_code_stores_when_writing_is_enabled(web_db: Path, pipeline: Pipeline,
                                             tmp_path: Path) -> None:
    db = tmp_path / "copy.db"
    shutil.copy(web_db, db)
    app = create_app(db, allow_write=True)
    app.state.web._pipeline = pipeline
    with TestClient(app, base_url=BASE) as writer:
        response = writer.post("/code", json={
            "id": "new-one", "text": "Ecuador expelled a Peruvian diplomat on Tuesday.",
            "published": "2024-06-04"})
        assert response.headers["x-communique-stored"] == "inserted"
        assert writer.get("/articles/new-one").json()["id"] == "new-one"
        again = writer.post("/code", json={
            "id": "new-one", "text": "Ecuador expelled a Peruvian diplomat on Tuesday.",
            "published": "2024-06-04"})
        assert again.headers["x-communique-stored"] == "unchanged"
        kept = writer.post("/code", json={"id": "dry-run", "text": "Peru spoke.", "store": False})
        assert kept.headers["x-communique-stored"] == "no"
        assert writer.get("/stats").json()["articles"] == len(STORIES) + 1


def test_request_size_limit(web_db: Path) -> None:
    app = create_app(web_db, max_body=1000)
    with TestClient(app, base_url=BASE) as small:
        big = {"text": "Peru spoke. " * 200}
        assert_error(small.post("/code", json=big), 413, "too_large")

        def chunks() -> Iterator[bytes]:  # no Content-Length: the limit counts while reading
            yield b'{"text": "'
            for _ in range(100):
                yield b"Peru spoke. "
            yield b'"}'

        response = small.post("/code", content=chunks(),
                              headers={"content-type": "application/json"})
        assert_error(response, 413, "too_large")


def test_only_loopback_host_names_are_served(client: TestClient) -> None:
    """A page on another site that rebinds its name to 127.0.0.1 cannot read the API."""
    assert_error(client.get("/stats", headers={"host": "attacker.example"}), 400, "bad_host")
    assert client.get("/stats", headers={"host": "localhost:8000"}).status_code == 200


def test_openapi_lists_every_endpoint(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/code", "/articles", "/articles/{article_id}", "/events", "/quotes",
                 "/actors", "/board", "/stats"):
        assert path in paths
    docs = client.get("/docs").text
    assert "/events" in docs and "per_story" in docs


def test_security_headers_on_every_response(client: TestClient) -> None:
    for url in ("/stats", "/ui/", "/static/app.js", "/nope"):
        headers = client.get(url).headers
        assert "script-src 'self'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"


def test_serve_command_binds_loopback_read_only(web_db: Path, tmp_path: Path) -> None:
    """`communique serve` as a user runs it: loopback, read-only, stopped by its own pid."""
    import json
    import subprocess
    import sys
    import urllib.error
    import urllib.request

    port = free_port()
    command = [sys.executable, "-m", "communique.cli", "serve", "--db", str(web_db),
               "--port", str(port)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as r:
                    assert json.load(r) == {"ok": True, "write": False}
                break
            except (urllib.error.URLError, ConnectionError):
                assert process.poll() is None and time.monotonic() < deadline, (
                    process.stderr.read() if process.stderr else "")
                time.sleep(0.2)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/stats", timeout=5) as r:
            assert json.load(r)["articles"] == len(STORIES)
    finally:
        process.terminate()
        process.wait(timeout=20)
    assert "read-only" in (process.stderr.read() if process.stderr else "")
    missing = subprocess.run([*command[:4], "--db", str(tmp_path / "none.db")],
                             capture_output=True, text=True, timeout=120)
    assert missing.returncode == 2 and "no database" in missing.stderr


def test_concurrent_readers_while_a_story_is_coded(web_db: Path, pipeline: Pipeline) -> None:
    """Threads of a real server share one read-only store; coding runs beside the reads."""
    app = create_app(web_db)
    app.state.web._pipeline = pipeline
    urls = ["/events?actor=CHL", "/articles", "/quotes", "/actors", "/stats",
            "/ui/articles/andes-talks", "/ui/network", "/ui/timeline?actors=BOL"] * 5

    def get(url: str) -> int:
        with urlopen(base + url, timeout=60) as response:
            response.read()
            return int(response.status)

    def post() -> int:
        request = Request(base + "/code", method="POST",
                          data=b'{"text": "Peru thanked Chile for its help on Monday."}',
                          headers={"content-type": "application/json"})
        with urlopen(request, timeout=120) as response:
            return int(response.status)

    with running(app) as base, ThreadPoolExecutor(max_workers=8) as pool:
        coding = pool.submit(post)
        statuses = list(pool.map(get, urls))
        assert coding.result() == 200
    assert statuses == [200] * len(urls)
