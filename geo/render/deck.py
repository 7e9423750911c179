"""A PowerPoint deck (python-pptx): a title slide, then one slide per view — the slide map
(``geo.render.static``, with its legend and short source line) filling the slide — and, in each
slide's notes, the full sources and the plan sections it draws on."""

from __future__ import annotations

import io
import tempfile
from dataclasses import replace
from datetime import date
from pathlib import Path

import pandas as pd

from geo.scene.build import Scene
from geo.scene.style import COPY_MARK
from geo.scene.view import MapView
from geo.text.escape import no_bidi
from geo.text.i18n import t
from geo.text.linebreak import balanced

_SLIDE_INCHES = {"16:9": (13.333, 7.5), "4:3": (10.0, 7.5)}


def deck_views(view: MapView, indicators: list[str] | None) -> list[MapView]:
    """One view per indicator (the choropleth switched on), or ``view`` alone."""
    if not indicators:
        return [view]
    layers = view.layers if "choropleth" in view.layers else (*view.layers, "choropleth")
    return [replace(view, layers=layers, indicator=i, year=None) for i in indicators]


def slide_notes(scene: Scene) -> str:
    """What a presenter cites for a slide (its scene): what it shows, every source in full, and
    the plan's sections."""
    lang = scene.view.lang
    lines = [*scene.about, t("sources_cited", lang) + ":"]
    for name, about, address in scene.sources:
        lines.append(f"- {name}: {about + ' ' if about else ''}{address}")
    if scene.copies:  # what the mark means, once
        lines.append(t("copy_mark", lang, mark=COPY_MARK))
    if scene.plan_refs:
        lines.append(t("plan_ref", lang) + ":")
        lines += [f"- {ref}: {heading}" for ref, heading in scene.plan_refs]
    lines.append(t("schematic", lang))
    return "\n".join(lines)


_TEXT_TAG = "{http://schemas.openxmlformats.org/drawingml/2006/main}t"


def _without_bidi(deck) -> None:
    """Every text of ``deck`` (titles, tables, notes, alt texts) without bidirectional controls
    (``geo.text.escape.no_bidi``): PowerPoint would show a name in another order than it is written."""
    for slide in deck.slides:
        roots = [slide._element] + ([slide.notes_slide._element] if slide.has_notes_slide else [])
        for element in (e for root in roots for e in root.iter()):
            if element.tag == _TEXT_TAG and element.text:
                element.text = no_bidi(element.text)
            if element.get("descr"):
                element.set("descr", no_bidi(element.get("descr")))


def write_deck(
    scenes: list[Scene],
    path: Path,
    *,
    preset: str = "16:9",
    title: str | None = None,
    scorecard: pd.DataFrame | None = None,
    lang: str | None = None,
) -> Path:
    """Write ``scenes`` (``geo.scene.build.build_scene``) as a deck to ``path`` (.pptx): a title slide,
    then one map per slide, and a ``scorecard`` table (``geo.plan.figures.scorecard``) as a slide at the
    end; in ``lang``, else the first scene's language."""
    from pptx import Presentation
    from pptx.util import Inches, Pt

    from geo.render.static import render_scene

    if preset not in _SLIDE_INCHES:
        raise ValueError(f"a deck is {' or '.join(_SLIDE_INCHES)}, not {preset!r}")
    lang = lang or (scenes[0].view.lang if scenes else "zh")
    width, height = _SLIDE_INCHES[preset]
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(width), Inches(height)
    first = deck.slides.add_slide(deck.slide_layouts[0])
    cover = title or (scenes[0].view.title if scenes else None) or t("app_title", lang)
    _set_title(first.shapes.title, cover, width - 1.2, _COVER_PT)
    first.placeholders[1].text = f"{t('schematic', lang)} · {date.today().isoformat()}"
    boxes = ((first.shapes.title, 0.3, 0.22), (first.placeholders[1], 0.56, 0.14))  # (top, height) of slide
    for shape, top, tall in boxes:  # the template's boxes are laid out for 4:3: place them on this slide
        shape.left, shape.width = Inches(0.6), deck.slide_width - Inches(1.2)
        shape.top, shape.height = int(deck.slide_height * top), int(deck.slide_height * tall)
    titled = deck.slide_layouts[5]  # title only: the map's title is the slide's
    with tempfile.TemporaryDirectory() as tmp:
        for i, scene in enumerate(scenes):  # the picture, its title, alt text and notes from one scene
            slide = deck.slides.add_slide(titled)
            head = slide.shapes.title
            head.left, head.top = Inches(0.4), Inches(0.15)
            head.width, head.height = deck.slide_width - Inches(0.8), Inches(_BAND_IN - 0.2)
            _set_title(head, scene.title, width - 0.8, _TITLE_PT)
            size = (width, height - _BAND_IN)
            image = _compact(
                render_scene(
                    scene, Path(tmp) / f"{i}.png", size=size, title=False, resolution=DECK_RESOLUTION
                )
            )
            picture = slide.shapes.add_picture(str(image), 0, Inches(_BAND_IN), width=Inches(size[0]),
                                               height=Inches(size[1]))  # fmt: skip
            picture._element.nvPicPr.cNvPr.set("descr", scene.description)  # alt text (no public API)
            slide.notes_slide.notes_text_frame.text = slide_notes(scene)
            for paragraph in slide.notes_slide.notes_text_frame.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(11)
    if scorecard is not None:
        scorecard_slide(deck, scorecard, lang)
    _without_bidi(deck)
    buf = io.BytesIO()
    deck.save(buf)
    Path(path).write_bytes(buf.getvalue())
    return Path(path)


