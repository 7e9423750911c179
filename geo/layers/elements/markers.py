"""Markers: ``MarkerSet`` (many markers in one script, never zooming on a click, popups sent as
data), ``ZoomClass`` (a CSS class on the map from a zoom on)."""

from __future__ import annotations

import json

from branca.element import MacroElement
from folium.template import Template

from geo.layers.elements.base import OnMap
from geo.layers.markup import INFO_JS, SYMBOL_JS, esc
from geo.layers.page_functions import PageFunctions
from geo.scene.style import SHAPES


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


class MarkerSet(PageFunctions, MacroElement):
    """Many point markers in one script: inline-SVG DivIcons, tooltips and popups.

    ``markers`` are dicts with lat, lon, icon (HTML) or symbol ((shape, colour), drawn as
    ``geo.layers.markup.svg_symbol`` draws it), cls (CSS classes), size (px), tip (HTML, already
    escaped) and infos (popup bodies as ``geo.layers.markup.info_rows``, drawn in the page as
    ``info_html`` draws them; small popups that never pan the map). A click never zooms: that
    is the reader's act; ``sticky`` tooltips follow the pointer. One element instead of four per
    marker keeps the page small and rendering fast; each distinct icon and each row label travels
    once, a tooltip equal to its popup's title not at all, and empty fields not at all.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.functions_js() }}
        (function (group, icons, keys, sticky) {
            {{ this.payload()|tojson }}.forEach(function (d) {
                var size = d[6] || 16, icon = icons[d[2]], infos = d[5] || [];
                var marker = L.marker([d[0], d[1]], {icon: L.divIcon({
                    html: typeof icon === "string" ? icon : swSymbol(icon[0], icon[1], size),
                    className: "sw-icon " + (d[3] || ""),
                    iconSize: [size, size], iconAnchor: [size / 2, size / 2]})});
                var tip = d[4] || (infos.length ? infos[0][0] : "");
                if (tip) marker.bindTooltip(tip, {sticky: sticky});
                if (infos.length) marker.bindPopup(infos.map(function (i) {
                    return swInfoHtml([i[0], i[1].map(function (r) { return [keys[r[0]], r[1]]; })]);
                }).join("<hr>"), {maxWidth: 280, autoPan: false});
                marker.addTo(group);
            });
        })({{ this._parent.get_name() }}, {{ this.icons|tojson }}, {{ this.keys|tojson }},
           {{ this.sticky|tojson }});
        {% endmacro %}
        """
    )
    functions = (("swInfoHtml", INFO_JS), ("swSymbol", SYMBOL_JS))

    def __init__(self, markers: list[dict], *, sticky: bool = False):
        super().__init__()
        self._name = "MarkerSet"
        self.sticky = bool(sticky)
        self.icons: list = []
        index: dict[str, int] = {}
        self.markers = []
        for m in markers:
            if "symbol" in m and m["symbol"][0] not in SHAPES:
                raise ValueError(f"unknown symbol {m['symbol'][0]!r}: choose one of {', '.join(SHAPES)}")
            icon = [m["symbol"][0], esc(m["symbol"][1])] if "symbol" in m else m["icon"]
            n = index.setdefault(json.dumps(icon), len(index))
            if n == len(self.icons):
                self.icons.append(icon)
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
                    "icon": n,
                    **{k: v for k, v in given.items() if v and (k, v) != ("size", 16)},
                }
            )
        self.keys = list(
            dict.fromkeys(k for m in self.markers for _, rows in m.get("infos", []) for k, _ in rows)
        )

    def payload(self) -> list[list]:
        """The markers as the page takes them: [lat, lon, icon, cls, tip, infos, size], the rows
        of each popup as [label number in ``keys``, value], a tooltip equal to the first popup's
        title left out, trailing empty fields dropped."""
        number = {k: n for n, k in enumerate(self.keys)}
        out = []
        for m in self.markers:
            infos = [[title, [[number[k], v] for k, v in rows]] for title, rows in m.get("infos", [])]
            tip = m.get("tip", "")
            if infos and tip == infos[0][0]:
                tip = ""
            row = [m["lat"], m["lon"], m["icon"], m.get("cls", ""), tip, infos, m.get("size", 0)]
            while len(row) > 3 and not row[-1]:
                row.pop()
            out.append(row)
        return out
