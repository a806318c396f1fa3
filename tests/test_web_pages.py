"""The dashboard's pages in process: every view renders, every text is escaped, no asset comes
from anywhere but this server; and the chart geometry and text highlighting they rely on."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from communique.models import ArticleRecord
from communique.pipeline import Pipeline
from communique.query import EventRow
from communique.store import Store
from communique.web import charts, create_app
from communique.web.highlight import segments
from tests.test_web_api import BASE, SCRIPT_ID, build_store

PAGES = ["/ui/", "/ui/articles", "/ui/articles/andes-talks", f"/ui/articles/{SCRIPT_ID}",
         "/ui/timeline", "/ui/timeline?actors=CHL,BOL&group=quad&since=&until=",
         "/ui/network", "/ui/network?level=code&min=2&color=quad", "/ui/board",
         "/ui/board?dyad=chl-bol", "/ui/code", "/docs"]


@pytest.fixture(scope="module")
def client(pipeline: Pipeline) -> Iterator[TestClient]:
    app = create_app(build_store(pipeline))
    app.state.web._pipeline = pipeline
    with TestClient(app, base_url=BASE) as test_client:
        yield test_client


@pytest.mark.parametrize("url", PAGES)
def test_every_view_renders_with_local_assets_only(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200, response.text[:500]
    html = response.text
    assert html.startswith("<!doctype html>")
    # no CDN, no remote font, no inline script or style for the CSP to block
    assert not re.search(r'(src|href)="(https?:)?//', html)
    assert re.findall(r"<script[^>]*>", html) == ['<script src="/static/app.js" defer>']
    assert "style=" not in html and "<style" not in html
    assert not re.search(r"\bNone\b", re.sub(r"<[^>]+>", " ", html))  # blanks, not Python's None
    for asset in re.findall(r'(?:src|href)="(/static/[^"]+)"', html):
        assert client.get(asset).status_code == 200, asset


def test_markup_in_a_story_is_escaped(client: TestClient) -> None:
    html = client.get(f"/ui/articles/{SCRIPT_ID}").text
    assert "<script>alert" not in html and "<b>Trade" not in html
    assert "&lt;script&gt;alert(&#39;owned&#39;)&lt;/script&gt;" in html
    assert "&lt;b&gt;Trade&lt;/b&gt;" in html
    assert "javascript:" not in html  # a hostile url is not linked


def test_pasted_markup_is_escaped_and_not_stored(client: TestClient) -> None:
    before = client.get("/stats").json()["articles"]
    story = "Peru praised Chile for its aid on Monday. <img src=x onerror=alert(1)>"
    response = client.post("/ui/code", data={"text": story, "published": "2024-06-03"},
                           headers={"x-fragment": "1"})
    assert response.status_code == 200
    html = response.text
    assert html.startswith('<div id="coded"') and "<img" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert 'class="event-button"' in html
    assert client.get("/stats").json()["articles"] == before
    page = client.post("/ui/code", data={"text": story, "published": "not a day"}).text
    assert "is not a date" in page and "<!doctype html>" in page


def test_article_view_lists_every_annotation(client: TestClient, pipeline: Pipeline) -> None:
    with Store(build_store(pipeline), readonly=True) as store:
        record = store.get_record("andes-talks")
    assert record is not None
    html = client.get("/ui/articles/andes-talks").text
    assert html.count('class="event-card"') == len(record.events)
    for event in record.events:
        assert f'data-events="{event.id}' in html or f' {event.id}"' in html
        assert f"<code>{event.rule}</code>" in html


def test_unknown_article_and_bad_dyad_pages(client: TestClient) -> None:
    missing = client.get("/ui/articles/%3Cscript%3E")
    assert missing.status_code == 404 and "&lt;script&gt;" in missing.text
    assert "is not a dyad" in client.get("/ui/board?dyad=CHL").text


# -- highlighting and charts ----------------------------------------------------------------------


def test_segments_rebuild_the_text_and_mark_overlaps(pipeline: Pipeline) -> None:
    with Store(build_store(pipeline), readonly=True) as store:
        records = [store.get_record(i) for i in store.ids()]
    for record in records:
        assert isinstance(record, ArticleRecord)
        parts = segments(record)
        assert "".join(p.text for p in parts) == record.text
        for event in record.events:
            covered = [p for p in parts if event.id in p.events]
            assert "".join(p.text for p in covered) == event.trigger.text
    quoted = [p for r in records for p in segments(r) if {"quote", "event"} <= set(p.kinds)]
    assert quoted, "a trigger inside a quote carries both marks"


def _row(day: str, plover: str, quad: int, goldstein: float, source: str,
         target: str) -> EventRow:
    return EventRow(
        article_id="a", event_id=f"{day}{plover}{source}{target}", story_id=None, day=day,
        date=day, published=day, title=None, url=None, outlet=None, source_code=source,
        source_country=source[:3], source_sector=None, source_name=None, target_code=target,
        target_country=target[:3], target_sector=None, target_name=None, cameo="010",
        plover_type=plover, plover_mode=None, quad_class=quad, goldstein=goldstein,
        modality="asserted", negated=False, historical=False, confidence=0.9, rule=None,
        quote_id=None, trigger="x", sentence_index=0, sentence=None)


def test_goldstein_colours_run_from_conflict_to_cooperation() -> None:
    assert charts.goldstein_color(-10) == "#b2182b"
    assert charts.goldstein_color(10) == "#1b7837"
    assert charts.goldstein_color(0) == "#969696"
    assert charts.goldstein_color(None) == charts.UNKNOWN_COLOR
    assert charts.plover_color("AGREE") == charts.goldstein_color(10)
    assert charts.plover_color("ASSAULT") == charts.goldstein_color(-10)


def test_timeline_stacks_counts_per_bucket() -> None:
    rows = [_row("2024-01-05", "AGREE", 1, 4, "CHL", "BOL"),
            _row("2024-01-05", "ASSAULT", 4, -10, "BOL", "CHL"),
            _row("2024-01-06", "AGREE", 1, 4, "CHL", "BOL")]
    chart = charts.timeline(rows, "plover")
    assert chart.bucket == "day" and chart.max_count == 2 and chart.total == 3
    assert [t.label for t in chart.ticks] == ["2024-01-05", "2024-01-06"]
    assert len(chart.bars) == 3
    by_quad = charts.timeline(rows, "quad")
    assert [e.label for e in by_quad.legend] == ["verbal cooperation", "material conflict"]
    long = charts.timeline([_row(f"2024-{m:02d}-01", "AGREE", 1, 4, "A", "B")
                            for m in range(1, 7)])
    assert long.bucket == "month"


def test_network_edges_are_directed_and_coloured() -> None:
    rows = [_row("2024-01-05", "ASSAULT", 4, -10, "BOLMIL", "CHLGOV"),
            _row("2024-01-06", "AGREE", 1, 8, "CHLGOV", "BOLGOV"),
            _row("2024-01-07", "AGREE", 1, 8, "CHLGOV", "BOLGOV")]
    net = charts.network(rows, "country")
    assert {n.key for n in net.nodes} == {"BOL", "CHL"}
    assert (net.width, net.height) == (640, 640)
    assert all(0 <= n.x <= net.width and 0 <= n.y <= net.height for n in net.nodes)
    edges = {(e.source, e.target): e for e in net.edges}
    assert edges[("BOL", "CHL")].color == charts.goldstein_color(-10)
    assert edges[("CHL", "BOL")].count == 2 and edges[("CHL", "BOL")].width == 5.0
    assert edges[("BOL", "CHL")].path != edges[("CHL", "BOL")].path
    quads = {(e.source, e.target): e.color for e in charts.network(rows, color_by="quad").edges}
    assert quads[("BOL", "CHL")] == charts.QUAD_COLORS[4]
    assert quads[("CHL", "BOL")] == charts.QUAD_COLORS[1]
    thinned = charts.network(rows, "country", min_events=2)
    assert [(e.source, e.target) for e in thinned.edges] == [("CHL", "BOL")]
    codes = charts.network(rows, "code")
    assert {n.key for n in codes.nodes} == {"BOLMIL", "CHLGOV", "BOLGOV"}


def test_screenshots_are_kept_in_docs() -> None:
    """The browser tests write them; the docs reference them (see docs/api.md)."""
    doc = (Path(__file__).resolve().parent.parent / "docs" / "api.md").read_text()
    for name in re.findall(r"screenshots/([\w-]+\.png)", doc):
        assert (Path(__file__).resolve().parent.parent / "docs" / "screenshots" / name).exists()


def test_an_empty_store_renders_every_view(tmp_path: Path) -> None:
    db = tmp_path / "empty.db"
    Store(db).close()
    with TestClient(create_app(db), base_url=BASE) as empty:
        for url in PAGES:
            response = empty.get(url)
            if "/articles/" in url:
                assert response.status_code == 404
            else:
                assert response.status_code == 200, (url, response.text[:300])
        assert empty.get("/events").json() == {"total": 0, "limit": 50, "offset": 0, "items": []}


def test_ids_with_slashes_reach_their_article(pipeline: Pipeline, tmp_path: Path) -> None:
    db = tmp_path / "slash.db"
    with Store(db) as store:
        source = Store(build_store(pipeline), readonly=True)
        record = source.get_record("andes-talks")
        source.close()
        assert record is not None
        store.put(record.model_copy(update={"id": "wire/2024/andes talks"}))
    with TestClient(create_app(db), base_url=BASE) as slashed:
        assert slashed.get("/articles/wire/2024/andes%20talks").json()["id"] == (
            "wire/2024/andes talks")
        listing = slashed.get("/ui/articles").text
        href = re.search(r'href="(/ui/articles/wire[^"]+)"', listing)
        assert href and slashed.get(href.group(1)).status_code == 200
