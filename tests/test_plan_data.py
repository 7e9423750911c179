"""The plan's spatial content as data: parks, unmapped places, bases, layout, section refs."""

import os
import re
from pathlib import Path

import pytest
import shapely

from geo.data.load import (
    load_bases,
    load_counties,
    load_layout,
    load_parks,
    load_parks_unmapped,
    load_plan_figures,
    load_plan_mentions,
    load_plan_outcomes,
    load_plan_sections,
    load_prefectures,
)
from geo.data.names import prefecture_records
from geo.data.readings import reading_keys, resolve_reading
from geo.scene.style import KIND_SHAPES
from tests.conftest import ROOT

PLAN_TEXT = Path(
    os.environ.get("SICHUAN_PLAN_TEXT", ROOT.parent / "shared/plan/sichuan-software-plan-2021-2025.zh.txt")
)
NUMERALS = "一二三四五六七八九十"


def _refs(column) -> set[str]:
    return {ref for cell in column for ref in cell.split(";") if ref}


@pytest.fixture(scope="module")
def parks():
    return load_parks()


def test_park_ids_unique_and_required_fields(parks):
    assert parks["id"].is_unique
    assert set(parks["kind"]) <= set(KIND_SHAPES)
    assert (parks["location_precision_m"] > 0).all()
    for col in ("name_zh", "name_en", "plan_ref", "description_zh", "description_en", "location_source_id"):
        assert (parks[col].str.strip() != "").all(), col
    for col in ("location_note", "location_note_zh"):  # how it was placed; sources live in sources.csv
        assert (parks[col].str.strip() != "").all() and not parks[col].str.contains("http").any(), col


def test_required_places_are_present(parks):
    names = " ".join(parks["name_zh"])
    for place in [
        "成都高新区",
        "天府新区",
        "武侯科技园",
        "绵阳）科技城",
        "绵阳科创软件园",
        "青城山软件产业基地",
        "天府文创城",
        "天府国际生物城",
        "温江医学城",
        "西部（成都）科学城",
        "国家超算成都中心",
        "新川创新科技园",
        "中德智能网联汽车测试基地",
        "国家软件产业基地（成都）",
        "国际软件名城",
        "中国特色软件名城",
        "德阳",
        "雅安",
    ]:
        assert place in names, place
    unmapped = " ".join(load_parks_unmapped()["name_zh"])
    for place in [
        "国家集成电路设计成都产业化基地",
        "国家信息安全成果产业化基地（四川）",
        "国家数字娱乐产业示范基地",
    ]:
        assert place in unmapped, place


def test_every_park_lies_in_its_prefecture_and_district(parks):
    prefs = load_prefectures().set_index("adcode").geometry
    counties = load_counties().set_index("adcode")
    for row in parks.itertuples():
        assert prefs[row.prefecture_adcode].contains(row.geometry), row.id
        assert counties.loc[row.district_adcode, "prefecture_adcode"] == row.prefecture_adcode, row.id
        assert counties.geometry[row.district_adcode].contains(row.geometry), row.id


def test_coordinates_are_wgs84_in_sichuan(parks):
    assert parks.crs.to_epsg() == 4326
    assert parks.geometry.x.between(97, 109).all() and parks.geometry.y.between(26, 35).all()


def test_unmapped_places_have_reasons_and_no_points():
    unmapped = load_parks_unmapped()
    assert unmapped["id"].is_unique
    assert not {"lon", "lat"} & set(unmapped.columns)
    assert (unmapped["reason"].str.len() > 10).all()
    assert set(unmapped["id"]).isdisjoint(load_parks()["id"])
    assert set(unmapped["prefecture_adcode"]) - {""} <= set(prefecture_records())


def test_bases_are_five_with_distinct_symbols_and_real_links(parks):
    bases = load_bases()
    assert list(bases["name_zh"].str[:-4]) == [
        "网络信息安全",
        "数字文创",
        "工业软件",
        "集成电路设计",
        "智慧旅游",
    ]
    assert bases["symbol"].is_unique and bases["color"].is_unique
    assert set(bases["prefecture_adcode"]) == {"510100"}
    assert _refs(bases["linked_parks"]) <= set(parks["id"])
    assert bases["link_basis"].str.startswith("Interpretation").all()
    assert _refs(parks["base"]) <= set(bases["id"])
    assert _refs(load_parks_unmapped()["base"]) <= set(bases["id"])


def test_every_layout_member_is_a_real_adcode():
    layout = load_layout()
    real = set(prefecture_records())
    assert layout["core"]["members"] == ["510100"] and layout["core"]["basis"] == "plan"
    for key in reading_keys(layout):
        reading = resolve_reading(layout, key)
        assert set(reading.axis_members) <= real
        assert reading.belts
        for belt in reading.belts:
            assert set(belt.members) <= real, belt.id
            assert belt.draw in {"corridor", "region"}
            assert belt.draw == "region" or belt.paths
        assert "解读" in reading.name_zh and "Reading" in reading.name_en
        assert reading.sources


