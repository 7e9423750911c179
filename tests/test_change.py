"""Change between two years (``geo.data.change``, ``geo.scene.change``): oracles written by hand from
the bundled rows of ``data/indicators.csv``, mapclassify for the classes, declared breaks."""

from __future__ import annotations

import itertools
import math
import re

import mapclassify
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import geo.scene.change
from geo.data.change import best_pair, change_table, fastest, growth_pair, measure_value, pair_coverage
from geo.data.load import load_map_data, load_series_bases
from geo.scene.build import build_scene
from geo.scene.classify import diverging_classify, diverging_colors
from geo.scene.view import MapView

DATA = load_map_data()
BASES = load_series_bases()


def _row(indicator: str, start: str, end: str, measure: str, code: str) -> pd.Series:
    table = change_table(
        DATA.indicators, indicator, DATA.prefectures, start, end, measure=measure, bases=BASES
    )
    return table.set_index("adcode").loc[code]


def test_deyang_gdp_2020_to_2024_is_35_8_percent_but_lies_across_the_census_revision():
    # data/indicators.csv: Deyang 2020 2,404.1 (its bulletin on tjcn.org), 2024 3,265.4 (Yicai)
    row = _row("gdp", "2020", "2024", "percent", "510600")
    assert (row.start_value, row.end_value) == (2404.1, 3265.4)
    assert round((3265.4 / 2404.1 - 1) * 100, 1) == 35.8  # the brief's figure, by hand
    # 2024 builds on the fifth economic census's revised figures, 2020 on a first release: a
    # declared break, so the change is not computed, and the reason travels with the row
    assert row.status == "break" and math.isnan(row.change)
    assert "fifth national economic census" in row.reason_en


def test_three_prefectures_changes_by_hand_on_the_same_basis():
    # Deyang 2020 -> 2023: 2,404.1 -> 3,014.41 (both first releases before the revision)
    assert _row("gdp", "2020", "2023", "percent", "510600").change == pytest.approx(25.3862, abs=1e-4)
    # Chengdu 2020 -> 2023 absolute: 22,074.72 - 17,717 = 4,357.72 亿元
    assert _row("gdp", "2020", "2023", "absolute", "510100").change == pytest.approx(4357.72)
    # Leshan 2020 -> 2023 compound annual growth: (2447.53 / 2003.43) ** (1 / 3) - 1
    cagr = (2447.53 / 2003.43) ** (1 / 3) - 1
    assert _row("gdp", "2020", "2023", "cagr", "511100").change == pytest.approx(cagr * 100)
    assert round(cagr * 100, 2) == 6.9


def test_a_cagr_is_the_nth_root_of_the_ratio():
    for a, b, n in ((100.0, 150.0, 4), (2404.1, 3014.41, 3), (50.0, 40.0, 2)):
        assert measure_value("cagr", a, b, n) == pytest.approx(((b / a) ** (1 / n) - 1) * 100)
    assert math.isnan(measure_value("percent", 0.0, 5.0, 1))  # no percent of nothing


def test_fastest_growth_names_the_winner_among_the_areas_that_compare():
    table = change_table(
        DATA.indicators, "gdp", DATA.prefectures, "2020", "2023", measure="percent", bases=BASES
    )
    assert fastest(table)["name_en"] == "Deyang City"  # +25.4 % against Chengdu +24.6 %
    assert (table["status"] == "ok").sum() == 4


def test_the_pair_of_years_with_the_most_comparable_areas_is_offered():
    pairs = pair_coverage(DATA.indicators, "gdp", DATA.prefectures["adcode"], BASES).set_index(
        ["start", "end"]
    )
    assert pairs.loc[("2020", "2024")].tolist() == [0, 4]  # four with both years, all across the break
    assert best_pair(pair_coverage(DATA.indicators, "gdp", DATA.prefectures["adcode"], BASES)) == (
        "2020",
        "2023",
        4,
    )
    assert (
        growth_pair(pair_coverage(DATA.indicators, "gdp", DATA.prefectures["adcode"], BASES)) == "2020:2024"
    )


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.floats(-1e4, 1e4, allow_nan=False), min_size=6, max_size=60).filter(
        lambda v: len(set(v)) >= 6 and min(v) < 0 < max(v) and 0 not in v
    ),
    st.sampled_from(["quantiles", "equal_interval"]),
    st.integers(2, 7),
)
def test_diverging_classes_are_mapclassifys_split_at_zero(values, scheme, k):
    y = np.array(values)
    ours = diverging_classify(y, scheme, k=k, centre=0.0)
    theirs = mapclassify.classify(y, scheme, k=min(k, len(np.unique(y))))
    expected = np.unique(np.append(theirs.bins, 0.0))
    np.testing.assert_allclose(ours.bins, expected)
    np.testing.assert_array_equal(ours.yb, mapclassify.UserDefined(y, list(expected)).yb)
    below = int((ours.bins <= 0).sum())  # no class holds both a fall and a rise
    assert (y[ours.yb < below] <= 0).all() and (y[ours.yb >= below] > 0).all()


def test_diverging_colours_put_falls_and_rises_on_either_side():
    colors = diverging_colors("RdBu", [-10.0, -2.0, 0.0, 5.0, 9.0], 0.0)
    assert len(set(colors)) == 5
    red = [int(c[1:3], 16) - int(c[5:7], 16) for c in colors]  # red minus blue
    assert all(r > 0 for r in red[:3]) and all(r < 0 for r in red[3:])


def _scene(change: str, lang: str = "en", **kw):
    view = MapView(layers=("choropleth",), indicator="gdp", change=change, lang=lang, **kw)
    return build_scene(DATA, view)


