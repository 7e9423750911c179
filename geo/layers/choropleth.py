"""A choropleth of a scene (``geo.scene.build.AreasLayer``): the classes' colours decided there, areas
without data hatched (an SVG pattern, no image), tooltips and the legend."""

from __future__ import annotations

import folium
from branca.element import MacroElement
from folium.template import Template

from geo.layers.elements import legend_box
from geo.layers.encoding import CompactGeoJson, feature_collection
from geo.layers.markup import esc, info_rows
from geo.layers.topology import topology_of
from geo.scene import style
from geo.scene.build import AreasLayer
from geo.scene.view import LAYERS

NO_DATA_FILL = "url(#sw-no-data)"


class _NoDataPattern(MacroElement):
    """Inline SVG hatch patterns that areas without a colour use as their fill (``style.HATCHES``):
    "no data" lines, a series break crossed lines."""

    _template = Template(
        """
        {% macro html(this, kwargs) %}
        <svg width="0" height="0" style="position:absolute" aria-hidden="true"><defs>
        <pattern id="sw-no-data" width="6" height="6" patternUnits="userSpaceOnUse"
                 patternTransform="rotate(45)">
        <rect width="6" height="6" fill="#f4f4f4"/><line x1="0" y1="0" x2="0" y2="6"
              stroke="#b0b0b0" stroke-width="2"/></pattern>
        <pattern id="sw-break" width="7" height="7" patternUnits="userSpaceOnUse"
                 patternTransform="rotate(45)">
        <rect width="7" height="7" fill="#f4f4f4"/><line x1="0" y1="0" x2="0" y2="7"
              stroke="#8c8c8c" stroke-width="1.5"/><line x1="0" y1="0" x2="7" y2="0"
              stroke="#8c8c8c" stroke-width="1.5"/></pattern></defs></svg>
        {% endmacro %}
        """
    )


def build_choropleth_layer(
    layer: AreasLayer, *, name: str | None = None, show: bool = True
) -> folium.FeatureGroup:
    """The scene's classes as fills, "no data" hatched, tooltips (escaped here) and the legend."""
    group = folium.FeatureGroup(name=esc(name or layer.title), show=show)  # the control shows HTML
    kinds = layer.areas["hatch"] if "hatch" in layer.areas else ["no_data"] * len(layer.areas)
    areas = layer.areas.assign(
        fill=[f or f"url(#{style.HATCHES[k][0]})" for f, k in zip(layer.areas["fill"], kinds, strict=True)],
        tip=[info_rows(i.title, list(i.rows)) for i in layer.areas["tip"]],
    )
    CompactGeoJson(
        feature_collection(areas, ["adcode", "fill", "tip"], topology_of(tuple(areas.geometry))),
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
    group.add_child(legend_box(layer.legend, order=LAYERS.index("choropleth")))
    return group
