"""Slides a presenter can use as they are, checked on the produced figures and files."""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from PIL import Image

from geo.cli import SLIDE_PRESETS, SLIDE_RESOLUTIONS
from geo.data.load import load_map_data
from geo.render.static import PRESETS, RESOLUTIONS, draw_static, render_static
from geo.render.static_legend import wrap_text
from geo.scene.view import MapView
from geo.text.linebreak import columns

ALL = ("prefectures", "choropleth", "layout", "bases", "parks")


@pytest.fixture(scope="module")
def data():
    return load_map_data()


def _boxes(fig):
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    return renderer, fig.bbox


@pytest.mark.parametrize(
    ("view", "preset"),
    [
        (MapView(lang="en", layers=ALL, indicator="gdp_per_capita"), "16:9"),
        (MapView(lang="zh", layers=("prefectures", "layout", "bases", "parks")), "16:9"),
        (MapView(lang="en", layers=ALL, extent="510100"), "4:3"),
        (MapView(lang="zh", layers=ALL, indicator="population"), "a4-portrait"),
    ],
)
def test_legends_and_labels_stay_inside_and_apart_and_the_source_line_is_whole(data, view, preset):
    fig = draw_static(data, view, preset=preset)
    renderer, frame = _boxes(fig)
    for legend in fig.legends:  # every legend entry inside the figure
        for text in legend.get_texts():
            box = text.get_window_extent(renderer)
            assert frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1, (
                text.get_text()
            )
    ax = fig.axes[0]
    labels = [t for t in ax.texts if t.get_zorder() == 8]
    assert len(labels) >= (10 if view.extent == "province" else 3)  # names on the map
    boxes = [t.get_window_extent(renderer) for t in labels]
    for i, a in enumerate(boxes):
        assert all(not a.overlaps(b) for b in boxes[:i]), labels[i].get_text()
    source_line = fig.texts[-1].get_text()
    assert "…" not in source_line and "http" not in source_line  # short names, wrapped, never cut


def test_the_prefecture_names_are_in_the_chosen_language(data):
    fig = draw_static(data, MapView(lang="en"))
    names = {t.get_text() for t in fig.axes[0].texts if t.get_zorder() == 8}
    assert {"Chengdu", "Liangshan"} <= names and not any("成都" in n for n in names)


@pytest.mark.parametrize("preset", list(PRESETS))
@pytest.mark.parametrize("resolution", ["1x", "2x"])
def test_the_png_has_the_presets_pixel_size(data, tmp_path, preset, resolution):
    out = render_static(data, tmp_path / "s.png", MapView(), preset=preset, resolution=resolution)
    width_in, height_in = PRESETS[preset]
    dpi = RESOLUTIONS[resolution]
    assert Image.open(out).size == (int(width_in * dpi), int(height_in * dpi))  # matplotlib floors


def test_an_svg_keeps_its_text_editable_when_asked(data, tmp_path):
    editable = render_static(data, tmp_path / "e.svg", MapView(lang="en"), svg_text=True).read_text()
    outlined = render_static(data, tmp_path / "o.svg", MapView(lang="en")).read_text()
    assert "<text" in editable and "Chengdu" in editable
    assert "<text" not in outlined


def test_the_command_line_offers_the_renderers_presets():
    assert tuple(PRESETS) == SLIDE_PRESETS and tuple(RESOLUTIONS) == SLIDE_RESOLUTIONS


def test_a_title_subtitle_and_note_appear_on_the_slide(data):
    view = MapView(
        lang="en", title="GDP per person", subtitle="2020, by prefecture", note="Draft for discussion"
    )
    fig = draw_static(data, view)
    texts = [t.get_text() for t in fig.texts]
    assert "GDP per person" in texts and "2020, by prefecture" in texts and "Draft for discussion" in texts


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from(list("ab cdefg  成都市（专栏5）；,.-–/")), max_size=120),
    width=st.integers(4, 60),
)
@example(text="5（-55", width=4)  # a bracket left open once glued "55" to it and cut it in two
@example(text="5--市", width=4)  # once broken between the two dashes
@example(text="cc 5-ab", width=5)  # once broken after "5-", a dash after a single character
@example(text="55/栏；", width=4)  # budoux once began a line with the slash
@example(text="55/5b/都", width=4)  # budoux once cut "5b" in two
@example(text="55/5–555", width=4)  # the characters before a dash counted from the last break only
def test_wrapping_keeps_every_character_and_each_line_within_its_width(text, width):
    """A slide's wrapped legend and source line: nothing lost but spaces at a break, no line
    wider than asked (CJK counting two), and words kept whole wherever they fit on a line."""
    wrapped = wrap_text(text, width)
    assert "".join(wrapped.split()) == "".join(text.split())
    lines = wrapped.split("\n")
    assert all(columns(line) <= width for line in lines)
    for word in (
        part for w in text.split() for part in re.split(r"(?<=\S\S[-–—/])", w)
    ):  # may break after a dash within a word (a leading minus stays with its number)
        if columns(word) <= width and word.isascii():
            assert any(word in line for line in lines), word


