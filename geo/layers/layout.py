"""The 一轴一核多带 layout of a scene (``geo.scene.build.LayoutLayer``): the core (the plan's word) and
one reading of axis and belts. Fact is drawn solid (the core), interpretation dashed (axis,
belts); the legend names the reading and says it is an interpretation."""

from __future__ import annotations

import folium
import geopandas as gpd

from geo.layers.elements import PASSIVE, LineSet, legend_box
from geo.layers.encoding import CompactGeoJson, feature_collection
from geo.layers.markup import esc, info_table
from geo.layers.topology import topology_of
from geo.scene import style
from geo.scene.build import LayoutLayer
from geo.scene.style import Info, dash_css
from geo.scene.view import LAYERS


def _tooltip(info: Info) -> folium.Tooltip:
    return folium.Tooltip(info_table(info.title, list(info.rows)), sticky=True)


def build_layout_layer(
    layer: LayoutLayer, *, name: str | None = None, show: bool = True
) -> folium.FeatureGroup:
    """Core, axis and belts of the scene's reading as one toggleable layer with its legend."""
    reading = layer.reading
    group = folium.FeatureGroup(name=esc(name or layer.title), show=show)  # the control shows HTML
    shapes = layer.shapes.set_index("adcode")
    topology = topology_of(tuple(layer.shapes.geometry))  # the belts' borders are theirs
    for belt, color, outline in zip(reading.belts, layer.belt_colors, layer.belt_outlines, strict=True):
        tip = layer.belt_tips[belt.id]
        _draw_belt(belt, color, outline, topology, tip, layer.region_opacity).add_to(group)
    # Areas of the layout let clicks and hovers through to the prefecture below (interactive:
    # false); the legend and the lines' tooltips say what they are.
    CompactGeoJson(
        feature_collection(shapes.loc[list(reading.core)].reset_index(), ["adcode"], topology),
        style_function=lambda _f: {
            "color": layer.core.edge,
            "weight": layer.core.width,
            "fillColor": layer.core.fill,
            "fillOpacity": layer.core.fill_opacity,
        },
        interactive=False,
    ).add_to(group)
    axis = folium.FeatureGroup(control=False)  # one tooltip for all its lines
    line = {"color": style.AXIS.color, "weight": style.AXIS.width, "dashArray": dash_css(style.AXIS.dash)}
    axis.add_child(LineSet([_line(path, [0]) for path in reading.axis_paths], [line]))
    axis.add_child(_tooltip(layer.axis_tip))
    axis.add_to(group)
    nodes = folium.FeatureGroup(control=False)
    for lon, lat, label in layer.nodes:
        folium.CircleMarker(
            [lat, lon], radius=5, color=style.AXIS.color, fill=True, fill_opacity=1,
            tooltip=folium.Tooltip(esc(label)),
        ).add_to(nodes)  # fmt: skip
    nodes.add_to(group)
    group.add_child(legend_box(layer.legend, order=LAYERS.index("layout")))
    return group


def _draw_belt(belt, color: str, union, topology, tip: Info, region_opacity: float) -> folium.FeatureGroup:
    """One belt of the scene's reading (``geo.data.readings.Belt``): outline (``union``, of its
    members), region fill, corridors, and one tooltip for the belt's outline and lines (the fill
    and the wide bands let the pointer through). One outline around the members, not every
    member again: a smaller page."""
    sub = folium.FeatureGroup(control=False)
    sub.add_child(_tooltip(tip))
    if belt.draw == "region" and region_opacity:  # a fill that lets clicks through; an outline names it
        CompactGeoJson(
            feature_collection(gpd.GeoDataFrame(geometry=[union]), [], topology),
            style_function=lambda _f: {
                "stroke": False,
                "fillColor": color,
                "fillOpacity": region_opacity,
            },
            interactive=False,
        ).add_to(sub)
    CompactGeoJson(  # the outline: the same rings unfilled (SVG hovers its line only), no new vertices
        feature_collection(gpd.GeoDataFrame(geometry=[union]), [], topology),
        style_function=lambda _f: {
            "fill": False,
            "color": color,
            "weight": style.BELT_OUTLINE_WIDTH,
            "dashArray": dash_css(style.BELT_OUTLINE_DASH),
        },
    ).add_to(sub)
    band = {  # under the line, letting clicks and hovers through (and CSS: PASSIVE)
        "color": color,
        "weight": style.BELT_CORRIDOR_WIDTH,
        "opacity": style.BELT_CORRIDOR_OPACITY,
        "className": PASSIVE,
        "interactive": False,
    }
    line = {"color": color, "weight": style.BELT_LINE_WIDTH, "dashArray": dash_css(style.BELT_LINE_DASH)}
    sub.add_child(LineSet([_line(path, [0, 1]) for path in belt.paths], [band, line]))
    return sub


def _line(path, styles: list[int]) -> dict:
    """A path of the scene ((lon, lat) points) as a ``LineSet`` line in ``styles``."""
    return {"path": [(lat, lon) for lon, lat in path], "styles": styles}
