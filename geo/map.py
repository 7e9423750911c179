"""The one composer: every interactive map (app, HTML export, benchmark) is assembled here."""

from __future__ import annotations

import folium
from branca.element import Figure, MacroElement
from folium.template import Template

from geo.assets import use_local_assets
from geo.data.load import MapData
from geo.layers.bases import build_bases_layer
from geo.layers.choropleth import build_choropleth_layer
from geo.layers.elements import LayerSwitch, MapDescription, ViewControls, map_title, source_panel
from geo.layers.encoding import share_arcs
from geo.layers.labels import build_labels_layer
from geo.layers.layout import build_layout_layer
from geo.layers.markup import esc
from geo.layers.page_functions import share_page_functions
from geo.layers.parks import build_parks_layer
from geo.layers.prefectures import build_prefectures_layer
from geo.scene.build import Scene
from geo.scene.interactive import map_layer, map_scene
from geo.scene.view import MapView
from geo.text.i18n import t

# Layer name -> the function that draws its scene layer (``geo.scene.build``) as a folium layer.
RENDERERS = {
    "prefectures": build_prefectures_layer,
    "choropleth": build_choropleth_layer,
    "layout": build_layout_layer,
    "bases": build_bases_layer,
    "parks": build_parks_layer,
    "labels": build_labels_layer,
}


# The view's fields each layer is drawn from (besides the data and its datum): a layer drawn
# once can be reused while these are unchanged (the app swaps only the layers that change).
LAYER_FIELDS = {
    "prefectures": ("lang",),
    "choropleth": (
        "lang",
        "indicator",
        "year",
        "level",
        "within",
        "scheme",
        "k",
        "bins",
        "palette",
        "breaks",
        "change",
        "measure",
        "centre",
    ),
    "layout": ("lang", "reading"),
    "bases": ("lang",),
    "parks": ("lang", "labels"),
    "labels": ("lang",),
}
# ... and the fields the map's frame (tiles, controls) is drawn from.
FRAME_FIELDS = ("lang", "basemap")


# Layers whose markers carry popups in a page of their own; the app shows a clicked mark's details
# in its panel instead (a popup would cover the areas around it).
WITH_POPUPS = ("bases", "parks")


def draw_layer(layer, *, popups: bool = True) -> folium.map.Layer:
    """A scene layer (``geo.scene.build``) drawn; the borders its areas share travel once
    (``share_arcs``), and so do the page's functions. Without ``popups`` its markers have
    tooltips only."""
    options = {"popups": popups} if layer.name in WITH_POPUPS else {}
    drawn = RENDERERS[layer.name](layer, **options)
    _send_once(drawn)
    return drawn


def build_layer(data: MapData, view: MapView, name: str, *, popups: bool = True) -> folium.map.Layer:
    """Layer ``name`` of ``view`` (one of ``LAYER_FIELDS``): its scene layer, decided from ``data``
    in the tiles' datum (``geo.scene.interactive.map_layer``), drawn."""
    return draw_layer(map_layer(data, view, name), popups=popups)


def _lat_lon(bounds) -> list[list[float]]:
    x0, y0, x1, y1 = bounds
    return [[y0, x0], [y1, x1]]


def _send_once(root) -> None:
    """Under ``root`` (a layer, a page) each topology's arcs and each page function are sent once:
    a layer alone (the app swaps them) carries its own; a page, one copy."""
    share_arcs(root)
    share_page_functions(root)


def build_frame(
    scene: Scene,
    *,
    basemap_key: str = "",
    assets_url: str = "/app/static",
    height: str = "100%",
    frame: dict | None = None,
    remember_view: bool = False,
    fit: tuple[float, float, float, float] | None = None,
    legends: bool | None = None,
) -> folium.Map:
    """The map of ``scene`` without its layers: its basemap's tiles, fitted to its bounds (or to
    ``fit``), scale bar and the "whole province" button (see ``build_map`` for the options); the
    legends' dock takes its room before the layers are drawn when ``legends`` (by default: when
    the scene has any)."""
    m = folium.Map(tiles=None, control_scale=False, height=height, zoom_snap=0.25, **(frame or {}))
    use_local_assets(m, assets_url)
    if scene.basemap is not None:
        keys = scene.basemap.url_keys(basemap_key)
        for i, (provider, overlay) in enumerate(scene.basemap.tiles):
            folium.TileLayer(
                provider.build_url(fill_subdomain=False, **(keys if provider.requires_token() else {})),
                attr=provider.html_attribution,
                name=scene.basemap.name if i == 0 else f"{scene.basemap.name} ({i})",
                overlay=overlay,
                control=False,
                subdomains=provider.get("subdomains", "abc"),
            ).add_to(m)
    # fitted by the controls once they are on the map, clear of them and at once (folium's
    # fit_bounds would animate a zoom of four levels from the map's first view, after this fit)
    shown = _lat_lon(fit or scene.bounds)
    whole = _lat_lon(scene.whole)
    docked = bool(scene.legends) if legends is None else legends
    label = t("whole_province", scene.view.lang)
    m.add_child(ViewControls(whole, label, fit=shown, remember=remember_view, legends=docked))
    return m


