import folium

from geo.data import load_prefectures
from geo.layers.prefectures import build_prefectures_layer


def _render(layer) -> str:
    m = folium.Map(tiles=None)
    layer.add_to(m)
    return m.get_root().render()


def test_layer_is_toggleable_and_named_by_language():
    zh = build_prefectures_layer(load_prefectures(), lang="zh")
    en = build_prefectures_layer(load_prefectures(), lang="en", show=False)
    assert (zh.layer_name, zh.show) == ("市（州）", True)
    assert (en.layer_name, en.show) == ("Prefectures", False)


def _properties(layer, adcode):
    return next(f["properties"] for f in layer.data["features"] if f["properties"]["adcode"] == adcode)


def test_tooltip_is_bilingual():
    layer = build_prefectures_layer(load_prefectures(), lang="en")
    tooltip = next(c for c in layer._children.values() if isinstance(c, folium.GeoJsonTooltip))
    assert tooltip.fields == ["name_en", "name_zh", "adcode"]
    assert tooltip.aliases == ["English name", "Chinese name", "Adcode"]
    props = _properties(layer, "513400")
    assert (props["name_en"], props["name_zh"]) == (
        "Liangshan Yi Autonomous Prefecture",
        "凉山彝族自治州",
    )


def test_names_are_escaped(hostile_name):
    gdf = load_prefectures()
    gdf.loc[0, "name_zh"] = hostile_name
    layer = build_prefectures_layer(gdf)
    assert _properties(layer, gdf.loc[0, "adcode"])["name_zh"].startswith("&lt;img src=x onerror=")
    assert "<img" not in _render(layer)


def test_caller_style_is_not_mutated():
    style = {"fillColor": "#ff0000"}
    build_prefectures_layer(load_prefectures(), style=style)
    assert style == {"fillColor": "#ff0000"}
