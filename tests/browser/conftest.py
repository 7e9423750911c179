"""Browser fixtures: Debian's Chromium driven by Playwright, every non-local request blocked."""

from __future__ import annotations

import os
import time
from contextlib import contextmanager
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

from deploy.local import serve_app

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
LOCAL = (
    "http://localhost",
    "http://127.0.0.1",
    "ws://localhost",
    "ws://127.0.0.1",
    "data:",
    "blob:",
    "about:",
    "file:",
)


@dataclass
class Blocked:
    urls: list[str] = field(default_factory=list)


# Records, each time a map's view is reset (Leaflet's "viewreset": every path is projected and
# drawn anew), how many paths were drawn by then.
VIEW_RESETS = """(() => { let leaflet; window.__resets = [];
Object.defineProperty(window, 'L', {configurable: true, get: () => leaflet, set(v) {
  leaflet = v;
  v.Map.addInitHook(function () {
    this.on('viewreset', () =>
      window.__resets.push(document.querySelectorAll('path.leaflet-interactive').length));
  });
}}); })();"""


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield b
        b.close()


@contextmanager
def offline(browser, width: int = 1400, height: int = 900):
    """A page of ``width`` x ``height`` whose non-local requests are refused and recorded in
    ``page.blocked``, its console errors in ``page.console_errors``."""
    context = browser.new_context(viewport={"width": width, "height": height}, accept_downloads=True)
    blocked = Blocked()

    def route(r):
        if r.request.url.startswith(LOCAL):
            r.continue_()
        else:
            blocked.urls.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.blocked = blocked
    page.console_errors = []
    page.on("console", lambda msg: msg.type == "error" and page.console_errors.append(msg.text))
    try:
        yield page
    finally:
        context.close()


@pytest.fixture
def offline_page(browser):
    """A page whose non-local requests are refused and recorded in ``page.blocked``."""
    with offline(browser) as page:
        yield page


@pytest.fixture(scope="session")
def app_url():
    with serve_app() as url:
        yield url


def idle(page) -> None:
    """Wait until the app has finished its run (a reader presses what they can see at rest; a
    press during a rerun lands on a widget that is being replaced)."""
    page.wait_for_timeout(300)
    page.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget]')", timeout=60_000)


def _in_list(page, box, act, what: str) -> None:
    """Press the selectbox ``box``, then ``act`` on its list (within 5 s); a press during a rerun
    may close the list again or land on a box being replaced: the reader presses again."""
    for _ in range(5):
        idle(page)
        box.click()
        try:
            act(timeout=5_000)
            return
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
    raise AssertionError(f"{what} never appeared in the list")


def choose(page, box, option) -> None:
    """Open the selectbox ``box`` and press ``option`` (a locator in its list)."""
    _in_list(page, box, option.click, str(option))


def options(page, box) -> list[str]:
    """The options of the selectbox ``box`` as the reader sees them once its list is open."""
    _in_list(page, box, page.get_by_role("option").first.wait_for, "an option")
    return page.get_by_role("option").all_inner_texts()


def map_frame(page, min_paths: int, timeout_ms: int = 45_000):
    """The frame holding the Leaflet map once it has drawn ``min_paths`` paths."""
    deadline = time.monotonic() + timeout_ms / 1000
    while time.monotonic() < deadline:
        for frame in page.frames:
            if frame.locator("path.leaflet-interactive").count() >= min_paths:
                return frame
        page.wait_for_timeout(200)
    raise AssertionError(f"no frame drew {min_paths} paths within {timeout_ms} ms")
