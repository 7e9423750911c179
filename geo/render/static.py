"""Static maps for slides (PNG/SVG) with matplotlib: no browser, CJK text rendered properly.

It draws the view's scene (``geo.scene.build``): the same features, classes, colours, names, legends
and sources as the interactive map, in the same order; it decides nothing of its own.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import matplotlib
import numpy as np
import pyproj
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.text import Text

from geo.data.datum import SICHUAN_LCC
from geo.fonts import cjk_font
from geo.render.static_legend import LINE_SCALE, fit_legend
from geo.scene import placement, style
from geo.scene.build import build_scene
from geo.scene.style import SHAPES, dash_mpl
from geo.scene.view import MapView
from geo.text.escape import no_bidi
from geo.text.i18n import t
from geo.text.linebreak import balanced, wrap

# Slide shapes (width, height in inches) and resolutions (dots per inch): 16:9 at 1x is 1920x1080.
PRESETS = {
    "16:9": (16.0, 9.0),
    "4:3": (12.0, 9.0),
    "a4-landscape": (11.69, 8.27),
    "a4-portrait": (8.27, 11.69),
}
RESOLUTIONS = {"1x": 120, "1.5x": 180, "2x": 240, "300dpi": 300}


def render_static(
    data,
    path: Path,
    view: MapView | None = None,
    *,
    preset: str = "16:9",
    resolution: str = "1x",
    svg_text: bool = False,
) -> Path:
    """Draw ``view`` of ``data`` to ``path`` (.png or .svg) in a slide ``preset`` (``PRESETS``) at a
    ``resolution`` (``RESOLUTIONS``); with ``svg_text`` an SVG keeps its text as editable text
    (fonts named) rather than outlines."""
    return render_scene(build_scene(data, view or MapView()), path, preset=preset, resolution=resolution,
                        svg_text=svg_text)  # fmt: skip


def render_scene(
    scene,
    path: Path,
    *,
    preset: str = "16:9",
    resolution: str = "1x",
    svg_text: bool = False,
    size: tuple[float, float] | None = None,
    title: bool = True,
) -> Path:
    """Draw ``scene`` to ``path`` (see ``render_static``; ``size`` and ``title``: ``draw_scene``)."""
    if preset not in PRESETS or resolution not in RESOLUTIONS:
        raise ValueError(
            f"choose a preset of {', '.join(PRESETS)} and a resolution of {', '.join(RESOLUTIONS)}"
        )
    fig = draw_scene(scene, preset=preset, size=size, title=title)
    with matplotlib.rc_context({**_RC, "svg.fonttype": "none" if svg_text else "path"}):
        fig.savefig(path, dpi=RESOLUTIONS[resolution], facecolor="white")
    return Path(path)


_DPI = 120
# text.parse_math off: names and titles are text, never mathtext ("$" in a name is a dollar)
_RC = {"axes.unicode_minus": False, "svg.fonttype": "path", "text.parse_math": False}


def draw_static(data, view: MapView | None = None, *, preset: str = "16:9") -> Figure:
    """The static map of ``view`` as a matplotlib figure: its scene (``geo.scene.build``) drawn, the map
    filling its frame, the legends beside it (below it on a portrait page), the names, a short
    source line."""
    return draw_scene(build_scene(data, view or MapView()), preset=preset)


def draw_scene(
    scene, *, preset: str = "16:9", size: tuple[float, float] | None = None, title: bool = True
) -> Figure:
    """``scene`` drawn (see ``draw_static``) on a ``preset`` page, or one of ``size`` inches
    (a deck's picture box); without ``title`` when the page carries it (a deck slide's title).

    The page is laid out from its parts' measured sizes: the title (lines balanced, no orphan),
    the foot (note, source line), the legends (beside the map on a landscape page, under it on a
    portrait one, as narrow or as low as they can be); the map gets the whole remaining box and
    its extent fills it in one direction."""
    view = scene.view
    width_in, height_in = size or PRESETS[preset]
    portrait = height_in > width_in
    with matplotlib.rc_context({**_RC, "font.family": cjk_font()}):
        # A Figure of its own, not pyplot's: Streamlit closes every pyplot figure at the end of any
        # session's script run, which would pull this one away while a download button draws it.
        fig = Figure(figsize=(width_in, height_in), dpi=_DPI)
        FigureCanvasAgg(fig)
        top = _header(fig, scene) if title else 1 - _MARGIN_IN / height_in
        bottom = _foot(fig, scene, portrait)
        legend = fit_legend(fig, scene.legends, portrait, top, bottom)
        if portrait:
            low = legend.y1 + 0.01 if legend else bottom
            box = (0.02, low, 0.96, top - low)
        else:
            right = legend.x0 - 0.01 if legend else 0.99
            box = (0.01, bottom, right - 0.01, top - bottom)
        ax = fig.add_axes(box)
        ax.set_axis_off()
        outlines = scene.layer("prefectures")
        if scene.ground:  # the prefectures' fill under the rest, where the scene has one
            _fill(ax, outlines.areas.to_crs(SICHUAN_LCC).geometry, scene.ground)
        for layer in scene.layers:  # the interactive map's order: areas, lines, markers
            DRAWERS.get(layer.name, _nothing)(ax, layer, detailed=scene.detailed)
        if outlines is not None:  # the prefectures' outlines over the areas below, as on screen
            _outlines(ax, outlines.areas.to_crs(SICHUAN_LCC))
        _fit_extent(ax, scene.bounds)
        furniture = _scale_bar(ax) + _north_arrow(ax)
        if view.labels or "parks" in view.layers:
            renderer = fig.canvas.get_renderer()
            _labels(fig, ax, scene, [a.get_window_extent(renderer) for a in furniture])
    for text in fig.findobj(Text):  # every title, legend and name in the order it is written
        text.set_text(no_bidi(text.get_text()))
    return fig


def _north_arrow(ax) -> list:
    arrow = ax.annotate(
        "N", xy=(0.05, 0.95), xytext=(0.05, 0.85), xycoords="axes fraction", ha="center", fontsize=14,
        arrowprops={"arrowstyle": "-|>", "color": "black", "lw": 2},
    )  # fmt: skip
    return [arrow]


_MARGIN_IN = 0.2  # the page's margin, inches
_TITLE_PT, _SUBTITLE_PT, _NOTE_PT, _SOURCE_PT = 22, 14, 10, 9


def _lines_height(fig, lines: int, points: float) -> float:
    """The height of ``lines`` lines of ``points`` type, as a fraction of the page."""
    return lines * points * 1.3 / 72 / fig.get_size_inches()[1]


def _columns_across(fig, points: float, share: float = 0.97) -> int:
    """How many columns (half a CJK character) of ``points`` type fit across ``share`` of the page."""
    return int(fig.get_size_inches()[0] * 72 * share / (points * 0.5))


def _header(fig, scene) -> float:
    """The title (balanced over at most two lines, smaller type if it needs more) and the
    subtitle at the top; returns the page fraction below them."""
    y = 1 - _MARGIN_IN / fig.get_size_inches()[1]
    size = _TITLE_PT
    lines = balanced(scene.title, _columns_across(fig, size))
    while len(lines) > 2 and size > 12:
        size -= 2
        lines = balanced(scene.title, _columns_across(fig, size))
    fig.text(0.015, y, "\n".join(lines), fontsize=size, va="top", linespacing=1.15)
    y -= _lines_height(fig, len(lines), size)
    if scene.view.subtitle:
        sub = balanced(scene.view.subtitle, _columns_across(fig, _SUBTITLE_PT))
        fig.text(0.015, y - 0.005, "\n".join(sub), fontsize=_SUBTITLE_PT, va="top", color="#444444")
        y -= _lines_height(fig, len(sub), _SUBTITLE_PT) + 0.005
    return y - 0.015


def _foot(fig, scene, portrait: bool) -> float:
    """The short source line (wrapped, whole) and the note at the foot; returns the page
    fraction above them."""
    lang = scene.view.lang
    captions = [n for legend in scene.legends for n in legend.source_notes]
    caption = [t("schematic", lang), t("boundary_source", lang), *captions]
    lines = wrap(" · ".join(caption), _columns_across(fig, _SOURCE_PT))  # wrapped, never cut
    y = _MARGIN_IN / 2 / fig.get_size_inches()[1]
    fig.text(0.015, y, "\n".join(lines), fontsize=_SOURCE_PT, color="#444444", va="bottom")
    y += _lines_height(fig, len(lines), _SOURCE_PT)
    if scene.view.note:
        note = wrap(scene.view.note, _columns_across(fig, _NOTE_PT))[:3]
        fig.text(0.015, y + 0.005, "\n".join(note), fontsize=_NOTE_PT, color="#222222", va="bottom")
        y += _lines_height(fig, len(note), _NOTE_PT) + 0.005
    return y + 0.01


def _nothing(ax, layer, **_) -> None:
    """Layers drawn by other means (the names: ``_labels``; outlines: ``_outlines``)."""


def _outlines(ax, areas) -> None:
    edge = style.PREFECTURE
    _edges(ax, areas.geometry, edge.edge, edge.width * LINE_SCALE)


# Polygons drawn as matplotlib collections directly: geopandas' plot redraws the whole figure
# after each call (its canvas' draw_idle), a second each on a slide full of text.
def _parts(geoms) -> list:
    return [part for g in geoms for part in getattr(g, "geoms", [g])]


def _fill(ax, geoms, colors, *, edge="none", width=0.0, hatch=None, zorder=1) -> None:
    """Polygons filled with ``colors`` (one, or one per geometry)."""
    from matplotlib.collections import PatchCollection
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path as MplPath

    geoms = list(geoms)
    per_geom = colors if isinstance(colors, list) else [colors] * len(geoms)
    patches, faces = [], []
    for geom, color in zip(geoms, per_geom, strict=True):
        for poly in getattr(geom, "geoms", [geom]):
            rings = [
                MplPath(np.asarray(r.coords)[:, :2], closed=True) for r in (poly.exterior, *poly.interiors)
            ]
            patches.append(PathPatch(MplPath.make_compound_path(*rings)))
            faces.append(color)
    collection = PatchCollection(patches, facecolors=faces, edgecolors=edge, linewidths=width, zorder=zorder)
    if hatch:
        collection.set_hatch(hatch)
    ax.add_collection(collection)


def _edges(ax, geoms, color: str, width: float, *, dash=None, zorder=2) -> None:
    """The rings of polygons as lines."""
    from matplotlib.collections import LineCollection

    rings = [np.asarray(r.coords)[:, :2] for p in _parts(geoms) for r in (p.exterior, *p.interiors)]
    lines = LineCollection(rings, colors=color, linewidths=width, zorder=zorder)
    if dash:
        lines.set_linestyle(dash)
    ax.add_collection(lines)


def _fit_extent(ax, bounds) -> None:
    """Show the scene's extent, filling the axes (the map keeps its proportions)."""
    x0, y0, x1, y1 = bounds
    corners = gpd.GeoSeries(gpd.points_from_xy([x0, x1, x0, x1], [y0, y0, y1, y1]), crs=4326).to_crs(
        SICHUAN_LCC
    )
    pad = 0.03 * max(corners.x.max() - corners.x.min(), corners.y.max() - corners.y.min())
    x0, x1 = corners.x.min() - pad, corners.x.max() + pad
    y0, y1 = corners.y.min() - pad, corners.y.max() + pad
    box = ax.get_position()
    fig_w, fig_h = ax.figure.get_size_inches()
    ratio = (box.width * fig_w) / (box.height * fig_h)  # the axes' width over height
    if (x1 - x0) / (y1 - y0) < ratio:  # widen the view to the axes' shape, centred
        grow = ((y1 - y0) * ratio - (x1 - x0)) / 2
        x0, x1 = x0 - grow, x1 + grow
    else:
        grow = ((x1 - x0) / ratio - (y1 - y0)) / 2
        y0, y1 = y0 - grow, y1 + grow
    ax.set_aspect("equal", adjustable="box")
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)


