"""Readers never wait on a writer: while a publish of about 10^5 cells holds the store's write lock
(SQLite in WAL mode, PostgreSQL), the app's read path and the app itself open at once with the
last published state; the publish takes at most 60 s. And an upload refused under load says so,
not "too complex": a CSV is never told to be saved as CSV."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo.data.load import load_map_data
from geo.office import merge as office
from geo.office import store
from geo.uploads.confined import ConfinedError, Limits, run_confined
from geo.uploads.read import IndicatorTableError, read_indicator_table
from tests.conftest import APP
from tests.test_store import GDP_2023, publish, value

ROOT = Path(__file__).resolve().parent.parent

# The writer: bench.store_publish's publish of ~10^5 cells. It stops at its commit (the write lock
# held, every row written) until the test lets it go on (a line on its stdin), and says how long
# it waited there, so that the publish's own time is known.
_WRITER = r"""
import sys, time
import sqlalchemy as sa
from bench.store_publish import big_table, publish

held = {"s": 0.0}

@sa.event.listens_for(sa.engine.Engine, "commit")
def commit(conn):
    t0 = time.perf_counter()
    print("holding", flush=True)
    sys.stdin.readline()
    held["s"] = time.perf_counter() - t0

out = publish(sys.argv[1], big_table(), operator="big")
print("done", out["total"] - held["s"], out["cells"], flush=True)
"""


@pytest.mark.slow  # a large publish against readers: make test runs it
def test_readers_and_the_app_open_at_once_while_a_large_publish_writes(store_url, tmp_path, monkeypatch):
    assert publish(store_url, tmp_path, GDP_2023, "--yes")[0] == 0
    bundled = load_map_data()
    writer = subprocess.Popen([sys.executable, "-c", _WRITER, store_url], cwd=ROOT, stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    try:
        assert writer.stdout.readline().strip() == "holding", writer.stderr.read()[-2000:]
        reads = []
        for _ in range(3):  # the app's read path, as each viewer's rerun does
            t0 = time.perf_counter()
            stamp = office.read_stamp(store_url, True)
            data, trouble = office.shown_data(bundled, store_url)
            reads.append(time.perf_counter() - t0)
            assert trouble is None and stamp == 1
            assert value(data.indicators, "511900", "gdp", "2023")["value"] == 800.5  # the last published
        monkeypatch.setenv("GEO_STORE", store_url)
        app = AppTest.from_file(str(APP), default_timeout=120)
        app.run()  # a viewer opens the app meanwhile
        assert not app.exception and [w.value for w in app.warning] == []
        assert writer.poll() is None  # the writer held the lock all along
        writer.stdin.write("go on\n")
        writer.stdin.flush()
        done = writer.stdout.readline().split()
        assert writer.wait(timeout=120) == 0, writer.stderr.read()[-2000:]
    finally:
        writer.kill()
        writer.wait()
    assert max(reads) < 1.5, reads  # no lock wait (a locked SQLite reader waits 2 s, then gives up)
    assert done[0] == "done" and int(done[2]) > 100_000 and float(done[1]) <= 60, done
    with store.reading(store_url) as conn:
        assert store.stamp(conn) == 2 and len(store.published(conn)) == int(done[2])  # gdp 2023 replaced


def test_a_csv_reader_starved_of_cpu_by_the_machines_load_is_busy_not_too_complex(monkeypatch):
    """A child that used little of its CPU budget when the wall time ran out was kept waiting by
    the machine (a publish, other uploads), not by its file: the answer is "busy, try again", not a
    refusal of the file."""
    with pytest.raises(ConfinedError) as caught:
        run_confined(time.sleep, 5, limits=Limits(cpu_s=4, wall_s=1))
    assert caught.value.reason == "busy"  # under half a core while it ran: the machine was busy

    def starved(*args, **kwargs):
        run_confined(time.sleep, 5, limits=Limits(cpu_s=4, wall_s=1))

    monkeypatch.setattr("geo.uploads.read.run_confined", starved)
    with pytest.raises(IndicatorTableError) as caught:
        read_indicator_table(GDP_2023.encode("utf-8"), "table.csv", None, True)
    assert [p.code for p in caught.value.problems] == ["busy"]


@pytest.mark.parametrize("name", ["table.csv", "TABLE.CSV", "table.txt"])
def test_a_csv_refused_by_the_limits_is_never_told_to_be_saved_as_csv(monkeypatch, name):
    from geo.data.names import prefecture_records

    monkeypatch.setattr("geo.uploads.read.UPLOAD_LIMITS", Limits(memory_mb=1))  # 4,179 cells need more
    years = range(1826, 2025)
    head = "市（州）," + ",".join(f"{y}年软件园区数（个）" for y in years)
    rows = [f"{r.name_zh}," + ",".join(f"{y}" for y in years) for r in prefecture_records().values()]
    raw = ("\n".join([head, *rows, "资料来源：x"]) + "\n").encode("utf-8")
    with pytest.raises(IndicatorTableError) as caught:
        read_indicator_table(raw, name, None, True)
    for lang in ("en", "zh"):
        text = "\n".join(p.text(lang) for p in caught.value.problems)
        assert "CSV" not in text and ("too complex" in text or "过于复杂" in text), text
