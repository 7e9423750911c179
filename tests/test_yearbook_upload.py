"""Planners' real tables: files shaped like the statistical yearbooks and the app's own downloads
load to the expected long table; each misreading that used to happen has a test here."""

from __future__ import annotations

import io

import numpy as np
import openpyxl
import pytest

from geo.data.load import load_map_data
from geo.tables import comparison_table, to_csv_bytes, to_xlsx_bytes
from geo.text.i18n import unit_scale
from geo.uploads.read import IndicatorTableError, parse_indicator_table, sheet_names


def _yearbook_xlsx() -> bytes:
    """A title row, a header merged over two year columns, a 全省 row and two footnotes."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "表3-2"
    ws.append(["四川省各市（州）软件业务收入（2021—2022年）"])
    ws.merge_cells("A1:C1")
    ws.append(["地区", "软件业务收入（亿元）", None])
    ws.merge_cells("B2:C2")
    ws.append([None, "2021年", "2022年"])
    ws.append(["全省", 100, 120])
    ws.append(["成都市", 90, 108])
    ws.append(["绵阳市", 6, 7])
    ws.append(["德阳市", 4, 5])
    ws.append(["注：本表数据为初步核算数。"])
    ws.append(["资料来源：四川省统计局《四川统计年鉴2023》"])
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def test_a_yearbook_sheet_loads_as_the_planner_means_it():
    table = parse_indicator_table(_yearbook_xlsx(), "yearbook.xlsx")
    d = table.data.set_index(["adcode", "year"])
    assert len(d) == 6 and set(table.data["indicator"]) == {"软件业务收入"}
    assert d.loc[("510100", "2022"), "value"] == 108 and d.loc[("510600", "2021"), "value"] == 4
    assert set(table.data["unit"]) == {"亿元"} and set(table.data["year"]) == {"2021", "2022"}
    assert set(table.data["source"]) == {"四川省统计局《四川统计年鉴2023》"}  # from the footnote
    assert "510000" not in set(table.data["adcode"])  # 全省 is a total, not an area
    codes = [n.code for n in table.notes]
    assert {"title_skipped", "two_header_rows", "footnote_skipped", "source_from_footnote"} <= set(codes)
    assert codes.count("total_matches") == 2  # 100 = 90 + 6 + 4 and 120 = 108 + 7 + 5
    zh = "\n".join(n.text("zh") for n in table.notes)
    assert "第 1 至 1 行作为表格标题" in zh and "与各地区之和一致" in zh


def test_year_columns_are_years_not_indicators():
    raw = "地区,2021年,2022年末\n成都,1,2\n绵阳,3,4\n".encode()
    table = parse_indicator_table(raw, "专利授权.csv")
    assert set(table.data["indicator"]) == {"专利授权"}  # named after the file, and it says so
    assert set(table.data["year"]) == {"2021", "2022"}
    assert any(n.code == "named_by_file" for n in table.notes)


def test_a_gbk_county_table_is_read_at_county_level():
    raw = "区县,常住人口（万人）\n锦江区,90.2\n青羊区,95.5\n武侯区,120.5\n双流区,146.6\n".encode("gbk")
    table = parse_indicator_table(raw, "chengdu.csv")
    assert table.level == "county"
    assert set(table.data["adcode"]) == {"510104", "510105", "510107", "510116"}
    assert set(table.data["unit"]) == {"万人"} and set(table.data["indicator"]) == {"常住人口"}


def test_a_table_mixing_levels_is_refused_with_a_clear_message():
    with pytest.raises(IndicatorTableError) as err:
        parse_indicator_table("地区,x\n成都,1\n绵阳,2\n武侯区,3\n".encode(), "m.csv")
    assert "mixes prefectures and counties" in str(err.value) and "武侯区" in str(err.value)


def test_a_total_that_does_not_add_up_is_noted():
    raw = "地区,GDP（亿元）\n合计,100\n成都,50\n绵阳,20\n".encode()
    table = parse_indicator_table(raw, "t.csv")
    assert [n.code for n in table.notes if n.code.startswith("total")] == ["total_differs"]


def test_units_in_wan_and_yi_are_brought_to_one_unit():
    raw = "地区,GDP（亿元）2021年,GDP（万元）2022年\n成都,1,20000\n".encode()
    d = parse_indicator_table(raw, "u.csv").data.set_index("year")
    assert d.loc["2022", "value"] == 2 and set(d["unit"]) == {"亿元"}


def test_every_sheet_is_offered_and_the_chosen_one_read():
    book = openpyxl.Workbook()
    book.active.title = "说明"
    book.active.append(["本工作簿第二张表为数据。"])
    data = book.create_sheet("数据")
    data.append(["地区", "专利"])
    data.append(["成都", 10])
    buf = io.BytesIO()
    book.save(buf)
    raw = buf.getvalue()
    assert sheet_names(raw, "b.xlsx") == ["说明", "数据"]
    assert parse_indicator_table(raw, "b.xlsx", sheet="数据").data["value"].tolist() == [10.0]
    with pytest.raises(IndicatorTableError):
        parse_indicator_table(raw, "b.xlsx")  # the first sheet has no table


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_apps_own_download_uploads_again_unchanged(lang, fmt):
    data = load_map_data()
    table = comparison_table(data, ["gdp", "population"], lang)
    raw = to_csv_bytes(table) if fmt == "csv" else to_xlsx_bytes(table)
    back = parse_indicator_table(raw, f"sichuan-prefectures.{fmt}").data
    for indicator, label in (("gdp", "地区生产总值" if lang == "zh" else "GDP"), ("population", None)):
        view = data.view(indicator).dropna(subset=["value"]).set_index("adcode")
        names = set(back["indicator"])
        name = label or next(n for n in names if n != ("地区生产总值" if lang == "zh" else "GDP"))
        got = back[back["indicator"] == name].set_index("adcode")
        assert set(got.dropna(subset=["value"]).index) == set(view.index), (indicator, name)
        factor = unit_scale(data.indicator_meta.set_index("id").loc[indicator, "unit_zh"], lang)
        assert np.allclose(got.loc[view.index, "value"], view["value"] * factor)  # billions in English
        assert (got.loc[view.index, "year"] == view["year"]).all()
        assert (got.loc[view.index, "source"] == view["source"]).all()


def test_the_downloaded_workbook_keeps_numbers_years_a_frozen_header_and_its_sources():
    data = load_map_data()
    table = comparison_table(data, ["gdp"], "zh")
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(table, {"来源": "四川观察"})))
    ws = book["data"]
    header = [c.value for c in ws[1]]
    year_col = header.index("地区生产总值 (亿元) · 年份") + 1
    chengdu = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "510100")
    assert chengdu[header.index("地区生产总值 (亿元)")].value == 17717  # a number, not text
    assert chengdu[year_col - 1].value == 2020  # an integer, not the text "2020"
    assert ws.freeze_panes == "A2" and ws.column_dimensions["B"].width >= 8
    assert [c.value for c in book["about"]["A"]] == ["key", "来源"]


def test_classes_pooled_over_the_years_give_a_colour_one_meaning():
    from geo.scene.classify import class_colors, class_scheme

    data = load_map_data()
    raw = "地区,专利 2021年,专利 2022年\n成都,10,100\n绵阳,1,10\n德阳,2,20\n乐山,3,30\n".encode()
    merged = data.with_upload(parse_indicator_table(raw, "p.csv").data)
    codes = merged.prefectures["adcode"]
    fills = {}
    for breaks in ("pooled", "per_year"):
        for year in ("2021", "2022"):
            scheme, bins = class_scheme(
                merged.indicators, "upload:专利", codes, scheme="quantiles", k=3, bins=None, breaks=breaks
            )
            view = merged.view("upload:专利", year)
            classes = class_colors(view, scheme=scheme, k=3, bins=bins, palette="Blues", fmt=str)
            fills[breaks, year] = dict(zip(view["adcode"], classes.fills, strict=True))
    # 成都 2021 (10) and 绵阳 2022 (10) hold the same value: one colour when pooled
    assert fills["pooled", "2021"]["510100"] == fills["pooled", "2022"]["510700"]
    # per year, each year's largest value takes the darkest colour
    assert fills["per_year", "2021"]["510100"] == fills["per_year", "2022"]["510100"]
    assert fills["pooled", "2021"]["510100"] != fills["pooled", "2022"]["510100"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_template_uploads_as_it_is(lang):
    from geo.uploads.templates import LAYOUTS, template_csv, template_xlsx

    wide = parse_indicator_table(template_csv(lang), "template.csv")
    assert len(wide.data) == 6 and set(wide.data["year"]) == {"2021", "2022"}
    raw = template_xlsx(lang)
    sheets = sheet_names(raw, "template.xlsx")
    assert len(sheets) == len(LAYOUTS)
    for sheet in sheets:
        table = parse_indicator_table(raw, "template.xlsx", sheet)
        d = table.data.set_index(["adcode", "year"])["value"]
        assert d[("510100", "2022")] == 131.2 and len(d) == 6, sheet
        assert not any(n.code == "total_differs" for n in table.notes), sheet


def test_the_panel_draws_a_prefectures_series():
    from streamlit.testing.v1 import AppTest

    def script():
        from geo.data.load import load_map_data
        from geo.data.readings import resolve_reading
        from geo.plan.profile import area_profile
        from geo.uploads.read import parse_indicator_table
        from ui.panel import prefecture_panel

        data = load_map_data()
        raw = "地区,专利 2021年,专利 2022年,专利 2023年\n成都,10,12,15\n绵阳,1,2,3\n".encode()
        data = data.with_upload(parse_indicator_table(raw, "p.csv").data)
        reading = resolve_reading(data.layout, None, data.seats)
        prefecture_panel(area_profile(data, "510100", reading, "zh"), "zh")

    app = AppTest.from_function(script, default_timeout=60).run()
    assert not app.exception
    charts = app.get("vega_lite_chart")
    # one chart per indicator Chengdu has in several years: the upload's and the bundled ones
    data = load_map_data()
    rows = data.indicators[(data.indicators["adcode"] == "510100") & data.indicators["value"].notna()]
    assert len(charts) == 1 + int((rows.groupby("indicator")["year"].nunique() > 1).sum())
    # each written out whole above its chart, first and latest values with their years (the table's)
    heads = [m.value for m in app.markdown if "专利" in m.value and "→" in m.value]
    assert heads and "2021: 10" in heads[0] and "2023: **15" in heads[0], heads


def test_a_county_table_drills_down_to_one_prefectures_counties():
    from dataclasses import replace

    import folium

    from geo.map import build_layer
    from geo.scene.view import MapView
    from tests.layers.helpers import of_type

    data = load_map_data()
    raw = "区县,常住人口（万人）\n锦江区,90.2\n青羊区,95.5\n武侯区,120.5\n涪城区,100\n".encode()
    merged = data.with_upload(parse_indicator_table(raw, "c.csv").data)
    view = MapView(layers=("choropleth",), indicator="upload:常住人口", level="county")
    assert len(merged.view(view.indicator, level="county")) == 183  # the whole province's counties
    chengdu = replace(view, within="510100")
    rows = merged.view(chengdu.indicator, level="county", within="510100")
    assert len(rows) == 20 and rows["value"].notna().sum() == 3  # 成都's 20 county-level divisions
    (geojson,) = of_type(build_layer(merged, chengdu, "choropleth"), folium.GeoJson)
    assert len(geojson.data["features"]) == 20


def test_counties_sum_to_prefectures_only_when_they_add_up_and_all_are_there():
    from geo.data.indicators import SUMMED, adds_up, meta_for, sum_to_prefectures

    data = load_map_data()
    counties = data.counties[data.counties["prefecture_adcode"] == "510700"]  # 绵阳's 9 counties
    rows = "\n".join(f"{name},{i + 1}" for i, name in enumerate(counties["name_zh"]))
    table = parse_indicator_table(f"区县,企业数（家）\n{rows}\n锦江区,5\n".encode(), "c.csv").data
    merged = data.with_upload(table)
    assert adds_up(merged.indicators, "upload:企业数")
    summed = sum_to_prefectures(merged.indicators, "upload:企业数", data.counties)
    assert summed.set_index("adcode")["value"].to_dict() == {"510700": sum(range(1, len(counties) + 1))}
    # 成都 has one county of 20 in the table: no sum, rather than a partial one
    meta = meta_for("upload:企业数" + SUMMED, data.indicator_meta, merged.with_indicators(summed).indicators)
    assert (
        meta["name_zh"] == "企业数（上传，县区合计）"
        and meta["name_en"] == "企业数 (uploaded, sum of counties)"
    )
    shares = data.with_upload(parse_indicator_table("区县,占比（%）\n锦江区,5\n".encode(), "s.csv").data)
    assert not adds_up(shares.indicators, "upload:占比")
    with pytest.raises(ValueError, match="does not add up"):
        sum_to_prefectures(shares.indicators, "upload:占比", data.counties)


def _county_yearbook(header: str, *, merged: bool) -> bytes:
    """Chengdu's districts in a yearbook sheet headed ``header``; its cell under the header is
    merged with it, or left blank."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["成都市各区（市）县软件企业数"])
    ws.append([header, "软件企业数（个）", None])
    ws.append([None, "2022年", "2023年"])
    if merged:
        ws.merge_cells("A2:A3")
    ws.merge_cells("B2:C2")
    for name, a, b in (("锦江区", 120, 131), ("武侯区", 410, 455), ("简阳市", 12, 15)):
        ws.append([name, a, b])
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


COUNTY_HEADERS = ["区（市）县", "县（市、区）", "区县", "县市区"]


@pytest.mark.parametrize("header", COUNTY_HEADERS)
@pytest.mark.parametrize("merged", [True, False], ids=["merged", "blank"])
def test_county_yearbooks_read_with_their_own_headers(header, merged):
    table = parse_indicator_table(_county_yearbook(header, merged=merged), "county.xlsx")
    d = table.data.set_index(["adcode", "year"])["value"]
    assert table.level == "county" and len(d) == 6
    assert d[("510107", "2023")] == 455 and d[("510185", "2022")] == 12  # 武侯区, 简阳市


@pytest.mark.parametrize("header", COUNTY_HEADERS)
def test_gbk_county_csv_with_the_yearbook_header(header):
    raw = f"{header},软件企业数\n锦江区,120\n武侯区,410\n".encode("gbk")
    table = parse_indicator_table(raw, "county.csv")
    assert table.level == "county" and set(table.data["adcode"]) == {"510104", "510107"}
