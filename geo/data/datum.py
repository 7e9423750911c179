"""GCJ-02 <-> WGS-84 conversion.

GCJ-02 is the obfuscated datum that Chinese map providers (Amap/Gaode, Tencent)
use by law. The forward formula is public (Krasovsky ellipsoid constants and a
polynomial-trigonometric offset); the inverse has no closed form and is solved
by fixed-point iteration, which converges to well under a millimetre in a few
steps inside China.

Functions accept scalars or NumPy arrays of longitudes and latitudes (degrees)
and return the same shape. Outside China GCJ-02 equals WGS-84, as in the
reference implementations.

>>> lon, lat = wgs84_to_gcj02(104.0657, 30.6595)
>>> back = gcj02_to_wgs84(lon, lat)
"""

from __future__ import annotations

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

# Krasovsky 1940 ellipsoid, as used by the GCJ-02 formula.
_A = 6378245.0
_EE = 0.00669342162296594323


def _in_china(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    # The bounding box used by the reference implementations (eviltransform).
    return (lon >= 72.004) & (lon <= 137.8347) & (lat >= 0.8293) & (lat <= 55.8271)


def _offset(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Offset in degrees (dlon, dlat) that GCJ-02 adds to a WGS-84 point."""
    x = lon - 105.0
    y = lat - 35.0
    common = (20.0 * np.sin(6.0 * x * np.pi) + 20.0 * np.sin(2.0 * x * np.pi)) * 2.0 / 3.0
    dlat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * np.sqrt(np.abs(x))
    dlat = dlat + common
    dlat = dlat + (20.0 * np.sin(y * np.pi) + 40.0 * np.sin(y / 3.0 * np.pi)) * 2.0 / 3.0
    dlat = dlat + (160.0 * np.sin(y / 12.0 * np.pi) + 320.0 * np.sin(y * np.pi / 30.0)) * 2.0 / 3.0
    dlon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * np.sqrt(np.abs(x))
    dlon = dlon + common
    dlon = dlon + (20.0 * np.sin(x * np.pi) + 40.0 * np.sin(x / 3.0 * np.pi)) * 2.0 / 3.0
    dlon = dlon + (150.0 * np.sin(x / 12.0 * np.pi) + 300.0 * np.sin(x / 30.0 * np.pi)) * 2.0 / 3.0
    rad = np.radians(lat)
    magic = 1.0 - _EE * np.sin(rad) ** 2
    sqrt_magic = np.sqrt(magic)
    dlat = dlat * 180.0 / ((_A * (1.0 - _EE)) / (magic * sqrt_magic) * np.pi)
    dlon = dlon * 180.0 / (_A / sqrt_magic * np.cos(rad) * np.pi)
    inside = _in_china(lon, lat)
    return np.where(inside, dlon, 0.0), np.where(inside, dlat, 0.0)


def wgs84_to_gcj02(lon, lat):
    """Convert WGS-84 longitude/latitude (degrees) to GCJ-02."""
    lon, lat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    dlon, dlat = _offset(lon, lat)
    return lon + dlon, lat + dlat


def gcj02_to_wgs84(lon, lat, *, tolerance: float = 1e-9, max_iter: int = 30):
    """Convert GCJ-02 longitude/latitude (degrees) to WGS-84.

    Solves ``wgs84_to_gcj02(w) == g`` by fixed-point iteration; ``tolerance``
    is in degrees (1e-9 deg is about 0.1 mm).
    """
    glon, glat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    wlon, wlat = glon.copy(), glat.copy()
    for _ in range(max_iter):
        flon, flat = wgs84_to_gcj02(wlon, wlat)
        elon, elat = flon - glon, flat - glat
        wlon, wlat = wlon - elon, wlat - elat
        if max(np.max(np.abs(elon), initial=0.0), np.max(np.abs(elat), initial=0.0)) < tolerance:
            break
    return wlon, wlat


def _transform_geometry(geom: BaseGeometry, func) -> BaseGeometry:
    def apply(coords: np.ndarray) -> np.ndarray:
        lon, lat = func(coords[:, 0], coords[:, 1])
        return np.column_stack([lon, lat])

    return shapely.transform(geom, apply)


def geometry_gcj02_to_wgs84(geom: BaseGeometry) -> BaseGeometry:
    """Return ``geom`` with every vertex converted from GCJ-02 to WGS-84."""
    return _transform_geometry(geom, gcj02_to_wgs84)


def _identity(lon, lat):
    return np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)


# The datums tiles come in, and how WGS-84 data are moved into each: the one table every
# drawing uses (``geo.data.load.MapData.in_datum``). Data stay WGS-84; other datums only when drawing.
FROM_WGS84 = {"WGS84": _identity, "GCJ02": wgs84_to_gcj02}


def to_datum(lon, lat, datum: str):
    """WGS-84 ``lon``/``lat`` (arrays or scalars) moved into ``datum`` (a key of ``FROM_WGS84``)."""
    if datum not in FROM_WGS84:
        raise ValueError(f"unknown datum {datum!r}: choose one of {', '.join(FROM_WGS84)}")
    return FROM_WGS84[datum](lon, lat)


def geometry_to_datum(geom: BaseGeometry, datum: str) -> BaseGeometry:
    """``geom`` (WGS-84) with every vertex moved into ``datum``."""
    return _transform_geometry(geom, lambda lon, lat: to_datum(lon, lat, datum))


# A Lambert conformal conic fitted to Sichuan: metric map units for static maps and measurements.
SICHUAN_LCC = "+proj=lcc +lat_1=27 +lat_2=33 +lat_0=30 +lon_0=103 +datum=WGS84 +units=m"