def _labels(fig, ax, scene, furniture: list) -> None:
    """The names of a still picture of the scene (``Scene.still_labels``), each where
    ``geo.scene.placement``'s rule puts it (a name may cover a marker inside its own area here),
    with a leader line to its anchor when it sits outside its area; the rest left out."""
    from matplotlib import patheffects

    halo = [patheffects.withStroke(linewidth=3, foreground="white")]
    renderer = fig.canvas.get_renderer()
    height = fig.bbox.height  # matplotlib's pixels have y up, the rule's y down

    def box(b) -> tuple[float, float, float, float]:
        return (b.x0, height - b.y1, b.x1, height - b.y0)

    to_px = ax.transData.transform
    marks = [_mark_box(to_px(_lcc(m.lon, m.lat)), layer, m, fig.dpi) for layer, m in _drawn_marks(scene)]
    texts, areas = [], []
    for label in scene.still_labels:
        x, y = _lcc(label.lon, label.lat)
        size, align = (10.5, "center") if label.kind == "area" else (8, "left")
        text = label.text if align == "center" else "  " + label.text
        texts.append(ax.text(x, y, text, fontsize=size, ha=align, va="center", color="#1a1a1a",
                             path_effects=halo, zorder=8))  # fmt: skip
        ring = to_px([_lcc(lon, lat) for lat, lon in label.area]) if label.area else None
        areas.append(None if ring is None else [(px, height - py) for px, py in ring])
    moves = placement.place_names(
        [box(x.get_window_extent(renderer)) for x in texts],
        areas,
        frame=box(ax.get_window_extent(renderer)),
        fixed=[box(b) for b in furniture],
        marks=[box(b) for b in marks],
        over_marks=True,
    )
    for text, move in zip(texts, moves, strict=True):
        if move is None:
            text.remove()
        elif move.dx or move.dy:
            anchor = text.get_position()
            new = ax.transData.inverted().transform(np.add(to_px(anchor), (move.dx, -move.dy)))
            text.set_position(new)
            if move.outside:
                ax.plot(*zip(anchor, new, strict=True), color="#333333", linewidth=0.6, zorder=7)


