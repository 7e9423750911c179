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

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib import font_manager
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from geo import style
from geo.classify import class_colors
from geo.datum import SICHUAN_LCC
from geo.i18n import t
from geo.indicators import class_scheme, meta_for
from geo.legends import bases_legend, choropleth_legend, layout_legend, parks_legend
from geo.readings import resolve_reading
from geo.style import SHAPES, Legend, Swatch, dash_mpl
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


def render_static(
    data, path: Path, view: MapView | None = None, *, width_px: int = 1920, aspect: float = 16 / 9
) -> Path:
    """Draw ``view`` of ``data`` to ``path`` (.png or .svg), 16:9 and 1920 px wide by default."""
    fig = draw_static(data, view, width_px=width_px, aspect=aspect)
    try:
        with plt.rc_context(_RC):
            fig.savefig(path, dpi=_DPI, facecolor="white")
    finally:
        plt.close(fig)
    return Path(path)


_DPI = 120
# text.parse_math off: names and titles are text, never mathtext ("$" in a name is a dollar)
_RC = {"axes.unicode_minus": False, "svg.fonttype": "path", "text.parse_math": False}


def draw_static(data, view: MapView | None = None, *, width_px: int = 1920, aspect: float = 16 / 9) -> Figure:
    """The static map of ``view`` as a matplotlib figure (the caller closes it)."""
    view = (view or MapView()).checked(readings=data.layout["readings"])
    lang = view.lang
    with plt.rc_context({**_RC, "font.family": cjk_font()}):
        fig = plt.figure(figsize=(width_px / _DPI, width_px / _DPI / aspect), dpi=_DPI)
        ax = fig.add_axes((0.01, 0.07, 0.66, 0.84))
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
        caption = [t("schematic", lang), t("boundary_source", lang)]
        caption += [note for legend in legends for note in legend.notes]
        _furniture(fig, ax, view.title or t("app_title", lang), legends, caption)
    return fig


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
    )
    classes = class_colors(
        frame,
        scheme=scheme,
        k=view.k,
        bins=bins,
        palette=view.palette,
        decimals=int(meta["decimals"]),
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


def _furniture(fig, ax, title, legends: list[Legend], caption: list[str]) -> None:
    fig.text(0.01, 0.955, title, fontsize=22, va="center")
    handles = [h for legend in legends for h in legend_handles(legend)]
    if handles:
        fig.legend(
            handles=handles,
            loc="upper left",
            bbox_to_anchor=(0.68, 0.9),
            frameon=False,
            fontsize=10.5,
            handlelength=2.2,
        )
    # wrapped here: matplotlib's own wrap=True measures text as mathtext whatever text.parse_math says
    fig.text(0.01, 0.025, _wrap(" · ".join(caption), 240), fontsize=9, color="#444444")
    _scale_bar(ax)
    ax.annotate(
        "N",
        xy=(0.05, 0.95),
        xytext=(0.05, 0.85),
        xycoords="axes fraction",
        ha="center",
        fontsize=14,
        arrowprops={"arrowstyle": "-|>", "color": "black", "lw": 2},
    )


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


def _scale_bar(ax, length_m: float = 200_000) -> None:
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    x, y = x0 + 0.04 * (x1 - x0), y0 + 0.05 * (y1 - y0)
    ax.plot([x, x + length_m], [y, y], color="black", linewidth=4, solid_capstyle="butt")
    ax.plot([x, x + length_m / 2], [y, y], color="white", linewidth=2, solid_capstyle="butt")
    ax.text(x + length_m / 2, y + 0.015 * (y1 - y0), f"{length_m / 1000:.0f} km", ha="center", fontsize=10)