def test_a_declared_break_hatches_the_area_with_its_note():
    scene = _scene("2020:2024")
    areas = scene.layer("choropleth").areas.set_index("adcode")
    assert areas.loc["510600", "fill"] is None  # hatched by every renderer
    tip = dict(areas.loc["510600", "tip"].rows)
    assert tip["Change"] == "Series break: not compared"
    assert (
        tip["Start (2020)"].startswith("240.41 billion yuan") and tip["End (2024)"] == "326.54 billion yuan"
    )
    assert (
        areas.loc["510600", "hatch"] == "break" and areas.loc["512000", "hatch"] == "no_data"
    )  # Ziyang: no 2020
    legend = scene.layer("choropleth").legend
    entries = {e.label: e.swatch for e in legend.entries}
    assert entries["Series break: not compared (4)"].hatch_kind == "break"
    assert entries["One year missing (17)"].hatch_kind == "no_data"
    assert any("fifth national economic census" in n for n in legend.notes)


def test_without_the_declaration_the_same_area_would_be_compared(monkeypatch):
    """The break is the declaration's doing: with no declared bases Deyang is coloured."""
    geo.scene.change._changes.cache_clear()
    monkeypatch.setattr(geo.scene.change, "load_series_bases", lambda: BASES.iloc[0:0])
    try:
        areas = _scene("2020:2024").layer("choropleth").areas.set_index("adcode")
        assert areas.loc["510600", "fill"] is not None
        assert dict(areas.loc["510600", "tip"].rows)["Change"].startswith("+35.8 %")
    finally:
        geo.scene.change._changes.cache_clear()


def test_the_change_map_says_its_years_measure_and_coverage_in_either_language():
    en = _scene("2020:2023", measure="cagr")
    assert en.title == "GDP by prefecture: compound annual growth (% a year), 2020–2023"
    notes = en.layer("choropleth").legend.notes
    assert (
        "Years compared: 2020 and 2023" in notes
        and "4 of 21 areas have both years on the same basis" in notes
    )
    zh = _scene("2020:2023", lang="zh")
    assert zh.title == "2020—2023年各市（州）地区生产总值增长率（%）"
    tip = dict(zh.layer("choropleth").areas.set_index("adcode").loc["510100", "tip"].rows)
    assert tip["起点（2020年）"] == "17,717.00 亿元" and tip["终点（2023年）"].startswith("22,074.72 亿元")
    assert tip["核实程度"] == "可靠媒体引述 → 转载页（未核实）"


def test_centred_on_the_province_the_classes_split_at_its_change():
    scene = _scene("2020:2023", centre="province")
    province = (60132.9 / 48598.8 - 1) * 100  # the province's totals, 2020 and 2023
    assert any(f"+{province:.1f} %" in n for n in scene.layer("choropleth").legend.notes)
    fills = scene.layer("choropleth").areas.set_index("adcode")["fill"]
    assert fills["510600"] != fills["511400"]  # Deyang (+25.4) above it, Meishan (+22.0) below


def test_the_change_is_an_option_of_the_command_line(tmp_path):
    from geo.__main__ import main

    out = tmp_path / "growth.html"
    assert (
        main(["export", "--out", str(out), "--indicator", "gdp", "--change", "2020:2023", "--lang", "en"])
        == 0
    )
    html = out.read_text(encoding="utf-8")
    assert "GDP by prefecture: percent change, 2020–2023" in html and "url(#sw-no-data)" in html
    assert main(["export", "--out", str(out), "--indicator", "gdp", "--change", "2020:2024"]) == 0
    assert re.search(r'"fill":\s?"url\(#sw-break\)"', out.read_text(encoding="utf-8").replace('\\"', '"'))
    assert main(["export", "--out", str(out), "--change", "2024:2020"]) == 1
    assert main(["export", "--out", str(out), "--indicator", "gdp", "--change", "2010:2024"]) == 1


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pptx"])
def test_static_change_maps_carry_their_years(tmp_path, suffix):
    from geo.__main__ import main

    out = tmp_path / f"growth{suffix}"
    args = ["export", "--out", str(out), "--indicator", "gdp", "--change", "2020:2023", "--lang", "en"]
    assert main(args) == 0 and out.stat().st_size > 10_000
    if suffix == ".svg":
        assert "2020–2023" in out.read_text(encoding="utf-8") or "<path" in out.read_text(encoding="utf-8")
    if suffix == ".pptx":
        from pptx import Presentation

        texts = [
            s.text_frame.text
            for slide in Presentation(str(out)).slides
            for s in slide.shapes
            if s.has_text_frame
        ]
        assert any("2020–2023" in x for x in texts)


def test_a_change_costs_nothing_when_off():
    """A level map never builds a change table."""
    geo.scene.change._changes.cache_clear()
    build_scene(DATA, MapView(layers=("choropleth",), indicator="gdp"))
    assert geo.scene.change._changes.cache_info().currsize == 0


def test_every_declared_basis_is_sourced_and_its_spans_do_not_overlap():
    known = set(DATA.indicators["indicator"])
    for (indicator, code), rows in BASES.groupby(["indicator", "adcode"]):
        assert indicator in known
        spans = sorted((int(a), int(b)) for a, b in zip(rows["from_year"], rows["to_year"], strict=True))
        assert all(a <= b for a, b in spans)
        assert all(b < c for (_, b), (c, _) in itertools.pairwise(spans)), (indicator, code)
    assert (BASES["declared_in"].str.len() > 0).all() and (BASES["reason_en"].str.len() > 0).all()
