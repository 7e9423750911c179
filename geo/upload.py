"""Read a planner's indicator table (CSV or XLSX, long or wide) into the long format.

Whatever the bytes, ``parse_indicator_table`` either returns a table or raises
``IndicatorTableError`` listing every problem by row and column with what to fix.
Row numbers are those a spreadsheet shows (the header is row 1).

Long format: a prefecture column, ``indicator``, ``year``, ``value``, optional
``unit``, ``source``, ``note``. Wide format: a prefecture column and one column
per indicator (optionally a ``year`` column).
"""

from __future__ import annotations

import csv
import io
import re
import stat
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from geo.escape import plain_text
from geo.names import UnknownPrefectureError, resolve_prefecture

# The budget of one upload: any accepted file is answered in a few seconds and well under
# 500 MB of memory, accepted or refused (tests/test_upload_budget.py measures it).
MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
MAX_COLUMNS = 200
MAX_CELLS = 200_000
MAX_TEXT = 200  # characters in a header, indicator name, unit or source
MAX_NOTE = 500
MAX_XLSX_PARTS = 500
MAX_XLSX_PART = 10_000_000  # bytes of one uncompressed part of a workbook
MAX_XLSX_UNCOMPRESSED = 25_000_000
MAX_XLSX_RATIO = 100  # legitimate sheets compress 5-20×; bombs 1000× and more
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


@dataclass(frozen=True)
class Problem:
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = ", ".join(
            p
            for p in (f"row {self.row}" if self.row else "", f"column {self.column!r}" if self.column else "")
            if p
        )
        return f"{where}: {self.message}" if where else self.message


class IndicatorTableError(ValueError):
    """The table cannot be used; ``problems`` says where and what to fix."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


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


def _decode(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):  # gb18030 is a superset of GBK (Excel in China)
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise IndicatorTableError(
        [
            Problem(
                None,
                None,
                "the file is neither UTF-8 nor GBK/GB18030 text: save it as 'CSV UTF-8' or as .xlsx",
            )
        ]
    )


def _delimiter(text: str) -> str:
    """Comma unless the header line clearly uses semicolons or tabs (European Excel, TSV)."""
    header = text.split("\n", 1)[0]
    return max([",", ";", "\t"], key=lambda d: (header.count(d), d == ","))


def _refuse(message: str) -> IndicatorTableError:
    return IndicatorTableError([Problem(None, None, message)])


def _check_xlsx_archive(raw: bytes) -> zipfile.ZipFile:
    """The workbook's archive, after checking it cannot expand beyond the budget (zip bombs)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise _refuse("could not read the file as an Excel workbook (.xlsx): check its format") from None
    if len(parts) > MAX_XLSX_PARTS:
        raise _refuse(f"the workbook has {len(parts)} parts; the limit is {MAX_XLSX_PARTS}")
    total = sum(p.file_size for p in parts)
    for part in parts:
        ratio = part.file_size / max(part.compress_size, 1)
        if part.file_size > 1_000_000 and ratio > MAX_XLSX_RATIO:
            raise _refuse(
                f"the workbook's part {plain_text(part.filename, limit=60)!r} expands to "
                f"{part.file_size / 1e6:.0f} MB ({ratio:.0f}× its compressed size): refused as a possible "
                "decompression bomb; save the sheet again or as CSV"
            )
        if part.file_size > MAX_XLSX_PART:
            raise _refuse(
                f"the workbook's part {plain_text(part.filename, limit=60)!r} expands to "
                f"{part.file_size / 1e6:.0f} MB; the limit is {MAX_XLSX_PART / 1e6:.0f} MB: "
                "keep the rows and columns the map needs, or save as CSV"
            )
    if total > MAX_XLSX_UNCOMPRESSED:
        raise _refuse(
            f"the workbook expands to {total / 1e6:.0f} MB; the limit is {MAX_XLSX_UNCOMPRESSED / 1e6:.0f} MB"
        )
    try:
        _check_xml_parts(archive, parts)
    except IndicatorTableError:
        raise
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, zlib.error):
        raise _refuse("the workbook is damaged (a part does not match its checksum or size)") from None
    return archive


def _check_xml_parts(archive: zipfile.ZipFile, parts: list[zipfile.ZipInfo]) -> None:
    for part in parts:  # DTDs are how XML entity bombs and external entities get in
        if part.filename.endswith((".xml", ".rels", ".vml")):
            with archive.open(part) as fh:
                head = fh.read(4096)
            if b"<!DOCTYPE" in head.upper() or b"<!ENTITY" in head.upper():
                raise _refuse(
                    "the workbook contains XML document type (entity) declarations, which are refused: "
                    "save it again from Excel or LibreOffice"
                )
        # count cells and strings on the bytes: openpyxl builds whole rows before we could stop it
        counted = part.filename.startswith("xl/worksheets/") or part.filename == "xl/sharedStrings.xml"
        if counted and _count_tags(archive, part, _CELL_TAG) > MAX_CELLS:
            _check_budget(0, MAX_CELLS + 1, 0)


