"""Read a planner's indicator table (CSV or XLSX, long or wide) into the long format.

Whatever the bytes, ``parse_indicator_table`` either returns a table or raises
``IndicatorTableError`` listing every problem by row and column with what to fix.
Row numbers are those a spreadsheet shows (the header is row 1).

Long format: a prefecture column, ``indicator``, ``year``, ``value``, optional
``unit``, ``source``, ``note``. Wide format: a prefecture column and one column
per indicator (optionally a ``year`` column).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from geo.names import UnknownPrefectureError, resolve_prefecture
from geo.table_file import (
    MAX_BYTES,
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_ROWS,
    MAX_TEXT,
    IndicatorTableError,
    Problem,
    column_letter,
    read_rows,
    read_table_file,
)

MAX_NOTE = 500  # characters of a note

__all__ = [
    "MAX_BYTES",
    "MAX_CELLS",
    "MAX_COLUMNS",
    "MAX_ROWS",
    "IndicatorTable",
    "IndicatorTableError",
    "Problem",
    "parse_indicator_table",
    "parse_value",
    "read_table_file",
]

COLUMNS = ["adcode", "indicator", "year", "value", "unit", "source", "note"]

PREFECTURE_HEADERS = {
    "adcode",
    "prefecture",
    "name",
    "地区",
    "市州",
    "市(州)",
    "城市",
    "行政区划代码",
    "代码",
    "名称",
    "city",
    "region",
    "prefecture_adcode",
    "name_zh",
    "name_en",
}
_ALIASES = {
    "指标": "indicator",
    "年份": "year",
    "年": "year",
    "数值": "value",
    "值": "value",
    "单位": "unit",
    "来源": "source",
    "数据来源": "source",
    "备注": "note",
}
MISSING = {"", "—", "–", "-", "--", "…", "...", "na", "n/a", "nan", "null", "none", "无", "缺", "暂无", "x"}
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


@dataclass
class IndicatorTable:
    data: pd.DataFrame  # COLUMNS, one row per prefecture x indicator x year
    notes: list[Problem] = field(default_factory=list)

    def summary(self) -> str:
        d = self.data
        lines = [f"{len(d)} values, {d['indicator'].nunique()} indicator(s), {d['adcode'].nunique()} areas"]
        for name, rows in d.groupby("indicator", sort=False):
            years = ", ".join(sorted({str(y) or "not given" for y in rows["year"]}))
            lines.append(f"  {name}: {rows['value'].notna().sum()} values, year(s) {years}")
        lines += [f"note: {n}" for n in self.notes]
        return "\n".join(lines)


def _norm(header: object) -> str:
    return unicodedata.normalize("NFKC", str(header)).strip().casefold()


def _read_frame(raw: bytes, filename: str) -> pd.DataFrame:
    """The table's header and rows as text (``geo.table_file.read_rows``), headers checked."""
    rows = read_rows(raw, filename)
    header = [h if h.strip() else f"Unnamed: {i}" for i, h in enumerate(rows[0])]
    for i, h in enumerate(header):
        if len(h) > MAX_TEXT:
            raise IndicatorTableError(
                [Problem(1, column_letter(i), "header_long", {"n": len(h), "limit": MAX_TEXT})]
            )
    return pd.DataFrame(rows[1:], columns=header, dtype=object).astype(str)


def _check_shape(frame: pd.DataFrame) -> None:
    # the size limits are enforced while reading (geo.table_file); here the shape's minimum
    if frame.empty or frame.shape[1] < 2:
        raise IndicatorTableError([Problem(None, None, "shape")])


def _prefecture_column(frame: pd.DataFrame) -> str:
    matches = [c for c in frame.columns if _norm(c) in PREFECTURE_HEADERS]
    if not matches:
        shown = ", ".join(repr(str(c))[:40] for c in list(frame.columns)[:10])
        raise IndicatorTableError([Problem(1, None, "no_area_column", {"shown": shown})])
    return matches[0]


def parse_value(text: str) -> tuple[float | None, str | None]:
    """``(value, unit_hint)``; ``(None, None)`` for a missing marker. Raises ValueError otherwise."""
    s = unicodedata.normalize("NFKC", text).strip()
    if s.casefold() in MISSING:
        return None, None
    unit = "%" if s.endswith("%") else None
    s = s.rstrip("%").replace(",", "").replace(" ", "")
    if not _NUMBER.match(s):
        raise ValueError(text)
    value = float(s)
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(text)
    return value, unit


