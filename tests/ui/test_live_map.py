"""The app's map parts: each layer is rendered from the view fields it declares, and reused."""

from dataclasses import fields, replace

import numpy as np
import pandas as pd
import pytest

from geo.data.load import load_map_data
from geo.map import LAYER_FIELDS
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


def test_every_view_field_is_varied():
    assert set(CHANGES) == {f.name for f in fields(MapView)} - {"layers"}


@pytest.mark.parametrize("name", list(LAYER_FIELDS))
@pytest.mark.parametrize("field", list(CHANGES))
def test_a_layer_changes_exactly_with_the_fields_it_declares(name, field):
    """A field a layer does not declare leaves its script unchanged (so reusing it is right);
    each declared field changes it (so the list is not padded)."""
    value, needs = CHANGES[field]
    base = replace(BASE, **needs)
    script = live_map.render_layer(DATA, base, name).script
    other = live_map.render_layer(DATA, replace(base, **{field: value}), name).script
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
