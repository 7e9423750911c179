"""The named parks, zones and city designations of a scene (``geo.scene.build.MarksLayer``) as markers
by kind. Where the scene counts a prefecture's places (Chengdu), its count shows at province zoom
and opens up into the individual markers from ``DETAIL_ZOOM`` on (pure CSS, no plugin). Symbols
are inline SVG: no icon fonts, no images."""

from __future__ import annotations

import folium

from geo.layers.elements import Labels, MarkerSet, ZoomClass, legend_box
from geo.layers.labels import label_dicts
from geo.layers.markup import esc, info_rows
from geo.scene.build import DETAIL_ZOOM, Mark, MarksLayer
from geo.scene.view import LAYERS

_DECLUTTER_CSS = (
    ".leaflet-container:not(.sw-zoomed) .sw-detail { display: none; } "
    ".leaflet-container.sw-zoomed .sw-aggregate { display: none; } "
    ".sw-icon { background: none; border: none; } "
    ".sw-count { width: 26px; height: 26px; border-radius: 13px; background: #333333; color: #fff; "
    "font: bold 12px/26px sans-serif; text-align: center; border: 2px solid #fff; box-shadow: 0 0 3px #333; }"
)


def build_parks_layer(
    layer: MarksLayer, *, name: str | None = None, show: bool = True, popups: bool = True
) -> folium.FeatureGroup:
    """Markers for the located places, a count where the scene has one, names, and a legend;
    without ``popups`` (the app, whose panel shows a clicked place) a marker has its tooltip only."""
    group = folium.FeatureGroup(name=esc(name or layer.title), show=show)  # the control shows HTML
    group.add_child(MarkerSet([_marker(m, popups) for m in layer.marks]))
    if layer.labels:  # names beside the markers, shown from DETAIL_ZOOM on (CSS in ViewControls)
        group.add_child(Labels(label_dicts(layer.labels), css_class="sw-park-label", priority=1))
    group.add_child(ZoomClass(DETAIL_ZOOM, "sw-zoomed", _DECLUTTER_CSS))
    group.add_child(legend_box(layer.legend, order=LAYERS.index("parks")))
    return group


def _marker(mark: Mark, popups: bool) -> dict:
    if mark.count:  # a count of places: a badge (a click selects its prefecture, never zooms)
        badge = f'<div class="sw-count">{int(mark.count)}</div>'
        return {"lat": mark.lat, "lon": mark.lon, "icon": badge, "cls": "sw-aggregate", "size": 30,
                "tip": esc(mark.tip)}  # fmt: skip
    return {
        "lat": mark.lat,
        "lon": mark.lon,
        "symbol": (mark.shape, mark.color),
        "cls": "sw-detail" if mark.detail else "",
        "tip": "<br>".join(esc(line) for line in mark.tip.split("\n")),
        "infos": [info_rows(i.title, list(i.rows)) for i in mark.infos] if popups else [],
    }
