"""Every prefecture's series of one indicator: a line chart and a rank table.

``series_frame`` gives the values by area and year (the province's beside them); ``rank_table``
the value, rank, change and change in rank between two years, with tiers and sources, headers in
the reader's language; ``series_figure`` draws the chart with matplotlib's ``Figure`` (never
pyplot, which Streamlit closes between runs): the selected prefecture and the province
highlighted, the rest grey, each labelled at its last value.
"""

from __future__ import annotations

import pandas as pd

from geo.data.change import change_table, change_years
from geo.data.indicators import PROVINCE
from geo.scene.legends import marked, source_names, source_tier
from geo.text.escape import plain_text
from geo.text.i18n import meta_number, meta_unit, named_unit, pick, t, unit_scale

HIGHLIGHT = "#D55E00"  # Okabe–Ito vermilion: the selected prefecture
PROVINCE_COLOR = "#000000"
REST = "#BBBBBB"


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


def series_figure(data, indicator: str, selected: str | None, lang: str, *, size=(8.0, 4.8)):
    """The chart: every prefecture's values over the years in grey, ``selected`` (an adcode) and
    the province highlighted, each line labelled at its end. A ``matplotlib.figure.Figure``."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from geo.render.static import cjk_font

    meta = data.meta(indicator)
    frame = series_frame(data.indicators, indicator, data.prefectures)
    years = [int(y) for y in series_years(data.indicators, indicator)]
    rc = {"axes.unicode_minus": False, "text.parse_math": False, "font.family": cjk_font()}
    with matplotlib.rc_context(rc):
        fig = Figure(figsize=size, dpi=120)
        FigureCanvasAgg(fig)  # a canvas that measures text (labels pushed apart)
        has_province = (frame["adcode"] == PROVINCE).any()
        grid = fig.add_gridspec(1, 2, width_ratios=(3, 1) if has_province else (1, 0.001))
        ax = fig.add_subplot(grid[0])
        prefs = frame[frame["adcode"] != PROVINCE]
        order = sorted(prefs["adcode"].unique(), key=lambda c: c == selected)  # the selected on top
        labels = [_line(ax, prefs[prefs["adcode"] == c], c, selected, meta, lang) for c in order]
        _axis(ax, years, meta, lang)
        if has_province:  # the province on its own scale beside: it is some twenty times larger
            side = fig.add_subplot(grid[1])
            _line(side, frame[frame["adcode"] == PROVINCE], PROVINCE, selected, meta, lang)
            _axis(side, years, meta, lang)
            side.set_title(plain_text(t("series_province", lang)), fontsize=9)
            side.tick_params(axis="x", labelrotation=60)
        fig.tight_layout()
        _drop_overlaps(labels[::-1])  # the selected first, then the others while they fit
    return fig


def _line(ax, rows: pd.DataFrame, code: str, selected: str | None, meta, lang: str):
    """One area's values as a line, labelled at its last value (copies marked †)."""
    color, width, z = _look(code, selected)
    scale = unit_scale(meta["unit_zh"], lang)
    ax.plot(rows["year"].astype(int), rows["value"] * scale, marker="o", markersize=3 if z == 1 else 5,
            color=color, linewidth=width, zorder=z)  # fmt: skip
    last = rows.iloc[-1]
    name = t("series_province", lang) if code == PROVINCE else pick(last.name_zh, last.name_en, lang)
    label = f"{plain_text(name)} {marked(meta_number(meta, lang)(last.value), last.source)}"
    return ax.annotate(label, (int(last.year), last.value * scale), xytext=(4, 0),
                       textcoords="offset points", va="center", fontsize=8 if z == 1 else 9,
                       color=color if z > 1 else "#777777")  # fmt: skip


def _drop_overlaps(labels: list) -> None:
    """Keep each name whose box overlaps none kept before it (the others are in the rank table)."""
    renderer = labels[0].figure.canvas.get_renderer() if labels else None
    kept = []
    for label in labels:
        box = label.get_window_extent(renderer)
        if any(box.overlaps(k) for k in kept):
            label.set_visible(False)
        else:
            kept.append(box)


def _axis(ax, years: list[int], meta, lang: str) -> None:
    ax.set_xticks(years)
    ax.set_xlim(years[0] - 0.3, years[-1] + 1.6)
    ax.tick_params(labelsize=8)
    name = pick(meta["name_zh"], meta["name_en"], lang)
    ax.set_ylabel(plain_text(named_unit(name, meta_unit(meta, lang))), fontsize=9)
    ax.spines[["top", "right"]].set_visible(False)


def _look(code: str, selected: str | None) -> tuple[str, float, int]:
    if code == PROVINCE:
        return PROVINCE_COLOR, 2.2, 3
    if code == selected:
        return HIGHLIGHT, 2.6, 4
    return REST, 1.0, 1


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
