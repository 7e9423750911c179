"""One style vocabulary for both renderers: colours, symbols, line styles, legend entries.

The interactive map (``geo.layers``, SVG/CSS in the page) and the static map (``geo.render.static``,
matplotlib) draw every layer from these definitions, and their legends from the same
``geo.scene.legends`` entries, so the two cannot drift apart. Drawing order is ``geo.scene.view.LAYERS``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

# Okabe–Ito palette: distinguishable with the common colour-vision deficiencies.
OKABE_ITO = {
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "black": "#000000",
}


@dataclass(frozen=True)
class Area:
    fill: str
    edge: str
    width: float = 1.0  # px on screen; matplotlib takes 0.6 of it (its points on a 1920-px slide)
    fill_opacity: float = 0.7
    dash: tuple[int, ...] = ()
    hatch: bool = False


@dataclass(frozen=True)
class Line:
    color: str
    width: float
    dash: tuple[int, ...] = ()
    opacity: float = 1.0


PREFECTURE = Area(fill="#f2efe9", edge="#4d4d4d", width=1.0, fill_opacity=0.7)
HIGHLIGHT = Line(color="#1a1a1a", width=2.5)
# The series chart's lines: the selected prefecture, the province, the rest
SERIES_SELECTED = Line(color=OKABE_ITO["vermillion"], width=2.6)
SERIES_PROVINCE = Line(color="#000000", width=2.2)
SERIES_REST = Line(color="#BBBBBB", width=1.0)
CHOROPLETH_EDGE = Line(color="#555555", width=0.8)
CHOROPLETH_OPACITY = 0.85
# Hatches of areas without a colour, the same in every renderer: (SVG pattern id, matplotlib
# hatch). "no_data": no value (or a year missing); "break": both years on two declared bases.
HATCHES = {"no_data": ("sw-no-data", "///"), "break": ("sw-break", "xxx")}
NO_DATA = Area(fill="#f4f4f4", edge="#999999", width=0.8, fill_opacity=1.0, hatch=True)
CORE = Area(fill=OKABE_ITO["vermillion"], edge=OKABE_ITO["vermillion"], width=3, fill_opacity=0.35)
# over a choropleth the core is an outline: a fill would hide its class colour
CORE_OVER_CLASSES = Area(
    fill=OKABE_ITO["vermillion"], edge=OKABE_ITO["vermillion"], width=4, fill_opacity=0.0
)
AXIS = Line(color="#7a1f1f", width=5, dash=(10, 6))
BELT_COLORS = tuple(OKABE_ITO[c] for c in ("blue", "green", "purple", "orange", "sky"))


def belt_colors(belts) -> tuple[str, ...]:
    """One colour per belt, in order: the one rule the scene, its legend and every renderer use.
    A reading with more belts than colours is refused rather than drawn with some left out."""
    if len(belts) > len(BELT_COLORS):
        raise ValueError(f"{len(belts)} belts, {len(BELT_COLORS)} colours: add some to BELT_COLORS")
    return BELT_COLORS[: len(belts)]


BELT_OUTLINE_DASH = (6, 4)
BELT_OUTLINE_WIDTH = 2  # px: the dashed line around a belt's members
BELT_REGION_OPACITY = 0.22
BELT_CORRIDOR_WIDTH = 22  # px: the translucent band along a corridor belt's line
BELT_CORRIDOR_OPACITY = 0.25
BELT_LINE_WIDTH = 3  # px: the dashed line along a corridor, in the band
BELT_LINE_DASH = (6, 5)
BASE_LINK_DASH = (6, 4)
BASE_LINK_WIDTH = 2  # px: a base's dashed link to a park (its colour is the base's)
BASE_LINK_OPACITY = 0.9
LEGEND_LINK = Line(color="#555555", width=BASE_LINK_WIDTH, dash=BASE_LINK_DASH)

# Places are told apart by shape in one dark tone; colour is kept for the five bases.
PLACE_COLOR = "#333333"
KIND_SHAPES = {
    "zone": "square",
    "park": "circle",
    "base": "triangle",
    "science_city": "hexagon",
    "facility": "diamond",
    "city_designation": "ring",
}


@dataclass(frozen=True)
class Shape:
    svg: str  # body in a 20x20 box
    marker: str  # matplotlib marker
    hollow: bool = False


SHAPES = {
    "circle": Shape('<circle cx="10" cy="10" r="7"/>', "o"),
    "square": Shape('<rect x="3.5" y="3.5" width="13" height="13"/>', "s"),
    "triangle": Shape('<polygon points="10,2.5 18,17 2,17"/>', "^"),
    "diamond": Shape('<polygon points="10,1.5 18.5,10 10,18.5 1.5,10"/>', "D"),
    "star": Shape(
        '<polygon points="10,1.5 12.4,7.3 18.6,7.6 13.8,11.6 15.4,17.7 10,14.3 '
        '4.6,17.7 6.2,11.6 1.4,7.6 7.6,7.3"/>',
        "*",
    ),
    "hexagon": Shape('<polygon points="10,2 17,6 17,14 10,18 3,14 3,6"/>', "h"),
    "ring": Shape('<circle cx="10" cy="10" r="6.5" fill="none" stroke-width="3.5"/>', "o", hollow=True),
}


def dash_css(dash: tuple[int, ...]) -> str | None:
    """Leaflet's dashArray for a dash pattern (None: solid)."""
    return ",".join(map(str, dash)) or None


