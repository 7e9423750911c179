"""The 一轴一核多带 layout: the core (the plan's word) and one reading of axis and belts.

Fact is drawn solid (the core), interpretation dashed (axis, belts); the legend
names the reading and says it is an interpretation.
"""

from __future__ import annotations

from functools import lru_cache

import folium
import geopandas as gpd
import shapely

from geo import style
from geo.i18n import pick, t
from geo.layers.elements import PASSIVE, legend_box
from geo.layers.encoding import CompactGeoJson, feature_collection
from geo.layers.markup import esc, info_table
from geo.layers.topology import topology_of
from geo.legends import layout_legend
from geo.names import prefecture_records
from geo.readings import Belt, Reading
from geo.style import dash_css
from geo.view import LAYERS


def _names(codes, lang: str) -> str:
    prefs = prefecture_records()
    return t("list_sep", lang).join(pick(prefs[c].short_zh, prefs[c].short_en, lang) for c in codes)


def _tooltip(title: str, rows: list[tuple[str, str]]) -> folium.Tooltip:
    return folium.Tooltip(info_table(title, rows), sticky=True)


def build_layout_layer(
    reading: Reading,
    prefecture_shapes: gpd.GeoDataFrame,
    *,
    name: str | None = None,
    show: bool = True,
    lang: str = "zh",
) -> folium.FeatureGroup:
    """Core, axis and belts of ``reading`` as one toggleable layer with its legend."""
    legend = layout_legend(reading, lang)
    title = name or legend.title
    group = folium.FeatureGroup(name=esc(title), show=show)  # the layer control shows names as HTML
    shapes = prefecture_shapes.set_index("adcode")
    topology = topology_of(tuple(prefecture_shapes.geometry))  # the belts' borders are theirs
    interp = f"{t('interpretation', lang)}: {pick(reading.name_zh, reading.name_en, lang)}"
    for belt, color in zip(reading.belts, style.BELT_COLORS, strict=False):
        _draw_belt(belt, color, shapes, topology, interp, lang).add_to(group)
    # Areas of the layout let clicks and hovers through to the prefecture below (interactive:
    # false); the legend and the lines' tooltips say what they are.
    CompactGeoJson(
        feature_collection(shapes.loc[list(reading.core)].reset_index(), ["adcode"], topology),
        style_function=lambda _f: {
            "color": style.CORE.edge,
            "weight": style.CORE.width,
            "fillColor": style.CORE.fill,
            "fillOpacity": style.CORE.fill_opacity,
        },
        interactive=False,
    ).add_to(group)
    axis_tip = [(t("members", lang), _names(reading.axis_members, lang)), (t("basis", lang), interp)]
    for path in reading.axis_paths:
        folium.PolyLine(
            [(lat, lon) for lon, lat in path],
            color=style.AXIS.color,
            weight=style.AXIS.width,
            dash_array=dash_css(style.AXIS.dash),
            tooltip=_tooltip(reading.axis_name[lang], axis_tip),
        ).add_to(group)
    _external_nodes(reading, lang).add_to(group)
    group.add_child(legend_box(legend, order=LAYERS.index("layout")))
    return group


def _draw_belt(belt: Belt, color: str, shapes, topology, interp: str, lang: str) -> folium.FeatureGroup:
    tip = [(t("members", lang), _names(belt.members, lang)), (t("basis", lang), interp)]
    title = pick(belt.name_zh, belt.name_en, lang)
    sub = folium.FeatureGroup(control=False)
    # One outline around the members (their union), not every member again: smaller page.
    union = _union(tuple(shapes.loc[list(belt.members)].geometry))
    if belt.draw == "region":  # a fill that lets clicks through, and an outline that names it
        CompactGeoJson(
            feature_collection(gpd.GeoDataFrame(geometry=[union]), [], topology),
            style_function=lambda _f: {
                "stroke": False,
                "fillColor": color,
                "fillOpacity": style.BELT_REGION_OPACITY,
            },
            interactive=False,
        ).add_to(sub)
    CompactGeoJson(  # the outline: the same rings unfilled (SVG hovers its line only), no new vertices
        feature_collection(gpd.GeoDataFrame(geometry=[union]), [], topology),
        style_function=lambda _f: {
            "fill": False,
            "color": color,
            "weight": 2,
            "dashArray": dash_css(style.BELT_OUTLINE_DASH),
        },
        tooltip=_tooltip(title, tip),
    ).add_to(sub)
    for path in belt.paths:
        latlon = [(lat, lon) for lon, lat in path]
        folium.PolyLine(
            latlon,
            color=color,
            weight=style.BELT_CORRIDOR_WIDTH,
            opacity=style.BELT_CORRIDOR_OPACITY,
            line_cap="round",
            class_name=PASSIVE,  # folium's PolyLine drops interactive=False; CSS lets events through
        ).add_to(sub)
        folium.PolyLine(latlon, color=color, weight=3, dash_array="6,5", tooltip=_tooltip(title, tip)).add_to(
            sub
        )
    return sub


@lru_cache(maxsize=64)
def _union(geoms: tuple) -> shapely.Geometry:
    return shapely.union_all(list(geoms))


def _external_nodes(reading: Reading, lang: str) -> folium.FeatureGroup:
    sub = folium.FeatureGroup(control=False)
    for node in reading.external:
        label = f"→ {pick(node.name_zh, node.name_en, lang)}"
        folium.CircleMarker(
            [node.lat, node.lon],
            radius=5,
            color=style.AXIS.color,
            fill=True,
            fill_opacity=1,
            tooltip=folium.Tooltip(esc(label)),
        ).add_to(sub)
    return sub
