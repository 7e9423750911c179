"""The 一轴一核多带 layout: the core (the plan's word) and one reading of axis and belts.

Fact is drawn solid (the core), interpretation dashed (axis, belts); the legend
names the reading and says it is an interpretation.
"""

from __future__ import annotations

from functools import lru_cache

import folium
import geopandas as gpd
import shapely

from geo.i18n import pick, t
from geo.layers.elements import CompactGeoJson, LayerLegend, feature_collection
from geo.layers.markup import OKABE_ITO, area_swatch, esc, info_table, legend_row, line_swatch
from geo.names import prefecture_records
from geo.readings import Belt, Reading

CORE_COLOR = OKABE_ITO["vermillion"]
AXIS_COLOR = "#7a1f1f"
BELT_COLORS = [OKABE_ITO[c] for c in ("blue", "green", "purple", "orange", "sky")]


def _names(codes, lang: str) -> str:
    prefs = prefecture_records()
    return "、".join(pick(prefs[c].short_zh, prefs[c].short_en, lang) for c in codes)


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
    title = name or f"{t('layout', lang)} ({t('interpretation', lang)} {reading.key})"
    group = folium.FeatureGroup(name=esc(title), show=show)  # the layer control shows names as HTML
    shapes = prefecture_shapes.set_index("adcode")
    interp = f"{t('interpretation', lang)}: {pick(reading.name_zh, reading.name_en, lang)}"
    for belt, color in zip(reading.belts, BELT_COLORS, strict=False):
        _draw_belt(belt, color, shapes, interp, lang).add_to(group)
    CompactGeoJson(
        feature_collection(shapes.loc[list(reading.core)].reset_index(), ["adcode"]),
        style_function=lambda _f: {
            "color": CORE_COLOR,
            "weight": 3,
            "fillColor": CORE_COLOR,
            "fillOpacity": 0.35,
        },
        tooltip=_tooltip(
            reading.core_name[lang],
            [
                (t("members", lang), _names(reading.core, lang)),
                (t("basis", lang), f"{t('plan_word', lang)} ({reading.core_plan_ref})"),
            ],
        ),
    ).add_to(group)
    axis_tip = [(t("members", lang), _names(reading.axis_members, lang)), (t("basis", lang), interp)]
    for path in reading.axis_paths:
        folium.PolyLine(
            [(lat, lon) for lon, lat in path],
            color=AXIS_COLOR,
            weight=5,
            dash_array="10,6",
            tooltip=_tooltip(reading.axis_name[lang], axis_tip),
        ).add_to(group)
    _external_nodes(reading, lang).add_to(group)
    group.add_child(LayerLegend(title, _legend_body(reading, lang)))
    return group


def _draw_belt(belt: Belt, color: str, shapes, interp: str, lang: str) -> folium.FeatureGroup:
    tip = [(t("members", lang), _names(belt.members, lang)), (t("basis", lang), interp)]
    title = pick(belt.name_zh, belt.name_en, lang)
    sub = folium.FeatureGroup(control=False)
    # One outline around the members (their union), not every member again: smaller page.
    members = gpd.GeoDataFrame(geometry=[_union(tuple(shapes.loc[list(belt.members)].geometry))])
    fill = 0.22 if belt.draw == "region" else 0.0
    CompactGeoJson(
        feature_collection(members, []),
        style_function=lambda _f: {
            "color": color,
            "weight": 2,
            "dashArray": "6,4",
            "fillColor": color,
            "fillOpacity": fill,
        },
        tooltip=_tooltip(title, tip),
    ).add_to(sub)
    for path in belt.paths:
        latlon = [(lat, lon) for lon, lat in path]
        folium.PolyLine(
            latlon, color=color, weight=22, opacity=0.25, line_cap="round", tooltip=_tooltip(title, tip)
        ).add_to(sub)
        folium.PolyLine(latlon, color=color, weight=2, dash_array="6,5").add_to(sub)
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
            color=AXIS_COLOR,
            fill=True,
            fill_opacity=1,
            tooltip=folium.Tooltip(esc(label)),
        ).add_to(sub)
    return sub


def _legend_body(reading: Reading, lang: str) -> str:
    rows = [
        legend_row(
            area_swatch(CORE_COLOR, opacity=0.35), f"{reading.core_name[lang]} — {t('plan_word', lang)}"
        ),
        legend_row(
            line_swatch(AXIS_COLOR, dashed=True), f"{reading.axis_name[lang]} — {t('interpretation', lang)}"
        ),
    ]
    for belt, color in zip(reading.belts, BELT_COLORS, strict=False):
        swatch = area_swatch(color, dashed=True) if belt.draw == "region" else line_swatch(color, width=8)
        rows.append(
            legend_row(swatch, f"{pick(belt.name_zh, belt.name_en, lang)} — {t('interpretation', lang)}")
        )
    note = pick(reading.note_zh, reading.note_en, lang)
    return (
        "".join(rows)
        + f'<div style="margin-top:4px"><i>{esc(t("fact_vs_interp", lang))}</i></div>'
        + f'<details style="margin-top:3px;color:#555"><summary>{esc(t("about_reading", lang))}</summary>'
        + f"{esc(note)}</details>"
    )
