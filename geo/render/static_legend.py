"""The static map's legends: each layer's legend as a block of matplotlib handles, packed beside
or under the map in the largest type that fits (``fit_legend``)."""

from __future__ import annotations

from matplotlib.colors import to_rgba
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from geo.scene import style
from geo.scene.style import SHAPES, Entry, Legend, Swatch, dash_mpl
from geo.text.linebreak import wrap

LINE_SCALE = 0.6  # matplotlib points per on-screen pixel of line width, on a 1920-px slide


def _handle(swatch: Swatch, label: str):
    """A matplotlib legend handle drawn like the interactive swatch."""
    if swatch.kind == "area":
        if swatch.hatch:
            hatch = style.HATCHES[swatch.hatch_kind][1]
            return Patch(facecolor=style.NO_DATA.fill, edgecolor=style.NO_DATA.edge, hatch=hatch, label=label)
        fill = min(1.0, swatch.opacity + 0.15) if swatch.opacity else 0.0  # none: an outline
        return Patch(
            facecolor=to_rgba(swatch.color, fill),
            edgecolor=swatch.color,
            linestyle=dash_mpl(swatch.dash),
            linewidth=1.5 if not fill else 1.0,
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


# (font size, wrap width in columns) to try, in order, until the legends fit their area
_LEGEND_TRIES = ((10, 44), (9, 34), (9, 26), (8, 22), (7, 18), (6, 16), (5, 14), (4, 12))
_LEGEND_GAP = 0.012  # between legend columns and blocks, page fraction
_LEGEND_MIN_PT = 8  # beside the map, the narrowest legend in at least this type: the map gets the rest


class LegendTooLargeError(ValueError):
    """The legends do not fit the page even in the smallest type."""


def fit_legend(fig, legends: list[Legend], portrait: bool, top: float, bottom: float):
    """Each layer's legend as a block (its heading with its entries and notes, never split),
    the blocks in columns: beside the map from the top right on a landscape page (at most 38 %
    of the width; of the ways that fit in type of at least ``_LEGEND_MIN_PT``, the narrowest, so
    the legend fills its column's height and the map gets the width), under it on a portrait page
    (at most 40 % of the height, as low as the blocks can be). Type gets smaller and lines
    narrower until they fit. Returns their box (page
    fractions); ``LegendTooLargeError`` if nothing fits."""
    if not legends:
        return None
    from matplotlib.transforms import Bbox

    area = (0.02, bottom, 0.98, bottom + 0.40 * (top - bottom)) if portrait else (0.62, bottom, 0.995, top)
    renderer = fig.canvas.get_renderer()
    to_page = fig.transFigure.inverted()
    best = None  # (width it takes from the map, -type size, blocks, packing)
    for size, width in _LEGEND_TRIES:
        if best is not None and (portrait or size < _LEGEND_MIN_PT):
            break  # a portrait page takes the first that fits; a landscape one the narrowest legible
        blocks = []
        for legend in legends:
            entries = tuple(Entry(e.swatch, wrap_text(e.label, width)) for e in legend.entries)
            handles = legend_handles(Legend(wrap_text(legend.title, width + 4), entries))
            handles += [  # the notes naming sources go into the slide's source line
                Patch(facecolor="none", edgecolor="none", label=wrap_text(n, width + 8))
                for n in legend.other_notes
            ]
            blocks.append(fig.legend(handles=handles, loc="upper left", bbox_to_anchor=(0, 1), frameon=False,
                                     fontsize=size, handlelength=2.0, borderaxespad=0))  # fmt: skip
        sizes = [b.get_window_extent(renderer).transformed(to_page) for b in blocks]
        packed = _pack([(b.width, b.height) for b in sizes], area, portrait)
        if packed is not None and (best is None or packed[1][0] < best[0] - 1e-9):
            if best is not None:
                for block in best[2]:
                    block.remove()
            best = (packed[1][0], -size, blocks, packed)
            continue
        for block in blocks:
            block.remove()
    if best is not None:
        _, _, blocks, (spots, (w, h)) = best
        x0 = area[2] - w if not portrait else area[0]
        y1 = area[3] if not portrait else area[1] + h
        for block, (dx, dy) in zip(blocks, spots, strict=True):
            block.set_bbox_to_anchor((x0 + dx, y1 - dy), transform=fig.transFigure)
        return Bbox.from_extents(x0, y1 - h, x0 + w, y1)
    raise LegendTooLargeError(
        "the legends do not fit this page even in 4-point type: "
        "choose a larger page (A4 or 16:9) or fewer layers"
    )


def _pack(sizes: list[tuple[float, float]], area, portrait: bool):
    """Blocks of ``sizes`` (width, height) in order, top to bottom, then in a new column; of the
    packings that fit ``area``, the narrowest (landscape: the map keeps the most width) or the
    lowest (portrait). Returns each block's offset from the group's top left, and its size."""
    limit_w, limit_h = area[2] - area[0], area[3] - area[1]
    heights = [h for _, h in sizes]
    caps = {max(max(heights), sum(heights) / n) for n in range(1, len(sizes) + 1)} | {limit_h}
    best = None
    for cap in sorted(caps):  # the tallest a column may be: balanced columns, or the whole height
        cols: list[list[int]] = [[]]
        for i, (_, h) in enumerate(sizes):
            if cols[-1] and sum(sizes[j][1] for j in cols[-1]) + _LEGEND_GAP + h > cap + 1e-9:
                cols.append([])
            cols[-1].append(i)
        widths = [max(sizes[j][0] for j in col) for col in cols]
        total_w = sum(widths) + _LEGEND_GAP * (len(cols) - 1)
        total_h = max(sum(sizes[j][1] for j in col) + _LEGEND_GAP * (len(col) - 1) for col in cols)
        if total_w > limit_w + 1e-9 or total_h > limit_h + 1e-9:
            continue
        spots, x = [None] * len(sizes), 0.0
        for col, w in zip(cols, widths, strict=True):
            y = 0.0
            for j in col:
                spots[j] = (x, y)
                y += sizes[j][1] + _LEGEND_GAP
            x += w + _LEGEND_GAP
        measure = total_h if portrait else total_w
        if best is None or measure < best[0] - 1e-9:
            best = (measure, spots, (total_w, total_h))
    return best[1:] if best else None


def wrap_text(text: str, width: int) -> str:
    """``text`` in lines of at most ``width`` columns (CJK characters count two), broken between
    words and phrases (``geo.text.linebreak``)."""
    return "\n".join(wrap(text, width))
