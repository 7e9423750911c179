"""Every prefecture's series (``geo.data.series``, ``geo.scene.series``): the rank table by hand,
safe downloads, the chart (``geo.render.series_chart``)."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from geo.data.load import load_map_data, load_series_bases
from geo.data.series import missing_years, series_frame
from geo.render.series_chart import series_figure
from geo.scene.series import rank_table, series_chart, series_table
from geo.scene.style import SERIES_PROVINCE, SERIES_SELECTED
from geo.tables import to_csv_bytes, to_xlsx_bytes

DATA = load_map_data()
BASES = load_series_bases()


def test_the_rank_table_between_two_years_by_hand():
    table = rank_table(DATA, "gdp", "2020", "2023", measure="percent", lang="en", bases=BASES)
    rows = table.set_index("Area")
    assert list(table["Area"][:4]) == ["Deyang City", "Chengdu City", "Leshan City", "Meishan City"]
    # Deyang 2,404.1 -> 3,014.41 亿元 (240.41 -> 301.441 billion yuan in English)
    assert rows.loc["Deyang City", "Value 2020 (billion yuan)"] == pytest.approx(240.41)
    assert rows.loc["Deyang City", "Change (%)"] == pytest.approx((3014.41 / 2404.1 - 1) * 100, abs=1e-4)
    # ranks among the four compared: Deyang 2nd in 2020 (after Chengdu), 2nd in 2023
    assert rows.loc["Deyang City", "Rank 2020 (/4)"] == 2 and rows.loc["Deyang City", "Change in rank"] == 0
    assert rows.loc["Deyang City", "Start tier"] == "copy (unverified)"
    assert rows.loc["Zigong City", "Status"] == "both missing" and pd.isna(
        rows.loc["Zigong City", "Change (%)"]
    )


def test_across_a_break_the_rank_table_gives_both_ends_and_no_change():
    rows = rank_table(DATA, "gdp", "2020", "2024", measure="percent", lang="zh", bases=BASES).set_index(
        "地区"
    )
    assert rows.loc["德阳市", "数值 2024 (亿元)"] == pytest.approx(3265.4)
    assert rows.loc["德阳市", "状态"] == "口径变化" and pd.isna(rows.loc["德阳市", "变化 (%)"])


def test_downloads_neutralise_formulas_from_an_uploaded_source():
    hostile = '=HYPERLINK("http://x","y")'
    rows = pd.DataFrame(
        {"adcode": ["510100", "510100"], "indicator": "x", "year": ["2021", "2022"], "value": [1.0, 2.0],
         "unit": "件", "source": hostile, "note": ""}
    )  # fmt: skip
    data = DATA.with_upload(rows)
    table = rank_table(data, "upload:x", "2021", "2022", measure="absolute", lang="en", bases=BASES)
    assert hostile in "".join(table["Source"]) or "HYPERLINK" in "".join(table["Source"])
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(table))).active
    cells = [c for row in sheet.iter_rows() for c in row]
    assert not any(c.data_type == "f" for c in cells)
    assert not any(line.startswith("=") for line in to_csv_bytes(table).decode("utf-8-sig").split(","))


def test_missing_years_are_said():
    assert missing_years(DATA.indicators, "software_it_revenue") == ["2021"]
    assert missing_years(DATA.indicators, "gdp") == []


def test_the_chart_highlights_the_selected_prefecture_and_the_province():
    fig = series_figure(series_chart(DATA, "gdp", "510600", "en"))
    lines = [line for ax in fig.axes for line in ax.get_lines()]
    colours = [line.get_color() for line in lines]
    assert colours.count(SERIES_SELECTED.color) == 1 and colours.count(SERIES_PROVINCE.color) == 1
    shown = {t.get_text() for ax in fig.axes for t in ax.texts if t.get_visible()}
    assert "Deyang City 326.54" in shown and any(s.startswith("Sichuan (province)") for s in shown)
    drawn = series_frame(DATA.indicators, "gdp", DATA.prefectures)["adcode"].nunique()
    assert len(lines) == drawn  # one line per area with values, the province included


def test_the_charts_values_download_with_their_tiers_and_sources():
    table = series_table(DATA, "gdp", "zh")
    deyang = table[(table["地区"] == "德阳市") & (table["年份"] == "2024")].iloc[0]
    assert deyang["数值 (亿元)"] == pytest.approx(3265.4) and deyang["来源"] == "第一财经"
    assert deyang["核实程度"] == "可靠媒体引述"
    province = table[table["地区"] == "全省"]
    assert list(province["年份"]) == ["2020", "2021", "2023", "2025"]  # 2022 and 2024 not given
