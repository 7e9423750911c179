"""The names' rule (``geo.scene.placement``) keeps its promises on any boxes: a placed name stays
in the frame, off the furniture, off the marks (unless the slide lets it cover one inside its own
area) and off every name placed before it; a name outside its area only when none inside is free."""

from __future__ import annotations

import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.scene.placement import place_names

FRAME = (0.0, 0.0, 400.0, 300.0)


def _box(x, y, w, h):
    return (x, y, x + w, y + h)


boxes = st.builds(
    _box,
    st.floats(0, 380),
    st.floats(0, 290),
    st.floats(4, 60),
    st.floats(4, 20),
)
square = [(100.0, 80.0), (300.0, 80.0), (300.0, 220.0), (100.0, 220.0)]


def _overlap(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@settings(max_examples=200, deadline=None)
@given(names=st.lists(boxes, max_size=12), marks=st.lists(boxes, max_size=6), over=st.booleans())
def test_placed_names_keep_the_rules_promises(names, marks, over):
    fixed = [(0.0, 260.0, 80.0, 300.0)]  # a scale bar
    areas = [square if i % 2 else None for i in range(len(names))]
    moves = place_names(names, areas, frame=FRAME, fixed=fixed, marks=marks, over_marks=over)
    placed = []
    area = shapely.Polygon(square)
    for box, ring, move in zip(names, areas, moves, strict=True):
        if move is None:
            continue
        at = (box[0] + move.dx, box[1] + move.dy, box[2] + move.dx, box[3] + move.dy)
        assert FRAME[0] <= at[0] and at[2] <= FRAME[2] and FRAME[1] <= at[1] and at[3] <= FRAME[3]
        assert not any(_overlap(at, b) for b in fixed + placed)
        centre = shapely.Point((at[0] + at[2]) / 2, (at[1] + at[3]) / 2)
        outside = ring is not None and not area.contains(centre)
        assert move.outside == outside
        if not (over and not outside):
            assert not any(_overlap(at, m) for m in marks)
        placed.append(at)


def test_a_name_is_moved_off_a_mark_and_left_out_where_nothing_is_free():
    name = (100.0, 100.0, 140.0, 110.0)
    mark = (110.0, 95.0, 120.0, 115.0)
    (move,) = place_names([name], [None], frame=FRAME, marks=[mark])
    assert move is not None and (move.dx, move.dy) != (0, 0)
    everywhere = (0.0, 0.0, 400.0, 300.0)
    assert place_names([name], [None], frame=FRAME, marks=[everywhere]) == [None]
    (over,) = place_names([name], [square], frame=FRAME, marks=[everywhere], over_marks=True)
    assert over == (0, 0, False)  # a slide lets it cover the mark, inside its own area
