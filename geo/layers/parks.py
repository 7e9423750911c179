"""Named parks, zones and city designations as markers, by kind.

Places at the same coordinates share one marker. Where a prefecture has many
places (Chengdu), they are shown at province zoom as one count marker that
opens up into the individual markers from ``DETAIL_ZOOM`` on (pure CSS, no
plugin). Symbols are inline SVG: no icon fonts, no images.
"""

from __future__ import annotations

import folium
import geopandas as gpd
import pandas as pd

from geo import style
from geo.i18n import pick, plan_ref, t
from geo.layers.elements import Labels, MarkerSet, ZoomClass, legend_box
from geo.layers.markup import esc, info_rows, svg_symbol
from geo.legends import cited_by_id, parks_legend, source_names
from geo.names import prefecture_records
from geo.view import LAYERS

DETAIL_ZOOM = 9
CLUSTER_MIN = 3  # a prefecture with this many locations is aggregated at low zoom


_DECLUTTER_CSS = (
    ".leaflet-container:not(.sw-zoomed) .sw-detail { display: none; } "
    ".leaflet-container.sw-zoomed .sw-aggregate { display: none; } "
    ".sw-icon { background: none; border: none; }"
)


def _precision_text(metres: int, lang: str) -> str:
    return f"≈ {metres / 1000:g} km" if metres >= 1000 else f"≈ {metres} m"


def location_sources(ids: str, lang: str) -> str:
    """A place's location sources by short name (the full entries are on the sources page)."""
    return t("list_sep", lang).join(source_names(cited_by_id(ids), lang))


def _bases_text(ids: str, base_names: dict[str, str]) -> str:
    return "; ".join(base_names[i] for i in ids.split(";") if i)


def _place_info(row, base_names: dict[str, str], themes: dict, lang: str) -> list:
    pref = prefecture_records()[row.prefecture_adcode]
    other = row.name_zh if lang == "en" else ""  # the Chinese name for English readers; none the other way
    return info_rows(
        pick(row.name_zh, row.name_en, lang),
        [
            ("", other),
            (t("kind", lang), t(f"kind_{row.kind}", lang)),
            (t("prefecture", lang), pick(pref.name_zh, pref.name_en, lang)),
            (t("base", lang), _bases_text(row.base, base_names)),
            (
                t("themes", lang),
                t("list_sep", lang).join(themes.get(x, {}).get(lang, x) for x in row.themes.split(";") if x),
            ),
            (t("plan_ref", lang), plan_ref(row.plan_ref, lang)),
            (t("plan_name", lang), pick(row.plan_name_zh, row.plan_name_en, lang)),
            ("", pick(row.description_zh, row.description_en, lang)),
            (t("precision", lang), _precision_text(row.location_precision_m, lang)),
            (t("area", lang), t("area_value", lang, km2=f"{float(row.area_km2):,g}") if row.area_km2 else ""),
            (t("location_source", lang), location_sources(row.location_source_id, lang)),
            (t("location_note", lang), pick(row.location_note_zh, row.location_note, lang)),
        ],
    )


def build_parks_layer(
    parks: gpd.GeoDataFrame,
    bases: pd.DataFrame,
    *,
    name: str | None = None,
    show: bool = True,
    lang: str = "zh",
    unmapped_count: int = 0,
    labels: bool = True,
    themes: dict | None = None,
) -> folium.FeatureGroup:
    """Markers for the located places, a de-cluttered province view, and a legend.

    ``themes`` names the theme tags in both languages (``geo.data.load_themes``).
    """
    themes = themes or {}
    group = folium.FeatureGroup(name=esc(name or t("parks", lang)), show=show)  # control shows HTML
    base_names = {b.id: pick(b.name_zh, b.name_en, lang) for b in bases.itertuples()}
    records = list(parks.drop(columns="geometry").itertuples(index=False))  # plain rows: fast to read
    locations: dict[tuple[str, str], list] = {}
    for r in records:
        locations.setdefault((r.lon, r.lat), []).append(r)
    per_pref: dict[str, int] = {}
    for rows in locations.values():
        per_pref[rows[0].prefecture_adcode] = per_pref.get(rows[0].prefecture_adcode, 0) + 1
    dense = {code for code, n in per_pref.items() if n >= CLUSTER_MIN}
    markers = []
    for (lon, lat), rows in locations.items():
        first = rows[0]
        markers.append(
            {
                "lat": lat,
                "lon": lon,
                "icon": svg_symbol(style.KIND_SHAPES[first.kind], style.PLACE_COLOR),
                "cls": "sw-detail" if first.prefecture_adcode in dense else "",
                "tip": "<br>".join(esc(pick(r.name_zh, r.name_en, lang)) for r in rows),
                "infos": [_place_info(r, base_names, themes, lang) for r in rows],
            }
        )
    markers += [
        _aggregate_marker([r for r in records if r.prefecture_adcode == code], code, lang)
        for code in sorted(dense)
    ]
    group.add_child(MarkerSet(markers))
    if labels:  # names beside the markers, shown from DETAIL_ZOOM on (CSS in ViewControls)
        names = [
            {
                "lat": lat,
                "lon": lon,
                "text": t("list_sep", lang).join(pick(r.name_zh, r.name_en, lang) for r in rows),
            }
            for (lon, lat), rows in locations.items()
        ]
        group.add_child(Labels(names, css_class="sw-park-label", priority=1))  # after prefecture names
    group.add_child(ZoomClass(DETAIL_ZOOM, "sw-zoomed", _DECLUTTER_CSS))
    group.add_child(legend_box(parks_legend(parks, lang, unmapped_count), order=LAYERS.index("parks")))
    return group


def _aggregate_marker(rows: list, code: str, lang: str) -> dict:
    pref = prefecture_records()[code]
    badge = (
        '<div style="width:26px;height:26px;border-radius:13px;background:#333333;'
        "color:#fff;font:bold 12px/26px sans-serif;text-align:center;"
        f'border:2px solid #fff;box-shadow:0 0 3px #333">{len(rows)}</div>'
    )
    label = (
        f"{pick(pref.name_zh, pref.name_en, lang)}: {len(rows)} {t('places', lang)} ({t('zoom_in', lang)})"
    )
    return {
        "lat": sum(float(r.lat) for r in rows) / len(rows),
        "lon": sum(float(r.lon) for r in rows) / len(rows),
        "icon": badge,
        "cls": "sw-aggregate",
        "size": 30,
        "tip": esc(label),
        "zoom": DETAIL_ZOOM,  # a click opens the places up
    }
