"""What the data cover: each indicator × prefecture × year of the plan's period, as published by
the office, verified, quoted, copy, computed or missing — and the missing cells as a
yearbook-shaped workbook a planner fills in and uploads as it is."""

from __future__ import annotations

import io

import pandas as pd

from geo.data.indicators import COMPUTED, OFFICE, PROVINCE
from geo.data.sources import source_tier
from geo.text.i18n import pick, t

BASE_YEAR, TARGET_YEAR = 2020, 2025  # the plan's baseline year and the year of its targets
PERIOD = tuple(str(y) for y in range(BASE_YEAR, TARGET_YEAR + 1))  # the baseline and the five years
STATES = ("published", "verified", "quoted", "copy", "computed", "missing")
# Indicators a planner can supply (the rest are computed from these, or the plan's own figure).
SUPPLIED = ("gdp", "population", "software_it_revenue")


def coverage_cells(data, indicators: tuple[str, ...] | None = None) -> pd.DataFrame:
    """One row per indicator, prefecture and year of ``PERIOD``: ``state`` (``STATES``) and the
    value where there is one. ``indicators`` default: those with a year (land area has none)."""
    table = data.indicators
    if indicators is None:
        with_years = table.loc[table["year"] != "", "indicator"]
        indicators = tuple(i for i in dict.fromkeys(with_years) if not i.startswith("upload:"))
    areas = data.prefectures["adcode"].tolist()
    grid = pd.MultiIndex.from_product([indicators, areas, PERIOD], names=["indicator", "adcode", "year"])
    rows = table[(table["adcode"] != PROVINCE) & table["value"].notna()]
    known = rows.set_index(["indicator", "adcode", "year"])[["value", "source"]]
    out = pd.DataFrame(index=grid).join(known, how="left").reset_index()
    out["state"] = [_state(v, s) for v, s in zip(out["value"], out["source"], strict=True)]
    return out


def _state(value, source) -> str:
    if pd.isna(value):
        return "missing"
    if isinstance(source, str) and source.startswith(COMPUTED):
        return "computed"
    if isinstance(source, str) and source.startswith(OFFICE):
        return "published"
    return source_tier(source) or "quoted"  # a source of no known tier: read as quoted (geo.data.tiers)


def coverage_summary(cells: pd.DataFrame, data, lang: str) -> pd.DataFrame:
    """Counts of each state per indicator and year (rows), in ``lang``."""
    counts = cells.groupby(["indicator", "year", "state"]).size().unstack("state", fill_value=0)
    counts = counts.reindex(columns=list(STATES), fill_value=0).reset_index()
    names = {i: _name(data, i, lang) for i in counts["indicator"].unique()}
    counts.insert(0, t("indicator", lang), counts.pop("indicator").map(names))
    return counts.rename(columns={"year": t("year", lang), **{s: t(f"state_{s}", lang) for s in STATES}})


def coverage_grid(cells: pd.DataFrame, indicator: str, lang: str) -> pd.DataFrame:
    """The states of one indicator: a row per prefecture, a column per year."""
    from geo.data.names import prefecture_records

    records = prefecture_records()
    one = cells[cells["indicator"] == indicator]
    grid = one.pivot(index="adcode", columns="year", values="state")
    grid = grid.map(lambda s: t(f"state_{s}", lang))
    grid.index = [pick(records[c].name_zh, records[c].name_en, lang) for c in grid.index]
    return grid.reset_index(names=t("name", lang))


def _name(data, indicator: str, lang: str) -> str:
    meta = data.meta(indicator)
    return pick(meta["name_zh"], meta["name_en"], lang)


def missing_template(data, lang: str) -> bytes:
    """The missing cells of the indicators a planner can supply, as a workbook shaped like the
    yearbooks: a sheet per indicator with a title row, a two-row header (the indicator and its
    unit over the years with a gap), a row per prefecture with a gap, blank cells to fill in, "—"
    where the app has the value already, and a source line to complete. It uploads as it is."""
    import openpyxl
    from openpyxl.utils import get_column_letter

    from geo.data.names import prefecture_records

    records = prefecture_records()
    cells = coverage_cells(data, SUPPLIED)
    book = openpyxl.Workbook()
    book.remove(book.active)
    for indicator in SUPPLIED:
        gaps = cells[(cells["indicator"] == indicator) & (cells["state"] == "missing")]
        if gaps.empty:
            continue
        years = sorted(gaps["year"].unique())
        areas = list(dict.fromkeys(gaps["adcode"]))
        meta = data.meta(indicator)
        name, unit = (
            pick(meta["name_zh"], meta["name_en"], lang),
            pick(meta["unit_zh"], meta["unit_en"], lang),
        )
        sheet = book.create_sheet(name[:31])
        sheet.append([t("tpl_missing_title", lang, name=name)])
        sheet.append([t("tpl_area", lang), f"{name}（{unit}）" if lang == "zh" else f"{name} ({unit})"])
        sheet.append([None, *(t("tpl_year_a", lang, year=y) for y in years)])
        sheet.merge_cells(start_row=2, start_column=2, end_row=2, end_column=1 + len(years))
        have = set(zip(gaps["adcode"], gaps["year"], strict=True))
        for code in areas:
            label = pick(records[code].name_zh, records[code].name_en, lang)
            sheet.append([label, *(None if (code, y) in have else "—" for y in years)])
        sheet.append([t("tpl_missing_dash", lang)])
        sheet.append([t("tpl_source_label", lang)])
        sheet.column_dimensions["A"].width = 22
        for j in range(2, 2 + len(years)):
            sheet.column_dimensions[get_column_letter(j)].width = 14
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()
