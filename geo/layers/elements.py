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

from geo.layers.encoding import encode_ring
from geo.layers.markup import INFO_JS, esc, legend_body
from geo.scene.build import LABEL_MARGIN_PX, LABEL_OFFSETS, LABEL_STEPS
from geo.scene.style import Legend
from geo.text.escape import plain_text

# CSS class of paths that let clicks and hovers through to the areas below (see ViewControls).
PASSIVE = "sw-passive"

_BOX_STYLE = (
    "background:rgba(255,255,255,0.93);padding:6px 9px;border-radius:4px;overflow-y:auto;"
    "box-shadow:0 1px 4px rgba(0,0,0,0.3);font:12px/1.35 sans-serif;max-width:300px"
)


_DOCK_STYLE = (
    "position:absolute;box-sizing:border-box;overflow-y:auto;align-content:flex-start;gap:6px 18px;"
    "padding:6px 10px;background:#fff;font:12px/1.35 sans-serif;z-index:1000"
)


class _OnMap(MacroElement):
    """An element whose script needs the map's variable (``this.map_name``) wherever it sits."""

    def render(self, **kwargs):
        self.map_name = get_obj_in_upper_tree(self, folium.Map).get_name()
        super().render(**kwargs)


class LayerLegend(_OnMap):
    """A layer's legend (HTML already escaped by the caller's builders), shown while the layer is on.

    All legends share one dock beside the map (on maps at least ``SIDE_FROM_PX`` wide) or below it,
    never over it: the map gives up the dock's room (below it, at most ``DOCK_SHARE`` of its
    height; the dock scrolls beyond), so no legend covers any area, line or marker at any zoom.
    Legends start folded on maps narrower than ``FOLD_BELOW_PX`` and keep the layers' order
    (``order``) however they are toggled.
    """

    FOLD_BELOW_PX = 600  # legends below a narrow map start folded; beside a map they are open
    DOCK_SHARE = 0.4  # of a narrow map's height, below it
    SIDE_FROM_PX = 600  # a map at least this wide has its legends beside it (the app's, at 1366 px)
    SIDE_PX = 230
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var layer = {{ this._parent.get_name() }}, map = {{ this.map_name }};
            if (!map._swLegendArea) {
                var box = map.getContainer(), dock = document.createElement("div");
                dock.className = "sw-legends";
                dock.style.cssText = {{ this.style|tojson }};
                box.parentNode.insertBefore(dock, box.nextSibling);
                map._swLegendArea = dock;
                // The map reaches the foot of its window (a page, the app's frame, a half of the
                // comparison) and keeps its own width: map and dock share that box, the dock
                // beside the map on a wide box, below it on a narrow one.
                var fullW = null;
                map._swFullWidth = function () { return fullW === null ? box.offsetWidth : fullW; };
                map._swDockLayout = function () {
                    if (fullW === null) fullW = box.offsetWidth;
                    var fullH = window.innerHeight - box.getBoundingClientRect().top;
                    if (fullH <= 0 || fullW <= 0) return;  // not laid out yet: a resize calls again
                    var shown = dock.children.length > 0, side = fullW >= {{ this.SIDE_FROM_PX }};
                    dock.style.display = shown ? "flex" : "none";
                    dock.style.flexDirection = side ? "column" : "row";
                    dock.style.flexWrap = side ? "nowrap" : "wrap";
                    dock.style.borderTop = side ? "none" : "1px solid #ccc";
                    dock.style.borderLeft = side ? "1px solid #ccc" : "none";
                    var w = 0, h = 0;
                    if (shown && side) {
                        w = Math.min({{ this.SIDE_PX }}, Math.round(fullW * 0.35));
                        dock.style.width = w + "px";
                        dock.style.height = fullH + "px";
                        dock.style.left = (box.offsetLeft + fullW - w) + "px";
                        dock.style.top = box.offsetTop + "px";
                    } else if (shown) {
                        dock.style.width = fullW + "px";
                        dock.style.height = "auto";
                        h = Math.min(dock.scrollHeight, Math.round(fullH * {{ this.DOCK_SHARE }}));
                        dock.style.height = h + "px";
                        dock.style.left = box.offsetLeft + "px";
                        dock.style.top = (box.offsetTop + fullH - h) + "px";
                    }
                    if (box.offsetHeight === fullH - h && box.offsetWidth === fullW - w) return;
                    box.style.setProperty("height", (fullH - h) + "px", "important");
                    box.style.setProperty("width", (fullW - w) + "px", "important");
                    // a map still fitted to its extent is fitted again; the reader's own view
                    // keeps its centre and zoom
                    map.invalidateSize({pan: !map._swFit, animate: false});
                    if (map._swRefit && map._swFit) map._swRefit(map._swFit);
                };
                window.addEventListener("resize", function () {
                    box.style.removeProperty("width");
                    fullW = null;
                    map._swDockLayout();
                });
                dock.addEventListener("toggle", function () { map._swDockLayout(); }, true);
            }
            var div = L.DomUtil.create("div", "sw-legend");
            div.dataset.order = {{ this.order }};
            div.innerHTML = {{ this.html|tojson }};
            // folded below a narrow map, open beside a wide one: the width of map and dock together,
            // whatever room the legends shown before this one took from the map
            if (map._swFullWidth() < {{ this.FOLD_BELOW_PX }}) div.querySelector("details").open = false;
            function show() {
                var area = map._swLegendArea, after = null;
                Array.prototype.forEach.call(area.children, function (c) {
                    if (after === null && +c.dataset.order > {{ this.order }}) after = c;
                });
                area.insertBefore(div, after);
                map._swDockLayout();
            }
            // The layer is added to the map after this script runs: follow its own events.
            layer.on("add", show);
            layer.on("remove", function () { div.remove(); map._swDockLayout(); });
            if (map.hasLayer(layer)) show();
        })();
        {% endmacro %}
        """
    )

    def __init__(self, title: str, body_html: str, *, order: int = 0):
        super().__init__()
        self._name = "LayerLegend"
        self.order = int(order)
        self.style = _DOCK_STYLE
        # <details>: the reader can fold a legend away (no script needed)
        self.html = (
            f'<details open><summary style="font-weight:bold;cursor:pointer">{esc(title)}</summary>'
            f"{body_html}</details>"
        )


def legend_box(legend: Legend, *, order: int = 0) -> LayerLegend:
    """The legend of a layer from its ``geo.scene.style.Legend`` (the static map draws the same);
    ``order`` is the layer's place in ``geo.scene.view.LAYERS``."""
    return LayerLegend(legend.title, legend_body(legend), order=order)


