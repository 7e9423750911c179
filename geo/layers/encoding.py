"""Compact GeoJSON: polygon and line rings sent delta-encoded, decoded in the page.

Polygons are most of a page's bytes. Each ring travels as a polyline-encoded string at 1e-4
degree (the grid of the bundled data): about a sixth of the JSON text. The polygons of a coverage
(prefectures, counties, unions of them) travel as arcs shared by neighbours
(``geo.layers.topology``): a collection then carries its ``arcs`` and the name of its
``topology``, and its geometries list arc numbers. ``DECODER_JS`` (a few lines of script, ours)
decodes both before Leaflet sees them (and turns a ``tip`` property sent as
``geo.layers.markup.info_rows`` data into its HTML); ``CompactGeoJson`` puts it in front of
folium's own GeoJson template, once per page (``geo.layers.page_functions``), and ``share_arcs``
sends each topology's arcs once per page.
"""

from __future__ import annotations

import math
from functools import lru_cache

import folium
import polyline
import shapely
from folium.template import Template

from geo.layers.folium_source import template_source
from geo.layers.markup import INFO_JS
from geo.layers.page_functions import PageFunctions, in_script_order
from geo.layers.topology import Topology

# Written for the polyline alphabet's characters that JSON or Jinja would escape: "{" (which
# could open a template tag), "}" and "\\" (six and two bytes in JSON). All three are outside
# the alphabet, so the page's decoder maps them back.
SAFE = str.maketrans({"{": "!", "}": "#", "\\": "*"})

DECODER_JS = """
if (!window.swDecodeGeo) {
    window.swDecodeGeo = (function () {
        function ring(s) {
            var out = [], i = 0, x = 0, y = 0;
            while (i < s.length) {
                var d = [0, 0];
                for (var k = 0; k < 2; k++) {
                    var shift = 0, result = 0, b;
                    do {
                        b = s.charCodeAt(i++);
                        b = (b === 33 ? 123 : b === 35 ? 125 : b === 42 ? 92 : b) - 63;  // see SAFE
                        result |= (b & 31) << shift;
                        shift += 5;
                    } while (b >= 32);
                    d[k] = (result & 1) ? ~(result >> 1) : (result >> 1);
                }
                x += d[0]; y += d[1];
                out.push([x / 1e4, y / 1e4]);
            }
            return out;
        }
        function coords(c) { return typeof c === "string" ? ring(c) : c.map(coords); }
        var shared = {};  // topology name -> decoded arcs, for every layer of the page
        function fromArcs(arcs, refs) {
            var out = [];
            refs.forEach(function (i, n) {
                var arc = i < 0 ? arcs[~i].slice().reverse() : arcs[i];
                out.push.apply(out, n ? arc.slice(1) : arc);
            });
            return out;
        }
        function geometry(g, arcs) {
            if (g && g.encoded) { g.coordinates = coords(g.coordinates); delete g.encoded; }
            if (g && g.arcs) {
                var polys = (g.type === "Polygon" ? [g.arcs] : g.arcs).map(function (p) {
                    return p.map(function (r) { return fromArcs(arcs, r); });
                });
                g.coordinates = g.type === "Polygon" ? polys[0] : polys;
                delete g.arcs;
            }
        }
        return function (data) {
            if (data.arcs) { shared[data.topology] = data.arcs.map(ring); delete data.arcs; }
            var arcs = shared[data.topology];
            (data.features || [data]).forEach(function (f) {
                geometry(f.geometry || f, arcs);
                var p = f.properties;  // a tooltip sent as data (geo.layers.markup.info_rows)
                if (p && Array.isArray(p.tip)) p.tip = swInfoHtml(p.tip);
            });
            return data;
        };
    })();
}
"""


def encode_ring(coords, factor: float = 1e4, *, template_safe: bool = True) -> str:
    """Google's polyline algorithm (the ``polyline`` package) on (lon, lat) pairs at ``1/factor``
    degree, in that order (x first, as the page's decoder reads them).

    With ``template_safe``, three characters are written as others outside the algorithm's
    alphabet (``SAFE``): folium re-parses rendered scripts as Jinja templates, where "{{" would be
    read as a tag, and JSON would write "}" and "\\" in several bytes.
    """
    text = polyline.encode([(float(x), float(y)) for x, y in coords], precision=round(math.log10(factor)))
    return text.translate(SAFE) if template_safe else text


