import folium
import pytest

from geo.data.load import load_layout
from geo.data.readings import reading_keys, resolve_reading
from geo.layers.elements import LineSet
from geo.layers.layout import build_layout_layer
from tests.layers.helpers import legend_html, of_type, scene_layer


def _layer(key, lang="zh"):
    return build_layout_layer(scene_layer("layout", reading=key, lang=lang))


@pytest.mark.parametrize("key", reading_keys(load_layout()))
def test_each_reading_draws_core_axis_and_belts(key):
    reading = resolve_reading(load_layout(), key)
    layer = _layer(key, "en")
    assert f"interpretation {key}" in layer.layer_name
    geojsons = of_type(layer, folium.GeoJson)
    regions = sum(b.draw == "region" for b in reading.belts)
    assert len(geojsons) == 1 + len(reading.belts) + regions  # core, an outline per belt, region fills
    # areas let clicks and hovers through to the prefectures; each belt's outline and lines, and
    # the axis's lines, share one tooltip (their group's)
    passive = [g for g in geojsons if g.options.get("interactive") is False]
    assert len(passive) == 1 + regions
    groups = [g for g in of_type(layer, folium.FeatureGroup) if of_type(g, folium.Tooltip)]
    assert len(groups) == len(reading.belts) + 1 + 1  # the belts, the axis, the nodes
    tipped = {id(e) for g in groups for e in of_type(g, object)}
    assert all(id(g) in tipped for g in geojsons if g not in passive)
    assert all(id(s) in tipped for s in of_type(layer, LineSet))
    assert not of_type(layer, folium.GeoJsonTooltip)
    drawn = [d for s in of_type(layer, LineSet) for d in s.drawn()]
    bands = [style for _, style, _ in drawn if style.get("weight", 0) > 10]
    assert len(bands) == sum(len(b.paths) for b in reading.belts)
    assert all(b["className"] == "sw-passive" and b["interactive"] is False for b in bands)
    axis = [(path, style) for path, style, _ in drawn if style.get("color") == "#7a1f1f"]
    assert [p for p, _ in axis] == [[[lat, lon] for lon, lat in path] for path in reading.axis_paths]
    assert all(a.get("dashArray") for _, a in axis)  # interpretation is dashed


def test_axis_leads_toward_chongqing():
    reading = resolve_reading(load_layout(), "A")
    assert all(path[-1] == (106.55771, 29.56026) for path in reading.axis_paths)
    layer = _layer("A", "zh")
    tips = [of_type(m, folium.Tooltip)[0].text for m in of_type(layer, folium.CircleMarker)]
    assert any("重庆" in t for t in tips)


def test_legend_separates_fact_from_interpretation():
    layer = _layer("A", "en")
    legend = legend_html(layer)
    assert "Core: Chengdu core cluster — the plan&#x27;s word" in legend
    assert legend.count("— interpretation") == 1 + 3  # axis + three belts
    assert "does not list the members" in legend


def test_core_is_solid_and_chengdu():
    layer = _layer("C")
    core = of_type(layer, folium.GeoJson)[-1]
    assert [f["properties"]["adcode"] for f in core.data["features"]] == ["510100"]
    assert "dashArray" not in core.style_function(None)
