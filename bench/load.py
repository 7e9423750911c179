"""``python -m bench.load [--sessions 10,20] [--reruns 200]``: capacity of the served app.

Starts the app on a free local port, then for each N opens N browser sessions at once (one
Chromium, network cut), waits until every map is drawn, and makes one control change in each
(the language switch, which rebuilds the whole map). It reads the server's own CPU time and
memory from /proc, so capacity comes out as server CPU-seconds per session and per change —
figures that hold however much the browsers compete with the server on this small machine.

With ``--reruns R`` one session uploads a table and toggles a layer R times: the server's
memory before and after shows whether reruns with an upload keep memory flat.

The waits one reader feels (opening the app, a control change, a drill-down), one session at a
time, are measured by ``python -m bench`` with the functions here.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import sync_playwright

from geo.paths import ROOT

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
LOCAL = ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:", "about:")
TICKS = os.sysconf("SC_CLK_TCK")


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_app(
    script: Path = ROOT / "app_streamlit.py", *, stock: bool = False
) -> tuple[subprocess.Popen, str]:
    """``script`` served on a free local port (``bench.serve``): (process, URL). As ``make run``
    serves it (``ui.server``), or with ``stock``, as ``streamlit run`` does."""
    port = _free_port()
    env = {**os.environ, **({"BENCH_STOCK_SERVER": "1"} if stock else {})}
    proc = subprocess.Popen(
        [sys.executable, "-m", "bench.serve", str(script), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{url}/_stcore/health", timeout=1)
            return proc, url
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("the app did not start within 60 s")


def _drawn(page, text: str, timeout_s: float = 120) -> None:
    """Wait until the page's title shows ``text`` and a map frame has drawn its 21 prefectures."""
    page.get_by_role("heading", name=text).first.wait_for(timeout=timeout_s * 1000)
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        for frame in page.frames:
            try:
                if frame.locator("path.leaflet-interactive").count() >= 21:
                    return
            except Exception:  # a frame replaced while Streamlit reruns
                continue
        page.wait_for_timeout(100)
    raise TimeoutError("map not drawn")


def _new_page(browser, blocked: list):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.route(
        "**/*", lambda r: r.continue_() if r.request.url.startswith(LOCAL) else (blocked.append(1), r.abort())
    )
    return context.new_page()


def sessions(browser, url: str, pid: int, n: int) -> dict:
    blocked: list = []
    pages = [_new_page(browser, blocked) for _ in range(n)]
    errors = 0
    cpu0, rss0, t0 = _cpu_seconds(pid), _rss_mb(pid), time.perf_counter()
    for page in pages:
        page.goto(url, wait_until="commit")
    for page in pages:
        try:
            _drawn(page, "四川省“十四五”软件与信息服务业空间布局")
        except Exception:
            errors += 1
    cpu1, rss1, t1 = _cpu_seconds(pid), _rss_mb(pid), time.perf_counter()
    for page in pages:
        page.locator('[data-testid="stSidebar"] label').filter(has_text="English").first.click()
    for page in pages:
        try:
            _drawn(page, "Sichuan software industry plan 2021–2025: spatial layout")
        except Exception:
            errors += 1
    cpu2, t2 = _cpu_seconds(pid), time.perf_counter()
    for page in pages:
        page.context.close()
    return {
        "sessions": n,
        "errors": errors,
        "external": len(blocked),
        "open_wall_s": t1 - t0,
        "cpu_per_open": (cpu1 - cpu0) / n,
        "change_wall_s": t2 - t1,
        "cpu_per_change": (cpu2 - cpu1) / n,
        "mb_per_session": (rss1 - rss0) / n,
        "rss_mb": rss1,
    }


_CHOROPLETH = "Software revenue as share of the province's industry"
_HAS_LEGEND = (
    "(t) => Array.from(document.querySelectorAll('.sw-legend')).some(e => e.textContent.includes(t))"
)


def _choropleth_shown(page) -> bool | None:
    for frame in page.frames:
        try:
            if frame.evaluate(
                "!!window.map_div && document.querySelectorAll('path.leaflet-interactive').length > 20"
            ):
                return frame.evaluate(_HAS_LEGEND, _CHOROPLETH)
        except Exception:  # a frame replaced while Streamlit reruns
            continue
    return None


# The moment (epoch ms) the floor's heading was first on its page, recorded by the page itself:
# a test driver's probes reach a page only when its main thread is free, so a poll would add the
# wait of whatever the page runs next. The map's frame marks its own (ui/map_frame/frame.js).
_RECORD_HEADING = """new MutationObserver((_, watch) => {
  if (![...document.querySelectorAll('h1')].some(h => h.textContent.includes('Streamlit floor'))) return;
  window.__swAt = performance.timeOrigin + performance.now();
  watch.disconnect();
}).observe(document, {subtree: true, childList: true});"""
_MAP_DRAWN = "performance.timeOrigin + performance.getEntriesByName('sw-map-drawn')[0].startTime"


