"""The office's data store: the app opened with a store of 100 indicators × 21 prefectures × 10
years against the app with none (the first run of the app's script in a new process, and a rerun),
and ``python -m geo data publish`` of a 21-row yearbook table, whole command; SQLite, and
PostgreSQL where Debian's server is installed.

``python -m bench.store`` prints the report alone."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

from geo.paths import ROOT

INDICATORS, YEARS = 100, range(2016, 2026)

# Run in a child: the app's script once (cold: the first viewer after a start) and again (a
# rerun, as after a click); prints the two times as JSON.
_APP_RUNS = """
import json, time
from streamlit.testing.v1 import AppTest
at = AppTest.from_file({app!r}, default_timeout=120)
t0 = time.perf_counter(); at.run(); cold = time.perf_counter() - t0
assert not at.exception, at.exception
t0 = time.perf_counter(); at.run(); warm = time.perf_counter() - t0
print(json.dumps({{"cold": cold, "warm": warm, "warnings": [w.value for w in at.warning]}}))
"""


# Run in a child: what the store adds to an app open, alone — Streamlit imported and the bundled
# data loaded first (the app's process has them either way), then the clock: the driver's
# import, the stamp, the published values and their merge into the bundled data
# (office.with_published), as app_streamlit does it.
_STORE_OPEN = """
import json, time
import streamlit
from geo.data.load import load_indicators, load_map_data
from geo.office import merge as office, store
bundled, raw = load_map_data(), load_indicators()
t0 = time.perf_counter()
stamp = office.read_stamp({url!r}, True)
published = office.read_published({url!r}, True)
office.with_published(bundled, raw, published)
print(json.dumps({{"open": time.perf_counter() - t0, "cells": len(published)}}))
"""


# The floor of any PostgreSQL reader: the driver's import, a connection and one query.
_PG_FLOOR = """
import json, time
import streamlit
from sqlalchemy.engine import make_url
url = make_url({url!r})
t0 = time.perf_counter()
import psycopg
with psycopg.connect(host=url.host, port=url.port, user=url.username, dbname=url.database) as conn:
    conn.execute("SELECT 1").fetchall()
