"""A PowerPoint deck (python-pptx): a title slide, then one slide per view — the slide map
(``geo.static_map``, with its legend and short source line) filling the slide — and, in each
slide's notes, the full sources and the plan sections it draws on."""

from __future__ import annotations

import io
import tempfile
from dataclasses import replace
from datetime import date
from pathlib import Path

from geo.data import load_plan_sections
from geo.i18n import meta_unit, pick, plan_ref, t
from geo.indicators import meta_for
from geo.legends import COPY_MARK, view_sources
from geo.view import MapView

_SLIDE_INCHES = {"16:9": (13.333, 7.5), "4:3": (10.0, 7.5)}


def deck_views(view: MapView, indicators: list[str] | None) -> list[MapView]:
    """One view per indicator (the choropleth switched on), or ``view`` alone."""
    if not indicators:
        return [view]
    layers = view.layers if "choropleth" in view.layers else (*view.layers, "choropleth")
    return [replace(view, layers=layers, indicator=i, year=None) for i in indicators]


def slide_notes(data, view: MapView) -> str:
    """What a presenter cites for a slide: every source in full, and the plan sections."""
    lang = view.lang
    lines = []
    if "choropleth" in view.layers:
        meta = meta_for(view.indicator, data.indicator_meta, data.indicators)
        unit = meta_unit(meta, lang)
        lines.append(f"{pick(meta['name_zh'], meta['name_en'], lang)} ({unit})")
        note = pick(meta.get("note_zh", ""), meta.get("note_en", ""), lang)
        if note:
            lines.append(note)
    lines.append(t("sources_cited", lang) + ":")
    cited = view_sources(data, view)
    for name, about, address in cited:
        lines.append(f"- {name}: {about + ' ' if about else ''}{address}")
    if any(name.endswith(COPY_MARK) for name, _, _ in cited):  # what the mark means, once
        lines.append(t("copy_mark", lang, mark=COPY_MARK))
    sections = load_plan_sections().set_index("id")
    refs = ["二(三)"] if "layout" in view.layers else []
    refs += ["专栏5"] if {"bases", "parks"} & set(view.layers) else []
    refs += ["四(三)2"] if "parks" in view.layers else []
    if refs:
        lines.append(t("plan_ref", lang) + ":")
        for ref in refs:
            heading = pick(sections.loc[ref, "heading_zh"], sections.loc[ref, "title_en"], lang)
            lines.append(f"- {plan_ref(ref, lang)}: {heading}")
    lines.append(t("schematic", lang))
    return "\n".join(lines)


def write_deck(
    data, views: list[MapView], path: Path, *, preset: str = "16:9", title: str | None = None
) -> Path:
    """Write ``views`` as a deck to ``path`` (.pptx): a title slide, then one map per slide."""
    from pptx import Presentation
    from pptx.util import Inches, Pt

    from geo.static_map import render_static

    if preset not in _SLIDE_INCHES:
        raise ValueError(f"a deck is {' or '.join(_SLIDE_INCHES)}, not {preset!r}")
    lang = views[0].lang
    width, height = _SLIDE_INCHES[preset]
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(width), Inches(height)
    first = deck.slides.add_slide(deck.slide_layouts[0])
    first.shapes.title.text = title or views[0].title or t("app_title", lang)
    first.placeholders[1].text = f"{t('schematic', lang)} · {date.today().isoformat()}"
    boxes = ((first.shapes.title, 0.3, 0.22), (first.placeholders[1], 0.56, 0.14))  # (top, height) of slide
    for shape, top, tall in boxes:  # the template's boxes are laid out for 4:3: place them on this slide
        shape.left, shape.width = Inches(0.6), deck.slide_width - Inches(1.2)
        shape.top, shape.height = int(deck.slide_height * top), int(deck.slide_height * tall)
    blank = deck.slide_layouts[6]
    with tempfile.TemporaryDirectory() as tmp:
        for i, view in enumerate(views):
            image = render_static(data, Path(tmp) / f"{i}.png", view, preset=preset, resolution="2x")
            slide = deck.slides.add_slide(blank)
            slide.shapes.add_picture(str(image), 0, 0, width=deck.slide_width, height=deck.slide_height)
            slide.notes_slide.notes_text_frame.text = slide_notes(data, view)
            for paragraph in slide.notes_slide.notes_text_frame.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(11)
    buf = io.BytesIO()
    deck.save(buf)
    Path(path).write_bytes(buf.getvalue())
    return Path(path)
