"""One cached loader per bundled data set; every adcode stays text. ``MapData`` holds them all.

Loaders return copies, so callers may modify what they get.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache, cached_property, lru_cache, wraps
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
import yaml

from geo import paths
from geo.data.datum import geometry_to_datum, to_datum
from geo.data.indicators import TIERS, all_meta, indicator_view, meta_for, uploaded, with_derived
from geo.data.names import prefecture_records


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
    # geopandas' own GeoJSON reader: for the 21 prefectures 20 ms where GDAL's (pyogrio, read_file)
    # takes 70 ms with its import; the same frame (tests/test_data.py compares the two)
    with open(path, encoding="utf-8") as fh:
        features = json.load(fh)["features"]
    gdf = gpd.GeoDataFrame.from_features(features, columns=_properties(features))
    for col in gdf.columns:
        if col.endswith("adcode"):
            gdf[col] = gdf[col].astype(str)
    _require(gdf, ("adcode", "geometry"))
    return gdf.set_crs("EPSG:4326", allow_override=True)


def _properties(features: list) -> list[str]:
    """The features' property names in their file's order, then the geometry (read_file's order)."""
    return [*dict.fromkeys(k for f in features for k in f.get("properties") or {}), "geometry"]


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


def load_themes() -> dict[str, dict[str, str]]:
    """Theme tags of the parks (``themes`` column) -> their names: {"software": {"zh": "软件", ...}}."""
    frame = _read_csv(str(paths.THEMES_CSV), ("id", "name_zh", "name_en"))
    return {r.id: {"zh": r.name_zh, "en": r.name_en} for r in frame.itertuples()}


def load_plan_sections() -> pd.DataFrame:
    """Index of the plan sections the data cites: id, heading_zh, title_en."""
    return _read_csv(str(paths.PLAN_SECTIONS_CSV)).copy()


@cache
@_bundled
def _read_yaml(path: str) -> str:
    with open(path, encoding="utf-8") as fh:
        return fh.read()


# libyaml's parser when PyYAML was built with it: the layout file takes 13 ms instead of 59 ms
# with the pure-Python one, a twentieth of an export's whole process (same safe constructor)
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@_bundled
def _parse_yaml(path: str) -> dict:
    data = yaml.load(_read_yaml(path), Loader=_YAML_LOADER)  # a safe loader, C or Python
    if not isinstance(data, dict):
        raise ValueError("not a mapping")
    return data


def load_layout() -> dict:
    """The 一轴一核多带 layout: core, and the alternative readings of axis and belts."""
    return _parse_yaml(str(paths.LAYOUT_YAML))


SOURCE_KINDS = ("primary", "secondary")


def load_sources() -> pd.DataFrame:
    """The sources bundled data cite (``data/sources.csv``), indexed by id: short names in both
    languages, title, publisher, date, url (where the value was read), kind (primary: the
    figure's publisher; secondary: a page reproducing it), ``quotes`` (the primary publication:
    title, publisher, date), tier (``TIERS``), language and notes."""
    frame = _read_csv(
        str(paths.SOURCES_CSV), ("id", "short_zh", "short_en", "title", "url", "kind", "quotes", "tier")
    )
    bad = sorted(set(frame["kind"]) - set(SOURCE_KINDS)) + sorted(set(frame["tier"]) - set(TIERS))
    if bad or not frame["id"].is_unique:
        raise DataFileError(
            f"data/sources.csv: kinds must be {' or '.join(SOURCE_KINDS)}, tiers {', '.join(TIERS)}, "
            "and ids unique"
        )
    return frame.set_index("id", drop=False)


def load_indicators() -> pd.DataFrame:
    """Bundled indicators, long format: adcode, indicator, year, value (float), unit, source,
    source_id, note. ``source`` is the cited page's address (or, without one, its title and the
    ``source_detail``, e.g. the plan's section); ``source_id`` points into ``load_sources()``.

    Rows with adcode 510000 are province totals (context, not mapped).
    """
    df = _read_csv(
        str(paths.INDICATORS_CSV),
        ("adcode", "indicator", "year", "value", "unit", "source_id", "source_detail"),
    ).copy()
    sources = load_sources()
    unknown = sorted(set(df["source_id"]) - set(sources.index))
    if unknown:
        raise DataFileError(
            f"data/indicators.csv cites unknown source ids {', '.join(unknown)} (see sources.csv)"
        )
    cited = sources.loc[df["source_id"]]
    df["source"] = [
        url or f"{title} {detail}".strip()
        for url, title, detail in zip(cited["url"], cited["title"], df["source_detail"], strict=True)
    ]
    df["value"] = pd.to_numeric(df["value"])
    return df.drop(columns="source_detail")


def load_indicator_meta() -> pd.DataFrame:
    """Indicator metadata: names, unit, kind (share/absolute/rate), normalisation, notes."""
    return _read_csv(str(paths.INDICATORS_META_CSV)).copy()


def load_series_bases() -> pd.DataFrame:
    """The declared basis of each indicator's years (``data/series_bases.csv``): two years of an
    area are compared only on the same basis; ``adcode`` empty = every area."""
    return _read_csv(
        str(paths.SERIES_BASES_CSV), ("indicator", "adcode", "from_year", "to_year", "basis")
    ).copy()


def load_basemaps() -> dict:
    """Basemap providers (``data/basemaps.yaml``): names, tile datum and tile sources."""
    return _parse_yaml(str(paths.BASEMAPS_YAML))


def load_plan_mentions() -> pd.DataFrame:
    """Which plan sections name which prefecture (adcode, plan_ref), checked against the plan text."""
    return _read_csv(str(paths.PLAN_MENTIONS_CSV)).copy()


def load_zone_members() -> dict[str, list[str]]:
    """The province's economic zones (``zone_totals.csv``): zone id -> member adcodes."""
    frame = _read_csv(str(paths.DATA / "zone_totals.csv"), ("zone", "members"))
    return {z: m.split(";") for z, m in zip(frame["zone"], frame["members"], strict=True)}


def load_plan_figures() -> pd.DataFrame:
    """Every number the plan gives: 2020 baselines and 2025 targets, with section, basis and the
    few words around the number in the plan (``words_zh``, checked against the plan text)."""
    frame = _read_csv(str(paths.PLAN_FIGURES_CSV), ("id", "section", "kind", "value", "words_zh")).copy()
    frame["value"] = frame["value"].astype(float)
    return frame


def load_plan_outcomes() -> pd.DataFrame:
    """Values published since 2020 for the plan's targets, each with its publisher and status."""
    frame = _read_csv(str(paths.PLAN_OUTCOMES_CSV), ("id", "target_id", "year", "value", "status")).copy()
    frame["value"] = frame["value"].astype(float)
    return frame


# --- Everything a map draws -------------------------------------------------------------------

LEVELS = ("prefecture", "county")


@dataclass(frozen=True, eq=False)  # hashed by identity: views of one loaded data set are cached
class MapData:
    """Everything the renderers draw, in one datum (WGS-84 as bundled; ``in_datum`` moves it).

    Built once by ``load_map_data`` and cached by callers; ``with_upload`` and ``in_datum``
    return new objects and never change this one.
    """

    prefectures: gpd.GeoDataFrame
    read_counties: Callable[[], gpd.GeoDataFrame]  # the counties, read when first drawn (``counties``)
    seats: dict[str, tuple[float, float]]  # adcode -> (lon, lat) of the prefecture's seat city
    parks: gpd.GeoDataFrame
    parks_unmapped: pd.DataFrame
    bases: pd.DataFrame
    layout: dict
    indicators: pd.DataFrame  # long format, derived indicators included
    indicator_meta: pd.DataFrame
    basemaps: dict
    themes: dict  # park theme tag -> {"zh": ..., "en": ...}
    datum: str = "WGS84"

    @cached_property
    def counties(self) -> gpd.GeoDataFrame:
        """The 183 counties, read when a map first needs them (most draw prefectures only)."""
        return self.read_counties()

    def areas(self, level: str = "prefecture", within: str | None = None) -> gpd.GeoDataFrame:
        """The areas of ``level`` ("prefecture": 21, "county": 183): adcode, names, geometry;
        ``within`` a prefecture's adcode keeps its counties only (a drill-down)."""
        if level not in LEVELS:
            raise ValueError(f"unknown level {level!r}: choose one of {', '.join(LEVELS)}")
        if level == "prefecture":
            return self.prefectures
        if within:
            return self.counties[self.counties["prefecture_adcode"] == within]
        return self.counties

    def extent_bounds(self, extent: str = "province", within: str | None = None) -> tuple[float, ...]:
        """(min lon, min lat, max lon, max lat) of an extent (``geo.scene.view.MapView.extent``): the
        province, the Chengdu Plain economic zone (``zone_totals.csv``), a prefecture, or a box;
        the province's extent with a drill-down ``within`` is that prefecture's."""
        if extent == "province" and within:
            extent = within
        prefs = self.prefectures.set_index("adcode")
        if extent == "province":
            return tuple(float(v) for v in self.prefectures.total_bounds)
        if extent == "chengdu-plain":
            members = load_zone_members()["chengdu-plain"]
            return tuple(float(v) for v in prefs.loc[members].total_bounds)
        if extent in prefs.index:
            return tuple(float(v) for v in prefs.loc[[extent]].total_bounds)
        x0, y0, x1, y1 = (float(v) for v in extent.split(","))
        return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)

    def area_at(self, lon: float, lat: float, level: str = "prefecture") -> str | None:
        """The adcode of the area of ``level`` that contains the point (in this data's datum)."""
        areas = self.areas(level)
        hits = areas.sindex.query(shapely.Point(lon, lat), predicate="intersects")
        return str(areas["adcode"].iloc[hits[0]]) if len(hits) else None

    def view(
        self, indicator: str, year: str | None = None, level: str = "prefecture", within: str | None = None
    ) -> pd.DataFrame:
        """One row per area of ``level`` (``within`` a prefecture: its counties) with ``indicator``'s
        value (``geo.data.indicators.indicator_view``), computed once per data set."""
        view = _view(self, indicator, year, level)
        if level == "county" and within:
            view = view[view["adcode"].isin(set(self.areas(level, within)["adcode"]))]
        return view.reset_index(drop=True).copy()

    def meta(self, indicator: str) -> pd.Series:
        """``indicator``'s metadata (``geo.data.indicators.meta_for``), computed once per data set."""
        found = _all_meta(self).get(indicator)
        return found if found is not None else meta_for(indicator, self.indicator_meta, self.indicators)

    def with_upload(self, extra: pd.DataFrame) -> MapData:
        """A copy whose indicator table also holds the uploaded long table ``extra``, its ids in
        the upload namespace (``geo.data.indicators.uploaded``); the bundled data are unchanged."""
        return self.with_indicators(uploaded(extra))

    def with_indicators(self, rows: pd.DataFrame) -> MapData:
        """A copy whose indicator table also holds ``rows`` (long format, ids as given)."""
        return replace(self, indicators=pd.concat([self.indicators, rows], ignore_index=True))

    def in_datum(self, datum: str) -> MapData:
        """This data with every polygon, point and seat moved into ``datum`` (e.g. GCJ-02 for
        Amap's tiles) by ``geo.data.datum.to_datum``; cached per data set and datum."""
        if datum == self.datum:
            return self
        if self.datum != "WGS84":
            raise ValueError("only WGS-84 data can be moved into another datum")
        return _in_datum(self, datum)


