"""The app's pages: map, comparison, the plan's targets and results, data & sources."""

from __future__ import annotations

import time
from dataclasses import replace
from functools import partial

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st
import streamlit.components.v1 as components

from geo.data.basemaps import BasemapError, check_basemap
from geo.data.coverage import coverage_cells, coverage_grid, coverage_summary, missing_template
from geo.data.indicators import default_year, indicator_level, indicator_years
from geo.data.load import MapData, load_sources
from geo.data.names import prefecture_records
from geo.export import html_document
from geo.map import build_comparison
from geo.paths import DATA
from geo.plan.profile import AreaProfiles
from geo.scene.build import Scene, location_sources
from geo.scene.find import find_place
from geo.scene.interactive import drawn_data
from geo.scene.legends import COPY_MARK, cited_by_id, full_sources, source_names
from geo.scene.view import MapView
from geo.tables import comparison_table, to_csv_bytes, to_xlsx_bytes
from geo.text.escape import markdown_text
from geo.text.i18n import meta_unit, named_unit, pick, plan_ref, t, unit_scale
from ui.change import change_answer, over_time
from ui.exports import export_area
from ui.live_map import live_map, page_scene
from ui.panel import change_rows, marks_at, place_details, prefecture_panel, profiles
from ui.sidebar import indicator_label, kept_indicator_select, select
from ui.tables import show_table


def map_page(data: MapData, view: MapView, basemap_key: str, first_look: bool = False) -> None:
    """The map page; ``first_look``: the session's first look at it, when the browser is given a head
    start on the map's code (``HEAD_START_S``) before the widgets under it and in the sidebar."""
    lang = view.lang
    compact_header()
    title_col, find_col = st.columns([3, 2], vertical_alignment="center")
    title_col.title(t("app_title", lang))
    notices = st.container()  # one slot, however many notices: the map below keeps its place
    try:
        check_basemap(data.basemaps, view.basemap, basemap_key)
    except BasemapError as exc:
        notices.warning(t(f"basemap_{exc.reason}", lang))
        view = replace(view, basemap="none")
    find_box = partial(
        find_col.empty().text_input,
        t("find", lang),
        key="find",
        placeholder=t("find_hint", lang),
        on_change=_find,
        args=(data, view),
        label_visibility="collapsed",
    )
    if not first_look:
        find_box()
    found = st.session_state.pop("_found", None)
    if found == "none":
        notices.warning(t("find_none", lang))
    elif found is not None and found.unmapped:  # named by the plan, with no published site
        pref = prefecture_records().get(found.adcode or "")
        where = pick(pref.name_zh, pref.name_en, lang) if pref else ""
        name = markdown_text(pick(found.name_zh, found.name_en, lang))
        notices.info(t("find_unmapped_in" if where else "find_unmapped", lang, name=name, where=where))
    scene = page_scene(data, view)  # what the map shows, decided once (its layers kept)
    reading = scene.reading
    _map_and_panel(scene, profiles(data, reading, lang), view, basemap_key)  # the panel's, built once
    if first_look:
        if st.context.headers:  # a browser is fetching the page's code (a session run in tests has none)
            time.sleep(HEAD_START_S)
        find_box()
    if view.change and "choropleth" in view.layers:  # under the map: the map stays on one screen
        change_answer(data, view)
    over_time(data, view)
    if "layout" in view.layers:  # which cities are on the axis and the belts, beside the map
        st.markdown(layout_members(reading, lang))
    with st.expander(f"{t('reading', lang)}: {pick(reading.name_zh, reading.name_en, lang)}"):
        st.text(pick(reading.note_zh, reading.note_en, lang))
        cited = full_sources(cited_by_id(";".join(reading.sources)), lang)
        st.text("\n".join(" · ".join(x for x in entry if x) for entry in cited))  # the reading's own
    # drawn while it is open only: its dozen widgets are not sent, nor laid out by the browser, on
    # every run of the page (a change reached the map 30-60 ms later with them; docs/PERFORMANCE.md)
    exports = st.expander(t("export", lang), key="export_open", on_change="rerun")
    if exports.open:
        with exports:
            export_area(data, view, basemap_key)


# s: on a session's first look, the browser fetches and runs the map's code before it turns to
# the controls' (a dozen kinds of widget, about 50 files on its six connections). Measured here
# (docs/PERFORMANCE.md): the map drawn 0.6 s sooner (1.39 s instead of 2.00 s), every control
# drawn 0.1 s later (2.20 s instead of 2.10 s); 0.3 s was too short on a busy machine.
HEAD_START_S = 0.5
MAP_HEIGHT = 600  # px: with the compact header, map and legend fit a 1366×768 screen


