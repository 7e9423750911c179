"""Static maps for slides (PNG/SVG) with matplotlib: no browser, CJK text rendered properly.

The same view (``geo.view.MapView``), data (``geo.data.MapData``), styles (``geo.style``) and
legends (``geo.legends``) as the interactive map, drawn in the same order (``geo.view.LAYERS``).
"""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from functools import cache
from pathlib import Path

import geopandas as gpd
import matplotlib
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from geo import style
from geo.classify import class_colors
from geo.datum import SICHUAN_LCC
from geo.i18n import meta_number, pick, t, unit_scale
from geo.indicators import class_scheme, meta_for
from geo.legends import bases_legend, choropleth_legend, layout_legend, parks_legend
from geo.readings import resolve_reading
from geo.style import SHAPES, Entry, Legend, Swatch, dash_mpl
from geo.view import MapView

# Single-face Chinese fonts first (matplotlib reads only the first face of a .ttc).
CJK_FONTS = ("WenQuanYi Micro Hei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC")
LINE_SCALE = 0.6  # matplotlib points per on-screen pixel of line width, on a 1920-px slide


class FontMissingError(RuntimeError):
    """No font that can draw Chinese text is installed."""


@cache
def cjk_font() -> str:
    """Register an installed CJK font with matplotlib and return its family name."""
    for family in CJK_FONTS:
        path = _fc_match(family)
        if path:
            font_manager.fontManager.addfont(path)
            return font_manager.FontProperties(fname=path).get_name()
    raise FontMissingError(
        "no Chinese font found: install Debian's fonts-wqy-microhei or fonts-noto-cjk "
        "(make test installs them)"
    )


def _fc_match(family: str) -> str | None:
    if not shutil.which("fc-match"):
        return None
    out = subprocess.run(
        ["fc-match", "-f", "%{family}\t%{file}", family], capture_output=True, text=True, check=False
    ).stdout
    families, _, path = out.partition("\t")
    return path if family.casefold() in families.casefold() and Path(path).exists() else None


# Slide shapes (width, height in inches) and resolutions (dots per inch): 16:9 at 1x is 1920x1080.
PRESETS = {
    "16:9": (16.0, 9.0),
    "4:3": (12.0, 9.0),
    "a4-landscape": (11.69, 8.27),
    "a4-portrait": (8.27, 11.69),
}
RESOLUTIONS = {"1x": 120, "2x": 240, "300dpi": 300}


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
    if preset not in PRESETS or resolution not in RESOLUTIONS:
        raise ValueError(
            f"choose a preset of {', '.join(PRESETS)} and a resolution of {', '.join(RESOLUTIONS)}"
        )
    fig = draw_static(data, view, preset=preset)
    with matplotlib.rc_context({**_RC, "svg.fonttype": "none" if svg_text else "path"}):
        fig.savefig(path, dpi=RESOLUTIONS[resolution], facecolor="white")
    return Path(path)


_DPI = 120
# text.parse_math off: names and titles are text, never mathtext ("$" in a name is a dollar)
_RC = {"axes.unicode_minus": False, "svg.fonttype": "path", "text.parse_math": False}


def draw_static(data, view: MapView | None = None, *, preset: str = "16:9") -> Figure:
    """The static map of ``view`` as a matplotlib figure: the map fills its
    frame, the legend beside it (below it on a portrait page), names on the map, a short source line."""
    view = (view or MapView()).checked(readings=data.layout["readings"])
    lang = view.lang
    width_in, height_in = PRESETS[preset]
    portrait = height_in > width_in
    with matplotlib.rc_context({**_RC, "font.family": cjk_font()}):
        # A Figure of its own, not pyplot's: Streamlit closes every pyplot figure at the end of any
        # session's script run, which would pull this one away while a download button draws it.
        fig = Figure(figsize=(width_in, height_in), dpi=_DPI)
        FigureCanvasAgg(fig)
        top = 0.86 if view.subtitle else 0.9
        box = (0.02, 0.30, 0.96, top - 0.31) if portrait else (0.01, 0.08, 0.64, top - 0.09)
        ax = fig.add_axes(box)
        ax.set_axis_off()
        areas = data.areas(view.level, view.within).to_crs(SICHUAN_LCC)
        prefs = data.prefectures.to_crs(SICHUAN_LCC)
        legends: list[Legend] = []
        if "choropleth" not in view.layers:
            prefs.plot(ax=ax, facecolor=style.PREFECTURE.fill, edgecolor=style.PREFECTURE.edge, linewidth=0.6)
        drawers = {
            "prefectures": lambda: None,  # the outlines, drawn over the areas below
            "choropleth": lambda: _choropleth(ax, data, areas, view),
            "layout": lambda: _layout(ax, data, prefs, view),
            "bases": lambda: _bases(ax, data, lang),
            "parks": lambda: _points(ax, data.parks, lang, len(data.parks_unmapped)),
        }
        for key in view.layers:  # the interactive map's order: areas, lines, markers
            legend = drawers[key]()
            if key == "choropleth":
                prefs.boundary.plot(ax=ax, color=style.PREFECTURE.edge, linewidth=0.6)
            if legend is not None:
                legends.append(legend)
        if "choropleth" not in view.layers:
            prefs.boundary.plot(ax=ax, color=style.PREFECTURE.edge, linewidth=0.6)
        _fit_extent(ax, data, view)
        if view.labels:
            _labels(fig, ax, data, view)
        _furniture(fig, ax, view, legends, portrait)
    return fig


