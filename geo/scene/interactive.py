"""The scene of an interactive map: its view checked against the data, decided in the datum of
its basemap's tiles (Amap's GCJ-02: every polygon, point and seat moved, so they line up).

Takes ``MapData`` and a ``MapView``; gives the ``Scene`` (``geo.scene.build``) that the composer
(``geo.map``) and the app's live map draw.
"""

from __future__ import annotations

from geo.data.basemaps import basemap_datum
from geo.data.load import MapData
from geo.scene.build import Scene, build_scene, build_scene_layer
from geo.scene.view import MapView


def checked_view(data: MapData, view: MapView | None) -> MapView:
    """``view`` (default: the default view) checked against the readings and basemaps of ``data``."""
    return (view or MapView()).checked(readings=data.layout["readings"], basemaps=data.basemaps)


def drawn_data(data: MapData, view: MapView) -> MapData:
    """``data`` in the datum the map of ``view`` is drawn in (that of its basemap's tiles)."""
    return data.in_datum(basemap_datum(data.basemaps, view.basemap))


def map_scene(data: MapData, view: MapView | None = None, *, layer=None) -> Scene:
    """The scene of an interactive map of ``view``: checked, and decided in the datum of its
    basemap's tiles (Amap's GCJ-02: every polygon, point and seat moved, so they line up)."""
    view = checked_view(data, view)
    return build_scene(drawn_data(data, view), view, layer=layer)


def map_layer(data: MapData, view: MapView, name: str):
    """Layer ``name`` of the interactive map of ``view`` (see ``map_scene``)."""
    return build_scene_layer(drawn_data(data, view), view, name)
