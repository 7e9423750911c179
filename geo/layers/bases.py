"""The five industry bases: distinct colour-blind-safe symbols placed schematically in Chengdu.

The plan (专栏5) lays the five bases out in Chengdu without sites. The symbols sit
on a small ring around Chengdu's centre, and dashed lines lead to the parks each
base is *interpreted* to use (``data/bases.csv``, ``linked_parks``).
"""

from __future__ import annotations

import folium
import geopandas as gpd
import pandas as pd

from geo import style
from geo.i18n import pick, plan_ref, t
from geo.layers.elements import HtmlPopup, legend_box
from geo.layers.markup import esc, info_table, svg_symbol
from geo.legends import bases_legend
from geo.names import prefecture_records
from geo.style import dash_css
from geo.view import LAYERS


def build_bases_layer(
    bases: pd.DataFrame,
    parks: gpd.GeoDataFrame,
    *,
    center: tuple[float, float] | None = None,
    name: str | None = None,
    show: bool = True,
    lang: str = "zh",
) -> folium.FeatureGroup:
    """Five base symbols with bilingual popups, interpretation links, and a legend.

    ``center`` (lon, lat) is where the ring of symbols sits; default: Chengdu's centre.
    """
    group = folium.FeatureGroup(name=esc(name or t("bases", lang)), show=show)  # control shows HTML
    chengdu = prefecture_records()["510100"]
    positions = style.base_positions(center or (chengdu.seat_lon, chengdu.seat_lat), len(bases))
    park_by_id = parks.set_index("id")
    for base, (lon, lat) in zip(bases.itertuples(), positions, strict=True):
        linked = [p for p in base.linked_parks.split(";") if p]
        for pid in linked:
            park = park_by_id.loc[pid]
            folium.PolyLine(
                [(lat, lon), (park.geometry.y, park.geometry.x)],
                color=base.color,
                weight=2,
                opacity=0.9,
                dash_array=dash_css(style.BASE_LINK_DASH),
                tooltip=folium.Tooltip(
                    esc(
                        f"{t('base_link', lang)}: "
                        f"{pick(base.name_zh, base.name_en, lang)} → "
                        f"{pick(park.name_zh, park.name_en, lang)}"
                    )
                ),
            ).add_to(group)
        park_names = "; ".join(
            pick(park_by_id.loc[p, "name_zh"], park_by_id.loc[p, "name_en"], lang) for p in linked
        )
        body = info_table(
            pick(base.name_zh, base.name_en, lang),
            [
                ("", pick(base.name_en, base.name_zh, lang)),
                (t("prefecture", lang), pick(chengdu.name_zh, chengdu.name_en, lang)),
                (t("plan_ref", lang), plan_ref(base.plan_ref, lang)),
                ("", t("base_in_chengdu", lang)),
                (t("linked_parks", lang), park_names),
                (t("basis", lang), pick(base.link_basis_zh, base.link_basis, lang)),
            ],
        )
        marker = folium.Marker(
            [lat, lon],
            icon=folium.DivIcon(
                html=svg_symbol(base.symbol, base.color, size=22),
                icon_size=(22, 22),
                icon_anchor=(11, 11),
                class_name="sw-icon",
            ),
            tooltip=folium.Tooltip(esc(pick(base.name_zh, base.name_en, lang))),
        )
        marker.add_child(HtmlPopup(body)).add_to(group)
    group.add_child(legend_box(bases_legend(bases, lang), order=LAYERS.index("bases")))
    return group
