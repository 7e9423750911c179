"""Writes to the office's store: a publication's cells in one transaction (bulk, a few
statements per table) and a revert, each with the old and the new cell in ``changes``.
Callers hold ``geo.office.store.writing(url)``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import pandas as pd
import sqlalchemy as sa

from geo.office.store import (
    CELL,
    CELL_STATE,
    StoreError,
    cells_of,
    changes,
    names,
    publications,
    sources,
    stamp,
    values,
)


@dataclass(frozen=True)
class Cell:
    """A value to write: where, what, and its source's index in the publication's ``sources``."""

    adcode: str
    indicator: str
    year: str
    level: str
    value: float
    unit: str
    note: str
    source: int


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def write_publication(
    conn: sa.Connection,
    *,
    base: int,
    operator: str,
    action: str,
    cells: list[Cell],
    source_rows: list[tuple[str, str]],
    file_name: str = "",
    file_sha256: str = "",
    sheet: str = "",
    reverts: int | None = None,
    removed: list[tuple[str, str, str]] = (),
    names_en: dict[str, str] | None = None,
) -> int:
    """Write ``cells`` (and remove the ``removed`` cells) as one publication, inside ``writing``'s
    transaction. ``base`` is the store's ``stamp`` the operator's preview was made against: if
    another publication came since, nothing is written (the preview is out of date)."""
    latest = stamp(conn)
    if latest != base:
        who = conn.execute(sa.select(publications.c.operator).where(publications.c.id == latest)).scalar()
        raise StoreError(
            f"the store changed after the preview (publication {latest} by {who}); nothing was written: "
            "run the command again to see what it would change now"
        )
    pub = conn.execute(
        publications.insert().values(
            at=now(),
            operator=operator,
            action=action,
            file_name=file_name,
            file_sha256=file_sha256,
            sheet=sheet,
            reverts=reverts,
            cells=len(cells) + len(removed),
        )
    ).inserted_primary_key[0]
    source_ids = [
        conn.execute(sources.insert().values(publication_id=pub, text=text, tier=tier)).inserted_primary_key[
            0
        ]
        for text, tier in source_rows
    ]
    items = [
        (
            (cell.adcode, cell.indicator, cell.year),
            {"level": cell.level, "value": cell.value, "unit": cell.unit, "note": cell.note,
             "source_id": source_ids[cell.source], "publication_id": pub},
        )
        for cell in cells
    ]  # fmt: skip
    _set_many(conn, pub, [*items, *((key, None) for key in removed)])
    for indicator, name_en in (names_en or {}).items():  # the latest name given wins
        conn.execute(names.delete().where(names.c.indicator == indicator))
        conn.execute(names.insert().values(indicator=indicator, name_en=name_en, publication_id=pub))
    return int(pub)


def _set_many(conn: sa.Connection, pub: int, items: list[tuple[tuple[str, str, str], dict | None]]) -> None:
    """Set every cell of ``items`` (key, new state; None removes the cell) in a few statements
    whatever their number, and record each change with the cell's state before."""
    items = list(dict(items).items())  # one change per cell (the last given)
    old = _states(conn, [key for key, _ in items])
    _many(conn, "DELETE FROM published_values WHERE adcode = {} AND indicator = {} AND year = {}",
          [key for key, _ in items if key in old])  # fmt: skip
    state = (*CELL, *CELL_STATE)
    _many(conn, _insert_sql(values, state),
          [(*key, *(new[c] for c in CELL_STATE)) for key, new in items if new is not None])  # fmt: skip
    nothing = (None,) * len(CELL_STATE)
    record = [
        (pub, *key, *(tuple(old[key][c] for c in CELL_STATE) if key in old else nothing),
         *(tuple(new[c] for c in CELL_STATE) if new else nothing))
        for key, new in items
    ]  # fmt: skip
    columns = ("publication_id", *CELL, *(f"{side}_{c}" for side in ("old", "new") for c in CELL_STATE))
    _many(conn, _insert_sql(changes, columns), record)


def _insert_sql(table: sa.Table, columns: tuple[str, ...]) -> str:
    return f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({', '.join('{}' for _ in columns)})"


def _many(conn: sa.Connection, sql: str, rows: list[tuple]) -> None:
    """``sql`` (fixed text, ``{}`` where each value goes) run for every row of ``rows`` as one
    driver-level executemany: no per-row work by SQLAlchemy (10^5 rows in a second or two)."""
    if rows:
        mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
        conn.exec_driver_sql(sql.format(*([mark] * sql.count("{}"))), rows)


def _states(conn: sa.Connection, keys: list[tuple[str, str, str]]) -> dict[tuple[str, str, str], dict]:
    """The published state of each of ``keys`` that has one, read by indicator (a few queries)."""
    wanted, found = set(keys), {}
    indicators = sorted({key[1] for key in keys})
    for i in range(0, len(indicators), 500):
        query = sa.select(*(values.c[c] for c in (*CELL, *CELL_STATE))).where(
            values.c.indicator.in_(indicators[i : i + 500])
        )
        for row in conn.execute(query).mappings():
            key = (row["adcode"], row["indicator"], row["year"])
            if key in wanted:
                found[key] = {c: row[c] for c in CELL_STATE}
    return found


def revert_cells(conn: sa.Connection, publication_id: int) -> tuple[list[dict], list[dict]]:
    """What reverting a publication sets back: (cells to restore or remove, conflicts: cells a
    later publication changed again, which must be reverted first)."""
    if conn.execute(sa.select(publications.c.id).where(publications.c.id == publication_id)).scalar() is None:
        raise StoreError(f"there is no publication {publication_id} (python -m geo data history lists them)")
    back, conflicts = [], []
    records = cells_of(conn, publication_id).to_dict("records")
    now = _states(conn, [tuple(change[c] for c in CELL) for change in records])
    for change in records:
        state = now.get(tuple(change[c] for c in CELL))
        now_pub = state["publication_id"] if state else None
        expected = publication_id if pd.notna(change["new_source_id"]) else None
        (back if now_pub == expected else conflicts).append(change | {"now_publication_id": now_pub})
    return back, conflicts


def write_revert(conn: sa.Connection, *, base: int, operator: str, publication_id: int) -> int:
    """Set every cell of ``publication_id`` back to what it was before, as a new publication."""
    back, conflicts = revert_cells(conn, publication_id)
    if conflicts:
        later = sorted({int(c["now_publication_id"]) for c in conflicts if pd.notna(c["now_publication_id"])})
        raise StoreError(
            f"{len(conflicts)} cell(s) of publication {publication_id} were changed again later"
            + (f" (by publication {', '.join(map(str, later))})" if later else "")
            + ": revert those first; nothing was written"
        )
    latest = stamp(conn)
    if latest != base:
        raise StoreError("the store changed after the preview; nothing was written: run the command again")
    pub = conn.execute(
        publications.insert().values(
            at=now(), operator=operator, action="revert", reverts=publication_id, cells=len(back)
        )
    ).inserted_primary_key[0]
    items = []
    for change in back:
        key = tuple(change[c] for c in CELL)
        if pd.isna(change["old_source_id"]):
            items.append((key, None))
        else:
            old = {c: change[f"old_{c}"] for c in CELL_STATE}
            old["source_id"], old["publication_id"] = int(old["source_id"]), int(old["publication_id"])
            items.append((key, old))
    _set_many(conn, pub, items)
    return int(pub)
