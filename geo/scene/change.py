"""The choropleth of a change between two years, decided for every renderer (``geo.scene.build``).

Areas compared (both years on the same declared basis) get a diverging palette's classes,
centred on zero or on the province's own change; an area with both years across a declared break
and an area missing a year are hatched, each counted in the legend with its reason. Tooltips give
both ends with their years, values, tiers and sources.
"""

from __future__ import annotations

import math
from functools import lru_cache

import geopandas as gpd
import pandas as pd

from geo.data.change import change_table, change_years, pair_coverage, province_change
from geo.data.load import MapData, load_series_bases
from geo.scene import style
from geo.scene.classify import DIVERGING, diverging_class_colors
from geo.scene.legends import COPY_MARK, marked, source_names, source_tier, unverified
from geo.scene.style import Entry, Info, Legend, SourceNote, Swatch
from geo.text.i18n import meta_number, meta_unit, named_unit, pick, t

DEFAULT_DIVERGING = "RdBu"


@lru_cache(maxsize=64)
def _changes(data: MapData, indicator: str, change: str, measure: str, level: str) -> pd.DataFrame:
    start, end = change_years(change)
    areas = data.areas(level)
    return change_table(
        data.indicators, indicator, areas, start, end, measure=measure, bases=load_series_bases()
    )


@lru_cache(maxsize=64)
def coverage(data: MapData, indicator: str, level: str) -> pd.DataFrame:
    """``geo.data.change.pair_coverage`` over the areas of ``level``, computed once per data set."""
    return pair_coverage(data.indicators, indicator, data.areas(level)["adcode"], load_series_bases())


def changes(data: MapData, view) -> pd.DataFrame:
    """The change table of ``view`` (``geo.data.change.change_table``), computed once per data set."""
    frame = _changes(data, view.indicator, view.change, view.measure, view.level)
    if view.level == "county" and view.within:
        frame = frame[frame["adcode"].isin(set(data.areas("county", view.within)["adcode"]))]
    return frame.reset_index(drop=True).copy()


def centre_of(data: MapData, view) -> float | None:
    """The province's change when the view centres on it and it exists, else None (zero)."""
    if view.centre != "province":
        return None
    start, end = change_years(view.change)
    return province_change(
        data.indicators, view.indicator, start, end, measure=view.measure, bases=load_series_bases()
    )


def change_formatter(meta: pd.Series, measure: str, lang: str):
    """A function writing a change with its sign: "+25.4" (percent), "+610.3" (in the unit)."""
    if measure == "absolute":
        number = meta_number(meta, lang)
        return lambda v: ("+" if v > 0 else "−" if v < 0 else "") + number(abs(v))
    return lambda v: f"{v:+,.1f}".replace("-", "−")


def change_unit(meta: pd.Series, measure: str, lang: str) -> str:
    """The unit of a change: the indicator's own (absolute), % or % a year."""
    return meta_unit(meta, lang) if measure == "absolute" else t(f"measure_unit_{measure}", lang)


def change_name(meta: pd.Series, view) -> str:
    """ "GDP: percent change 2020–2023 (%)", the legend's and the layer's title."""
    start, end = change_years(view.change)
    lang = view.lang
    name = f"{pick(meta['name_zh'], meta['name_en'], lang)}{'：' if lang == 'zh' else ': '}"
    name += f"{t(f'measure_{view.measure}', lang)} {start}–{end}"
    return named_unit(name, change_unit(meta, view.measure, lang)) if view.measure == "absolute" else name


def change_title(data: MapData, view) -> str:
    meta = data.meta(view.indicator)
    start, end = change_years(view.change)
    key = "title_change" if view.level == "prefecture" else "title_change_county"
    return t(key, view.lang, name=pick(meta["name_zh"], meta["name_en"], view.lang),
             measure=t(f"measure_{view.measure}", view.lang), start=start, end=end)  # fmt: skip


def change_layer(data: MapData, view, layer_type):
    """The scene's choropleth layer (``layer_type``: ``geo.scene.build.AreasLayer``) of a change."""
    lang = view.lang
    meta = data.meta(view.indicator)
    table = changes(data, view)
    centre = centre_of(data, view)
    fmt = change_formatter(meta, view.measure, lang)
    palette = view.palette if view.palette in DIVERGING else DEFAULT_DIVERGING
    classes = diverging_class_colors(
        pd.DataFrame({"value": table["change"]}),
        scheme=view.scheme,
        k=view.k,
        bins=list(view.bins) if view.bins else None,
        palette=palette,
        centre=centre or 0.0,
        fmt=fmt,
    )
    n_ok = int((table["status"] == "ok").sum())
    tips = [change_tip(r, meta, view, n_ok) for r in table.itertuples()]
    areas = data.areas(view.level, view.within)
    shapes = areas.set_index("adcode").loc[table["adcode"]].geometry.values
    frame = gpd.GeoDataFrame({"adcode": table["adcode"].values, "tip": tips}, geometry=shapes, crs=areas.crs)
    frame["fill"] = pd.Series(classes.fills, index=frame.index, dtype=object)
    frame["hatch"] = ["break" if s == "break" else "no_data" for s in table["status"]]  # style.HATCHES
    legend = change_legend(table, meta, view, classes, centre)
    return layer_type("choropleth", change_name(meta, view), frame, legend)


