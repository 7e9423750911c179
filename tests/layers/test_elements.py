from geo.layers.encoding import encode_ring


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
                b = ord({"!": "{", "#": "}", "*": "\\"}.get(s[i], s[i])) - 63  # encoding.SAFE
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