def compact_header() -> None:
    """Less room above the page's content than Streamlit leaves, so the map is on the first screen
    (fixed CSS, no data in it). Written as Markdown, whose code the page already has: ``st.html``
    would first fetch its own element's code and DOMPurify's, and the map's frame waited for them
    (docs/PERFORMANCE.md)."""
    st.markdown(
        "<style>[data-testid='stMainBlockContainer'] { padding-top: 3.6rem; padding-bottom: 1rem; }"
        " [data-testid='stMainBlockContainer'] h1 { font-size: 1.45rem; padding: 0; }</style>",
        unsafe_allow_html=True,
    )


@st.fragment
def _map_and_panel(scene: Scene, profiles: AreaProfiles, view: MapView, basemap_key: str) -> None:
    """The map (``scene``, of ``view``) and the clicked prefecture's panel (its profile): a click
    reruns only this part of the page, and decides nothing again."""
    lang = view.lang
    col_map, col_panel = st.columns([3.2, 1])
    with col_map:
        result = live_map(
            scene,
            basemap_key=basemap_key,
            height=MAP_HEIGHT,
            center=st.session_state.pop("_goto_center", None),
            zoom=st.session_state.pop("_goto_zoom", None),
        )
        st.caption(f"{t('schematic', lang)} · {t('boundary_source', lang)}")
    _select_clicked(scene, result or {})
    with col_panel:
        at = st.session_state.get("sel_at")
        place_details(marks_at(scene, *at) if at else [], lang)
        selected = st.session_state.get("sel", "")
        if view.change and "choropleth" in view.layers:
            change_rows(scene, selected, lang)
        prefecture_panel(profiles.get(selected), lang)


def layout_members(reading, lang: str) -> str:
    """The core, the axis and each belt of ``reading`` with their member prefectures, one Markdown
    line each, the plan's word told from interpretations."""
    records = prefecture_records()
    sep = t("list_sep", lang)

    def line(name: str, codes, kind: str, added=()) -> str:
        names = sep.join(
            pick(records[c].short_zh, records[c].short_en, lang)
            + (f" ({t('added_by_us', lang)})" if c in added else "")
            for c in codes
        )
        return f"- **{markdown_text(name)}** ({t(kind, lang)}): {markdown_text(names)}"

    axis = dict.fromkeys((*reading.core, *reading.axis_members))  # the axis runs from the core
    lines = [
        line(reading.core_name[lang], reading.core, "plan_word"),
        line(reading.axis_name[lang], axis, "interpretation"),
        *(
            line(pick(b.name_zh, b.name_en, lang), b.members, "interpretation", b.added)
            for b in reading.belts
        ),
    ]
    return "\n".join(lines)


def _find(data: MapData, view: MapView) -> None:
    """Centre the map on the place typed in the search box and open its prefecture's panel."""
    place = find_place(drawn_data(data, view), st.session_state.get("find", ""))
    st.session_state["_found"] = place or "none"  # said once above the map
    st.session_state["sel"] = (place.adcode or "") if place else ""  # never the previous one, silently
    st.session_state["sel_at"] = None
    if place and place.lat is not None:
        st.session_state["_goto_center"] = (place.lat, place.lon)
        st.session_state["_goto_zoom"] = place.zoom


def _select_clicked(scene: Scene, result: dict) -> None:
    """A click anywhere on the map selects the prefecture under the pointer, whatever is drawn
    there (resolved here against the polygons, in the datum the map is drawn in); a click on a
    marker (a place, a base, a count of places) also shows what the marker stands for above the
    panel (the map passes the marker's own point along)."""
    click, mark = result.get("last_clicked"), result.get("last_object_clicked")
    if not click or (click, mark) == st.session_state.get("_last_click"):
        return
    st.session_state["_last_click"] = (click, mark)
    code = scene.area_at(float(click["lng"]), float(click["lat"]))
    at = (float(mark["lng"]), float(mark["lat"])) if mark else None
    st.session_state["sel_at"] = at if at and marks_at(scene, *at) else None
    if code:
        st.session_state["sel"] = code
        st.query_params["sel"] = code  # a click reruns only the map's fragment: the link follows here


