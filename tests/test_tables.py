import io

import pandas as pd
import pytest

from geo.data import load_map_data
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
    assert chengdu[f"{share} · Source"] == "Sichuan software plan 2021–2025 (draft) Section I(2) item 2"
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
