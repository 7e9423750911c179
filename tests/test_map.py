"""The composer: layers present and in order, the layer control, the datum shift applied to every
geometry and point, synchronised comparison maps, and an HTML export that carries Leaflet itself."""

from __future__ import annotations

import re
from functools import partial

import folium
import numpy as np
import pytest
import shapely

from geo.assets import leaflet_dir
from geo.data.datum import wgs84_to_gcj02
from geo.data.load import load_map_data
from geo.export import html_document
from geo.layers.elements import LayerLegend, LineSet, MarkerSet
from geo.layers.encoding import CompactGeoJson
from geo.map import _SyncViews, build_comparison, build_map
from geo.scene.style import base_positions
from geo.scene.view import LAYERS, MapView
from tests.layers.helpers import decoded_polygons, descendants, of_type

ALL = MapView(layers=LAYERS)


@pytest.fixture(scope="module")
def data():
    return load_map_data()


def _layer_names(m: folium.Map) -> list[str]:
    """The layer control's names of the map's overlays, in the order they were added."""
    return [
        c.layer_name
        for c in m._children.values()
        if isinstance(c, (folium.FeatureGroup, folium.GeoJson)) and getattr(c, "control", True)
    ]


@pytest.mark.parametrize(
    "layers",
    [LAYERS, ("parks",), ("prefectures", "choropleth"), ("layout", "bases"), ("bases", "prefectures")],
)
def test_the_chosen_layers_are_drawn_in_the_fixed_order(data, layers):
    m = build_map(data, MapView(layers=layers, lang="en"))
    full = _layer_names(build_map(data, MapView(layers=LAYERS, lang="en")))
    expected = [name for key, name in zip(LAYERS, full, strict=True) if key in layers]
    assert _layer_names(m) == expected
    assert len(of_type(m, folium.LayerControl)) == 1
    assert len(of_type(m, LayerLegend)) == sum(
        k in layers for k in ("choropleth", "layout", "bases", "parks")
    )


def _rings(m: folium.Map) -> list[list[list[float]]]:
    return [ring for poly in decoded_polygons(of_type(m, CompactGeoJson)) for ring in poly]


def test_on_amap_every_polygon_vertex_is_in_gcj02(data):
    view = MapView(layers=("prefectures",), basemap="amap")
    shifted = _rings(build_map(data, view))
    wgs = _rings(build_map(data, MapView(layers=("prefectures",))))
    assert len(shifted) == len(wgs) > 21
    for a, b in zip(shifted, wgs, strict=True):
        b = np.array(b)
        lon, lat = wgs84_to_gcj02(b[:, 0], b[:, 1])
        assert np.allclose(np.array(a), np.column_stack([lon, lat]).round(4), atol=1e-9)
        assert not np.allclose(np.array(a), b, atol=1e-4)  # really moved (~300-500 m)


def test_on_amap_every_marker_and_line_is_in_gcj02(data):
    m = build_map(data, MapView(layers=("layout", "bases", "parks"), basemap="amap"))
    sets = of_type(m, MarkerSet)  # the bases' (22 px symbols) and the parks'
    (base_set,) = [s for s in sets if all(d.get("size") == 22 for d in s.markers)]
    (markers,) = [s for s in sets if s is not base_set]
    parks = data.parks
    lon, lat = wgs84_to_gcj02(parks["lon"].astype(float).values, parks["lat"].astype(float).values)
    expected = {(round(y, 6), round(x, 6)) for x, y in zip(lon, lat, strict=True)}
    drawn = {(d["lat"], d["lon"]) for d in markers.markers if "sw-aggregate" not in d.get("cls", "")}
    assert drawn == expected
    seat = wgs84_to_gcj02(*data.seats["510100"])
    ring = {(round(lat, 9), round(lon, 9)) for lon, lat in base_positions(tuple(map(float, seat)), 5)}
    bases = {(round(d["lat"], 9), round(d["lon"], 9)) for d in base_set.markers}
    assert bases == ring
    chongqing = data.layout["external_nodes"]["chongqing"]
    cq = wgs84_to_gcj02(float(chongqing["lon"]), float(chongqing["lat"]))
    (node,) = of_type(m, folium.CircleMarker)
    assert np.allclose(node.location, [cq[1], cq[0]])
    drawn = [d for s in of_type(m, LineSet) for d in s.drawn()]
    lines = [path for path, style, _ in drawn if style.get("dashArray") == "10,6"]  # the axis
    gcj_seats = {tuple(np.round(wgs84_to_gcj02(*xy), 5)) for xy in data.seats.values()}  # sent at 1 m
    assert lines
    for line in lines:
        for lat, lon in line[:-1]:  # the last node is Chongqing
            assert (round(lon, 5), round(lat, 5)) in gcj_seats


def test_in_datum_moves_counties_too(data):
    gcj = data.in_datum("GCJ02")
    a, b = gcj.counties.geometry.iloc[0], data.counties.geometry.iloc[0]
    xy = shapely.get_coordinates(b)
    lon, lat = wgs84_to_gcj02(xy[:, 0], xy[:, 1])
    assert np.allclose(shapely.get_coordinates(a), np.column_stack([lon, lat]).round(4))
    assert data.in_datum("GCJ02") is gcj and data.in_datum("WGS84") is data


def test_comparison_maps_follow_each_other(data):
    left = MapView(layers=("prefectures", "choropleth"), indicator="gdp")
    figure = build_comparison(
        data, left, MapView(layers=("prefectures", "choropleth"), indicator="population")
    )
    maps = [c for c in figure._children.values() if isinstance(c, folium.Map)]
    (sync,) = [c for c in figure._children.values() if isinstance(c, _SyncViews)]
    assert len(maps) == 2 and {sync.left, sync.right} == set(maps)
    html = figure.render()
    assert f"({maps[0].get_name()}, {maps[1].get_name()})" in html


def test_html_export_inlines_leaflet_and_links_nothing(data):
    html = html_document(partial(build_map, data, ALL))
    leaflet_js = (leaflet_dir() / "leaflet.js").read_text(encoding="utf-8")
    leaflet_css = (leaflet_dir() / "leaflet.css").read_text(encoding="utf-8")
    assert leaflet_js[:2000] in html  # the script as shipped; the stylesheet compacted
    assert "/* required styles */" in leaflet_css
    assert ".leaflet-pane,.leaflet-tile,.leaflet-marker-icon" in html
    assert not re.search(r"<script[^>]+src=", html) and not re.search(r"<link[^>]+href=", html)
    assert "sw-inline-assets" not in html and "/app/static" not in html


def test_every_element_of_the_map_is_built_from_the_view(data):
    """No layer builds anything the view did not ask for (e.g. no legend of a layer that is off)."""
    m = build_map(data, MapView(layers=("prefectures",)))
    assert not of_type(m, LayerLegend) and not of_type(m, MarkerSet)
    assert sum(isinstance(c, CompactGeoJson) for c in descendants(m)) == 1
