"""Shared borders sent once: the arcs are right, complete, shared, and decode to the same rings."""

import folium
import pytest
import shapely
import topojson
from shapely.geometry import Polygon, box

from geo.data.load import load_map_data
from geo.layers.encoding import CompactGeoJson, feature_collection
from geo.layers.topology import build_topology, polygon_rings, topology_of
from geo.map import build_map
from geo.scene.view import MapView
from tests.layers.helpers import of_type
from tests.layers.test_elements import _decode


@pytest.fixture(scope="module")
def data():
    return load_map_data()


def _decoded_rings(collection: dict, arcs: list[str]) -> list[list[list[tuple]]]:
    """What the page's decoder makes of a collection's geometries (its steps, in Python)."""
    decoded = [[(round(x * 1e4), round(y * 1e4)) for x, y in _decode(a)] for a in arcs]

    def ring(refs):
        out = []
        for n, i in enumerate(refs):
            arc = decoded[~i][::-1] if i < 0 else decoded[i]
            out += arc[1:] if n else arc
        return out

    polys = []
    for f in collection["features"]:
        g = f["geometry"]
        parts = [g["arcs"]] if g["type"] == "Polygon" else g["arcs"]
        polys.append([[ring(r) for r in p] for p in parts])
    return polys


def _same_ring(a: list[tuple], b: list[tuple]) -> bool:
    """Equal closed rings, whatever vertex they start at."""
    a, b = a[:-1], b[:-1]
    if len(a) != len(b) or not a:
        return False
    k = a.index(b[0]) if b[0] in a else -1
    return k >= 0 and a[k:] + a[:k] == b


@pytest.mark.parametrize("level", ["prefecture", "county"])
def test_arcs_are_those_the_topojson_package_finds(data, level):
    areas = data.areas(level)
    ours = build_topology(tuple(areas.geometry))
    theirs = topojson.Topology(
        areas[["geometry"]], prequantize=False, topoquantize=False, presimplify=False, toposimplify=False
    ).to_dict()
    assert len(ours.arcs) == len(theirs["arcs"])
    assert ours.vertex_count == sum(len(a) for a in theirs["arcs"])
    # and it is worth it: far fewer vertices than the rings hold
    ring_vertices = sum(len(r) + 1 for g in areas.geometry for p in polygon_rings(g) for r in p)
    assert ours.vertex_count < 0.7 * ring_vertices


@pytest.mark.parametrize("level", ["prefecture", "county"])
def test_every_area_decodes_to_exactly_its_rings(data, level):
    areas = data.areas(level)
    collection = feature_collection(areas, ["adcode"], topology_of(tuple(areas.geometry)))
    assert all("arcs" in f["geometry"] for f in collection["features"])
    for geom, polys in zip(areas.geometry, _decoded_rings(collection, collection["arcs"]), strict=True):
        original = polygon_rings(geom)
        assert len(polys) == len(original)
        for got, want in zip(polys, original, strict=True):
            assert len(got) == len(want)
            for g, w in zip(got, want, strict=True):
                assert _same_ring(g, [*w, w[0]]), geom


def test_unions_of_areas_are_written_with_the_same_arcs(data):
    topo = topology_of(tuple(data.prefectures.geometry))
    shapes = data.prefectures.set_index("adcode")
    for members in (["510100", "510600", "510700"], ["510100", "511400"], list(shapes.index)):
        union = shapely.union_all(list(shapes.loc[members].geometry))
        refs = topo.refs(union)
        assert refs is not None, members
        collection = {"features": [{"geometry": refs}]}
        (polys,) = _decoded_rings(collection, feature_collection(data.prefectures, [], topo)["arcs"])
        degrees = [[[(x / 1e4, y / 1e4) for x, y in r] for r in p] for p in polys]
        assert shapely.equals_exact(
            shapely.normalize(shapely.MultiPolygon([Polygon(p[0], p[1:]) for p in degrees])),
            shapely.normalize(shapely.MultiPolygon(getattr(union, "geoms", [union]))),
            tolerance=1e-9,
        )


def test_shapes_not_made_of_the_arcs_fall_back_to_rings():
    grid = [box(x, y, x + 1, y + 1) for x in range(3) for y in range(3)]
    topo = build_topology(tuple(grid))
    assert len(topo.arcs) < 4 * 9  # the inner edges are shared
    assert topo.refs(box(0.5, 0.5, 1.5, 1.5)) is None
    import geopandas as gpd

    mixed = gpd.GeoDataFrame({"n": [1, 2]}, geometry=[grid[0], box(0.5, 0.5, 1.5, 1.5)])
    features = feature_collection(mixed, ["n"], topo)["features"]
    assert "arcs" in features[0]["geometry"] and features[1]["geometry"]["encoded"] is True


def _with_arcs(m) -> list[CompactGeoJson]:
    return [g for g in of_type(m, CompactGeoJson) if "arcs" in g.data]


@pytest.mark.parametrize("reading", ["A", "B", "C"])
def test_a_page_sends_the_prefectures_borders_once(data, reading):
    view = MapView(layers=("prefectures", "choropleth", "layout"), indicator="population", reading=reading)
    m = build_map(data, view)
    geojsons = of_type(m, CompactGeoJson)
    keys = {g.data.get("topology") for g in geojsons}
    assert keys == {topology_of(tuple(data.prefectures.geometry)).key}  # belts and core included
    assert len(_with_arcs(m)) == 1
    html = m.get_root().render()
    assert html.count('"arcs": ["') == 1


def test_each_layer_of_the_app_carries_its_own_arcs(data):
    from geo.map import build_layer

    for name in ("prefectures", "choropleth", "layout"):
        layer = build_layer(data, MapView(indicator="population"), name)
        m = folium.Map(tiles=None)
        layer.add_to(m)
        assert len(_with_arcs(m)) == 1, name  # swapped in alone, it must decode alone