def _fit_extent(ax, data, view: MapView) -> None:
    """Show the view's extent, filling the axes (the map keeps its proportions)."""
    x0, y0, x1, y1 = data.extent_bounds(view.extent, view.within)
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


def _labels(fig, ax, data, view: MapView) -> None:
    """Prefecture names (and, beyond the province's extent, place names) inside the map, with a
    halo; a label that would overlap one already placed, or leave the map, is left out."""
    from matplotlib import patheffects

    from geo.layers.labels import label_point

    halo = [patheffects.withStroke(linewidth=3, foreground="white")]
    texts = []
    prefs = data.prefectures.assign(size=data.prefectures.to_crs(SICHUAN_LCC).area).sort_values(
        "size", ascending=False
    )
    points = [label_point(g) for g in prefs.geometry]
    xy = gpd.GeoSeries(gpd.points_from_xy(*zip(*points, strict=True)), crs=4326).to_crs(SICHUAN_LCC)
    common = {"va": "center", "path_effects": halo, "zorder": 8}
    for name_zh, name_en, x, y in zip(prefs["short_zh"], prefs["short_en"], xy.x, xy.y, strict=True):
        name = pick(name_zh, name_en, view.lang)
        texts.append(ax.text(x, y, name, fontsize=10.5, ha="center", color="#1a1a1a", **common))
    if "parks" in view.layers and view.extent != "province":
        pts = data.parks.to_crs(SICHUAN_LCC)
        for row, x, y in zip(pts.itertuples(), pts.geometry.x, pts.geometry.y, strict=True):
            name = "  " + pick(row.name_zh, row.name_en, view.lang)
            texts.append(ax.text(x, y, name, fontsize=8, ha="left", color="#333333", **common))
    renderer = fig.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    placed = []
    for text in texts:
        bbox = text.get_window_extent(renderer)
        inside = frame.contains(bbox.x0, bbox.y0) and frame.contains(bbox.x1, bbox.y1)
        if not inside or any(bbox.overlaps(other) for other in placed):
            text.remove()
        else:
            placed.append(bbox)


def _handle(swatch: Swatch, label: str):
    """A matplotlib legend handle drawn like the interactive swatch."""
    if swatch.kind == "area":
        if swatch.hatch:
            return Patch(facecolor=style.NO_DATA.fill, edgecolor=style.NO_DATA.edge, hatch="///", label=label)
        return Patch(
            facecolor=swatch.color,
            alpha=min(1.0, swatch.opacity + 0.15),
            edgecolor=swatch.color,
            linestyle=dash_mpl(swatch.dash),
            label=label,
        )
    if swatch.kind == "line":
        return Line2D(
            [], [], color=swatch.color, lw=swatch.width * LINE_SCALE, alpha=swatch.opacity,
            linestyle=dash_mpl(swatch.dash), label=label,
        )  # fmt: skip
    shape = SHAPES[swatch.shape]
    return Line2D(
        [], [], marker=shape.marker, linestyle="", markersize=8, color=swatch.color,
        markerfacecolor="none" if shape.hollow else swatch.color, markeredgecolor=swatch.color, label=label,
    )  # fmt: skip


