"""The sidebar: every control of the view. Returns the options the composer takes."""

from __future__ import annotations

import json

import streamlit as st

from geo.data.indicators import default_year, indicator_level, indicator_years, mappable_indicators
from geo.data.load import MapData
from geo.data.names import prefecture_records
from geo.scene.classify import PALETTES, SCHEMES
from geo.scene.find import find_place
from geo.scene.view import BREAKS, K_RANGE, LAYERS, MapView, ViewError, parse_bins
from geo.text.escape import no_bidi, plain_text
from geo.text.i18n import meta_unit, pick, t, unit_scale
from geo.uploads.templates import template_csv, template_xlsx
from ui.change import advance_timeline, change_controls

DEFAULT = MapView()  # the widgets' defaults are the view's own


def select(container, lang: str, label: str, options, **kwargs):
    """A selectbox whose empty state speaks ``lang`` (Streamlit's own says "Choose an option"),
    and whose value survives a change of language: Streamlit keeps a choice as its label, so the
    label of the language before is mapped back to its option."""
    options = list(options)
    key, show = kwargs.get("key"), kwargs.get("format_func", str)
    value = st.session_state.get(key) if key else None
    if value is not None and value not in options:
        st.session_state[key] = _option_of(key, value, options)
    chosen = container.selectbox(label, options, placeholder=t("choose", lang), **kwargs)
    if key:  # every label seen for the key, so a label of either language finds its option
        st.session_state.setdefault("_labels", {}).setdefault(key, {}).update({show(o): o for o in options})
    return chosen if chosen is None or chosen in options else _option_of(key, chosen, options)


def _option_of(key: str | None, label, options: list):
    """The option ``label`` stood for when it was shown (else the first option)."""
    option = st.session_state.get("_labels", {}).get(key, {}).get(label)
    return option if option in options else (options[0] if options else None)


def indicator_label(data: MapData, indicator: str, lang: str) -> str:
    meta = data.meta(indicator)
    return no_bidi(pick(meta["name_zh"], meta["name_en"], lang))  # shown in the order it is written


def indicator_select(container, data: MapData, key: str, lang: str) -> str:
    """A choice among the mappable indicators (bundled and uploaded), labelled in ``lang``;
    ``key`` is also the label key of ``geo.text.i18n``."""
    return select(
        container,
        lang,
        t(key, lang),
        mappable_indicators(data.indicators),
        key=key,
        format_func=lambda i: indicator_label(data, i, lang),
    )


def kept_indicator_select(data: MapData, slot: str, default: str, lang: str) -> str:
    """An indicator chosen on a page and kept while the reader visits other pages (and in the
    link): the widget's own state goes when its page is left, ``slot`` stays."""
    options = mappable_indicators(data.indicators)
    kept = st.session_state.get(slot)
    kept = kept if kept in options else (default if default in options else options[0])
    widget = f"_{slot}"
    if st.session_state.get(widget) not in options:
        st.session_state[widget] = kept
    value = select(
        st, lang, t(slot, lang), options, key=widget, format_func=lambda i: indicator_label(data, i, lang)
    )
    st.session_state[slot] = value
    return value


def upload(lang: str):
    """The upload widget; returns the uploaded file (or None). Parsing happens once per content
    and sheet (``ui.uploads.data_with_upload``), which also refuses a file over the size limit."""
    if lang != "en":  # Streamlit words its uploader in English only: reword it from our labels
        st.html(
            _UPLOADER_CSS.format(
                button=json.dumps(t("upload_button", lang), ensure_ascii=False),
                hint=json.dumps(t("upload_hint", lang), ensure_ascii=False),
            )
        )
    file = st.sidebar.file_uploader(t("upload", lang), type=["csv", "xlsx", "txt"], key="upload")
    with st.sidebar.expander(t("template", lang)):  # the layouts the upload accepts, ready to fill in
        st.download_button(
            t("template_csv", lang),
            lambda: template_csv(lang),
            f"template-{lang}.csv",
            "text/csv",
            key="tpl_csv",
        )
        st.download_button(
            t("template_xlsx", lang),
            lambda: template_xlsx(lang),
            f"template-{lang}.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key="tpl_xlsx",
        )
    return file


_UPLOADER_CSS = """<style>
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"],
[data-testid="stFileUploaderDropzoneInstructions"] > div > span {{ display: none; }}
[data-testid="stFileUploaderDropzone"] button [data-has-shortcut]::after {{ content: {button}; }}
[data-testid="stFileUploaderDropzoneInstructions"] > div::after {{ content: {hint}; font-size: 0.85em; }}
[data-testid="stFileUploader"] button[aria-label="Add files"] [data-has-shortcut] > span:first-child {{
  display: none; }}
</style>"""