def _choropleth(ax, layer, **_) -> None:
    """The scene's classes as fills; areas without data hatched."""
    areas = layer.areas.to_crs(SICHUAN_LCC)
    has = areas["fill"].notna()
    edge = style.CHOROPLETH_EDGE
    _fill(
        ax, areas[has].geometry, list(areas.loc[has, "fill"]), edge=edge.color, width=edge.width * LINE_SCALE
    )
    kinds = areas["hatch"] if "hatch" in areas else np.full(len(areas), "no_data")
    no = style.NO_DATA
    for kind, (_, hatch) in style.HATCHES.items():  # no data, a series break: each its hatch
        these = ~has & (kinds == kind)
        if these.any():
            _fill(ax, areas[these].geometry, no.fill, edge=no.edge, width=no.width * LINE_SCALE, hatch=hatch)


def _xy(lonlat_path) -> tuple[list[float], list[float]]:
    pts = gpd.GeoSeries(gpd.points_from_xy(*zip(*lonlat_path, strict=True)), crs=4326).to_crs(SICHUAN_LCC)
    return list(pts.x), list(pts.y)


_TO_LCC = pyproj.Transformer.from_crs(4326, SICHUAN_LCC, always_xy=True)


def _lcc(lon: float, lat: float) -> tuple[float, float]:
    return _TO_LCC.transform(lon, lat)


