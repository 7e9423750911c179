"""Build scene layers and reach into folium objects in one place (names, children, fragments)."""

from dataclasses import replace

import folium

from geo.data.load import MapData, load_map_data
from geo.layers.elements import LayerLegend, MarkerSet
from geo.layers.markup import info_html
from geo.scene.build import build_scene_layer
from geo.scene.view import MapView

DATA = load_map_data()


def scene_layer(name: str, data: MapData | None = None, **view):
    """Layer ``name`` of the scene of ``MapView(**view)`` over ``data`` (the bundled data)."""
    return build_scene_layer(data or DATA, MapView(**view), name)


def with_frames(**frames) -> MapData:
    """The bundled data with some of its tables replaced (e.g. ``parks=``)."""
    return replace(DATA, **frames)


def descendants(element):
    for child in element._children.values():
        yield child
        yield from descendants(child)


def of_type(element, cls) -> list:
    return [c for c in descendants(element) if isinstance(c, cls)]


def popups_html(element) -> list[str]:
    """The popups of the markers under ``element``, as the page draws them from their data."""
    return [
        "<hr>".join(info_html(i) for i in m["infos"])
        for s in of_type(element, MarkerSet)
        for m in s.markers
        if m.get("infos")
    ]


def legend_html(element) -> str:
    (legend,) = of_type(element, LayerLegend)
    return legend.html


def render(layer) -> str:
    m = folium.Map(tiles=None)
    layer.add_to(m)
    return m.get_root().render()


def decoded_polygons(geojsons) -> list[list[list[list[float]]]]:
    """Every polygon of ``geojsons`` (``CompactGeoJson`` elements in page order) as the page's
    decoder makes it: a list of rings of [lon, lat], from encoded rings or shared arcs."""
    from tests.layers.test_elements import _decode

    arcs: dict[str, list] = {}
    out = []
    for gj in geojsons:
        if "arcs" in gj.data:
            arcs[gj.data["topology"]] = [_decode(a) for a in gj.data["arcs"]]
        for f in gj.data["features"]:
            g = f["geometry"]
            if "arcs" in g:
                table = arcs[gj.data["topology"]]

                def ring(refs, table=table):
                    pts = []
                    for n, i in enumerate(refs):
                        arc = table[~i][::-1] if i < 0 else table[i]
                        pts += arc[1:] if n else arc
                    return pts

                parts = [g["arcs"]] if g["type"] == "Polygon" else g["arcs"]
                out += [[ring(r) for r in p] for p in parts]
            elif g["type"] in ("Polygon", "MultiPolygon"):
                parts = [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
                out += [[_decode(r) if isinstance(r, str) else r for r in p] for p in parts]
    return out