def test_unknown_reading_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown layout reading 'Z'"):
        resolve_reading(load_layout(), "Z")


def test_every_plan_ref_is_indexed():
    index = set(load_plan_sections()["id"])
    refs = _refs(load_parks()["plan_ref"]) | _refs(load_parks_unmapped()["plan_ref"])
    refs |= _refs(load_bases()["plan_ref"]) | set(load_layout()["core"]["plan_ref"].split(";"))
    refs |= set(load_plan_mentions()["plan_ref"])
    assert refs <= index, refs - index


def _plan_sections(text: str) -> tuple[dict[str, str], dict[str, str]]:
    """Headings and texts of the plan's sections: 四(三)2 = 四、 -> （三） -> 2.; 专栏N boxes."""
    headings, texts, top, sub, cur = {}, {}, None, None, None
    for raw in text.splitlines():
        line = re.sub(r"\[bookmark:[^\]]*\]", "", raw).strip()
        if m := re.match(rf"^([{NUMERALS}]+)、(.+)$", line):
            top, sub, cur = m.group(1), None, m.group(1)
        elif m := re.match(rf"^（([{NUMERALS}]+)）(.+)$", line):
            sub = m.group(1)
            cur = f"{top}({sub})"
        elif (m := re.match(r"^(\d+)\s*[.．]\s*(.+)$", line)) and sub:
            cur = f"{top}({sub}){m.group(1)}"
        elif m := re.match(r"^专栏(\d+)\s*(.+)$", line):
            cur = f"专栏{m.group(1)}"
        else:
            m = None
        if m:
            headings[cur] = m.group(2)
        if cur:
            texts[cur] = texts.get(cur, "") + line + "\n"
    return headings, texts


@pytest.fixture(scope="module")
def plan_text() -> str:
    if not PLAN_TEXT.exists():
        if os.environ.get("CI"):
            pytest.fail(f"plan text not found at {PLAN_TEXT}; set SICHUAN_PLAN_TEXT")
        pytest.skip("plan text not available on this machine (set SICHUAN_PLAN_TEXT)")
    return PLAN_TEXT.read_text(encoding="utf-8")


def test_indexed_sections_exist_in_the_plan(plan_text):
    headings, _ = _plan_sections(plan_text)
    for row in load_plan_sections().itertuples():
        assert row.id in headings, row.id
        assert headings[row.id].startswith(row.heading_zh), (row.id, headings[row.id])
    assert "一轴一核多带" in plan_text  # the phrase the layout maps


def test_plan_mentions_match_the_plan_text(plan_text):
    _, texts = _plan_sections(plan_text)
    expected = {
        (code, sid)
        for code, p in prefecture_records().items()
        for sid, body in texts.items()
        if p.short_zh in body
    }
    mentions = load_plan_mentions()
    assert set(zip(mentions["adcode"], mentions["plan_ref"], strict=True)) == expected


def test_points_are_not_stacked_by_accident(parks):
    # Only city-wide designations may share a point (they share the city centre).
    stacked = parks[parks.duplicated(["lon", "lat"], keep=False)]
    assert set(stacked["kind"]) <= {"city_designation"}
    assert shapely.MultiPoint(list(parks.geometry)).is_valid


# --- The plan's own figures -------------------------------------------------------------------


def _number_in(quote: str, value: float) -> bool:
    """``value`` written in ``quote`` as digits (5727, 2975.45), or as 万 (10,000 = 万亿)."""
    digits = {f"{value:g}", f"{value:.2f}".rstrip("0").rstrip(".")}
    if any(d in quote for d in digits):
        return True
    words = {10000: "万亿", 7: "第七", 1: "第一"}  # the plan writes these in words
    return value in words and words[value] in quote


