"""Real-browser fixtures: Debian's Chromium driven by Playwright, against a real server process."""
import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from ..support import ADMIN_PASSWORD, Server

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run", "--disable-sync"]
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}
TABLET = {"viewport": {"width": 1024, "height": 768}, "has_touch": True}
PROJECTOR = {"viewport": {"width": 1920, "height": 1080}}
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def screenshot(page, name):
    """Refresh docs/screenshots when UPDATE_SCREENSHOTS=1 (make screenshots)."""
    if os.environ.get("UPDATE_SCREENSHOTS") == "1":
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def server(tmp_path):
    process = Server(tmp_path / "live.db")
    yield process
    process.stop()


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


def log_in(page, username="admin", password=ADMIN_PASSWORD):
    response = page.request.post("/api/v1/login", data={"username": username, "password": password})
    assert response.ok
