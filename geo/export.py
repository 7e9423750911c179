"""Turn a composed map into files. HTML exports are single, self-contained files."""

from __future__ import annotations

from pathlib import Path

import folium

from geo.assets import inline_assets

# Placeholder base URL for assets while rendering; replaced by the files' contents.
_INLINE_BASE = "sw-inline-assets"


def html_document(build, **options) -> str:
    """Render ``build(assets_url=..., **options)`` (e.g. ``geo.map.build_map`` with its data
    bound) to one HTML string with Leaflet inlined: it opens with no network at all."""
    m: folium.Map = build(assets_url=_INLINE_BASE, **options)
    return inline_assets(m.get_root().render(), _INLINE_BASE)


def write_html(path: Path, build, **options) -> Path:
    path = Path(path)
    path.write_text(html_document(build, **options), encoding="utf-8")
    return path
