"""The store under faults: a publish killed (SIGKILL) at ten points, from the moment it holds the
write lock to the moment after its commit, on SQLite and PostgreSQL; then, at once and without
any cleanup, the readers (the app's read path, ``data history``, ``data check``) and the next
publish. Oracle: the values of the two hand-written tables, read back cell by cell; a publish
killed before its commit leaves exactly the first table, one killed after it exactly the second."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from geo.data.load import load_map_data
from geo.data.names import prefecture_records
from geo.office import store
from geo.office.merge import shown_data
from tests.test_store import _run

ROOT = Path(__file__).resolve().parent.parent
YEARS = range(1925, 2025)  # 100 year columns: 21 x 100 = 2,100 cells, a few statements each

# The publishing child: `python -m geo data publish`, with SQLAlchemy's events killing it at one
# point. "after X": once statement X ran; "before X": just before it; "mid X": while X runs (SQLite:
# a progress handler inside the statement; PostgreSQL: a timer, or at the commit at the latest);
# "commit": just before the commit; "committed": once the commit returned.
_CHILD = r"""
import os, signal, sys, threading
import sqlalchemy as sa
from geo.__main__ import main

url, table, point = sys.argv[1:4]
when, _, what = point.partition(" ")
writer = {"on": False}

def die():
    os.kill(os.getpid(), signal.SIGKILL)

@sa.event.listens_for(sa.pool.Pool, "connect")
def small_cache(dbapi_connection, record):  # SQLite: pages go to the file (or the WAL) before the
    if type(dbapi_connection).__module__ == "sqlite3":  # commit, as in a publish of 10^5 cells
        dbapi_connection.execute("PRAGMA cache_size = 8")

@sa.event.listens_for(sa.engine.Engine, "before_cursor_execute")
def before(conn, cursor, statement, params, context, many):
    if statement.startswith(("BEGIN IMMEDIATE", "SELECT pg_advisory_xact_lock")):
        writer["on"] = True
    if not writer["on"] or not statement.startswith(what):
        return
    if when == "before":
        die()
    if when == "mid":
        raw = conn.connection.driver_connection
        if hasattr(raw, "set_progress_handler"):
            raw.set_progress_handler(die, 2000)
        else:
            threading.Timer(0.01, die).start()

@sa.event.listens_for(sa.engine.Engine, "after_cursor_execute")
def after(conn, cursor, statement, params, context, many):
    if writer["on"] and when == "after" and statement.startswith(what):
        die()

@sa.event.listens_for(sa.engine.Engine, "commit")
def commit(conn):
    if writer["on"] and when in ("commit", "mid"):
        die()

@sa.event.listens_for(sa.pool.Pool, "checkin")
def checkin(dbapi_connection, record):
    if writer["on"] and when == "committed":
        die()

main(["data", "--store", url, "publish", table, "--yes", "--confirm-large", "--operator", "killed"])
print("the publish was not killed")
"""

POINTS = [
    ("after BEGIN IMMEDIATE", "after SELECT pg_advisory_xact_lock"),  # the write lock held
    ("after INSERT INTO publications",) * 2,
    ("after INSERT INTO sources",) * 2,
    ("before DELETE FROM published_values",) * 2,
    ("after DELETE FROM published_values",) * 2,  # the old cells gone, the new ones not yet there
    ("mid INSERT INTO published_values",) * 2,
    ("after INSERT INTO published_values",) * 2,
    ("mid INSERT INTO changes",) * 2,
    ("commit",) * 2,
    ("committed",) * 2,
]


def table_text(offset: float) -> str:
    names = [r.name_zh for r in prefecture_records().values()]
    head = "市（州）," + ",".join(f"{y}年软件园区数（个）" for y in YEARS)
    rows = [f"{n}," + ",".join(f"{i + y + offset:g}" for y in YEARS) for i, n in enumerate(names)]
    return "\n".join([head, *rows, "资料来源：省经信厅"]) + "\n"


def expected(offset: float) -> dict[tuple[str, str], float]:
    codes = list(prefecture_records())
    return {(code, str(y)): float(i + y + offset) for i, code in enumerate(codes) for y in YEARS}


def parks(url: str) -> dict[tuple[str, str], float]:
    """The published 软件园区数 cells as the app's read path shows them."""
    data, trouble = shown_data(load_map_data(), url)
    assert trouble is None, trouble
    rows = data.indicators[data.indicators["source"].str.startswith("office:")]
    rows = rows[rows["year"].isin([str(y) for y in YEARS])]
    return {(r.adcode, r.year): float(r.value) for r in rows.itertuples()}


