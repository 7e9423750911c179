"""One cached loader per bundled data set; every adcode stays text."""

from __future__ import annotations

from functools import cache

import geopandas as gpd

from geo import paths


@cache
def _read_geojson(path: str) -> gpd.GeoDataFrame:
    gdf = gpd.read_file(path, columns=None)
    for col in gdf.columns:
        if col.endswith("adcode"):
            gdf[col] = gdf[col].astype(str)
    return gdf.set_crs("EPSG:4326", allow_override=True)


def load_prefectures() -> gpd.GeoDataFrame:
    """The 21 prefecture-level divisions of Sichuan (EPSG:4326), sorted by adcode.

    Columns: adcode, name_zh, short_zh, name_en, short_en, kind, geometry.
    A copy is returned, so callers may modify it freely.
    """
    return _read_geojson(str(paths.PREFECTURES_GEOJSON)).copy()


def load_counties() -> gpd.GeoDataFrame:
    """The 183 county-level divisions (EPSG:4326): adcode, name_zh, name_en, prefecture_adcode."""
    return _read_geojson(str(paths.COUNTIES_GEOJSON)).copy()
