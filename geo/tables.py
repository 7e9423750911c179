"""Tables for planners: the areas side by side, safe to open in a spreadsheet."""

from __future__ import annotations

import io

import pandas as pd

from geo.escape import formula_safe
from geo.i18n import pick, t
from geo.indicators import meta_for
from geo.legends import source_names


def comparison_table(
    data, indicators: list[str], lang: str = "zh", level: str = "prefecture"
) -> pd.DataFrame:
    """One row per area of ``level``; for each indicator its value, rank, year, source (short name
    in ``lang``) and reference (the cited address or title, in the source's language). Headers are
    in ``lang``."""
    areas = data.areas(level)
    codes = areas["adcode"].reset_index(drop=True)
    out = pd.DataFrame(
        {
            t("adcode", lang): codes,
            t("name_zh", lang): areas["name_zh"].values,
            t("name_en", lang): areas["name_en"].values,
        }
    )
    for ind in dict.fromkeys(indicators):
        meta = meta_for(ind, data.indicator_meta, data.indicators)
        label = (
            f"{pick(meta['name_zh'], meta['name_en'], lang)} ({pick(meta['unit_zh'], meta['unit_en'], lang)})"
        )
        view = data.view(ind, level=level).set_index("adcode")
        known = codes.map(view["value"]).notna()
        names = {c: t("list_sep", lang).join(source_names([s], lang)) for c, s in view["source"].items()}
        out[label] = codes.map(view["value"])
        out[f"{label} · {t('rank', lang)}"] = codes.map(view["rank"])
        out[f"{label} · {t('year', lang)}"] = codes.map(view["year"]).where(known, "")
        out[f"{label} · {t('source', lang)}"] = codes.map(names).where(known, "")
        out[f"{label} · {t('source_ref', lang)}"] = codes.map(view["source"]).where(known, "")
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
