"""Basemap tile layers from ``data/basemaps.yaml``, and the datum the map must be drawn in."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import xyzservices.providers as xyz
from xyzservices import TileProvider

from geo.text.i18n import pick


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


def tile_providers(basemaps: dict, key: str, *, lang: str = "zh") -> list[tuple[TileProvider, bool]]:
    """The tile sources of basemap ``key`` as ``xyzservices.TileProvider`` objects (providers of
    xyzservices' catalogue by name, ours from ``data/basemaps.yaml``), each with its overlay flag."""
    out = []
    for tile in _provider(basemaps, key)["tiles"]:
        if "xyzservices" in tile:
            provider = xyz.query_name(tile["xyzservices"])
        else:
            provider = TileProvider(
                name=f"{key}-{len(out)}",
                url=tile.get("url") or pick(tile["url_zh"], tile["url_en"], lang),
                attribution=tile["attribution"],
                html_attribution=tile["attribution"],
                subdomains=tile["subdomains"],
                tk="<insert your key here>",  # xyzservices' marker of a provider that needs a key
            )
        out.append((provider, bool(tile.get("overlay"))))
    return out


@dataclass(frozen=True)
class Basemap:
    """Basemap ``key`` resolved for drawing: its name in the view's language, its tiles (each with
    its overlay flag), and what a key for it must look like."""

    key: str
    name: str
    tiles: tuple[tuple[TileProvider, bool], ...]
    info: dict = field(repr=False, compare=False, hash=False)

    def url_keys(self, api_key: str = "") -> dict[str, str]:
        """The key parameter of its tile URLs (checked by form: ``check_basemap``)."""
        check_basemap({self.key: self.info}, self.key, api_key)
        return {"tk": api_key.strip()} if self.info.get("requires_key") else {}


def basemap_of(basemaps: dict, key: str, lang: str = "zh") -> Basemap:
    """Basemap ``key`` of the catalogue ``basemaps`` resolved for drawing in ``lang``."""
    info = _provider(basemaps, key)
    name = pick(info["name_zh"], info["name_en"], lang)
    return Basemap(key, name, tuple(tile_providers(basemaps, key, lang=lang)), info)