class HtmlPopup(MacroElement):
    """Bind an HTML popup to the parent layer. The HTML must already be escaped
    (``geo.layers.markup`` builders do it); it is passed as a JSON string. A popup never pans the
    map (the reader's view stays where it is) and closes on the next click on the map."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.bindPopup({{ this.html|tojson }},
                                                {maxWidth: {{ this.max_width }}, autoPan: false});
        {% endmacro %}
        """
    )

    def __init__(self, html: str, *, max_width: int = 280):
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
    as ``info_html`` draws them; small popups that never pan the map). A click never zooms: that
    is the reader's act. One element instead of four per marker keeps the page small and
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
                if (d.infos) marker.bindPopup(d.infos.map(swInfoHtml).join("<hr>"),
                                              {maxWidth: 280, autoPan: false});
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


class LayerSwitch(_OnMap):
    """An exported page's layer control moved into the legends' dock (beside or below the map),
    so no control covers the map; on a map without legends it stays in its corner."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this.map_name }}, area = map._swLegendArea;
            if (!area) return;
            var box = {{ this.control.get_name() }}.getContainer();
            box.style.cssText = "margin:0 0 4px 0;box-shadow:none;border:1px solid #ccc;float:none;";
            area.insertBefore(box, area.firstChild);
            map._swDockLayout();
        })();
        {% endmacro %}
        """
    )

    def __init__(self, control: MacroElement):
        super().__init__()
        self._name = "LayerSwitch"
        self.control = control


def map_title(title: str, note: str = "") -> MapBox:
    """A visible title (and an optional line below it) at the top of an exported page."""
    line = f'<div style="font-weight:400;font-size:12px;color:#555">{esc(note)}</div>' if note else ""
    style = _BOX_STYLE.replace("font:12px/1.35", "font:600 16px/1.3") + ";max-width:60vw"
    return MapBox(f"{esc(title)}{line}", position="topright", css_class="sw-title", style=style)