def compare_page(data: MapData, view: MapView) -> None:
    lang = view.lang
    st.title(t("page_compare", lang))
    col1, col2 = st.columns(2)
    with col1:
        first = kept_indicator_select(data, "indicator1", view.indicator, lang)
        year1 = _year_select(data, first, "year1", lang)
    with col2:
        second = kept_indicator_select(data, "indicator2", "land_area", lang)
        year2 = _year_select(data, second, "year2", lang)
    if year1 and year2 and year1 != year2:  # never pair two years without saying so
        st.warning(t("compare_years_differ", lang, left=year1, right=year2))
    left = replace(view, layers=("prefectures", "choropleth"), basemap="none", indicator=first, year=year1)
    right = replace(left, indicator=second, year=year2)
    left = replace(left, level=indicator_level(data.indicators, first, data.prefectures["adcode"]))
    right = replace(right, level=indicator_level(data.indicators, second, data.prefectures["adcode"]))
    components.html(html_document(partial(build_comparison, data, left, right)), height=560)
    years = {first: year1, second: year2}
    if first != second:
        _scatter(data, (first, year1), (second, year2), lang)
    for ind in dict.fromkeys([first, second]):
        _ranked_chart(data, ind, years[ind], lang)
    st.subheader(t("table", lang))
    table = comparison_table(data, [first, second], lang, years=years)
    show_table(table)
    st.download_button(
        t("download_csv", lang), to_csv_bytes(table), "sichuan-prefectures.csv", "text/csv", key="dl_csv"
    )
    st.download_button(
        t("download_xlsx", lang),
        to_xlsx_bytes(table, _about(data, [first, second], lang)),
        "sichuan-prefectures.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="dl_xlsx",
    )


def _year_select(data: MapData, indicator: str, key: str, lang: str) -> str | None:
    """The year of ``indicator`` a side of the comparison shows: a choice when it has several
    (the latest first; the fullest year to begin with), else its only year; "" for an indicator
    without a year."""
    years = indicator_years(data.indicators, indicator)
    if len(years) < 2:
        st.caption(f"{t('year', lang)}: {years[0] or t('year_not_given', lang)}" if years else "")
        return years[0] if years else None
    if st.session_state.get(key) not in years:
        st.session_state[key] = default_year(data.indicators, indicator)
    return select(st, lang, t("year", lang), years, key=key)


def _scatter(data: MapData, first: tuple[str, str | None], second: tuple[str, str | None], lang: str) -> None:
    """The two indicators (each with its year) against each other, each prefecture labelled, with
    their correlation."""
    (first, year1), (second, year2) = first, second
    a, b = data.view(first, year1), data.view(second, year2)
    pairs = a[["adcode", "name_zh", "name_en", "value"]].merge(
        b[["adcode", "value"]], on="adcode", suffixes=("_x", "_y")
    )
    pairs = pairs.dropna(subset=["value_x", "value_y"])
    st.subheader(t("scatter", lang))
    if len(pairs) < 3:
        st.caption(t("too_few_pairs", lang, n=len(pairs)))
        return
    names = {i: indicator_label(data, i, lang) for i in (first, second)}
    pairs = pairs.assign(name=_both(pairs, "name", lang))
    base = alt.Chart(pairs).encode(
        x=alt.X("value_x:Q", title=names[first]), y=alt.Y("value_y:Q", title=names[second])
    )
    chart = base.mark_circle(size=70) + base.mark_text(align="left", dx=6, fontSize=11).encode(text="name:N")
    st.altair_chart(chart.properties(height=320), width="stretch")
    r = float(np.corrcoef(pairs["value_x"], pairs["value_y"])[0, 1])
    st.caption(t("correlation", lang, r=r, n=len(pairs)))


def _about(data: MapData, indicators: list[str], lang: str) -> dict[str, str]:
    """The metadata sheet of a downloaded workbook: what it holds and where it comes from."""
    about = {t("app_title", lang): t("page_compare", lang)}
    for ind in indicators:
        meta = data.meta(ind)
        sources = data.view(ind)["source"].dropna()
        name = pick(meta["name_zh"], meta["name_en"], lang)
        about[name] = t("list_sep", lang).join(source_names(sorted(set(sources) - {""}), lang))
    return about


def _ranked_chart(data: MapData, indicator: str, year: str | None, lang: str) -> None:
    meta = data.meta(indicator)
    view = data.view(indicator, year).dropna(subset=["value"])
    factor = unit_scale(meta["unit_zh"], lang)
    view = view.assign(name=_both(view, "name", lang), value=view["value"] * factor)
    view = view.assign(source=[t("list_sep", lang).join(source_names([s], lang)) for s in view["source"]])
    unit = meta_unit(meta, lang)
    name = markdown_text(pick(meta["name_zh"], meta["name_en"], lang))
    shown_year = f", {markdown_text(year)}" if year else ""
    st.markdown(f"**{t('ranked', lang)}: {name} ({markdown_text(unit)}{shown_year})**")
    chart = (
        alt.Chart(view)
        .mark_bar()
        .encode(
            x=alt.X("value:Q", title=unit),
            y=alt.Y("name:N", sort="-x", title=None),
            tooltip=[
                alt.Tooltip("name:N", title=t("name", lang)),
                alt.Tooltip("value:Q", title=named_unit(t("value", lang), unit), format=",.6~g"),
                alt.Tooltip("year:N", title=t("year", lang)),
                alt.Tooltip("source:N", title=t("source", lang)),
            ],
        )
    )
    st.altair_chart(chart, width="stretch")


