"""Every prefecture's series of one indicator: its years and its values by area and year.

``series_frame`` gives the values by area and year (the province's beside them). In words and
lines they are the scene's (``geo.scene.series``: the rank table, the chart's lines), drawn by
``geo.render.series_chart``.
"""

from __future__ import annotations

import pandas as pd

from geo.data.indicators import PROVINCE


def series_years(table: pd.DataFrame, indicator: str) -> list[str]:
    """The indicator's years (digits only), earliest first."""
    years = table.loc[table["indicator"] == indicator, "year"]
    return sorted({y for y in years if str(y).isdigit()})


def missing_years(table: pd.DataFrame, indicator: str) -> list[str]:
    """Years between the indicator's first and last with no value for any area: said, not drawn."""
    years = series_years(table, indicator)
    if not years:
        return []
    return [str(y) for y in range(int(years[0]), int(years[-1]) + 1) if str(y) not in years]


def series_frame(table: pd.DataFrame, indicator: str, areas) -> pd.DataFrame:
    """adcode, name_zh, name_en, year, value, source of every area of ``areas`` and the province,
    for every year the indicator has."""
    rows = table[(table["indicator"] == indicator) & table["value"].notna()]
    rows = rows[rows["year"].map(lambda y: str(y).isdigit())]
    names = areas[["adcode", "name_zh", "name_en"]]
    province = pd.DataFrame({"adcode": [PROVINCE], "name_zh": ["四川省"], "name_en": ["Sichuan"]})
    names = pd.concat([names, province], ignore_index=True)
    out = rows.merge(names, on="adcode", how="inner")
    return out[["adcode", "name_zh", "name_en", "year", "value", "source"]].sort_values(["adcode", "year"])
