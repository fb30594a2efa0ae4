"""Real-browser fixtures: Debian's Chromium driven by Playwright, against a real server process.

One server serves the whole session (`server`); a test that needs the demo event as the server
started it (nothing asked, the default phase, topics and agencies) asks for `fresh`, which puts the
database back in milliseconds, rather than for a server of its own. Every test here is marked
`slow`: `pytest -m "not slow"` leaves them out, `make test` runs them."""
import os
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from live import storage
from live.dialogue import programme

from ..support import ADMIN_PASSWORD, Server

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run", "--disable-sync"]
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}
TABLET = {"viewport": {"width": 1024, "height": 768}, "has_touch": True}
PROJECTOR = {"viewport": {"width": 1920, "height": 1080}}
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
HERE = Path(__file__).resolve().parent
AXE = next((HERE / "vendor").glob("axe-core-*/axe.min.js"))


def pytest_collection_modifyitems(items):
    """Chromium against a real server: slow, every one (the hook sees the whole session's tests)."""
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.slow)


def screenshot(page, name):
    """Refresh docs/screenshots when UPDATE_SCREENSHOTS=1 (make screenshots)."""
    if os.environ.get("UPDATE_SCREENSHOTS") == "1":
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def review_shot(page, name, **options):
    """Keep a picture for review when UI_SHOTS names a folder (not the docs' pictures)."""
    folder = os.environ.get("UI_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), **options)


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@contextmanager
def serving(tmp_path_factory, name, **options):
    """A Server (support.py) on a database of its own, its start kept for Server.reset()."""
    process = Server(tmp_path_factory.mktemp(name) / "live.db", **options)
    try:
        process.snapshot()
        yield process
    finally:
        process.stop()


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """`run.py --demo`, shared by every browser test (a module may override it, as test_console does)."""
    with serving(tmp_path_factory, "browser") as process:
        yield process


@pytest.fixture
def fresh(server):
    """The server's database as it started: for a test that counts, stages or changes what others see."""
    server.reset()
    return server


@pytest.fixture
def no_programme(fresh):
    """`fresh`, without the plan's programme: for a test that builds its own items (the server reads
    the database at every request, so the domain changes it under the running server)."""
    store = storage.connect(str(fresh.db_path))
    try:
        programme.replace(store, "test", store.event_by_code("demo"), [])
    finally:
        store.close()
    return fresh


@pytest.fixture
def open_page(browser, server):
    """open_page(device, path) -> a page in a fresh context; JS console errors fail the test."""
    contexts, errors = [], []

    def opener(device, path, **options):
        context = browser.new_context(base_url=server.url, locale="vi-VN", **device, **options)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("console", lambda message: message.type == "error" and errors.append(message.text))
        page.goto(path)
        return page

    yield opener
    for context in contexts:
        context.close()
    assert errors == []


@pytest.fixture
def context_for(browser, server):
    """context_for(device, **options) -> a fresh context; uncaught page errors fail the test
    (console errors are allowed here: an offline phone logs its failed requests)."""
    contexts, errors = [], []

    def make(device, **options):
        context = browser.new_context(base_url=server.url, locale="vi-VN", **device, **options)
        contexts.append(context)
        context.on("page", lambda page: page.on("pageerror", lambda error: errors.append(str(error))))
        return context

    yield make
    for context in contexts:
        context.close()
    assert errors == []


def log_in(page, username="admin", password=ADMIN_PASSWORD):
    response = page.request.post("/api/v1/login", data={"username": username, "password": password})
    assert response.ok


def approved(page, text, agency=None, votes=0):
    """An approved question of the demo event, routed to `agency`, with `votes` votes from as many
    attendees; returns its id. `page` is logged in as staff."""
    created = page.request.post("/api/v1/events/demo/questions", data={"text": text}).json()
    assert page.request.post(f"/api/v1/questions/{created['id']}/approve").ok
    if agency:
        assert page.request.post(f"/api/v1/questions/{created['id']}/route", data={"agency": agency}).ok
    for _ in range(votes):
        voter = page.context.browser.new_context(base_url=page.url)
        assert voter.request.post(f"/api/v1/questions/{created['id']}/vote").ok
        voter.close()
    return created["id"]


def mark_loaded(*pages):
    """A marker in each page that a reload would wipe out."""
    for page in pages:
        page.evaluate("window.__noReload = true")


def not_reloaded(*pages):
    return all(page.evaluate("window.__noReload") is True for page in pages)


def axe_violations(page):
    """axe-core's default rules on the page as it stands; the violations, serious and critical first."""
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("""async () => {
        const result = await axe.run(document, {resultTypes: ['violations']});
        return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 4).map(n => n.target.join(' ') + ' :: ' + n.failureSummary)}));
    }""")
    order = {"critical": 0, "serious": 1, "moderate": 2, "minor": 3}
    return sorted(found, key=lambda v: order.get(v["impact"], 4))
