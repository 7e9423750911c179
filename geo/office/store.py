"""The office's data store: indicator values an operator published, their sources, and the history
of every change (SQLAlchemy Core). A SQLite file by default (``GEO_STORE``: a path, or a URL;
unset, a file in the user's data folder, created by the first publish); a ``postgresql://`` URL
when several app servers share one store.

Readers (the app, exports) open it read-only and never create it; only the operator's commands
(``python -m geo data ...``, ``geo.office.merge``) write, each write one transaction that holds the
store's write lock, so publishes never interleave. A SQLite store is in WAL mode: readers never
wait on a writer (they read the last committed state), and a writer killed at any instant leaves
nothing a reader reads or must clean up (``tests/test_store_faults.py``; ``geo.office.check``
says what state a store is in). Writes are bulk: a few statements per table, whatever the number
of cells. Every change is a row of ``changes`` with the
old and the new cell, so any publication can be listed and reverted.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import sqlalchemy as sa
from sqlalchemy import exc as sa_exc

from geo.office.location import (  # noqa: F401 (the store's own API, kept where callers find it)
    SETTING,
    configured,
    exists,
    location,
    masked,
    shown_location,
    sqlite_path,
    sqlite_uri,
)

SCHEMA_VERSION = 1
CELL = ("adcode", "indicator", "year")  # what a published value is the value of

meta = sa.MetaData()
info = sa.Table(
    "store_info",
    meta,
    sa.Column("key", sa.String(40), primary_key=True),
    sa.Column("value", sa.String(200), nullable=False),
)
publications = sa.Table(
    "publications",
    meta,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.String(32), nullable=False),  # UTC, ISO 8601
    sa.Column("operator", sa.String(200), nullable=False),
    sa.Column("action", sa.String(10), nullable=False),  # publish | revert | restore
    sa.Column("file_name", sa.String(260), nullable=False, server_default=""),
    sa.Column("file_sha256", sa.String(64), nullable=False, server_default=""),
    sa.Column("sheet", sa.String(200), nullable=False, server_default=""),
    sa.Column("reverts", sa.Integer, nullable=True),  # the publication a revert undid
    sa.Column("cells", sa.Integer, nullable=False),
)
sources = sa.Table(
    "sources",
    meta,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("publication_id", sa.Integer, sa.ForeignKey("publications.id"), nullable=False),
    sa.Column("text", sa.Text, nullable=False),  # the publication, as the table or operator names it
    sa.Column("tier", sa.String(10), nullable=False),
)
values = sa.Table(
    "published_values",
    meta,
    sa.Column("adcode", sa.String(12), primary_key=True),
    sa.Column("indicator", sa.String(200), primary_key=True),
    sa.Column("year", sa.String(4), primary_key=True),
    sa.Column("level", sa.String(12), nullable=False),
    sa.Column("value", sa.Float, nullable=False),
    sa.Column("unit", sa.String(60), nullable=False),
    sa.Column("note", sa.Text, nullable=False),
    sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id"), nullable=False),
    sa.Column("publication_id", sa.Integer, sa.ForeignKey("publications.id"), nullable=False),
)
names = sa.Table(  # an indicator new to the app: the English name the operator gave with it
    "indicator_names",
    meta,
    sa.Column("indicator", sa.String(200), primary_key=True),
    sa.Column("name_en", sa.String(200), nullable=False),
    sa.Column("publication_id", sa.Integer, sa.ForeignKey("publications.id"), nullable=False),
)
CELL_STATE = ("level", "value", "unit", "note", "source_id", "publication_id")
changes = sa.Table(
    "changes",
    meta,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("publication_id", sa.Integer, sa.ForeignKey("publications.id"), nullable=False),
    *(sa.Column(c, sa.String(200 if c == "indicator" else 12), nullable=False) for c in CELL),
    # the cell before and after (NULL source: no published value)
    *(
        sa.Column(f"{side}_{c}", _type, nullable=True)
        for side in ("old", "new")
        for c, _type in (
            ("level", sa.String(12)),
            ("value", sa.Float),
            ("unit", sa.String(60)),
            ("note", sa.Text),
            ("source_id", sa.Integer),
            ("publication_id", sa.Integer),
        )
    ),
)
TABLES = (info, publications, sources, values, changes, names)  # in the order a restore fills them
OPTIONAL = {names}  # tables an export made before they existed may lack


class StoreError(RuntimeError):
    """The store cannot be used as asked; the message says why and what to do. ``code`` names
    the reason for the app's messages: missing, locked, damaged, foreign, newer, setting (not a
    usable path or URL), unreachable (a server that does not answer), unusable; "empty":
    a new database that nothing was published to (readers show the bundled data, no warning)."""

    def __init__(self, message: str, code: str = "unusable"):
        super().__init__(message)
        self.code = code


def engine(url: str, *, write: bool = False, timeout: float = 10.0) -> sa.Engine:
    """An engine on the store. Read-only unless ``write`` (a SQLite file opened read-only is
    never created); a writer's transactions take the write lock when they begin. A SQLite store
    is in WAL mode (set by its first writer): readers read the last committed state while a
    writer writes, and what a killed writer left unfinished is never read."""
    path = sqlite_path(url)
    if path is None and not write:
        return _server_reader(url, max(1, int(timeout)))
    if path is None:
        return _server_engine(url, max(1, int(timeout)))
    if write:
        path.parent.mkdir(parents=True, exist_ok=True)

    def connect() -> sqlite3.Connection:
        if write:  # the path as it is: no URI parsing
            conn = sqlite3.connect(str(path), timeout=timeout, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA journal_mode = WAL")  # kept in the file: every later open is WAL
        else:
            conn = sqlite3.connect(sqlite_uri(path), uri=True, timeout=timeout, isolation_level=None,
                                   check_same_thread=False)  # fmt: skip
        conn.execute("PRAGMA foreign_keys = ON")
        return conn

    eng = sa.create_engine("sqlite://", creator=connect, poolclass=sa.pool.NullPool)

    @sa.event.listens_for(eng, "begin")
    def _begin(conn):
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")  # a writer locks at once

    return eng


_READERS: dict[tuple[str, int], sa.Engine] = {}


def _server_reader(url: str, timeout: int) -> sa.Engine:
    """A reader's engine on a database server, one per URL for the process: its dialect learns
    the server once (a new engine asks it half a dozen questions on its first connection). It
    keeps no connection open (NullPool), so it survives a fork and a server's restart."""
    key = (url, timeout)
    if key not in _READERS:
        _READERS[key] = _server_engine(url, timeout, poolclass=sa.pool.NullPool)
    return _READERS[key]


