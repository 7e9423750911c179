"""The benchmark runs end to end in quick mode (a check that it works, not that it is fast)."""

import subprocess
import sys

from bench.__main__ import localise_peer_leaflet
from tests.conftest import ROOT


def test_quick_benchmark_runs_and_reports_every_measure():
    # a separate process: Playwright's sync API cannot nest inside the browser tests' session
    run = subprocess.run(
        [sys.executable, "-m", "bench", "--quick"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    for measure in (
        "HTML size (KB), choropleth + parks",
        "HTML size (KB), default export",
        "build in-process",
        "whole process, default export",
        "whole process, GDP choropleth",
        "time to all polygons drawn",
        "0 on our side: met",
        "183 counties",
        "browser: drawn (s)",
        "Served app: not measured in --quick mode",
        "publish 21 rows (s)",
        "| SQLite | 21,000 |",
        "| PostgreSQL | 21,000 |",
    ):
        assert measure in run.stdout, measure


def test_peer_page_gets_the_local_leaflet():
    html = '<script src="https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js"></script>'
    assert "file://" in localise_peer_leaflet(html) and "cdn.jsdelivr" not in localise_peer_leaflet(html)
