import numpy as np
import pandas as pd
import pytest

from geo.data.indicators import (
    AREA_SOURCE,
    land_area_rows,
    mappable_indicators,
    meta_for,
    with_derived,
)
from geo.data.load import load_indicator_meta, load_indicators, load_layout, load_prefectures, load_sources
from geo.data.sources import ADDRESS
from geo.paths import DATA


def test_bundled_share_is_the_plans_figure_with_its_caveat():
    data = load_indicators()
    row = data[(data["indicator"] == "software_revenue_share")].iloc[0]
    assert (row.adcode, row.year, row.value, row.unit) == ("510100", "2020", 94.6, "%")
    assert "一(二)2" in row.source
    meta = load_indicator_meta().set_index("id").loc["software_revenue_share"]
    assert "5.4" in meta["note_zh"] and "5.4 %" in meta["note_en"] and "89.6" in meta["note_en"]
    totals = data[data["adcode"] == "510000"].set_index("indicator")["value"]
    assert totals["software_it_revenue"] == 5727 and totals["software_business_revenue"] == 4241


def test_every_bundled_row_has_a_source_and_known_meta():
    data, meta = load_indicators(), load_indicator_meta()
    assert (data["source"].str.len() > 5).all() and data["source_id"].isin(load_sources().index).all()
    assert set(data["indicator"]) <= set(meta["id"])


def test_land_area_is_computed_and_says_so():
    rows = land_area_rows(load_prefectures())
    assert len(rows) == 21 and (rows["source"] == AREA_SOURCE).all()
    assert 480_000 < rows["value"].sum() < 492_000  # Sichuan is ~486,000 km²


def test_derived_indicators_need_both_inputs():
    prefs = load_prefectures()
    table = pd.DataFrame(
        {
            "adcode": ["510100", "510100", "510300"],
            "indicator": ["gdp", "population", "gdp"],
            "year": ["2020"] * 3,
            "value": [100.0, 1e6, 50.0],
            "unit": ["亿元", "人", "亿元"],
            "source": ["s1", "s2", "s3"],
            "note": [""] * 3,
        }
    )
    out = with_derived(table, prefs)
    gpc = out[out["indicator"] == "gdp_per_capita"]
    assert gpc["adcode"].tolist() == ["510100"] and gpc["value"].iloc[0] == 10000.0
    assert "s1" in gpc["source"].iloc[0] and "s2" in gpc["source"].iloc[0]
    dens = out[out["indicator"] == "population_density"]
    assert dens["adcode"].tolist() == ["510100"] and "land area" in dens["source"].iloc[0]


def test_uploaded_indicator_gets_metadata_from_its_data():
    table = pd.DataFrame(
        {
            "adcode": ["510100"],
            "indicator": ["x"],
            "year": [""],
            "value": [1.0],
            "unit": ["件"],
            "source": [""],
            "note": [""],
        }
    )
    meta = meta_for("x", load_indicator_meta(), table)
    assert meta["unit_zh"] == "件" and meta["kind"] == "count"  # whole numbers of 件: a count
    assert mappable_indicators(table) == ["x"]
    table["value"], table["unit"] = [1.5], ["亿元"]
    meta = meta_for("x", load_indicator_meta(), table)
    assert meta["unit_zh"] == "亿元" and meta["kind"] == "uploaded"


# How far a sum of published values may lie from a published subtotal: census subtotals are given
# to 0.1 万 persons; GDP values to 0.01–1 亿元 (Chengdu's to whole 亿元).
TOLERANCE = {"population": 5_000, "gdp": 5.0}
# The province totals of 2020 (bulletin, census); the 21 values must reconcile where all are known.
PROVINCE_TOTALS = {"gdp": 48_598.8, "population": 83_674_866}


def test_prefecture_values_reconcile_with_zone_and_province_totals():
    data = load_indicators()
    zones = pd.read_csv(DATA / "zone_totals.csv", dtype=str, keep_default_na=False)
    zones["value"] = zones["value"].astype(float)
    for ind, group in zones.groupby("indicator"):
        members = [m for ms in group["members"] for m in ms.split(";")]
        assert sorted(members) == sorted(load_prefectures()["adcode"])  # the five zones partition Sichuan
        assert abs(group["value"].sum() - PROVINCE_TOTALS[ind]) <= 5 * TOLERANCE[ind]
    for zone in zones.itertuples():
        codes = zone.members.split(";")
        of = (data["indicator"] == zone.indicator) & (data["year"] == zone.year)
        rows = data[of & data["adcode"].isin(codes)]
        if len(rows) == len(codes):  # all members known: the sum must match the published subtotal
            assert abs(rows["value"].sum() - zone.value) <= TOLERANCE[zone.indicator], zone.zone
        else:  # a partial sum can only be smaller
            assert rows["value"].sum() < zone.value, zone.zone
    for ind, total in PROVINCE_TOTALS.items():
        of = (data["indicator"] == ind) & (data["year"] == "2020")
        assert data[of & (data["adcode"] == "510000")]["value"].iloc[0] == total, ind
        values = data[of & (data["adcode"] != "510000")]["value"]
        if len(values) == 21:
            assert abs(values.sum() - total) <= 50, ind  # the census: 雅安 agrees to 6 persons
        else:
            assert values.sum() < total, ind


