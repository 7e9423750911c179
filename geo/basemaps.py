"""Basemap tile layers from ``data/basemaps.yaml``, and the datum the map must be drawn in."""

from __future__ import annotations

import re

import folium
import xyzservices.providers as xyz

from geo.i18n import pick


class BasemapError(ValueError):
    """An unknown basemap, or one whose key is missing or malformed; ``reason`` is one of
    "unknown", "needs_key", "bad_key" (for messages in the UI's language)."""

    def __init__(self, message: str, reason: str):
        super().__init__(message)
        self.reason = reason


def basemap_datum(basemaps: dict, key: str) -> str:
    return _provider(basemaps, key)["datum"]


def _provider(basemaps: dict, key: str) -> dict:
    if key not in basemaps:
        raise BasemapError(
            f"unknown basemap {str(key)[:40]!r}: choose one of {', '.join(basemaps)}", "unknown"
        )
    return basemaps[key]


def check_basemap(basemaps: dict, key: str, api_key: str = "") -> dict:
    """The provider of basemap ``key``; raises ``BasemapError`` if unknown or its key is missing."""
    provider = _provider(basemaps, key)
    if provider.get("requires_key") and not api_key.strip():
        raise BasemapError(
            f"the {provider['name_en']} basemap needs a key: get one from its provider "
            "and pass it (--tianditu-key, or the key field in the app)",
            "needs_key",
        )
    # a key goes into the tile URL: it must have the provider's form, nothing else
    if provider.get("requires_key") and not re.fullmatch(provider["key_pattern"], api_key.strip()):
        raise BasemapError(f"the {provider['name_en']} key is malformed: {provider['key_help']}", "bad_key")
    return provider


def add_basemap(m: folium.Map, basemaps: dict, key: str, *, lang: str = "zh", api_key: str = "") -> None:
    """Add the tiles of basemap ``key`` to ``m`` (nothing for "none")."""
    provider = check_basemap(basemaps, key, api_key)
    name = pick(provider["name_zh"], provider["name_en"], lang)
    for i, tile in enumerate(provider["tiles"]):
        if "xyzservices" in tile:
            source = xyz.query_name(tile["xyzservices"])
            url, attribution, options = source.build_url(), source.html_attribution, {}
        else:
            url = tile.get("url") or pick(tile["url_zh"], tile["url_en"], lang)
            url = url.replace("{key}", api_key.strip())
            attribution, options = tile["attribution"], {"subdomains": tile["subdomains"]}
        folium.TileLayer(
            url,
            attr=attribution,
            name=name if i == 0 else f"{name} ({i})",
            overlay=bool(tile.get("overlay")),
            control=False,
            **options,
        ).add_to(m)