_CELL_TAG = re.compile(rb"<(?:\w+:)?(?:c|si)[\s>/]")


def _count_tags(archive: zipfile.ZipFile, part: zipfile.ZipInfo, pattern: re.Pattern) -> int:
    count, tail = 0, b""
    with archive.open(part) as fh:
        while chunk := fh.read(1 << 20):
            count += len(pattern.findall(tail + chunk))
            tail = chunk[-16:]
            count -= len(pattern.findall(tail))  # counted again with the next chunk
    return count


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def _read_xlsx(raw: bytes) -> list[list[str]]:
    """The first sheet's rows as text, read in streaming mode and stopped at the limits."""
    import openpyxl  # with defusedxml installed, openpyxl parses with it

    _check_xlsx_archive(raw)
    try:
        book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True, keep_links=False)
    except Exception as exc:  # openpyxl raises many kinds on damaged or hostile workbooks
        raise _refuse(
            f"could not read the file as an Excel workbook ({type(exc).__name__}): check its format"
        ) from None
    try:
        sheet = book.worksheets[0]
        rows, cells = [], 0
        for row in sheet.iter_rows(values_only=True):
            rows.append([_cell_text(v) for v in row[: MAX_COLUMNS + 1]])
            cells += len(row)
            _check_budget(len(rows), cells, len(row))
        return rows
    except IndicatorTableError:
        raise
    except Exception as exc:
        raise _refuse(
            f"could not read the file as an Excel workbook ({type(exc).__name__}): check its format"
        ) from None
    finally:
        book.close()


def _check_budget(n_rows: int, n_cells: int, width: int) -> None:
    if n_rows > MAX_ROWS + 1 or width > MAX_COLUMNS or n_cells > MAX_CELLS:
        raise _refuse(
            f"the table is too large (more than {MAX_ROWS:,} rows, {MAX_COLUMNS} columns or "
            f"{MAX_CELLS:,} cells): split it or keep the rows and columns the map needs"
        )


def _read_csv(raw: bytes) -> list[list[str]]:
    text = _decode(raw)
    if text.count("\n") > MAX_ROWS + 1:
        _check_budget(text.count("\n"), 0, 0)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
        rows, cells = [], 0
        for row in reader:
            rows.append(row[: MAX_COLUMNS + 1])
            cells += len(row)
            _check_budget(len(rows), cells, len(row))
    except csv.Error:
        raise _refuse(
            "could not read the file as a CSV table: a cell is longer than the CSV reader allows "
            "(131,072 characters) or its quotes are unbalanced"
        ) from None
    return rows


def _read_frame(raw: bytes, filename: str) -> pd.DataFrame:
    """The table's header and rows as text; blank rows dropped, ragged rows padded."""
    is_xlsx = filename.lower().endswith((".xlsx", ".xlsm"))
    rows = _read_xlsx(raw) if is_xlsx else _read_csv(raw)
    rows = [r for r in rows if any(str(c).strip() for c in r)]
    if not rows:
        raise _refuse("the table is empty: it needs a header row and data rows")
    width = max(len(r) for r in rows)
    rows = [[*r, *[""] * (width - len(r))] for r in rows]
    header = [h if h.strip() else f"Unnamed: {i}" for i, h in enumerate(rows[0])]
    for i, h in enumerate(header):
        if len(h) > MAX_TEXT:
            message = f"the header is {len(h):,} characters long; the limit is {MAX_TEXT}"
            raise IndicatorTableError([Problem(1, _column_letter(i), message)])
    return pd.DataFrame(rows[1:], columns=header, dtype=object).astype(str)


def _column_letter(index: int) -> str:
    """Spreadsheet column name of a 0-based index (0 -> A, 27 -> AB)."""
    name = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        name = chr(65 + rem) + name
    return name


def _check_shape(frame: pd.DataFrame) -> None:
    if frame.shape[1] > MAX_COLUMNS or len(frame) > MAX_ROWS:
        raise IndicatorTableError(
            [
                Problem(
                    None,
                    None,
                    f"the table has {len(frame)} rows and "
                    f"{frame.shape[1]} columns; the limit is {MAX_ROWS} rows and "
                    f"{MAX_COLUMNS} columns",
                )
            ]
        )
    if frame.empty or frame.shape[1] < 2:
        raise IndicatorTableError(
            [
                Problem(
                    None,
                    None,
                    "the table needs a prefecture column and at least one value column, with a header row",
                )
            ]
        )