def _layout(ax, layer, **_) -> None:
    """Belts (outlines, regions, corridors), the core and the axis of the scene's reading."""
    reading = layer.reading
    shapes = layer.shapes.to_crs(SICHUAN_LCC).set_index("adcode")
    outlines = gpd.GeoSeries(list(layer.belt_outlines), crs=4326).to_crs(SICHUAN_LCC)
    for belt, color, union in zip(reading.belts, layer.belt_colors, outlines, strict=True):
        members = shapes.loc[list(belt.members)]
        outline = dash_mpl(style.BELT_OUTLINE_DASH)
        _edges(ax, [union], color, style.BELT_OUTLINE_WIDTH * LINE_SCALE, dash=outline, zorder=3)
        if belt.draw == "region" and layer.region_opacity:
            _fill(ax, members.geometry, to_rgba(color, layer.region_opacity))
        for path in belt.paths:  # the band, and the dashed line along it
            ax.plot(*_xy(path), color=color, linewidth=style.BELT_CORRIDOR_WIDTH * LINE_SCALE,
                    alpha=style.BELT_CORRIDOR_OPACITY, solid_capstyle="round")  # fmt: skip
            ax.plot(*_xy(path), color=color, linewidth=style.BELT_LINE_WIDTH * LINE_SCALE,
                    linestyle=dash_mpl(style.BELT_LINE_DASH))  # fmt: skip
    core = layer.core
    _fill(ax, shapes.loc[list(reading.core)].geometry, to_rgba(core.fill, core.fill_opacity),  # edge opaque
          edge=core.edge, width=core.width * LINE_SCALE, zorder=3)  # fmt: skip
    for path in reading.axis_paths:
        ax.plot(
            *_xy(path),
            color=style.AXIS.color,
            linewidth=style.AXIS.width * LINE_SCALE,
            linestyle=dash_mpl(style.AXIS.dash),
        )


