"""Browser fixtures: Debian's Chromium driven by Playwright, every non-local request blocked."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import sync_playwright

from tests.conftest import APP, ROOT

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


@pytest.fixture
def offline_page(browser):
    """A page whose non-local requests are refused and recorded in ``page.blocked``."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
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
    yield page
    context.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def app_url():
    with serve_app() as url:
        yield url


@contextmanager
def serve_app(env: dict[str, str] | None = None):
    """The app served on a free port of 127.0.0.1 (``env``: extra environment, e.g. its
    ``GEO_STORE``); yields its URL, stops it after."""
    port = _free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(APP),
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            "--server.address",
            "127.0.0.1",
        ],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{url}/_stcore/health", timeout=1)
            break
        except OSError:
            time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail("streamlit did not start within 60 s")
    try:
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def map_frame(page, min_paths: int, timeout_ms: int = 45_000):
    """The frame holding the Leaflet map once it has drawn ``min_paths`` paths."""
    deadline = time.monotonic() + timeout_ms / 1000
    while time.monotonic() < deadline:
        for frame in page.frames:
            if frame.locator("path.leaflet-interactive").count() >= min_paths:
                return frame
        page.wait_for_timeout(200)
    raise AssertionError(f"no frame drew {min_paths} paths within {timeout_ms} ms")
