"""Where a name sits on a drawn map: one rule for the screen and the slide.

Takes the names' boxes in the order they are placed, the outline each belongs inside, the map's
frame and what names keep off (the map's furniture, its markers), all in one pixel space with
y down (a browser's; the slide's renderer turns its own over); gives each name its move from
its anchor, or ``None`` where it is left out.

The rule: a name sits at its anchor, or moved by ``OFFSETS`` in ``STEPS`` of half its size plus
``MARGIN_PX`` (above, below, beside, diagonally; then one step further), inside its own area
first, outside it only when it must (the renderer draws a leader line to the anchor); it never
leaves the frame, never covers the furniture, a marker or an earlier name, and where nothing is
free it is left out (on screen, until the reader zooms in). A slide may let a name inside its
own area cover a marker (``over_marks``: a name belongs in its area more than a marker's corner
needs to show; on screen the marker must stay in view, it answers a click).

The screen's copy of this rule is the script of ``geo.layers.elements.labels``; the browser test
``tests/browser/test_label_rule_browser.py`` records what that script was given and what it
chose, and checks this module chooses the same.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

STEPS = (1, 2)
OFFSETS = ((0, 1), (0, -1), (1, 0), (-1, 0), (1, 1), (-1, 1), (1, -1), (-1, -1))  # (x, y), y up
MARGIN_PX = 10

Box = tuple[float, float, float, float]  # left, top, right, bottom; y down
Ring = Sequence[tuple[float, float]]  # (x, y) points


class Move(NamedTuple):
    """Where a name goes from its anchor, and whether that is outside its own area."""

    dx: float
    dy: float
    outside: bool = False


def place_names(
    boxes: Sequence[Box],
    areas: Sequence[Ring | None],
    *,
    frame: Box | None,
    fixed: Sequence[Box] = (),
    marks: Sequence[Box] = (),
    over_marks: bool = False,
) -> list[Move | None]:
    """The ``Move`` of each box in ``boxes`` from where it stands, or ``None`` where the
    name is left out; ``areas[i]`` the outline box ``i`` belongs inside (``None``: anywhere)."""
    names: list[Box] = []
    tried = passes(over_marks=over_marks)
    pairs = zip(boxes, areas, strict=True)
    return [_place(box, area, frame, fixed, marks, names, tried) for box, area in pairs]


def passes(*, over_marks: bool) -> list[tuple[bool, bool]]:
    """The rule's passes in order: (inside its own area, clear of the marks)."""
    return [(True, True), *([(True, False)] if over_marks else []), (False, True)]


def _place(box, area, frame, fixed, marks, names, passes):
    left, top, right, bottom = box
    w, h = (right - left) / 2 + MARGIN_PX, (bottom - top) / 2 + MARGIN_PX
    tries = [(0.0, 0.0), *((k * ox * w, -k * oy * h) for k in STEPS for ox, oy in OFFSETS)]
    for inside, clear_of_marks in passes:
        avoid = [*fixed, *marks, *names] if clear_of_marks else [*fixed, *names]
        for dx, dy in tries:
            at = (left + dx, top + dy, right + dx, bottom + dy)
            within = area is None or _inside((at[0] + at[2]) / 2, (at[1] + at[3]) / 2, area)
            if within != inside or (frame is not None and not _within(at, frame)):
                continue
            if any(_overlaps(at, other) for other in avoid):
                continue
            names.append(at)
            return Move(dx, dy, not within)
    return None


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _within(a: Box, frame: Box) -> bool:
    return frame[0] <= a[0] and a[2] <= frame[2] and frame[1] <= a[1] and a[3] <= frame[3]


def _inside(x: float, y: float, ring: Ring) -> bool:
    """Whether (x, y) is inside ``ring`` (even-odd crossings, as the screen's script counts)."""
    hit = False
    j = len(ring) - 1
    for i in range(len(ring)):
        (ax, ay), (bx, by) = ring[i], ring[j]
        if (ay > y) != (by > y) and x < (bx - ax) * (y - ay) / (by - ay) + ax:
            hit = not hit
        j = i
    return hit
