import json

import numpy as np
import pandas as pd
import pytest
import shapely
from pyproj import Geod

from geo import paths
from geo.data.load import load_counties, load_prefectures

GEOD = Geod(ellps="WGS84")


@pytest.fixture(scope="module")
def prefectures():
    return load_prefectures()


@pytest.fixture(scope="module")
def counties():
    return load_counties()


@pytest.fixture(scope="module")
def fidelity():
    return json.loads(paths.FIDELITY_JSON.read_text(encoding="utf-8"))


def _area_km2(geom) -> float:
    return abs(GEOD.geometry_area_perimeter(geom)[0]) / 1e6


def test_counts_and_unique_adcodes(prefectures, counties):
    assert len(prefectures) == 21 and prefectures["adcode"].is_unique
    assert len(counties) == 183 and counties["adcode"].is_unique
    assert prefectures["adcode"].str.fullmatch(r"51\d{4}").all()
    assert counties["adcode"].str.fullmatch(r"51\d{4}").all()


def test_crs_and_extent(prefectures, counties):
    for gdf in (prefectures, counties):
        assert gdf.crs.to_epsg() == 4326
        minx, miny, maxx, maxy = gdf.total_bounds
        assert 97 < minx < maxx < 109 and 26 < miny < maxy < 35


def test_properties(prefectures, counties):
    assert list(prefectures.columns[:-1]) == [
        "adcode",
        "name_zh",
        "short_zh",
        "name_en",
        "short_en",
        "kind",
    ]
    liangshan = prefectures.set_index("adcode").loc["513400"]
    assert (liangshan.name_zh, liangshan.short_zh, liangshan.short_en, liangshan.kind) == (
        "凉山彝族自治州",
        "凉山",
        "Liangshan",
        "自治州",
    )
    assert set(prefectures["kind"]) == {"地级市", "自治州"}
    assert set(counties["prefecture_adcode"]) == set(prefectures["adcode"])
    assert counties.set_index("adcode").loc["510181", "name_en"] == "Dujiangyan City"


def test_geometries_valid_and_polygonal(prefectures, counties):
    for gdf in (prefectures, counties):
        assert gdf.is_valid.all()
        assert set(gdf.geom_type) <= {"Polygon", "MultiPolygon"}
        assert not gdf.is_empty.any()


@pytest.mark.parametrize("level", ["prefectures", "counties"])
def test_neighbours_share_borders_without_overlaps(level, prefectures, counties):
    gdf = prefectures if level == "prefectures" else counties
    geoms = gdf.geometry.values
    # Exact shared edges: GEOS reports any gap or overlap between neighbours as invalid.
    assert shapely.coverage_is_valid(geoms)
    left, right = gdf.sindex.query(geoms, predicate="intersects")
    pairs = left < right
    overlap = shapely.area(shapely.intersection(geoms[left[pairs]], geoms[right[pairs]]))
    assert overlap.max() < 1e-10  # square degrees, i.e. well under 1 m²


@pytest.mark.parametrize("level", ["prefectures", "counties"])
def test_union_area_within_half_percent_of_source(level, prefectures, counties, fidelity):
    gdf = prefectures if level == "prefectures" else counties
    union = shapely.union_all(gdf.geometry.values)
    source = fidelity[level]["union_source_area_km2"]
    assert abs(_area_km2(union) - source) / source < 0.005
    for code, geom in zip(gdf["adcode"], gdf.geometry, strict=True):
        src = fidelity[level]["features"][code]["source_area_km2"]
        assert abs(_area_km2(geom) - src) / src < 0.03, code  # each feature, not only the sum


def test_each_prefecture_contains_its_seat_city(prefectures):
    seats = pd.read_csv(paths.PREFECTURE_NAMES_CSV, dtype=str).set_index("adcode")
    for code, geom in zip(prefectures["adcode"], prefectures.geometry, strict=True):
        seat = shapely.Point(float(seats.loc[code, "seat_lon"]), float(seats.loc[code, "seat_lat"]))
        assert geom.contains(seat), f"{code} does not contain {seats.loc[code, 'seat_en']}"
        others = prefectures[prefectures["adcode"] != code]
        assert not others.contains(seat).any()


