import folium

from geo.data.load import load_prefectures
from geo.layers.markup import info_html
from geo.layers.prefectures import build_prefectures_layer
from tests.layers.helpers import scene_layer, with_frames


def _layer(data=None, lang="zh", **kw):
    return build_prefectures_layer(scene_layer("prefectures", data, lang=lang), **kw)


def _render(layer) -> str:
    m = folium.Map(tiles=None)
    layer.add_to(m)
    return m.get_root().render()


def test_layer_is_toggleable_and_named_by_language():
    zh = _layer(lang="zh")
    en = _layer(lang="en", show=False)
    assert (zh.layer_name, zh.show) == ("市（州）", True)
    assert (en.layer_name, en.show) == ("Prefectures", False)


def _properties(layer, adcode):
    return next(f["properties"] for f in layer.data["features"] if f["properties"]["adcode"] == adcode)


def test_tooltip_is_bilingual():
    layer = _layer(lang="en")
    tooltip = next(c for c in layer._children.values() if isinstance(c, folium.GeoJsonTooltip))
    assert tooltip.fields == ["tip"]
    tip = info_html(_properties(layer, "513400")["tip"])
    names = ("English name", "Liangshan Yi Autonomous Prefecture", "Chinese name", "凉山彝族自治州")
    for text in (*names, "513400"):
        assert text in tip, text
    assert tip.index("English name") < tip.index("Chinese name")  # the chosen language first


def test_names_are_escaped(hostile_name):
    gdf = load_prefectures()
    gdf.loc[0, "name_zh"] = hostile_name
    layer = _layer(with_frames(prefectures=gdf))
    assert "&lt;img src=x onerror=" in info_html(_properties(layer, gdf.loc[0, "adcode"])["tip"])
    assert "<img" not in _render(layer)


def test_caller_style_is_not_mutated():
    style = {"fillColor": "#ff0000"}
    _layer(style=style)
    assert style == {"fillColor": "#ff0000"}
