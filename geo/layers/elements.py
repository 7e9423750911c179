"""Small Leaflet elements our layers need, written without jQuery or plugins.

- ``LayerLegend``: a legend box shown while its parent layer is on the map;
- ``HtmlPopup``: a popup from a prepared (escaped) HTML string;
- ``ZoomClass``: a CSS class on the map container from a given zoom on;
- ``CompactGeoJson``: folium's GeoJson with rings delta-encoded (``geo.layers.encoding``);
- ``MarkerSet``: many markers in one script.
"""

from __future__ import annotations

import inspect
import re

import folium
from branca.element import MacroElement
from folium.template import Template
from folium.utilities import get_obj_in_upper_tree

from geo.layers.encoding import DECODER_JS, encode_geometry_dict
from geo.layers.markup import esc, legend_body
from geo.style import Legend

# CSS class of paths that let clicks and hovers through to the areas below (see ViewControls).
PASSIVE = "sw-passive"

_BOX_STYLE = (
    "background:rgba(255,255,255,0.93);padding:6px 9px;border-radius:4px;"
    "box-shadow:0 1px 4px rgba(0,0,0,0.3);font:12px/1.35 sans-serif;max-width:300px"
)


class LayerLegend(MacroElement):
    """Legend HTML (already escaped by the caller's builders) tied to the parent layer."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var layer = {{ this._parent.get_name() }}, map = {{ this.map_name }};
            var ctl = L.control({position: {{ this.position|tojson }}});
            ctl.onAdd = function () {
                var div = L.DomUtil.create("div", "sw-legend");
                div.style.cssText = {{ this.style|tojson }};
                div.innerHTML = {{ this.html|tojson }};
                // on a narrow map, start folded so the legends do not hide it
                if (map.getSize().x < {{ this.fold_below_px }}) div.querySelector("details").open = false;
                L.DomEvent.disableClickPropagation(div);
                L.DomEvent.disableScrollPropagation(div);
                return div;
            };
            // The layer is added to the map after this script runs: follow its own events.
            layer.on("add", function () { ctl.addTo(map); });
            layer.on("remove", function () { ctl.remove(); });
            if (map.hasLayer(layer)) ctl.addTo(map);
        })();
        {% endmacro %}
        """
    )

    def __init__(self, title: str, body_html: str, *, position: str = "bottomright"):
        super().__init__()
        self._name = "LayerLegend"
        self.position = position
        self.fold_below_px = 900
        self.style = _BOX_STYLE
        # <details>: the reader can fold a legend away (no script needed)
        self.html = (
            f'<details open><summary style="font-weight:bold;cursor:pointer">{esc(title)}</summary>'
            f"{body_html}</details>"
        )

    def render(self, **kwargs):
        self.map_name = get_obj_in_upper_tree(self, folium.Map).get_name()
        super().render(**kwargs)


def legend_box(legend: Legend, *, position: str = "bottomright") -> LayerLegend:
    """The legend box of a layer from its ``geo.style.Legend`` (the static map draws the same)."""
    return LayerLegend(legend.title, legend_body(legend), position=position)


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


class ZoomClass(MacroElement):
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

    def render(self, **kwargs):
        self.map_name = get_obj_in_upper_tree(self, folium.Map).get_name()
        super().render(**kwargs)


def _folium_geojson_template() -> str:
    source = inspect.getsource(folium.GeoJson)
    match = re.search(r'_template = Template\(\s*"""(.*?)"""', source, re.S)
    hand_over = "{{ this.get_name() }}_add({{ this.data|tojson }});"
    if not match or hand_over not in match.group(1):
        raise RuntimeError("folium's GeoJson template changed: update CompactGeoJson")
    template = match.group(1).replace(
        hand_over, "{{ this.get_name() }}_add(swDecodeGeo({{ this.data|tojson }}));"
    )
    return template.replace(
        "{% macro script(this, kwargs) %}", "{% macro script(this, kwargs) %}" + DECODER_JS, 1
    )


class CompactGeoJson(folium.GeoJson):
    """``folium.GeoJson`` whose line and polygon coordinates travel delta-encoded."""

    _template = Template(_folium_geojson_template())

    def render(self, **kwargs):
        if not getattr(self, "_encoded", False):
            self.data = {
                **self.data,
                "features": [
                    {**f, "geometry": encode_geometry_dict(f.get("geometry"))} for f in self.data["features"]
                ],
            }
            self._encoded = True
        super().render(**kwargs)


class MarkerSet(MacroElement):
    """Many point markers in one script: inline-SVG DivIcons, tooltips and popups.

    ``markers`` are dicts with lat, lon, icon (HTML), cls (CSS classes), size (px), tip and
    popup (HTML, already escaped). One element instead of four per marker keeps the page small
    and rendering fast.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (group) {
            {{ this.markers|tojson }}.forEach(function (d) {
                var icon = L.divIcon({html: d.icon, className: "sw-icon " + d.cls,
                                      iconSize: [d.size, d.size], iconAnchor: [d.size / 2, d.size / 2]});
                var marker = L.marker([d.lat, d.lon], {icon: icon});
                if (d.tip) marker.bindTooltip(d.tip);
                if (d.popup) marker.bindPopup(d.popup, {maxWidth: 360});
                marker.addTo(group);
            });
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, markers: list[dict]):
        super().__init__()
        self._name = "MarkerSet"
        self.markers = [
            {
                "lat": float(m["lat"]),
                "lon": float(m["lon"]),
                "icon": m["icon"],
                "cls": m.get("cls", ""),
                "size": int(m.get("size", 16)),
                "tip": m.get("tip", ""),
                "popup": m.get("popup", ""),
            }
            for m in markers
        ]