@pytest.mark.parametrize("point", range(len(POINTS)), ids=[p[0] for p in POINTS])
def test_a_publish_killed_at_any_point_leaves_a_store_every_reader_reads_at_once(store_url, tmp_path, point):
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    first.write_text(table_text(0), encoding="utf-8")
    second.write_text(table_text(0.5), encoding="utf-8")
    code, out = _run(["data", "--store", store_url, "publish", str(first), "--yes", "--confirm-large"])
    assert code == 0, out
    where = POINTS[point][0 if store.sqlite_path(store_url) else 1]
    child = subprocess.run([sys.executable, "-c", _CHILD, store_url, str(second), where], cwd=ROOT,
                           capture_output=True, text=True, timeout=300)  # fmt: skip
    assert child.returncode == -signal.SIGKILL, (child.returncode, child.stdout, child.stderr[-2000:])
    committed = where == "committed"
    assert parks(store_url) == expected(0.5 if committed else 0)  # at once, no cleanup by anyone
    code, out = _run(["data", "--store", store_url, "history"])
    assert code == 0 and ("killed" in out) == committed and "Traceback" not in out, out
    code, out = _run(["data", "--store", store_url, "check"])
    assert code == 0 and "problem" not in out, out
    code, out = _run(["data", "--store", store_url, "publish", str(second if not committed else first),
                      "--yes", "--confirm-large"])  # fmt: skip
    assert code == 0, out
    assert parks(store_url) == expected(0 if committed else 0.5)


def test_an_old_store_left_with_a_hot_journal_is_rolled_back_by_the_operators_commands(tmp_path):
    """A store of the previous version (rollback journal) whose writer was killed mid-transaction:
    ``data check`` names the hot journal, ``data history`` rolls it back and reads."""
    path = tmp_path / "old.sqlite"
    url = f"sqlite:///{path}"
    first = tmp_path / "first.csv"
    first.write_text(table_text(0), encoding="utf-8")
    assert _run(["data", "--store", url, "publish", str(first), "--yes", "--confirm-large"])[0] == 0
    with sqlite3.connect(path, isolation_level=None) as conn:
        conn.execute("PRAGMA journal_mode = DELETE")  # as the previous version left its stores
    killed = (
        "import os, signal, sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "c.execute('PRAGMA cache_size = 1'); c.execute('BEGIN IMMEDIATE')\n"
        "c.execute('UPDATE published_values SET value = -1')\n"
        "c.execute('DELETE FROM changes')\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    subprocess.run([sys.executable, "-c", killed, str(path)], check=False, timeout=60)
    assert Path(f"{path}-journal").stat().st_size > 0  # the hot journal
    code, out = _run(["data", "--store", url, "check"])
    assert code == 1 and "hot journal" in out and "rollback journal" in out, out
    code, out = _run(["data", "--store", url, "history"])
    assert code == 0 and "interrupted publish was rolled back" in out and "2100 added" in out, out
    assert parks(url) == expected(0)
    code, out = _run(["data", "--store", url, "check"])
    assert code == 0 and "journal mode: WAL" in out, out


def test_check_names_a_writer_that_holds_the_lock_and_repairs_nothing_meanwhile(tmp_path):
    path = tmp_path / "s.sqlite"
    url = f"sqlite:///{path}"
    first = tmp_path / "first.csv"
    first.write_text(table_text(0), encoding="utf-8")
    assert _run(["data", "--store", url, "publish", str(first), "--yes", "--confirm-large"])[0] == 0
    hold = (
        "import sqlite3, sys, time\nc = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "c.execute('BEGIN IMMEDIATE'); c.execute('DELETE FROM changes'); print('held', flush=True)\n"
        "time.sleep(60)"
    )
    holder = subprocess.Popen([sys.executable, "-c", hold, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        code, out = _run(["data", "--store", url, "check", "--repair"])
        assert code == 0 and f"process {holder.pid}" in out and "repaired" not in out, out
        assert parks(url) == expected(0)  # readers read on
    finally:
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait()
