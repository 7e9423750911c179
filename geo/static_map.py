"""Static maps for slides (PNG/SVG) with matplotlib: no browser, CJK text rendered properly.

The same data and choices as the interactive map (``geo.map.MapData``): choropleth classes
come from ``geo.indicators.class_colors``, the layout from ``geo.readings``.
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
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from geo.classify import class_colors
from geo.datum import SICHUAN_LCC
from geo.i18n import pick, t
from geo.indicators import meta_for
from geo.layers.layout import AXIS_COLOR, BELT_COLORS, CORE_COLOR
from geo.map import view_options
from geo.readings import resolve_reading

# Single-face Chinese fonts first (matplotlib reads only the first face of a .ttc).
CJK_FONTS = ("WenQuanYi Micro Hei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC")
PARK_MARKERS = {
    "zone": "s",
    "park": "o",
    "base": "^",
    "science_city": "h",
    "facility": "D",
    "city_designation": "o",
}
BASE_MARKERS = {"triangle": "^", "diamond": "D", "square": "s", "circle": "o", "star": "*"}


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
    data,
    path: Path,
    *,
    title: str | None = None,
    width_px: int = 1920,
    aspect: float = 16 / 9,
    **options,
) -> Path:
    """Draw the map to ``path`` (.png or .svg), 16:9 by default, at least 1600 px wide.

    ``options`` are the view options of ``geo.map.build_map`` (layers, lang, reading, indicator,
    year, scheme, k, bins, palette), with the same defaults.
    """
    opts = view_options(**options)
    layers, lang = opts["layers"], opts["lang"]
    family = cjk_font()
    dpi = 120
    # text.parse_math off: names and titles are text, never mathtext ("$" in a name is a dollar)
    with plt.rc_context(
        {"font.family": family, "axes.unicode_minus": False, "svg.fonttype": "path", "text.parse_math": False}
    ):
        fig = plt.figure(figsize=(width_px / dpi, width_px / dpi / aspect), dpi=dpi)
        ax = fig.add_axes((0.01, 0.07, 0.66, 0.84))
        ax.set_axis_off()
        handles: list = []
        prefs = data.prefectures.to_crs(SICHUAN_LCC)
        caption = [t("schematic", lang), t("boundary_source", lang)]
        if "choropleth" in layers:
            handles += _choropleth(ax, data, prefs, opts, caption)
        else:
            prefs.plot(ax=ax, facecolor="#f2efe9", edgecolor="#4d4d4d", linewidth=0.6)
        prefs.boundary.plot(ax=ax, color="#4d4d4d", linewidth=0.6)
        if "layout" in layers:
            handles += _layout(ax, data, prefs, lang, opts["reading"])
        if "parks" in layers:
            handles += _points(ax, data.parks, lang)
        if "bases" in layers:
            handles += _bases(ax, data, lang)
        _furniture(fig, ax, title or t("app_title", lang), handles, caption, lang)
        fig.savefig(path, dpi=dpi, facecolor="white")
        plt.close(fig)
    return Path(path)


def _choropleth(ax, data, prefs, opts: dict, caption: list[str]) -> list:
    lang, indicator = opts["lang"], opts["indicator"]
    view = data.view(indicator, opts["year"])
    meta = meta_for(indicator, data.indicator_meta, data.indicators)
    classes = class_colors(
        view,
        scheme=opts["scheme"],
        k=opts["k"],
        bins=opts["bins"],
        palette=opts["palette"],
        decimals=int(meta["decimals"]),
    )
    fills = dict(zip(view["adcode"], classes.fills, strict=True))
    colors = [fills[c] for c in prefs["adcode"]]
    has = [c is not None for c in colors]
    prefs[has].plot(ax=ax, color=[c for c in colors if c], edgecolor="#555555", linewidth=0.5)
    if not all(has):
        prefs[[not h for h in has]].plot(
            ax=ax, facecolor="#f4f4f4", edgecolor="#999999", hatch="///", linewidth=0.5
        )
    unit = pick(meta["unit_zh"], meta["unit_en"], lang)
    name = pick(meta["name_zh"], meta["name_en"], lang)
    handles = [Patch(facecolor="none", edgecolor="none", label=f"{name} ({unit})")]
    handles += [Patch(facecolor=c, edgecolor="#555555", label=label) for c, label in classes.legend]
    if not all(has):
        handles.append(
            Patch(
                facecolor="#f4f4f4",
                edgecolor="#999999",
                hatch="///",
                label=f"{t('no_data', lang)} ({has.count(False)})",
            )
        )
    sources = sorted({s for s in view.loc[view["value"].notna(), "source"] if isinstance(s, str) and s})
    years = sorted({y for y in view.loc[view["value"].notna(), "year"] if y})
    caption.append(
        f"{name}: {t('year', lang)} {', '.join(years) or t('year_not_given', lang)}; "
        f"{t('source', lang)}: {'; '.join(sources) or t('no_source', lang)}"
    )
    return handles


def _xy(lonlat_path) -> tuple[list[float], list[float]]:
    pts = gpd.GeoSeries(gpd.points_from_xy(*zip(*lonlat_path, strict=True)), crs=4326).to_crs(SICHUAN_LCC)
    return list(pts.x), list(pts.y)


def _layout(ax, data, prefs, lang, reading_key) -> list:
    reading = resolve_reading(data.layout, reading_key)
    shapes = prefs.set_index("adcode")
    handles = []
    for belt, color in zip(reading.belts, BELT_COLORS, strict=False):
        members = shapes.loc[list(belt.members)]
        members.dissolve().boundary.plot(ax=ax, color=color, linewidth=1.6, linestyle="--")
        if belt.draw == "region":
            members.plot(ax=ax, color=color, alpha=0.18, linewidth=0)
        for path in belt.paths:
            ax.plot(*_xy(path), color=color, linewidth=9, alpha=0.3, solid_capstyle="round")
        handles.append(
            Line2D(
                [],
                [],
                color=color,
                lw=5,
                alpha=0.5,
                label=f"{pick(belt.name_zh, belt.name_en, lang)} ({t('interpretation', lang)})",
            )
        )
    shapes.loc[list(reading.core)].plot(
        ax=ax, color=CORE_COLOR, alpha=0.35, edgecolor=CORE_COLOR, linewidth=2
    )
    for path in reading.axis_paths:
        ax.plot(*_xy(path), color=AXIS_COLOR, linewidth=2.5, linestyle=(0, (5, 3)))
    handles.insert(
        0,
        Patch(
            facecolor=CORE_COLOR,
            alpha=0.5,
            edgecolor=CORE_COLOR,
            label=f"{reading.core_name[lang]} ({t('plan_word', lang)})",
        ),
    )
    handles.insert(
        1,
        Line2D(
            [],
            [],
            color=AXIS_COLOR,
            lw=2.5,
            linestyle=(0, (5, 3)),
            label=f"{reading.axis_name[lang]} ({t('interpretation', lang)})",
        ),
    )
    return handles


def _points(ax, parks, lang) -> list:
    pts = parks.to_crs(SICHUAN_LCC)
    handles = []
    for kind, marker in PARK_MARKERS.items():
        sel = pts[pts["kind"] == kind]
        if sel.empty:
            continue
        hollow = kind == "city_designation"
        ax.scatter(
            sel.geometry.x,
            sel.geometry.y,
            marker=marker,
            s=40 if hollow else 22,
            facecolors="none" if hollow else "#333333",
            edgecolors="#333333",
            linewidths=1.4 if hollow else 0.6,
            zorder=5,
        )
        handles.append(
            Line2D(
                [],
                [],
                marker=marker,
                linestyle="",
                markersize=6,
                color="#333333",
                markerfacecolor="none" if hollow else "#333333",
                label=t(f"kind_{kind}", lang),
            )
        )
    return handles


def _bases(ax, data, lang) -> list:
    from geo.layers.bases import _ring_positions
    from geo.names import prefecture_records

    chengdu = prefecture_records()["510100"]
    ring = _ring_positions((chengdu.seat_lon, chengdu.seat_lat), len(data.bases))
    xs, ys = _xy([(lon, lat) for lat, lon in ring])
    handles = []
    for base, x, y in zip(data.bases.itertuples(), xs, ys, strict=True):
        marker = BASE_MARKERS[base.symbol]
        ax.scatter(
            [x], [y], marker=marker, s=90, color=base.color, edgecolors="white", linewidths=1, zorder=6
        )
        handles.append(
            Line2D(
                [],
                [],
                marker=marker,
                linestyle="",
                markersize=8,
                color=base.color,
                markeredgecolor="white",
                label=pick(base.name_zh, base.name_en, lang),
            )
        )
    return handles


def _furniture(fig, ax, title, handles, caption, lang) -> None:
    fig.text(0.01, 0.955, title, fontsize=22, va="center")
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
