"""Find a place: every name the data gives a place answers to it, and the examples the search
box offers are found in both languages."""

from __future__ import annotations

import re

import pytest

from geo.data import load_map_data
from geo.find import names_of
from geo.i18n import t

DATA = load_map_data()


def _rows(frame):
    return [(row, name) for row in frame.to_dict("records") for name in names_of(row)]


@pytest.mark.parametrize(("row", "name"), _rows(DATA.parks), ids=lambda v: v if isinstance(v, str) else "")
def test_every_name_of_a_located_place_finds_it(row, name):
    place = DATA.find(name)
    assert place is not None and place.name_zh == row["name_zh"], name
    assert (place.lon, place.lat) == (float(row["lon"]), float(row["lat"])) and not place.unmapped
    # the panel opens on the prefecture the point lies in (the boundaries, not the row, decide)
    assert place.adcode == DATA.area_at(place.lon, place.lat)


@pytest.mark.parametrize(
    ("row", "name"), _rows(DATA.parks_unmapped), ids=lambda v: v if isinstance(v, str) else ""
)
def test_a_place_without_a_site_is_found_and_said_to_be_unmapped(row, name):
    place = DATA.find(name)
    assert place is not None and place.unmapped and place.name_zh == row["name_zh"], name
    assert place.adcode == (row["prefecture_adcode"] or None)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_search_boxs_own_examples_are_found(lang):
    hint = t("find_hint", lang)
    examples = re.split(r"[、,]\s*", hint.split(" ", 1)[1])
    assert len(examples) == 4
    found = [DATA.find(e) for e in examples]
    assert [p.adcode for p in found] == ["510100", "513400", "510700", "510700"]
    assert found[3].name_zh == "中国（绵阳）科技城"  # the science city itself, not only its prefecture


def test_counties_and_their_codes_lead_to_their_prefecture():
    counties = DATA.counties
    names = counties["name_zh"].value_counts()
    for row in counties.itertuples():
        for query in (row.adcode, row.name_zh if names[row.name_zh] == 1 else None):
            if query is None:
                continue  # 市中区 names two districts: the resolver asks for the code
            place = DATA.find(query)
            assert place.adcode == row.prefecture_adcode, query
            assert DATA.area_at(place.lon, place.lat, "county") == row.adcode  # a point inside it


@pytest.mark.parametrize("query", ["Atlantis", "x", "", "   ", "{{7*7}}", "<img src=x>"])
def test_no_place_is_none(query):
    assert DATA.find(query) is None