print(json.dumps({{"open": time.perf_counter() - t0}}))
"""


def _store_open_times(stores: dict[str, str], runs: int) -> dict[str, float]:
    """The median time the store adds to an open (``_STORE_OPEN``), each kind in turn in every
    round, so a busy machine slows them alike; with PostgreSQL, the floor of any reader of it
    (``_PG_FLOOR``)."""
    jobs = {kind: _STORE_OPEN.format(url=url) for kind, url in stores.items()}
    if "PostgreSQL" in stores:
        jobs["PostgreSQL floor"] = _PG_FLOOR.format(url=stores["PostgreSQL"])
    times: dict[str, list[float]] = {kind: [] for kind in jobs}
    for _ in range(runs):
        for kind, code in jobs.items():
            done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                                  timeout=300, check=True)  # fmt: skip
            times[kind].append(json.loads(done.stdout.strip().splitlines()[-1])["open"])
    return {kind: statistics.median(t) for kind, t in times.items()}


def fill(url: str) -> int:
    """A store of ``INDICATORS`` × 21 prefectures × ``YEARS`` values, written as one publication."""
    from geo.data.names import prefecture_records
    from geo.office import store, writes

    codes = list(prefecture_records())
    cells = [
        writes.Cell(code, f"bench indicator {i:03d}", str(year), "prefecture", float(i + year), "个", "", 0)
        for i in range(INDICATORS)
        for code in codes
        for year in YEARS
    ]
    with store.writing(url) as conn:
        writes.write_publication(
            conn, base=0, operator="bench", action="publish", cells=cells, source_rows=[("bench", "verified")]
        )
    return len(cells)


def _app_times(env: dict[str, str], runs: int) -> dict:
    code = _APP_RUNS.format(app=str(ROOT / "app_streamlit.py"))
    cold, warm, warnings = [], [], []
    for _ in range(runs):
        done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env={**os.environ, **env},
                              capture_output=True, text=True, timeout=600, check=True)  # fmt: skip
        out = json.loads(done.stdout.strip().splitlines()[-1])
        cold.append(out["cold"])
        warm.append(out["warm"])
        warnings += out["warnings"]
    return {"cold": statistics.median(cold), "warm": statistics.median(warm), "warnings": warnings}


def _publish_time(url: str, folder: Path, runs: int) -> float:
    from geo.data.names import prefecture_records

    times = []
    for run in range(runs):
        table = folder / f"yearbook{run}.csv"
        rows = [f"{r.name_zh},{1000 + run + i}" for i, r in enumerate(prefecture_records().values())]
        lines = ["四川统计年鉴 表1", "地区,2024年软件园区数（个）", *rows, "资料来源：年鉴"]
        table.write_text("\n".join(lines) + "\n", encoding="utf-8")
        command = [sys.executable, "-m", "geo", "data", "--store", url, "publish", str(table), "--yes"]
        t0 = time.perf_counter()
        subprocess.run(command, cwd=ROOT, capture_output=True, check=True, timeout=120)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def run(runs: int) -> dict:
    results = {}
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        folder = Path(tmp)
        stores = {"SQLite": f"sqlite:///{folder / 'store.sqlite'}"}
        try:
            from deploy.postgres import PostgresServer, bin_dir

            bin_dir()
            server = stack.enter_context(PostgresServer.start())
            stores["PostgreSQL"] = stack.enter_context(server.database())
        except (RuntimeError, OSError, subprocess.CalledProcessError):
            pass
        none = {"GEO_STORE": "", "XDG_DATA_HOME": str(folder / "empty-home")}
        results["none"] = _app_times(none, runs)
        for kind, url in stores.items():
            cells = fill(url)
            results[kind] = {
                "cells": cells,
                "app": _app_times({"GEO_STORE": url}, runs),
                "publish": _publish_time(url, folder, runs),
            }
        for kind, seconds in _store_open_times(stores, max(runs, 5)).items():
            results.setdefault(kind, {})["store_open"] = seconds
    return results


def report(r: dict) -> list[str]:
    def goal(ok: bool) -> str:
        return "met" if ok else "MISSED"

    base = r["none"]
    lines = [
        f"The office's data store: the app's first run in a new process (as the first viewer after a start) "
        f"and a rerun (as after a click), with a store of {INDICATORS} indicators × 21 prefectures × "
        f"{len(YEARS)} years and with none; `python -m geo data publish` of a 21-row yearbook table, the "
        "whole command (interpreter start, confined read, preview, write).",
        "",
        "| store | cells | app open (s) | slower than none (s) | rerun (s) | publish 21 rows (s) | targets |",
        "|---|---:|---:|---:|---:|---:|---|",
        f"| none | 0 | {base['cold']:.2f} | | {base['warm']:.3f} | | |",
    ]
    for kind in ("SQLite", "PostgreSQL"):
        if kind not in r:
            lines.append(f"| {kind} | not measured: no server installed | | | | | |")
            continue
        s = r[kind]
        slower = s["app"]["cold"] - base["cold"]
        targets = f"open ≤ +0.2 s: {goal(slower <= 0.2)}; publish ≤ 2 s: {goal(s['publish'] <= 2)}"
        lines.append(
            f"| {kind} | {s['cells']:,} | {s['app']['cold']:.2f} | {slower:+.2f} | {s['app']['warm']:.3f} | "
            f"{s['publish']:.2f} | {targets} |"
        )
    if "SQLite" in r and "PostgreSQL" in r:
        sq, pg = r["SQLite"]["store_open"], r["PostgreSQL"]["store_open"]
        floor = r["PostgreSQL floor"]["store_open"]
        lines += [
            "",
            "What the store alone adds to an open, measured in turn (bundled data loaded first; the driver's "
            "import, the stamp, the published values and their merge), median of at least 5 rounds:",
            "",
            "| store | the store's part of the open (s) | PostgreSQL − SQLite (s) | open ≤ +0.2 s |",
            "|---|---:|---:|---|",
            f"| SQLite | {sq:.3f} | | {goal(sq <= 0.2)} |",
            f"| PostgreSQL | {pg:.3f} | {pg - sq:+.3f} | {goal(pg <= 0.2)} |",
            f"| PostgreSQL floor: import psycopg, connect, SELECT 1 | {floor:.3f} | | |",
        ]
    return [*lines, ""]


if __name__ == "__main__":
    print("\n".join(report(run(int(sys.argv[1]) if len(sys.argv) > 1 else 3))))