class MapDescription(_OnMap):
    """What the map shows in words (``geo.scene.build.describe``) for screen readers: the map's
    container is labelled with the title and described by this text (hidden from sight)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map) {
            var box = map.getContainer(), p = document.createElement("p");
            p.id = "sw-map-description";
            p.textContent = {{ this.text|tojson }};
            p.style.cssText = "position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)";
            box.parentNode.insertBefore(p, box);
            box.setAttribute("role", "region");
            box.setAttribute("aria-label", {{ this.label|tojson }});
            box.setAttribute("aria-describedby", p.id);
        })({{ this.map_name }});
        {% endmacro %}
        """
    )

    def __init__(self, label: str, text: str):
        super().__init__()
        self._name = "MapDescription"
        self.label, self.text = plain_text(label), plain_text(text)  # set as text, never as HTML


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
        </style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this.map_name }}, home = {{ this.home|tojson }}, key = "sw-view";
            // The bounds the map was last fitted to, until the reader moves it: when the map's
            // size changes (the legend dock below it) it is fitted to them again.
            map._swFit = {{ this.fit|tojson }};
            map._swRefit = function (bounds) {
                map._swFitting = true;
                map.fitBounds(bounds, {animate: false});
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
    ):
        super().__init__()
        self._name = "ViewControls"
        self.home = home
        self.fit = fit or home
        self.label = label
        self.remember = bool(remember)


