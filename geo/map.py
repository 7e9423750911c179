"""The one composer: every map (app, export, benchmark) is assembled here."""

from __future__ import annotations

import folium
import geopandas as gpd

from geo.assets import use_local_assets
from geo.layers.prefectures import build_prefectures_layer

# Sichuan's extent (WGS-84), for the initial view.
SICHUAN_BOUNDS = [[26.0, 97.3], [34.4, 108.6]]


def build_map(
    prefectures: gpd.GeoDataFrame,
    *,
    lang: str = "zh",
    assets_url: str = "/app/static",
    height: str = "100%",
) -> folium.Map:
    """Assemble the map: prefecture layer, layer control, fitted to Sichuan.

    ``assets_url`` is where leaflet.js/css are served from (see ``geo.assets``);
    there is no basemap by default, so the map needs no network at all.
    """
    m = folium.Map(
        tiles=None, control_scale=True, height=height, prefer_canvas=False, zoom_snap=0.25
    )
    use_local_assets(m, assets_url)
    build_prefectures_layer(prefectures, lang=lang).add_to(m)
    folium.LayerControl(collapsed=False).add_to(m)
    m.fit_bounds(SICHUAN_BOUNDS)
    return m