def dash_mpl(dash: tuple[int, ...]):
    """matplotlib's linestyle for a dash pattern."""
    return (0, tuple(d / 2 for d in dash)) if dash else "-"


COPY_MARK = "†"  # a value read on a copy of its publication: shown, marked unverified


# --- Legend entries: what each renderer turns into its own swatches --------------------------


@dataclass(frozen=True)
class Swatch:
    """How a legend entry is drawn: an ``area`` (fill and edge), a ``line``, or a ``symbol``."""

    kind: str
    color: str
    opacity: float = 1.0
    dash: tuple[int, ...] = ()
    width: float = 4
    shape: str = ""
    hatch: bool = False
    hatch_kind: str = "no_data"  # which hatch (``HATCHES``): no data, or a series break


@dataclass(frozen=True)
class Entry:
    swatch: Swatch
    label: str


class SourceNote(str):
    """A legend note that names the sources of the values shown ("Source: ..."): the page shows
    it among the legend's notes, a slide in its source line at the foot. Marked by its type, so
    no renderer tells it from the other notes by its words."""

    __slots__ = ()


@dataclass(frozen=True)
class Legend:
    """A layer's legend: title, entries, notes (each a line of text, in the order shown; those
    naming the sources are ``SourceNote``), and an optional folded ``more`` (summary, text)."""

    title: str
    entries: tuple[Entry, ...]
    notes: tuple[str, ...] = ()
    more: tuple[str, str] | None = None

    @property
    def source_notes(self) -> tuple[str, ...]:
        """The notes naming the sources of the values shown (a slide's source line)."""
        return tuple(n for n in self.notes if isinstance(n, SourceNote))

    @property
    def other_notes(self) -> tuple[str, ...]:
        """The notes but those naming the sources (a slide's legend)."""
        return tuple(n for n in self.notes if not isinstance(n, SourceNote))


# --- Tooltips and popups ------------------------------------------------------------------------

Rows = tuple[tuple[str, str], ...]  # label/value rows of a tooltip or popup (plain text)


@dataclass(frozen=True)
class Info:
    """A tooltip's or popup's content: a title and label/value rows."""

    title: str
    rows: Rows = ()

    @classmethod
    def kept(cls, title: str, rows) -> Info:
        """``title`` and the rows that have a value, as text."""
        return cls(title, tuple((str(k), str(v)) for k, v in rows if v not in (None, "")))


# --- Schematic placement -------------------------------------------------------------------

BASE_RING_DEG = 0.35  # ~18 px at province zoom; every base inside Chengdu, where the plan places them


def base_positions(center: tuple[float, float], n: int) -> list[tuple[float, float]]:
    """``n`` points (lon, lat) evenly on a ring around ``center`` (lon, lat), clockwise from
    north: where the five bases, which the plan places in Chengdu without sites, are drawn.
    Rounded to 1e-5 degree (about a metre: the ring is schematic)."""
    lon0, lat0 = center
    stretch = 1 / math.cos(math.radians(lat0))  # keep the ring round on a Mercator map
    return [
        (
            round(lon0 + BASE_RING_DEG * stretch * math.sin(2 * math.pi * i / n), 5),
            round(lat0 + BASE_RING_DEG * math.cos(2 * math.pi * i / n), 5),
        )
        for i in range(n)
    ]