def sheet_choice(sheets: list[str], lang: str) -> str | None:
    """The sheet of an uploaded workbook to read, when it has several (else its only one)."""
    if len(sheets) < 2:
        return None
    return select(st.sidebar, lang, t("upload_sheet", lang), sheets, key="upload_sheet")


# Which pages draw which controls: a control only where it acts. Every other page keeps its
# value (``ui.state.keep_widget_state``), so the map is as it was when the reader returns.
MAP_ONLY = {"map"}
CLASSES = {"map", "compare"}


def controls(data: MapData, side, page: str | None) -> tuple[MapView, str]:
    """The view's controls for ``page`` ("map", "compare", "plan", "sources"), drawn into ``side``
    (a sidebar container): the view they set, and the basemap key typed in (if the basemap
    needs one). ``page`` None: no control drawn, the view as the session keeps it."""
    lang = (
        side.radio(
            "语言 / Language",
            ["zh", "en"],
            key="lang",
            horizontal=True,
            format_func=lambda v: {"zh": "中文", "en": "English"}[v],
        )
        if page
        else st.session_state.get("lang", "zh")
    )
    on_map, classes = page in MAP_ONLY, page in CLASSES
    layers, labels, reading = _layers(side, data, on_map, lang)
    indicator = indicator_select(side, data, "indicator", lang) if on_map else _kept_indicator(data)
    scheme, bins, k, palette = _classes(side, data, indicator, classes, lang)
    basemap, key = _basemap(side, data, on_map, lang)
    year, breaks, change, measure, centre = _years(side, data, indicator, on_map, lang)
    level = indicator_level(data.indicators, indicator, data.prefectures["adcode"])  # follows the data
    st.session_state["level"] = level  # no widget: kept in the link as the data's level
    state = st.session_state
    view = MapView(
        level=level,
        within=_within(side, data, level, on_map, lang),
        year=year,
        breaks=breaks if breaks in BREAKS else DEFAULT.breaks,
        change=change,
        measure=measure or DEFAULT.measure,
        centre=centre or DEFAULT.centre,
        **{k: plain_text(state.get(k) or "", limit=200) or None for k in ("title", "subtitle", "note")},
        layers=tuple(layers),
        lang=lang,
        reading=reading,
        indicator=indicator,
        scheme=scheme if scheme != "user_defined" or bins else DEFAULT.scheme,  # until bounds are given
        k=k,
        bins=bins,
        palette=palette,
        basemap=basemap,
        labels=labels,
    )
    return view, key


def _layers(side, data: MapData, on_map: bool, lang: str) -> tuple[list[str], bool, str | None]:
    """The layers shown, whether names are drawn, and the layout's reading."""
    if on_map:
        side.subheader(t("layers", lang))
    layers = [key for key in LAYERS if _checkbox(side, on_map, t(key, lang), f"layer_{key}")]
    labels = _checkbox(side, on_map, t("labels", lang), "labels")
    readings = data.layout["readings"]
    reading = st.session_state.get("reading")
    if on_map:
        reading = select(
            side,
            lang,
            t("reading", lang),
            list(readings),
            key="reading",
            help=t("reading_help", lang),
            format_func=lambda k: pick(readings[k]["name_zh"], readings[k]["name_en"], lang),
        )
    return layers, labels, reading


def _classes(side, data: MapData, indicator: str, classes: bool, lang: str):
    """The classification: its scheme, bounds typed (user-defined), number of classes, palette."""
    state = st.session_state
    scheme = state.get("scheme") or DEFAULT.scheme
    if classes:
        scheme = select(
            side,
            lang,
            t("scheme", lang),
            list(SCHEMES),
            key="scheme",
            format_func=lambda s: t(f"scheme_{s}", lang),
        )
    bins = None
    if scheme == "user_defined":
        unit = meta_unit(data.meta(indicator), lang)
        _follow_language(data, indicator, lang)
        text = state.get("bins") or ""
        if classes:  # bounds in the unit the legend shows (billions of yuan in English)
            label = f"{t('bins', lang)} ({unit})" if unit else t("bins", lang)
            text = side.text_input(label, key="bins", placeholder="1000, 5000, 20000")
        bins = _bins(text, lang)
    k = state.get("k") or DEFAULT.k
    if classes:
        k = side.slider(t("classes", lang), *K_RANGE, key="k", disabled=scheme == "user_defined")
    palette = (
        select(side, lang, t("palette", lang), list(PALETTES), key="palette")
        if classes
        else state.get("palette", DEFAULT.palette)
    )
    return scheme, bins, k, palette