def test_every_county_inside_its_prefecture(prefectures, counties):
    pref = prefectures.set_index("adcode").geometry
    for code, parent, geom in zip(
        counties["adcode"], counties["prefecture_adcode"], counties.geometry, strict=True
    ):
        assert pref[parent].covers(geom), code
    # and the counties of a prefecture fill it
    for code, geom in pref.items():
        union = shapely.union_all(counties[counties["prefecture_adcode"] == code].geometry.values)
        assert abs(union.area - geom.area) / geom.area < 1e-9, code


def test_prefecture_file_stays_small():
    assert paths.PREFECTURES_GEOJSON.stat().st_size < 500_000


def test_coordinates_rounded_to_grid(prefectures):
    xy = shapely.get_coordinates(prefectures.geometry.values)
    assert np.allclose(xy, np.round(xy, 4), atol=1e-9)


@pytest.mark.parametrize("content", [None, b"\x00\x01 not a table", b"adcode,wrong\n1,2\n"])
def test_a_damaged_data_file_names_itself_and_the_fix(tmp_path, monkeypatch, content):
    from geo import paths
    from geo.data import load as loaders

    broken = tmp_path / "indicators.csv"
    if content is not None:
        broken.write_bytes(content)
    monkeypatch.setattr(paths, "INDICATORS_CSV", broken)
    with pytest.raises(loaders.DataFileError) as err:
        loaders.load_indicators()
    message = str(err.value)
    assert "indicators.csv" in message and "git checkout" in message
    assert ("is missing" in message) == (content is None)


def test_bundled_yaml_files_read_as_the_pure_python_safe_loader_reads_them():
    # geo.data.load parses with libyaml's loader when PyYAML has it; PyYAML's own reading is the oracle
    import yaml

    from geo.data.load import _parse_yaml
    from geo.paths import DATA

    files = sorted(DATA.glob("*.yaml"))
    assert len(files) >= 2
    for path in files:
        assert _parse_yaml(str(path)) == yaml.safe_load(path.read_text(encoding="utf-8")), path.name


@pytest.mark.parametrize(
    "path", [paths.PREFECTURES_GEOJSON, paths.COUNTIES_GEOJSON], ids=["prefectures", "counties"]
)
def test_bundled_boundaries_read_as_gdal_reads_them(path):
    # geo.data.load reads the GeoJSON with geopandas' own reader; GDAL's (pyogrio) is the oracle
    import geopandas as gpd

    from geo.data.load import _read_geojson

    ours, gdal = _read_geojson(str(path)), gpd.read_file(path)
    assert list(ours.columns) == list(gdal.columns) and ours.crs == gdal.crs
    assert ours.geometry.geom_equals_exact(gdal.geometry, 0).all()
    for col in ours.columns.drop("geometry"):
        assert ours[col].astype(str).tolist() == gdal[col].astype(str).tolist(), col


@pytest.mark.parametrize("content", [b"", b"{not json", b'{"type": "FeatureCollection"}'])
def test_a_damaged_boundary_file_names_itself_and_the_fix(tmp_path, content):
    from geo.data import load as loaders

    broken = tmp_path / "damaged.geojson"
    broken.write_bytes(content)
    with pytest.raises(loaders.DataFileError, match=r"damaged\.geojson.*git checkout"):
        loaders._read_geojson(str(broken))


def test_the_readme_counts_the_places_as_the_data_files_hold_them():
    """The README's "(N places) … and the M that could not" against the rows of data/parks.csv and
    data/parks_unmapped.csv, read with the csv module (the README once said 27 while the files held 36)."""
    import csv
    import re

    readme = " ".join((paths.ROOT / "README.md").read_text(encoding="utf-8").split())
    located, unlocated = (
        len(list(csv.DictReader((paths.DATA / name).open(encoding="utf-8"))))
        for name in ("parks.csv", "parks_unmapped.csv")
    )
    said = re.search(r"\((\d+) places\), .*? the (\d+) that could not", readme)
    assert said and (int(said[1]), int(said[2])) == (located, unlocated)
