"""A prefecture choropleth that does not mislead.

Classes come from mapclassify (``geo.indicators.classify``); colours from
colour-blind-safe sequential palettes; prefectures without data get their own
hatched "no data" class; a single value is shown as one highlighted area with
its note, not stretched over a colour ramp. Every tooltip names value, unit,
rank among 21, year and source.
"""

from __future__ import annotations

import folium
import geopandas as gpd
import pandas as pd
from branca.element import MacroElement
from folium.template import Template

from geo.classify import class_colors
from geo.i18n import fmt_value, pick, t
from geo.layers.elements import CompactGeoJson, LayerLegend, feature_collection
from geo.layers.markup import area_swatch, esc, info_table, legend_row

NO_DATA_FILL = "url(#sw-no-data)"


class _NoDataPattern(MacroElement):
    """An inline SVG hatch pattern that "no data" areas use as their fill."""

    _template = Template(
        """
        {% macro html(this, kwargs) %}
        <svg width="0" height="0" style="position:absolute" aria-hidden="true"><defs>
        <pattern id="sw-no-data" width="6" height="6" patternUnits="userSpaceOnUse"
                 patternTransform="rotate(45)">
        <rect width="6" height="6" fill="#f4f4f4"/><line x1="0" y1="0" x2="0" y2="6"
              stroke="#b0b0b0" stroke-width="2"/></pattern></defs></svg>
        {% endmacro %}
        """
    )


def build_choropleth_layer(
    view: pd.DataFrame,
    prefectures: gpd.GeoDataFrame,
    meta: pd.Series,
    *,
    scheme: str = "quantiles",
    k: int = 5,
    bins: list[float] | None = None,
    palette: str = "YlGnBu",
    name: str | None = None,
    show: bool = True,
    lang: str = "zh",
) -> folium.FeatureGroup:
    """Choropleth of ``view`` (``geo.indicators.indicator_view``) with legend and tooltips.

    ``meta`` is the indicator's row of ``indicators_meta.csv`` (names, unit, decimals, note).
    """
    title = name or pick(meta["name_zh"], meta["name_en"], lang)
    unit = pick(meta["unit_zh"], meta["unit_en"], lang)
    decimals = int(meta["decimals"])
    has = view["value"].notna()
    classes = class_colors(view, scheme=scheme, k=k, bins=bins, palette=palette, decimals=decimals)
    fills = [f or NO_DATA_FILL for f in classes.fills]
    if classes.single:
        row = view[has].iloc[0]
        label = (
            f"{pick(row.name_zh, row.name_en, lang)}: {fmt_value(row.value, decimals)} {unit} ({row.year})"
        )
        legend = legend_row(area_swatch(classes.legend[0][0], opacity=0.85), label)
    else:
        legend = "".join(legend_row(area_swatch(c, opacity=0.85), label) for c, label in classes.legend)
    n_missing = int((~has).sum())
    legend += legend_row(_no_data_swatch(), f"{t('no_data', lang)} ({n_missing})") if n_missing else ""
    legend += _legend_footer(view, meta, lang)
    group = folium.FeatureGroup(name=esc(title), show=show)  # the layer control shows names as HTML
    data = gpd.GeoDataFrame(
        {
            "adcode": view["adcode"].values,
            "fill": fills,
            "tip": [_tooltip(r, unit, decimals, lang) for r in view.itertuples()],
        },
        geometry=prefectures.set_index("adcode").loc[view["adcode"]].geometry.values,
        crs=prefectures.crs,
    )
    CompactGeoJson(
        feature_collection(data, ["adcode", "fill", "tip"]),
        style_function=lambda f: {
            "fillColor": f["properties"]["fill"],
            "fillOpacity": 0.85,
            "color": "#555555",
            "weight": 0.8,
        },
        highlight_function=lambda _f: {"weight": 2.5, "color": "#000000"},
        tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False, sticky=True),
    ).add_to(group)
    group.add_child(_NoDataPattern())
    group.add_child(LayerLegend(f"{title} ({unit})", legend, position="bottomleft"))
    return group


def _tooltip(row, unit: str, decimals: int, lang: str) -> str:
    name = pick(row.name_zh, row.name_en, lang)
    other = row.name_en if lang == "zh" else row.name_zh
    if pd.isna(row.value):
        return info_table(name, [("", other), (t("value", lang), t("no_data", lang))])
    return info_table(
        name,
        [
            ("", other),
            (t("value", lang), f"{fmt_value(row.value, decimals)} {unit}"),
            (t("rank", lang), f"{row.rank} / 21"),
            (t("year", lang), row.year or t("year_not_given", lang)),
            (t("source", lang), row.source or t("no_source", lang)),
        ],
    )


def _legend_footer(view: pd.DataFrame, meta: pd.Series, lang: str) -> str:
    years = sorted({y for y in view.loc[view["value"].notna(), "year"] if y})
    sources = sorted({s for s in view.loc[view["value"].notna(), "source"] if isinstance(s, str) and s})
    parts = [
        f"{t('year', lang)}: {', '.join(years) or t('year_not_given', lang)}",
        f"{t('source', lang)}: {'; '.join(sources) or t('no_source', lang)}",
    ]
    note = pick(meta.get("note_zh", ""), meta.get("note_en", ""), lang)
    if note:
        parts.append(note)
    return "".join(f'<div style="margin-top:3px;color:#444">{esc(p)}</div>' for p in parts)


def _no_data_swatch() -> str:
    return (
        '<svg width="28" height="14"><rect x="1" y="1" width="26" height="12" '
        f'fill="{NO_DATA_FILL}" stroke="#999"/></svg>'
    )
