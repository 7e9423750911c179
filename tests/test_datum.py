import numpy as np
import pytest
from pyproj import Geod

from geo.data.datum import gcj02_to_wgs84, wgs84_to_gcj02

# Published reference pairs (wgs_lon, wgs_lat, gcj_lon, gcj_lat):
# the test table of googollee/eviltransform (MIT) and the README of wandergis/coordtransform.
REFERENCE = [
    (121.5272106, 31.1774276, 121.531541859215, 31.17530398364597),  # Shanghai
    (113.912316, 22.543847, 113.9171764808363, 22.540796131694766),  # Shenzhen
    (116.377817, 39.911954, 116.38404722455657, 39.91334545536069),  # Beijing
    (116.404, 39.915, 116.41024449916938, 39.91640428150164),  # Beijing (coordtransform)
]
GEOD = Geod(ellps="WGS84")


@pytest.mark.parametrize(("wlon", "wlat", "glon", "glat"), REFERENCE)
def test_forward_matches_published_pairs(wlon, wlat, glon, glat):
    lon, lat = wgs84_to_gcj02(wlon, wlat)
    assert lon == pytest.approx(glon, abs=1e-9)
    assert lat == pytest.approx(glat, abs=1e-9)


@pytest.mark.parametrize(("wlon", "wlat", "glon", "glat"), REFERENCE)
def test_inverse_recovers_published_wgs84_within_1m(wlon, wlat, glon, glat):
    lon, lat = gcj02_to_wgs84(glon, glat)
    assert GEOD.inv(lon, lat, wlon, wlat)[2] < 1.0


def test_inverse_is_accurate_to_a_metre_across_sichuan():
    rng = np.random.default_rng(7)
    lon, lat = rng.uniform(97.3, 108.6, 2000), rng.uniform(26.0, 34.4, 2000)
    glon, glat = wgs84_to_gcj02(lon, lat)
    back_lon, back_lat = gcj02_to_wgs84(glon, glat)
    error_m = GEOD.inv(back_lon, back_lat, lon, lat)[2]
    assert error_m.max() < 0.01  # the iteration converges far below the 1 m target
    offset_m = GEOD.inv(glon, glat, lon, lat)[2]
    assert offset_m.min() > 100 and offset_m.max() < 800  # the offset is hundreds of metres here


def test_outside_china_is_unchanged():
    lon, lat = wgs84_to_gcj02(2.35, 48.85)
    assert (float(lon), float(lat)) == (2.35, 48.85)
