"""``python -m geo data check``: the state of the office's data store, and the repairs that are
safe to make (``--repair``).

What it looks at: whether the store is there and reachable, its schema version, SQLite's
``integrity_check`` and ``foreign_key_check``, the journal mode (WAL, or an old store's rollback
journal), a journal or WAL left behind (a writer that was stopped), and a write lock held now (by
whom, where the system says). It only looks, without ``--repair``: the write lock is seen through
the operating system's lock table (``fcntl``), not taken.

What it repairs, and only when no writer holds the store: an old store's hot journal (rolled back,
as SQLite does on a read-write open: the interrupted publication is undone, the ones before are
whole), the journal mode (set to WAL), committed pages left in the WAL (copied into the file, the
WAL emptied). What it never does: delete a journal, a WAL or a lock by hand (that would lose or
damage data); a damaged file is left for a restore from an export (``data restore``).
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
import struct
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from geo.office import store

_WAL_WRITE_LOCK = 120  # the byte of the -shm file a WAL writer locks (SQLite's wal.c)
_RESERVED_BYTE = 0x40000001  # the byte of the database file a rollback-journal writer locks
_ADVISORY = 71502025  # the PostgreSQL advisory lock ``store.writing`` takes


@dataclass(frozen=True)
class Finding:
    """One line of the report: ``state`` is ok, note (worth knowing), problem or repaired."""

    state: str
    text: str


def check(url: str, *, repair: bool = False) -> list[Finding]:
    """What state the store at ``url`` is in (and, with ``repair``, what was repaired)."""
    path = store.sqlite_path(url)
    if path is None:
        return _check_server(url)
    return _check_sqlite(url, path, repair=repair)


def recover(url: str) -> bool:
    """An old (rollback-journal) SQLite store that a stopped writer left with a hot journal: roll
    it back and set WAL, as the operator's commands do before they read; whether it did."""
    path = store.sqlite_path(url)
    if path is None or not _hot_journal(path) or _lock_holder(path, _RESERVED_BYTE) is not None:
        return False
    _to_wal(path)
    return True


# --- SQLite -------------------------------------------------------------------------------------


def _check_sqlite(url: str, path: Path, *, repair: bool) -> list[Finding]:
    found = [Finding("ok", f"SQLite file {path}")]
    if not path.exists():
        return [Finding("note", f"there is no store at {path} yet: the first publish creates it")]
    with path.open("rb") as fh:
        header = fh.read(100)
    if not header.startswith(b"SQLite format 3\x00"):
        return [*found, Finding("problem", "the file is not a SQLite database (damaged or another file): "
                                "restore it from an export (python -m geo data restore)")]  # fmt: skip
    wal = header[18] == 2
    found += _companions(path, wal)
    holder = _lock_holder(Path(f"{path}-shm"), _WAL_WRITE_LOCK) if wal else _lock_holder(path, _RESERVED_BYTE)
    if holder is not None:
        found.append(Finding("note", f"a writer holds the write lock now (process {holder}): a publish "
                             "is running; readers read the last published state meanwhile"))  # fmt: skip
    if repair and holder is None:
        found += _repair(path, wal)
    found += _contents(url)
    return found


def _companions(path: Path, wal: bool) -> list[Finding]:
    found = [Finding("ok" if wal else "note", "journal mode: WAL" if wal else
                     "journal mode: rollback journal (an old store; --repair sets WAL)")]  # fmt: skip
    for suffix in ("-wal", "-shm", "-journal"):
        side = Path(f"{path}{suffix}")
        if side.exists():
            size = side.stat().st_size
            hot = suffix == "-journal" and size > 0
            found.append(Finding("problem" if hot else "ok", f"{side.name}: {size:,} bytes" + (
                " — a hot journal: a writer was stopped mid-publish; --repair rolls it back" if hot
                else " (SQLite's own; what a stopped writer left unfinished is never read)"
                if suffix == "-wal" and size else "")))  # fmt: skip
    return found


