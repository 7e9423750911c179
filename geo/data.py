"""One cached loader per bundled data set; every adcode stays text.

Loaders return copies, so callers may modify what they get.
"""

from __future__ import annotations

from functools import cache

import geopandas as gpd
import pandas as pd
import yaml

from geo import paths


@cache
def _read_geojson(path: str) -> gpd.GeoDataFrame:
    gdf = gpd.read_file(path)
    for col in gdf.columns:
        if col.endswith("adcode"):
            gdf[col] = gdf[col].astype(str)
    return gdf.set_crs("EPSG:4326", allow_override=True)


@cache
def _read_csv(path: str) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def load_prefectures() -> gpd.GeoDataFrame:
    """The 21 prefecture-level divisions of Sichuan (EPSG:4326), sorted by adcode.

    Columns: adcode, name_zh, short_zh, name_en, short_en, kind, geometry.
    """
    return _read_geojson(str(paths.PREFECTURES_GEOJSON)).copy()


def load_counties() -> gpd.GeoDataFrame:
    """The 183 county-level divisions (EPSG:4326): adcode, name_zh, name_en, prefecture_adcode."""
    return _read_geojson(str(paths.COUNTIES_GEOJSON)).copy()


def load_parks() -> gpd.GeoDataFrame:
    """Places the plan names that could be located: points (EPSG:4326) with provenance."""
    df = _read_csv(str(paths.PARKS_CSV)).copy()
    df["location_precision_m"] = df["location_precision_m"].astype(int)
    geometry = gpd.points_from_xy(df["lon"].astype(float), df["lat"].astype(float))
    return gpd.GeoDataFrame(df, geometry=geometry, crs="EPSG:4326")


def load_parks_unmapped() -> pd.DataFrame:
    """Places the plan names that could not be located, with the reason."""
    return _read_csv(str(paths.PARKS_UNMAPPED_CSV)).copy()


def load_bases() -> pd.DataFrame:
    """The five industry bases, their symbols and their (interpreted) links to parks."""
    return _read_csv(str(paths.BASES_CSV)).copy()


def load_plan_sections() -> pd.DataFrame:
    """Index of the plan sections the data cites: id, heading_zh, title_en."""
    return _read_csv(str(paths.PLAN_SECTIONS_CSV)).copy()


@cache
def _read_yaml(path: str) -> str:
    with open(path, encoding="utf-8") as fh:
        return fh.read()


def load_layout() -> dict:
    """The 一轴一核多带 layout: core, and the alternative readings of axis and belts."""
    return yaml.safe_load(_read_yaml(str(paths.LAYOUT_YAML)))


def load_indicators() -> pd.DataFrame:
    """Bundled indicators, long format: adcode, indicator, year, value (float), unit, source, note.

    Rows with adcode 510000 are province totals (context, not mapped).
    """
    df = _read_csv(str(paths.INDICATORS_CSV)).copy()
    df["value"] = pd.to_numeric(df["value"])
    return df


def load_indicator_meta() -> pd.DataFrame:
    """Indicator metadata: names, unit, kind (share/absolute/rate), normalisation, notes."""
    return _read_csv(str(paths.INDICATORS_META_CSV)).copy()


def load_basemaps() -> dict:
    """Basemap providers (``data/basemaps.yaml``): names, tile datum and tile sources."""
    return yaml.safe_load(_read_yaml(str(paths.BASEMAPS_YAML)))


def load_plan_mentions() -> pd.DataFrame:
    """Which plan sections name which prefecture (adcode, plan_ref), checked against the plan text."""
    return _read_csv(str(paths.PLAN_MENTIONS_CSV)).copy()
