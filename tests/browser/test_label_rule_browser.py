"""One rule places the names on the screen and on a slide (``geo.scene.placement``): the
screen's script records, at each placement, the boxes it was given and the moves it chose; the
Python rule, given the same boxes, chooses the same moves. Views as a reader reaches them in
turn: the province, closer in on Chengdu, Liangshan, in both languages."""

from __future__ import annotations

import pytest

from geo.scene.placement import place_names
from tests.browser.test_read_and_click import MAP, _open, _placed, _settled

VIEWS = [None, ([30.66, 104.06], 8), ([30.66, 104.06], 10), ([27.9, 102.3], 9)]


def _rule_of(record: dict) -> list:
    names = record["names"]
    moves = place_names(
        [tuple(n["box"]) for n in names],
        [None if n["area"] is None else [tuple(p) for p in n["area"]] for n in names],
        frame=tuple(record["frame"]),
        fixed=[tuple(b) for b in record["fixed"]],
        marks=[tuple(b) for b in record["marks"]],
    )
    return [None if m is None else [m.dx, m.dy] for m in moves]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_screen_places_names_by_the_one_rule(offline_page, app_url, lang):
    page = offline_page
    frame = _open(page, f"{app_url}/?lang={lang}")
    seen = []
    for view in VIEWS:
        if view:
            frame.evaluate(f"{MAP}.setView({view[0]}, {view[1]}, {{animate: false}})")
            _settled(page, frame)
        _placed(page, frame)
        record = frame.evaluate(f"{MAP}._swPlacement")
        chosen = [n["move"] for n in record["names"]]
        assert len(chosen) >= (21 if view is None else 3), view
        assert _rule_of(record) == chosen, view
        seen += chosen
    # the rule had work to do: names moved off their anchors, and names left out
    assert any(m and (m[0] or m[1]) for m in seen) and any(m is None for m in seen)