def _server_engine(url: str, timeout: int, **options) -> sa.Engine:
    """An engine on a database server at ``url``; a setting it cannot use is a ``StoreError``
    naming the setting (its secrets masked)."""
    try:
        return sa.create_engine(url, connect_args={"connect_timeout": timeout}, **options)
    except Exception as exc:  # a URL SQLAlchemy cannot parse, an unknown driver, a bad port...
        raise StoreError(
            f"the data store setting {shown_location(url)} is not a usable path or URL "
            f"({type(exc).__name__}: {masked(str(exc), url)[:200]})",
            "setting",
        ) from None


@contextmanager
def reading(url: str, timeout: float = 2.0) -> Iterator[sa.Connection]:
    """A read-only connection to a store of this schema, or ``StoreError`` saying why not."""
    if not exists(url):
        raise StoreError(f"there is no data store at {shown_location(url)}", "missing")
    eng = engine(url, timeout=timeout)
    try:
        with eng.connect() as conn:
            _check_version(conn)
            yield conn
    except sa_exc.SQLAlchemyError as exc:
        raise _reason(exc, url) from None
    finally:
        if sqlite_path(url) is not None:
            eng.dispose()


@contextmanager
def writing(url: str) -> Iterator[sa.Connection]:
    """One transaction holding the store's write lock (created on first use); committed when the
    block ends, rolled back on any error."""
    eng = engine(url, write=True)
    try:
        with eng.begin() as conn:
            if eng.dialect.name == "postgresql":
                conn.exec_driver_sql("SELECT pg_advisory_xact_lock(71502025)")  # publishes in turn
            meta.create_all(conn)
            version = conn.execute(sa.select(info.c.value).where(info.c.key == "schema")).scalar()
            if version is None:
                conn.execute(info.insert().values(key="schema", value=str(SCHEMA_VERSION)))
            _check_version(conn)
            yield conn
    except sa_exc.SQLAlchemyError as exc:
        raise _reason(exc, url) from None
    finally:
        eng.dispose()


def _check_version(conn: sa.Connection) -> None:
    tables = sa.inspect(conn).get_table_names()
    conn.info["tables"] = set(tables)
    if not tables:
        raise StoreError("nothing has been published to this data store yet", "empty")
    try:
        version = conn.execute(sa.select(info.c.value).where(info.c.key == "schema")).scalar()
    except sa_exc.DatabaseError:
        raise StoreError(
            "this is not a data store of this application (no schema version)", "foreign"
        ) from None
    if version is None:
        raise StoreError(
            "the data store has no schema version: it was not written by this application", "foreign"
        )
    if int(version) > SCHEMA_VERSION:
        raise StoreError(
            f"the data store was written by a newer version of this application (schema {version}; "
            f"this version reads up to {SCHEMA_VERSION}): upgrade the application to use it",
            "newer",
        )


