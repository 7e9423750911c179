"""Markers: ``MarkerSet`` (many markers in one script, never zooming on a click), ``HtmlPopup`` (a
popup from escaped HTML), ``ZoomClass`` (a CSS class on the map from a zoom on)."""

from __future__ import annotations

from branca.element import MacroElement
from folium.template import Template

from geo.layers.elements.base import OnMap
from geo.layers.markup import INFO_JS


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


class ZoomClass(OnMap):
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
