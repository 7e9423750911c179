"""Tables for planners: the areas side by side, safe to open in a spreadsheet."""

from __future__ import annotations

import io

import pandas as pd

from geo.escape import formula_safe
from geo.i18n import pick
from geo.indicators import meta_for


def comparison_table(
    data, indicators: list[str], lang: str = "zh", level: str = "prefecture"
) -> pd.DataFrame:
    """One row per area of ``level``; for each indicator its value, rank, year and source columns."""
    out = data.areas(level)[["adcode", "name_zh", "name_en"]].reset_index(drop=True).copy()
    for ind in dict.fromkeys(indicators):
        meta = meta_for(ind, data.indicator_meta, data.indicators)
        label = (
            f"{pick(meta['name_zh'], meta['name_en'], lang)} ({pick(meta['unit_zh'], meta['unit_en'], lang)})"
        )
        view = data.view(ind, level=level).set_index("adcode")
        out[label] = out["adcode"].map(view["value"])
        out[f"{label} rank"] = out["adcode"].map(view["rank"])
        out[f"{label} year"] = out["adcode"].map(view["year"]).where(out[label].notna(), "")
        out[f"{label} source"] = out["adcode"].map(view["source"]).where(out[label].notna(), "")
    return out


def neutralise_formulas(table: pd.DataFrame) -> pd.DataFrame:
    """Prefix text cells that a spreadsheet would run as formulas with an apostrophe."""

    out = table.copy()
    out.columns = [formula_safe(str(c)) for c in out.columns]
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(formula_safe)
    return out


def to_csv_bytes(table: pd.DataFrame) -> bytes:
    """UTF-8 with BOM, so Excel in China opens the Chinese text correctly."""
    return neutralise_formulas(table).to_csv(index=False).encode("utf-8-sig")


def to_xlsx_bytes(table: pd.DataFrame) -> bytes:
    buf = io.BytesIO()
    neutralise_formulas(table).to_excel(buf, index=False, engine="openpyxl")
    return buf.getvalue()