def test_every_year_of_a_prefecture_set_stays_below_its_province_total():
    data = load_indicators()
    totals = data[data["adcode"] == "510000"].set_index(["indicator", "year"])["value"]
    for (ind, year), total in totals.items():
        values = data[(data["indicator"] == ind) & (data["year"] == year) & (data["adcode"] != "510000")]
        assert values["value"].sum() <= total * 1.0001, (ind, year)


# Pages that name no primary publication are never sources: encyclopedia clones, analysis sites,
# question-and-answer and exam pages, self-media (they were cited before the audit of issue 12).
NOT_SOURCES = (
    "chyxx", "baike", "zujuan", "zzfmdn", "muzipingan", "thewallstreetmoneymachine", "xuewenya",
    "fang63", "onlymr", "studyofnet", "xzqh.info", "chinasihan", "zhidao", "wenku", "gotohui",
    "biorelated", "xtie.cn", "343358", "beiweimall", "yxrqmy", "shzx.org", "fudaoke", "skdv.cn",
    # pages parks were once placed from: map listings, clones, advertisements
    "ggdituw", "51si.cn", "shzq.org", "itol.com.cn", "zhhbw", "028hzcbd", "ly.scol.com.cn",
)  # fmt: skip
# Aggregators and reprint sites: a copy of a named publication at best, never more.
COPIES = (
    "tjcn.org", "hongheiku", "xiaomonv0755", "hbzqbyyxgs", "wwwfh2222", "xindetihuiya", "yunmq",
    "psic.org.cn", "gxscse", "zgrkk", "usy7.cc", "yybnet", "executivefront", "bx2200", "macharness",
    "lujuba", "bbthy", "reportify", "bway-uk", "qwgwsxb", "ezd.cc", "r29.cn", "arpwindows", "wiiifgx",
    "csxhwh", "163.com/dy",
)  # fmt: skip


def test_every_data_row_cites_an_acceptable_source_from_the_sources_table():
    sources = load_sources()
    cited = set()
    for name in ("indicators.csv", "zone_totals.csv"):
        ids = set(pd.read_csv(DATA / name, dtype=str, keep_default_na=False)["source_id"])
        assert ids <= set(sources.index), (name, ids - set(sources.index))
        cited |= ids
    parks = pd.read_csv(DATA / "parks.csv", dtype=str, keep_default_na=False)["location_source_id"]
    located = {i for ids in parks for i in ids.split(";")}
    layout = load_layout()["readings"].values()
    read = {ref.split(" ")[0] for r in layout for ref in r.get("sources", [])}  # a reading's sources
    assert located | read <= set(sources.index), (located | read) - set(sources.index)
    assert cited | located | read == set(sources.index)  # no entry that nothing cites
    for row in sources.itertuples():
        assert row.kind in ("primary", "secondary") and row.short_zh and row.short_en and row.title, row.id
        assert row.kind == "primary" or row.quotes, f"{row.id}: a secondary source says whom it quotes"
        assert row.url or row.kind == "primary", f"{row.id}: a secondary source needs its address"
        assert not any(bad in row.url for bad in NOT_SOURCES), f"{row.id}: {row.url} is not a source"
        assert row.tier in ("verified", "quoted", "copy"), row.id
        if any(host in row.url for host in COPIES):  # a reprint is never more than a copy
            assert row.tier == "copy", f"{row.id}: {row.url} is a copy"
        assert row.tier != "verified" or row.kind == "primary", row.id
        # a computed value names its inputs by address: each must be read back whole
        assert not row.url or ADDRESS.fullmatch(row.url), f"{row.id}: write {row.url} percent-encoded"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_apps_own_download_is_recognised_as_its_own_indicators(lang):
    """Uploaded again, a download holds the bundled indicators (not new ones), in either
    language; a table with one value changed is the planner's own and stays."""
    from geo.data.indicators import bundled_twins, mappable_indicators
    from geo.data.load import load_map_data
    from geo.tables import comparison_table, to_csv_bytes
    from geo.uploads.read import parse_indicator_table

    data = load_map_data()
    indicators = mappable_indicators(data.indicators)
    back = parse_indicator_table(to_csv_bytes(comparison_table(data, indicators, lang)), "d.csv").data
    assert set(bundled_twins(back, data.indicators, data.indicator_meta)) == set(back["indicator"])
    changed = back.copy()
    first = changed["value"].first_valid_index()
    changed.loc[first, "value"] += 1
    name = changed.loc[first, "indicator"]
    assert name not in bundled_twins(changed, data.indicators, data.indicator_meta)


def test_geodesic_areas_are_pyprojs_for_every_bundled_boundary():
    # the oracle: pyproj's own geometry_area_perimeter, point by point (holes and parts included)
    from pyproj import Geod

    from geo.data.indicators import geodesic_area_km2
    from geo.data.load import load_counties

    geod = Geod(ellps="WGS84")
    for frame in (load_prefectures(), load_counties()):
        ours = geodesic_area_km2(frame.geometry)
        theirs = np.array([abs(geod.geometry_area_perimeter(g)[0]) / 1e6 for g in frame.geometry])
        assert np.allclose(ours, theirs, rtol=1e-12, atol=0)
