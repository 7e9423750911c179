"""What the map's elements share: the on-map base class, passive paths and lean path options."""

from __future__ import annotations

import folium
from branca.element import MacroElement
from folium.utilities import get_obj_in_upper_tree

# CSS class of paths that let clicks and hovers through to the areas below (see ViewControls).
PASSIVE = "sw-passive"


class OnMap(MacroElement):
    """An element whose script needs the map's variable (``this.map_name``) wherever it sits."""

    def render(self, **kwargs):
        self.map_name = get_obj_in_upper_tree(self, folium.Map).get_name()
        super().render(**kwargs)


# Leaflet 1.9's own defaults of a vector layer's options (L.Path, L.Polyline); "fill" differs
# between lines and circles and is always kept. folium writes every option out.
LEAFLET_PATH_DEFAULTS = {
    "stroke": True,
    "opacity": 1.0,
    "lineCap": "round",
    "lineJoin": "round",
    "dashArray": None,
    "dashOffset": None,
    "fillOpacity": 0.2,
    "fillRule": "evenodd",
    "bubblingMouseEvents": True,
    "smoothFactor": 1.0,
    "noClip": False,
}


def lean_path_options(root) -> None:
    """Drop the options of ``root``'s vector layers (lines, polygons, circles) that Leaflet would
    take anyway (its defaults, and a fill colour equal to the stroke's): the same drawing, a
    third of each layer's script."""
    from folium import vector_layers

    kinds = (vector_layers.BaseMultiLocation, vector_layers.CircleMarker)
    stack = [root]
    while stack:
        element = stack.pop()
        stack.extend(element._children.values())
        options = getattr(element, "options", None)
        if not isinstance(element, kinds) or not isinstance(options, dict):
            continue
        element.options = {
            key: value
            for key, value in options.items()
            if not (key in LEAFLET_PATH_DEFAULTS and value == LEAFLET_PATH_DEFAULTS[key])
            and not (key == "fillColor" and value == options.get("color"))
        }