def _to_long(frame: pd.DataFrame, pref_col: str) -> pd.DataFrame:
    roles = {c: _ALIASES.get(_norm(c), _norm(c)) for c in frame.columns if c != pref_col}
    roles = {c: r for c, r in roles.items() if r in {"indicator", "year", "value", "unit", "source", "note"}}
    frame = frame.assign(_row=frame.index + 2)
    if {"indicator", "value"} <= set(roles.values()):
        return frame.rename(columns={**roles, pref_col: "prefecture"})
    # wide: every column that is not the prefecture or a year/unit/source/note column is an indicator
    id_cols = [c for c, r in roles.items() if r in ("year", "unit", "source", "note")]
    value_cols = [c for c in frame.columns if c not in (pref_col, "_row", *id_cols)]
    long = frame.melt(
        id_vars=[pref_col, "_row", *id_cols], value_vars=value_cols, var_name="indicator", value_name="_value"
    )
    return long.rename(columns={**{c: roles[c] for c in id_cols}, pref_col: "prefecture", "_value": "value"})


def parse_indicator_table(raw: bytes, filename: str = "upload.csv") -> IndicatorTable:
    """Validate ``raw`` (the file's bytes) and return it in the long format."""
    if len(raw) > MAX_BYTES:
        raise IndicatorTableError(
            [Problem(None, None, "file_big", {"mb": len(raw) / 1e6, "limit": MAX_BYTES / 1e6})]
        )
    frame = _read_frame(raw, filename)
    _check_shape(frame)
    frame.columns = [str(c) for c in frame.columns]
    if len(set(map(_norm, frame.columns))) < len(frame.columns):
        raise IndicatorTableError([Problem(1, None, "duplicate_header")])
    pref_col = _prefecture_column(frame)
    try:
        long = _to_long(frame, pref_col)
    except (ValueError, KeyError, TypeError):
        raise IndicatorTableError([Problem(1, None, "columns_unclear")]) from None
    return _validate_rows(long)


@lru_cache(maxsize=4096)
def _resolve(name: str) -> str | UnknownPrefectureError:
    try:
        return resolve_prefecture(name)
    except UnknownPrefectureError as exc:
        return exc


def _too_long(rec: dict) -> Problem | None:
    limits = {"indicator": MAX_TEXT, "unit": MAX_TEXT, "source": MAX_TEXT, "note": MAX_NOTE}
    for column, limit in limits.items():
        text = str(rec.get(column, ""))
        if len(text) > limit:
            return Problem(int(rec["_row"]), column, "text_long", {"n": len(text), "limit": limit})
    return None


def _validate_rows(long: pd.DataFrame) -> IndicatorTable:
    problems, notes, rows = [], [], []
    for rec in long.to_dict("records"):
        row = int(rec["_row"])
        adcode = _resolve(str(rec["prefecture"])[:MAX_TEXT])
        if isinstance(adcode, UnknownPrefectureError):
            problems.append(Problem(row, "prefecture", adcode.code, adcode.params))
            continue
        if (problem := _too_long(rec)) is not None:
            problems.append(problem)
            continue
        indicator = str(rec["indicator"]).strip()
        if not indicator:
            problems.append(Problem(row, "indicator", "empty_indicator"))
            continue
        year = str(rec.get("year", "")).strip()
        if year and not re.fullmatch(r"(19|20)\d\d", year.removesuffix(".0")):
            problems.append(Problem(row, "year", "bad_year", {"year": year[:20]}))
            continue
        try:
            value, unit_hint = parse_value(str(rec["value"]))
        except ValueError:
            problems.append(Problem(row, indicator, "not_number", {"value": str(rec["value"])[:30]}))
            continue
        if value is None:
            notes.append(Problem(row, indicator, "no_value"))
        rows.append(
            {
                "adcode": adcode,
                "indicator": indicator,
                "year": year.removesuffix(".0"),
                "value": value,
                "unit": str(rec.get("unit", "")).strip() or (unit_hint or ""),
                "source": str(rec.get("source", "")).strip(),
                "note": str(rec.get("note", "")).strip(),
            }
        )
    table = pd.DataFrame(rows, columns=COLUMNS)
    dupes = table[table.duplicated(["adcode", "indicator", "year"], keep=False)]
    for (code, ind, year), _ in dupes.groupby(["adcode", "indicator", "year"]):
        problems.append(Problem(None, ind, "duplicate_value", {"area": code, "year": year or "?"}))
    if problems:
        raise IndicatorTableError(problems)
    if table.empty:
        raise IndicatorTableError([Problem(None, None, "no_rows")])
    table["value"] = pd.to_numeric(table["value"])
    if (table["year"] == "").any():
        notes.append(Problem(None, "year", "no_year"))
    if (table["source"] == "").any():
        notes.append(Problem(None, "source", "no_source"))
    return IndicatorTable(table, notes)
