"""The prefecture polygons of a scene (``geo.scene.build.AreasLayer``), with their tooltips."""

from __future__ import annotations

import folium

from geo.layers.encoding import CompactGeoJson, feature_collection
from geo.layers.markup import esc, info_rows
from geo.layers.topology import topology_of
from geo.scene import style as STYLE
from geo.scene.build import AreasLayer


def build_prefectures_layer(
    layer: AreasLayer, *, name: str | None = None, show: bool = True, style: dict | None = None
) -> folium.GeoJson:
    """Prefecture outlines as a toggleable layer; each tooltip is its scene ``Info`` (both names
    and the adcode), escaped here."""
    default = {
        "color": STYLE.PREFECTURE.edge,
        "weight": STYLE.PREFECTURE.width,
        "fillColor": STYLE.PREFECTURE.fill,
        "fillOpacity": STYLE.PREFECTURE.fill_opacity,
    }
    style = {**default, **(style or {})}
    highlight = {"weight": STYLE.HIGHLIGHT.width, "color": STYLE.HIGHLIGHT.color}
    areas = layer.areas.assign(tip=[info_rows(i.title, list(i.rows)) for i in layer.areas["tip"]])
    return CompactGeoJson(
        feature_collection(areas, ["adcode", "tip"], topology_of(tuple(areas.geometry))),
        name=esc(name or layer.title),  # the layer control shows names as HTML
        show=show,
        style_function=lambda _feature: style,
        highlight_function=lambda _feature: highlight,
        tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False, sticky=True),
        zoom_on_click=False,
    )
