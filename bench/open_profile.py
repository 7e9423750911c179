"""``python -m bench.open_profile [--opens N]``: where the app's open spends its time.

One server (``bench.serve``, warmed by one session) records, for every new session, how long
Streamlit took to set it up, and for every script run how long the run took with the garbage
collection Streamlit runs after it. Then N new browser sessions (network cut) open the URL one at
a time; for each, the moments (ms after the URL was opened) the page's heading showed, the map's
frame was created, the frame's page was loaded and its 21 prefectures drawn, and what the frame
fetched and when. Medians are printed, and the last open's frame requests.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench import load

_HEADING = "四川省“十四五”软件与信息服务业空间布局"
_FRAME_TIMES = """() => {
  const t0 = performance.timeOrigin, nav = performance.getEntriesByType('navigation')[0];
  const mark = (n) => t0 + performance.getEntriesByName(n)[0].startTime;
  return {loaded: t0 + nav.domContentLoadedEventEnd, drawn: t0 + performance.now(),
          args: mark('sw-args'), script: mark('sw-frame-script'), layers: mark('sw-map-drawn'),
          fetched: performance.getEntriesByType('resource').map(e => [e.name.split('/').pop(),
            Math.round(t0 + e.startTime), Math.round(t0 + e.responseEnd), e.decodedBodySize])};
}"""
_TOP_CHUNKS = "() => performance.getEntriesByType('resource').filter(e => e.name.includes('/js/')).length"
# the moment the page's heading first exists (epoch ms), recorded by the page itself
_WATCH_HEADING = """new MutationObserver(() => {
  if (!window.__headingAt && document.querySelector('h1'))
    window.__headingAt = performance.timeOrigin + performance.now();
}).observe(document, {subtree: true, childList: true});"""


def _lines(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines()) if path.exists() else 0


def _runs(path: Path) -> int:
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    return text.count('"script run')


def one_open(browser, url: str, log: Path) -> dict:
    runs_before = _runs(log)
    page = load._new_page(browser, [])
    page.context.add_init_script(_WATCH_HEADING)
    t0 = time.time() * 1000
    page.goto(url, wait_until="commit")
    frame = load.map_frame(page)
    created = time.time() * 1000  # within 10 ms of the frame's creation
    frame.wait_for_function(
        "document.querySelectorAll('path.leaflet-interactive').length >= 21", polling="raf", timeout=120_000
    )
    times = frame.evaluate(_FRAME_TIMES)
    page.get_by_role("heading", name=_HEADING).first.wait_for()
    page.wait_for_timeout(1000)  # any run the open itself triggers is over
    out = {
        "heading shown": page.evaluate("window.__headingAt") - t0,
        "frame created": created - t0,
        "frame page loaded": times["loaded"] - t0,
        "the app's first message received": times["args"] - t0,
        "the frame's script run": times["script"] - t0,
        "the layers run": times["layers"] - t0,
        "21 prefectures drawn": times["drawn"] - t0,
        "widget chunks fetched": page.evaluate(_TOP_CHUNKS),
        "server: script runs of this open": _runs(log) - runs_before,
        "fetched": [(name, start - t0, end - t0, size) for name, start, end, size in times["fetched"]],
    }
    page.context.close()
    return out


def main(argv: list[str] | None = None) -> int:
    about = __doc__.split("\n\n")[0]
    parser = argparse.ArgumentParser(prog="python -m bench.open_profile", description=about)
    parser.add_argument("--opens", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "runs.jsonl"
        os.environ["BENCH_RUN_LOG"] = str(log)  # read by bench.serve in the server's process
        with load.warm_server() as (browser, url, _pid):
            time.sleep(1)  # the warm-up session's last run is over
            server_before = _lines(log)
            opens = [one_open(browser, url, log) for _ in range(args.opens)]
        records = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()[server_before:]]
    keys = [k for k in opens[0] if k != "fetched"]
    print("| the open, ms after the URL (median of", args.opens, ") | ms |")
    print("|---|---:|")
    for key in keys:
        print(f"| {key} | {statistics.median(o[key] for o in opens):.0f} |")
    for kind in ("session set-up", "script run with its garbage collection"):
        values = [r["s"] * 1000 for r in records if r["what"] == kind]
        if values:
            print(f"| server: {kind} (median of {len(values)}) | {statistics.median(values):.0f} |")
    print("\nThe last open's map frame fetched (ms after the URL: start, end; KB):")
    for name, start, end, size in opens[-1]["fetched"]:
        print(f"  {start:6.0f} {end:6.0f} {size / 1024:7.1f}  {name[:70]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
