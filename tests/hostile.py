"""Hostile inputs, generated in the tests: text payloads, zip bombs and XML attacks.

Nothing here is stored: every file is made by the test that needs it.
"""

from __future__ import annotations

import io
import tempfile
import time
import zipfile
from pathlib import Path

# A marker file that the server-side payloads would create if a template ever ran.
MARKER = Path(tempfile.gettempdir()) / "sw-template-injection-marker"  # removed by the tests

# Text that must come out literally wherever it is shown.
PAYLOADS = {
    "jinja_expr": "x{{7*7}}y",
    "jinja_block": "a{% raw %}b",
    "jinja_comment": "c{#d",
    "jinja_rce": "{{ cycler.__init__.__globals__.os.mkdir('" + str(MARKER) + "') }}",
    "html": "<img src=x onerror=alert(1)>",
    "script": "</script><script>alert(2)</script>",
    "js_template": "${alert(3)}`\\",
    "markdown_image": "![m](http://example.invalid/m.png)",
    "mathtext": "$x^2$ and a lone $",
    "rtl_override": "abc\u202edcba",
    "formula": '=HYPERLINK("http://example.invalid","x")',
}
LONG_TEXT = "L" * 5000


def _xlsx_parts(sheet_xml: bytes, shared_strings: bytes | None = None) -> dict[str, bytes]:
    rels = (
        b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
        b'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    )
    book_rels = (
        b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
        b'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        + (
            b'<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            b'relationships/sharedStrings" Target="sharedStrings.xml"/>'
            if shared_strings is not None
            else b""
        )
        + b"</Relationships>"
    )
    book = (
        b'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )
    types = (
        b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/'
        b'2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
        b'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        b'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
        b'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" '
        b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        + (
            b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
            b'officedocument.spreadsheetml.sharedStrings+xml"/>'
            if shared_strings is not None
            else b""
        )
        + b"</Types>"
    )
    parts = {
        "[Content_Types].xml": types,
        "_rels/.rels": rels,
        "xl/workbook.xml": book,
        "xl/_rels/workbook.xml.rels": book_rels,
        "xl/worksheets/sheet1.xml": sheet_xml,
    }
    if shared_strings is not None:
        parts["xl/sharedStrings.xml"] = shared_strings
    return parts


def _zip(parts: dict[str, bytes | list[bytes]]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name, body in parts.items():
            with zf.open(name, "w", force_zip64=True) as fh:
                for chunk in body if isinstance(body, list) else [body]:
                    fh.write(chunk)
    return buf.getvalue()


_SHEET_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
    b'spreadsheetml/2006/main"><sheetData>'
)
_SHEET_TAIL = b"</sheetData></worksheet>"


def _row(n: int, cells: list[tuple[str, str, bool]]) -> bytes:
    def cell(col: str, v: str, shared: bool) -> str:
        if shared:
            return f'<c r="{col}{n}" t="s"><v>{v}</v></c>'
        if v.replace(".", "", 1).isdigit():
            return f'<c r="{col}{n}"><v>{v}</v></c>'
        return f'<c r="{col}{n}" t="inlineStr"><is><t>{v}</t></is></c>'

    body = "".join(cell(*c) for c in cells)
    return f'<row r="{n}">{body}</row>'.encode()


def small_xlsx(rows: list[list[str]]) -> bytes:
    """A genuine one-sheet workbook with text cells (inline strings)."""
    out = []
    for n, row in enumerate(rows, 1):
        cells = "".join(
            f'<c r="{chr(65 + i)}{n}" t="inlineStr"><is><t>{v}</t></is></c>' for i, v in enumerate(row)
        )
        out.append(f'<row r="{n}">{cells}</row>'.encode())
    return _zip(_xlsx_parts(_SHEET_HEAD + b"".join(out) + _SHEET_TAIL))


def shared_strings_bomb(expanded_mb: int = 256) -> bytes:
    """A small workbook whose shared-strings part expands to ``expanded_mb`` MB."""
    header = _row(1, [("A", "0", True), ("B", "1", True)])
    sheet = _SHEET_HEAD + header + _row(2, [("A", "2", True), ("B", "1", True)]) + _SHEET_TAIL
    chunk = b"<si><t>" + b"A" * (1 << 20) + b"</t></si>"
    strings = [
        b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main"><si><t>adcode</t></si><si><t>gdp</t></si><si><t>510100</t></si>',
        *[chunk] * expanded_mb,
        b"</sst>",
    ]
    return _zip(_xlsx_parts(sheet, strings))  # type: ignore[arg-type]


def many_rows_xlsx(n_rows: int = 1_000_000, *, varied: bool = False) -> bytes:
    """A workbook of ``n_rows`` tiny rows: small on disk, long to read without a row limit.
    ``varied`` rows carry their row number, so the sheet compresses like a real one."""
    head = [_SHEET_HEAD, _row(1, [("A", "adcode", False), ("B", "1", False)])]
    if varied:
        body = [_row(n, [("A", "510100", False), ("B", str(n), False)]) for n in range(2, n_rows + 2)]
    else:
        body = [b"<row><c><v>510100</v></c><c><v>1</v></c></row>" * 10_000] * (n_rows // 10_000)
    return _zip(_xlsx_parts(b"") | {"xl/worksheets/sheet1.xml": [*head, *body, _SHEET_TAIL]})


def lying_zip_bomb() -> bytes:
    """A workbook whose sheet declares a small size but inflates to much more (headers patched)."""
    big = _SHEET_HEAD + b"<row/>" * 5_000_000 + _SHEET_TAIL
    raw = bytearray(_zip(_xlsx_parts(big)))
    declared = (50_000).to_bytes(4, "little")
    name = b"xl/worksheets/sheet1.xml"
    for sig, size_offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (i := raw.find(sig, start)) >= 0:
            name_at = i + (30 if sig == b"PK\x03\x04" else 46)
            ours = raw[name_at : name_at + len(name)] == name
            if ours and raw[i + size_offset : i + size_offset + 4] != b"\xff\xff\xff\xff":
                raw[i + size_offset : i + size_offset + 4] = declared
            start = i + 4
    return bytes(raw)


_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'.encode()
        for i in range(1, 10)
    )
    + b"]>"
)


