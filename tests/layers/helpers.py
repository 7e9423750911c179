"""Reach into folium objects in one place (names, children, rendered fragments)."""

import folium

from geo.layers.elements import HtmlPopup, LayerLegend


def descendants(element):
    for child in element._children.values():
        yield child
        yield from descendants(child)


def of_type(element, cls) -> list:
    return [c for c in descendants(element) if isinstance(c, cls)]


def popups_html(element) -> list[str]:
    return [p.html for p in of_type(element, HtmlPopup)]


def legend_html(element) -> str:
    (legend,) = of_type(element, LayerLegend)
    return legend.html


def render(layer) -> str:
    m = folium.Map(tiles=None)
    layer.add_to(m)
    return m.get_root().render()
