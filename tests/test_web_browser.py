"""The dashboard end to end in headless Chromium (Debian's `chromium`, driven by Playwright).

A real uvicorn server runs on a free loopback port in a thread over the test store; the browser
loads each view as a person would, and a screenshot of each page is kept in docs/screenshots/.
Set COMMUNIQUE_SKIP_BROWSER=1 to skip these tests on a machine without chromium; otherwise a
missing browser is a failure (run `make browser`).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

from communique.pipeline import Pipeline
from communique.web import create_app
from tests.test_web_api import SCRIPT_ID, build_store, running

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
DOC_SHOTS = Path(__file__).resolve().parent.parent / "docs" / "screenshots"

if os.environ.get("COMMUNIQUE_SKIP_BROWSER"):
    pytest.skip("COMMUNIQUE_SKIP_BROWSER is set", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright")


@pytest.fixture(scope="module")
def server(pipeline: Pipeline) -> Iterator[str]:
    """uvicorn on 127.0.0.1:<free port> in a thread; stopped (and joined) after the module."""
    app = create_app(build_store(pipeline))
    app.state.web._pipeline = pipeline
    with running(app) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    assert Path(CHROMIUM).exists() or shutil.which("chromium"), (
        "Debian's chromium is missing: run `make browser` (apt-get install -y chromium)")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server: str, shots_dir: Path):  # type: ignore[no-untyped-def]
    """A fresh page that records console errors, dialogs and any request off this server."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.problems = []  # type: ignore[attr-defined]
    tab.shots_dir = shots_dir  # type: ignore[attr-defined]
    origin = urlparse(server).netloc
    tab.on("console", lambda m: m.type == "error" and tab.problems.append(m.text))
    tab.on("pageerror", lambda e: tab.problems.append(str(e)))
    tab.on("dialog", lambda d: (tab.problems.append("dialog: " + d.message), d.dismiss()))
    tab.on("request", lambda r: urlparse(r.url).netloc in ("", origin)
           or tab.problems.append("off-site request: " + r.url))
    tab.set_default_timeout(60_000)
    yield tab
    context.close()
    assert tab.problems == []  # no script errors, no alert() ran, nothing fetched elsewhere


@pytest.fixture(scope="module")
def shots_dir(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """docs/screenshots/ when regenerating on purpose (--update-golden), else a temporary folder,
    so that a test run does not rewrite the committed pictures."""
    if request.config.getoption("--update-golden"):
        return DOC_SHOTS
    return tmp_path_factory.mktemp("screenshots")


def shot(tab, name: str) -> None:  # type: ignore[no-untyped-def]
    folder = tab.shots_dir
    folder.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(folder / f"{name}.png"), full_page=True)


def test_overview_and_article_list(page, server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/")
    assert page.url.endswith("/ui/")
    assert page.locator(".stats dd").first.inner_text() == "4"
    shot(page, "overview")
    page.click("nav >> text=Articles")
    assert page.locator("a.article-link").count() == 4
    shot(page, "articles")


def test_open_an_article_and_click_an_event(page, server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/ui/articles")
    page.click("a.article-link >> text=Chile ready for talks with Bolivia")
    page.wait_for_selector(".article-text")
    for kind in ("actor", "event", "date", "place"):
        assert page.locator(f".article-text .hl-{kind}").count() >= 1, kind
    card = page.locator(".event-card:visible")
    assert card.count() == 0
    page.locator(".article-text .hl-event").first.click()
    assert card.count() == 1
    assert card.locator(".rule").inner_text().strip() not in ("", "—")
    assert 0 < float(card.locator(".confidence").inner_text()) <= 1
    evidence = card.locator(".evidence").inner_text()
    assert evidence and evidence in page.locator(".article-text").inner_text()
    assert page.locator(".seg.evidence-sentence").count() >= 1
    shot(page, "article")
    # the event list selects the same cards
    buttons = page.locator(".event-button")
    buttons.last.click()
    assert card.count() == 1 and card.get_attribute("data-event") == (
        buttons.last.get_attribute("data-event"))


def test_script_in_a_story_is_shown_as_text(page, server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server}/ui/articles/{SCRIPT_ID}")
    text = page.locator(".article-text").inner_text()
    assert "<script>alert('owned')</script>" in text
    assert "<script>alert('title')</script>" in page.locator("h1").inner_text()
    assert page.locator("main script").count() == 0
    assert page.locator("a >> text=source").count() == 0  # the javascript: link is not linked


def test_timeline_network_and_board(page, server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/ui/timeline?actors=CHL,BOL")
    assert page.locator("svg.timeline rect.bar").count() >= 1
    everything = page.locator("table.events-table tbody tr").count()
    page.locator("svg.timeline rect.bar").first.click()  # a bar narrows to its day
    page.wait_for_url("**since=2024-**")
    assert 1 <= page.locator("table.events-table tbody tr").count() < everything
    page.goto(server + "/ui/timeline?actors=CHL,BOL")
    page.select_option("select[name=group]", "quad")
    page.click("form.filters button")
    page.wait_for_url("**group=quad**")
    assert "cooperation" in page.locator(".chart-legend").inner_text() or (
        "conflict" in page.locator(".chart-legend").inner_text())
    shot(page, "timeline")
    page.goto(server + "/ui/network")
    assert page.locator("svg.network .node").count() >= 2
    assert page.locator("svg.network .edge").count() >= 1
    page.hover("svg.network .node[data-key=CHL] circle")
    picked = page.locator("svg.network .edge.picked")
    assert picked.count() >= 1
    for i in range(picked.count()):
        assert "CHL" in (picked.nth(i).get_attribute("data-source"),
                         picked.nth(i).get_attribute("data-target"))
    shot(page, "network")
    page.goto(server + "/ui/board")
    page.click("a.dyad-link >> text=BOL-CHL")
    page.wait_for_selector(".position")
    assert page.locator(".position").count() == 2
    assert page.locator("table.board-items tbody tr").count() >= 1
    shot(page, "board")


def test_paste_a_story_and_see_its_events(page, server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/ui/code")
    page.fill("#code-text", "Paraguay accused Brazil of polluting the river on Monday. "
                            "<script>alert('pasted')</script>")
    page.fill("#code-published", "2024-07-01")
    page.click("#code-submit")
    page.wait_for_selector("#coded .event-button", timeout=120_000)
    assert page.url.endswith("/ui/code")  # coded in place, no navigation
    assert page.locator("#coded .event-button").count() >= 1
    assert "<script>alert('pasted')</script>" in page.locator("#coded .article-text").inner_text()
    page.locator("#coded .event-button").first.click()
    assert page.locator("#coded .event-card:visible .rule").count() == 1
    shot(page, "code")


def test_api_docs_page(page, server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/docs")
    assert page.locator("section.operation").count() >= 8
    shot(page, "api-docs")
