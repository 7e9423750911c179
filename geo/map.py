"""The one composer: every map (app, export, benchmark) is assembled here."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from branca.element import Figure, MacroElement
from folium.template import Template

from geo.assets import use_local_assets
from geo.basemaps import add_basemap, basemap_datum
from geo.datum import geometry_wgs84_to_gcj02, wgs84_to_gcj02
from geo.indicators import indicator_view, meta_for, uploaded, with_derived
from geo.layers.bases import build_bases_layer
from geo.layers.choropleth import build_choropleth_layer
from geo.layers.layout import build_layout_layer
from geo.layers.parks import build_parks_layer
from geo.layers.prefectures import build_prefectures_layer
from geo.names import prefecture_records
from geo.readings import resolve_reading, shift_reading
from geo.view import DEFAULT_LAYERS, LAYERS, MapView

__all__ = ["DEFAULT_LAYERS", "LAYERS", "MapData", "build_comparison", "build_map", "load_map_data"]

# Sichuan's extent (WGS-84), for the initial view.
SICHUAN_BOUNDS = [[26.0, 97.3], [34.4, 108.6]]


@dataclass(frozen=True, eq=False)  # hashed by identity: views of one loaded data set are cached
class MapData:
    """Everything the composer draws; built once by ``geo.data`` loaders and cached by callers."""

    prefectures: gpd.GeoDataFrame
    parks: gpd.GeoDataFrame
    parks_unmapped: pd.DataFrame
    bases: pd.DataFrame
    layout: dict
    indicators: pd.DataFrame  # long format, derived indicators included
    indicator_meta: pd.DataFrame
    basemaps: dict

    def view(self, indicator: str, year: str | None = None) -> pd.DataFrame:
        """The 21-row view of ``indicator`` (``geo.indicators.indicator_view``), computed once."""
        return _view(self, indicator, year).copy()

    def with_upload(self, extra: pd.DataFrame) -> MapData:
        """A copy whose indicator table also holds the uploaded long table ``extra``, its ids in
        the upload namespace (``geo.indicators.uploaded``); the bundled data are unchanged."""
        return replace(self, indicators=pd.concat([self.indicators, uploaded(extra)], ignore_index=True))


@lru_cache(maxsize=128)
def _view(data: MapData, indicator: str, year: str | None) -> pd.DataFrame:
    return indicator_view(data.indicators, indicator, data.prefectures, year)


def load_map_data() -> MapData:
    from geo import data

    prefectures = data.load_prefectures()
    return MapData(
        prefectures,
        data.load_parks(),
        data.load_parks_unmapped(),
        data.load_bases(),
        data.load_layout(),
        with_derived(data.load_indicators(), prefectures),
        data.load_indicator_meta(),
        data.load_basemaps(),
    )


def _identity(lon, lat):
    return lon, lat


_DATUM_SHIFTS = {"WGS84": _identity, "GCJ02": wgs84_to_gcj02}


def _shifted(data: MapData, func) -> MapData:
    """``data`` with prefectures and parks moved by ``func`` (e.g. into GCJ-02 for Amap tiles)."""
    if func is _identity:
        return data
    geoms = [geometry_wgs84_to_gcj02(g) for g in data.prefectures.geometry]
    geoms = shapely.transform(geoms, lambda xy: np.round(xy, 4))  # keep the bundled precision
    prefectures = data.prefectures.set_geometry(list(geoms), crs=data.prefectures.crs)
    lon, lat = func(data.parks["lon"].astype(float).values, data.parks["lat"].astype(float).values)
    parks = data.parks.assign(lon=lon.round(6), lat=lat.round(6))
    parks = parks.set_geometry(gpd.points_from_xy(parks["lon"], parks["lat"]), crs=data.parks.crs)
    return replace(data, prefectures=prefectures, parks=parks)


def build_map(
    data: MapData,
    *,
    layers: tuple[str, ...] | list[str] = DEFAULT_LAYERS,
    lang: str = "zh",
    reading: str | None = None,
    indicator: str = "software_revenue_share",
    year: str | None = None,
    scheme: str = "quantiles",
    k: int = 5,
    bins: list[float] | None = None,
    palette: str = "YlGnBu",
    basemap: str = "none",
    basemap_key: str = "",
    assets_url: str = "/app/static",
    height: str = "100%",
    frame: dict | None = None,
) -> folium.Map:
    """Assemble the map from the chosen ``layers`` (any of ``LAYERS``), fitted to Sichuan.

    ``reading`` picks the interpretation of the layout (``data/layout.yaml``); ``indicator``,
    ``year``, ``scheme``, ``k``, ``bins`` and ``palette`` drive the choropleth layer;
    ``basemap`` names a provider of ``data/basemaps.yaml`` ("none", the default, loads nothing
    from the network); on GCJ-02 tiles (Amap) every layer is shifted into GCJ-02 to line up.
    ``assets_url`` is where leaflet.js/css are served from (see ``geo.assets``); ``frame``
    passes placement options (width, left, position) to ``folium.Map``.
    """
    view = MapView(
        layers=tuple(layers),
        lang=lang,
        reading=reading,
        indicator=indicator,
        year=year,
        scheme=scheme,
        k=k,
        bins=bins,
        palette=palette,
        basemap=basemap,
    )  # validates every option (geo.view.ViewError)
    layers, k, bins = view.layers, view.k, list(view.bins) if view.bins else None
    m = folium.Map(tiles=None, control_scale=True, height=height, zoom_snap=0.25, **(frame or {}))
    use_local_assets(m, assets_url)
    add_basemap(m, data.basemaps, basemap, lang=lang, api_key=basemap_key)
    shift = _DATUM_SHIFTS[basemap_datum(data.basemaps, basemap)]
    data = _shifted(data, shift)
    chengdu = prefecture_records()["510100"]
    center = tuple(float(c) for c in shift(chengdu.seat_lon, chengdu.seat_lat))
    builders = {
        "prefectures": lambda: build_prefectures_layer(data.prefectures, lang=lang),
        "choropleth": lambda: build_choropleth_layer(
            data.view(indicator, year),
            data.prefectures,
            meta_for(indicator, data.indicator_meta, data.indicators),
            scheme=scheme,
            k=k,
            bins=bins,
            palette=palette,
            lang=lang,
        ),
        "layout": lambda: build_layout_layer(
            shift_reading(resolve_reading(data.layout, reading), shift), data.prefectures, lang=lang
        ),
        "bases": lambda: build_bases_layer(data.bases, data.parks, center=center, lang=lang),
        "parks": lambda: build_parks_layer(
            data.parks, data.bases, lang=lang, unmapped_count=len(data.parks_unmapped)
        ),
    }
    for key in LAYERS:  # fixed drawing order: areas below lines below markers
        if key in layers:
            builders[key]().add_to(m)
    folium.LayerControl(collapsed=False).add_to(m)
    m.fit_bounds(SICHUAN_BOUNDS)
    return m


def view_options(**options) -> dict:
    """``options`` validated and completed with the view's defaults (``geo.view.MapView``): the
    one list of view options that the static renderer shares with the interactive map."""
    return MapView(**options).options()


class _SyncViews(MacroElement):
    """Keep two maps on the same centre and zoom (a few lines instead of a CDN plugin)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (a, b) {
            var busy = false;
            function follow(src, dst) {
                src.on("move zoom", function () {
                    if (busy) return;
                    busy = true;
                    dst.setView(src.getCenter(), src.getZoom(), {animate: false});
                    busy = false;
                });
            }
            follow(a, b);
            follow(b, a);
        })({{ this.left.get_name() }}, {{ this.right.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, left: folium.Map, right: folium.Map):
        super().__init__()
        self._name = "SyncViews"
        self.left, self.right = left, right


def build_comparison(data: MapData, left: dict, right: dict, **common) -> Figure:
    """Two maps side by side whose views move together, e.g. two indicators.

    ``left`` and ``right`` are ``build_map`` options for each side; ``common`` applies to both.
    """
    figure = Figure()
    maps = []
    for side, offset in ((left, "0%"), (right, "50%")):
        frame = {"width": "50%", "left": offset, "top": "0%", "position": "absolute"}
        m = build_map(data, **{**common, **side}, frame=frame)
        figure.add_child(m)
        maps.append(m)
    figure.add_child(_SyncViews(*maps))
    return figure
