"""Templates of the tables the upload accepts, in either language: CSV (the wide layout) and a
workbook with one sheet per layout (wide, long, yearbook). Each one uploads as it is (tested)."""

from __future__ import annotations

import io

from geo.text.i18n import t

_AREAS = {"zh": ["成都市", "绵阳市", "德阳市"], "en": ["Chengdu", "Mianyang", "Deyang"]}
_VALUES = [[120.5, 131.2], [35.1, 38.0], [22.4, 24.9]]


def _wide(lang: str) -> list[list]:
    header = [
        t("tpl_area", lang),
        f"{t('tpl_indicator_a', lang)}（{t('tpl_unit_a', lang)}）2021",
        f"{t('tpl_indicator_a', lang)}（{t('tpl_unit_a', lang)}）2022",
    ]
    return [header, *([a, *v] for a, v in zip(_AREAS[lang], _VALUES, strict=True))]


def _long(lang: str) -> list[list]:
    header = [
        t(k, lang) for k in ("tpl_area", "tpl_indicator", "tpl_year", "tpl_value", "tpl_unit", "tpl_source")
    ]
    rows = [
        [area, t("tpl_indicator_a", lang), year, value, t("tpl_unit_a", lang), t("tpl_source_a", lang)]
        for area, values in zip(_AREAS[lang], _VALUES, strict=True)
        for year, value in zip((2021, 2022), values, strict=True)
    ]
    return [header, *rows]


def _yearbook(lang: str) -> list[list]:
    total = [round(sum(v[i] for v in _VALUES), 1) for i in range(2)]
    return [
        [t("tpl_title", lang)],
        [t("tpl_area", lang), f"{t('tpl_indicator_a', lang)}（{t('tpl_unit_a', lang)}）", None],
        [None, t("tpl_year_a", lang, year=2021), t("tpl_year_a", lang, year=2022)],
        [t("tpl_total", lang), *total],
        *([a, *v] for a, v in zip(_AREAS[lang], _VALUES, strict=True)),
        [f"{t('tpl_source_label', lang)}{t('tpl_source_a', lang)}"],
    ]


LAYOUTS = {"wide": _wide, "long": _long, "yearbook": _yearbook}


def template_csv(lang: str) -> bytes:
    """The wide layout as CSV (UTF-8 with BOM, as Excel in China expects)."""
    import csv

    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(_wide(lang))
    return buf.getvalue().encode("utf-8-sig")


def template_xlsx(lang: str) -> bytes:
    """A workbook with one sheet per accepted layout (the yearbook sheet with its merged header)."""
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for key, rows in LAYOUTS.items():
        sheet = book.create_sheet(t(f"tpl_sheet_{key}", lang))
        for row in rows(lang):
            sheet.append(row)
        if key == "yearbook":
            sheet.merge_cells("A1:C1")
            sheet.merge_cells("B2:C2")
        sheet.column_dimensions["A"].width = 14
        for col in "BCDEF":
            sheet.column_dimensions[col].width = 22
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()