def map_frame(page, timeout_s: float = 120):
    """The map's frame (the app's one component), as soon as the page has created it."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        for frame in page.frames:
            if "/component/" in frame.url:
                return frame
        page.wait_for_timeout(10)
    raise TimeoutError("no map frame")


def _open(browser, url: str, moment) -> float:
    """Seconds from opening ``url`` in a new session to ``moment(page)`` (epoch ms, once what it
    waits for is shown)."""
    page = _new_page(browser, [])
    page.context.add_init_script(_RECORD_HEADING)
    t0 = time.time() * 1000
    page.goto(url, wait_until="commit")
    seconds = (moment(page) - t0) / 1000
    page.context.close()
    return seconds


def _figures(times: list[float]) -> dict:
    times = sorted(times)
    return {"opens": len(times), "median_s": times[len(times) // 2], "min_s": times[0], "max_s": times[-1]}


def _opens(browser, url: str, n: int, moment) -> dict:
    """``n`` opens of ``url``, each in a new session (``_open``): their median, least and most."""
    return _figures([_open(browser, url, moment) for _ in range(n)])


def opens_in_turn(browser, pages: dict, n: int = 5) -> dict:
    """``n`` rounds in which each of ``pages`` (name -> (url, moment)) is opened once, in turn, in
    a new session: per name, the figures of ``_opens``. The sides share every round, so a moment
    the machine is busy falls on each of them alike, and their ratio keeps still."""
    times: dict = {name: [] for name in pages}
    for _ in range(n):
        for name, (url, moment) in pages.items():
            times[name].append(_open(browser, url, moment))
    return {name: _figures(t) for name, t in times.items()}


def map_drawn(page) -> float:
    _drawn(page, "四川省“十四五”软件与信息服务业空间布局")
    return map_frame(page).evaluate(_MAP_DRAWN)


def floor_shown(page) -> float:
    page.get_by_role("heading", name="Streamlit floor").first.wait_for(timeout=120_000)
    return page.evaluate("window.__swAt")


def _controls_shown(page) -> float:
    for where in ("[data-testid=stSidebar] [data-testid=stFileUploader]", "[data-testid=stMain] input"):
        page.locator(where).first.wait_for(timeout=120_000)
    return time.time() * 1000


def app_open(browser, url: str, n: int = 5) -> dict:
    """Median seconds from opening the URL to the map drawn, one new session at a time (the
    server warm: its first session is not counted)."""
    return _opens(browser, url, n, map_drawn)


def floor_open(browser, url: str, n: int = 5) -> dict:
    """Median seconds from opening a one-line app's URL (``bench/floor_app.py``) to its heading."""
    return _opens(browser, url, n, floor_shown)


def controls_open(browser, url: str, n: int = 5) -> dict:
    """Median seconds from opening the URL to every control drawn (the sidebar's upload, drawn
    last, and the find box above the map), as the test driver sees them."""
    return _opens(browser, url, n, _controls_shown)


