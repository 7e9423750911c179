"""The app's map in the browser: a frame that stays, layers swapped in place.

streamlit-folium's component keeps its page — and the reader's zoom and centre — while the
map's frame script is unchanged, and swaps the layers it receives as "feature group" scripts.
So the frame (tiles, controls) and each layer are rendered to script once per content
(``geo.map.FRAME_FIELDS``/``LAYER_FIELDS`` say which view fields each depends on) and kept per
data set; a control change renders only the layer it changes and redraws only that layer.

This speaks the component protocol of streamlit-folium through ``ui.component``: the same
arguments ``st_folium`` sends, built from cached parts instead of a whole map.
"""

from __future__ import annotations

import hashlib
import threading
import weakref
from collections import OrderedDict
from dataclasses import dataclass, replace

import folium

from geo.data.basemaps import basemap_datum
from geo.data.load import MapData
from geo.map import FRAME_FIELDS, LAYER_FIELDS, build_frame, build_layer, checked_view, layer_names
from geo.scene.view import MapView
from geo.text.escape import inert_json
from ui.component import component, frame_parts, layer_script, page_parts

MAP_NAME = "map_div"  # the component's page names its map so
PART_MARK = "/*sw-part:"  # opens each layer's script in the component's feature_group
_PARTS_PER_DATA = 96  # rendered parts kept per data set (a few MB at most)


@dataclass(frozen=True)
class Frame:
    script: str
    header: str
    html: str
    css_links: tuple[str, ...]
    js_links: tuple[str, ...]


@dataclass(frozen=True)
class Part:
    var: str  # its JavaScript variable
    script: str


class _Parts:
    """Rendered parts of one data set's maps, least recently used dropped first."""

    def __init__(self):
        self.lock = threading.Lock()
        self.items: OrderedDict = OrderedDict()

    def get(self, key, make):
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
                return self.items[key]
        value = make()  # rendered outside the lock; two sessions may both render it once
        with self.lock:
            self.items[key] = value
            while len(self.items) > _PARTS_PER_DATA:
                self.items.popitem(last=False)
        return value


_CACHE: weakref.WeakKeyDictionary[MapData, _Parts] = weakref.WeakKeyDictionary()
_CACHE_LOCK = threading.Lock()


def _parts(data: MapData) -> _Parts:
    with _CACHE_LOCK:
        return _CACHE.setdefault(data, _Parts())


def _fields(view: MapView, names: tuple[str, ...]) -> tuple:
    return tuple(getattr(view, f) for f in names)


def render_frame(data: MapData, view: MapView, basemap_key: str) -> Frame:
    """The map's frame as the component takes it (what ``st_folium`` makes of a map)."""
    # the page keeps the reader's view; a drill-down moves it (ui.sidebar), the frame stays
    m = build_frame(
        data, replace(view, extent="province", within=None), basemap_key=basemap_key, remember_view=True
    )
    m.get_root().render()
    m.render()
    html, header, script = frame_parts(m)  # the script names the map MAP_NAME
    return Frame(
        script,
        header,
        html,
        tuple(href for _, href in m.default_css),
        tuple(src for _, src in m.default_js),
    )


def render_layer(data: MapData, view: MapView, name: str) -> Part:
    """Layer ``name`` of ``view`` as a script that adds it to the component's map, registers it
    for removal at the next swap, and brings its own CSS and SVG definitions along."""
    layer = build_layer(data, view, name, popups=False)  # a clicked mark shows in the panel
    m = folium.Map(tiles=None)
    m._id = MAP_NAME.removeprefix("map_")  # rendered against the component's map by name
    layer.add_to(m)
    m.get_root().render()
    extra = "".join(page_parts(layer))
    script = layer_script(layer, base_id=f"sw{name}")
    var = layer.get_name()
    if extra:
        script += (
            f"\n(function (id, html) {{ if (document.getElementById(id)) return;"
            f' var d = document.createElement("div"); d.id = id; d.innerHTML = html;'
            f" document.body.appendChild(d); }})({inert_json('sw-extra-' + name)}, {inert_json(extra)});"
        )
    script += f"\nwindow.feature_group = window.feature_group || []; window.feature_group.push({var});\n"
    # each part opens with its own mark (its content's digest): the page swaps only the parts
    # that changed and those after them (ui/map_frame/frame.js)
    digest = hashlib.sha256(script.encode("utf-8")).hexdigest()[:16]
    return Part(var, f"{PART_MARK}{digest}*/\n{script}")


def live_map(
    data: MapData,
    view: MapView,
    *,
    basemap_key: str = "",
    key: str = "map",
    height: int = 680,
    center: tuple[float, float] | None = None,
    zoom: float | None = None,
) -> dict | None:
    """Draw ``view`` in the app; returns the component's value (``last_clicked``: where the
    reader clicked; ``last_object_clicked``: the point of the marker clicked, if any).
    ``center``/``zoom`` move the map once (e.g. to a place found)."""
    view = checked_view(data, view)
    cache = _parts(data)
    frame = cache.get(
        ("frame", _fields(view, FRAME_FIELDS), basemap_key),
        lambda: render_frame(data, view, basemap_key),
    )
    parts = [
        cache.get(
            (name, _fields(view, LAYER_FIELDS[name]), basemap_datum(data.basemaps, view.basemap)),
            lambda name=name: render_layer(data, view, name),
        )
        for name in layer_names(view)
    ]
    digest = hashlib.sha256(frame.script.encode("utf-8")).hexdigest()[:16]
    return component(
        script=frame.script,
        header=frame.header,
        html=frame.html,
        id=MAP_NAME,
        key=f"{key}-{digest}",  # the same frame keeps the same page (and the reader's view)
        height=height,
        width=None,
        returned_objects=["last_clicked", "last_object_clicked"],  # the pointer; a marker's own point
        default={"last_clicked": None, "last_object_clicked": None},
        zoom=zoom,
        center=center,
        feature_group="".join(p.script for p in parts),
        return_on_hover=False,
        layer_control="",  # the sidebar switches the layers; a second switch would cover the map
        pixelated=False,
        css_links=list(frame.css_links),
        js_links=list(frame.js_links),
        wrap_longitude=False,
    )