def draw_map(
    scene: Scene,
    *,
    basemap_key: str = "",
    assets_url: str = "/app/static",
    height: str = "100%",
    frame: dict | None = None,
    remember_view: bool = False,
    page_title: bool = False,
) -> folium.Map:
    """``scene`` drawn as one ``folium.Map``: its frame, then its layers in its order (areas below
    lines below markers), the layer switch; with ``page_title`` (exported pages) the page has a
    ``<title>`` and the map a visible title, its description and sources, and says when its tiles
    need the network. See ``build_map`` for the options."""
    m = build_frame(
        scene,
        basemap_key=basemap_key,
        assets_url=assets_url,
        height=height,
        frame=frame,
        remember_view=remember_view,
    )
    for layer in scene.layers:
        draw_layer(layer).add_to(m)
    m.add_child(LayerSwitch(folium.LayerControl(collapsed=False).add_to(m)))  # beside the map
    if page_title:
        lang = scene.view.lang
        m.get_root().title = esc(scene.title)
        note = t("tiles_need_network", lang) if scene.view.basemap != "none" else ""
        m.add_child(map_title(scene.title, note))
        m.add_child(MapDescription(scene.title, scene.description))
        m.add_child(source_panel(t("sources_cited", lang), list(scene.sources)))
    _send_once(m)
    return m


def build_map(data: MapData, view: MapView | None = None, **options) -> folium.Map:
    """Assemble the map ``view`` describes (``geo.scene.view.MapView``; default: the default view):
    its scene (``geo.scene.interactive.map_scene``: on tiles in another datum, Amap's GCJ-02, every layer
    decided from ``data`` moved into it, so it lines up), drawn by ``draw_map``.

    ``basemap_key`` is the key a basemap needs (Tianditu); ``assets_url`` is where
    leaflet.js/css are served from (``geo.assets``); ``frame`` passes placement options (width,
    left, position) to ``folium.Map``; with ``remember_view`` the map reopens where the reader
    left it (a map rebuilt in the same browser tab); with ``page_title`` (exported pages) the page
    has a ``<title>`` and the map a visible title, and says when its tiles need the network.
    """
    return draw_map(map_scene(data, view), **options)


class _SyncViews(MacroElement):
    """Keep two maps on the same centre and zoom (a few lines instead of a CDN plugin)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (a, b) {
            var busy = false;
            function follow(src, dst) {
                src.on("move zoom", function () {
                    if (busy) return;
                    busy = true;
                    dst._swFitting = src._swFitting;  // a fit is not the reader's move: both stay fitted
                    dst.setView(src.getCenter(), src.getZoom(), {animate: false});
                    dst._swFitting = false;
                    busy = false;
                });
            }
            follow(a, b);
            follow(b, a);
        })({{ this.left.get_name() }}, {{ this.right.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, left: folium.Map, right: folium.Map):
        super().__init__()
        self._name = "SyncViews"
        self.left, self.right = left, right


def build_comparison(data: MapData, left: MapView, right: MapView, **placement) -> Figure:
    """Two maps side by side whose views move together, e.g. two indicators.

    ``placement`` (e.g. ``assets_url``, ``basemap_key``) applies to both ``build_map`` calls.
    """
    figure = Figure()
    maps = []
    for side, offset in ((left, "0%"), (right, "50%")):
        frame = {"width": "50%", "left": offset, "top": "0%", "position": "absolute"}
        m = build_map(data, side, frame=frame, **placement)
        figure.add_child(m)
        maps.append(m)
    figure.add_child(_SyncViews(*maps))
    _send_once(figure)
    return figure
