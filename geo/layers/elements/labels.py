"""``Labels``: names on the map, placed by ``geo.scene.placement``'s rule and hidden where no
place is free."""

from __future__ import annotations

import json

from branca.element import MacroElement
from folium.template import Template

from geo.layers.encoding import RING_JS, encode_ring
from geo.layers.markup import esc
from geo.layers.page_functions import PageFunctions
from geo.scene import placement

LABELS_JS = (
    """
if (!window.swLabels) {
    // swLabels(group, labels, cssClass, priority, areas): names ([lat, lon, text], escaped) on the
    // map of ``group``, placed among markers and other names; ``areas`` (encoded, or null) are the
    // outlines they belong inside.
    window.swLabels = (function () {
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
        function rect(r) { return [r.left, r.top, r.right, r.bottom]; }
        function place(map) {  // geo.scene.placement's rule, in the browser's pixels
            var sets = map._swLabelSets.filter(function (set) { return set.group._map === map; });
            sets.sort(function (a, b) { return a.labels.priority - b.labels.priority; });
            var container = map.getContainer();
            function shown(selector) {
                return Array.prototype.filter.call(container.querySelectorAll(selector), function (e) {
                    return e.offsetParent !== null && getComputedStyle(e).display !== "none";
                }).map(function (e) { return e.getBoundingClientRect(); });
            }
            var fixed = shown(".leaflet-control"), marks = shown(".leaflet-marker-icon:not(.sw-label)");
            var frame = container.getBoundingClientRect(), names = [];
            var record = {frame: rect(frame), fixed: fixed.map(rect), marks: marks.map(rect), names: []};
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
                    var w = (r.right - r.left) / 2 + MARGIN, h = (r.bottom - r.top) / 2 + MARGIN;
                    var tries = [[0, 0]];
                    STEPS.forEach(function (k) {  // the offsets' y is up
                        OFFSETS.forEach(function (o) {
                            tries.push([k * o[0] * w, -k * o[1] * h]);
                        });
                    });
                    var area = set.areas[n] && set.areas[n].map(function (p) {
                        var c = map.latLngToContainerPoint(p);
                        return [c.x + frame.left, c.y + frame.top];
                    });
                    var entry = {box: rect(r), area: area || null, move: null};
                    record.names.push(entry);
                    for (var pass = 0; pass < PASSES.length; pass++) {  // [inside its area, clear of marks]
                        var avoid = PASSES[pass][1] ? fixed.concat(marks, names) : fixed.concat(names);
                        for (var i = 0; i < tries.length; i++) {
                            var dx = tries[i][0], dy = tries[i][1], at = moved(r, dx, dy);
                            var cx = (at.left + at.right) / 2, cy = (at.top + at.bottom) / 2;
                            var within = !area || inside(cx, cy, area);
                            if (within !== PASSES[pass][0]) continue;
                            if (at.left < frame.left || at.right > frame.right ||
                                at.top < frame.top || at.bottom > frame.bottom) continue;
                            if (avoid.some(function (t) { return overlaps(at, t); })) continue;
                            span.style.marginLeft = dx + "px";
                            span.style.marginTop = dy + "px";
                            if (!within) leader(m, dx, dy, r);
                            names.push(at);
                            entry.move = [dx, dy];
                            return;
                        }
                    }
                    span.style.visibility = "hidden";
                });
            });
            map._swPlacement = record;  // what the rule was given and chose (its browser test)
        }
        function register(map, group, labels, areas) {
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
                map._swLabelSets.push({group: group, labels: labels, areas: areas.map(function (a) {
                    return a && swRing(a, 1e3);  // [lat, lon] at 1e-3 degree
                })});
            }
            map._swPlaceLabels();
        }
        return function (group, data, cssClass, priority, areas) {
            var labels = data.map(function (d) {
                var icon = L.divIcon({className: "sw-label " + cssClass,
                                      html: "<span>" + d[2] + "</span>", iconSize: null});
                var options = {icon: icon, interactive: false, keyboard: false};
                return L.marker([d[0], d[1]], options).addTo(group);
            });
            labels.priority = priority;
            function add() { register(group._map, group, labels, areas); }
            group.on("add", add);
            if (group._map) add();
        };
    })();
}
""".replace("MARGIN", str(placement.MARGIN_PX))
    .replace("STEPS", json.dumps(list(placement.STEPS)))
    .replace("OFFSETS", json.dumps([list(o) for o in placement.OFFSETS]))
    .replace("PASSES", json.dumps(placement.passes(over_marks=False)))
)


class Labels(PageFunctions, MacroElement):
    """Text labels that never take a click or a hover and never cover a marker or each other:
    ``labels`` are dicts with lat, lon, text (escaped here) and, optionally, area (the outline
    the label belongs inside, [lat, lon] points); ``css_class`` picks their style
    (see ``ViewControls``); ``priority`` orders label sets (lower is placed first: prefecture names
    before park names).

    One placement runs over every label set of the map after each zoom, move or layer change, by
    ``geo.scene.placement``'s rule (the map's frame, its controls and markers kept clear; a
    marker never covered, as it answers a click), with a leader line to the anchor of a name
    placed outside its area; a name with no free place waits until the reader zooms in.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.functions_js() }}
        swLabels({{ this._parent.get_name() }}, {{ this.rows|tojson }}, {{ this.css_class|tojson }},
                 {{ this.priority }}, {{ this.areas|tojson }});
        {% endmacro %}
        """
    )
    functions = (("swRing", RING_JS), ("swLabels", LABELS_JS))

    def __init__(self, labels: list[dict], *, css_class: str = "", priority: int = 0):
        super().__init__()
        self._name = "Labels"
        self.css_class = css_class
        self.priority = int(priority)
        self.labels = [
            {"lat": float(d["lat"]), "lon": float(d["lon"]), "text": esc(d["text"])} for d in labels
        ]
        # the outline each label belongs inside ([lat, lon] points), where one is given: sent as
        # a string (``geo.layers.encoding.encode_ring``) at 1e-3 degree (the scene rounds its
        # outlines to that grid), about a sixth of the JSON arrays' bytes
        areas = [encode_ring(d["area"], 1e3) if d.get("area") else None for d in labels]
        self.areas = areas if any(areas) else []

    @property
    def rows(self) -> list[list]:
        """The labels as the page takes them: [lat, lon, text]."""
        return [[d["lat"], d["lon"], d["text"]] for d in self.labels]
