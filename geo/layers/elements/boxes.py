"""Boxes on an exported page: its title (``map_title``), sources (``source_panel``), description
for screen readers (``MapDescription``), and the layer control moved into the legends' dock
(``LayerSwitch``)."""

from __future__ import annotations

import re

from branca.element import MacroElement
from folium.template import Template

from geo.layers.elements.base import _BOX_STYLE, OnMap
from geo.layers.markup import esc
from geo.text.escape import plain_text


class MapBox(OnMap):
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


class LayerSwitch(OnMap):
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


class MapDescription(OnMap):
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
