"""Compact GeoJSON: polygon and line rings sent delta-encoded, decoded in the page.

Polygons are most of a page's bytes. Each ring travels as a string of its points at 1e-4 degree
(the grid of the bundled data), exactly (``encode_ring``): about a seventh of the JSON text. The
polygons of a coverage (prefectures, counties, unions of them) travel as arcs shared by
neighbours (``geo.layers.topology``): a collection then carries its ``arcs`` and the name of its
``topology``, and its geometries list arc numbers. ``RING_JS`` and ``DECODER_JS`` (a few lines
of script, ours) decode both before Leaflet sees them (and turn a ``tip`` property sent as
``geo.layers.markup.info_rows`` data into its HTML); ``CompactGeoJson`` puts them in front of
folium's own GeoJson template, once per page (``geo.layers.page_functions``), and ``share_arcs``
sends each topology's arcs once per page.
"""

from __future__ import annotations

from functools import lru_cache

import folium
import numpy as np
import shapely
from folium.template import Template

from geo.layers.folium_source import template_source
from geo.layers.markup import INFO_JS
from geo.layers.page_functions import PageFunctions, in_script_order
from geo.layers.topology import Topology

# Six bits a character, written as the character 63 + bits (polyline's alphabet, "?" to "~"),
# except three that JSON or Jinja would escape: "{" (which could open a template tag), "}" and
# "\\" (six and two bytes in JSON). "!", "#" and "*" are outside the alphabet, so the page's
# decoder maps them back.
SAFE = str.maketrans({"{": "!", "}": "#", "\\": "*"})
_K = range(5, 25)  # Exp-Golomb orders a ring may use (at least 5: see encode_ring)

# swRing(s, factor): the points of a ring written by ``encode_ring``, [[x, y], ...] in degrees.
RING_JS = """
if (!window.swRing) {
    window.swRing = function (s, factor) {
        var i = 0, bits = 0, left = 0;
        function six() {
            var b = s.charCodeAt(i++);
            return (b === 33 ? 123 : b === 35 ? 125 : b === 42 ? 92 : b) - 63;  // see SAFE
        }
        function bit() {
            if (!left) { bits = six(); left = 6; }
            left--;
            return (bits >> left) & 1;
        }
        var k = six(), out = [], p = [0, 0], n = 0;
        while ((s.length - i) * 6 + left >= k + 1) {  // what is left is the last character's padding
            var zeros = 0, w = 1;
            while (!bit()) if (++zeros > 64) return out;  // not a ring of ours
            for (var j = 0; j < zeros + k; j++) w = w * 2 + bit();
            var v = w - Math.pow(2, k);
            p[n % 2] += v % 2 ? -(v + 1) / 2 : v / 2;
            if (n++ % 2) out.push([p[0] / factor, p[1] / factor]);
        }
        return out;
    };
}
"""

DECODER_JS = """
if (!window.swDecodeGeo) {
    window.swDecodeGeo = (function () {
        function ring(s) { return swRing(s, 1e4); }
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
                var p = f.properties, keys = data.tipKeys;  // a tooltip sent as data (``sent``)
                if (!p || !Array.isArray(p.tip)) return;
                var rows = keys ? p.tip[1].map(function (r) { return [keys[r[0]], r[1]]; }) : p.tip[1];
                p.tip = swInfoHtml([p.tip[0], rows]);
            });
            return data;
        };
    })();
}
"""


def encode_ring(coords, factor: float = 1e4) -> str:
    """The points ``coords`` ((x, y) pairs) on the grid of ``1/factor`` degree, exactly, as a
    string that the page's ``swRing`` (``RING_JS``) reads back in the same order.

    The values are those of Google's polyline algorithm: each coordinate's step from the point
    before (the first from 0), zigzag-mapped to a natural number (0, -1, 1, -2 ... -> 0, 1, 2,
    3 ...), x then y. Each is written as an Exp-Golomb code of order k (v + 2**k in binary, after
    as many zeros as it has digits beyond k + 1), the codes as one stream of bits, six bits a
    character (``SAFE``), the last one padded with zeros; the first character gives k, the
    cheapest for this ring. With k >= 5 the padding is shorter than any code. Compared with the
    polyline encoding (five bits a character, a step of 0.01 degree takes two), the prefectures'
    borders take a sixth less.
    """
    xy = np.rint(np.asarray(coords, dtype=float).reshape(-1, 2) * factor).astype(np.int64)
    steps = np.diff(xy, axis=0, prepend=np.zeros((1, 2), dtype=np.int64)).ravel()
    zigzag = np.where(steps < 0, -2 * steps - 1, 2 * steps)
    orders = np.array(_K)
    digits = np.floor(np.log2(zigzag[:, None] + 2.0 ** orders[None, :])).astype(np.int64) + 1
    k = int(orders[np.argmin((2 * digits).sum(axis=0) - len(zigzag) * orders)])
    codes = zigzag + (1 << k)
    lengths = 2 * digits[:, k - _K.start] - k - 1
    # bit j of the stream: bit (length - 1 - offset) of the code it falls in (zeros before w)
    which = np.repeat(np.arange(len(codes)), lengths)
    offset = np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    bits = (codes[which] >> (lengths[which] - 1 - offset)) & 1
    bits = np.concatenate([bits, np.zeros(-len(bits) % 6, dtype=np.int64)]).reshape(-1, 6)
    sixes = np.concatenate([[k], bits @ (1 << np.arange(5, -1, -1))])
    return bytes((63 + sixes).astype(np.uint8)).decode("ascii").translate(SAFE)


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
    template = template.replace(
        _HAND_OVER, "{{ this.get_name() }}_add(swDecodeGeo({{ this.sent()|tojson }}));"
    )
    return template.replace(_SCRIPT_MACRO, _SCRIPT_MACRO + "{{ this.functions_js() }}", 1)


class CompactGeoJson(PageFunctions, folium.GeoJson):
    """``folium.GeoJson`` whose line and polygon coordinates travel delta-encoded; it brings the
    page's decoder along unless an earlier element of the page does
    (``geo.layers.page_functions``)."""

    _template = Template(_folium_geojson_template())
    functions = (("swInfoHtml", INFO_JS), ("swRing", RING_JS), ("swDecodeGeo", DECODER_JS))

    def sent(self) -> dict:
        """``data`` as the page takes it: tooltips sent as ``geo.layers.markup.info_rows`` data
        have their row labels numbered, the labels listed once (``tipKeys``)."""
        features = self.data["features"]
        tips = [f.get("properties", {}).get("tip") for f in features]
        if not tips or not all(isinstance(t, list) for t in tips):
            return self.data
        keys = list(dict.fromkeys(k for _, rows in tips for k, _ in rows))
        number = {k: n for n, k in enumerate(keys)}
        return {
            **self.data,
            "tipKeys": keys,
            "features": [
                {**f, "properties": {**f["properties"], "tip": [t[0], [[number[k], v] for k, v in t[1]]]}}
                for f, t in zip(features, tips, strict=True)
            ],
        }

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