_COVER_PT, _TITLE_PT = 36, 26  # the title slide's and a map slide's title type
_BAND_IN = 1.0  # a map slide's title band, inches; the map's picture fills the rest
DECK_RESOLUTION = "1.5x"  # sharp on a projector, small enough for mail


def _compact(png: Path) -> Path:
    """The picture in 256 colours (a map has few; a third of the bytes, no visible change)."""
    from PIL import Image

    with Image.open(png) as image:
        small = image.convert("RGB").quantize(256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    small.save(png, optimize=True)
    return png


def _set_title(shape, text: str, width_in: float, points: int) -> None:
    """``text`` as ``shape``'s title in ``points`` type, broken into balanced lines (no line
    left with one character or a lone short word; ``geo.text.linebreak``) that fit ``width_in``."""
    from pptx.util import Pt

    columns = int(width_in * 72 * 0.92 / (points * 0.5))
    shape.text_frame.text = "\v".join(balanced(text, columns))  # \v: a line break in one paragraph
    for paragraph in shape.text_frame.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(points)


def scorecard_slide(deck, table: pd.DataFrame, lang: str) -> None:
    """The plan's scorecard (``geo.plan.figures.scorecard``): a slide titled with it (outline, slide
    sorter and screen readers see it) counting the targets by status, then one slide per status
    group at 14 pt or more (``geo.plan.export.group_slides``); copies marked † and explained in
    the notes."""
    from pptx.util import Emu, Pt

    from geo.plan.export import DECK_PT, group_slides

    slide = deck.slides.add_slide(deck.slide_layouts[5])  # title only
    slide.shapes.title.text = t("plan_scorecard", lang)
    counts = table[t("plan_status", lang)].value_counts(sort=False) if len(table) else pd.Series(dtype=int)
    margin = Emu(int(deck.slide_width * 0.1))
    grid = slide.shapes.add_table(
        len(counts) + 1, 2, margin, Emu(int(deck.slide_height * 0.25)), deck.slide_width - 2 * margin,
        Emu(int(deck.slide_height * 0.08)) * (len(counts) + 1),
    ).table  # fmt: skip
    grid.cell(0, 0).text, grid.cell(0, 1).text = t("plan_status", lang), t("plan_count", lang)
    for i, (status, n) in enumerate(counts.items(), start=1):
        grid.cell(i, 0).text, grid.cell(i, 1).text = str(status), str(int(n))
    for cell in (grid.cell(i, j) for i in range(len(counts) + 1) for j in range(2)):
        for run in (r for paragraph in cell.text_frame.paragraphs for r in paragraph.runs):
            run.font.size = Pt(DECK_PT + 4)
    slide.notes_slide.notes_text_frame.text = "\n".join(
        [t("plan_intro", lang), t("copy_mark", lang, mark=COPY_MARK)]
    )
    group_slides(deck, table, lang)