class Labels(MacroElement):
    """Text labels that never take a click or a hover and never cover a marker or each other:
    ``labels`` are dicts with lat, lon, text (escaped here) and, optionally, area (the outline
    the label belongs inside, [lat, lon] points); ``css_class`` picks their style
    (see ``ViewControls``); ``priority`` orders label sets (lower is placed first: prefecture names
    before park names).

    One placement runs over every label set of the map after each zoom, move or layer change: a
    label sits at its anchor, or next to it (above, below, beside, diagonally; then one step
    further) when a marker or an earlier label is there, inside its area first; outside it only
    with a leader line to its anchor; where none of these is free it waits until the reader
    zooms in.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (group) {
            var labels = {{ this.labels|tojson }}.map(function (d) {
                var icon = L.divIcon({className: "sw-label " + {{ this.css_class|tojson }},
                                      html: "<span>" + d.text + "</span>", iconSize: null});
                var options = {icon: icon, interactive: false, keyboard: false};
                return L.marker([d.lat, d.lon], options).addTo(group);
            });
            labels.priority = {{ this.priority }};
            function overlaps(a, b) {
                return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
            }
            function moved(r, dx, dy) {
                return {left: r.left + dx, right: r.right + dx, top: r.top + dy, bottom: r.bottom + dy};
            }
            function inside(x, y, ring) {  // ring: container points [[x, y], ...]
                var hit = false;
                for (var i = 0, j = ring.length - 1; i < ring.length; j = i++) {
                    var a = ring[i], b = ring[j];
                    var crosses = (a[1] > y) !== (b[1] > y);
                    if (crosses && x < (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]) + a[0]) hit = !hit;
                }
                return hit;
            }
            function unpack(s) {  // an area: [lat, lon] points at 1e-3 degree, delta-encoded (AREA_CODE)
                var out = [], i = 0, p = [0, 0];
                while (i < s.length) {
                    for (var k = 0; k < 2; k++) {
                        var shift = 0, result = 0, b;
                        do {
                            b = s.charCodeAt(i++);
                            b = (b === 33 ? 123 : b === 35 ? 125 : b === 42 ? 92 : b) - 63;
                            result |= (b & 31) << shift;
                            shift += 5;
                        } while (b >= 32);
                        p[k] += (result & 1) ? ~(result >> 1) : (result >> 1);
                    }
                    out.push([p[0] / 1e3, p[1] / 1e3]);
                }
                return out;
            }
            function leader(m, dx, dy, r) {  // a thin line from the anchor to a label placed outside its area
                var el = m.getElement(), line = el.querySelector(".sw-leader");
                if (!dx && !dy) { if (line) line.remove(); return; }
                if (!line) {
                    line = document.createElement("i");
                    line.className = "sw-leader";
                    el.appendChild(line);
                }
                var len = Math.sqrt(dx * dx + dy * dy);  // stop at the label's edge
                var edge = Math.min(Math.abs(r.width / 2 / (dx / len || 1e-9)),
                                    Math.abs(r.height / 2 / (dy / len || 1e-9)));
                line.style.width = Math.max(len - edge, 0) + "px";
                line.style.transform = "rotate(" + Math.atan2(dy, dx) + "rad)";
            }
            function place(map) {
                var sets = map._swLabelSets.filter(function (set) { return set.group._map === map; });
                sets.sort(function (a, b) { return a.labels.priority - b.labels.priority; });
                var markers = Array.prototype.filter.call(
                    map.getContainer().querySelectorAll(".leaflet-marker-icon:not(.sw-label)"),
                    function (e) { return e.offsetParent !== null && getComputedStyle(e).display !== "none"; }
                ).map(function (e) { return e.getBoundingClientRect(); });
                var taken = markers.slice(), origin = map.getContainer().getBoundingClientRect();
                sets.forEach(function (set) {
                    set.labels.forEach(function (m, n) {
                        var span = m.getElement() && m.getElement().firstChild;
                        if (!span) return;
                        span.style.visibility = "";
                        span.style.marginLeft = span.style.marginTop = "";
                        leader(m, 0, 0);
                        if (span.offsetParent === null) return;  // hidden by its own layer's CSS
                        var r = span.getBoundingClientRect();
                        if (!r.width) return;
                        var margin = {{ this.margin }};
                        var w = r.width / 2 + margin, h = r.height / 2 + margin;
                        var tries = [[0, 0]];
                        {{ this.steps|tojson }}.forEach(function (k) {  // the scene's rule (y up there)
                            {{ this.offsets|tojson }}.forEach(function (o) {
                                tries.push([k * o[0] * w, -k * o[1] * h]);
                            });
                        });
                        var area = set.areas[n] && set.areas[n].map(function (p) {
                            var c = map.latLngToContainerPoint(p);
                            return [c.x + origin.left, c.y + origin.top];
                        });
                        // inside its own area first; outside it, with a leader line, only if it must
                        for (var pass = 0; pass < 2; pass++) {
                            for (var i = 0; i < tries.length; i++) {
                                var dx = tries[i][0], dy = tries[i][1], at = moved(r, dx, dy);
                                var cx = (at.left + at.right) / 2, cy = (at.top + at.bottom) / 2;
                                var within = !area || inside(cx, cy, area);
                                if ((pass === 0) !== within) continue;
                                if (taken.some(function (t) { return overlaps(at, t); })) continue;
                                span.style.marginLeft = dx + "px";
                                span.style.marginTop = dy + "px";
                                if (!within) leader(m, dx, dy, r);
                                taken.push(at);
                                return;
                            }
                        }
                        span.style.visibility = "hidden";
                    });
                });
            }
            function register(map) {
                if (!map._swLabelSets) {
                    map._swLabelSets = [];
                    var pending = null;
                    var later = function () {
                        if (pending) return;
                        pending = setTimeout(function () { pending = null; place(map); }, 0);
                    };
                    map.on("zoomend moveend layeradd layerremove resize", later);
                    map._swPlaceLabels = later;
                }
                if (map._swLabelSets.every(function (s) { return s.group !== group; })) {
                    var areas = {{ this.areas|tojson }}.map(function (a) { return a && unpack(a); });
                    map._swLabelSets.push({group: group, labels: labels, areas: areas});
                }
                map._swPlaceLabels();
            }
            group.on("add", function () { register(group._map); });
            if (group._map) register(group._map);
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, labels: list[dict], *, css_class: str = "", priority: int = 0):
        super().__init__()
        self._name = "Labels"
        self.css_class = css_class
        self.priority = int(priority)
        self.steps, self.offsets, self.margin = list(LABEL_STEPS), list(LABEL_OFFSETS), LABEL_MARGIN_PX
        self.labels = [
            {"lat": float(d["lat"]), "lon": float(d["lon"]), "text": esc(d["text"])} for d in labels
        ]
        # the outline each label belongs inside ([lat, lon] points), where one is given: sent as
        # a polyline-encoded string at 1e-3 degree (the scene rounds its outlines to that grid),
        # about a fifth of the JSON arrays' bytes
        self.areas = [encode_ring(d["area"], 1e3) if d.get("area") else None for d in labels]


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
