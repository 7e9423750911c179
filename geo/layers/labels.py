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
    point = polylabel(_largest(geom), tolerance=0.005)
    return point.x, point.y


@lru_cache(maxsize=512)
def label_area(geom: shapely.Geometry) -> list[list[float]]:
    """The outline a label stays inside, [lat, lon] points: the largest part, simplified (~2 km)."""
    ring = _largest(geom).simplify(0.02).exterior.coords
    return [[round(y, 3), round(x, 3)] for x, y in ring]


def _largest(geom: shapely.Geometry) -> shapely.Geometry:
    return max(getattr(geom, "geoms", [geom]), key=lambda g: g.area)


def build_labels_layer(areas: gpd.GeoDataFrame, *, lang: str = "zh") -> folium.FeatureGroup:
    """Short names of ``areas`` (``short_zh``/``short_en``) as a label layer outside the layer
    control; the view's ``labels`` option switches it."""
    group = folium.FeatureGroup(name="labels", control=False)
    labels = []
    for row in areas.itertuples():
        lon, lat = label_point(row.geometry)
        text = pick(row.short_zh, row.short_en, lang)
        labels.append(  # 11 m: a label's place
            {"lat": round(lat, 4), "lon": round(lon, 4), "text": text, "area": label_area(row.geometry)}
        )
    group.add_child(Labels(labels, css_class="sw-area-label"))
    return group