def entity_bomb_xlsx() -> bytes:
    """Billion laughs in the sheet XML."""
    sheet = (
        _LAUGHS + _SHEET_HEAD.split(b"?>", 1)[1] + b'<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t>'
        b"</is></c></row>" + _SHEET_TAIL
    )
    return _zip(_xlsx_parts(sheet))


def external_entity_xlsx() -> bytes:
    """An external entity (XXE) that would read a local file into a cell."""
    sheet = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        + _SHEET_HEAD.split(b"?>", 1)[1]
        + b'<row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row>'
        + _SHEET_TAIL
    )
    return _zip(_xlsx_parts(sheet))


def styles_bomb(n_formats: int = 1_600_000) -> bytes:
    """A genuine small sheet whose stylesheet declares ``n_formats`` cell formats (openpyxl parses
    the whole stylesheet, even in read-only mode), separated by varied whitespace so that it
    compresses about 25× like a real part, under the archive's size and ratio checks."""
    import random

    sheet = _SHEET_HEAD + _row(1, [("A", "地区", False), ("B", "gdp", False)])
    sheet += _row(2, [("A", "成都", False), ("B", "1", False)]) + _SHEET_TAIL
    spaces = random.Random(0).choices([b" ", b"\t", b"\n", b"\r"], k=n_formats)
    styles = [
        b'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main"><fonts count="1"><font/></fonts><fills count="1"><fill/></fills>'
        b'<borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs>'
        + f'<cellXfs count="{n_formats}">'.encode(),
        b"<xf/>".join(spaces),
        b"</cellXfs></styleSheet>",
    ]
    return _zip(_xlsx_parts(sheet) | {"xl/styles.xml": styles})


