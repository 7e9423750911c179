"""``LayerLegend``: a layer's legend, shown while its layer is on the map, docked beside the map
from ``SIDE_FROM_PX``."""

from __future__ import annotations

from folium.template import Template

from geo.layers.elements.base import OnMap
from geo.layers.markup import LEGEND_HTML_JS, SYMBOL_JS, legend_data, legend_html
from geo.layers.page_functions import PageFunctions
from geo.scene.style import Legend

FOLD_BELOW_PX = 600  # legends below a narrow map start folded; beside a map they are open
DOCK_SHARE = 0.4  # of a narrow map's height, below it
SIDE_FROM_PX = 600  # a map at least this wide has its legends beside it (the app's, at 1366 px)
SIDE_PX = 230

# swLegend(map, layer, order, legend): the legend (``geo.layers.markup.legend_data``) of ``layer``
# in the dock of ``map``, in the layers' ``order``, while the layer is on the map.
LEGEND_JS = (
    """
if (!window.swLegend) {
    window.swLegend = (function () {
        function dock(map) {
            var box = map.getContainer(), dock = document.createElement("div");
            dock.className = "sw-legends";
            box.parentNode.insertBefore(dock, box.nextSibling);
            map._swLegendArea = dock;
            // The map reaches the foot of its window (a page, the app's frame, a half of the
            // comparison) and keeps its own width: map and dock share that box, the dock
            // beside the map on a wide box, below it on a narrow one.
            // The box's own room (its width, the height down to the window's foot, its place) is
            // read once and again after a resize; the sizes last given are remembered, so a call
            // that changes nothing reads no layout and redraws nothing.
            var fullW = null, fullH = 0, left = 0, top = 0, given = null;
            map._swFullWidth = function () { return fullW === null ? box.offsetWidth : fullW; };
            map._swDockLayout = function () {
                if (fullW === null) {
                    fullW = box.offsetWidth;
                    fullH = window.innerHeight - box.getBoundingClientRect().top;
                    left = box.offsetLeft;
                    top = box.offsetTop;
                    given = fullW + "x" + box.offsetHeight;
                }
                if (fullH <= 0 || fullW <= 0) {  // not laid out yet: a resize calls again
                    fullW = null;
                    return;
                }
                var shown = dock.children.length > 0 || map._swLegendsComing, side = fullW >= SIDE_FROM_PX;
                dock.style.display = shown ? "flex" : "none";
                dock.style.flexDirection = side ? "column" : "row";
                dock.style.flexWrap = side ? "nowrap" : "wrap";
                dock.style.borderTop = side ? "none" : "1px solid #ccc";
                dock.style.borderLeft = side ? "1px solid #ccc" : "none";
                var w = 0, h = 0;
                if (shown && side) {
                    w = Math.min(SIDE_PX, Math.round(fullW * 0.35));
                    dock.style.width = w + "px";
                    dock.style.height = fullH + "px";
                    dock.style.left = (left + fullW - w) + "px";
                    dock.style.top = top + "px";
                } else if (shown) {  // below the map: as high as its legends, so it reads them
                    dock.style.width = fullW + "px";
                    dock.style.height = "auto";
                    h = Math.min(dock.scrollHeight, Math.round(fullH * DOCK_SHARE));
                    dock.style.height = h + "px";
                    dock.style.left = left + "px";
                    dock.style.top = (top + fullH - h) + "px";
                }
                var size = (fullW - w) + "x" + (fullH - h);
                if (size === given) return;
                given = size;
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
        // The dock's room taken before any layer is drawn (the map's own script, when legends
        // will come), so that the map is fitted to what is left once and its paths are not drawn
        // again when the first legend arrives; given back after this turn if none came.
        function reserve(map) {
            if (!map._swLegendArea) dock(map);
            map._swLegendsComing = true;
            map._swDockLayout();
            setTimeout(function () {
                map._swLegendsComing = false;
                map._swDockLayout();
            }, 0);
        }
        function add(map, layer, order, legend) {
            if (!map._swLegendArea) dock(map);
            var div = L.DomUtil.create("div", "sw-legend");
            div.dataset.order = order;
            div.innerHTML = swLegendHtml(legend);
            // folded below a narrow map, open beside a wide one: the width of map and dock
            // together, whatever room the legends shown before this one took from the map
            if (map._swFullWidth() < FOLD_BELOW_PX) div.querySelector("details").open = false;
            function show() {
                var area = map._swLegendArea, after = null;
                Array.prototype.forEach.call(area.children, function (c) {
                    if (after === null && +c.dataset.order > order) after = c;
                });
                area.insertBefore(div, after);
                map._swDockLayout();
            }
            // The layer is added to the map after this script runs: follow its own events. A
            // legend that goes leaves the dock's room in place until the end of the turn, so a
            // layer swapped for its successor (a new palette) does not give the room back and
            // take it again, drawing every path twice more; an empty dock gives it back then.
            layer.on("add", show);
            layer.on("remove", function () { div.remove(); reserve(map); });
            if (map.hasLayer(layer)) show();
        }
        add.reserve = reserve;
        return add;
    })();
}
""".replace("SIDE_FROM_PX", str(SIDE_FROM_PX))
    .replace("SIDE_PX", str(SIDE_PX))
    .replace("FOLD_BELOW_PX", str(FOLD_BELOW_PX))
    .replace("DOCK_SHARE", str(DOCK_SHARE))
)


class LayerLegend(PageFunctions, OnMap):
    """A layer's legend, shown while the layer is on: sent as data (``legend_data``, escaped)
    and drawn by the page (``swLegendHtml``, the twin of ``geo.layers.markup.legend_html``).

    All legends share one dock beside the map (on maps at least ``SIDE_FROM_PX`` wide) or below it,
    never over it: the map gives up the dock's room (below it, at most ``DOCK_SHARE`` of its
    height; the dock scrolls beyond), so no legend covers any area, line or marker at any zoom.
    Legends start folded on maps narrower than ``FOLD_BELOW_PX`` and keep the layers' order
    (``order``) however they are toggled.
    """

    FOLD_BELOW_PX, DOCK_SHARE, SIDE_FROM_PX, SIDE_PX = FOLD_BELOW_PX, DOCK_SHARE, SIDE_FROM_PX, SIDE_PX
    functions = (("swSymbol", SYMBOL_JS), ("swLegendHtml", LEGEND_HTML_JS), ("swLegend", LEGEND_JS))
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.functions_js() }}
        swLegend({{ this.map_name }}, {{ this._parent.get_name() }}, {{ this.order }},
                 {{ this.content|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, legend: Legend, *, order: int = 0):
        super().__init__()
        self._name = "LayerLegend"
        self.order = int(order)
        self.content = legend_data(legend)

    @property
    def html(self) -> str:
        """What the page draws inside the legend's box (``geo.layers.markup.legend_html``)."""
        return legend_html(self.content)


def legend_box(legend: Legend, *, order: int = 0) -> LayerLegend:
    """The legend of a layer from its ``geo.scene.style.Legend`` (the static map draws the same);
    ``order`` is the layer's place in ``geo.scene.view.LAYERS``."""
    return LayerLegend(legend, order=order)