def _marks(ax, layer, detailed: bool = True) -> None:
    """Bases and places: the scene's marks, by shape, each on a white halo so it reads on every
    class colour; a prefecture dense with places shows their count, as on screen below
    ``DETAIL_ZOOM`` (a slide has no zoom), unless the scene is ``detailed``: then each place."""
    for link in layer.links:
        ax.plot(
            *_xy(link.path),
            color=link.color,
            linewidth=style.BASE_LINK_WIDTH * LINE_SCALE,
            alpha=style.BASE_LINK_OPACITY,
            linestyle=dash_mpl(style.BASE_LINK_DASH),
        )
    for mark in _shown_marks(layer, detailed):
        x, y = _lcc(mark.lon, mark.lat)
        if mark.count:
            ax.scatter([x], [y], marker="o", s=_mark_area(layer, mark), facecolors=mark.color,
                       edgecolors="white", linewidths=1.5, zorder=6)  # fmt: skip
            ax.text(x, y, str(mark.count), color="white", fontsize=7,
                    ha="center", va="center", zorder=7)  # fmt: skip
            continue
        shape = SHAPES[mark.shape]
        big = layer.name == "bases"
        area, zorder = _mark_area(layer, mark), 6 if big else 5
        if shape.hollow:  # a white ring under the ring: a halo on dark classes
            ax.scatter([x], [y], marker=shape.marker, s=area, facecolors="none", edgecolors="white",
                       linewidths=3.4, zorder=zorder)  # fmt: skip
            ax.scatter([x], [y], marker=shape.marker, s=area, facecolors="none", edgecolors=mark.color,
                       linewidths=1.4, zorder=zorder)  # fmt: skip
        else:
            ax.scatter([x], [y], marker=shape.marker, s=area, facecolors=mark.color, edgecolors="white",
                       linewidths=1 if big else 0.9, zorder=zorder)  # fmt: skip


def _shown_marks(layer, detailed: bool) -> list:
    """The marks a slide shows: each place in a ``detailed`` scene, else counts instead of them."""
    if not detailed:
        return [m for m in layer.marks if not m.detail]  # the counts and the places outside them
    return [m for m in layer.marks if not m.count]


def _mark_area(layer, mark) -> float:
    """A mark's size (matplotlib's ``s``: points squared)."""
    if mark.count:
        return 150
    return 90 if layer.name == "bases" else (40 if SHAPES[mark.shape].hollow else 22)


def _drawn_marks(scene):
    return [
        (x, m) for x in scene.layers if x.name in ("bases", "parks") for m in _shown_marks(x, scene.detailed)
    ]


def _mark_box(xy, layer, mark, dpi: float):
    """The pixel box a mark covers (names are kept off it)."""
    from matplotlib.transforms import Bbox

    half = (_mark_area(layer, mark) ** 0.5) / 2 * dpi / 72
    return Bbox.from_extents(xy[0] - half, xy[1] - half, xy[0] + half, xy[1] + half)


DRAWERS = {"choropleth": _choropleth, "layout": _layout, "bases": _marks, "parks": _marks}


def _scale_bar(ax) -> list:
    """A kilometre scale bar about a fifth of the map's width, in a round length."""
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    width_km = (x1 - x0) / 1000
    length_km = max([k for k in (5, 10, 20, 50, 100, 200, 300) if k <= width_km / 4] or [5])
    length_m = length_km * 1000
    x, y = x0 + 0.04 * (x1 - x0), y0 + 0.05 * (y1 - y0)
    (bar,) = ax.plot([x, x + length_m], [y, y], color="black", linewidth=4, solid_capstyle="butt")
    ax.plot([x, x + length_m / 2], [y, y], color="white", linewidth=2, solid_capstyle="butt")
    text = ax.annotate(f"{length_km:g} km", (x + length_m / 2, y), xytext=(0, 5), textcoords="offset points",
                       ha="center", va="bottom", fontsize=10)  # fmt: skip
    return [bar, text]
