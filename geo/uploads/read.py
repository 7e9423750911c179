"""Read a planner's indicator table (CSV or XLSX) into the long format.

Tables come shaped like the statistical yearbooks: title rows above the header, a header that
may span two rows (merged cells, e.g. an indicator over its years), a 全省 or 合计 row, footnotes
(注, 资料来源) below. ``parse_indicator_table`` finds the header, reads year columns (2021,
2021年, 2021年末) as years and units from the headers (``（亿元）``, ``(万人)``), skips total and
footnote rows with a note (checking a total against the sum of the areas), takes the source from
a 资料来源 footnote, takes the year of columns that give none from the title ("2024年各市（州）…"),
the sheet's name or the file's name (in that order; ``table_year``), leaves out value columns
holding text only, and tells prefecture tables from county tables. Whatever it assumed it says
in ``notes``; what it cannot use it lists in ``IndicatorTableError`` by cell (B7), in either
language (``geo.text.messages``).

Layouts: long (an area column, 指标/indicator, 年份/year, 数值/value, optional unit, source,
note), wide (one column per indicator, or per indicator and year), and the app's own downloads.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import pandas as pd

from geo.data.names import UnknownPrefectureError, resolve_county, resolve_prefecture
from geo.uploads.columns import (
    COLUMNS,
    MAX_NOTE,
    MISSING,
    TOTALS,
    UNIT_SCALE,
    YEAR,
    Column,
    ImplausibleValue,
    IndicatorTable,
    column_roles,
    footnote_source,
    header_row,
    is_area,
    is_footnote,
    norm,
    own_name,
    parse_value,
    read_header,
)
from geo.uploads.confined import ConfinedError, Limits, command_age, run_confined
from geo.uploads.table_file import (
    MAX_BYTES,
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_ROWS,
    MAX_TEXT,
    IndicatorTableError,
    Problem,
    TableFile,
    column_letter,
    read_table_file,
    sheet_names,
)

__all__ = [  # what readers of uploads take from here
    "MAX_BYTES",
    "MAX_CELLS",
    "MAX_COLUMNS",
    "MAX_ROWS",
    "IndicatorTable",
    "IndicatorTableError",
    "Problem",
    "parse_indicator_table",
    "parse_value",
    "read_indicator_table",
    "read_table_file",
    "read_upload",
    "sheet_names",
]


def _records(rows, start: int, area: int, columns: list[Column], title: str, default_name: str,
             year: str = ""):  # fmt: skip
    """The table's values, one dict per area x column (x year), with the cell they came from;
    total rows and footnotes set aside (``year``: for values whose column and row give none).
    Returns (records, totals, notes, footnote source)."""
    roles = {c.role: c for c in columns if c.role != "values" and not c.of}
    values = [c for c in columns if c.role == "values"]
    per = {(c.of, c.role): c for c in columns if c.of}
    notes, records, totals, source = [], [], [], ""
    named_by = ""
    for number, cells in rows[start:]:
        if is_footnote(cells):
            source = source or footnote_source(cells)
            notes.append(Problem(number, None, "footnote_skipped"))
            continue
        name = cells[area].strip()
        row_indicator = cells[roles["indicator"].index].strip() if "indicator" in roles else ""
        row_year = cells[roles["year"].index].strip() if "year" in roles else ""
        base = {
            "_row": number,
            "_area_col": column_letter(area),
            "area": name,
            "unit": cells[roles["unit"].index].strip() if "unit" in roles else "",
            "source": cells[roles["source"].index].strip() if "source" in roles else "",
            "note": cells[roles["note"].index].strip() if "note" in roles else "",
        }
        if "value" in roles:  # long layout
            cols = [(roles["value"], row_indicator, row_year or year, "")]
        else:
            cols = []
            for c in values:
                indicator = c.name or row_indicator
                if not indicator:
                    indicator = title or default_name
                    named_by = "title" if title else "file"
                cols.append((c, indicator, c.year or row_year or year, c.unit))
        for c, indicator, cell_year, unit in cols:
            of = per.get((c.header, "year")), per.get((c.header, "source"))
            rec = {
                **base,
                "_col": column_letter(c.index),
                "_header": c.header,
                "_fallback": bool(year) and not of[0] and cell_year == year and not (c.year or row_year),
                "indicator": indicator,
                "year": cells[of[0].index].strip() if of[0] else cell_year,
                "value": cells[c.index],
                "unit": unit or base["unit"],
                "source": cells[of[1].index].strip() if of[1] else base["source"],
            }
            (totals if norm(name) in TOTALS else records).append(rec)
    if named_by:
        notes.append(Problem(None, None, f"named_by_{named_by}", {"name": title or default_name}))
    return records, totals, notes, source


def parse_indicator_table(
    raw: bytes, filename: str = "upload.csv", sheet: str | None = None, province: bool = False, year: str = ""
) -> IndicatorTable:
    """Validate ``raw`` (the file's bytes; ``sheet`` of a workbook, else its first) and return it
    in the long format, with notes on what was assumed. With ``province``, the province's own
    total rows are read too (``IndicatorTable.province``) and a table of them alone is usable.
    Values whose column and row give no year take ``year`` if given, else the year of the title
    rows, of the sheet's name or of the file's name, in that order (``IndicatorTable.year_from``)."""
    _check_size(raw)
    with TableFile(raw, filename) as table:
        return _parse_rows(table.rows(sheet), filename, province, _sheet_read(table, sheet), year)


def _sheet_read(table: TableFile, sheet: str | None) -> str:
    return sheet if sheet is not None else (table.sheets[0] if table.sheets else "")


@dataclass(frozen=True)
class Upload:
    """What one read of an uploaded file gives: its sheets (none for a CSV, or for a workbook
    refused before its sheets could be listed) and the table read, or why it was refused."""

    sheets: list[str]
    outcome: IndicatorTable | IndicatorTableError


def parse_upload(raw: bytes, filename: str, sheet: str | None = None, province: bool = False) -> Upload:
    """The sheets of ``raw`` and its table (``sheet``, else the first), opened once."""
    try:
        _check_size(raw)
        table = TableFile(raw, filename)
    except IndicatorTableError as exc:
        return Upload([], exc)
    with table:
        try:
            rows = table.rows(sheet)
            return Upload(table.sheets, _parse_rows(rows, filename, province, _sheet_read(table, sheet)))
        except IndicatorTableError as exc:
            return Upload(table.sheets, exc)


def _check_size(raw: bytes) -> None:
    if len(raw) > MAX_BYTES:
        raise IndicatorTableError(
            [Problem(None, None, "file_big", {"mb": len(raw) / 1e6, "limit": MAX_BYTES / 1e6})]
        )


_TITLE_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*年(?!鉴)")  # "2024年各市（州）…", not "年鉴2024"
_NAME_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")  # a sheet's or a file's name: "2024", "表2024年"


def _only_year(pattern: re.Pattern, texts: list[str]) -> str:
    """The one year ``pattern`` finds in ``texts``; "" for none, or for several (a range)."""
    years = {m.group(1) for text in texts for m in pattern.finditer(unicodedata.normalize("NFKC", text))}
    return years.pop() if len(years) == 1 else ""


def table_year(title_rows: list[list[str]], sheet: str, filename: str, given: str = "") -> tuple[str, str]:
    """The year of values whose column gives none, and where it was read: (year, "given" |
    "title" | "sheet" | "file"), or ("", "")."""
    if given:
        return given, "given"
    for where, pattern, texts in (
        ("title", _TITLE_YEAR, [c for row in title_rows for c in row]),
        ("sheet", _NAME_YEAR, [sheet]),
        ("file", _NAME_YEAR, [Path(filename).stem]),
    ):
        if year := _only_year(pattern, texts):
            return year, where
    return "", ""


def _parse_rows(
    rows: list[tuple[int, list[str]]], filename: str, province: bool, sheet: str = "", year: str = ""
) -> IndicatorTable:
    h = header_row(rows)
    notes = [Problem(None, None, "title_skipped", {"first": rows[0][0], "last": rows[h - 1][0]})] if h else []
    title = next((c.strip() for c in rows[0][1] if c.strip()), "") if h else ""
    year_from = table_year([cells for _, cells in rows[:h]], sheet, filename, year)
    header, start, header_notes = read_header(rows, h)
    notes += header_notes
    area = next(j for j, c in enumerate(header) if is_area(c))
    columns = column_roles(header, area)
    if len({norm(c.header) for c in columns}) < len(columns):
        raise IndicatorTableError([Problem(rows[h][0], None, "duplicate_header")])
    if not any(c.role in ("values", "value") for c in columns) or start >= len(rows):
        raise IndicatorTableError([Problem(None, None, "shape")])
    default_name = Path(filename).stem[:MAX_TEXT] or "upload"
    records, totals, row_notes, footnote_source = _records(
        rows, start, area, columns, title, default_name, year_from[0]
    )
    notes += row_notes
    records, left_out = _text_columns(records, "value" in {c.role for c in columns})
    notes += [Problem(None, letter, "text_column", {"header": header[:60]}) for letter, header in left_out]
    if any(rec["_fallback"] for rec in records):
        notes.append(Problem(None, None, f"year_from_{year_from[1]}", {"year": year_from[0]}))
    if footnote_source:
        notes.append(Problem(None, None, "source_from_footnote", {"source": footnote_source[:MAX_TEXT]}))
        for rec in records + totals:
            rec["source"] = rec["source"] or footnote_source[:MAX_TEXT]
    table = _validate(records, totals, notes, province)
    table.columns = _columns_of(records + totals)
    table.left_out = [(f"{letter} {header}", "text") for letter, header in left_out]
    table.year_from = year_from
    table.areas = {}
    for rec in records:  # each area as the table writes it
        code = _resolve(rec["area"][:MAX_TEXT], table.level)
        if isinstance(code, str):
            table.areas.setdefault(code, rec["area"][:MAX_TEXT])
    return table


def _columns_of(records: list[dict]) -> dict[str, str]:
    """Each indicator's column(s) as the spreadsheet names them ("C 比上年增长（%）")."""
    out: dict[str, dict[str, None]] = {}
    for rec in records:
        name = own_name(str(rec["indicator"]).strip())
        out.setdefault(name, {})[f"{rec['_col']} {rec['_header']}"[: MAX_TEXT + 4]] = None
    return {name: ", ".join(cols) for name, cols in out.items()}


def _text_columns(records: list[dict], long: bool) -> tuple[list[dict], list[tuple[str, str]]]:
    """The records without those of value columns that hold text only (no cell a number, some
    not missing: a remark, a rank in words), and those columns (letter, header). A long table's
    one value column, or a table of such columns only, is kept: its cells are then refused."""
    if long:
        return records, []
    by_col: dict[str, list[dict]] = {}
    for rec in records:
        by_col.setdefault(rec["_col"], []).append(rec)
    text = [col for col, recs in by_col.items() if not any(_is_number(r["value"]) for r in recs)
            and any(not _is_missing(r["value"]) for r in recs)]  # fmt: skip
    if not text or len(text) == len(by_col):
        return records, []
    return [r for r in records if r["_col"] not in text], [(c, by_col[c][0]["_header"]) for c in text]


def _is_number(text: object) -> bool:
    try:
        return parse_value(str(text))[0] is not None
    except ValueError:
        return False


def _is_missing(text: object) -> bool:
    return unicodedata.normalize("NFKC", str(text)).strip().casefold() in MISSING


# What one upload may cost the server, whatever the file's structure (geo.uploads.confined).
UPLOAD_LIMITS = Limits()


def prepare_reader() -> None:
    """Load once what every read needs (the confined reader's fork server calls it, so its
    children start with it): openpyxl's reader and the prefecture and county name tables."""
    import openpyxl.reader.excel  # noqa: F401

    resolve_prefecture("成都")
    resolve_county("武侯区")


def command_limits() -> Limits:
    """``UPLOAD_LIMITS`` for a command (``python -m geo``): its wall time counted from the
    process's start (``geo.uploads.confined.start_command``), so the command, not only its read,
    answers within the budget; ``UPLOAD_LIMITS`` when called in a server or a test."""
    left = max(UPLOAD_LIMITS.wall_s - command_age(), 1.0)
    return replace(UPLOAD_LIMITS, wall_s=left, queue_s=min(UPLOAD_LIMITS.queue_s, left))


def read_indicator_table(
    raw: bytes,
    filename: str = "upload.csv",
    sheet: str | None = None,
    province: bool = False,
    *,
    year: str = "",
    limits: Limits | None = None,
) -> IndicatorTable:
    """``parse_indicator_table`` in a confined child process: the way to read a file from outside
    (the app's uploads, ``--indicators``, ``check-indicators``). A file that needs more than
    ``limits`` (``UPLOAD_LIMITS`` unless given) is refused with a message, like any other unusable
    table."""
    return _confined(parse_indicator_table, raw, filename, sheet, province, year, limits=limits)


def read_upload(raw: bytes, filename: str, sheet: str | None = None) -> Upload:
    """``parse_upload`` in one confined child: an upload's sheets and table from one read, so a
    hostile workbook costs one budget, not one for its sheet names and one for its table."""
    try:
        return _confined(parse_upload, raw, filename, sheet)
    except IndicatorTableError as exc:  # too large, too complex, or the readers busy
        return Upload([], exc)


def _confined(func, raw: bytes, *args, limits: Limits | None = None):
    _check_size(raw)  # refused before anything is sent to a child
    try:
        return run_confined(func, raw, *args, limits=limits or UPLOAD_LIMITS)  # read when called
    except ConfinedError as exc:
        workbook = str(args[0]).lower().endswith((".xlsx", ".xlsm"))
        if exc.reason == "busy":  # kept waiting by the machine's load (geo.uploads.confined), not by the file
            raise IndicatorTableError([Problem(None, None, "busy")]) from None
        params = {"seconds": UPLOAD_LIMITS.wall_s, "mb": UPLOAD_LIMITS.memory_mb}
        key = "too_complex" if workbook else "too_complex_csv"
        raise IndicatorTableError([Problem(None, None, key, params)]) from None


@lru_cache(maxsize=8192)
def _resolve(name: str, level: str) -> str | UnknownPrefectureError:
    try:
        return resolve_prefecture(name) if level == "prefecture" else resolve_county(name)
    except UnknownPrefectureError as exc:
        return exc


def _level(names: list[str]) -> str:
    """The level of the table's areas: prefecture, county, or an error when they mix."""
    pref = [not isinstance(_resolve(n, "prefecture"), Exception) for n in names]
    county = [not isinstance(_resolve(n, "county"), Exception) for n in names]
    if all(pref) or sum(pref) >= sum(county):
        only_county = [n for n, p, c in zip(names, pref, county, strict=True) if c and not p]
        if any(pref) and only_county and sum(pref) + len(only_county) == len(names):
            raise IndicatorTableError(
                [Problem(None, None, "mixed_levels", {"examples": ", ".join(only_county[:3])})]
            )
        return "prefecture"
    only_pref = [n for n, p, c in zip(names, pref, county, strict=True) if p and not c]
    if only_pref and sum(county) + len(only_pref) == len(names):
        raise IndicatorTableError(
            [Problem(None, None, "mixed_levels", {"examples": ", ".join(only_pref[:3])})]
        )
    return "county"


def _too_long(rec: dict) -> Problem | None:
    limits = {"indicator": MAX_TEXT, "unit": MAX_TEXT, "source": MAX_TEXT, "note": MAX_NOTE}
    for column, limit in limits.items():
        text = str(rec.get(column, ""))
        if len(text) > limit:
            return Problem(int(rec["_row"]), column, "text_long", {"n": len(text), "limit": limit})
    return None


PROVINCE_TOTALS = {"全省", "四川省", "四川", "全省合计", "sichuan"}  # the province's own rows


def _validate(
    records: list[dict], totals: list[dict], notes: list[Problem], province: bool = False
) -> IndicatorTable:
    own = [r for r in totals if province and norm(r["area"]) in PROVINCE_TOTALS]
    if not records and not own:
        raise IndicatorTableError([Problem(None, None, "no_rows")])
    level = _level(sorted({r["area"][:MAX_TEXT] for r in records if r["area"]})) if records else "province"
    problems, rows = [], []
    for rec in records:
        adcode = _resolve(rec["area"][:MAX_TEXT], level)
        if isinstance(adcode, UnknownPrefectureError):
            problems.append(Problem(int(rec["_row"]), rec["_area_col"], adcode.code, adcode.params))
            continue
        _read_row(rec, adcode, rows, problems, notes)
    own_rows: list[dict] = []
    for rec in own:
        _read_row(rec, "510000", own_rows, problems, notes)
    table = pd.DataFrame(rows, columns=COLUMNS)
    dupes = table[table.duplicated(["adcode", "indicator", "year"], keep=False)]
    for (code, ind, year), _ in dupes.groupby(["adcode", "indicator", "year"]):
        problems.append(Problem(None, ind, "duplicate_value", {"area": code, "year": year or "?"}))
    if problems:
        raise IndicatorTableError(problems)
    table["value"] = pd.to_numeric(table["value"])
    table, scale_notes = _one_unit_per_indicator(table)
    notes += scale_notes + _check_totals(table, totals)
    if (table["year"] == "").any():
        notes.append(Problem(None, "year", "no_year"))
    if (table["source"] == "").any():
        notes.append(Problem(None, "source", "no_source"))
    own_table = (
        pd.DataFrame(own_rows, columns=COLUMNS).drop_duplicates(["indicator", "year"]) if province else None
    )
    if own_table is not None:
        own_table["value"] = pd.to_numeric(own_table["value"])
    return IndicatorTable(table, notes, level, own_table)


def _read_row(
    rec: dict, adcode: str, rows: list[dict], problems: list[Problem], notes: list[Problem]
) -> None:
    """One record as a row of ``COLUMNS`` (appended to ``rows``), or what is wrong with it."""
    row, cell = int(rec["_row"]), rec["_col"]
    if (problem := _too_long(rec)) is not None:
        problems.append(problem)
        return
    indicator = own_name(str(rec["indicator"]).strip())
    if not indicator:
        problems.append(Problem(row, "indicator", "empty_indicator"))
        return
    year = str(rec.get("year", "")).strip()
    if year:
        m = YEAR.fullmatch(unicodedata.normalize("NFKC", year).removesuffix(".0"))
        if not m:
            problems.append(Problem(row, "year", "bad_year", {"year": year[:20]}))
            return
        year = m.group(1)
    try:
        value, unit_hint = parse_value(str(rec["value"]))
    except ImplausibleValue:
        problems.append(Problem(row, cell, "number_huge", {"value": str(rec["value"])[:30]}))
        return
    except ValueError:
        problems.append(Problem(row, cell, "not_number", {"value": str(rec["value"])[:30]}))
        return
    if value is None:
        notes.append(Problem(row, cell, "no_value"))
    rows.append(
        {
            "adcode": adcode,
            "indicator": indicator,
            "year": year,
            "value": value,
            "unit": str(rec.get("unit", "")).strip() or (unit_hint or ""),
            "source": str(rec.get("source", "")).strip(),
            "note": str(rec.get("note", "")).strip(),
        }
    )


def _one_unit_per_indicator(table: pd.DataFrame) -> tuple[pd.DataFrame, list[Problem]]:
    """Values of one indicator given in 万/亿 variants of a unit, brought to its first unit."""
    notes = []
    for ind, rows in table.groupby("indicator", sort=False):
        units = list(dict.fromkeys(rows["unit"]))
        if len(units) < 2 or not all(u in UNIT_SCALE for u in units):
            continue
        target = units[0]
        factor = rows["unit"].map(lambda u: UNIT_SCALE[u] / UNIT_SCALE[target])  # noqa: B023
        table.loc[rows.index, "value"] = rows["value"] * factor
        table.loc[rows.index, "unit"] = target
        notes.append(Problem(None, ind, "units_scaled", {"units": ", ".join(units[1:]), "unit": target}))
    return table, notes


def _check_totals(table: pd.DataFrame, totals: list[dict]) -> list[Problem]:
    """A total row (全省, 合计) skipped, and compared with the sum of the areas where both exist."""
    notes = []
    for rec in totals:
        try:
            total, _ = parse_value(str(rec["value"]))
        except ValueError:
            total = None
        rows = table[(table["indicator"] == rec["indicator"]) & (table["year"] == _year_of(rec["year"]))]
        if total is None or rows.empty:
            notes.append(Problem(int(rec["_row"]), None, "total_skipped", {"name": rec["area"][:20]}))
            continue
        summed = float(rows["value"].sum())
        gap = abs(summed - total) / abs(total) * 100 if total else 0.0
        code = "total_matches" if gap <= 0.5 else "total_differs"
        params = {"name": rec["area"][:20], "total": total, "sum": summed, "gap": gap}
        notes.append(Problem(int(rec["_row"]), rec["_col"], code, params))
    return notes


def _year_of(text: str) -> str:
    m = YEAR.fullmatch(unicodedata.normalize("NFKC", str(text)).strip().removesuffix(".0"))
    return m.group(1) if m else ""
