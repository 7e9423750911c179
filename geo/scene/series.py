"""The series view decided once: the chart's lines, the rank table and the values in words.

``series_chart`` gives every prefecture's values of one indicator over the years as lines (the
selected prefecture and the province highlighted, the rest grey, each labelled at its last value,
copies marked), in the unit the reader sees; ``geo.render.series_chart`` draws them.
``rank_table`` gives the value, rank, change and change in rank between two years, with tiers and
sources; ``series_table`` the chart's own values; headers in the reader's language.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from geo.data.change import change_table, change_years
from geo.data.indicators import PROVINCE
from geo.data.series import missing_years, series_frame, series_years
from geo.scene import style
from geo.scene.legends import marked, source_names, source_tier
from geo.text.escape import plain_text
from geo.text.i18n import meta_number, meta_unit, named_unit, pick, t, unit_scale


@dataclass(frozen=True)
class SeriesLine:
    """One area's values over the years, in the unit shown, with its label (plain text: the name
    and the last value) and its look: colour, width and stacking (1 for the rest, above for the
    province and the selected prefecture)."""

    label: str
    years: tuple[int, ...]
    values: tuple[float, ...]
    color: str
    width: float
    z: int


@dataclass(frozen=True)
class SeriesChart:
    """The chart: the prefectures' lines in drawing order (the selected last, on top), the
    province's on a scale of its own beside them (None without province values), the years, the
    value axis's label and the province's title."""

    lines: tuple[SeriesLine, ...]
    province: SeriesLine | None
    years: tuple[int, ...]
    axis_label: str
    province_title: str


def series_chart(data, indicator: str, selected: str | None, lang: str) -> SeriesChart:
    """Every prefecture's values of ``indicator`` over the years, ``selected`` (an adcode) and the
    province highlighted."""
    meta = data.meta(indicator)
    frame = series_frame(data.indicators, indicator, data.prefectures)
    prefs = frame[frame["adcode"] != PROVINCE]
    order = sorted(prefs["adcode"].unique(), key=lambda c: c == selected)  # the selected on top
    province = frame[frame["adcode"] == PROVINCE]
    name = pick(meta["name_zh"], meta["name_en"], lang)
    return SeriesChart(
        lines=tuple(_line(prefs[prefs["adcode"] == c], c, selected, meta, lang) for c in order),
        province=_line(province, PROVINCE, selected, meta, lang) if len(province) else None,
        years=tuple(int(y) for y in series_years(data.indicators, indicator)),
        axis_label=plain_text(named_unit(name, meta_unit(meta, lang))),
        province_title=plain_text(t("series_province", lang)),
    )


def _line(rows: pd.DataFrame, code: str, selected: str | None, meta, lang: str) -> SeriesLine:
    """One area's values as a line, labelled at its last value (copies marked †)."""
    scale = unit_scale(meta["unit_zh"], lang)
    last = rows.iloc[-1]
    name = t("series_province", lang) if code == PROVINCE else pick(last.name_zh, last.name_en, lang)
    look, z = _look(code, selected)
    return SeriesLine(
        label=f"{plain_text(name)} {marked(meta_number(meta, lang)(last.value), last.source)}",
        years=tuple(int(y) for y in rows["year"]),
        values=tuple(float(v) * scale for v in rows["value"]),
        color=look.color,
        width=look.width,
        z=z,
    )


def _look(code: str, selected: str | None) -> tuple[style.Line, int]:
    if code == PROVINCE:
        return style.SERIES_PROVINCE, 3
    if code == selected:
        return style.SERIES_SELECTED, 4
    return style.SERIES_REST, 1


def series_table(data, indicator: str, lang: str) -> pd.DataFrame:
    """The chart's values as a table: area, year, value (in the unit shown), tier and source;
    headers in ``lang``."""
    meta = data.meta(indicator)
    frame = series_frame(data.indicators, indicator, data.prefectures)
    province = frame["adcode"] == PROVINCE
    scale = unit_scale(meta["unit_zh"], lang)
    names = [pick(z, e, lang) for z, e in zip(frame["name_zh"], frame["name_en"], strict=True)]
    return pd.DataFrame(
        {
            t("col_area", lang): [
                t("series_province", lang) if p else n for p, n in zip(province, names, strict=True)
            ],
            t("col_year", lang): frame["year"].values,
            named_unit(t("col_value", lang), meta_unit(meta, lang)): (frame["value"] * scale).round(4).values,
            t("change_tier", lang): [t(f"tier_{source_tier(s)}", lang) for s in frame["source"]],
            t("col_source", lang): ["; ".join(source_names([s], lang)) for s in frame["source"]],
        }
    )


def rank_table(data, indicator: str, start: str, end: str, *, measure: str, lang: str, bases) -> pd.DataFrame:
    """One row per prefecture: the values of ``start`` and ``end`` (copies marked †), their
    ranks, the change (only where both years are on the same basis), the change in rank (up is
    positive), the status, the tiers and the sources; headers in ``lang``."""
    meta = data.meta(indicator)
    changes = change_table(
        data.indicators, indicator, data.prefectures, start, end, measure=measure, bases=bases
    )
    scale = unit_scale(meta["unit_zh"], lang)
    ok = changes["status"] == "ok"  # ranks among the areas compared, so a move in rank means one
    rank_start = changes["start_value"].where(ok).rank(ascending=False, method="min").astype("Int64")
    rank_end = changes["end_value"].where(ok).rank(ascending=False, method="min").astype("Int64")
    n = int(ok.sum())
    names = [pick(z, e, lang) for z, e in zip(changes["name_zh"], changes["name_en"], strict=True)]

    def tiers(sources) -> list[str]:
        return [t(f"tier_{source_tier(s)}", lang) if s else "" for s in sources]

    unit = meta_unit(meta, lang)
    change_unit = unit if measure == "absolute" else t(f"measure_unit_{measure}", lang)
    change = changes["change"] * (scale if measure == "absolute" else 1.0)
    out = pd.DataFrame(
        {
            t("col_area", lang): names,
            named_unit(f"{t('col_value', lang)} {start}", unit): (changes["start_value"] * scale).round(4),
            f"{t('col_rank', lang)} {start} (/{n})": rank_start,
            named_unit(f"{t('col_value', lang)} {end}", unit): (changes["end_value"] * scale).round(4),
            f"{t('col_rank', lang)} {end} (/{n})": rank_end,
            named_unit(t("col_change", lang), change_unit): change.where(ok).round(4),
            t("col_rank_change", lang): (rank_start - rank_end).where(ok),
            t("col_status", lang): [t(f"status_{s}", lang) for s in changes["status"]],
            t("col_start_tier", lang): tiers(changes["start_source"]),
            t("col_end_tier", lang): tiers(changes["end_source"]),
            t("col_source", lang): [
                "; ".join(source_names([x for x in (a, b) if x], lang))
                for a, b in zip(changes["start_source"], changes["end_source"], strict=True)
            ],
        }
    )
    return out.sort_values(out.columns[5], ascending=False, na_position="last").reset_index(drop=True)


def series_caption(data, indicator: str, view_change: str | None, lang: str) -> str:
    """Which years have no value at all (said, not drawn) and which pair the ranks compare."""
    parts = []
    missing = missing_years(data.indicators, indicator)
    if missing:
        parts.append(t("series_missing_years", lang, years=", ".join(missing)))
    if view_change:
        start, end = change_years(view_change)
        parts.append(t("change_years_note", lang, start=start, end=end))
    return t("list_sep", lang).join(parts)
