"""Read a table file (CSV or XLSX) into rows of text, within a budget of time and memory.

Any file the uploader accepts is answered in a few seconds and well under 500 MB, accepted or
refused: workbooks are checked as archives before they are parsed (zip bombs, entity
declarations), then streamed and stopped at the row, column and cell limits; CSV is decoded as
UTF-8 or GBK/GB18030 and counted as it is read. ``geo.uploads.read`` interprets the rows.
"""

from __future__ import annotations

import csv
import io
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from geo.text.escape import plain_text
from geo.text.messages import located, message, where
from geo.uploads.xml_encoding import UnreadableEncoding, utf8_chunks, xml_codec

# The budget of one upload: any accepted file is answered in a few seconds and well under
# 500 MB of memory, accepted or refused (tests/test_upload_budget.py measures it).
MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
MAX_COLUMNS = 200
MAX_CELLS = 200_000
MAX_TEXT = 200  # characters in a header, indicator name, unit or source
MAX_XLSX_PARTS = 500
MAX_XLSX_PART = 10_000_000  # bytes of one uncompressed part of a workbook
MAX_XLSX_UNCOMPRESSED = 25_000_000
MAX_XLSX_RATIO = 100  # legitimate sheets compress 5-20×; bombs 1000× and more
MAX_CELL_FORMATS = 65_490  # Excel's own limit on unique cell formats in a workbook


@dataclass(frozen=True)
class Problem:
    """Where (row and column as the spreadsheet shows them, when known) and what: a message
    code of ``geo.text.messages`` and its parameters."""

    row: int | None
    column: str | None
    code: str
    params: dict = field(default_factory=dict)

    def text(self, lang: str = "en") -> str:
        return located(where(self.row, self.column, lang), message(self.code, lang, **self.params), lang)

    def __str__(self) -> str:
        return self.text("en")


class IndicatorTableError(ValueError):
    """The table cannot be used; ``problems`` says where and what to fix."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    def __reduce__(self):  # sent back whole from a confined reader (geo.uploads.confined)
        return type(self), (self.problems,)


def _decode(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):  # gb18030 is a superset of GBK (Excel in China)
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise _refuse("not_text")


def _delimiter(text: str) -> str:
    """Comma unless the header line clearly uses semicolons or tabs (European Excel, TSV)."""
    header = text.split("\n", 1)[0]
    return max([",", ";", "\t"], key=lambda d: (header.count(d), d == ","))


def _refuse(code: str, **params) -> IndicatorTableError:
    return IndicatorTableError([Problem(None, None, code, params)])


def _check_xlsx_archive(raw: bytes) -> zipfile.ZipFile:
    """The workbook's archive, after checking it cannot expand beyond the budget (zip bombs)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise _refuse("xlsx_unreadable") from None
    if len(parts) > MAX_XLSX_PARTS:
        raise _refuse("xlsx_parts", n=len(parts), limit=MAX_XLSX_PARTS)
    total = sum(p.file_size for p in parts)
    for part in parts:
        ratio = part.file_size / max(part.compress_size, 1)
        if part.file_size > 1_000_000 and ratio > MAX_XLSX_RATIO:
            raise _refuse(
                "xlsx_bomb", part=plain_text(part.filename, limit=60), mb=part.file_size / 1e6, ratio=ratio
            )
        if part.file_size > MAX_XLSX_PART:
            raise _refuse(
                "xlsx_part_big",
                part=plain_text(part.filename, limit=60),
                mb=part.file_size / 1e6,
                limit=MAX_XLSX_PART / 1e6,
            )
    if total > MAX_XLSX_UNCOMPRESSED:
        raise _refuse("xlsx_big", mb=total / 1e6, limit=MAX_XLSX_UNCOMPRESSED / 1e6)
    try:
        _check_xml_parts(archive, parts)
    except IndicatorTableError:
        raise
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, zlib.error):
        raise _refuse("xlsx_damaged") from None
    return archive


def _check_xml_parts(archive: zipfile.ZipFile, parts: list[zipfile.ZipInfo]) -> None:
    """Every XML part, whatever its name (a sheet may live at any path its relationships give)
    and its encoding (read as the parser will read it, ``geo.uploads.xml_encoding``): no DTD, at most
    ``MAX_CELLS`` cells or shared strings, at most ``MAX_CELL_FORMATS`` formats."""
    for part in parts:
        if part.is_dir():
            continue
        with archive.open(part) as fh:
            head = fh.read(4096)
        try:
            codec = xml_codec(head)
        except UnreadableEncoding as exc:
            name = plain_text(part.filename, limit=60)
            raise _refuse("xlsx_encoding", part=name, encoding=exc.encoding) from None
        if codec is None:
            continue  # not XML (an image, a binary part): openpyxl does not parse it as cells
        # counted on the text: openpyxl builds whole rows, and whole stylesheets, before we could stop it
        cells, formats, dtd = _count_tags(archive, part, *codec)
        if dtd:  # DTDs are how XML entity bombs and external entities get in
            raise _refuse("xlsx_dtd")
        if cells > MAX_CELLS:
            _check_budget(0, MAX_CELLS + 1, 0)
        if formats > MAX_CELL_FORMATS:
            raise _refuse("xlsx_styles", n=formats, limit=MAX_CELL_FORMATS)


_CELL_TAG = re.compile(rb"<(?:\w+:)?(?:c|si)[\s>/]")
_FORMAT_TAG = re.compile(rb"<(?:\w+:)?xf[\s>/]")
_DTD_TAG = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)