def _end(value: float, year: str, source: str, meta, lang: str) -> str:
    if value != value:
        return t("change_missing_start", lang, year=year)
    shown = f"{meta_number(meta, lang)(value)} {meta_unit(meta, lang)}".strip()
    return marked(shown, source)


def change_tip(row, meta: pd.Series, view, n_ok: int):
    """An area's change, rank, both ends (value, year, tier) and sources; a break's reason."""
    lang = view.lang
    name = pick(row.name_zh, row.name_en, lang)
    fmt, unit = change_formatter(meta, view.measure, lang), change_unit(meta, view.measure, lang)
    if row.status == "ok":
        value = marked(f"{fmt(row.change)} {unit}".strip(), f"{row.start_source}")
        value = value if COPY_MARK in value else marked(value, row.end_source)
        head = ((t("change_value", lang), value), (t("rank", lang), f"{row.rank} / {n_ok}"))
    elif row.status == "break":
        head = (
            (t("change_value", lang), t("change_break_tip", lang)),
            ("", pick(row.reason_zh, row.reason_en, lang)),
        )
    else:
        head = ((t("change_value", lang), t("no_data", lang)),)
    ends = (row.start_source, row.end_source)
    sources = source_names([s for s in ends if s], lang)
    tiers = [t(f"tier_{source_tier(s)}", lang) if s else "" for s in (row.start_source, row.end_source)]
    rows = (
        ("", row.name_zh if lang == "en" else ""),
        *head,
        (
            t("change_start", lang, year=row.start_year),
            _end(row.start_value, row.start_year, row.start_source, meta, lang),
        ),
        (
            t("change_end", lang, year=row.end_year),
            _end(row.end_value, row.end_year, row.end_source, meta, lang),
        ),
        (t("change_tier", lang), " → ".join(x or "—" for x in tiers) if any(tiers) else ""),
        (t("source", lang), t("list_sep", lang).join(sources)),
        ("", t("copy_mark", lang, mark=COPY_MARK) if any(map(unverified, ends)) else ""),
    )
    return Info.kept(name, rows)


def change_legend(table: pd.DataFrame, meta: pd.Series, view, classes, centre: float | None) -> Legend:
    """Classes, hatched breaks and missing years (counted), the years, measure, centre,
    coverage, the breaks' reasons and the sources of both ends."""
    lang = view.lang
    start, end = change_years(view.change)
    entries = [
        Entry(Swatch("area", c, opacity=style.CHOROPLETH_OPACITY), label) for c, label in classes.legend
    ]
    hatch = Swatch("area", style.NO_DATA.fill, dash=(), hatch=True)
    crossed = Swatch("area", style.NO_DATA.fill, dash=(), hatch=True, hatch_kind="break")
    n_break = int((table["status"] == "break").sum())
    n_missing = int(table["status"].isin(["no_start", "no_end", "no_both"]).sum())
    if n_break:
        entries.append(Entry(crossed, t("change_break", lang, n=n_break)))
    if n_missing:
        entries.append(Entry(hatch, t("change_missing", lang, n=n_missing)))
    ok = table[table["status"] == "ok"]
    notes = [
        t("change_years_note", lang, start=start, end=end),
        f"{t('measure', lang)}: {t(f'measure_{view.measure}', lang)}",
        t("change_coverage", lang, n=len(ok), total=len(table)),
    ]
    if view.centre == "province" and centre is not None:
        fmt = change_formatter(meta, view.measure, lang)
        notes.append(
            t("centre_note_province", lang, value=f"{fmt(centre)} {change_unit(meta, view.measure, lang)}")
        )
    else:
        notes.append(t("centre_note_no_province" if view.centre == "province" else "centre_note_zero", lang))
    if n_break:
        reasons = {
            pick(r.reason_zh, r.reason_en, lang) for r in table[table["status"] == "break"].itertuples()
        }
        notes.append(t("change_breaks_note", lang, n=n_break, reason=" ".join(sorted(reasons))))
    cited = [s for s in (*table["start_source"], *table["end_source"]) if s]  # every value shown
    names = "; ".join(sorted(source_names(cited, lang))) or t("no_source", lang)
    notes.append(SourceNote(f"{t('source', lang)}: {names}"))
    copies = int(sum(unverified(s) for s in cited))
    if copies:
        notes.append(t("copy_values", lang, n=copies, mark=COPY_MARK))
    return Legend(change_name(meta, view), tuple(entries), tuple(notes))


def change_sources(data: MapData, view) -> list[str]:
    """The source texts of both ends of every area compared or shown."""
    table = changes(data, view)
    return [s for s in (*table["start_source"], *table["end_source"]) if s]


def change_description(data: MapData, view) -> list[str]:
    """The change map in words: the largest and smallest change and how many areas compare."""
    lang = view.lang
    meta = data.meta(view.indicator)
    table = changes(data, view)
    ok = table[table["status"] == "ok"].sort_values("change")
    fmt, unit = change_formatter(meta, view.measure, lang), change_unit(meta, view.measure, lang)
    parts = []
    if len(ok) > 1 and not math.isnan(ok["change"].iloc[-1]):
        high, low = ok.iloc[-1], ok.iloc[0]
        parts.append(t("alt_change", lang, high=pick(high.name_zh, high.name_en, lang),
                       high_value=f"{fmt(high.change)} {unit}", low=pick(low.name_zh, low.name_en, lang),
                       low_value=f"{fmt(low.change)} {unit}"))  # fmt: skip
    parts.append(t("change_coverage", lang, n=len(ok), total=len(table)))
    return parts
