"""Small Leaflet elements our layers need, written without jQuery or plugins.

- ``LayerLegend``: a legend box shown while its parent layer is on the map;
- ``HtmlPopup``: a popup from a prepared (escaped) HTML string;
- ``ZoomClass``: a CSS class on the map container from a given zoom on.
"""

from __future__ import annotations

import folium
from branca.element import MacroElement
from folium.template import Template
from folium.utilities import get_obj_in_upper_tree

from geo.layers.markup import esc

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
