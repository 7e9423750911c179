"""Find a place: every name the data gives a place answers to it, and the examples the search
box offers are found in both languages."""

from __future__ import annotations

import re

import pytest

from geo.data.load import load_map_data
from geo.scene.find import find_place, names_of
from geo.text.i18n import t

DATA = load_map_data()


def _rows(frame):
    return [(row, name) for row in frame.to_dict("records") for name in names_of(row)]


@pytest.mark.parametrize(("row", "name"), _rows(DATA.parks), ids=lambda v: v if isinstance(v, str) else "")
def test_every_name_of_a_located_place_finds_it(row, name):
    place = find_place(DATA, name)
    assert place is not None and place.name_zh == row["name_zh"], name
    assert (place.lon, place.lat) == (float(row["lon"]), float(row["lat"])) and not place.unmapped
    # the panel opens on the prefecture the point lies in (the boundaries, not the row, decide)
    assert place.adcode == DATA.area_at(place.lon, place.lat)


@pytest.mark.parametrize(
    ("row", "name"), _rows(DATA.parks_unmapped), ids=lambda v: v if isinstance(v, str) else ""
)
def test_a_place_without_a_site_is_found_and_said_to_be_unmapped(row, name):
    place = find_place(DATA, name)
    assert place is not None and place.unmapped and place.name_zh == row["name_zh"], name
    assert place.adcode == (row["prefecture_adcode"] or None)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_search_boxs_own_examples_are_found(lang):
    hint = t("find_hint", lang)
    examples = re.split(r"[、,]\s*", hint.split(" ", 1)[1])
    assert len(examples) == 4
    found = [find_place(DATA, e) for e in examples]
    assert [p.adcode for p in found] == ["510100", "513400", "510700", "510700"]
    assert found[3].name_zh == "中国（绵阳）科技城"  # the science city itself, not only its prefecture


def test_counties_and_their_codes_lead_to_their_prefecture():
    counties = DATA.counties
    names = counties["name_zh"].value_counts()
    for row in counties.itertuples():
        for query in (row.adcode, row.name_zh if names[row.name_zh] == 1 else None):
            if query is None:
                continue  # 市中区 names two districts: the resolver asks for the code
            place = find_place(DATA, query)
            assert place.adcode == row.prefecture_adcode, query
            assert DATA.area_at(place.lon, place.lat, "county") == row.adcode  # a point inside it


@pytest.mark.parametrize("query", ["Atlantis", "x", "", "   ", "{{7*7}}", "<img src=x>"])
def test_no_place_is_none(query):
    assert find_place(DATA, query) is None


# Places the plan names (its own words, read off the plan's text): each is either on the map or
# listed as named-but-not-placed, and found by the search box either way.
PLAN_PLACES = [
    "成都高新区", "天府新区", "武侯科技园", "中国（绵阳）科技城", "绵阳科创软件园", "青城山软件产业基地",
    "天府文创城", "天府国际生物城", "温江医学城", "西部（成都）科学城", "新川创新科技园",
    "中德智能网联汽车测试基地",
    "国家软件产业基地（成都）", "国家集成电路设计成都产业化基地", "国家信息安全成果产业化基地（四川）",
    "国家数字娱乐产业示范基地", "成都游戏动漫基地", "天府实验室", "存储谷", "四川数字资产交易中心",
    "新一代信息技术示范基地", "四川省先进制造业集群（软件与信息服务业）",
    "国家新型工业化产业示范基地（工业信息安全、工业互联网）", "世界级高端软件研发聚集区",
    "国家级软件和信息技术服务业科技创新中心",
    # the plan's words for places it names without a site (issue 32)
    "蜀信链", "电磁空间安全态势感知及防护产业化基地", "人工智能标注等产业基地", "信息安全服务运营中心",
    "“大运会”通勤直连线车路协同", "四川交投和四川铁投高速公路车路协同试点", "四川省健康医疗大数据共享平台",
    "智游天府", "省级应急指挥平台",
]  # fmt: skip


@pytest.mark.parametrize("name", PLAN_PLACES)
def test_every_place_the_plan_names_is_placed_or_listed(name):
    place = find_place(DATA, name)
    assert place is not None, name
    assert place.unmapped or (place.lon is not None and place.adcode == DATA.area_at(place.lon, place.lat))


def test_a_point_for_a_place_of_unknown_sites_claims_no_more_than_its_district():
    """温江医学城's two zones are placed by no citable source: its precision is the district's."""
    from pyproj import Geod

    parks = DATA.parks.set_index("id")
    district = DATA.counties.set_index("adcode").loc[parks.loc["wenjiang-medical-city", "district_adcode"]]
    km2 = abs(Geod(ellps="WGS84").geometry_area_perimeter(district.geometry)[0]) / 1e6
    radius_m = (km2 / 3.141592653589793) ** 0.5 * 1000
    assert parks.loc["wenjiang-medical-city", "location_precision_m"] >= radius_m * 0.95


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_base_is_found_by_the_name_its_legend_gives_it(lang):
    """The legend is the oracle: what it calls a base, typed, finds that base, shown where the
    map draws it and said to have no site of its own (the plan places the bases in Chengdu)."""
    from geo.scene.legends import bases_legend

    legend = bases_legend(DATA.bases, lang)
    names = [e.label for e in legend.entries if e.swatch.kind == "symbol"]
    assert len(names) == len(DATA.bases) == 5
    for name, row in zip(names, DATA.bases.itertuples(), strict=True):
        place = find_place(DATA, name)
        assert place is not None and place.name_zh == row.name_zh, name
        assert place.unmapped and place.adcode == "510100" == DATA.area_at(place.lon, place.lat)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_panel_heading_is_found(lang):
    """The panel's heading names its prefecture in both languages: either name finds it."""
    from geo.data.names import prefecture_records

    for code, p in prefecture_records().items():
        if code in DATA.seats:
            name = p.name_zh if lang == "zh" else p.name_en
            assert find_place(DATA, name).adcode == code, name