def relocated_sheet_xlsx(n_cells: int = 600_000) -> bytes:
    """A workbook whose relationships put its only sheet at ``xl/data/s.xml`` (any path is
    valid), holding one row of ``n_cells`` cells of varied digits: within the archive's size and
    ratio checks, over the cell limit."""
    import random

    parts = _xlsx_parts(b"")
    del parts["xl/worksheets/sheet1.xml"]
    for name in ("[Content_Types].xml", "xl/_rels/workbook.xml.rels"):
        parts[name] = parts[name].replace(b"worksheets/sheet1.xml", b"data/s.xml")
    digits = random.Random(0).choices(b"0123456789", k=n_cells)
    cells = b"".join(b"<c><v>%d</v></c>" % d for d in digits)
    head = b'<row r="1"><c t="inlineStr"><is><t>adcode</t></is></c>'
    parts["xl/data/s.xml"] = [_SHEET_HEAD, head, cells, b"</row>", _SHEET_TAIL]
    return _zip(parts)


# Readers run in a confined child (geo.uploads.confined) by the tests: module-level, so a child
# can import them.
def load_unchecked(raw: bytes) -> list[int]:
    """openpyxl on a workbook with none of our checks: what a reader without them would cost."""
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    return [sum(len(row) for row in sheet.iter_rows(values_only=True)) for sheet in book.worksheets]


def allocate(mb: int) -> int:
    """Hold ``mb`` MB at once (touched, so it is really resident)."""
    block = bytearray(mb * 1024 * 1024)
    block[::4096] = b"x" * len(block[::4096])
    return len(block) // (1024 * 1024)


def spin(seconds: float = 30) -> None:
    """Keep a core busy for ``seconds`` (unconfined, a test that expects a limit fails, not hangs)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def huge_values_csv() -> bytes:
    """Values at the edge of what a float holds, and beyond it."""
    rows = ["地区,gdp", "成都,1.7e308", "绵阳,-1.7e308", "德阳,1e16", "宜宾,-2e15", "泸州,1e999", "眉山,5"]
    return "\n".join(rows).encode()


def over_cells_csv() -> bytes:
    """Within the row (20,000) and column (200) limits, over the cell limit (200,000): 1,100 rows
    of 190 cells. Refused by the cell count and nothing else."""
    header = "地区," + ",".join(f"c{i}" for i in range(189))
    row = "成都," + ",".join("1" for _ in range(189))
    return "\n".join([header, *[row] * 1_100]).encode()


def reencoded(raw: bytes, encoding: str) -> bytes:
    """The workbook ``raw`` with every XML part written in ``encoding`` as a parser reads it:
    "utf-8-sig" (UTF-8 after a byte-order mark), "utf-16" (little-endian, with a mark),
    "utf-16-be" (with a mark) or "utf-16-le" (no mark; the declaration says UTF-16)."""
    marks = {"utf-16": b"", "utf-16-be": b"\xfe\xff", "utf-16-le": b""}  # "utf-16" writes its own
    parts = {}
    with zipfile.ZipFile(io.BytesIO(raw)) as book:
        for info in book.infolist():
            body = book.read(info)
            if body.startswith(b"<"):
                text = body.decode("utf-8")
                if encoding != "utf-8-sig":
                    text = text.replace('encoding="UTF-8"', 'encoding="UTF-16"', 1)
                body = marks.get(encoding, b"") + text.encode(encoding)
            parts[info.filename] = body
    return _zip(parts)


def late_dtd_xlsx() -> bytes:
    """An external entity declared after a 6 KB comment (XML allows comments before the DTD)."""
    sheet = (
        b'<?xml version="1.0" encoding="UTF-8"?><!--'
        + b"x" * 6000
        + b'--><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        + _SHEET_HEAD.split(b"?>", 1)[1]
        + b'<row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row>'
        + _SHEET_TAIL
    )
    return _zip(_xlsx_parts(sheet))


def utf32_xlsx() -> bytes:
    """A genuine small workbook whose sheet is written in UTF-32 (libxml2 reads it; our checks
    would not)."""
    raw = small_xlsx([["地区", "gdp"], ["成都", "1"]])
    parts = {}
    with zipfile.ZipFile(io.BytesIO(raw)) as book:
        for info in book.infolist():
            body = book.read(info)
            if info.filename.endswith("sheet1.xml"):
                body = body.decode("utf-8").replace('encoding="UTF-8"', 'encoding="UTF-32"').encode("utf-32")
            parts[info.filename] = body
    return _zip(parts)
