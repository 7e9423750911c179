import folium
import pandas as pd

from geo.layers.choropleth import NO_DATA_FILL, build_choropleth_layer
from geo.layers.markup import info_html
from geo.scene.classify import class_colors
from tests.layers.helpers import DATA, legend_html, of_type, render, scene_layer

TABLE = DATA.indicators


def _layer(indicator, table=None, **view):
    data = DATA if table is None else DATA.with_indicators(table)
    values = data.view(indicator, None, "prefecture", None)
    return build_choropleth_layer(scene_layer("choropleth", data, indicator=indicator, **view)), values


def _fills(layer):
    (gj,) = of_type(layer, folium.GeoJson)
    return {f["properties"]["adcode"]: f["properties"]["fill"] for f in gj.data["features"]}


def test_colours_follow_the_shared_classification():
    layer, view = _layer("land_area", scheme="natural_breaks", k=5)
    expected = class_colors(view, scheme="natural_breaks", k=5, bins=None, palette="YlGnBu", fmt=str)
    assert list(_fills(layer).values()) == expected.fills
    legend = legend_html(layer)
    assert "(km²)" in legend and legend.count("<svg") == 5 and "来源: 本项目计算" in legend


def test_single_value_with_no_data_class_and_note():
    layer, _ = _layer("software_revenue_share", lang="en")
    fills = _fills(layer)
    assert fills["510100"] != NO_DATA_FILL and sum(f == NO_DATA_FILL for f in fills.values()) == 20
    legend = legend_html(layer)
    assert "Chengdu City: 94.6 † % (2020)" in legend and "No data (20)" in legend  # the plan: a draft, †
    assert (
        "remaining 5.4 %" in legend
        and "Sichuan software plan 2021–2025 (draft) Section I(2) item 2 †" in legend
    )
    assert 'id="sw-no-data"' in render(layer)


def test_tooltip_gives_value_unit_rank_year_source():
    table = pd.concat(
        [
            pd.DataFrame(
                {
                    "adcode": ["510100", "510300"],
                    "indicator": "x",
                    "year": "2022",
                    "value": [5.0, 7.0],
                    "unit": "件",
                    "source": ["<b>src</b>", "s2"],
                    "note": "",
                }
            ),
        ],
        ignore_index=True,
    )
    layer, _ = _layer("x", table=table, lang="en")
    (gj,) = of_type(layer, folium.GeoJson)
    tips = {f["properties"]["adcode"]: info_html(f["properties"]["tip"]) for f in gj.data["features"]}
    # ranked among the areas with a value (2 here), not among all 21; the unit 件 in English words;
    # whole numbers as they were given
    assert "5 items" in tips["510100"] and "2 / 2" in tips["510100"] and "2022" in tips["510100"]
    assert "&lt;b&gt;src&lt;/b&gt;" in tips["510100"] and "<b>src" not in tips["510100"]
    assert "No data" in tips["510400"]


def test_hostile_indicator_name_is_escaped_in_layer_control_and_legend(hostile_name):
    table = pd.concat(
        [
            pd.DataFrame(
                {
                    "adcode": ["510100", "510300"],
                    "indicator": hostile_name,
                    "year": "",
                    "value": [1.0, 2.0],
                    "unit": "",
                    "source": "",
                    "note": "",
                }
            ),
        ],
        ignore_index=True,
    )
    layer, _ = _layer(hostile_name, table=table)
    assert "<img" not in layer.layer_name and "&lt;img" in layer.layer_name
    assert "<img" not in legend_html(layer)
