"""The map page's export area: files made when their button is pressed."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from functools import partial
from pathlib import Path

import streamlit as st

from geo.cli import SLIDE_PRESETS, SLIDE_RESOLUTIONS  # named without importing matplotlib
from geo.data.load import MapData
from geo.data.names import prefecture_records
from geo.export import embed_snippet, html_document
from geo.map import build_map
from geo.scene.build import build_scene
from geo.scene.titles import default_title
from geo.scene.view import MapView
from geo.text.i18n import pick, t
from ui.sidebar import select

# the area's own choices (the slide's texts are the view's: ``ui.state``), kept while it is folded
KEPT = (
    "include_key", "slide_extent", "slide_preset", "slide_resolution", "slide_svg_text",
    "show_description", "show_embed",
)  # fmt: skip


def export_area(data: MapData, view: MapView, basemap_key: str) -> None:
    """The map page's exports: the offline page, slides (PNG, SVG, PowerPoint) with the options a
    presenter needs, each made and downloaded in one click, and the iframe snippet."""
    lang = view.lang
    key = ""
    if basemap_key:  # never written into a file unless the reader asks, knowing what it means
        key = basemap_key if st.checkbox(t("include_key", lang), key="include_key") else ""
        if not key:
            st.caption(t("key_left_out", lang))
    build = partial(build_map, data, view if key else replace(view, basemap="none"), page_title=True)
    st.download_button(  # built only when clicked (a callable), not on every rerun
        t("download_html", lang),
        lambda: html_document(build, basemap_key=key).encode("utf-8"),
        "sichuan-software-map.html",
        "text/html",
        key="dl_html",
    )
    slide_view, options = _slide_options(data, view)
    for fmt, mime in (("png", "image/png"), ("svg", "image/svg+xml"), ("pptx", _PPTX)):
        st.download_button(  # one click: the file is made when the button is pressed
            t(f"download_{fmt}", lang),
            partial(_slide_file, data, slide_view, fmt, options),
            f"sichuan-map.{fmt}",
            mime,
            key=f"dl_{fmt}",
        )
    # Shown when asked: a code box makes the browser load Streamlit's syntax highlighter (1.5 MB
    # of script) on the map's open, where it delayed the map (docs/PERFORMANCE.md).
    if st.toggle(t("map_description", lang), key="show_description"):
        st.code(_described(data, slide_view)[1], language=None, wrap_lines=True)  # copy: a slide's alt text
    if st.toggle(t("embed", lang), key="show_embed"):
        title = _described(data, slide_view)[0]
        st.code(embed_snippet("sichuan-software-map.html", title=title), language="html")


# (id(data), view) -> (data, title, description). The bundled data are one object for every
# session, so a new session's open reads the slide's texts here instead of building its scene
# again (half the server's time of an open); ``data`` is kept in the entry, so an id is never reused.
_DESCRIBED: dict = {}


def _described(data: MapData, view: MapView) -> tuple[str, str]:
    """The slide's title and description (``geo.scene.build.build_scene``), built once per data and view."""
    key = (id(data), view)
    hit = _DESCRIBED.get(key)
    if hit is None or hit[0] is not data:
        scene = build_scene(data, view)
        if len(_DESCRIBED) >= 64:
            _DESCRIBED.clear()
        hit = _DESCRIBED[key] = (data, scene.title, scene.description)
    return hit[1], hit[2]


_PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


def _slide_options(data: MapData, view: MapView) -> tuple[MapView, dict]:
    """What a presenter chooses for a slide: texts, extent, shape, resolution, labels, SVG text."""
    lang = view.lang
    records = prefecture_records()
    extents = ["province", "chengdu-plain", *records]
    names = {"province": t("province", lang), "chengdu-plain": t("chengdu_plain", lang)}
    texts, note_box, choices = st.columns(2), st.container(), st.columns(3)
    extent = select(  # first, so the title's placeholder below is that of the extent chosen
        choices[0],
        lang,
        t("slide_extent", lang),
        extents,
        key="slide_extent",
        format_func=lambda e: names.get(e) or pick(records[e].name_zh, records[e].name_en, lang),
    )
    preset = select(choices[1], lang, t("slide_preset", lang), list(SLIDE_PRESETS), key="slide_preset")
    resolution = select(
        choices[2], lang, t("slide_resolution", lang), list(SLIDE_RESOLUTIONS), key="slide_resolution"
    )
    # the view's own title, subtitle and note (in the link, in every download); empty means the
    # title the view gets in the chosen language (typed text is kept as typed)
    placeholder = default_title(data, replace(view, extent=extent, title=None))
    texts[0].text_input(t("slide_title", lang), placeholder=placeholder, key="title")
    texts[1].text_input(t("slide_subtitle", lang), key="subtitle")
    note_box.text_input(t("slide_note", lang), key="note")
    svg_text = st.checkbox(t("slide_svg_text", lang), key="slide_svg_text")
    slide = replace(view, extent=extent, basemap="none")
    return slide, {"preset": preset, "resolution": resolution, "svg_text": svg_text}


def _slide_file(data: MapData, view: MapView, fmt: str, options: dict) -> bytes:
    """A PNG, SVG or one-slide PowerPoint file of ``view``, made when its button is pressed."""
    from geo.render.deck import write_deck  # python-pptx and matplotlib: only when a slide is made
    from geo.render.static import render_static

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / f"map.{fmt}"
        if fmt == "pptx":
            preset = options["preset"] if options["preset"] in ("16:9", "4:3") else "16:9"
            write_deck([build_scene(data, view)], out, preset=preset)
        else:
            render_static(data, out, view, **options)
        return out.read_bytes()
