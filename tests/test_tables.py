import io

import pandas as pd
import pytest

from geo.data.load import load_map_data
from geo.tables import comparison_table, neutralise_formulas, to_csv_bytes, to_xlsx_bytes


@pytest.fixture(scope="module")
def data():
    return load_map_data()


def test_comparison_table_has_21_rows_with_value_rank_year_source(data):
    table = comparison_table(data, ["land_area", "software_revenue_share"], "en")
    assert len(table) == 21
    share = "Software revenue as share of the province's industry (%)"
    chengdu = table.set_index("Adcode").loc["510100"]  # headers in the chosen language
    assert chengdu[share] == 94.6 and chengdu[f"{share} · Rank"] == 1 and chengdu[f"{share} · Year"] == "2020"
    plan = "Sichuan software plan 2021–2025 (draft)"  # for comment, no publisher, address or date: †
    assert chengdu[f"{share} · Source"] == f"{plan} Section I(2) item 2 †"
    assert "一(二)2" in chengdu[f"{share} · Reference (in the source's language)"]
    assert "行政区划代码" in comparison_table(data, ["gdp"], "zh").columns
    assert table[share].isna().sum() == 20


@pytest.mark.parametrize("cell", ["=1+1", "+SUM(A1)", "-2+3", "@cmd", '=HYPERLINK("x")'])
def test_formula_cells_are_neutralised(cell):
    out = neutralise_formulas(pd.DataFrame({"name": [cell], cell: ["ok"], "n": [-5.0]}))
    assert out["name"].iloc[0] == "'" + cell
    assert "'" + cell in out.columns
    assert out["n"].iloc[0] == -5.0  # numbers stay numbers


def test_csv_has_bom_and_xlsx_opens_with_safe_text():
    table = pd.DataFrame({"name": ["=cmd|' /C calc'!A0", "成都"], "v": [1.0, 2.0]})
    assert to_csv_bytes(table).startswith(b"\xef\xbb\xbf")
    back = pd.read_excel(io.BytesIO(to_xlsx_bytes(table)))
    assert back["name"].iloc[0].startswith("'=") and back["name"].iloc[1] == "成都"


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _live_cells(raw: bytes) -> list[str]:
    """Every cell of every sheet a spreadsheet would run: a formula, or text starting like one."""
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(raw))
    return [
        f"{sheet.title}!{cell.coordinate}"
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f" or (isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS))
    ]


def test_an_uploaded_table_with_a_formula_in_every_field_downloads_inert(data):
    """Compare's CSV and XLSX of an upload whose every field (area aside) is a formula: no sheet,
    header or key runs anything."""
    from geo.uploads.read import parse_indicator_table

    formula = '=HYPERLINK("http://example.invalid","x")'
    rows = [["地区", "indicator", "year", "value", "unit", "source", "note"]]
    for area in ("成都", "绵阳"):
        rows.append([area, formula, "2023", "1", "+" + formula, "-" + formula, "@" + formula])
    raw = "\n".join(",".join(f'"{c.replace(chr(34), chr(34) * 2)}"' for c in row) for row in rows).encode()
    merged = data.with_upload(parse_indicator_table(raw, "f.csv").data)
    indicator = f"upload:{formula}"
    table = comparison_table(merged, [indicator, "gdp"], "zh")
    about = {formula: formula, "来源": "-" + formula}
    assert _live_cells(to_xlsx_bytes(table, about)) == []
    import csv

    fields = [f for row in csv.reader(io.StringIO(to_csv_bytes(table).decode("utf-8-sig"))) for f in row]
    assert formula in "".join(fields) and not [f for f in fields if f.startswith(FORMULA_STARTS)]


def test_templates_have_no_live_cells():
    from geo.data.coverage import missing_template
    from geo.uploads.templates import template_xlsx

    assert _live_cells(template_xlsx("zh")) == [] and _live_cells(template_xlsx("en")) == []
    data = load_map_data()
    assert _live_cells(missing_template(data, "zh")) == [] and _live_cells(missing_template(data, "en")) == []