DIFFERING = "直骨角写"  # drawn differently in Japanese and Chinese forms


@pytest.mark.parametrize("family", ["Noto Sans CJK SC", "WenQuanYi Micro Hei"])
def test_chinese_is_drawn_with_chinese_glyphs(family):
    """The face matplotlib draws with has the Simplified Chinese glyphs of 直骨角写, as fontTools
    reads them from the font's own SC face; Noto's first (Japanese) face has other glyphs."""
    from fontTools.ttLib import TTCollection
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    from geo.fonts import _fc_match, cjk_font

    path = _fc_match(family)
    if not path:
        pytest.skip(f"{family} is not installed here")  # make test installs both
    found = font_manager.findfont(
        font_manager.FontProperties(family=cjk_font((family,))), fallback_to_default=False
    )
    drawn = FT2Font(found.path, face_index=found.face_index)
    used = [drawn.get_char_index(ord(c)) for c in DIFFERING]
    faces = TTCollection(path).fonts
    names = [f["name"].getDebugName(1) for f in faces]
    sc = faces[names.index(family)]
    assert used == [sc.getGlyphID(sc.getBestCmap()[ord(c)]) for c in DIFFERING]
    if "Noto" in family:
        jp = faces[names.index("Noto Sans CJK JP")]
        assert used != [
            jp.getGlyphID(jp.getBestCmap()[ord(c)]) for c in DIFFERING
        ]  # the test tells them apart


BUSY = MapView(layers=("prefectures", "choropleth", "layout", "bases", "parks"), indicator="gdp")