def _repair(path: Path, wal: bool) -> list[Finding]:
    if not wal:
        hot = _hot_journal(path)
        _to_wal(path)
        return [Finding("repaired", ("the hot journal was rolled back (the interrupted publication "
                        "undone) and " if hot else "") + "the journal mode set to WAL")]  # fmt: skip
    side = Path(f"{path}-wal")
    if not side.exists() or side.stat().st_size == 0:
        return []
    conn = sqlite3.connect(str(path), timeout=2, isolation_level=None)
    try:
        busy, _, _ = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    finally:
        conn.close()
    if busy:
        return [Finding("note", "the WAL could not be emptied now (a reader or writer is busy): try later")]
    return [Finding("repaired", "the committed pages of the WAL were copied into the file, the WAL emptied")]


def _to_wal(path: Path) -> None:
    conn = sqlite3.connect(str(path), timeout=2, isolation_level=None)
    try:  # a read-write open rolls a hot journal back before the first read
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.execute("PRAGMA journal_mode = WAL")
    finally:
        conn.close()


def _hot_journal(path: Path) -> bool:
    side = Path(f"{path}-journal")
    return side.exists() and side.stat().st_size > 0


def _lock_holder(file: Path, byte: int) -> int | None:
    """The process that holds a lock on ``byte`` of ``file`` (another process's, as ``fcntl``
    reports it), or None; the lock is only looked at, not taken."""
    if not file.exists():
        return None
    flock = struct.pack("hhqqi4x", fcntl.F_WRLCK, os.SEEK_SET, byte, 1, 0)
    try:
        with file.open("rb") as fh:
            answer = fcntl.fcntl(fh.fileno(), fcntl.F_GETLK, flock)
    except OSError:
        return None
    kind, _, _, _, pid = struct.unpack("hhqqi4x", answer)
    return None if kind == fcntl.F_UNLCK else pid


def _contents(url: str) -> list[Finding]:
    """The schema version, the counts, and (SQLite) the integrity and foreign-key checks."""
    try:
        with store.reading(url, timeout=5) as conn:
            version = conn.execute(sa.select(store.info.c.value).where(store.info.c.key == "schema")).scalar()
            pubs = store.stamp(conn)
            count = conn.execute(sa.select(sa.func.count()).select_from(store.values)).scalar()
            reads = store.SCHEMA_VERSION
            found = [Finding("ok", f"schema version {version} (this version reads up to {reads}); "
                             f"{pubs} publication(s), {count:,} published value(s)")]  # fmt: skip
            if conn.dialect.name == "sqlite":
                found += _integrity(conn)
            return found
    except store.StoreError as exc:
        if exc.code == "empty":
            return [Finding("note", "nothing has been published to this store yet")]
        return [Finding("problem", str(exc))]


def _integrity(conn: sa.Connection) -> list[Finding]:
    result = [row[0] for row in conn.exec_driver_sql("PRAGMA integrity_check").fetchall()]
    keys = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if result != ["ok"]:
        return [Finding("problem", f"integrity_check: {'; '.join(result[:5])[:300]} — the file is damaged: "
                        "restore it from an export (python -m geo data restore)")]  # fmt: skip
    if keys:
        return [Finding("problem", f"foreign_key_check: {len(keys)} row(s) point at nothing — restore "
                        "the store from an export")]  # fmt: skip
    return [Finding("ok", "integrity_check: ok; foreign_key_check: ok")]


# --- PostgreSQL ---------------------------------------------------------------------------------


def _check_server(url: str) -> list[Finding]:
    found = [Finding("ok", f"server {store.shown_location(url)}")]
    try:
        eng = store.engine(url, timeout=5)
        try:
            with eng.connect() as conn:
                holders = conn.exec_driver_sql(
                    "SELECT l.pid, a.state FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid "
                    f"WHERE l.locktype = 'advisory' AND l.objid = {_ADVISORY} AND l.granted"
                ).fetchall()
        finally:
            eng.dispose()
    except store.StoreError as exc:
        return [*found, Finding("problem", str(exc))]
    except sa.exc.SQLAlchemyError as exc:
        return [*found, Finding("problem", str(store._reason(exc, url)))]
    for pid, state in holders:
        found.append(Finding("note", f"a writer holds the write lock now (server process {pid}, "
                             f"{state}): a publish is running; readers read the last state"))  # fmt: skip
    found.append(Finding("ok", "the server rolls back what a stopped writer left unfinished"))
    return found + _contents(url)