def _encode_coords(c):
    if c and isinstance(c[0], (int, float)):
        raise ValueError("points are not encoded")
    if c and isinstance(c[0][0], (int, float)):
        return encode_ring(c)
    return [_encode_coords(x) for x in c]


def encode_geometry_dict(g: dict) -> dict:
    """A GeoJSON geometry dict with its line and polygon rings encoded (points unchanged)."""
    if (
        g
        and not g.get("encoded")
        and "arcs" not in g
        and g.get("type") in ("Polygon", "MultiPolygon", "LineString", "MultiLineString")
    ):
        return {**g, "coordinates": _encode_coords(g["coordinates"]), "encoded": True}
    return g


@lru_cache(maxsize=2048)
def encode_geometry(geom) -> dict:
    """GeoJSON geometry dict of a shapely (Multi)Polygon or (Multi)LineString, rings encoded.

    Cached on the geometry, so the same boundaries are encoded once per process.
    """
    return encode_geometry_dict(shapely.geometry.mapping(geom))


def feature_collection(gdf, columns: list[str], topology: Topology | None = None) -> dict:
    """A FeatureCollection dict (properties from ``columns``) with encoded geometry, built without
    the JSON round trip folium makes for a GeoDataFrame.

    With a ``topology`` (``geo.layers.topology.topology_of`` the coverage the areas come from),
    polygons made of its arcs are written as arc numbers, and the collection carries the arcs.
    """
    props = gdf[columns].to_dict("records")
    features = []
    for p, g in zip(props, gdf.geometry.values, strict=True):
        geometry = topology.refs(g) if topology is not None else None
        features.append({"type": "Feature", "properties": p, "geometry": geometry or encode_geometry(g)})
    collection = {"type": "FeatureCollection", "features": features}
    if any("arcs" in f["geometry"] for f in features):
        collection |= {"topology": topology.key, "arcs": encoded_arcs(topology)}
    return collection


@lru_cache(maxsize=16)
def encoded_arcs(topology: Topology) -> list[str]:
    """The arcs of ``topology`` as the page's decoder reads them (once per topology)."""
    f = topology.factor
    return [encode_ring([(x / f, y / f) for x, y in arc], f) for arc in topology.arcs]


_HAND_OVER = "{{ this.get_name() }}_add({{ this.data|tojson }});"  # folium's line this class changes
_SCRIPT_MACRO = "{% macro script(this, kwargs) %}"


def _folium_geojson_template() -> str:
    template = template_source(folium.GeoJson, _HAND_OVER, _SCRIPT_MACRO)
    template = template.replace(_HAND_OVER, "{{ this.get_name() }}_add(swDecodeGeo({{ this.data|tojson }}));")
    return template.replace(_SCRIPT_MACRO, _SCRIPT_MACRO + "{{ this.functions_js() }}", 1)


class CompactGeoJson(PageFunctions, folium.GeoJson):
    """``folium.GeoJson`` whose line and polygon coordinates travel delta-encoded; it brings the
    page's decoder along unless an earlier element of the page does
    (``geo.layers.page_functions``)."""

    _template = Template(_folium_geojson_template())
    functions = (("swInfoHtml", INFO_JS), ("swDecodeGeo", DECODER_JS))

    def render(self, **kwargs):
        if not getattr(self, "_encoded", False):
            self.data = {
                **self.data,
                "features": [
                    {**f, "geometry": encode_geometry_dict(f.get("geometry"))} for f in self.data["features"]
                ],
            }
            self._encoded = True
        super().render(**kwargs)


def share_arcs(root) -> None:
    """Send each topology's arcs once under ``root`` (a layer, or a page): the first
    ``CompactGeoJson`` in script order keeps them, later ones name the topology only (the page's
    decoder keeps decoded arcs)."""
    sent = set()
    for element in in_script_order(root):
        if not isinstance(element, CompactGeoJson):
            continue
        key = element.data.get("topology")
        if key in sent:
            element.data = {k: v for k, v in element.data.items() if k != "arcs"}
        elif key:
            sent.add(key)