@lru_cache(maxsize=16)
def _all_meta(data: MapData) -> dict[str, pd.Series]:
    return all_meta(data.indicator_meta, data.indicators)


@lru_cache(maxsize=128)
def _view(data: MapData, indicator: str, year: str | None, level: str) -> pd.DataFrame:
    return indicator_view(data.indicators, indicator, data.areas(level), year)


def _areas_in(gdf: gpd.GeoDataFrame, datum: str) -> gpd.GeoDataFrame:
    moved = [geometry_to_datum(g, datum) for g in gdf.geometry]
    moved = shapely.transform(moved, lambda xy: np.round(xy, 4))  # keep the bundled 1e-4° grid
    return gdf.set_geometry(list(moved), crs=gdf.crs)


@lru_cache(maxsize=8)
def _in_datum(data: MapData, datum: str) -> MapData:
    lon, lat = to_datum(data.parks["lon"].astype(float).values, data.parks["lat"].astype(float).values, datum)
    parks = data.parks.assign(lon=lon.round(6), lat=lat.round(6))
    parks = parks.set_geometry(gpd.points_from_xy(parks["lon"], parks["lat"]), crs=data.parks.crs)
    codes = list(data.seats)
    seat_lon, seat_lat = to_datum(*np.array([data.seats[c] for c in codes]).T, datum)
    layout = copy.deepcopy(data.layout)
    for node in layout["external_nodes"].values():
        node["lon"], node["lat"] = (float(v) for v in to_datum(float(node["lon"]), float(node["lat"]), datum))
    return replace(
        data,
        prefectures=_areas_in(data.prefectures, datum),
        read_counties=lambda: _areas_in(data.counties, datum),
        seats={c: (float(x), float(y)) for c, x, y in zip(codes, seat_lon, seat_lat, strict=True)},
        parks=parks,
        layout=layout,
        datum=datum,
    )


def load_map_data() -> MapData:
    """The bundled data, WGS-84, with derived indicators."""
    prefectures = load_prefectures()
    return MapData(
        prefectures=prefectures,
        read_counties=load_counties,
        seats={code: (p.seat_lon, p.seat_lat) for code, p in prefecture_records().items()},
        parks=load_parks(),
        parks_unmapped=load_parks_unmapped(),
        bases=load_bases(),
        layout=load_layout(),
        indicators=with_derived(load_indicators(), prefectures),
        indicator_meta=load_indicator_meta(),
        basemaps=load_basemaps(),
        themes=load_themes(),
    )
