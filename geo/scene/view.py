"""The view: every option that says what a map shows, in one frozen dataclass.

``MapView`` holds the defaults and validates each option (one ``ValueError`` that names the
valid choices); ``MapView.from_query`` reads a URL query and keeps every valid value, falling
back to the default for anything else, so a crafted link never breaks a page.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace

from geo.data.change import CENTRES, MEASURES, ChangeError, parse_change
from geo.scene.classify import DIVERGING
from geo.scene.classify import PALETTES as _PALETTE_MAPS
from geo.scene.classify import SCHEMES as _SCHEMES

LAYERS = ("prefectures", "choropleth", "layout", "bases", "parks")
DEFAULT_LAYERS = ("prefectures", "layout", "bases", "parks")
LANGS = ("zh", "en")
LEVELS = ("prefecture", "county")
MAX_TITLE = 200
SCHEMES = _SCHEMES
PALETTES = (*_PALETTE_MAPS, *DIVERGING)
BREAKS = ("pooled", "per_year")
_NUM = r"-?\d{1,3}(?:\.\d{1,6})?"
_EXTENT = re.compile(rf"province|chengdu-plain|51\d\d00|{_NUM},{_NUM},{_NUM},{_NUM}")
K_RANGE = (2, 7)
MAX_BINS = 12


class ViewError(ValueError):
    """An option of the view is not valid; the message names the valid choices."""


def parse_k(value: object) -> int:
    """The number of classes from ``value`` (int or text of ASCII digits), within ``K_RANGE``."""
    text = str(value).strip()
    if not (text.isascii() and text.isdigit()) or not K_RANGE[0] <= int(text) <= K_RANGE[1]:
        raise ViewError(
            f"classes must be a whole number from {K_RANGE[0]} to {K_RANGE[1]}, not {text[:20]!r}"
        )
    return int(text)


def parse_bins(value: object) -> tuple[float, ...] | None:
    """Class upper bounds from a list or a comma-separated text: finite, increasing, at most
    ``MAX_BINS``. Empty means none."""
    if value is None:
        return None
    items = value.replace("，", ",").split(",") if isinstance(value, str) else list(value)
    items = [x for x in items if str(x).strip()]
    if not items:
        return None
    try:
        bins = tuple(float(str(x).strip()) for x in items)
    except ValueError:
        raise ViewError("class bounds must be numbers separated by commas, e.g. 1000, 5000, 20000") from None
    if len(bins) > MAX_BINS:
        raise ViewError(f"at most {MAX_BINS} class bounds")
    if not all(math.isfinite(b) for b in bins) or any(b >= c for b, c in itertools.pairwise(bins)):
        raise ViewError("class bounds must be finite numbers in increasing order, e.g. 1000, 5000, 20000")
    return bins


def _number_text(value: float) -> str:
    """The shortest text that reads back as ``value`` (1000, 2.5, 1e+20)."""
    short = f"{value:g}"
    return short if float(short) == value else repr(value)


def parse_bool(value: object) -> bool:
    """A switch from a bool or its text in a URL or on the command line (true/false, 1/0, on/off)."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().casefold()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off"):
        return False
    raise ViewError(f"a switch is true or false, not {text[:20]!r}")


def _choice(name: str, value: object, choices) -> None:
    if value not in choices:
        raise ViewError(f"unknown {name} {str(value)[:40]!r}: choose one of {', '.join(map(str, choices))}")