def test_every_plan_figure_is_the_plans_own_words(plan_text):
    """The few words around each figure stand in the section it names, and hold its number."""
    _, texts = _plan_sections(plan_text)
    figures = load_plan_figures()
    assert figures["id"].is_unique
    assert set(figures["kind"]) == {"baseline", "target"}
    assert set(figures["section"]) <= set(load_plan_sections()["id"])
    for row in figures.itertuples():
        assert row.words_zh in texts[row.section] and len(row.words_zh) <= 18, (row.id, row.section)
        assert _number_in(row.words_zh, row.value), (row.id, row.words_zh, row.value)
        assert row.indicator_en and row.unit_en, row.id
    targets = figures[figures["kind"] == "target"]
    assert {"t_si_revenue", "t_sb_revenue", "t_chengdu_sb"} <= set(targets["id"])
    assert set(targets["baseline_id"]) - {""} <= set(figures["id"])
    assert set(targets["other_basis_id"]) - {""} <= set(figures["id"])
    by_id = figures.set_index("id")
    for row in targets.itertuples():  # linked on the target's own basis, or as the plan derives it
        assert row.link in ("", "same_basis", "plan_derivation", "not_comparable"), row.id
        if row.link:  # the reason, citing the plan's sections, in both languages
            assert re.search(r"[一二三四五六七八九十]\(", row.link_zh) and "Section" in row.link_en, row.id
        if row.link == "plan_derivation":  # read on the basis the plan derived it from
            assert row.outcome_basis_zh or row.series_id, row.id
            base = row.baseline_id or by_id.loc[row.series_id, "baseline_id"]
            assert (row.outcome_basis_zh or "主营业务收入") in by_id.loc[base, "basis_zh"], row.id
        elif row.baseline_id:
            assert by_id.loc[row.baseline_id, "basis_zh"] in ("", row.basis_zh) or (
                row.basis_zh.startswith(by_id.loc[row.baseline_id, "basis_zh"])
            ), row.id
        if row.other_basis_id:
            assert by_id.loc[row.other_basis_id, "basis_zh"] != row.basis_zh, row.id
            assert row.link == "not_comparable", row.id
        assert not row.series_id or by_id.loc[row.series_id, "kind"] == "target", row.id
    assert "矛盾" in figures.set_index("id").loc["t_chengdu_sb", "note_zh"]  # the plan contradicts itself


def test_reported_outcomes_name_their_publisher_and_target():
    figures = load_plan_figures().set_index("id")
    outcomes = load_plan_outcomes()
    for row in outcomes.itertuples():
        assert row.target_id in figures.index and figures.loc[row.target_id, "kind"] == "target", row.id
        assert row.publisher_zh and row.publisher_en and row.quote_zh, row.id
        assert row.status in {"verified", "reported_unverified"}, row.id
        assert row.status != "verified" or row.url.startswith("https://"), row.id  # verified: a link
        assert 2021 <= int(row.year) <= 2025, row.id
        assert _number_in(row.quote_zh, row.value), row.id


def test_needed_growth_follows_from_the_plans_numbers():
    from geo.plan.figures import targets

    by_id = {t.figure["id"]: t for t in targets(load_plan_figures(), load_plan_outcomes())}
    sb = by_id["t_sb_revenue"]  # 4241 -> 8400 亿元 in five years: 14.6 % a year (the plan: "about 15 %")
    assert sb.needed_growth == pytest.approx(((8400 / 4241) ** 0.2 - 1) * 100) and 14 < sb.needed_growth < 15
    assert by_id["t_rd"].needed_growth is None  # no baseline of that basis


def test_a_point_standing_for_an_area_says_so(parks):
    """Its precision is at least the radius of a circle of its area, and its popup gives the area."""
    import math

    areas = parks[parks["area_km2"] != ""]
    assert "tianfu-new-area" in set(areas["id"])
    for row in areas.itertuples():
        radius_m = math.sqrt(float(row.area_km2) / math.pi) * 1000
        assert row.location_precision_m >= 0.95 * radius_m, row.id


def test_every_place_the_plan_names_is_placed_or_listed(parks):
    """Places the data audit found missing; each is either on the map or listed with a reason, and
    a place named otherwise than in the plan carries the plan's name."""
    names = " ".join(parks["name_zh"]) + " ".join(load_parks_unmapped()["name_zh"])
    missing_before = ("华西医院", "省医院", "骨干直联点", "省文旅大数据中心", "西南地区人工智能示范基地")
    for place in (*missing_before, "天府实验室"):
        assert place in names, place
    unmapped = load_parks_unmapped().set_index("name_zh")
    named_by_the_plan = {  # issue 32: the plan's words, the section it names them in
        "蜀信链": "专栏6", "电磁空间安全态势感知及防护产业化基地": "专栏5", "人工智能标注等产业基地": "专栏1",
        "信息安全服务运营中心": "专栏5", "“大运会”通勤直连线车路协同": "专栏2", "四川交投和四川铁投": "专栏2",
        "四川省健康医疗大数据共享平台": "专栏4", "“智游天府”": "专栏4", "省级应急指挥平台": "专栏5",
    }  # fmt: skip
    for words, box in named_by_the_plan.items():
        rows = [n for n in unmapped.index if words in n]
        assert len(rows) == 1 and box in unmapped.loc[rows[0], "plan_ref"].split(";"), words
    plan_names = parks.set_index("id")["plan_name_zh"]
    assert "成都超算中心" in plan_names["national-supercomputing-chengdu"]
