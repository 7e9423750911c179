"""The five industry bases of a scene (``geo.scene.build.MarksLayer``): distinct colour-blind-safe
symbols on the ring the scene placed them on in Chengdu, and dashed links to the parks each is
*interpreted* to use."""

from __future__ import annotations

import folium

from geo.layers.elements import LineSet, MarkerSet, legend_box
from geo.layers.markup import esc, info_rows
from geo.scene import style
from geo.scene.build import Mark, MarksLayer
from geo.scene.style import dash_css
from geo.scene.view import LAYERS


def build_bases_layer(
    layer: MarksLayer, *, name: str | None = None, show: bool = True, popups: bool = True
) -> folium.FeatureGroup:
    """Five base symbols with popups (none with ``popups`` off: the app's panel shows a clicked
    base), interpretation links, and a legend."""
    group = folium.FeatureGroup(name=esc(name or layer.title), show=show)  # the control shows HTML
    link = {
        "weight": style.BASE_LINK_WIDTH,
        "opacity": style.BASE_LINK_OPACITY,
        "dashArray": dash_css(style.BASE_LINK_DASH),
    }
    colors = list(dict.fromkeys(k.color for k in layer.links))  # a style per base's colour
    styles = [{"color": c, **link} for c in colors]
    lines = [
        {"path": [(lat, lon) for lon, lat in k.path], "styles": [colors.index(k.color)], "tip": esc(k.tip)}
        for k in layer.links
    ]
    group.add_child(LineSet(lines, styles))
    group.add_child(MarkerSet([_marker(mark, popups) for mark in layer.marks], sticky=True))
    group.add_child(legend_box(layer.legend, order=LAYERS.index("bases")))
    return group


def _marker(mark: Mark, popups: bool) -> dict:
    return {
        "lat": mark.lat,
        "lon": mark.lon,
        "symbol": (mark.shape, mark.color),
        "size": 22,
        "tip": esc(mark.tip),
        "infos": [info_rows(mark.infos[0].title, list(mark.infos[0].rows))] if popups else [],
    }
