"""A yearbook table's header and columns: where the header row is (below title rows, over two
rows when merged), what each column holds (the area, an indicator and its year and unit, a
source, a note), footnotes and their source, values as written (``1,234``, ``12.5%``, ``—``).
Used by ``geo.uploads.read``, which turns the rows into the long table."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field

import pandas as pd

from geo.uploads.table_file import (
    MAX_TEXT,
    IndicatorTableError,
    Problem,
    column_letter,
)

MAX_NOTE = 500  # characters of a note
HEADER_SEARCH_ROWS = 15  # title rows a header may sit below


COLUMNS = ["adcode", "indicator", "year", "value", "unit", "source", "note"]

# Headers of the area column, compared without brackets, separators or spaces (``_area_key``):
# the yearbooks write 市（州）, 区（市）县, 县（市、区）, 区县, 县市区 and more.
AREA_HEADERS = {
    "adcode", "prefecture", "county", "name", "area", "地区", "市州", "城市", "区县", "县区", "县市区",
    "区市县", "县市", "市县", "行政区划代码", "代码", "名称", "city", "region", "prefectureadcode",
    "namezh", "单位名称", "地区名称", "行政区划", "行政区", "地区名", "地名",
}  # fmt: skip
_ALIASES = {
    "指标": "indicator", "indicator": "indicator", "指标名称": "indicator",
    "年份": "year", "年": "year", "year": "year", "年度": "year",
    "数值": "value", "值": "value", "value": "value",
    "单位": "unit", "unit": "unit", "计量单位": "unit",
    "来源": "source", "数据来源": "source", "source": "source", "出处": "source",
    "备注": "note", "note": "note", "说明": "note",
}  # fmt: skip
# Columns of the app's own downloads that are not data: names beside the adcode, ranks, short
# source names (the full reference is read instead).
_IGNORED = {"中文名", "英文名", "chinese name", "english name", "name_en", "排名", "rank"}
_SUFFIX_ROLES = {
    "年份": "year", "year": "year", "排名": None, "rank": None, "来源": None, "source": None,
    "核实程度": None, "tier": None,
}  # fmt: skip
_REFERENCE = ("出处", "reference")
TOTALS = {
    "全省",
    "四川省",
    "四川",
    "合计",
    "总计",
    "全市",
    "全州",
    "全区",
    "总计/合计",
    "全省合计",
    "total",
    "sichuan",
}
FOOTNOTES = ("注", "资料来源", "数据来源", "说明", "来源", "备注", "note", "source")
_SOURCE_FOOTNOTES = ("资料来源", "数据来源", "来源", "source")
MISSING = {"", "—", "–", "-", "--", "…", "...", "na", "n/a", "nan", "null", "none", "无", "缺", "暂无", "x"}
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
YEAR = re.compile(r"((?:19|20)\d\d)\s*(?:年末|年底|年度|年)?")
_UNIT = re.compile(r"[(（]\s*([^()（）]{1,24})\s*[)）]\s*$")
# A year in a header: "2021年" anywhere, a bare "2021" only as a word of its own (or after a unit).
_HEADER_YEAR = re.compile(r"((?:19|20)\d\d)\s*(?:年末|年底|年度|年)|(?:^|(?<=[\s)]))((?:19|20)\d\d)(?=\s|$)")
# Units that differ by a power of ten: values of one indicator are brought to its first unit.
UNIT_SCALE = {
    "元": 1,
    "万元": 1e4,
    "亿元": 1e8,
    "人": 1,
    "万人": 1e4,
    "个": 1,
    "万个": 1e4,
    "户": 1,
    "万户": 1e4,
}


@dataclass
class IndicatorTable:
    data: pd.DataFrame  # COLUMNS, one row per area x indicator x year
    notes: list[Problem] = field(default_factory=list)
    level: str = "prefecture"  # or "county"; "province" for a table of the province's totals only
    province: pd.DataFrame | None = None  # COLUMNS: the province's own totals (全省, 四川省), adcode 510000
    columns: dict[str, str] = field(default_factory=dict)  # indicator -> the column(s) it was read from
    left_out: list[tuple[str, str]] = field(default_factory=list)  # (column, why): text columns
    year_from: tuple[str, str] = ("", "")  # (year, where: title, sheet, file, given) for columns without one
    areas: dict[str, str] = field(default_factory=dict)  # adcode -> the area's name as the table writes it

    def summary(self, lang: str = "en") -> str:
        d = self.data
        lines = [
            f"{len(d)} values, {d['indicator'].nunique()} indicator(s), {d['adcode'].nunique()} areas "
            f"({self.level} level)"
        ]
        for name, rows in d.groupby("indicator", sort=False):
            years = ", ".join(sorted({str(y) or "not given" for y in rows["year"]}))
            lines.append(f"  {name}: {rows['value'].notna().sum()} values, year(s) {years}")
        lines += [f"note: {n.text(lang)}" for n in self.notes]
        return "\n".join(lines)


def norm(header: object) -> str:
    return unicodedata.normalize("NFKC", str(header)).strip().casefold()


_AREA_NOISE = re.compile(r"[\s()\[\]、,，/_·.-]")


def is_area(header: object) -> bool:
    """Whether a header names the area column (区（市）县 = 县(市、区) = 区县 ... for counties)."""
    return _AREA_NOISE.sub("", norm(header)) in AREA_HEADERS


MAX_MAGNITUDE = 1e15  # no statistic of a prefecture or county comes near it, in any unit we read


class ImplausibleValue(ValueError):
    """A number, but beyond ``MAX_MAGNITUDE``: a typo, an overflow or an attack."""


def parse_value(text: str) -> tuple[float | None, str | None]:
    """``(value, unit_hint)``; ``(None, None)`` for a missing marker. Raises ``ImplausibleValue``
    for a magnitude beyond ``MAX_MAGNITUDE`` and ValueError for anything that is not a number."""
    s = unicodedata.normalize("NFKC", text).strip()
    if s.casefold() in MISSING:
        return None, None
    unit = "%" if s.endswith("%") else None
    s = s.rstrip("%").replace(",", "").replace(" ", "")
    if not _NUMBER.match(s):
        raise ValueError(text)
    value = float(s)
    if not math.isfinite(value):
        raise ValueError(text)
    if abs(value) > MAX_MAGNITUDE:
        raise ImplausibleValue(text)
    return value, unit


@dataclass(frozen=True)
class Column:
    """What a column holds: a role (indicator, year, value, unit, source, note), or values of an
    indicator (``name``; ``year``/``unit`` from its header when given)."""

    index: int
    header: str
    role: str  # "values" or one of the aliases' roles
    name: str = ""
    year: str = ""
    unit: str = ""
    of: str = ""  # for a download's "X · 年份"/"X · 出处" column: the indicator it belongs to


def split_header(text: str) -> tuple[str, str, str]:
    """A value column's header as (name, unit, year): "软件业务收入（亿元）2021年" ->
    ("软件业务收入", "亿元", "2021"); "2021年末" -> ("", "", "2021")."""
    s = unicodedata.normalize("NFKC", text).strip()
    year = ""
    if m := _HEADER_YEAR.search(s):
        year, s = m.group(1) or m.group(2), (s[: m.start()] + s[m.end() :]).strip()
    unit = ""
    if m := _UNIT.search(s):
        unit, s = m.group(1).strip(), s[: m.start()].strip()
    return own_name(s.strip(" ·-_:：")), unit, year


# How the app marks an uploaded indicator ("（上传）", "(uploaded, sum of counties)"): a table
# downloaded from the app and uploaded again keeps its indicators' own names.
_UPLOAD_MARK = re.compile(r"\s*[(（]\s*(?:上传|uploaded)[^()（）]*[)）]\s*$")


def own_name(name: str) -> str:
    """An indicator's name without the app's "uploaded" mark."""
    return _UPLOAD_MARK.sub("", name)


def _is_year(text: str) -> bool:
    return bool(YEAR.fullmatch(unicodedata.normalize("NFKC", text).strip()))


def header_row(rows: list[tuple[int, list[str]]]) -> int:
    """The index of the header row: the first (among the first rows) naming an area column."""
    for i, (_, cells) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if any(is_area(c) for c in cells):
            return i
    shown = ", ".join(repr(c)[:40] for c in rows[0][1] if c.strip())[:300]
    raise IndicatorTableError([Problem(rows[0][0], None, "no_area_column", {"shown": shown})])


def read_header(rows: list[tuple[int, list[str]]], h: int) -> tuple[list[str], int, list[Problem]]:
    """The header's cells (a second header row of years under merged cells joined to the first)
    and the index of the first data row, with notes on what was assumed."""
    notes = []
    number, cells = rows[h]
    header = list(cells)
    area = next(j for j, c in enumerate(cells) if is_area(c))
    start = h + 1
    if start < len(rows):
        below = rows[start][1]
        years = [j for j, c in enumerate(below) if c.strip() and _is_year(c)]
        if years and not below[area].strip():  # a second header row: the years under an indicator
            parent = ""
            for j, c in enumerate(cells):
                parent = c.strip() or parent if j != area else ""
                if j in years:
                    header[j] = f"{parent} {below[j].strip()}".strip()
            notes.append(Problem(None, None, "two_header_rows", {"first": number, "second": rows[start][0]}))
            start += 1
    for j, text in enumerate(header):
        if len(text) > MAX_TEXT:
            raise IndicatorTableError(
                [Problem(number, column_letter(j), "header_long", {"n": len(text), "limit": MAX_TEXT})]
            )
    return header, start, notes


def column_roles(header: list[str], area: int) -> list[Column]:
    out = []
    for j, text in enumerate(header):
        key = norm(text)
        if j == area or not text.strip() or key in _IGNORED or is_area(text):
            continue
        if key in _ALIASES:
            out.append(Column(j, text, _ALIASES[key]))
            continue
        if " · " in text:  # the app's own download: "GDP (亿元) · 年份"
            base, suffix = text.rsplit(" · ", 1)
            suffix_key = norm(suffix)
            if suffix_key.startswith(_REFERENCE):
                out.append(Column(j, text, "source", of=base))
            elif _SUFFIX_ROLES.get(suffix_key):
                out.append(Column(j, text, _SUFFIX_ROLES[suffix_key], of=base))
            continue
        name, unit, year = split_header(text)
        out.append(Column(j, text, "values", name, year, unit))
    roles = {c.role for c in out}
    if "value" in roles and "indicator" not in roles:  # a column headed 值 in a wide table is data
        out = [Column(c.index, c.header, "values", c.header) if c.role == "value" else c for c in out]
    values = {c.header for c in out if c.role == "values"}
    return [c for c in out if not c.of or c.of in values]


def is_footnote(cells: list[str]) -> bool:
    first = next((c for c in cells if c.strip()), "")
    return norm(first).startswith(FOOTNOTES) and (len(first) > 4 or sum(bool(c.strip()) for c in cells) == 1)


def footnote_source(cells: list[str]) -> str:
    first = next((c for c in cells if c.strip()), "").strip()
    if norm(first).startswith(_SOURCE_FOOTNOTES):
        return re.sub(r"^[^:：]*[:：]\s*", "", first).strip()
    return ""
