"""Compact GeoJSON: polygon and line rings sent delta-encoded, decoded in the page.

Polygons are most of a page's bytes. Each ring travels as a polyline-encoded string at 1e-4
degree (the grid of the bundled data): about a sixth of the JSON text. ``DECODER_JS`` (a few lines
of script, ours) decodes it before Leaflet sees it; ``geo.layers.elements.CompactGeoJson`` puts
it in front of folium's own GeoJson template.
"""

from __future__ import annotations

import math
from functools import lru_cache

import polyline
import shapely

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
                        b = (b === 33 ? 123 : b) - 63;  // "!" stands for "{"
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
        function geometry(g) {
            if (g && g.encoded) { g.coordinates = coords(g.coordinates); delete g.encoded; }
        }
        return function (data) {
            (data.features || [data]).forEach(function (f) { geometry(f.geometry || f); });
            return data;
        };
    })();
}
"""


def encode_ring(coords, factor: float = 1e4, *, template_safe: bool = True) -> str:
    """Google's polyline algorithm (the ``polyline`` package) on (lon, lat) pairs at ``1/factor``
    degree, in that order (x first, as the page's decoder reads them).

    With ``template_safe``, "{" is written as "!" (outside the algorithm's alphabet): folium
    re-parses rendered scripts as Jinja templates, where "{{" would be read as a tag.
    """
    text = polyline.encode([(float(x), float(y)) for x, y in coords], precision=round(math.log10(factor)))
    return text.replace("{", "!") if template_safe else text


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


def feature_collection(gdf, columns: list[str]) -> dict:
    """A FeatureCollection dict (properties from ``columns``) with encoded geometry, built without
    the JSON round trip folium makes for a GeoDataFrame."""
    props = gdf[columns].to_dict("records")
    return {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": p, "geometry": encode_geometry(g)}
            for p, g in zip(props, gdf.geometry.values, strict=True)
        ],
    }