def _basemap(side, data: MapData, on_map: bool, lang: str) -> tuple[str, str]:
    """The basemap, and the key it needs (Tianditu) as typed."""
    state = st.session_state
    basemaps = data.basemaps
    basemap = state.get("basemap") or DEFAULT.basemap
    if on_map:
        basemap = select(
            side,
            lang,
            t("basemap", lang),
            list(basemaps),
            key="basemap",
            format_func=lambda b: pick(basemaps[b]["name_zh"], basemaps[b]["name_en"], lang),
        )
    key = ""
    if basemaps.get(basemap, {}).get("requires_key"):
        key = state.get("tianditu_key") or ""
        if on_map:
            key = side.text_input(t("tianditu_key", lang), type="password", key="tianditu_key")
    return basemap, key


def _years(side, data: MapData, indicator: str, on_map: bool, lang: str):
    """For an indicator with several years: the year shown, classes across years, and the change
    between two years (its measure and centre)."""
    state = st.session_state
    years = indicator_years(data.indicators, indicator)
    advance_timeline(data, indicator)  # while the timeline plays: the next year
    year, breaks = None, state.get("breaks") or DEFAULT.breaks
    if len(years) > 1:  # an indicator with several years: which one, and classes across them
        if state.get("year") not in years:
            state["year"] = default_year(data.indicators, indicator)
        year = state["year"]
        if on_map:
            year = select(side, lang, t("year", lang), years, key="year")
            breaks = side.radio(
                t("breaks", lang), list(BREAKS), key="breaks", format_func=lambda b: t(f"breaks_{b}", lang)
            )
    change, measure, centre = state.get("change") or None, state.get("measure"), state.get("centre")
    if len(years) > 1 and on_map:
        change, measure, centre = change_controls(side, data, indicator, lang)
    elif len(years) < 2:
        change = None
    return year, breaks, change, measure, centre


def _within(side, data: MapData, level: str, on_map: bool, lang: str) -> str | None:
    """A county table's extent: the whole province, or one prefecture's counties."""
    if level != "county":
        return None
    records = prefecture_records()
    if st.session_state.get("within") not in ("", *records):
        st.session_state["within"] = ""
    within = st.session_state["within"] or None
    if on_map:
        within = (
            select(
                side,
                lang,
                t("within", lang),
                ["", *records],
                key="within",
                format_func=lambda c: (
                    pick(records[c].name_zh, records[c].name_en, lang) if c else t("province", lang)
                ),
                on_change=go_to_prefecture,
                args=(data,),
            )
            or None
        )
    return within


def _follow_language(data: MapData, indicator: str, lang: str) -> None:
    """Class bounds typed in one language's unit, rewritten in the other's when the reader
    switches (5000 亿元 <-> 500 billion yuan), so the classes stay where they were."""
    state = st.session_state
    before, state["_bins_lang"] = state.get("_bins_lang", lang), lang
    unit = data.meta(indicator)["unit_zh"]
    factor = unit_scale(unit, lang) / unit_scale(unit, before)
    if before == lang or factor == 1.0:
        return
    try:
        bins = parse_bins(state.get("bins") or "")
    except ViewError:
        return
    if bins:
        state["bins"] = ", ".join(f"{b * factor:.12g}" for b in bins)


def _checkbox(side, drawn: bool, label: str, key: str) -> bool:
    """A switch drawn where it acts; elsewhere its kept value."""
    return side.checkbox(label, key=key) if drawn else bool(st.session_state.get(key))


def _kept_indicator(data: MapData) -> str:
    options = mappable_indicators(data.indicators)
    kept = st.session_state.get("indicator")
    return kept if kept in options else options[0]


def go_to_prefecture(data: MapData) -> None:
    """Move the map to the prefecture chosen for a drill-down (back to the province for none)."""
    code = st.session_state.get("within")
    place = find_place(data, code) if code else None
    st.session_state["_goto_center"] = (place.lat, place.lon) if place else (30.6, 102.9)
    st.session_state["_goto_zoom"] = 8.5 if place else 6.5


def _bins(text: str, lang: str) -> list[float] | None:
    try:
        bins = parse_bins(text)
    except ViewError:
        st.sidebar.warning(t("bins_bad", lang))
        return None
    return list(bins) if bins else None
