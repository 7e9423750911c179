"""The app's map in the browser: a frame that stays, layers swapped in place.

streamlit-folium's component keeps its page — and the reader's zoom and centre — while the
map's frame script is unchanged, and swaps the layers it receives as "feature group" scripts.
The page's scene (``page_scene``) is built once per data set and view, each of its layers kept
while the view fields it depends on (``geo.map.LAYER_FIELDS``) and the datum are unchanged; the
frame (tiles, controls: ``FRAME_FIELDS``) and each scene layer are rendered to script once. So a
control change builds and renders only the layer it changes, and redraws only that layer; a
click builds nothing.

This speaks the component protocol of streamlit-folium through ``ui.component``: the same
arguments ``st_folium`` sends, built from cached parts instead of a whole map.
"""

from __future__ import annotations

import hashlib
import threading
import weakref
from collections import OrderedDict
from dataclasses import dataclass

import folium

from geo.data.load import MapData
from geo.map import FRAME_FIELDS, LAYER_FIELDS, build_frame, draw_layer
from geo.scene.build import Scene, build_scene_layer
from geo.scene.interactive import map_scene
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
_RENDERED = _Parts()  # the frames, and each scene layer (kept in its entry) -> its part


def _parts(data: MapData) -> _Parts:
    with _CACHE_LOCK:
        return _CACHE.setdefault(data, _Parts())


def _fields(view: MapView, names: tuple[str, ...]) -> tuple:
    return tuple(getattr(view, f) for f in names)


def page_scene(data: MapData, view: MapView) -> Scene:
    """The scene of the app's map of ``view`` (``geo.scene.interactive.map_scene``), built once per data
    set and view; a layer whose fields (``LAYER_FIELDS``) and datum are unchanged is the one the
    last views built, so it is rendered once (``live_map``)."""
    cache = _parts(data)

    def layer(drawn: MapData, view: MapView, name: str):
        key = (name, _fields(view, LAYER_FIELDS[name]), drawn.datum)
        return cache.get(key, lambda: build_scene_layer(drawn, view, name))

    return cache.get(("scene", view), lambda: map_scene(data, view, layer=layer))


def render_frame(scene: Scene, basemap_key: str) -> Frame:
    """The map's frame as the component takes it (what ``st_folium`` makes of a map)."""
    # the page keeps the reader's view; a drill-down moves it (ui.sidebar), the frame stays. The
    # frame serves every view of its language and basemap: the legends' dock takes its room
    # before the first layers come, and gives it back if they bring no legend.
    m = build_frame(scene, basemap_key=basemap_key, remember_view=True, fit=scene.whole, legends=True)
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


def render_layer(layer) -> Part:
    """Scene layer ``layer`` as a script that adds it to the component's map, registers it for
    removal at the next swap, and brings its own CSS and SVG definitions along."""
    name = layer.name
    drawn = draw_layer(layer, popups=False)  # a clicked mark shows in the panel
    m = folium.Map(tiles=None)
    m._id = MAP_NAME.removeprefix("map_")  # rendered against the component's map by name
    drawn.add_to(m)
    m.get_root().render()
    extra = "".join(page_parts(drawn))
    script = layer_script(drawn, base_id=f"sw{name}")
    var = drawn.get_name()
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


def _rendered(layer) -> Part:
    """``layer``'s part, rendered once while it is kept (its entry holds it, so its id is its own)."""
    kept, part = _RENDERED.get(("layer", id(layer)), lambda: (layer, render_layer(layer)))
    return part if kept is layer else render_layer(layer)


def live_map(
    scene: Scene,
    *,
    basemap_key: str = "",
    key: str = "map",
    height: int = 680,
    center: tuple[float, float] | None = None,
    zoom: float | None = None,
) -> dict | None:
    """Draw ``scene`` (``page_scene``) in the app; returns the component's value (``last_clicked``:
    where the reader clicked; ``last_object_clicked``: the point of the marker clicked, if any).
    ``center``/``zoom`` move the map once (e.g. to a place found)."""
    frame = _RENDERED.get(
        ("frame", _fields(scene.view, FRAME_FIELDS), scene.whole, basemap_key),
        lambda: render_frame(scene, basemap_key),
    )
    parts = [_rendered(layer) for layer in scene.layers]
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
