"""Change over the plan's period in the app: the change control, the growth answer, the series
view and the timeline. The computations are ``geo.data.change``, ``geo.scene.change`` and
``geo.scene.series``, the chart is drawn by ``geo.render.series_chart``; this file only wires
widgets to them."""

from __future__ import annotations

import time
from dataclasses import replace

import streamlit as st

from geo.data.change import CENTRES, MEASURES, best_pair, change_years, fastest, growth_pair
from geo.data.indicators import indicator_level, indicator_years
from geo.data.load import MapData, load_series_bases
from geo.data.series import series_years
from geo.render.series_chart import series_figure
from geo.scene.change import change_formatter, change_unit, changes, coverage
from geo.scene.legends import COPY_MARK, unverified
from geo.scene.series import rank_table, series_caption, series_chart, series_table
from geo.scene.view import MapView
from geo.tables import to_csv_bytes, to_xlsx_bytes
from geo.text.escape import markdown_text
from geo.text.i18n import pick, t
from ui.tables import show_table

PLAY_SECONDS = 1.5  # a year of the timeline while it plays


def _pairs(data: MapData, indicator: str):
    """Which pairs of years compare, over the areas of the level the indicator is given at (an
    uploaded county table's counties), and how many those areas are."""
    level = indicator_level(data.indicators, indicator, data.prefectures["adcode"])
    return coverage(data, indicator, level), len(data.areas(level))


def change_controls(side, data: MapData, indicator: str, lang: str) -> tuple[str | None, str, str]:
    """The change between two years (a choice of the indicator's pairs of years, those with the
    most areas comparable first, each with its count), its measure and centre."""
    state = st.session_state
    pairs, total = _pairs(data, indicator)
    options = ["", *(f"{p.start}:{p.end}" for p in pairs.itertuples())]
    counts = {f"{p.start}:{p.end}": p.n for p in pairs.itertuples()}
    if state.get("change") and state["change"] not in options:
        state["change"] = ""  # a pair the indicator does not have (another indicator's)

    def label(option: str) -> str:
        if not option:
            return t("change_level", lang)
        start, end = change_years(option)
        return t("change_pair", lang, start=start, end=end, n=counts[option], total=total)

    change = side.selectbox(t("change_mode", lang), options, key="change", format_func=label) or None
    measure, centre = state.get("measure") or "percent", state.get("centre") or "zero"
    if change:
        measure = side.radio(
            t("measure", lang), list(MEASURES), key="measure", format_func=lambda m: t(f"measure_{m}", lang)
        )
        centre = side.radio(
            t("centre", lang), list(CENTRES), key="centre", format_func=lambda c: t(f"centre_{c}", lang)
        )
    return change, measure, centre


def _use_pair(pair: str) -> None:
    st.session_state["change"] = pair


def change_answer(data: MapData, view: MapView) -> None:
    """Above the map of a change: the area that grew fastest among those with both years on the
    same basis, how many that is, and the pair of years with the most such areas when the chosen
    pair has fewer."""
    lang = view.lang
    start, end = change_years(view.change)
    table = changes(data, view)
    n_ok = int((table["status"] == "ok").sum())
    key = "change_coverage_prefecture" if view.level == "prefecture" else "change_coverage"
    counted = t(key, lang, n=n_ok, total=len(table))
    winner = fastest(table)
    if winner is None:
        st.warning(t("change_none", lang, start=start, end=end, coverage=counted))
    else:
        meta = data.meta(view.indicator)
        value = change_formatter(meta, view.measure, lang)(winner.change)
        value = f"{value} {change_unit(meta, view.measure, lang)}"
        if unverified(winner.start_source) or unverified(winner.end_source):
            value = f"{value} {COPY_MARK}"
        name = markdown_text(pick(winner.name_zh, winner.name_en, lang))
        st.info(t("change_fastest", lang, start=start, end=end, name=name, value=value, coverage=counted))
        if COPY_MARK in value:
            st.caption(t("copy_mark", lang, mark=COPY_MARK))
    breaks = table[table["status"] == "break"]
    if len(breaks):  # both years there, on two bases: said, with the declaration's reason
        reason = " ".join(sorted({pick(r.reason_zh, r.reason_en, lang) for r in breaks.itertuples()}))
        st.caption(markdown_text(t("change_breaks_note", lang, n=len(breaks), reason=reason)))
    best = best_pair(coverage(data, view.indicator, view.level))
    if best and best[2] > n_ok and view.level == "prefecture":
        pair = f"{best[0]}:{best[1]}"
        col_text, col_button = st.columns([3, 1], vertical_alignment="center")
        text = t("change_offer", lang, start=best[0], end=best[1], n=best[2])
        other = fastest(changes(data, replace(view, change=pair)))
        if other is not None:
            meta = data.meta(view.indicator)
            value = change_formatter(meta, view.measure, lang)(other.change)
            name = markdown_text(pick(other.name_zh, other.name_en, lang))
            text += t(
                "change_offer_winner",
                lang,
                name=name,
                value=f"{value} {change_unit(meta, view.measure, lang)}",
            )
        col_text.markdown(text)
        col_button.button(
            t("change_use_offer", lang, start=best[0], end=best[1]),
            key="use_best_pair",
            on_click=_use_pair,
            args=(pair,),
        )


