from hypothesis import given, settings
from hypothesis import strategies as st

from geo.layers.encoding import encode_ring


def _decode(s: str, factor: float = 1e4) -> list[list[float]]:
    """The points of a ring read as ``encode_ring``'s docstring describes the format (not as the
    code writes it): six bits a character, the first giving the Exp-Golomb order k, then codes of
    zigzag-mapped steps, x then y."""
    sixes = [ord({"!": "{", "#": "}", "*": "\\"}.get(c, c)) - 63 for c in s]  # encoding.SAFE
    k, bits = sixes[0], "".join(f"{b:06b}" for b in sixes[1:])
    values, i = [], 0
    while len(bits) - i >= k + 1:  # the rest is padding
        zeros = len(bits[i:]) - len(bits[i:].lstrip("0"))
        code = int(bits[i + zeros : i + 2 * zeros + k + 1], 2)
        i += 2 * zeros + k + 1
        v = code - 2**k
        values.append(-(v + 1) // 2 if v % 2 else v // 2)
    out, x, y = [], 0, 0
    for dx, dy in zip(values[::2], values[1::2], strict=True):
        x, y = x + dx, y + dy
        out.append([x / factor, y / factor])
    return out


def test_encode_ring_writes_the_codes_worked_out_by_hand():
    # steps 0, 0, +1, -2 -> zigzag 0, 0, 2, 3; order 5: 100000 100000 100010 100011; "D" is k = 5
    assert encode_ring([(0, 0), (0.0001, -0.0002)]) == "D__ab"
    # a step of +40: zigzag 80, 80 + 32 = 1110000 (seven digits) after one zero; then 0: 100000;
    # 01110000 100000 and four zeros of padding = 011100 001000 000000 = 28, 8, 0 -> "[G?"
    assert encode_ring([(0.004, 0)]) == "D[G?"


def test_encoding_never_writes_template_braces():
    ring = [(104.0 + i * 0.0123, 30.0 + (i % 7) * 0.0456) for i in range(2000)]
    assert "{" not in encode_ring(ring) and _decode(encode_ring(ring)) == [
        [round(x, 4), round(y, 4)] for x, y in ring
    ]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.integers(-1_800_000, 1_800_000), st.integers(-900_000, 900_000)), max_size=60),
    st.sampled_from([1e3, 1e4]),
)
def test_every_ring_comes_back_exactly(points, factor):
    ring = [(x / factor, y / factor) for x, y in points]
    text = encode_ring(ring, factor)
    assert not set(text) & set("{}\\\"<>&%'")  # nothing JSON, Jinja or HTML would escape
    assert [[round(x * factor), round(y * factor)] for x, y in _decode(text, factor)] == [
        list(p) for p in points
    ]


def test_a_line_set_draws_each_line_once_per_style_and_writes_no_defaults():
    import pytest

    from geo.layers.elements import LineSet

    band = {"color": "#0072B2", "weight": 22, "opacity": 0.25, "lineCap": "round", "interactive": False}
    lines = LineSet(
        [{"path": [(30.1, 104.2), (30.3, 104.5)], "styles": [0, 1], "tip": "a"}], [band, {"weight": 3}]
    )
    assert [style for _, style, _ in lines.drawn()] == [
        {
            "color": "#0072B2",
            "weight": 22,
            "opacity": 0.25,
            "interactive": False,
        },  # round caps: Leaflet's own
        {"weight": 3},
    ]
    assert lines.payload() == [[[[30.1, 104.2], [30.3, 104.5]], [0, 1], "a"]]  # the points once
    with pytest.raises(ValueError, match="must be numbers of its 2 styles"):
        LineSet([{"path": [(30.1, 104.2)], "styles": [2]}], [band, {"weight": 3}])
