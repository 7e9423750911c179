"""The app's map parts: each layer is rendered from the view fields it declares, and reused."""

from dataclasses import replace

import pytest

from geo.data import load_map_data
from geo.map import LAYER_FIELDS
from geo.view import MapView
from ui import live_map

DATA = load_map_data()
BASE = MapView(layers=("prefectures", "choropleth", "layout", "bases", "parks"), indicator="gdp")
# One other value for every field a layer could depend on.
CHANGES = {
    "lang": "en",
    "indicator": "population",
    "scheme": "equal_interval",
    "k": 3,
    "palette": "Oranges",
    "reading": "C",
    "labels": False,
}


@pytest.mark.parametrize("name", list(LAYER_FIELDS))
def test_a_layer_changes_exactly_with_the_fields_it_declares(name):
    """A field a layer does not declare leaves its script unchanged (so reusing it is right);
    each declared field among CHANGES changes it (so the list is not padded)."""
    script = live_map.render_layer(DATA, BASE, name).script
    assert live_map.render_layer(DATA, BASE, name).script == script  # deterministic names
    for field, value in CHANGES.items():
        other = live_map.render_layer(DATA, replace(BASE, **{field: value}), name).script
        if field in LAYER_FIELDS[name]:
            assert other != script, (name, field)
        else:
            assert other == script, f"{name} depends on {field} but does not declare it"


def test_layers_follow_the_tiles_datum():
    amap = replace(BASE, basemap="amap")
    assert live_map.render_layer(DATA, amap, "prefectures").script != (
        live_map.render_layer(DATA, BASE, "prefectures").script
    )


def test_parts_are_rendered_once_per_data_set(monkeypatch):
    calls = []
    real = live_map.render_layer
    monkeypatch.setattr(live_map, "render_layer", lambda *a: calls.append(a[2]) or real(*a))
    parts = live_map._parts(DATA)
    view = replace(BASE, palette="cividis", k=6)  # not drawn by another test
    for _ in range(3):
        parts.get(
            ("choropleth", view.palette, view.k), lambda: live_map.render_layer(DATA, view, "choropleth")
        )
    assert calls == ["choropleth"]
    assert live_map._parts(DATA) is parts
    assert live_map._parts(DATA.with_upload(DATA.indicators.head(0))) is not parts


def test_a_layer_brings_its_own_css_and_svg():
    """The hatch pattern of "no data" areas and the parks' zoom CSS travel with their layers."""
    assert "sw-no-data" in live_map.render_layer(DATA, BASE, "choropleth").script
    assert "sw-zoomed" in live_map.render_layer(DATA, BASE, "parks").script
