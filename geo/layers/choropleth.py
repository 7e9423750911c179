"""A choropleth that does not mislead (prefectures or counties).

Classes come from mapclassify (``geo.indicators.classify``); colours from
colour-blind-safe sequential palettes; prefectures without data get their own
hatched "no data" class; a single value is shown as one highlighted area with
its note, not stretched over a colour ramp. Every tooltip names value, unit,
rank among the areas with values, year and source.
"""

from __future__ import annotations

import folium
import geopandas as gpd
import pandas as pd
from branca.element import MacroElement
from folium.template import Template

from geo import style
from geo.classify import class_colors
from geo.i18n import meta_number, meta_unit, pick, t
from geo.layers.elements import legend_box
from geo.layers.encoding import CompactGeoJson, feature_collection
from geo.layers.markup import NO_DATA_FILL, esc, info_rows
from geo.layers.topology import topology_of
from geo.legends import COPY_MARK, choropleth_legend, marked, source_names, unverified
from geo.view import LAYERS

__all__ = ["NO_DATA_FILL", "build_choropleth_layer"]


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
    areas: gpd.GeoDataFrame,
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
    """Choropleth of ``view`` (``geo.indicators.indicator_view`` over ``areas``: prefectures or
    counties) with legend and tooltips.

    ``meta`` is the indicator's row of ``indicators_meta.csv`` (names, unit, decimals, note).
    """
    unit, fmt = meta_unit(meta, lang), meta_number(meta, lang)
    classes = class_colors(view, scheme=scheme, k=k, bins=bins, palette=palette, fmt=fmt)
    fills = [f or NO_DATA_FILL for f in classes.fills]
    legend = choropleth_legend(view, meta, classes, lang)
    title = name or pick(meta["name_zh"], meta["name_en"], lang)
    n_values = int(view["value"].notna().sum())
    group = folium.FeatureGroup(name=esc(title), show=show)  # the layer control shows names as HTML
    data = gpd.GeoDataFrame(
        {
            "adcode": view["adcode"].values,
            "fill": fills,
            "tip": [_tooltip(r, unit, fmt, n_values, lang) for r in view.itertuples()],
        },
        geometry=areas.set_index("adcode").loc[view["adcode"]].geometry.values,
        crs=areas.crs,
    )
    CompactGeoJson(
        feature_collection(data, ["adcode", "fill", "tip"], topology_of(tuple(areas.geometry))),
        style_function=lambda f: {
            "fillColor": f["properties"]["fill"],
            "fillOpacity": style.CHOROPLETH_OPACITY,
            "color": style.CHOROPLETH_EDGE.color,
            "weight": style.CHOROPLETH_EDGE.width,
        },
        highlight_function=lambda _f: {"weight": style.HIGHLIGHT.width, "color": style.HIGHLIGHT.color},
        tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False, sticky=True),
    ).add_to(group)
    group.add_child(_NoDataPattern())
    group.add_child(legend_box(legend, order=LAYERS.index("choropleth")))
    return group


def _tooltip(row, unit: str, fmt, n_values: int, lang: str) -> list:
    """The area's tooltip as data (``info_rows``; the page makes its HTML): sources by short name."""
    name = pick(row.name_zh, row.name_en, lang)
    other = row.name_zh if lang == "en" else ""  # the Chinese name for English readers; none the other way
    if pd.isna(row.value):
        return info_rows(name, [("", other), (t("value", lang), t("no_data", lang))])
    sources = t("list_sep", lang).join(source_names([row.source], lang)) if row.source else ""
    return info_rows(
        name,
        [
            ("", other),
            (t("value", lang), marked(f"{fmt(row.value)} {unit}".strip(), row.source)),
            (t("rank", lang), f"{row.rank} / {n_values}"),
            (t("year", lang), row.year or t("year_not_given", lang)),
            (t("source", lang), sources or t("no_source", lang)),
            ("", t("copy_mark", lang, mark=COPY_MARK) if unverified(row.source) else ""),
        ],
    )
