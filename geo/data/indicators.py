"""Indicator tables: derived indicators, the view of one indicator over a set of areas, metadata.

Classification and palettes live in ``geo.scene.classify``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd
import shapely
from pyproj import Geod

from geo.data.tiers import TIERS

PROVINCE = "510000"
# Uploaded indicators live in their own namespace: "upload:<name as given>", so an upload can
# never replace or collide with a bundled indicator (e.g. one named "gdp").
UPLOAD_PREFIX = "upload:"
COMPUTED = "computed:"  # how the source of a value this project computed begins
OFFICE = "office:"  # how the source of a value the office published begins (geo.office.merge)
# How a value was read (data/README.md): on its publisher's own page or in an official yearbook;
# in a reputable outlet quoting the named publication; or on a copy (an aggregator or reprint of
# the named publication: shown, marked unverified).
# TIERS: geo.data.tiers, imported above
OFFICE_TOKEN = re.compile(rf"{OFFICE}(\d+):({'|'.join(TIERS)}):(\d{{4}}-\d{{2}}-\d{{2}})")
AREA_SOURCE = f"{COMPUTED} geodesic area of data/sichuan_prefectures.geojson (WGS-84)"


@dataclass(frozen=True)
class OfficeSource:
    publication: int
    tier: str
    date: str
    text: str


def office_source(publication: int, tier: str, at: str, text: str) -> str:
    """The source text of a published value (``at``: the publication's time, ISO 8601)."""
    return f"{OFFICE}{publication}:{tier}:{at[:10]} {text}"


def office_parts(source: object) -> list[OfficeSource]:
    """The office's publications a source text stands for: itself, or (a computed value) those
    its inputs came from; the text is known for a published value's own source only."""
    if not isinstance(source, str):
        return []
    if source.startswith(OFFICE):
        m = OFFICE_TOKEN.match(source)
        return [OfficeSource(int(m[1]), m[2], m[3], source[m.end() + 1 :])] if m else []
    if source.startswith(COMPUTED):
        return [OfficeSource(int(m[1]), m[2], m[3], "") for m in OFFICE_TOKEN.finditer(source)]
    return []


_GEOD = Geod(ellps="WGS84")


def geodesic_area_km2(geoms) -> np.ndarray:
    """The geodesic area (WGS-84 ellipsoid, km²) of each polygon or multipolygon: pyproj's
    ``geometry_area_perimeter``, summed the same way (each ring's signed area, holes included),
    with each ring's points taken as one array instead of point by point (a quarter less time).
    Kept per geometry: the land area and the order of the map's names ask for the same ones."""
    return np.array([_geodesic_area_km2(g) for g in geoms])


@lru_cache(maxsize=512)
def _geodesic_area_km2(geom) -> float:
    total = 0.0
    for part in getattr(geom, "geoms", [geom]):
        for ring in (part.exterior, *part.interiors):
            xy = shapely.get_coordinates(ring)
            total += _GEOD.polygon_area_perimeter(xy[:, 0], xy[:, 1])[0]
    return abs(total) / 1e6


def land_area_rows(prefectures) -> pd.DataFrame:
    """One ``land_area`` row per prefecture, computed from the boundary polygons (km²)."""
    area = geodesic_area_km2(prefectures.geometry)
    return pd.DataFrame(
        {
            "adcode": prefectures["adcode"].values,
            "indicator": "land_area",
            "year": "",
            "value": np.round(area, 1),
            "unit": "km²",
            "source": AREA_SOURCE,
            "note": "not an official area figure",
        }
    )


def with_derived(table: pd.DataFrame, prefectures) -> pd.DataFrame:
    """``table`` plus land area and, where GDP and population exist, GDP per capita and density."""
    land = land_area_rows(prefectures)  # geodesic areas: computed once
    out = [table, land]
    prefs = table[table["adcode"] != PROVINCE]  # province totals are context, not derived
    wide = prefs.pivot_table(index=["adcode", "year"], columns="indicator", values="value", aggfunc="first")
    src = table.set_index(["adcode", "indicator", "year"])["source"]
    area = land.set_index("adcode")["value"]
    if {"gdp", "population"} <= set(wide.columns):
        both = wide[["gdp", "population"]].dropna()
        out.append(
            _derived(
                both,
                "gdp_per_capita",
                both["gdp"] * 1e8 / both["population"],
                "元",
                lambda code, year: (
                    f"{COMPUTED} gdp / population ({src[(code, 'gdp', year)]}; "
                    f"{src[(code, 'population', year)]})"
                ),
            )
        )
    if "population" in wide.columns:
        pop = wide[["population"]].dropna()
        codes = pop.index.get_level_values("adcode")
        out.append(
            _derived(
                pop,
                "population_density",
                pop["population"].values / area[codes].values,
                "人/km²",
                lambda code, year: (
                    f"{COMPUTED} population / land area ({src[(code, 'population', year)]}; {AREA_SOURCE})"
                ),
            )
        )
    return pd.concat(out, ignore_index=True)


def _derived(index_frame: pd.DataFrame, name: str, values, unit: str, source) -> pd.DataFrame:
    idx = index_frame.index
    return pd.DataFrame(
        {
            "adcode": idx.get_level_values("adcode"),
            "indicator": name,
            "year": idx.get_level_values("year"),
            "value": np.round(np.asarray(values, dtype=float), 1),
            "unit": unit,
            "source": [source(c, y) for c, y in idx],
            "note": "derived",
        }
    )


def indicator_years(table: pd.DataFrame, indicator: str) -> list[str]:
    """The years ``indicator`` has values of areas for, the latest first (a year with the
    province's total only is context, not a map)."""
    rows = table[(table["indicator"] == indicator) & (table["adcode"] != PROVINCE)]
    return sorted(set(rows["year"]) or set(table.loc[table["indicator"] == indicator, "year"]), reverse=True)


def default_year(table: pd.DataFrame, indicator: str) -> str:
    """The year a map of ``indicator`` opens on: the one with values for the most areas (the
    latest of those), so a map is not mostly blank while a fuller year exists."""
    rows = table[(table["indicator"] == indicator) & (table["adcode"] != PROVINCE) & table["value"].notna()]
    if rows.empty:
        return indicator_years(table, indicator)[0]
    counts = rows.groupby("year")["adcode"].nunique()
    return max(counts.index, key=lambda y: (counts[y], y))


def indicator_view(table: pd.DataFrame, indicator: str, areas, year: str | None = None) -> pd.DataFrame:
    """The ``areas`` (prefectures or counties) with this indicator's value (NaN = no data), rank, unit,
    year and source.

    ``year`` defaults to the year with values for the most areas (``default_year``).
    """
    rows = table[(table["indicator"] == indicator) & (table["adcode"] != PROVINCE)]
    if rows.empty:
        raise ValueError(f"no data for indicator {indicator!r}")
    years = indicator_years(table, indicator)
    year = year if year is not None else default_year(table, indicator)
    if year not in years:
        shown = ", ".join(y or "(not given)" for y in years)
        raise ValueError(
            f"indicator {indicator!r} has no data for year {str(year)[:20]!r}: choose one of {shown}"
        )
    rows = rows[rows["year"] == year]
    base = areas[["adcode", "name_zh", "name_en"]].reset_index(drop=True)
    view = base.merge(rows.drop(columns="indicator"), on="adcode", how="left", validate="1:1")
    if view["value"].isna().all():
        raise ValueError(
            f"indicator {indicator!r} has no values for these {len(view)} areas: "
            "it is given at another level (prefectures or counties)"
        )
    view["year"] = year
    view["rank"] = view["value"].rank(ascending=False, method="min").astype("Int64")
    return view


def uploaded(table: pd.DataFrame) -> pd.DataFrame:
    """An uploaded long table with its indicator ids moved into the upload namespace."""
    return table.assign(indicator=UPLOAD_PREFIX + table["indicator"].astype(str))


def name_key(name: object) -> str:
    """An indicator's name as compared: NFKC (the reader reads （） as ()), trimmed, case-folded."""
    return unicodedata.normalize("NFKC", str(name)).strip().casefold()


def bundled_twins(upload: pd.DataFrame, bundled: pd.DataFrame, meta: pd.DataFrame) -> list[str]:
    """The indicators of an uploaded long table (its own names) that are a bundled indicator,
    named as the app names it in either language, with the same values for every area and year:
    a table downloaded from the app and uploaded again."""
    from geo.text.i18n import unit_label, unit_scale

    rows_of = {name_key(name): row for row in meta.itertuples() for name in (row.name_zh, row.name_en)}
    twins = []
    for name, rows in upload.groupby("indicator", sort=False):
        if name_key(name) not in rows_of:
            continue
        row = rows_of[name_key(name)]
        ours = bundled[bundled["indicator"] == row.id].set_index(["adcode", "year"])["value"]
        theirs = rows.dropna(subset=["value"]).set_index(["adcode", "year"])["value"]
        if set(rows["unit"]) == {unit_label(row.unit_zh, row.unit_en, "en")}:  # an English download
            theirs = theirs / unit_scale(row.unit_zh, "en")
        known = len(theirs) and theirs.index.isin(ours.index).all()
        if known and np.allclose(theirs.to_numpy(float), ours[theirs.index].to_numpy(float), rtol=1e-9):
            twins.append(str(name))
    return twins


def resolve_indicator(name: str, table: pd.DataFrame) -> str:
    """The id of ``name``: a bundled id as is, or an uploaded indicator by its own name."""
    ids = set(table["indicator"])
    if name in ids or UPLOAD_PREFIX + name not in ids:
        return name
    return UPLOAD_PREFIX + name


def meta_for(indicator: str, meta: pd.DataFrame, table: pd.DataFrame) -> pd.Series:
    """The metadata row of ``indicator``; for an uploaded one, a row built from its data."""
    known = meta.set_index("id")
    if indicator in known.index:
        return known.loc[indicator]
    return _built_meta(indicator, table.loc[table["indicator"] == indicator])


def all_meta(meta: pd.DataFrame, table: pd.DataFrame) -> dict[str, pd.Series]:
    """``meta_for`` of every indicator in ``meta`` and ``table``, in one pass over the table."""
    known = meta.set_index("id")
    out = {i: known.loc[i] for i in known.index}
    for indicator, rows in table[~table["indicator"].isin(known.index)].groupby("indicator", sort=False):
        out[str(indicator)] = _built_meta(str(indicator), rows)
    return out


def _built_meta(indicator: str, rows: pd.DataFrame) -> pd.Series:
    """The metadata of an indicator the bundled table does not describe, from its ``rows``."""
    units = [u for u in rows["unit"] if u]
    unit = units[0] if units else ""
    values = rows["value"].dropna()
    decimals = next((d for d in (0, 1, 2) if (values.round(d) == values).all()), 2)  # as the table gives them
    name = indicator.removeprefix(UPLOAD_PREFIX)
    summed = name.endswith(SUMMED)
    name = name.removesuffix(SUMMED)
    office = not indicator.startswith(UPLOAD_PREFIX) and rows["source"].str.startswith(OFFICE).any()
    if office:  # published without an English name (geo.office.merge.office_meta has those given one)
        from geo.text.i18n import t

        name_en = t("office_name_only", "en", name=name)
    else:
        name_en = f"{name} (uploaded{', sum of counties' if summed else ''})"
    return pd.Series(
        {
            "name_zh": name if office else f"{name}（上传{'，县区合计' if summed else ''}）",
            "name_en": name_en,
            "unit_zh": unit,
            "unit_en": unit,
            "kind": "count" if decimals == 0 and unit in COUNT_UNITS else "uploaded",
            "normalise": "none",
            "decimals": str(decimals),
            "definition_zh": "本办公室发布" if office else "用户上传",
            "definition_en": "published by the office" if office else "uploaded by the user",
            "note_zh": "",
            "note_en": "",
        }
    )


SUMMED = "@sum"  # the id suffix of an uploaded county indicator summed to prefectures
# Units of things counted one by one: their class bounds are whole numbers.
COUNT_UNITS = {"个", "万个", "户", "件", "家", "项", "台", "人", "persons", "people", "firms", "items"}
# Units whose values add up across areas (counts and money); rates, shares, per-capita and
# per-area values do not.
ADDITIVE_UNITS = {
    "元", "万元", "亿元", "人", "万人", "个", "万个", "户", "万户", "件", "万件", "家", "项", "台",
    "吨", "万吨", "yuan", "persons", "people", "firms",
}  # fmt: skip


def adds_up(table: pd.DataFrame, indicator: str) -> bool:
    """Whether ``indicator``'s values add up across areas, judged by its unit (counts, money)."""
    units = set(table.loc[table["indicator"] == indicator, "unit"])
    return bool(units) and units <= ADDITIVE_UNITS


def sum_to_prefectures(table: pd.DataFrame, indicator: str, counties) -> pd.DataFrame:
    """A county indicator summed to prefectures (id ``indicator + SUMMED``), one row per prefecture
    and year where every one of its counties has a value — a partial sum would understate it.
    Raises ValueError when the values do not add up (``adds_up``)."""
    if not adds_up(table, indicator):
        raise ValueError(f"{indicator!r} does not add up across areas (its unit is a rate or share)")
    parent = dict(zip(counties["adcode"], counties["prefecture_adcode"], strict=True))
    members = counties.groupby("prefecture_adcode")["adcode"].nunique()
    rows = table[(table["indicator"] == indicator) & table["adcode"].isin(set(parent))].dropna(
        subset=["value"]
    )
    rows = rows.assign(prefecture=rows["adcode"].map(parent))
    out = []
    for (code, year), group in rows.groupby(["prefecture", "year"]):
        if group["adcode"].nunique() == members[code]:
            out.append(
                {
                    "adcode": code,
                    "indicator": indicator + SUMMED,
                    "year": year,
                    "value": float(group["value"].sum()),
                    "unit": group["unit"].iloc[0],
                    "source": group["source"].iloc[0],
                    "note": f"sum of {len(group)} counties",
                }
            )
    return pd.DataFrame(out, columns=["adcode", "indicator", "year", "value", "unit", "source", "note"])


def indicator_level(table: pd.DataFrame, indicator: str, prefecture_codes) -> str:
    """The level an indicator's values are given at: "prefecture" when every area is one of
    ``prefecture_codes``, else "county" (an uploaded county table)."""
    codes = set(table.loc[(table["indicator"] == indicator) & (table["adcode"] != PROVINCE), "adcode"])
    return "prefecture" if codes <= set(prefecture_codes) else "county"


def mappable_indicators(table: pd.DataFrame) -> list[str]:
    """Indicators with at least one prefecture value (province-only rows are context)."""
    rows = table[(table["adcode"] != PROVINCE) & table["value"].notna()]
    return [str(i) for i in rows["indicator"].unique()]  # in the table's order