def _reason(exc: Exception, url: str) -> StoreError:
    text = (str(getattr(exc, "orig", exc) or exc).strip().splitlines() or [type(exc).__name__])[0]
    text = masked(text, url)[:200]
    where = shown_location(url)
    if "locked" in text or "busy" in text:
        return StoreError(
            f"the data store at {where} is locked by another program; try again ({text})", "locked"
        )
    if "not a database" in text or "malformed" in text:
        return StoreError(
            f"the data store at {where} is damaged ({text}); restore it from an export", "damaged"
        )
    if "invalid connection option" in text or "invalid dsn" in text or "invalid URI" in text:
        return StoreError(f"the data store setting {where} is not usable ({text})", "setting")
    if ("connection" in text and ("failed" in text or "timeout" in text)) or "resolve host" in text:
        return StoreError(f"the data store's server at {where} cannot be reached ({text})", "unreachable")
    if "readonly" in text and (path := sqlite_path(url)) is not None and Path(f"{path}-journal").exists():
        return StoreError(
            f"a publish to {where} was interrupted (a hot journal is left): the operator runs "
            "python -m geo data check --repair",
            "unusable",
        )
    return StoreError(f"the data store at {where} cannot be used ({text})")


# --- reading ------------------------------------------------------------------------------------


def stamp(conn: sa.Connection) -> int:
    """The newest publication's id (0 for none): what a reader's cache is keyed on."""
    return int(conn.execute(sa.select(sa.func.coalesce(sa.func.max(publications.c.id), 0))).scalar())


def published(conn: sa.Connection) -> pd.DataFrame:
    """Every published value with its source and publication: adcode, indicator, year, level,
    value, unit, note, source_id, publication_id, source_text, tier, at (date), operator, name_en
    (the indicator's English name given by the office, "" for none)."""
    query = (
        sa.select(
            *values.c,
            sources.c.text.label("source_text"),
            sources.c.tier,
            publications.c.at,
            publications.c.operator,
        )
        .join(sources, values.c.source_id == sources.c.id)
        .join(publications, sources.c.publication_id == publications.c.id)
    )
    frame = pd.DataFrame(_raw_rows(conn, query), columns=PUBLISHED_COLUMNS[:-1])
    english = {}
    if has_names(conn):
        english = dict(conn.execute(sa.select(names.c.indicator, names.c.name_en)).all())
    frame["name_en"] = frame["indicator"].map(english).fillna("") if english else ""
    return frame


PUBLISHED_COLUMNS = (*values.c.keys(), "source_text", "tier", "at", "operator", "name_en")


def _raw_rows(conn: sa.Connection, query: sa.Select) -> list[tuple]:
    """The rows of a query without parameters as the driver returns them (plain tuples): no
    per-row work by SQLAlchemy, which costs more than the query for 10^4 rows."""
    sql = str(query.compile(dialect=conn.dialect))
    cursor = conn.connection.dbapi_connection.cursor()
    try:
        cursor.execute(sql)
        return cursor.fetchall()
    finally:
        cursor.close()


def has_names(conn: sa.Connection) -> bool:
    """Whether the store has the table of English names (a store written before it may not; its
    first publish since creates it). The tables were listed when the connection was checked."""
    tables = conn.info.get("tables")
    return names.name in (tables if tables is not None else sa.inspect(conn).get_table_names())


def history(conn: sa.Connection) -> pd.DataFrame:
    """The publications, newest first: id, at, operator, action, file_name, file_sha256, sheet,
    reverts, cells, and how many of their cells are added, changed and removed."""
    pubs = pd.DataFrame(
        conn.execute(sa.select(publications).order_by(publications.c.id.desc())).mappings().all(),
        columns=publications.c.keys(),
    )
    kinds = pd.DataFrame(
        conn.execute(sa.select(changes.c.publication_id, changes.c.old_source_id, changes.c.new_source_id))
        .mappings()
        .all(),
        columns=["publication_id", "old_source_id", "new_source_id"],
    )
    kind = (
        kinds["old_source_id"]
        .isna()
        .map({True: "added", False: "changed"})
        .where(kinds["new_source_id"].notna(), "removed")
    )
    counts = kinds.assign(kind=kind).groupby(["publication_id", "kind"]).size().unstack(fill_value=0)
    counts = counts.reindex(columns=["added", "changed", "removed"], fill_value=0)
    return pubs.join(counts, on="id").fillna({"added": 0, "changed": 0, "removed": 0})


def cells_of(conn: sa.Connection, publication_id: int) -> pd.DataFrame:
    """The cells one publication changed, old and new."""
    query = sa.select(changes).where(changes.c.publication_id == publication_id).order_by(changes.c.id)
    return pd.DataFrame(conn.execute(query).mappings().all(), columns=changes.c.keys())
