"""Small Leaflet elements our layers need, written without jQuery or plugins.

- ``LayerLegend``: a legend box shown while its parent layer is on the map;
- ``HtmlPopup``: a popup from a prepared (escaped) HTML string;
- ``ZoomClass``: a CSS class on the map container from a given zoom on;
- ``MapBox``: an exported page's title (``map_title``) or sources (``source_panel``);
- ``MarkerSet``: many markers in one script.
"""

from __future__ import annotations

import re

import folium
from branca.element import MacroElement
from folium.template import Template
from folium.utilities import get_obj_in_upper_tree

from geo.layers.markup import INFO_JS, esc, legend_body
from geo.style import Legend

# CSS class of paths that let clicks and hovers through to the areas below (see ViewControls).
PASSIVE = "sw-passive"

_BOX_STYLE = (
    "background:rgba(255,255,255,0.93);padding:6px 9px;border-radius:4px;overflow-y:auto;"
    "box-shadow:0 1px 4px rgba(0,0,0,0.3);font:12px/1.35 sans-serif;max-width:300px"
)


class _OnMap(MacroElement):
    """An element whose script needs the map's variable (``this.map_name``) wherever it sits."""

    def render(self, **kwargs):
        self.map_name = get_obj_in_upper_tree(self, folium.Map).get_name()
        super().render(**kwargs)


class LayerLegend(_OnMap):
    """A layer's legend (HTML already escaped by the caller's builders), shown while the layer is on.

    All legends share one area at the bottom right: it scrolls rather than grows (at most half the
    map's height), starts folded on maps narrower than ``FOLD_BELOW_PX``, and hides while a popup
    is open, as does the layer control, so neither covers the popup. Legends keep the layers'
    order (``order``) however they are toggled.
    """

    FOLD_BELOW_PX = 1000
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var layer = {{ this._parent.get_name() }}, map = {{ this.map_name }};
            if (!map._swLegendArea) {
                var area = L.control({position: "bottomright"});
                area.onAdd = function () {
                    var div = L.DomUtil.create("div", "sw-legends");
                    div.style.cssText = {{ this.style|tojson }};
                    L.DomEvent.disableClickPropagation(div);
                    L.DomEvent.disableScrollPropagation(div);
                    return div;
                };
                area.addTo(map);
                map._swLegendArea = area.getContainer();
                var fit = function () {
                    map._swLegendArea.style.maxHeight = Math.max(120, map.getSize().y * 0.5) + "px";
                };
                map.on("resize", fit);
                fit();
                map.on("popupopen", function () { map.getContainer().classList.add("sw-popup-open"); });
                map.on("popupclose", function () { map.getContainer().classList.remove("sw-popup-open"); });
            }
            var div = L.DomUtil.create("div", "sw-legend");
            div.dataset.order = {{ this.order }};
            div.innerHTML = {{ this.html|tojson }};
            if (map.getSize().x < {{ this.FOLD_BELOW_PX }}) div.querySelector("details").open = false;
            function show() {
                var area = map._swLegendArea, after = null;
                Array.prototype.forEach.call(area.children, function (c) {
                    if (after === null && +c.dataset.order > {{ this.order }}) after = c;
                });
                area.insertBefore(div, after);
            }
            // The layer is added to the map after this script runs: follow its own events.
            layer.on("add", show);
            layer.on("remove", function () { div.remove(); });
            if (map.hasLayer(layer)) show();
        })();
        {% endmacro %}
        """
    )

    def __init__(self, title: str, body_html: str, *, order: int = 0):
        super().__init__()
        self._name = "LayerLegend"
        self.order = int(order)
        self.style = _BOX_STYLE
        # <details>: the reader can fold a legend away (no script needed)
        self.html = (
            f'<details open><summary style="font-weight:bold;cursor:pointer">{esc(title)}</summary>'
            f"{body_html}</details>"
        )


def legend_box(legend: Legend, *, order: int = 0) -> LayerLegend:
    """The legend of a layer from its ``geo.style.Legend`` (the static map draws the same);
    ``order`` is the layer's place in ``geo.view.LAYERS``."""
    return LayerLegend(legend.title, legend_body(legend), order=order)


class HtmlPopup(MacroElement):
    """Bind an HTML popup to the parent layer. The HTML must already be escaped
    (``geo.layers.markup`` builders do it); it is passed as a JSON string."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.bindPopup({{ this.html|tojson }}, {maxWidth: {{ this.max_width }}});
        {% endmacro %}
        """
    )

    def __init__(self, html: str, *, max_width: int = 360):
        super().__init__()
        self._name = "HtmlPopup"
        self.html = html
        self.max_width = int(max_width)


