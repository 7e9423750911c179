"""The view's URL form: every view reads back as itself (a property over every field)."""

from __future__ import annotations

from dataclasses import fields

from hypothesis import given, settings
from hypothesis import strategies as st

from geo.data.change import CENTRES, MEASURES
from geo.data.indicators import mappable_indicators
from geo.data.load import load_map_data
from geo.data.names import prefecture_records
from geo.scene.view import BREAKS, K_RANGE, LANGS, LAYERS, LEVELS, MAX_BINS, PALETTES, SCHEMES, MapView

DATA = load_map_data()
CHOICES = {
    "readings": list(DATA.layout["readings"]),
    "indicators": mappable_indicators(DATA.indicators),
    "basemaps": list(DATA.basemaps),
}
CODES = list(prefecture_records())
_text = st.none() | st.text(max_size=200)
_bounds = st.lists(
    st.floats(allow_nan=False, allow_infinity=False), min_size=1, max_size=MAX_BINS, unique=True
).map(lambda b: tuple(sorted(b)))

# one strategy per field of MapView (a new field without one fails the test below)
FIELDS = {
    "layers": st.lists(st.sampled_from(LAYERS), unique=True).map(tuple),
    "lang": st.sampled_from(LANGS),
    "level": st.sampled_from(LEVELS),
    "reading": st.none() | st.sampled_from(CHOICES["readings"]),
    "indicator": st.sampled_from(CHOICES["indicators"]),
    "year": st.none() | st.integers(1990, 2035).map(str),
    "scheme": st.sampled_from(SCHEMES),
    "k": st.integers(*K_RANGE),
    "bins": st.none() | _bounds,
    "palette": st.sampled_from(PALETTES),
    "within": st.none() | st.sampled_from(CODES),
    "breaks": st.sampled_from(BREAKS),
    "change": st.none()
    | st.tuples(st.integers(1990, 2034), st.integers(1, 10)).map(lambda p: f"{p[0]}:{p[0] + p[1]}"),
    "measure": st.sampled_from(MEASURES),
    "centre": st.sampled_from(CENTRES),
    "basemap": st.sampled_from(CHOICES["basemaps"]),
    "title": _text,
    "subtitle": _text,
    "note": _text,
    "extent": st.sampled_from(["province", "chengdu-plain", *CODES, "103.5,30.25,104.912345,31.2"]),
    "labels": st.booleans(),
}


def test_every_field_of_the_view_is_varied():
    assert set(FIELDS) == {f.name for f in fields(MapView)}


@settings(max_examples=400, deadline=None)
@given(st.fixed_dictionaries(FIELDS).map(lambda kw: MapView(**kw)))
def test_a_view_reads_back_from_its_link_as_itself(view):
    back, ignored = MapView.from_query(view.to_query(), **CHOICES)
    assert ignored == [] and back == view


def test_an_empty_optional_value_is_unset_not_invalid():
    back, ignored = MapView.from_query({"within": "", "subtitle": "", "note": "", "year": ""}, **CHOICES)
    assert ignored == [] and back == MapView()


def test_a_change_is_two_years_the_earlier_first():
    assert MapView(change="2020-2024").change == "2020:2024"
    for bad in ("2024:2020", "2020:2020", "2020", "20:24", "2020:2024:2025"):
        back, ignored = MapView.from_query({"change": bad}, **CHOICES)
        assert ignored == ["change"] and back.change is None
