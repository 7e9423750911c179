"""``LineSet``: many lines in one script (a layout's corridors and axis, the bases' links)."""

from __future__ import annotations

from branca.element import MacroElement
from folium.template import Template

from geo.layers.elements.base import LEAFLET_PATH_DEFAULTS


class LineSet(MacroElement):
    """Many polylines in one script, added to the parent layer.

    ``lines`` are dicts with path ([lat, lon] points), styles (numbers in ``styles``: a line is
    drawn once in each, e.g. a wide band under a dashed line, and its points travel once) and,
    optionally, tip (escaped HTML: a sticky tooltip on the line's interactive drawings).
    ``styles`` are Leaflet path options; those equal to Leaflet's defaults are not written.
    One element instead of one (and a tooltip) per line keeps the page small and rendering fast.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (group, styles) {
            {{ this.payload()|tojson }}.forEach(function (d) {
                d[1].forEach(function (s) {
                    var line = L.polyline(d[0], styles[s]).addTo(group);
                    if (d[2] && styles[s].interactive !== false) line.bindTooltip(d[2], {sticky: true});
                });
            });
        })({{ this._parent.get_name() }}, {{ this.styles|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, lines: list[dict], styles: list[dict]):
        super().__init__()
        self._name = "LineSet"
        self.styles = [
            {k: v for k, v in s.items() if not (k in LEAFLET_PATH_DEFAULTS and v == LEAFLET_PATH_DEFAULTS[k])}
            for s in styles
        ]
        self.lines = []
        for line in lines:
            numbers = [int(n) for n in line["styles"]]
            if not numbers or not all(0 <= n < len(styles) for n in numbers):
                raise ValueError(
                    f"a line's styles must be numbers of its {len(styles)} styles, not {numbers}"
                )
            path = [[float(lat), float(lon)] for lat, lon in line["path"]]
            self.lines.append({"path": path, "styles": numbers, "tip": line.get("tip", "")})

    def drawn(self) -> list[tuple[list, dict, str]]:
        """Each polyline the page draws: (points, Leaflet options, tooltip HTML or "")."""
        return [(line["path"], self.styles[n], line["tip"]) for line in self.lines for n in line["styles"]]

    def payload(self) -> list[list]:
        """The lines as the page takes them: [points, style numbers, tip if any]."""
        return [
            [line["path"], line["styles"], *([line["tip"]] if line["tip"] else [])] for line in self.lines
        ]
