"""The map's component: streamlit-folium's rendering helpers, and a page of our own in the browser.

``st_folium`` renders a whole map per run; the app instead sends the component a frame that
stays and layer scripts rendered once (``ui.live_map``). That needs streamlit-folium's private
helpers, named here and nowhere else; ``check()`` (and its test) fails loudly when an upgrade
renames them or changes their parameters. Written against streamlit-folium 0.27 (pinned in
pyproject.toml).

The browser side is ``ui/map_frame/`` (an HTML page and 150 lines of script), which takes the
arguments ``st_folium`` sends to streamlit-folium's page and does with them what the app needs
(the frame script once, layer scripts swapped, clicks sent back). streamlit-folium's page is a
220 KB bundle (React, Arrow) that fetched Leaflet only after the app's first message, and sent a
click 250 ms after it happened: ours loads Leaflet with the page and sends a click when its
handlers have run.
"""

from __future__ import annotations

import inspect
from functools import cache
from pathlib import Path

import streamlit.components.v1 as components
import streamlit_folium as sf
from branca.element import MacroElement

FRONTEND = Path(__file__).resolve().parent / "map_frame"

# name -> the parameters it must have (this module passes the first positionally)
USED = {
    "_get_html": ("fig",),
    "_get_header": ("fig",),
    "_get_map_string": ("fig",),
    "generate_leaflet_string": ("m", "base_id"),
}
# the component's arguments, as st_folium sends them (ui/map_frame/frame.js reads them)
COMPONENT_ARGS = (
    "script", "header", "html", "id", "key", "height", "width", "returned_objects", "default", "zoom",
    "center", "feature_group", "return_on_hover", "layer_control", "pixelated", "css_links", "js_links",
    "wrap_longitude",
)  # fmt: skip


def check() -> None:
    """Raise if streamlit-folium no longer has the helpers this module uses."""
    for name, params in USED.items():
        func = getattr(sf, name, None)
        if func is None:
            raise RuntimeError(f"streamlit-folium has no {name}: update ui/component.py")
        if params and not set(params) <= set(inspect.signature(func).parameters):
            raise RuntimeError(f"streamlit-folium's {name} takes other parameters: update ui/component.py")


def frame_parts(m) -> tuple[str, str, str]:
    """(html, header, script) of a rendered map as the component takes them; the script names the
    map as the component's page does."""
    return sf._get_html(m), sf._get_header(m), sf._get_map_string(m)


def layer_script(layer, base_id: str) -> str:
    """The script that adds ``layer`` to the component's map."""
    return sf.generate_leaflet_string(layer, base_id=base_id)


def page_parts(element) -> list[str]:
    """The header (CSS) and HTML macros of ``element`` and its children, rendered (branca keeps
    them in each element's compiled template)."""
    out = []
    if isinstance(element, MacroElement):
        module = element._template.module.__dict__
        out += [str(module[k](element, {})) for k in ("header", "html") if k in module]
    for child in element._children.values():
        out += page_parts(child)
    return out


@cache
def _declared():
    return components.declare_component("map_frame", path=str(FRONTEND))


def component(**kwargs):
    """The component itself, with the arguments of ``COMPONENT_ARGS``."""
    unknown = set(kwargs) - set(COMPONENT_ARGS)
    if unknown:
        raise TypeError(f"the component takes no {', '.join(sorted(unknown))}")
    return _declared()(**kwargs)


check()  # at import: an upgrade that changed them stops the app at start, not at a reader's first map