@pytest.mark.parametrize("extent", ["province", "510100", "chengdu-plain"])
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("preset", list(PRESETS))
def test_the_map_gets_the_page_and_no_quarter_is_empty(data, preset, lang, extent):
    """Where the ink is: the map's extent fills at least 85 % of its box's width or height and
    its box takes what the title, foot and legends leave; every quarter of the page has ink; no
    text leaves the page or covers the legends."""
    from geo.render.static import _lcc

    fig = draw_static(data, replace(BUSY, lang=lang, extent=extent), preset=preset)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    ax = fig.axes[0]
    box = ax.get_window_extent(renderer)
    x0, y0, x1, y1 = data.extent_bounds(extent)
    corners = ax.transData.transform([_lcc(x, y) for x, y in ((x0, y0), (x1, y0), (x0, y1), (x1, y1))])
    spread = corners.max(axis=0) - corners.min(axis=0)
    assert max(spread[0] / box.width, spread[1] / box.height) >= 0.85
    page = fig.bbox
    legends = [legend.get_window_extent(renderer) for legend in fig.legends]
    title = fig.texts[0].get_window_extent(renderer)
    if page.height > page.width:  # legends under the map: the map spans from the title down to them
        assert box.y0 - max(b.y1 for b in legends) <= 0.03 * page.height
        assert title.y0 - box.y1 <= 0.04 * page.height and box.width >= 0.9 * page.width
    else:  # legends beside it: the map and the legends share the width, nothing left over
        legends_width = max(b.x1 for b in legends) - min(b.x0 for b in legends)
        assert box.width + legends_width >= 0.93 * page.width
        assert title.y0 - box.y1 <= 0.04 * page.height
    image = np.asarray(fig.canvas.buffer_rgba())[..., :3]
    ink = (image < 235).any(axis=2)
    h, w = ink.shape
    for quarter in (
        ink[: h // 2, : w // 2],
        ink[: h // 2, w // 2 :],
        ink[h // 2 :, : w // 2],
        ink[h // 2 :, w // 2 :],
    ):
        assert quarter.mean() > 0.01, "an empty quarter"
    texts = [x for x in fig.texts] + [x for legend in fig.legends for x in legend.get_texts()]
    texts += [x for x in ax.texts if x.get_visible()]
    for text in texts:
        bbox = text.get_window_extent(renderer)
        assert page.x0 - 1 <= bbox.x0 and bbox.x1 <= page.x1 + 1, text.get_text()
        assert page.y0 - 1 <= bbox.y0 and bbox.y1 <= page.y1 + 1, text.get_text()
    for legend in legends:
        assert not legend.overlaps(box), "a legend over the map"


# --- exports read cleanly (the calm-map issue) ---------------------------------------------------

GDP_VIEW = MapView(lang="en", layers=ALL, indicator="gdp")


def _place_marks(fig):
    """The scatter collections of the place and base marks (drawn above the areas)."""
    (ax,) = fig.axes
    return [c for c in ax.collections if c.get_zorder() in (5, 6) and len(c.get_offsets()) == 1]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_marks_read_on_every_class_and_counts_stand_for_dense_places(data, lang):
    """Each mark carries white (an outline or a halo ring) so it reads on the darkest class; at
    the province's extent Chengdu's places are one count, as on screen, not a pile."""
    fig = draw_static(data, replace(GDP_VIEW, lang=lang))
    marks = _place_marks(fig)
    assert marks
    white = (1.0, 1.0, 1.0, 1.0)
    for c in marks:
        assert any(tuple(e) == white for e in c.get_edgecolors()) or any(
            tuple(o.get_edgecolors()[0]) == white and tuple(o.get_offsets()[0]) == tuple(c.get_offsets()[0])
            for o in marks
        )
    in_chengdu = int((data.parks["prefecture_adcode"] == "510100").sum())  # the data's own count
    (ax,) = fig.axes
    assert str(in_chengdu) in [x.get_text() for x in ax.texts]
    # no pile: no two place marks drawn at points closer than their own size at this extent
    chengdu = [c for c in marks if data.area_at(*_lonlat(c)) == "510100"]
    assert len(chengdu) <= len(data.bases) + 2, "Chengdu's places are piled at the province's extent"


def _lonlat(collection) -> tuple[float, float]:
    from pyproj import Transformer

    from geo.render.static import SICHUAN_LCC

    x, y = collection.get_offsets()[0]
    return Transformer.from_crs(SICHUAN_LCC, "EPSG:4326", always_xy=True).transform(x, y)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_source_line_is_whole(data, lang):
    from geo.scene.build import build_scene
    from geo.scene.legends import source_names
    from geo.text.i18n import t

    fig = draw_static(data, replace(GDP_VIEW, lang=lang))
    foot = next(x.get_text() for x in fig.texts if t("schematic", lang) in x.get_text())
    assert "…" not in foot
    flat = re.sub(r"\s+", "", foot)
    scene = build_scene(data, replace(GDP_VIEW, lang=lang))
    rows = data.view("gdp", scene.view.year)
    for name in source_names(list(rows["source"].dropna()), lang):
        assert re.sub(r"\s+", "", name) in flat, name


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_name_sits_inside_its_area_on_the_deck_picture(data, lang):
    """The deck's picture (the slide's title above it): each prefecture's name inside its polygon
    (the boundaries are the oracle)."""
    import shapely
    from pyproj import Transformer

    from geo.data.names import prefecture_records
    from geo.render.deck import _BAND_IN
    from geo.render.static import SICHUAN_LCC, draw_scene
    from geo.scene.build import build_scene

    width, height = PRESETS["16:9"]
    view = replace(GDP_VIEW, lang=lang)
    fig = draw_scene(build_scene(data, view), size=(width, height - _BAND_IN), title=False)
    fig.canvas.draw()
    (ax,) = fig.axes
    back = Transformer.from_crs(SICHUAN_LCC, "EPSG:4326", always_xy=True)
    shapes = data.prefectures.set_index("adcode").geometry
    names = {(p.short_zh if lang == "zh" else p.short_en): code for code, p in prefecture_records().items()}
    placed = [x for x in ax.texts if x.get_text() in names]
    assert len(placed) >= 18, [x.get_text() for x in placed]
    for text in placed:
        lon, lat = back.transform(*text.get_position())
        assert shapes[names[text.get_text()]].contains(shapely.Point(lon, lat)), text.get_text()


def test_a_gdp_slide_leaves_little_of_its_body_empty(data):
    """Map and legend share the body: the legend as narrow as it can be in legible type, so the
    blank beside or beneath it is at most 15 % of the body (the map takes the rest)."""
    fig = draw_static(data, GDP_VIEW)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    to_page = fig.transFigure.inverted()
    (ax,) = fig.axes
    boxes = [lg.get_window_extent(renderer).transformed(to_page) for lg in fig.legends]
    x0, y0 = min(b.x0 for b in boxes), min(b.y0 for b in boxes)
    x1, y1 = max(b.x1 for b in boxes), max(b.y1 for b in boxes)
    m = ax.get_position()
    top, bottom = max(m.y1, y1), min(m.y0, y0)
    body = (max(x1, m.x1) - min(m.x0, x0)) * (top - bottom)
    used = m.width * m.height + sum(b.width * b.height for b in boxes)
    assert 1 - used / body <= 0.15, f"{1 - used / body:.0%} of the body empty"
