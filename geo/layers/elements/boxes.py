"""Boxes on an exported page: its title (``map_title``), sources (``source_panel``), description
for screen readers (``MapDescription``), and the layer control moved into the legends' dock
(``LayerSwitch``)."""

from __future__ import annotations

import re

from branca.element import MacroElement
from folium.template import Template

from geo.layers.elements.base import OnMap
from geo.layers.markup import esc
from geo.layers.page_functions import PageFunctions
from geo.text.escape import plain_text


class MapBox(PageFunctions, OnMap):
    """A box in a corner of the map: an exported page's title (``map_title``) or its sources
    (``source_panel``). Its content is prepared (escaped) HTML, or data that the page function
    ``builder`` turns into HTML (``functions`` defines it)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.functions_js() }}
        (function () {
            var box = L.control({position: {{ this.position|tojson }}});
            box.onAdd = function () {
                var div = L.DomUtil.create("div", {{ ("sw-box " + this.css_class)|tojson }});
                div.innerHTML = {% if this.builder %}{{ this.builder }}({{ this.content|tojson }})
                                {%- else %}{{ this.content|tojson }}{% endif %};
                {% if this.interactive %}L.DomEvent.disableClickPropagation(div);
                L.DomEvent.disableScrollPropagation(div);{% endif %}
                return div;
            };
            box.addTo({{ this.map_name }});
        })();
        {% endmacro %}
        """
    )

    def __init__(
        self,
        content,
        *,
        position: str,
        css_class: str,
        interactive: bool = False,
        builder: tuple[str, str] | None = None,
    ):
        super().__init__()
        self._name = "MapBox"
        self.content, self.position, self.css_class = content, position, css_class
        self.interactive = bool(interactive)
        self.builder = builder[0] if builder else ""
        self.functions = (builder,) if builder else ()


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
    line = f"<div>{esc(note)}</div>" if note else ""
    return MapBox(f"{esc(title)}{line}", position="topright", css_class="sw-title")


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


def source_data(title: str, entries: list[tuple[str, str, str]]) -> list:
    """The sources of an exported page as data, escaped: [title, [[short name, detail, link],
    ...]]; the link is an http(s) address or empty, the detail the title · publisher · date and
    an address that is not a link."""
    items = []
    for name, about, address in entries:
        link = address if re.fullmatch(r"https?://[^\s\"'<>]+", address) else ""
        detail = [about] if about else []
        detail += [] if address.startswith("http") else [address]
        items.append([esc(name), " · ".join(esc(d) for d in detail), esc(link)])
    return [esc(title), items]


def sources_html(data: list) -> str:
    """The HTML of ``source_data``: a folded list, each source's name linked to its address."""
    title, items = data
    rows = "".join(
        "<li>"
        + (f'<a href="{link}" target="_blank" rel="noopener noreferrer">{name}</a>' if link else name)
        + (f": {detail}" if detail else "")
        + "</li>"
        for name, detail, link in items
    )
    return f"<details><summary>{title}</summary><ul>{rows}</ul></details>"


# ``sources_html`` in the page.
SOURCES_JS = """
if (!window.swSourcesHtml) {
    window.swSourcesHtml = function (d) {
        return "<details><summary>" + d[0] + "</summary><ul>" + d[1].map(function (s) {
            var name = s[2]
                ? '<a href="' + s[2] + '" target="_blank" rel="noopener noreferrer">' + s[0] + "</a>"
                : s[0];
            return "<li>" + name + (s[1] ? ": " + s[1] : "") + "</li>";
        }).join("") + "</ul></details>";
    };
}
"""


def source_panel(title: str, entries: list[tuple[str, str, str]]) -> MapBox:
    """The full sources of an exported page, folded in a corner: each (short name, title ·
    publisher · date, address) with its link (http(s) addresses only)."""
    return MapBox(
        source_data(title, entries),
        position="bottomleft",
        css_class="sw-sources",
        interactive=True,
        builder=("swSourcesHtml", SOURCES_JS),
    )
