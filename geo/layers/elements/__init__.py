"""Small Leaflet elements our layers need, written without jQuery or plugins, one idea a module
with its script template beside its class (as folium's plugins are):

- ``legend``: ``LayerLegend`` (``legend_box``), a layer's legend shown while its layer is on;
- ``markers``: ``MarkerSet`` (many markers in one script, popups as data), ``ZoomClass``;
- ``labels``: ``Labels``, names placed by the scene's rule;
- ``lines``: ``LineSet`` (many lines in one script);
- ``controls``: ``ViewControls``, the whole-province button and clicks passed to the area below;
- ``boxes``: an exported page's title, sources, description and layer switch;
- ``base``: what they share.
"""

from geo.layers.elements.base import LEAFLET_PATH_DEFAULTS, PASSIVE, lean_path_options
from geo.layers.elements.boxes import LayerSwitch, MapBox, MapDescription, map_title, source_panel
from geo.layers.elements.controls import ViewControls
from geo.layers.elements.labels import Labels
from geo.layers.elements.legend import LayerLegend, legend_box
from geo.layers.elements.lines import LineSet
from geo.layers.elements.markers import MarkerSet, ZoomClass

__all__ = [
    "LEAFLET_PATH_DEFAULTS",
    "PASSIVE",
    "Labels",
    "LayerLegend",
    "LayerSwitch",
    "LineSet",
    "MapBox",
    "MapDescription",
    "MarkerSet",
    "ViewControls",
    "ZoomClass",
    "lean_path_options",
    "legend_box",
    "map_title",
    "source_panel",
]
