"""``python -m bench --check``: a quick run compared with the committed figures (``bench/baseline.json``).

Every measure is a ratio to a peer or a floor measured in the same run, so a busy machine slows
both sides and does not trip the guard:

- app open / Streamlit's floor: the URL to 21 prefectures drawn, against a one-line app's URL
  to its heading (``bench/floor_app.py``), opens of the two alternating;
- export, whole process / peer: ``python -m geo export`` (the default map) against
  ``python -m bench.peer`` (``explore()``), runs alternating;
- export, in-process build / peer: the choropleth + parks map, ours against ``explore()``;
- export drawn in Chromium / peer drawn;
- default export size / peer page size (bytes: not noisy, compared all the same).

A ratio more than ``TOLERANCE`` above its committed value is measured once more, over twice the
rounds (the open's ratio moved by a fifth between two runs a minute apart on this machine); the check fails
(exit 1, naming the measure) when it is over the line both times. ``--write-baseline`` commits the
run's ratios instead, measured over twice the rounds (after a change that is meant to cost, or on
a new machine); with
``--measures``, only those measures' figures are replaced.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from geo.paths import ROOT

BASELINE = ROOT / "bench" / "baseline.json"
TOLERANCE = 0.15
RUNS = 3


def _alternating(ours: Callable[[], float], reference: Callable[[], float], runs: int) -> tuple[float, float]:
    """Medians of ``runs`` timings of each side, taken in turn (each returns seconds)."""
    a, b = [], []
    for _ in range(runs):
        a.append(ours())
        b.append(reference())
    return statistics.median(a), statistics.median(b)


def _timed(fn: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def app_open(runs: int) -> tuple[float, float]:
    """Seconds to open the app (URL to 21 prefectures drawn) and the one-line app, medians."""
    from bench import load

    with load.warm_server() as (browser, url, _pid), load.floor_server(browser) as floor:
        sides = {"app": (url, load.map_drawn), "floor": (floor, load.floor_shown)}
        opens = load.opens_in_turn(browser, sides, runs)
    return opens["app"]["median_s"], opens["floor"]["median_s"]


def export_process(runs: int, tmp: Path) -> tuple[float, float]:
    """Seconds of ``python -m geo export`` (default map) and of the peer's script, medians."""
    from bench.peer import as_installed

    as_installed()
    run = partial(subprocess.run, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    ours = [sys.executable, "-m", "geo", "export", "--out", str(tmp / "ours.html")]
    peer = [sys.executable, "-m", "bench.peer", "--quick", "--out", str(tmp / "peer.html")]
    return _alternating(partial(_timed, partial(run, ours)), partial(_timed, partial(run, peer)), runs)


def export_in_process(runs: int) -> dict:
    """The choropleth + parks map built in-process, ours and the peer's (warm), and both pages."""
    from bench.peer import INDICATOR, LAYERS, build_peer_html, raw_prefectures, with_indicator
    from geo.data.load import load_map_data, load_parks
    from geo.export import html_document
    from geo.map import build_map
    from geo.scene.view import MapView

    data = load_map_data()
    ours = partial(html_document, partial(build_map, data, MapView(layers=LAYERS, indicator=INDICATOR)))
    prefectures, label = raw_prefectures(True)
    peer = partial(build_peer_html, with_indicator(prefectures), load_parks())
    ours_html, peer_html = ours(), peer()  # warm-up
    ours_s, peer_s = _alternating(partial(_timed, ours), partial(_timed, peer), runs)
    default_html = html_document(partial(build_map, data, page_title=True))
    return {"ours_s": ours_s, "peer_s": peer_s, "ours_html": ours_html, "peer_html": peer_html,
            "default_html": default_html, "peer_data": label}  # fmt: skip


def export_drawn(built: dict, runs: int, tmp: Path) -> tuple[float, float]:
    """Seconds to all polygons drawn in Chromium, our page and the peer's, medians."""
    from bench.browser import time_to_drawn
    from bench.peer import localise_peer_leaflet

    (tmp / "ours.html").write_text(built["ours_html"], encoding="utf-8")
    (tmp / "peer.html").write_text(localise_peer_leaflet(built["peer_html"]), encoding="utf-8")
    return _alternating(
        lambda: time_to_drawn(tmp / "ours.html", 21, 1)["seconds"],
        lambda: time_to_drawn(tmp / "peer.html", 21, 1)["seconds"],
        runs,
    )


MEASURES = {  # name -> what it is a ratio to
    "app open / Streamlit floor": "a one-line Streamlit app's open",
    "export whole process / peer": "python -m bench.peer (explore())",
    "export in-process build / peer": "explore() in-process",
    "export drawn in Chromium / peer": "the peer page drawn",
    "default export size / peer page size": "the peer page's bytes",
}


def measure(names: list[str], runs: int, tmp: Path) -> dict[str, dict]:
    """Each named measure: ``{"ours": ..., "reference": ..., "ratio": ours / reference}``."""
    out: dict[str, dict] = {}

    def put(name: str, ours: float, reference: float) -> None:
        out[name] = {"ours": ours, "reference": reference, "ratio": ours / reference}

    if "app open / Streamlit floor" in names:
        put("app open / Streamlit floor", *app_open(runs))
    if "export whole process / peer" in names:
        put("export whole process / peer", *export_process(runs, tmp))
    exports = [n for n in names if n.startswith(("export in-process", "export drawn", "default export"))]
    if exports:
        built = export_in_process(runs)
        if "export in-process build / peer" in names:
            put("export in-process build / peer", built["ours_s"], built["peer_s"])
        if "export drawn in Chromium / peer" in names:
            put("export drawn in Chromium / peer", *export_drawn(built, runs, tmp))
        if "default export size / peer page size" in names:
            ours, peer = (len(built[k].encode()) / 1024 for k in ("default_html", "peer_html"))
            put("default export size / peer page size", ours, peer)
    return out


def compare(baseline: dict[str, float], now: dict[str, float], tolerance: float = TOLERANCE) -> list[str]:
    """The measures whose ratio ``now`` is more than ``tolerance`` above the ``baseline``'s
    (a measure missing from the baseline is not judged)."""
    return [n for n, ratio in now.items() if n in baseline and ratio > baseline[n] * (1 + tolerance)]


def read_baseline(path: Path = BASELINE) -> dict[str, float]:
    ratios = json.loads(path.read_text(encoding="utf-8"))["ratios"]
    return {name: entry["ratio"] for name, entry in ratios.items()}


def write_baseline(figures: dict[str, dict], path: Path = BASELINE) -> None:
    keys = ("ratio", "ours", "reference")
    ratios = {name: {key: round(f[key], 4) for key in keys} for name, f in figures.items()}
    text = json.dumps({"note": "python -m bench --check --write-baseline; ratios ours / reference, medians",
                       "runs": RUNS, "ratios": ratios}, indent=1, ensure_ascii=False)  # fmt: skip
    path.write_text(text + "\n", encoding="utf-8")


def run(*, names: list[str] | None, baseline_path: Path, write: bool, runs: int = RUNS) -> int:
    """Measure, print the table, and judge (or write the baseline); the process's exit code."""
    import tempfile

    names = names or list(MEASURES)
    unknown = [n for n in names if n not in MEASURES]
    if unknown:
        print(f"unknown measure(s): {', '.join(unknown)}; the measures are: {'; '.join(MEASURES)}")
        return 2
    with tempfile.TemporaryDirectory() as tmpdir:
        # a baseline is measured over twice the rounds: a lucky median there failed every later check
        figures = measure(names, 2 * runs if write else runs, Path(tmpdir))
        if write:  # the measures not run this time keep their committed figures
            kept = {}
            if baseline_path.exists():
                kept = json.loads(baseline_path.read_text(encoding="utf-8"))["ratios"]
            write_baseline({**{n: f for n, f in kept.items() if n in MEASURES}, **figures}, baseline_path)
            _print(figures, {}, [])
            print(f"baseline written: {baseline_path}")
            return 0
        baseline = read_baseline(baseline_path)
        over = compare(baseline, {n: f["ratio"] for n, f in figures.items()})
        if over:  # measured again, over twice the rounds: one noisy median is not a regression
            again = measure(over, 2 * runs, Path(tmpdir))
            for name in over:
                if again[name]["ratio"] < figures[name]["ratio"]:
                    figures[name] = again[name]
            over = compare(baseline, {n: f["ratio"] for n, f in figures.items()})
    _print(figures, baseline, over)
    if over:
        print(f"REGRESSION (> {TOLERANCE:.0%} over the committed ratio): {'; '.join(over)}")
        return 1
    print(f"check passed: every ratio within {TOLERANCE:.0%} of the committed one")
    return 0


def _print(figures: dict[str, dict], baseline: dict[str, float], over: list[str]) -> None:
    print("| measure | ours | reference | ratio | committed | change | verdict |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for name, f in figures.items():
        base = baseline.get(name)
        change = f"{f['ratio'] / base - 1:+.0%}" if base else "—"
        verdict = "REGRESSION" if name in over else ("ok" if base else "not judged")
        committed = f"{base:.3f}" if base else "—"
        figures_ = f"{f['ours']:.3f} | {f['reference']:.3f} | {f['ratio']:.3f}"
        print(f"| {name} | {figures_} | {committed} | {change} | {verdict} |")