def _count_tags(
    archive: zipfile.ZipFile, part: zipfile.ZipInfo, codec: str, offset: int
) -> tuple[int, int, bool]:
    """The cells (or shared strings) and cell formats a part declares, and whether it declares
    a DTD anywhere (after a long comment too), on its text as UTF-8."""
    cells = formats = 0
    dtd = False
    tail = b""
    with archive.open(part) as fh:
        for chunk in utf8_chunks(iter(lambda: fh.read(1 << 20), b""), codec, offset):
            both = tail + chunk
            cells += len(_CELL_TAG.findall(both)) - len(_CELL_TAG.findall(tail))  # tail counted before
            formats += len(_FORMAT_TAG.findall(both)) - len(_FORMAT_TAG.findall(tail))
            dtd = dtd or _DTD_TAG.search(both) is not None
            tail = both[-16:]
    return cells, formats, dtd


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def _open_xlsx(raw: bytes):
    import openpyxl  # with defusedxml installed, openpyxl parses with it

    _check_xlsx_archive(raw)
    try:
        return openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True, keep_links=False)
    except Exception:  # openpyxl raises many kinds on damaged or hostile workbooks
        raise _refuse("xlsx_unreadable") from None


def _is_xlsx(filename: str) -> bool:
    return filename.lower().endswith((".xlsx", ".xlsm"))


class TableFile:
    """A CSV or XLSX table opened once: its ``sheets`` (none for a CSV) and the rows of any of
    them (``rows``), so one read gives both. A context manager (closes the workbook)."""

    def __init__(self, raw: bytes, filename: str):
        self._raw = raw
        self._book = _open_xlsx(raw) if _is_xlsx(filename) else None
        self.sheets: list[str] = list(self._book.sheetnames) if self._book is not None else []

    def rows(self, sheet: str | None = None) -> list[tuple[int, list[str]]]:
        """The rows of ``sheet`` (the first unless named) as text with the row numbers a
        spreadsheet shows, read within the budget: blank rows dropped, ragged rows padded.
        Raises ``IndicatorTableError`` when nothing is left."""
        rows = self._read_xlsx(sheet) if self._book is not None else _read_csv(self._raw)
        rows = [(n, r) for n, r in rows if any(str(c).strip() for c in r)]
        if not rows:
            raise _refuse("empty")
        width = max(len(r) for _, r in rows)
        return [(n, [*r, *[""] * (width - len(r))]) for n, r in rows]

    def _read_xlsx(self, sheet: str | None) -> list[tuple[int, list[str]]]:
        """A sheet's rows as text with their row numbers, streamed and stopped at the limits."""
        book = self._book
        if sheet is not None and sheet not in book.sheetnames:
            raise _refuse("no_sheet", sheet=plain_text(sheet, limit=60))
        try:
            ws = book[sheet] if sheet is not None else book.worksheets[0]
            rows, cells = [], 0
            for number, row in enumerate(ws.iter_rows(values_only=True), start=ws.min_row or 1):
                rows.append((number, [_cell_text(v) for v in row[: MAX_COLUMNS + 1]]))
                cells += len(row)
                _check_budget(len(rows), cells, len(row))
            return rows
        except IndicatorTableError:
            raise
        except Exception:
            raise _refuse("xlsx_unreadable") from None

    def close(self) -> None:
        if self._book is not None:
            self._book.close()

    def __enter__(self) -> TableFile:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def sheet_names(raw: bytes, filename: str) -> list[str]:
    """The sheets of a workbook (a CSV file has none)."""
    with TableFile(raw, filename) as table:
        return table.sheets


def _check_budget(n_rows: int, n_cells: int, width: int) -> None:
    if n_rows > MAX_ROWS + 1 or width > MAX_COLUMNS or n_cells > MAX_CELLS:
        raise _refuse("too_large", rows=MAX_ROWS, columns=MAX_COLUMNS, cells=MAX_CELLS)


def _read_csv(raw: bytes) -> list[tuple[int, list[str]]]:
    text = _decode(raw)
    if text.count("\n") > MAX_ROWS + 1:
        _check_budget(text.count("\n"), 0, 0)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
        rows, cells = [], 0
        for row in reader:
            rows.append((reader.line_num, row[: MAX_COLUMNS + 1]))
            cells += len(row)
            _check_budget(len(rows), cells, len(row))
    except csv.Error:
        raise _refuse("csv_unreadable") from None
    return rows


def numbered_rows(raw: bytes, filename: str, sheet: str | None = None) -> list[tuple[int, list[str]]]:
    """The rows of a CSV or XLSX table (``TableFile.rows``)."""
    with TableFile(raw, filename) as table:
        return table.rows(sheet)


def column_letter(index: int) -> str:
    """Spreadsheet column name of a 0-based index (0 -> A, 27 -> AB)."""
    name = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        name = chr(65 + rem) + name
    return name


def read_table_file(path: Path) -> bytes:
    """The bytes of an indicator table on disk, read within ``MAX_BYTES``: special files (pipes,
    devices such as /dev/zero) and larger files are refused before anything is read."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise _refuse("not_regular_file", path=plain_text(path, limit=80))
        if info.st_size > MAX_BYTES:
            raise _refuse("file_big", mb=info.st_size / 1e6, limit=MAX_BYTES / 1e6)
        with path.open("rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise _refuse("file_unreadable", reason=exc.strerror or type(exc).__name__) from None
    if len(raw) > MAX_BYTES:  # grew while we read it
        raise _refuse("file_grew", limit=MAX_BYTES / 1e6)
    return raw