def legend_handles(legend: Legend) -> list:
    """The handles of one layer's legend: a heading, then its entries."""
    heading = Patch(facecolor="none", edgecolor="none", label=legend.title)
    return [heading, *(_handle(e.swatch, e.label) for e in legend.entries)]


def _choropleth(ax, data, areas, view: MapView) -> Legend:
    frame = data.view(view.indicator, view.year, view.level, view.within)
    meta = meta_for(view.indicator, data.indicator_meta, data.indicators)
    scheme, bins = class_scheme(
        data.indicators,
        view.indicator,
        areas["adcode"],
        scheme=view.scheme,
        k=view.k,
        bins=view.bins,
        breaks=view.breaks,
        scale=unit_scale(_unit_of(data, view.indicator), view.lang),
    )
    classes = class_colors(
        frame,
        scheme=scheme,
        k=view.k,
        bins=bins,
        palette=view.palette,
        fmt=meta_number(meta, view.lang),
    )
    fills = dict(zip(frame["adcode"], classes.fills, strict=True))
    colors = [fills.get(c) for c in areas["adcode"]]
    has = [c is not None for c in colors]
    edge = style.CHOROPLETH_EDGE
    areas[has].plot(
        ax=ax, color=[c for c in colors if c], edgecolor=edge.color, linewidth=edge.width * LINE_SCALE
    )
    if not all(has):
        areas[[not h for h in has]].plot(
            ax=ax, facecolor=style.NO_DATA.fill, edgecolor=style.NO_DATA.edge, hatch="///", linewidth=0.5
        )
    return choropleth_legend(frame, meta, classes, view.lang)


def _xy(lonlat_path) -> tuple[list[float], list[float]]:
    pts = gpd.GeoSeries(gpd.points_from_xy(*zip(*lonlat_path, strict=True)), crs=4326).to_crs(SICHUAN_LCC)
    return list(pts.x), list(pts.y)


def _layout(ax, data, prefs, view: MapView) -> Legend:
    reading = resolve_reading(data.layout, view.reading, data.seats)
    shapes = prefs.set_index("adcode")
    for belt, color in zip(reading.belts, style.BELT_COLORS, strict=False):
        members = shapes.loc[list(belt.members)]
        outline = dash_mpl(style.BELT_OUTLINE_DASH)
        members.dissolve().boundary.plot(ax=ax, color=color, linewidth=1.6, linestyle=outline)
        if belt.draw == "region":
            members.plot(ax=ax, color=color, alpha=style.BELT_REGION_OPACITY, linewidth=0)
        for path in belt.paths:
            ax.plot(
                *_xy(path),
                color=color,
                linewidth=9,
                alpha=style.BELT_CORRIDOR_OPACITY,
                solid_capstyle="round",
            )
    core = style.CORE
    shapes.loc[list(reading.core)].plot(
        ax=ax,
        color=core.fill,
        alpha=core.fill_opacity,
        edgecolor=core.edge,
        linewidth=core.width * LINE_SCALE,
    )
    for path in reading.axis_paths:
        ax.plot(*_xy(path), color=style.AXIS.color, linewidth=2.5, linestyle=dash_mpl(style.AXIS.dash))
    return layout_legend(reading, view.lang)


def _bases(ax, data, lang) -> Legend:
    ring = style.base_positions(data.seats["510100"], len(data.bases))
    xs, ys = _xy(ring)
    for base, x, y in zip(data.bases.itertuples(), xs, ys, strict=True):
        marker = SHAPES[base.symbol].marker
        ax.scatter(
            [x], [y], marker=marker, s=90, color=base.color, edgecolors="white", linewidths=1, zorder=6
        )
    return bases_legend(data.bases, lang)


def _points(ax, parks, lang, unmapped_count: int) -> Legend:
    pts = parks.to_crs(SICHUAN_LCC)
    for kind, shape_name in style.KIND_SHAPES.items():
        sel = pts[pts["kind"] == kind]
        if sel.empty:
            continue
        shape = SHAPES[shape_name]
        ax.scatter(
            sel.geometry.x,
            sel.geometry.y,
            marker=shape.marker,
            s=40 if shape.hollow else 22,
            facecolors="none" if shape.hollow else style.PLACE_COLOR,
            edgecolors=style.PLACE_COLOR,
            linewidths=1.4 if shape.hollow else 0.6,
            zorder=5,
        )
    return parks_legend(parks, lang, unmapped_count)


