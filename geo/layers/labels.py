"""Names on the map: each prefecture's short name inside its polygon, in the chosen language.

Labels sit at the pole of inaccessibility of the area's largest part (``shapely.ops.polylabel``), so
they stay inside odd shapes, carry a white halo that reads on any fill, and let clicks through.
"""

from __future__ import annotations

from functools import lru_cache

import folium
import geopandas as gpd
import shapely
from shapely.ops import polylabel

from geo.i18n import pick
from geo.layers.elements import Labels


@lru_cache(maxsize=512)
def label_point(geom: shapely.Geometry) -> tuple[float, float]:
    """(lon, lat) inside ``geom``, as far from its edges as possible (largest part)."""
    parts = getattr(geom, "geoms", [geom])
    largest = max(parts, key=lambda g: g.area)
    point = polylabel(largest, tolerance=0.005)
    return point.x, point.y


def build_labels_layer(areas: gpd.GeoDataFrame, *, lang: str = "zh") -> folium.FeatureGroup:
    """Short names of ``areas`` (``short_zh``/``short_en``) as a label layer outside the layer
    control; the view's ``labels`` option switches it."""
    group = folium.FeatureGroup(name="labels", control=False)
    labels = []
    for row in areas.itertuples():
        lon, lat = label_point(row.geometry)
        text = pick(row.short_zh, row.short_en, lang)
        labels.append({"lat": round(lat, 4), "lon": round(lon, 4), "text": text})  # 11 m: a label's place
    group.add_child(Labels(labels, css_class="sw-area-label"))
    return group
