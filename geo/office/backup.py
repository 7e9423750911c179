"""The office's store as CSV files and back: every table of ``geo.office.store.TABLES``, formula
cells neutralised on the way out (``formula_safe``) and restored exactly on the way in."""

from __future__ import annotations

import csv
from pathlib import Path

import sqlalchemy as sa

from geo.office.store import (
    OPTIONAL,
    SCHEMA_VERSION,
    TABLES,
    StoreError,
    changes,
    has_names,
    info,
    publications,
    sources,
    stamp,
    values,
)
from geo.text.escape import formula_safe


def export_csv(conn: sa.Connection, folder: Path) -> list[Path]:
    """Every table of the store as a CSV file in ``folder`` (UTF-8; text that a spreadsheet would
    run as a formula is written with a leading apostrophe, which ``restore_csv`` removes)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for table in TABLES:
        path = folder / f"{table.name}.csv"
        present = table not in OPTIONAL or has_names(conn)
        rows = conn.execute(sa.select(table).order_by(*table.primary_key.columns)).all() if present else []
        with path.open("w", encoding="utf-8", newline="") as fh:
            out = csv.writer(fh)
            out.writerow(table.c.keys())
            out.writerows([_cell_out(v) for v in row] for row in rows)
        written.append(path)
    return written


def _cell_out(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)  # every digit back on restore
    if isinstance(value, str) and value.startswith("'"):
        return "'" + value  # so that a leading apostrophe of the text itself survives the trip
    return formula_safe(value)


def _cell_in(text: str, column: sa.Column) -> object:
    if text == "" and column.nullable:
        return None
    if isinstance(column.type, sa.Integer):
        return int(text)
    if isinstance(column.type, sa.Float):
        return float(text)
    return text[1:] if text.startswith("'") else text


def restore_csv(conn: sa.Connection, folder: Path) -> int:
    """Fill an empty store from ``export_csv``'s files, in ``writing``'s transaction; the number of
    published values restored."""
    if stamp(conn):
        raise StoreError("the store already holds publications: restore into a new, empty store")
    loaded = {}
    for table in TABLES:
        path = folder / f"{table.name}.csv"
        if not path.exists() and table in OPTIONAL:
            loaded[table] = []
            continue
        if not path.exists():
            raise StoreError(f"{path.name} is missing from {folder}: restore needs every file of an export")
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh))
        if not rows or rows[0] != table.c.keys():
            raise StoreError(
                f"{path.name} does not have the columns of an export: {', '.join(table.c.keys())}"
            )
        try:
            loaded[table] = [
                {c.name: _cell_in(v, c) for c, v in zip(table.c, row, strict=True)} for row in rows[1:]
            ]
        except ValueError as exc:
            raise StoreError(f"{path.name} is damaged ({exc}); nothing was restored") from None
    version = {r["key"]: r["value"] for r in loaded[info]}.get("schema")
    if version is None or int(version) > SCHEMA_VERSION:
        raise StoreError(f"the export's schema version ({version}) is not one this version can read")
    conn.execute(info.delete())
    for table in TABLES:
        if loaded[table]:
            conn.execute(table.insert(), loaded[table])
    if conn.dialect.name == "postgresql":  # the id sequences continue after the restored ids
        for table in (publications, sources, changes):
            conn.exec_driver_sql(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"(SELECT COALESCE(MAX(id), 0) + 1 FROM {table.name}), false)"
            )
    return len(loaded[values])
