"""Time from navigation to all polygons drawn, in the system Chromium, network blocked."""

from __future__ import annotations

import os
import statistics
from functools import partial
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# Records the moment the page, having `min` interactive paths (checked on every DOM change), is
# about to be painted: its next animation frame, after every script and task queued before it.
_WATCH = """
(() => {
  const min = %d;
  let seen = false;
  const check = () => {
    if (!seen && document.querySelectorAll('path.leaflet-interactive').length >= min) {
      seen = true;
      requestAnimationFrame(() => { window.__drawnAt = performance.now(); });
    }
  };
  new MutationObserver(check).observe(document, {subtree: true, childList: true});
})();
"""


def _local_only(route, *, blocked: list[str]) -> None:
    if route.request.url.startswith(("file:", "data:")):
        route.continue_()
    else:
        blocked.append(route.request.url)
        route.abort()


def time_to_drawn(path: Path, min_paths: int, runs: int, timeout_ms: int = 120_000) -> dict:
    """Median seconds until ``min_paths`` paths exist, and the number of external requests."""
    return times_to_drawn({"page": path}, min_paths, runs, timeout_ms)["page"]


def times_to_drawn(pages: dict[str, Path], min_paths: int, runs: int, timeout_ms: int = 120_000) -> dict:
    """``time_to_drawn`` of each page, the pages opened in turn (one of each, ``runs`` times), so
    that a machine slowing down or speeding up during the measure weighs on each page alike; a
    first round, not counted, warms the new browser (whichever page came first paid for it)."""
    times: dict[str, list[float]] = {name: [] for name in pages}
    external: dict[str, int] = dict.fromkeys(pages, 0)
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        for counted in (False, *[True] * runs):
            for name, path in pages.items():
                context = browser.new_context(viewport={"width": 1400, "height": 900})
                blocked: list[str] = []
                context.route("**/*", partial(_local_only, blocked=blocked))
                context.add_init_script(_WATCH % min_paths)
                page = context.new_page()
                page.goto(path.as_uri())
                page.wait_for_function("window.__drawnAt", timeout=timeout_ms)
                if counted:
                    times[name].append(page.evaluate("window.__drawnAt") / 1000)
                external[name] = len(blocked)
                context.close()
        browser.close()
    return {name: {"seconds": statistics.median(times[name]), "external": external[name]} for name in pages}
