"""One cached loader per bundled data set; every adcode stays text.

Loaders return copies, so callers may modify what they get.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, wraps
from pathlib import Path

import geopandas as gpd
import pandas as pd
import yaml

from geo import paths


class DataFileError(RuntimeError):
    """A bundled data file is missing or damaged; the message names it and how to restore it."""


def _bundled(reader: Callable) -> Callable:
    """Turn any failure to read a bundled file into a ``DataFileError`` that says what to do."""

    @wraps(reader)
    def read(path: str, *args):
        try:
            return reader(path, *args)
        except DataFileError:
            raise
        except Exception as exc:  # a damaged file can fail in any parser
            name = Path(path).relative_to(paths.ROOT) if Path(path).is_relative_to(paths.ROOT) else path
            state = "is missing" if not Path(path).exists() else f"cannot be read ({type(exc).__name__})"
            raise DataFileError(
                f"the bundled data file {name} {state}: restore it with `git checkout -- {name}` "
                "or a fresh clone (`make data` rebuilds the boundary files)"
            ) from exc

    return read


@cache
@_bundled
def _read_geojson(path: str) -> gpd.GeoDataFrame:
    gdf = gpd.read_file(path)
    for col in gdf.columns:
        if col.endswith("adcode"):
            gdf[col] = gdf[col].astype(str)
    _require(gdf, ("adcode", "geometry"))
    return gdf.set_crs("EPSG:4326", allow_override=True)


@cache
@_bundled
def _read_csv(path: str, required: tuple[str, ...] = ()) -> pd.DataFrame:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    _require(frame, required)
    return frame


def _require(frame: pd.DataFrame, columns) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"missing columns {missing}")


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
    df = _read_csv(
        str(paths.PARKS_CSV), ("id", "name_zh", "name_en", "lon", "lat", "prefecture_adcode")
    ).copy()
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
@_bundled
def _read_yaml(path: str) -> str:
    with open(path, encoding="utf-8") as fh:
        return fh.read()


@_bundled
def _parse_yaml(path: str) -> dict:
    data = yaml.safe_load(_read_yaml(path))
    if not isinstance(data, dict):
        raise ValueError("not a mapping")
    return data


def load_layout() -> dict:
    """The 一轴一核多带 layout: core, and the alternative readings of axis and belts."""
    return _parse_yaml(str(paths.LAYOUT_YAML))


def load_indicators() -> pd.DataFrame:
    """Bundled indicators, long format: adcode, indicator, year, value (float), unit, source, note.

    Rows with adcode 510000 are province totals (context, not mapped).
    """
    df = _read_csv(
        str(paths.INDICATORS_CSV), ("adcode", "indicator", "year", "value", "unit", "source")
    ).copy()
    df["value"] = pd.to_numeric(df["value"])
    return df


def load_indicator_meta() -> pd.DataFrame:
    """Indicator metadata: names, unit, kind (share/absolute/rate), normalisation, notes."""
    return _read_csv(str(paths.INDICATORS_META_CSV)).copy()


def load_basemaps() -> dict:
    """Basemap providers (``data/basemaps.yaml``): names, tile datum and tile sources."""
    return _parse_yaml(str(paths.BASEMAPS_YAML))


def load_plan_mentions() -> pd.DataFrame:
    """Which plan sections name which prefecture (adcode, plan_ref), checked against the plan text."""
    return _read_csv(str(paths.PLAN_MENTIONS_CSV)).copy()
