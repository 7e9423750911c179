"""``ViewControls``: the whole-province button, the remembered view, and clicks passed through
markers to the area under the pointer."""

from __future__ import annotations

from folium.template import Template

from geo.layers.elements.base import OnMap
from geo.layers.elements.legend import LEGEND_JS
from geo.layers.page_functions import PageFunctions


class ViewControls(PageFunctions, OnMap):
    """The map's own controls and CSS: a kilometre scale bar, a "whole province" button, paths
    that let events through (``PASSIVE``), marker clicks passed on to the map (the prefecture
    under a marker is selected), no focus rectangle on clicked areas, and — with
    ``remember`` — the view kept in the browser's session storage, so a map rebuilt after a
    control change opens where the reader left it. With ``legends`` (legends will be shown) the
    legends' dock takes its room before any layer is drawn (``swLegend.reserve``)."""

    functions = (("swLegend", LEGEND_JS),)

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>
        .leaflet-pane > svg path.sw-passive.leaflet-interactive, path.sw-passive { pointer-events: none; }
        .leaflet-interactive:focus { outline: none; }
        .sw-legends[style*="row"] .sw-legend { flex: 1 1 230px; max-width: 460px; }
        .leaflet-bar a.sw-home { width: auto; padding: 0 8px; font: bold 12px/26px sans-serif; color: #222;
                                 white-space: nowrap; text-decoration: none; }
        .sw-label { background: none; border: none; }
        .sw-label span { position: absolute; transform: translate(-50%, -50%); white-space: nowrap;
                         font: 600 12px/1.15 sans-serif; color: #1a1a1a; pointer-events: none;
                         text-shadow: 0 0 2px #fff, 0 0 2px #fff, 0 0 3px #fff, 0 0 4px #fff; }
        .sw-park-label span { transform: translate(9px, -50%); font: 400 11px/1.15 sans-serif; }
        .sw-leader { position: absolute; left: 0; top: 0; height: 1px; background: #333;
                     transform-origin: 0 50%; pointer-events: none; }
        .leaflet-container:not(.sw-zoomed) .sw-park-label { display: none; }
        .sw-info th { text-align: left; padding-right: 6px; vertical-align: top; }
        .sw-legends { position: absolute; box-sizing: border-box; overflow-y: auto; align-content: flex-start;
                      gap: 6px 18px; padding: 6px 10px; background: #fff; font: 12px/1.35 sans-serif;
                      z-index: 1000; }
        .sw-legend > details > summary, .sw-sources summary { font-weight: bold; cursor: pointer; }
        .sw-entry { display: flex; align-items: center; gap: 6px; margin: 2px 0; }
        .sw-note { margin-top: 3px; color: #444; }
        .sw-more { margin-top: 3px; color: #555; }
        .sw-box { background: rgba(255,255,255,0.93); padding: 6px 9px; border-radius: 4px; overflow-y: auto;
                  box-shadow: 0 1px 4px rgba(0,0,0,0.3); font: 12px/1.35 sans-serif; max-width: 300px; }
        .sw-title { font: 600 16px/1.3 sans-serif; max-width: 60vw; }
        .sw-title div { font-weight: 400; font-size: 12px; color: #555; }
        .sw-sources { max-height: 40vh; max-width: 420px; }
        .sw-sources ul { margin: 4px 0 0 16px; padding: 0; }
        </style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        {{ this.functions_js() }}
        (function () {
            var map = {{ this.map_name }}, home = {{ this.home|tojson }}, key = "sw-view";
            // The bounds the map was last fitted to, until the reader moves it: when the map's
            // size changes (the legend dock below it) it is fitted to them again, clear of the
            // controls in the top left corner: kept right of them or below them, whichever
            // costs the less zoom.
            map._swFit = {{ this.fit|tojson }};
            map._swRefit = function (bounds) {
                var corner = map.getContainer().querySelector(".leaflet-top.leaflet-left");
                var w = corner ? corner.offsetWidth : 0, h = corner ? corner.offsetHeight : 0;
                var b = L.latLngBounds(bounds), padding = [0, h];
                if (map.getBoundsZoom(b, false, L.point(w, 0)) > map.getBoundsZoom(b, false, L.point(0, h))) {
                    padding = [w, 0];
                }
                map._swFitting = true;
                map.fitBounds(b, {animate: false, paddingTopLeft: padding});
                map._swFitting = false;
                map._swFit = bounds;
            };
            map.on("dragstart zoomstart", function () { if (!map._swFitting) map._swFit = null; });
            L.control.scale({imperial: false, metric: true}).addTo(map);
            var button = L.control({position: "topleft"});
            button.onAdd = function () {
                var bar = L.DomUtil.create("div", "leaflet-bar");
                L.DomEvent.disableClickPropagation(bar);
                var a = L.DomUtil.create("a", "sw-home", bar);
                a.href = "#";
                a.setAttribute("role", "button");
                a.title = {{ this.label|tojson }};
                a.textContent = {{ this.label|tojson }};
                L.DomEvent.on(a, "click", function (e) {
                    L.DomEvent.stop(e);
                    map._swRefit(home);
                });
                return bar;
            };
            button.addTo(map);
            map._swRefit(map._swFit);  // now that the corner's controls are all there
            // A click on a marker (a place, a base, a count of places) is also a click on the map
            // where the pointer is, so the app selects the prefecture under the pointer whatever
            // is drawn there; in the app (streamlit-folium's page, its window.__GLOBAL_DATA__) the
            // marker's own point goes along as the object clicked, for its details in the panel,
            // and a click beside every marker clears it. Markers stop the map's own click.
            function clickThrough(layer) {
                if (!(layer instanceof L.Marker) || layer._swClick || !layer.options.interactive) return;
                layer._swClick = true;
                layer.on("click", function (e) {
                    var at = e.originalEvent ? map.mouseEventToLatLng(e.originalEvent) : e.latlng;
                    var g = window.__GLOBAL_DATA__;
                    if (g) g.last_object_clicked = layer.getLatLng();
                    map.fire("click", {latlng: at, swMarker: true});
                });
            }
            map.on("click", function (e) {
                if (!e.swMarker && window.__GLOBAL_DATA__) window.__GLOBAL_DATA__.last_object_clicked = null;
            });
            map.eachLayer(clickThrough);
            map.on("layeradd", function (e) { clickThrough(e.layer); });
            // A press in a map frame that is partly out of view scrolls the page to show it, so
            // the release lands elsewhere under a still pointer: the click belongs where the
            // reader pressed (on the marker pressed, if any).
            function frameTop() {
                try { return window.frameElement ? window.frameElement.getBoundingClientRect().top : 0; }
                catch (e) { return 0; }
            }
            var press = null;
            map.getContainer().addEventListener("mousedown", function (e) {
                press = {x: e.clientX, y: e.clientY, top: frameTop(), target: e.target};
            }, true);
            map.on("click", function (e) {
                var p = press;
                press = null;
                if (!p || !e.originalEvent || Math.abs(frameTop() - p.top) < 1) return;
                var icon = p.target.closest && p.target.closest(".leaflet-marker-icon.leaflet-interactive");
                var marker = null;
                map.eachLayer(function (l) { if (icon && l._icon === icon) marker = l; });
                var at = {clientX: p.x, clientY: p.y};
                var latlng = marker ? marker.getLatLng() : map.mouseEventToLatLng(at);
                setTimeout(function () {  // after every other handler of this click
                    if (marker) marker.fire("click", {latlng: latlng});
                    else map.fire("click", {latlng: latlng});
                }, 0);
            });
            if ({{ this.remember|tojson }}) {
                try {
                    var saved = JSON.parse(window.sessionStorage.getItem(key) || "null");
                    if (saved && saved.fit) map._swRefit(saved.fit);  // still fitted: fit again
                    else if (saved) {
                        map.setView([saved.lat, saved.lng], saved.zoom, {animate: false});
                        map._swFit = null;  // the reader's own view, kept as it is
                    }
                } catch (e) {}
                map.on("moveend", function () {
                    var c = map.getCenter();
                    var view = {lat: c.lat, lng: c.lng, zoom: map.getZoom(), fit: map._swFit};
                    try { window.sessionStorage.setItem(key, JSON.stringify(view)); } catch (e) {}
                });
            }
            if ({{ this.legends|tojson }}) swLegend.reserve(map);
        })();
        {% endmacro %}
        """
    )

    def __init__(
        self,
        home: list[list[float]],
        label: str,
        *,
        fit: list[list[float]] | None = None,
        remember: bool = False,
        legends: bool = False,
    ):
        super().__init__()
        self._name = "ViewControls"
        self.legends = bool(legends)
        self.home = home
        self.fit = fit or home
        self.label = label
        self.remember = bool(remember)
