"""The 21 prefecture polygons with bilingual tooltips."""

from __future__ import annotations

import folium
import geopandas as gpd

from geo import style
from geo.i18n import t
from geo.layers.encoding import CompactGeoJson, feature_collection
from geo.layers.markup import esc
from geo.layers.topology import topology_of

DEFAULT_STYLE = {
    "color": style.PREFECTURE.edge,
    "weight": style.PREFECTURE.width,
    "fillColor": style.PREFECTURE.fill,
    "fillOpacity": style.PREFECTURE.fill_opacity,
}
HIGHLIGHT = {"weight": style.HIGHLIGHT.width, "color": style.HIGHLIGHT.color}
_TEXT_COLUMNS = ("name_zh", "short_zh", "name_en", "short_en", "kind")


def build_prefectures_layer(
    prefectures: gpd.GeoDataFrame,
    *,
    name: str | None = None,
    show: bool = True,
    lang: str = "zh",
    style: dict | None = None,
) -> folium.GeoJson:
    """Prefecture outlines as a toggleable layer; tooltips give both names and the adcode.

    Text is HTML-escaped before it enters the page.
    """
    style = {**DEFAULT_STYLE, **(style or {})}
    data = prefectures[["adcode", *_TEXT_COLUMNS, "geometry"]].copy()
    for col in _TEXT_COLUMNS:
        data[col] = data[col].map(esc)
    first, second = ("name_zh", "name_en") if lang == "zh" else ("name_en", "name_zh")
    tooltip = folium.GeoJsonTooltip(
        fields=[first, second, "adcode"],
        aliases=[t(first, lang), t(second, lang), t("adcode", lang)],
        sticky=True,
    )
    return CompactGeoJson(
        feature_collection(data, ["adcode", *_TEXT_COLUMNS], topology_of(tuple(prefectures.geometry))),
        name=esc(name or t("prefectures", lang)),  # the layer control shows names as HTML
        show=show,
        style_function=lambda _feature: style,
        highlight_function=lambda _feature: HIGHLIGHT,
        tooltip=tooltip,
        zoom_on_click=False,
    )