def _both(frame: pd.DataFrame, column: str, lang: str) -> list[str]:
    """Column ``column`` of ``frame`` in ``lang`` (from its ``_zh``/``_en`` pair)."""
    return [pick(a, b, lang) for a, b in zip(frame[f"{column}_zh"], frame[f"{column}_en"], strict=True)]


def sources_page(data: MapData, view: MapView) -> None:
    lang = view.lang
    st.title(t("page_sources", lang))
    st.subheader(t("indicators_of", lang))
    show_table(_indicator_sources(data, lang))
    _coverage(data, lang)
    st.subheader(t("sources_cited", lang))
    st.caption(t("sources_policy", lang))
    show_table(_source_entries(lang))
    st.subheader(t("parks_in", lang))
    parks = data.parks
    precision = [f"≈ {int(m) / 1000:g} km" for m in parks["location_precision_m"]]
    located = {
        t("precision", lang): precision,
        t("location_source", lang): [location_sources(ids, lang) for ids in parks["location_source_id"]],
        t("location_note", lang): [
            pick(z, e, lang) for z, e in zip(parks["location_note_zh"], parks["location_note"], strict=True)
        ],
    }
    show_table(_places(parks, lang, **located))
    st.subheader(t("unmapped", lang))
    unmapped = data.parks_unmapped
    show_table(_places(unmapped, lang, **{t("reason_en", lang): list(unmapped["reason"])}))
    with st.expander(t("data_readme", lang)):  # our own file, written in English
        st.markdown((DATA / "README.md").read_text(encoding="utf-8"))


def _coverage(data: MapData, lang: str) -> None:
    """What the data cover over the plan's period, and the missing cells as a template to fill."""
    st.subheader(t("coverage", lang))
    st.caption(t("coverage_intro", lang))
    cells = coverage_cells(data)
    show_table(coverage_summary(cells, data, lang))
    indicators = list(dict.fromkeys(cells["indicator"]))
    chosen = select(
        st, lang, t("coverage_grid", lang), indicators, key="coverage_indicator",
        format_func=lambda i: indicator_label(data, i, lang),
    )  # fmt: skip
    show_table(coverage_grid(cells, chosen, lang))
    st.download_button(
        t("coverage_template", lang),
        partial(missing_template, data, lang),
        f"sichuan-missing-values-{lang}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="dl_coverage",
    )


def _indicator_sources(data: MapData, lang: str) -> pd.DataFrame:
    """Which sources each indicator's values come from, by short name (the full entries follow)."""
    rows = data.indicators.drop_duplicates(["indicator", "source"])
    metas = {i: data.meta(i) for i in rows["indicator"].unique()}
    return pd.DataFrame(
        {
            t("indicator", lang): [
                pick(metas[i]["name_zh"], metas[i]["name_en"], lang) for i in rows["indicator"]
            ],
            t("year", lang): [y or t("year_not_given", lang) for y in rows["year"]],
            t("unit", lang): [meta_unit(metas[i], lang) for i in rows["indicator"]],
            t("source", lang): [t("list_sep", lang).join(source_names([s], lang)) for s in rows["source"]],
        }
    ).drop_duplicates()


def _source_entries(lang: str) -> pd.DataFrame:
    """The full entry of every source the bundled data cite (``data/sources.csv``)."""
    table = load_sources()
    return pd.DataFrame(
        {
            t("source", lang): [
                f"{n} {COPY_MARK}" if tier == "copy" else n
                for n, tier in zip(_both(table, "short", lang), table["tier"], strict=True)
            ],
            t("source_title", lang): table["title"].values,
            t("plan_publisher", lang): _both(table, "publisher", lang),
            t("plan_date", lang): table["date"].values,
            t("source_kind", lang): [t(f"source_{k}", lang) for k in table["kind"]],
            t("tier", lang): [t(f"tier_{k}", lang) for k in table["tier"]],
            t("source_quotes", lang): table["quotes"].values,
            t("source_language", lang): [t(f"language_{c}", lang) for c in table["language"]],
            t("note", lang): _both(table, "note", lang),
            t("source_address", lang): table["url"].values,
        }
    )


def _places(places: pd.DataFrame, lang: str, **extra: list) -> pd.DataFrame:
    """Places with their name, kind and plan sections in ``lang``, then the ``extra`` columns."""
    return pd.DataFrame(
        {
            t("name", lang): _both(places, "name", lang),
            t("kind", lang): [t(f"kind_{k}", lang) for k in places["kind"]],
            t("plan_ref", lang): [plan_ref(r, lang) for r in places["plan_ref"]],
            **extra,
        }
    )