class ZoomClass(_OnMap):
    """Toggle ``css_class`` on the map container while zoom >= ``zoom``, plus the CSS rules
    given (e.g. to show detail markers only when zoomed in)."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>{{ this.css }}</style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this.map_name }};
            function sync() {
                map.getContainer().classList.toggle({{ this.css_class|tojson }},
                                                    map.getZoom() >= {{ this.zoom }});
            }
            map.on("zoomend", sync);
            sync();
        })();
        {% endmacro %}
        """
    )

    def __init__(self, zoom: int, css_class: str, css: str):
        super().__init__()
        self._name = "ZoomClass"
        self.zoom = int(zoom)
        self.css_class = css_class
        self.css = css


class MarkerSet(MacroElement):
    """Many point markers in one script: inline-SVG DivIcons, tooltips and popups.

    ``markers`` are dicts with lat, lon, icon (HTML), cls (CSS classes), size (px), tip (HTML,
    already escaped) and infos (popup bodies as ``geo.layers.markup.info_rows``, drawn in the page
    as ``info_html`` draws them). One element instead of four per marker keeps the page small and
    rendering fast; each distinct icon travels once, and empty fields not at all.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.info_js }}
        (function (group, icons) {
            {{ this.markers|tojson }}.forEach(function (d) {
                var size = d.size || 16;
                var icon = L.divIcon({html: icons[d.icon], className: "sw-icon " + (d.cls || ""),
                                      iconSize: [size, size], iconAnchor: [size / 2, size / 2]});
                var marker = L.marker([d.lat, d.lon], {icon: icon});
                if (d.tip) marker.bindTooltip(d.tip);
                if (d.infos) marker.bindPopup(d.infos.map(swInfoHtml).join("<hr>"), {maxWidth: 360});
                if (d.zoom) marker.on("click", function () { group._map.setView([d.lat, d.lon], d.zoom); });
                marker.addTo(group);
            });
        })({{ this._parent.get_name() }}, {{ this.icons|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, markers: list[dict]):
        super().__init__()
        self._name = "MarkerSet"
        self.info_js = INFO_JS
        self.icons: list[str] = []
        index: dict[str, int] = {}
        self.markers = []
        for m in markers:
            icon = index.setdefault(m["icon"], len(index))
            if icon == len(self.icons):
                self.icons.append(m["icon"])
            given = {
                "cls": m.get("cls", ""),
                "size": int(m.get("size", 16)),
                "tip": m.get("tip", ""),
                "infos": m.get("infos", []),
                "zoom": int(m.get("zoom", 0)),
            }
            self.markers.append(
                {
                    "lat": float(m["lat"]),
                    "lon": float(m["lon"]),
                    "icon": icon,
                    **{k: v for k, v in given.items() if v and (k, v) != ("size", 16)},
                }
            )


class MapBox(_OnMap):
    """A box of prepared (escaped) HTML in a corner of the map: an exported page's title
    (``map_title``) or its sources (``source_panel``)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var box = L.control({position: {{ this.position|tojson }}});
            box.onAdd = function () {
                var div = L.DomUtil.create("div", {{ this.css_class|tojson }});
                div.style.cssText = {{ this.style|tojson }};
                div.innerHTML = {{ this.html|tojson }};
                {% if this.interactive %}L.DomEvent.disableClickPropagation(div);
                L.DomEvent.disableScrollPropagation(div);{% endif %}
                return div;
            };
            box.addTo({{ this.map_name }});
        })();
        {% endmacro %}
        """
    )

    def __init__(self, html: str, *, position: str, css_class: str, style: str, interactive: bool = False):
        super().__init__()
        self._name = "MapBox"
        self.html, self.position, self.css_class, self.style = html, position, css_class, style
        self.interactive = bool(interactive)


def map_title(title: str, note: str = "") -> MapBox:
    """A visible title (and an optional line below it) at the top of an exported page."""
    line = f'<div style="font-weight:400;font-size:12px;color:#555">{esc(note)}</div>' if note else ""
    style = _BOX_STYLE.replace("font:12px/1.35", "font:600 16px/1.3") + ";max-width:60vw"
    return MapBox(f"{esc(title)}{line}", position="topright", css_class="sw-title", style=style)


def source_panel(title: str, entries: list[tuple[str, str, str]]) -> MapBox:
    """The full sources of an exported page, folded in a corner: each (short name, title ·
    publisher · date, address) with its link (http(s) addresses only)."""
    items = []
    for name, about, address in entries:
        label = esc(name)
        if re.fullmatch(r"https?://[^\s\"'<>]+", address):
            label = f'<a href="{esc(address)}" target="_blank" rel="noopener noreferrer">{label}</a>'
        detail = [esc(about)] if about else []
        detail += [] if address.startswith("http") else [esc(address)]
        items.append(f"<li>{label}{': ' + ' · '.join(detail) if detail else ''}</li>")
    html = (
        f'<details><summary style="font-weight:bold;cursor:pointer">{esc(title)}</summary>'
        f'<ul style="margin:4px 0 0 16px;padding:0">{"".join(items)}</ul></details>'
    )
    style = _BOX_STYLE + ";max-height:40vh;max-width:420px"
    return MapBox(html, position="bottomleft", css_class="sw-sources", style=style, interactive=True)


class ViewControls(_OnMap):
    """The map's own controls and CSS: a kilometre scale bar, a "whole province" button, paths
    that let events through (``PASSIVE``), marker clicks passed on to the map (the prefecture
    under a marker is selected), no focus rectangle on clicked areas, and — with
    ``remember`` — the view kept in the browser's session storage, so a map rebuilt after a
    control change opens where the reader left it."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>
        .leaflet-pane > svg path.sw-passive.leaflet-interactive, path.sw-passive { pointer-events: none; }
        .leaflet-interactive:focus { outline: none; }
        .sw-legends:empty { display: none; }
        .sw-legend + .sw-legend { border-top: 1px solid #ddd; margin-top: 5px; padding-top: 5px; }
        .sw-popup-open .sw-legends, .sw-popup-open .leaflet-control-layers { display: none; }
        .leaflet-bar a.sw-home { width: auto; padding: 0 8px; font: bold 12px/26px sans-serif; color: #222;
                                 white-space: nowrap; text-decoration: none; }
        .sw-label { background: none; border: none; }
        .sw-label span { position: absolute; transform: translate(-50%, -50%); white-space: nowrap;
                         font: 600 12px/1.15 sans-serif; color: #1a1a1a; pointer-events: none;
                         text-shadow: 0 0 2px #fff, 0 0 2px #fff, 0 0 3px #fff, 0 0 4px #fff; }
        .sw-park-label span { transform: translate(9px, -50%); font: 400 11px/1.15 sans-serif; }
        .leaflet-container:not(.sw-zoomed) .sw-park-label { display: none; }
        .sw-info th { text-align: left; padding-right: 6px; vertical-align: top; }
        </style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this.map_name }}, home = {{ this.home|tojson }}, key = "sw-view";
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
                    map.fitBounds(home, {animate: false});
                });
                return bar;
            };
            button.addTo(map);
            // A click on a marker (a place, a base, a count of places) is also a click on the map
            // at the marker, so the app selects the prefecture under it; the marker's own popup or
            // zoom happens as well. Markers stop the map's own click from firing.
            function clickThrough(layer) {
                if (!(layer instanceof L.Marker) || layer._swClick || !layer.options.interactive) return;
                layer._swClick = true;
                layer.on("click", function (e) { map.fire("click", {latlng: e.latlng}); });
            }
            map.eachLayer(clickThrough);
            map.on("layeradd", function (e) { clickThrough(e.layer); });
            if ({{ this.remember|tojson }}) {
                try {
                    var saved = JSON.parse(window.sessionStorage.getItem(key) || "null");
                    if (saved) map.setView([saved.lat, saved.lng], saved.zoom, {animate: false});
                } catch (e) {}
                map.on("moveend", function () {
                    var c = map.getCenter(), view = {lat: c.lat, lng: c.lng, zoom: map.getZoom()};
                    try { window.sessionStorage.setItem(key, JSON.stringify(view)); } catch (e) {}
                });
            }
        })();
        {% endmacro %}
        """
    )

    def __init__(self, home: list[list[float]], label: str, *, remember: bool = False):
        super().__init__()
        self._name = "ViewControls"
        self.home = home
        self.label = label
        self.remember = bool(remember)


class Labels(MacroElement):
    """Text labels that never take a click or a hover: ``labels`` are dicts with lat, lon and text
    (escaped here); ``css_class`` picks their style (see ``ViewControls``)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (group) {
            var markers = {{ this.labels|tojson }}.map(function (d) {
                var icon = L.divIcon({className: "sw-label " + {{ this.css_class|tojson }},
                                      html: "<span>" + d.text + "</span>", iconSize: null});
                var options = {icon: icon, interactive: false, keyboard: false};
                return L.marker([d.lat, d.lon], options).addTo(group);
            });
            // Where two labels would overlap, the later one waits until the reader zooms in further.
            function declutter() {
                var shown = [];
                markers.forEach(function (m) {
                    var span = m.getElement() && m.getElement().firstChild;
                    if (!span) return;
                    span.style.visibility = "";
                    var r = span.getBoundingClientRect();
                    if (!r.width) return;
                    var hit = shown.some(function (s) {
                        return r.left < s.right && s.left < r.right && r.top < s.bottom && s.top < r.bottom;
                    });
                    if (hit) span.style.visibility = "hidden"; else shown.push(r);
                });
            }
            group.on("add", function () { setTimeout(declutter, 0); });
            if (group._map) { group._map.on("zoomend moveend", declutter); setTimeout(declutter, 0); }
            else group.on("add", function () { group._map.on("zoomend moveend", declutter); });
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, labels: list[dict], *, css_class: str = ""):
        super().__init__()
        self._name = "Labels"
        self.css_class = css_class
        self.labels = [
            {"lat": float(d["lat"]), "lon": float(d["lon"]), "text": esc(d["text"])} for d in labels
        ]
