"""The app's map parts: each layer is rendered from the view fields it declares, and reused."""

from dataclasses import fields, replace

import numpy as np
import pandas as pd
import pytest

from geo.data.load import load_map_data
from geo.map import LAYER_FIELDS
from geo.scene.interactive import map_layer
from geo.scene.view import MapView
from ui import live_map

BUNDLED = load_map_data()
AREAS = pd.concat([BUNDLED.counties["adcode"], BUNDLED.prefectures["adcode"]], ignore_index=True)
# an indicator at both levels, so that level and within have something to change
DATA = BUNDLED.with_indicators(
    pd.DataFrame(
        {
            "adcode": AREAS,
            "indicator": "county_x",
            "year": "2022",
            "value": np.arange(len(AREAS), dtype=float),
            "unit": "件",
            "source_id": "",
            "note": "",
            "source": "test",
        }
    )
)
BASE = MapView(layers=("prefectures", "choropleth", "layout", "bases", "parks"), indicator="gdp", labels=True)
# Every field but ``layers`` (which layers are drawn at all), with another value, and what the
# view needs for that value to matter (bins need user-defined classes, within county level).
CHANGES = {
    "lang": ("en", {}),
    "level": ("county", {"indicator": "county_x"}),
    "reading": ("C", {}),
    "indicator": ("population", {}),
    "year": ("2021", {}),
    "scheme": ("equal_interval", {}),
    "k": (3, {}),
    "bins": ((500.0, 5000.0), {"scheme": "user_defined", "bins": (1000.0, 3000.0)}),
    "palette": ("Oranges", {}),
    "within": ("510100", {"indicator": "county_x", "level": "county"}),
    "breaks": ("per_year", {}),
    "change": ("2020:2023", {}),
    "measure": ("cagr", {"change": "2020:2023"}),
    "centre": ("province", {"change": "2020:2023"}),
    "basemap": ("osm", {}),  # tiles in the same datum: the layers stay
    "title": ("A title", {}),
    "subtitle": ("A subtitle", {}),
    "note": ("A note", {}),
    "extent": ("510100", {}),
    "labels": (False, {}),
}


def _script(view: MapView, name: str) -> str:
    """Layer ``name`` of ``view`` as the app renders it."""
    return live_map.render_layer(map_layer(DATA, view, name)).script


def test_every_view_field_is_varied():
    assert set(CHANGES) == {f.name for f in fields(MapView)} - {"layers"}


@pytest.mark.parametrize("name", list(LAYER_FIELDS))
@pytest.mark.parametrize("field", list(CHANGES))
def test_a_layer_changes_exactly_with_the_fields_it_declares(name, field):
    """A field a layer does not declare leaves its script unchanged (so reusing it is right);
    each declared field changes it (so the list is not padded)."""
    value, needs = CHANGES[field]
    base = replace(BASE, **needs)
    script = _script(base, name)
    other = _script(replace(base, **{field: value}), name)
    if field in LAYER_FIELDS[name]:
        assert other != script, (name, field)
    else:
        assert other == script, f"{name} depends on {field} but does not declare it"


def test_layers_follow_the_tiles_datum():
    amap = replace(BASE, basemap="amap")
    assert _script(amap, "prefectures") != _script(BASE, "prefectures")


def test_parts_are_rendered_once_per_data_set(monkeypatch):
    """A view's scene is built once; a layer whose declared fields are unchanged is the same scene
    layer in the next view's scene, and is rendered once; another data set has its own."""
    calls = []
    real = live_map.render_layer
    monkeypatch.setattr(live_map, "render_layer", lambda layer: calls.append(layer.name) or real(layer))
    view = replace(BASE, palette="cividis", k=6)  # not drawn by another test
    scene = live_map.page_scene(DATA, view)
    assert live_map.page_scene(DATA, view) is scene
    other = live_map.page_scene(DATA, replace(view, title="Another title"))  # no layer declares it
    assert [a is b for a, b in zip(scene.layers, other.layers, strict=True)] == [True] * len(scene.layers)
    for s in (scene, other, scene):
        for layer in s.layers:
            live_map._rendered(layer)
    assert sorted(calls) == sorted(x.name for x in scene.layers)
    calls.clear()
    live_map._rendered(live_map.page_scene(DATA, replace(view, k=4)).layer("choropleth"))
    assert calls == ["choropleth"]
    assert live_map._parts(DATA) is live_map._parts(DATA)
    assert live_map._parts(DATA.with_upload(DATA.indicators.head(0))) is not live_map._parts(DATA)


def test_a_layer_brings_its_own_css_and_svg():
    """The hatch pattern of "no data" areas and the parks' zoom CSS travel with their layers."""
    assert "sw-no-data" in _script(BASE, "choropleth")
    assert "sw-zoomed" in _script(BASE, "parks")


def test_the_page_s_layers_follow_the_tiles_datum():
    """A layer kept for a view is not reused on tiles in another datum (Amap's GCJ-02)."""
    wgs = live_map.page_scene(DATA, BASE).layer("prefectures")
    gcj = live_map.page_scene(DATA, replace(BASE, basemap="amap")).layer("prefectures")
    assert gcj is not wgs
    assert not gcj.areas.geometry.iloc[0].equals(wgs.areas.geometry.iloc[0])


def test_the_page_s_scene_holds_what_the_panel_and_a_click_need():
    """The reading (shown or not), the prefecture under a point, the markers a click finds."""
    from ui.panel import marks_at

    scene = live_map.page_scene(DATA, replace(BASE, layers=("prefectures", "parks")))
    assert scene.reading.key == DATA.layout["default_reading"]
    seat = DATA.seats["510700"]
    assert scene.area_at(*seat) == "510700"
    mark = scene.layer("parks").marks[0]
    assert mark in marks_at(scene, mark.lon, mark.lat)