def _prefecture_column(frame: pd.DataFrame) -> str:
    matches = [c for c in frame.columns if _norm(c) in PREFECTURE_HEADERS]
    if not matches:
        shown = ", ".join(repr(str(c))[:40] for c in list(frame.columns)[:10])
        raise IndicatorTableError(
            [
                Problem(
                    1,
                    None,
                    f"no prefecture column found among {shown}: name it "
                    "'adcode', 'prefecture', 'name', '地区', '市州' or '城市'",
                )
            ]
        )
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


def read_table_file(path: Path) -> bytes:
    """The bytes of an indicator table on disk, read within ``MAX_BYTES``: special files (pipes,
    devices such as /dev/zero) and larger files are refused before anything is read."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise _refuse(f"{plain_text(path, limit=80)} is not a regular file")
        if info.st_size > MAX_BYTES:
            raise _refuse(f"the file is {info.st_size / 1e6:.1f} MB; the limit is {MAX_BYTES / 1e6:.0f} MB")
        with path.open("rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise _refuse(f"cannot read the file ({exc.strerror or type(exc).__name__})") from None
    if len(raw) > MAX_BYTES:  # grew while we read it
        raise _refuse(f"the file is larger than the limit of {MAX_BYTES / 1e6:.0f} MB")
    return raw


def parse_indicator_table(raw: bytes, filename: str = "upload.csv") -> IndicatorTable:
    """Validate ``raw`` (the file's bytes) and return it in the long format."""
    if len(raw) > MAX_BYTES:
        raise IndicatorTableError(
            [
                Problem(
                    None, None, f"the file is {len(raw) / 1e6:.1f} MB; the limit is {MAX_BYTES / 1e6:.0f} MB"
                )
            ]
        )
    frame = _read_frame(raw, filename)
    _check_shape(frame)
    frame.columns = [str(c) for c in frame.columns]
    if len(set(map(_norm, frame.columns))) < len(frame.columns):
        raise IndicatorTableError([Problem(1, None, "two columns have the same header: rename one")])
    pref_col = _prefecture_column(frame)
    try:
        long = _to_long(frame, pref_col)
    except (ValueError, KeyError, TypeError) as exc:
        raise IndicatorTableError(
            [
                Problem(
                    1,
                    None,
                    f"could not interpret the table's columns "
                    f"({type(exc).__name__}): use the long or the wide layout",
                )
            ]
        ) from None
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
            message = f"the text is {len(text):,} characters long; the limit is {limit}"
            return Problem(int(rec["_row"]), column, message)
    return None


def _validate_rows(long: pd.DataFrame) -> IndicatorTable:
    problems, notes, rows = [], [], []
    for rec in long.to_dict("records"):
        row = int(rec["_row"])
        adcode = _resolve(str(rec["prefecture"])[:MAX_TEXT])
        if isinstance(adcode, UnknownPrefectureError):
            problems.append(Problem(row, "prefecture", str(adcode)))
            continue
        if (problem := _too_long(rec)) is not None:
            problems.append(problem)
            continue
        indicator = str(rec["indicator"]).strip()
        if not indicator:
            problems.append(Problem(row, "indicator", "empty indicator name"))
            continue
        year = str(rec.get("year", "")).strip()
        if year and not re.fullmatch(r"(19|20)\d\d", year.removesuffix(".0")):
            problems.append(Problem(row, "year", f"{year[:20]!r} is not a year such as 2020"))
            continue
        try:
            value, unit_hint = parse_value(str(rec["value"]))
        except ValueError:
            problems.append(
                Problem(
                    row,
                    indicator,
                    f"{str(rec['value'])[:30]!r} is not a number (use digits such as 1234.5, 1,234 or 12.5%)",
                )
            )
            continue
        if value is None:
            notes.append(Problem(row, indicator, "no value: treated as missing"))
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
        problems.append(
            Problem(None, ind, f"prefecture {code} has more than one value for year {year or '?'}")
        )
    if problems:
        raise IndicatorTableError(problems)
    if table.empty:
        raise IndicatorTableError([Problem(None, None, "the table has no data rows")])
    table["value"] = pd.to_numeric(table["value"])
    if (table["year"] == "").any():
        notes.append(Problem(None, "year", "no year given: values are shown as 'year not given'"))
    if (table["source"] == "").any():
        notes.append(Problem(None, "source", "no source given: values are shown as 'uploaded, no source'"))
    return IndicatorTable(table, notes)
