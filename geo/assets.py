"""Leaflet from an installed package, so maps never load code from a CDN.

The files come from the PyPI wheel ``django-js-lib-leaflet`` (Leaflet 1.9.4,
BSD-2-Clause). Nothing third-party is committed: the app copies them into its
``static/`` folder at start-up (served by Streamlit), and exports inline them.
"""

from __future__ import annotations

import re
import shutil
from functools import cache
from importlib import resources
from pathlib import Path

import folium

_PACKAGE_DIR = resources.files("js_lib_leaflet") / "static" / "js_lib_leaflet"
# name -> file inside the package, in the order a page needs them
_JS = {"leaflet": "leaflet.js"}
_CSS = {"leaflet_css": "leaflet.css"}


def leaflet_dir() -> Path:
    """Folder holding leaflet.js, leaflet.css and images/."""
    return Path(str(_PACKAGE_DIR))


def ensure_static(static_dir: Path) -> Path:
    """Copy Leaflet's files into ``static_dir`` (if missing or stale); return it."""
    src = leaflet_dir()
    static_dir.mkdir(parents=True, exist_ok=True)
    for name in [*_JS.values(), *_CSS.values()]:
        target = static_dir / name
        if not target.exists() or target.stat().st_size != (src / name).stat().st_size:
            shutil.copyfile(src / name, target)
    if not (static_dir / "images").exists():
        shutil.copytree(src / "images", static_dir / "images")
    return static_dir


def use_local_assets(m: folium.Map, base_url: str) -> folium.Map:
    """Point the map's scripts and stylesheets at ``base_url`` (e.g. ``/app/static``).

    Replaces folium's CDN defaults (Leaflet, jQuery, Bootstrap, Font Awesome):
    our layers need Leaflet alone.
    """
    m.default_js = [(k, f"{base_url}/{v}") for k, v in _JS.items()]
    m.default_css = [(k, f"{base_url}/{v}") for k, v in _CSS.items()]
    return m


@cache
def _asset_text(name: str) -> str:
    text = (leaflet_dir() / name).read_text(encoding="utf-8")
    return compact_css(text) if name.endswith(".css") else text  # the script is shipped minified


def compact_css(css: str) -> str:
    """``css`` without comments and without the white space that does not separate anything
    (around braces, semicolons, commas, child combinators and after colons): Leaflet's
    stylesheet is shipped readable, 14 KB of which 3 KB are layout and comments.

    White space between two selector parts (a descendant combinator, as in
    ``.leaflet-safari .leaflet-tile``) or between two values stays, as one space.
    """
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    css = re.sub(r"\s+", " ", css)
    css = re.sub(r" ?([{};,>]) ?", r"\1", css)
    return re.sub(r": ", ":", css).replace(";}", "}").strip()


def inline_assets(html: str, base_url: str) -> str:
    """Replace the local ``<script src>``/``<link href>`` tags by the files' contents."""
    for name in _JS.values():
        tag = f'<script src="{base_url}/{name}"></script>'
        html = html.replace(tag, f"<script>{_asset_text(name)}</script>")
    for name in _CSS.values():
        tag = f'<link rel="stylesheet" href="{base_url}/{name}"/>'
        html = html.replace(tag, f"<style>{_asset_text(name)}</style>")
    return html
