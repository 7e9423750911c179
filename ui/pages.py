"""The app's pages: map, comparison, data & sources."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from functools import partial
from pathlib import Path

import altair as alt
import pandas as pd
import streamlit as st
import streamlit.components.v1 as components

from geo.basemaps import BasemapError, basemap_datum, check_basemap
from geo.data import MapData
from geo.escape import markdown_text
from geo.export import embed_snippet, html_document
from geo.i18n import pick, plan_ref, t
from geo.indicators import meta_for
from geo.map import build_comparison, build_map
from geo.paths import DATA
from geo.readings import resolve_reading
from geo.static_map import FontMissingError, render_static
from geo.tables import comparison_table, to_csv_bytes, to_xlsx_bytes
from geo.view import MapView
from ui.live_map import live_map
from ui.panel import prefecture_panel
from ui.sidebar import indicator_select
from ui.tables import show_table


def map_page(data: MapData, view: MapView, basemap_key: str) -> None:
    lang = view.lang
    st.title(t("app_title", lang))
    try:
        check_basemap(data.basemaps, view.basemap, basemap_key)
    except BasemapError as exc:
        st.warning(t(f"basemap_{exc.reason}", lang))
        view = replace(view, basemap="none")
    st.text_input(
        t("find", lang), key="find", placeholder=t("find_hint", lang), on_change=_find, args=(data, view)
    )
    if st.session_state.pop("_find_failed", False):
        st.warning(t("find_none", lang))
    col_map, col_panel = st.columns([3, 1.3])
    with col_map:
        result = live_map(
            data,
            view,
            basemap_key=basemap_key,
            center=st.session_state.pop("_goto_center", None),
            zoom=st.session_state.pop("_goto_zoom", None),
        )
        st.caption(f"{t('schematic', lang)} · {t('boundary_source', lang)}")
    _select_clicked(data, view, (result or {}).get("last_clicked"))
    reading = resolve_reading(data.layout, view.reading, data.seats)
    with col_panel:
        prefecture_panel(data, st.session_state.get("sel", ""), reading, lang)
    with st.expander(f"{t('interpretation', lang)}: {pick(reading.name_zh, reading.name_en, lang)}"):
        st.text(pick(reading.note_zh, reading.note_en, lang))
        st.text("\n".join(reading.sources))
    with st.expander(t("export", lang)):
        _exports(data, view, basemap_key)


def _drawn(data: MapData, view: MapView) -> MapData:
    """The data in the datum the map is drawn in (that of its basemap's tiles)."""
    return data.in_datum(basemap_datum(data.basemaps, view.basemap))


def _find(data: MapData, view: MapView) -> None:
    """Centre the map on the place typed in the search box and open its prefecture's panel."""
    place = _drawn(data, view).find(st.session_state.get("find", ""))
    st.session_state["_find_failed"] = place is None
    if place:
        st.session_state["sel"] = place["adcode"]
        st.session_state["_goto_center"] = (place["lat"], place["lon"])
        st.session_state["_goto_zoom"] = place["zoom"]


def _select_clicked(data: MapData, view: MapView, click: dict | None) -> None:
    """A click anywhere on the map selects the prefecture under it, whatever layers lie on top
    (resolved here against the polygons, in the datum the map is drawn in)."""
    if not click or click == st.session_state.get("_last_click"):
        return
    st.session_state["_last_click"] = click
    code = _drawn(data, view).area_at(float(click["lng"]), float(click["lat"]))
    if code:
        st.session_state["sel"] = code


def _exports(data: MapData, view: MapView, basemap_key: str) -> None:
    lang = view.lang
    st.download_button(  # built only when clicked (a callable), not on every rerun
        t("download_html", lang),
        lambda: html_document(partial(build_map, data, view), basemap_key=basemap_key).encode("utf-8"),
        "sichuan-software-map.html",
        "text/html",
        key="dl_html",
    )
    for fmt, mime in (("png", "image/png"), ("svg", "image/svg+xml")):
        if st.button(t(f"download_{fmt}", lang), key=f"make_{fmt}"):
            try:
                with tempfile.TemporaryDirectory() as tmp:
                    out = render_static(data, Path(tmp) / f"map.{fmt}", view)
                    st.download_button(
                        t(f"download_{fmt}", lang),
                        out.read_bytes(),
                        f"sichuan-map.{fmt}",
                        mime,
                        key=f"dl_{fmt}",
                    )
            except FontMissingError as exc:
                st.error(str(exc))
    st.caption(t("embed", lang))
    st.code(embed_snippet("sichuan-software-map.html", title=t("app_title", lang)), language="html")


def compare_page(data: MapData, view: MapView) -> None:
    lang = view.lang
    st.title(t("page_compare", lang))
    second = indicator_select(st, data, "indicator2", lang)
    first = view.indicator
    left = replace(view, layers=("prefectures", "choropleth"), basemap="none")
    figure = partial(build_comparison, data, left, replace(left, indicator=second))
    components.html(html_document(figure), height=560)
    for ind in dict.fromkeys([first, second]):
        _ranked_chart(data, ind, lang)
    st.subheader(t("table", lang))
    table = comparison_table(data, [first, second], lang)
    show_table(table)
    st.download_button(
        t("download_csv", lang), to_csv_bytes(table), "sichuan-prefectures.csv", "text/csv", key="dl_csv"
    )
    st.download_button(
        t("download_xlsx", lang),
        to_xlsx_bytes(table),
        "sichuan-prefectures.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="dl_xlsx",
    )


def _ranked_chart(data: MapData, indicator: str, lang: str) -> None:
    meta = meta_for(indicator, data.indicator_meta, data.indicators)
    view = data.view(indicator).dropna(subset=["value"])
    view = view.assign(name=[pick(a, b, lang) for a, b in zip(view["name_zh"], view["name_en"], strict=True)])
    unit = pick(meta["unit_zh"], meta["unit_en"], lang)
    name = markdown_text(pick(meta["name_zh"], meta["name_en"], lang))
    st.markdown(f"**{t('ranked', lang)}: {name} ({markdown_text(unit)})**")
    chart = (
        alt.Chart(view)
        .mark_bar()
        .encode(
            x=alt.X("value:Q", title=unit),
            y=alt.Y("name:N", sort="-x", title=None),
            tooltip=["name", "value", "year", "source"],
        )
    )
    st.altair_chart(chart, width="stretch")


def sources_page(data: MapData, view: MapView) -> None:
    lang = view.lang
    st.title(t("page_sources", lang))
    st.subheader(t("indicators_of", lang))
    show_table(_indicator_sources(data, lang))
    st.subheader(t("parks_in", lang))
    parks = data.parks
    precision = [f"≈ {int(m) / 1000:g} km" for m in parks["location_precision_m"]]
    notes = [
        pick(z, e, lang) for z, e in zip(parks["location_source_zh"], parks["location_source"], strict=True)
    ]
    show_table(_places(parks, lang, **{t("precision", lang): precision, t("location_source", lang): notes}))
    st.subheader(t("unmapped", lang))
    unmapped = data.parks_unmapped
    show_table(_places(unmapped, lang, **{t("reason_en", lang): list(unmapped["reason"])}))
    with st.expander(t("data_readme", lang)):  # our own file, written in English
        st.markdown((DATA / "README.md").read_text(encoding="utf-8"))


def _indicator_sources(data: MapData, lang: str) -> pd.DataFrame:
    rows = data.indicators.drop_duplicates(["indicator", "source"])
    metas = {i: meta_for(i, data.indicator_meta, data.indicators) for i in rows["indicator"].unique()}
    return pd.DataFrame(
        {
            t("indicator", lang): [
                pick(metas[i]["name_zh"], metas[i]["name_en"], lang) for i in rows["indicator"]
            ],
            t("year", lang): [y or t("year_not_given", lang) for y in rows["year"]],
            t("unit", lang): [
                pick(metas[i]["unit_zh"], metas[i]["unit_en"], lang) for i in rows["indicator"]
            ],
            t("source", lang): rows["source"].values,
        }
    )


def _places(places: pd.DataFrame, lang: str, **extra: list) -> pd.DataFrame:
    """Places with their name, kind and plan sections in ``lang``, then the ``extra`` columns."""
    return pd.DataFrame(
        {
            t("name", lang): [
                pick(a, b, lang) for a, b in zip(places["name_zh"], places["name_en"], strict=True)
            ],
            t("kind", lang): [t(f"kind_{k}", lang) for k in places["kind"]],
            t("plan_ref", lang): [plan_ref(r, lang) for r in places["plan_ref"]],
            **extra,
        }
    )