@dataclass(frozen=True)
class MapView:
    """What a map shows. Data-dependent choices (reading, indicator, year, basemap) are checked
    against the loaded data by ``checked``; the rest on construction."""

    # ``help`` is the command line's help text (``geo.cli``); ``choices`` names where the valid
    # values come from when they depend on the loaded data.
    layers: tuple[str, ...] = field(
        default=DEFAULT_LAYERS, metadata={"help": f"comma-separated, from {','.join(LAYERS)}"}
    )
    lang: str = field(default="zh", metadata={"help": "language of every word on the map"})
    level: str = field(default="prefecture", metadata={"help": "areas of the choropleth"})
    reading: str | None = field(
        default=None,
        metadata={"help": "layout reading (default: the layout's default)", "choices": "readings"},
    )
    indicator: str = field(
        default="software_revenue_share",
        metadata={
            "help": "indicator of the choropleth (an uploaded one by its name)",
            "choices": "indicators",
        },
    )
    year: str | None = field(
        default=None, metadata={"help": "indicator year (default: the year with values for the most areas)"}
    )
    scheme: str = field(default="quantiles", metadata={"help": "classification"})
    k: int = field(default=5, metadata={"help": f"number of classes, {K_RANGE[0]} to {K_RANGE[1]}"})
    bins: tuple[float, ...] | None = field(
        default=None, metadata={"help": "class upper bounds for user_defined, e.g. 100,1000,5000"}
    )
    palette: str = field(default="YlGnBu", metadata={"help": "colour palette"})
    within: str | None = field(
        default=None, metadata={"help": "a prefecture's adcode: its counties only (county level)"}
    )
    breaks: str = field(
        default="pooled",
        metadata={"help": "class bounds of an indicator with several years: pooled over them, or per_year"},
    )
    change: str | None = field(
        default=None,
        metadata={
            "help": "a change between two years instead of one year's level, e.g. 2020:2024 "
            "(areas with both years on the same basis only)"
        },
    )
    measure: str = field(
        default="percent",
        metadata={"help": "measure of a change: percent, absolute, or cagr (compound annual growth)"},
    )
    centre: str = field(
        default="zero",
        metadata={"help": "centre of a change map's diverging colours: zero, or the province's change"},
    )
    basemap: str = field(default="none", metadata={"help": "tiles under the map", "choices": "basemaps"})
    title: str | None = field(default=None, metadata={"help": "title of the map (slides, exported pages)"})
    subtitle: str | None = field(default=None, metadata={"help": "a line under the title of a slide"})
    note: str | None = field(default=None, metadata={"help": "a note at the foot of a slide"})
    extent: str = field(
        default="province",
        metadata={
            "help": "what a slide shows: province, chengdu-plain, a prefecture's adcode (e.g. 510100) "
            "or a box lon0,lat0,lon1,lat1"
        },
    )
    labels: bool = field(default=True, metadata={"help": "names of prefectures and places on the map"})

    def __post_init__(self):
        layers = tuple(self.layers)
        unknown = [x for x in layers if x not in LAYERS]
        if unknown:
            shown = ", ".join(str(x)[:40] for x in unknown)
            raise ViewError(f"unknown layer(s) {shown}: choose from {', '.join(LAYERS)}")
        object.__setattr__(self, "layers", tuple(x for x in LAYERS if x in layers))
        _choice("language", self.lang, LANGS)
        _choice("level", self.level, LEVELS)
        for name in ("title", "subtitle", "note"):
            text = getattr(self, name)
            if text == "":  # no text is no title (a link or a form gives "")
                object.__setattr__(self, name, None)
            elif text is not None and len(str(text)) > MAX_TITLE:
                raise ViewError(f"the {name} is {len(str(text)):,} characters long; the limit is {MAX_TITLE}")
        if not _EXTENT.fullmatch(str(self.extent)):
            shown = str(self.extent)[:40]
            raise ViewError(
                f"extent {shown!r}: use province, chengdu-plain, a prefecture's adcode such as 510100, "
                "or a box lon0,lat0,lon1,lat1 in Sichuan"
            )
        _choice("classification", self.scheme, SCHEMES)
        _choice("palette", self.palette, PALETTES)
        _choice("class bounds", self.breaks, BREAKS)
        _choice("measure", self.measure, MEASURES)
        _choice("centre", self.centre, CENTRES)
        try:
            object.__setattr__(self, "change", parse_change(self.change))
        except ChangeError as exc:
            raise ViewError(str(exc)) from None
        if self.within is not None and not re.fullmatch(r"51\d\d00", str(self.within)):
            raise ViewError(
                f"within must be a Sichuan prefecture's adcode such as 510100, not {str(self.within)[:20]!r}"
            )
        object.__setattr__(self, "k", parse_k(self.k))
        object.__setattr__(self, "labels", parse_bool(self.labels))
        object.__setattr__(self, "bins", parse_bins(self.bins))
        if self.year is not None:
            object.__setattr__(self, "year", str(self.year))

    def checked(self, *, readings=(), indicators=(), basemaps=()) -> MapView:
        """``self`` after checking the data-dependent options against the given choices."""
        if readings and self.reading is not None:
            _choice("reading", self.reading, list(readings))
        if indicators:
            _choice("indicator", self.indicator, list(indicators))
        if basemaps:
            _choice("basemap", self.basemap, list(basemaps))
        return self

    def form_values(self) -> dict[str, object]:
        """Each field as a form holds it: numbers and switches typed, the rest as URL text."""
        text = self.to_query()
        return {
            f.name: getattr(self, f.name) if f.type in ("int", "bool") else text[f.name] for f in fields(self)
        }

    def to_query(self) -> dict[str, str]:
        """URL query values (text); default values included so a link is explicit."""
        q = {f.name: getattr(self, f.name) for f in fields(self)}
        q["layers"] = ",".join(self.layers)
        q["bins"] = ",".join(map(_number_text, self.bins)) if self.bins else ""
        q.update(
            {f.name: "true" if getattr(self, f.name) else "false" for f in fields(self) if f.type == "bool"}
        )
        return {k: "" if v is None else str(v) for k, v in q.items()}

    @classmethod
    def from_query(cls, query: Mapping[str, str], **choices) -> tuple[MapView, list[str]]:
        """The view a URL asks for, and the names of the values that were ignored as invalid.

        ``choices`` are those of ``checked`` (readings, indicators, basemaps).
        """
        view, ignored = cls(), []
        for f in fields(cls):
            if f.name not in query:
                continue
            raw = str(query[f.name])
            value: object = tuple(x for x in raw.split(",") if x) if f.name == "layers" else raw
            if f.default is None and not raw:  # an optional option left empty: unset
                value = None
            try:
                view = replace(view, **{f.name: value}).checked(**choices)
            except (ViewError, ValueError, TypeError):
                ignored.append(f.name)
        return view, ignored


# the fixed choices of each option; data-dependent ones are checked by ``MapView.checked``
CHOICES = {
    "layers": LAYERS,
    "lang": LANGS,
    "level": LEVELS,
    "scheme": SCHEMES,
    "palette": PALETTES,
    "breaks": BREAKS,
    "measure": MEASURES,
    "centre": CENTRES,
}