@contextmanager
def floor_server(browser, *, stock: bool = True):
    """The one-line app served and opened once (warm, as the app's server is): yields its URL.
    ``stock``: served as ``streamlit run`` serves it (Streamlit's own floor); otherwise as the app is."""
    proc, url = start_app(ROOT / "bench" / "floor_app.py", stock=stock)
    try:
        floor_open(browser, url, 1)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def control_changes(browser, url: str, n: int) -> dict:
    """Median seconds from a click on a layer switch to the rebuilt map drawn (one session)."""
    page = _new_page(browser, [])
    page.goto(f"{url}/?lang=en")
    _drawn(page, "Sichuan software industry plan 2021–2025: spatial layout")
    box = page.locator('[data-testid="stSidebar"] label').filter(has_text="Indicator choropleth").first
    times = []
    for i in range(n):
        want = i % 2 == 0  # on, off, on, ...
        t0 = time.perf_counter()
        box.click()
        while _choropleth_shown(page) is not want:
            page.wait_for_timeout(20)
            if time.perf_counter() - t0 > 60:
                raise TimeoutError("map not redrawn")
        times.append(time.perf_counter() - t0)
    page.context.close()
    times.sort()
    return {"changes": n, "median_s": times[n // 2], "min_s": times[0], "max_s": times[-1]}


_LEGENDS_HTML = "() => Array.from(document.querySelectorAll('.sw-legend')).map(e => e.innerHTML).join('')"


def _legends_html(page) -> str | None:
    for frame in page.frames:
        try:
            if frame.evaluate("!!window.map_div"):
                return frame.evaluate(_LEGENDS_HTML)
        except Exception:  # a frame replaced while Streamlit reruns
            continue
    return None


def fresh_changes(browser, url: str) -> dict:
    """Median seconds from a control change the server has not drawn before (each palette,
    then each number of classes, with the choropleth on) to the map redrawn with it."""
    page = _new_page(browser, [])
    page.goto(f"{url}/?lang=en&layers=prefectures,choropleth&indicator=population&palette=Blues&k=2")
    _drawn(page, "Sichuan software industry plan 2021–2025: spatial layout")
    side = page.locator('[data-testid="stSidebar"]')
    steps = [("palette", p) for p in ("YlGnBu", "Oranges", "viridis", "cividis")]
    steps += [("k", None)] * 5  # 2 -> 3 -> ... -> 7
    times = []
    for control, value in steps:
        before = _legends_html(page)
        t0 = time.perf_counter()
        if control == "palette":
            box = side.get_by_role("combobox", name="Palette")
            box.click()
            box.press("ArrowDown")  # opens the list
            page.get_by_role("option", name=value, exact=True).click()
        else:
            side.get_by_role("slider").first.press("ArrowRight")
        while _legends_html(page) in (before, None, ""):
            page.wait_for_timeout(20)
            if time.perf_counter() - t0 > 60:
                raise TimeoutError(f"map not redrawn after {control} -> {value}")
        times.append(time.perf_counter() - t0)
    page.context.close()
    times.sort()
    n = len(times)
    return {"changes": n, "median_s": times[n // 2], "min_s": times[0], "max_s": times[-1]}


def timeline_steps(browser, url: str, rounds: int = 2) -> dict:
    """Median seconds from a step of the timeline under the map (the slider moved one year) to the
    map redrawn, warm: the years are stepped through once first, then timed over ``rounds`` more
    passes there and back (GDP, several years, class bounds pooled)."""
    page = _new_page(browser, [])
    page.goto(f"{url}/?lang=en&layers=prefectures,choropleth&indicator=gdp")
    _drawn(page, "Sichuan software industry plan 2021–2025: spatial layout")
    slider = page.locator('[data-testid="stMain"]').get_by_role("slider").first
    slider.wait_for(timeout=60_000)
    years = int(slider.get_attribute("max") or 0) - int(slider.get_attribute("min") or 0)  # steps
    slider.press("Home")
    page.wait_for_function(_AT_REST, timeout=60_000)
    times = []
    for rnd in range(rounds + 1):  # the first pass draws each year once: not timed
        for key in ["ArrowRight"] * years + ["ArrowLeft"] * years:
            page.wait_for_function(_AT_REST, timeout=60_000)
            before = _legends_html(page)
            t0 = time.perf_counter()
            slider.press(key)
            while _legends_html(page) in (before, None, ""):
                page.wait_for_timeout(20)
                if time.perf_counter() - t0 > 60:
                    raise TimeoutError(f"map not redrawn after the timeline's {key}")
            if rnd:
                times.append(time.perf_counter() - t0)
    page.context.close()
    times.sort()
    n = len(times)
    return {"changes": n, "median_s": times[n // 2], "min_s": times[0], "max_s": times[-1]}


def _paths(page) -> int | None:
    """The number of interactive paths in the app's map (``None`` while it is being replaced)."""
    for frame in page.frames:
        try:
            if frame.evaluate("!!window.map_div"):
                return frame.evaluate("document.querySelectorAll('path.leaflet-interactive').length")
        except Exception:  # a frame replaced while Streamlit reruns
            continue
    return None


def _wait_paths(page, count: int, t0: float) -> float:
    while _paths(page) != count:
        page.wait_for_timeout(20)
        if time.perf_counter() - t0 > 60:
            raise TimeoutError(f"map never showed {count} areas")
    return time.perf_counter() - t0


_AT_REST = "() => !document.querySelector('[data-testid=stStatusWidget]')"  # no run under way


def drill_downs(browser, url: str, table: Path, n: int = 5) -> dict:
    """Median seconds from choosing Chengdu in the extent control of an uploaded county table's
    map to its 20 counties drawn (and back to the province's 183)."""
    page = _new_page(browser, [])
    page.goto(f"{url}/?lang=en&layers=choropleth")
    _drawn(page, "Sichuan software industry plan 2021–2025: spatial layout")
    side = page.locator('[data-testid="stSidebar"]')
    side.locator('input[type="file"]').set_input_files(str(table))
    page.get_by_text("Uploaded indicators loaded").wait_for(timeout=60_000)
    for _ in range(5):  # pressed at rest; a list opened during a rerun closes with it: open it again
        page.wait_for_function(_AT_REST, timeout=60_000)
        side.get_by_role("combobox", name="Indicator").click()
        try:
            page.get_by_role("option", name=re.compile("面积")).click(timeout=5_000)
            break
        except Exception:
            page.keyboard.press("Escape")
    _wait_paths(page, 183, time.perf_counter())
    times = []
    for _ in range(n):
        for place, count in ((re.compile("^Chengdu"), 20), (re.compile("^whole province$"), 183)):
            extent = side.get_by_role("combobox", name="Extent")
            extent.click()
            extent.press("ArrowDown")  # opens the list
            t0 = time.perf_counter()
            page.get_by_role("option", name=place).click()
            elapsed = _wait_paths(page, count, t0)
            if count == 20:
                times.append(elapsed)
    page.context.close()
    times.sort()
    return {"changes": n, "median_s": times[n // 2], "min_s": times[0], "max_s": times[-1]}


def upload_reruns(browser, url: str, pid: int, reruns: int) -> dict:
    blocked: list = []
    page = _new_page(browser, blocked)
    page.goto(f"{url}/?lang=en")
    _drawn(page, "Sichuan software industry plan 2021–2025: spatial layout")
    with tempfile.TemporaryDirectory() as tmp:
        table = Path(tmp) / "t.csv"
        with table.open("w", encoding="utf-8", newline="") as fh:
            csv.writer(fh).writerows([["地区", "专利"], ["成都", "10"], ["绵阳", "4"], ["德阳", "2"]])
        page.locator('[data-testid="stSidebar"] input[type="file"]').set_input_files(str(table))
        page.get_by_text("Uploaded indicators loaded").wait_for(timeout=60_000)
    box = page.locator('[data-testid="stSidebar"] label').filter(has_text="Parks and zones").first
    rss0, cpu0 = _rss_mb(pid), _cpu_seconds(pid)
    for _ in range(reruns):
        cpu = _cpu_seconds(pid)
        box.click()
        deadline = time.monotonic() + 60  # the rerun is over when the server's CPU time stops moving
        while time.monotonic() < deadline:
            page.wait_for_timeout(150)
            now = _cpu_seconds(pid)
            if now > cpu and now - cpu < 0.02:
                break
            cpu = max(cpu, now) if now - cpu >= 0.02 else cpu
    rss1, cpu1 = _rss_mb(pid), _cpu_seconds(pid)
    page.context.close()
    return {
        "reruns": reruns,
        "rss_before_mb": rss0,
        "rss_after_mb": rss1,
        "kb_per_rerun": (rss1 - rss0) * 1024 / reruns,
        "cpu_per_rerun": (cpu1 - cpu0) / reruns,
    }


@contextmanager
def warm_server():
    """The app served on a free port and warmed by one session (a cold start is not measured),
    with a Chromium to drive it: yields (browser, url, server pid)."""
    proc, url = start_app()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=CHROMIUM,
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            sessions(browser, url, proc.pid, 1)
            yield browser, url, proc.pid
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", default="10,20", help="comma-separated session counts")
    parser.add_argument("--reruns", type=int, default=200, help="reruns with an upload (0: skip)")
    args = parser.parse_args(argv)
    counts = [int(x) for x in args.sessions.split(",") if x]
    with warm_server() as (browser, url, pid):
        print(f"server warm: {_rss_mb(pid):.0f} MB resident, {_cpu_seconds(pid):.1f} CPU-s so far")
        columns = (
            "sessions", "errors", "external requests", "open: wall s", "open: server CPU-s/session",
            "change: wall s", "change: server CPU-s/session", "server MB/session", "server RSS MB",
        )  # fmt: skip
        print("| " + " | ".join(columns) + " |")
        print("|" + "---:|" * len(columns))
        for n in counts:
            r = sessions(browser, url, pid, n)
            cells = (
                n, r["errors"], r["external"], f"{r['open_wall_s']:.1f}", f"{r['cpu_per_open']:.2f}",
                f"{r['change_wall_s']:.1f}", f"{r['cpu_per_change']:.2f}", f"{r['mb_per_session']:.1f}",
                f"{r['rss_mb']:.0f}",
            )  # fmt: skip
            print("| " + " | ".join(map(str, cells)) + " |")
            per_core_s = 1 / r["cpu_per_open"] if r["cpu_per_open"] else float("inf")
            print(f"  -> about {per_core_s:.1f} session opens per server core-second")
        if args.reruns:
            r = upload_reruns(browser, url, pid, args.reruns)
            print(
                f"reruns with an upload: {r['reruns']}, server RSS {r['rss_before_mb']:.0f} -> "
                f"{r['rss_after_mb']:.0f} MB ({r['kb_per_rerun']:.0f} KB/rerun), "
                f"{r['cpu_per_rerun']:.2f} server CPU-s/rerun"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