def _furniture(fig, ax, view: MapView, legends: list[Legend], portrait: bool) -> None:
    """Title, subtitle, legends (wrapped, in columns when long), the short source line (at most
    two lines), north arrow and scale bar."""
    lang = view.lang
    fig.text(0.015, 0.955, view.title or t("app_title", lang), fontsize=22, va="center")
    if view.subtitle:
        fig.text(0.015, 0.905, view.subtitle, fontsize=14, va="center", color="#444444")
    source_label = f"{t('source', lang)}:"
    captions = [n for legend in legends for n in legend.notes if n.startswith(source_label)]
    if legends:
        _fit_legend(fig, legends, source_label, portrait)
    caption = [t("schematic", lang), t("boundary_source", lang), *captions]
    if view.note:
        fig.text(0.015, 0.065, _wrap(view.note, 200), fontsize=10, color="#222222")
    # wrapped here: matplotlib's own wrap=True measures text as mathtext whatever text.parse_math says
    columns = 150 if portrait else 230
    lines = _wrap(" · ".join(caption), columns).split("\n")
    shown = "\n".join(lines[:2]) + ("…" if len(lines) > 2 else "")  # at most two lines
    fig.text(0.015, 0.02, shown, fontsize=9, color="#444444")
    _scale_bar(ax)
    ax.annotate(
        "N", xy=(0.05, 0.95), xytext=(0.05, 0.85), xycoords="axes fraction", ha="center", fontsize=14,
        arrowprops={"arrowstyle": "-|>", "color": "black", "lw": 2},
    )  # fmt: skip


# (columns, font size, wrap width) to try, in order, until the legend fits its area
_LEGEND_TRIES = ((1, 10, 44), (2, 9, 26), (2, 8, 22), (3, 7, 18), (3, 6, 16))


def _fit_legend(fig, legends: list[Legend], source_label: str, portrait: bool) -> None:
    """The legends beside the map (below it on a portrait page), wrapped and set in more columns
    and smaller type until every entry lies inside their area of the figure."""
    area = (0.02, 0.06, 0.98, 0.28) if portrait else (0.665, 0.06, 0.995, 0.88)  # x0, y0, x1, y1
    renderer = fig.canvas.get_renderer()
    for ncol, size, width in _LEGEND_TRIES:
        handles = []
        for legend in legends:
            entries = tuple(Entry(e.swatch, _wrap(e.label, width)) for e in legend.entries)
            handles += legend_handles(Legend(_wrap(legend.title, width + 4), entries))
            notes = [n for n in legend.notes if not n.startswith(source_label)]
            handles += [Patch(facecolor="none", edgecolor="none", label=_wrap(n, width + 8)) for n in notes]
        box = fig.legend(handles=handles, loc="upper left", bbox_to_anchor=(area[0], area[3]), frameon=False,
                         fontsize=size, handlelength=2.0, ncol=ncol, borderaxespad=0)  # fmt: skip
        bbox = box.get_window_extent(renderer).transformed(fig.transFigure.inverted())
        if bbox.x1 <= area[2] and bbox.y0 >= area[1]:
            return
        box.remove()
    fig.legends.append(box)  # the smallest try, kept even if it is still too large
    fig.add_artist(box)


def _wrap(text: str, columns: int) -> str:
    """Break ``text`` into lines of at most ``columns`` columns (CJK characters count two)."""
    lines, line, width = [], "", 0
    for ch in text:
        w = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if width + w > columns:
            lines.append(line)
            line, width = "", 0
        line, width = line + ch, width + w
    return "\n".join([*lines, line])


def _scale_bar(ax) -> None:
    """A kilometre scale bar about a fifth of the map's width, in a round length."""
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    width_km = (x1 - x0) / 1000
    length_km = max([k for k in (5, 10, 20, 50, 100, 200, 300) if k <= width_km / 4] or [5])
    length_m = length_km * 1000
    x, y = x0 + 0.04 * (x1 - x0), y0 + 0.05 * (y1 - y0)
    ax.plot([x, x + length_m], [y, y], color="black", linewidth=4, solid_capstyle="butt")
    ax.plot([x, x + length_m / 2], [y, y], color="white", linewidth=2, solid_capstyle="butt")
    ax.text(x + length_m / 2, y + 0.015 * (y1 - y0), f"{length_km:g} km", ha="center", fontsize=10)


def _unit_of(data, indicator: str) -> str:
    return meta_for(indicator, data.indicator_meta, data.indicators)["unit_zh"]