def series_view(data: MapData, view: MapView) -> None:
    """One click under the map: every prefecture's values of the indicator over the years (the
    selected one and the province highlighted) and the rank table between two years, with its
    downloads."""
    lang = view.lang
    if not st.toggle(t("series_open", lang), key="series_on"):
        return
    years = series_years(data.indicators, view.indicator)
    if len(years) < 2:
        st.caption(t("series_one_year", lang))
        return
    selected = st.session_state.get("sel") or None
    st.pyplot(series_figure(series_chart(data, view.indicator, selected, lang)), clear_figure=False)
    best = best_pair(coverage(data, view.indicator, "prefecture"))
    start, end = change_years(view.change) if view.change else (best[:2] if best else (years[0], years[-1]))
    caption = series_caption(data, view.indicator, f"{start}:{end}", lang)
    st.caption(caption)
    st.markdown(f"**{t('rank_table', lang)}**")
    table = rank_table(
        data, view.indicator, start, end, measure=view.measure, lang=lang, bases=load_series_bases()
    )
    show_table(table)
    if table.map(lambda v: isinstance(v, str) and COPY_MARK in v).any().any():
        st.caption(t("copy_mark", lang, mark=COPY_MARK))
    name = f"{view.indicator.replace(':', '-')}-{start}-{end}"
    about = {t("col_source", lang): caption}
    col_csv, col_xlsx = st.columns(2)
    col_csv.download_button(t("download_series_csv", lang), to_csv_bytes(table), f"{name}.csv", "text/csv",
                            key="series_csv")  # fmt: skip
    values = series_table(data, view.indicator, lang)  # the chart's own values, one row per area and year
    col_xlsx.download_button(t("download_series_xlsx", lang), to_xlsx_bytes(table, about), f"{name}.xlsx",
                             key="series_xlsx")  # fmt: skip
    series_name = f"{view.indicator.replace(':', '-')}-series"
    col_csv.download_button(t("download_values_csv", lang), to_csv_bytes(values), f"{series_name}.csv",
                            "text/csv", key="values_csv")  # fmt: skip
    col_xlsx.download_button(t("download_values_xlsx", lang), to_xlsx_bytes(values, about),
                             f"{series_name}.xlsx", key="values_xlsx")  # fmt: skip


def advance_timeline(data: MapData, indicator: str) -> None:
    """While the timeline plays, each tick moves the year on to the next one with values
    (before the year's widget is drawn)."""
    state = st.session_state
    if not state.pop("_tick", False) or not state.get("_playing"):
        return
    years = sorted(indicator_years(data.indicators, indicator))  # those the year's widget offers
    if state.get("year") in years:
        state["year"] = years[(years.index(state["year"]) + 1) % len(years)]
    state["_last_tick"] = time.monotonic()


def over_time(data: MapData, view: MapView) -> None:
    """Under the map, for an indicator with several years: the timeline, the one-click growth
    question and the series view."""
    years = series_years(data.indicators, view.indicator)
    if len(years) < 2:
        return
    lang = view.lang
    if not view.change:
        pair = growth_pair(_pairs(data, view.indicator)[0])
        if pair:
            start, end = change_years(pair)
            st.button(
                t("change_growth", lang, start=start, end=end), key="growth", on_click=_growth, args=(pair,)
            )
    timeline(data, view, indicator_years(data.indicators, view.indicator))
    series_view(data, view)


def _growth(pair: str) -> None:
    st.session_state["change"] = pair
    st.session_state["layer_choropleth"] = True


def _toggle_play() -> None:
    st.session_state["_playing"] = not st.session_state.get("_playing", False)


def timeline(data: MapData, view: MapView, years: list[str]) -> None:
    """The map's year as a slider under the map, with play and pause; the years the indicator
    lacks are stepped over and said. Class bounds follow the view's pooled/per-year choice."""
    lang = view.lang
    state = st.session_state
    years = sorted(years)
    if len(years) < 2 or view.change or "choropleth" not in view.layers:
        return
    if state.get("year") not in years:
        return
    if state.get("_timeline") != state["year"]:
        state["_timeline"] = state["year"]
    col_play, col_slider = st.columns([1, 6], vertical_alignment="bottom")
    playing = state.get("_playing", False)
    col_play.button(
        t("timeline_pause" if playing else "timeline_play", lang), key="play", on_click=_toggle_play
    )
    col_slider.select_slider(t("timeline", lang), years, key="_timeline", on_change=_slid)
    given = series_years(data.indicators, view.indicator)  # the province's years too
    span = range(int(min(given[0], years[0])), int(max(given[-1], years[-1])) + 1)
    missing = [str(y) for y in span if str(y) not in years]
    if missing:  # stepped over, and said
        st.caption(t("timeline_skipped", lang, years=", ".join(missing)))
    if playing:
        state.setdefault("_last_tick", time.monotonic())
        _ticker()


def _slid() -> None:
    st.session_state["year"] = st.session_state["_timeline"]


@st.fragment(run_every=PLAY_SECONDS)
def _ticker() -> None:
    """A tick when a year has passed since the last: the app's own run (which also runs this)
    does not tick again at once."""
    state = st.session_state
    if time.monotonic() - state.get("_last_tick", 0.0) >= PLAY_SECONDS * 0.8:
        state["_tick"] = True
        state["_last_tick"] = time.monotonic()
        st.rerun(scope="app")
