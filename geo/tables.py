"""Tables for planners: the areas side by side, safe to open in a spreadsheet."""

from __future__ import annotations

import io
import re

import pandas as pd

from geo.data.sources import source_tier
from geo.scene.legends import source_names
from geo.text.escape import shown_cell
from geo.text.i18n import meta_unit, named_unit, pick, t, unit_scale


def comparison_table(
    data, indicators: list[str], lang: str = "zh", level: str = "prefecture", years: dict | None = None
) -> pd.DataFrame:
    """One row per area of ``level``; for each indicator (in its year of ``years``, else its latest)
    its value, rank, year, source (short name in ``lang``, † for a copy), how it was read (tier)
    and reference (the cited address or title, in the source's language). Headers are in ``lang``."""
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
        meta = data.meta(ind)
        label = named_unit(pick(meta["name_zh"], meta["name_en"], lang), meta_unit(meta, lang))
        factor = unit_scale(meta["unit_zh"], lang)  # in the unit the header names
        view = data.view(ind, (years or {}).get(ind), level=level).set_index("adcode")
        known = codes.map(view["value"]).notna()
        names = {c: t("list_sep", lang).join(source_names([s], lang)) for c, s in view["source"].items()}
        out[label] = codes.map(view["value"] * factor).round(12)
        out[f"{label} · {t('rank', lang)}"] = codes.map(view["rank"])
        out[f"{label} · {t('year', lang)}"] = codes.map(view["year"]).where(known, "")
        out[f"{label} · {t('source', lang)}"] = codes.map(names).where(known, "")
        tiers = {c: t(f"tier_{source_tier(s)}", lang) for c, s in view["source"].items()}
        out[f"{label} · {t('tier', lang)}"] = codes.map(tiers).where(known, "")
        out[f"{label} · {t('source_ref', lang)}"] = codes.map(view["source"]).where(known, "")
    return out


def neutralise_formulas(table: pd.DataFrame) -> pd.DataFrame:
    """Prefix text cells that a spreadsheet would run as formulas with an apostrophe; drop
    bidirectional controls from text (``geo.text.escape.shown_cell``)."""

    out = table.copy()
    out.columns = [shown_cell(str(c)) for c in out.columns]
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(shown_cell)
    return out


def to_csv_bytes(table: pd.DataFrame) -> bytes:
    """UTF-8 with BOM, so Excel in China opens the Chinese text correctly."""
    return neutralise_formulas(table).to_csv(index=False).encode("utf-8-sig")


_YEAR_TEXT = re.compile(r"(19|20)\d\d")


def to_xlsx_bytes(table: pd.DataFrame, about: dict[str, str] | None = None) -> bytes:
    """A workbook a planner can use as is: ``table`` on a sheet "data" and ``about`` (title,
    sources, date...) as key and value rows on a sheet "about" (see ``workbook_bytes``)."""
    sheets = {"data": table}
    if about:
        sheets["about"] = pd.DataFrame({"key": list(about), "value": list(about.values())})
    return workbook_bytes(sheets)


def workbook_bytes(sheets: dict[str, pd.DataFrame]) -> bytes:
    """Every sheet we write goes through here: headers and text cells that a spreadsheet would
    run as formulas get a leading apostrophe; numbers stay numbers, years become integers; the
    header is frozen and columns are as wide as their text."""
    from openpyxl.utils import get_column_letter

    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            out = _years_as_integers(neutralise_formulas(frame))
            out.to_excel(writer, index=False, sheet_name=name)
            sheet = writer.sheets[name]
            sheet.freeze_panes = "A2"
            for i, col in enumerate(out.columns, start=1):
                longest = max([len(str(col)), *(len(str(v)) for v in out[col].head(200))])
                sheet.column_dimensions[get_column_letter(i)].width = min(60, max(8, longest * 1.2 + 2))
    return buf.getvalue()


def _years_as_integers(out: pd.DataFrame) -> pd.DataFrame:
    """ "2020" -> 2020 where a column holds years only."""
    for col in out.columns:
        cells = out[col].dropna()
        texts = cells[cells.map(lambda v: isinstance(v, str) and v != "")]
        if len(texts) and texts.map(lambda v: bool(_YEAR_TEXT.fullmatch(v))).all():
            out[col] = out[col].map(lambda v: int(v) if isinstance(v, str) and _YEAR_TEXT.fullmatch(v) else v)
    return out
