import folium
import shapely

from geo.data import load_prefectures
from geo.layers.elements import CompactGeoJson
from geo.layers.encoding import encode_ring
from geo.layers.prefectures import build_prefectures_layer


def test_encode_ring_matches_the_published_polyline_example():
    # Google's documented example, (lat, lng) pairs at 1e-5
    points = [(38.5, -120.2), (40.7, -120.95), (43.252, -126.453)]
    assert encode_ring(points, factor=1e5, template_safe=False) == "_p~iF~ps|U_ulLnnqC_mqNvxq`@"


def _decode(s: str, factor: float = 1e4) -> list[list[float]]:
    out, i, x, y = [], 0, 0, 0
    while i < len(s):
        d = []
        for _ in range(2):
            shift = result = 0
            while True:
                b = (123 if s[i] == "!" else ord(s[i])) - 63
                i += 1
                result |= (b & 31) << shift
                shift += 5
                if b < 32:
                    break
            d.append(~(result >> 1) if result & 1 else result >> 1)
        x, y = x + d[0], y + d[1]
        out.append([x / factor, y / factor])
    return out


def test_encoding_never_writes_template_braces():
    ring = [(104.0 + i * 0.0123, 30.0 + (i % 7) * 0.0456) for i in range(2000)]
    assert "{" not in encode_ring(ring) and _decode(encode_ring(ring)) == [
        [round(x, 4), round(y, 4)] for x, y in ring
    ]


def test_prefecture_rings_round_trip_exactly():
    prefectures = load_prefectures()
    layer = build_prefectures_layer(prefectures)
    original = [shapely.geometry.mapping(g)["coordinates"] for g in prefectures.geometry]
    m = folium.Map(tiles=None)
    layer.add_to(m)
    html = m.get_root().render()
    assert "swDecodeGeo(" in html and isinstance(layer, CompactGeoJson)
    for before, feature in zip(original, layer.data["features"], strict=True):
        assert feature["geometry"]["encoded"] is True
        for poly_before, poly_after in zip(before, feature["geometry"]["coordinates"], strict=True):
            for ring_before, ring_after in zip(poly_before, poly_after, strict=True):
                assert _decode(ring_after) == [list(p) for p in ring_before]
