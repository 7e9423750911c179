"""Classes and colours of a choropleth: mapclassify's schemes, colour-blind-safe palettes.

Quantiles, equal intervals and user-defined bounds are computed here with numpy exactly as
mapclassify computes them (a test compares the two on arbitrary data); mapclassify itself, which
pulls in SciPy and scikit-learn (~1.2 s), is imported only for natural breaks (Fisher–Jenks).
"""

from __future__ import annotations

import json
import math
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd

# Our scheme names; mapclassify.classify knows them all but one, which is an alias.
SCHEMES = ("quantiles", "natural_breaks", "equal_interval", "user_defined")
_ALIASES = {"natural_breaks": "fisher_jenks"}  # optimal Jenks: deterministic

# Sequential palettes that stay ordered for the common colour-vision deficiencies.
PALETTES = {
    "YlGnBu": "YlGnBu",
    "Blues": "Blues",
    "Oranges": "Oranges",
    "viridis": "viridis_r",
    "cividis": "cividis_r",
}
# Diverging palettes for change maps (ColorBrewer's colour-blind-safe ones): the low end for
# decline, the high end for growth, their pale middle at the centre.
DIVERGING = {"RdBu": "RdBu", "PuOr": "PuOr", "BrBG": "BrBG"}
SINGLE_COLOR = "#0072B2"
# Equal intervals overflow when the range exceeds the largest float: values beyond 2**56 are
# classified at a smaller scale (a power of two, so every scheme's classes are the same).
_LARGEST = 2.0**56


@dataclass(frozen=True)
class Classified:
    """What a classifier gives: the values, the classes' upper bounds, each value's class and
    the count per class (mapclassify's ``y``, ``bins``, ``yb``, ``counts``)."""

    y: np.ndarray
    bins: np.ndarray
    yb: np.ndarray
    counts: np.ndarray


def classify(values, scheme: str, *, k: int = 5, bins: list[float] | None = None) -> Classified:
    """Classify the non-missing ``values`` with one of ``SCHEMES``."""
    if scheme not in SCHEMES:
        raise ValueError(f"unknown scheme {scheme!r}: choose one of {', '.join(SCHEMES)}")
    y = np.asarray(values, dtype=float)
    if not np.isfinite(y).all():
        raise ValueError("values to classify must be finite numbers")
    if (scale := _scale(y)) != 1.0:  # bounds found at a smaller scale, classes in the values' own
        scaled = None if bins is None else [float(b) / scale for b in bins]
        upper = np.minimum(classify(y / scale, scheme, k=k, bins=scaled).bins * scale, y.max())
        upper[-1] = y.max()  # the tiniest values may have lost digits at that scale
        return _binned(y, np.unique(upper))
    if scheme == "user_defined":
        if not bins:
            raise ValueError("user_defined needs bins, e.g. bins=[100, 1000, 5000]")
        upper = np.array(sorted(float(b) for b in bins))
        if upper[-1] < y.max():
            upper = np.append(upper, y.max())
        return _binned(y, upper)
    k = min(k, len(np.unique(y)))
    if scheme == "quantiles":
        width = 100.0 / k
        pct = np.arange(width, 100 + width, width)
        pct[-1] = min(pct[-1], 100.0)
        ordered = np.sort(y)
        # a weighted mean of two equal values can come out a bit above them: never above the largest
        return _binned(y, np.unique(np.minimum([_score_at(ordered, p) for p in pct], ordered[-1])))
    if scheme == "equal_interval":
        low, high = y.min(), y.max()
        width = (high - low) / k
        cuts = np.arange(low + width, high + width, width)[:k] if width else np.array([high])
        cuts[-1] = high
        return _binned(y, cuts)
    return _natural_breaks(y, k)


def _natural_breaks(y: np.ndarray, k: int) -> Classified:
    """Fisher–Jenks (mapclassify) on the values mapped onto [0, 1]: it works in float32, where
    values far apart in magnitude would collapse. The optimal classes do not change under that
    mapping; each class's upper bound is its largest original value."""
    import mapclassify  # natural breaks only

    z = (y - y.min()) / (y.max() - y.min())
    with warnings.catch_warnings():  # FisherJenks is fast enough on a few hundred values without numba
        warnings.filterwarnings("ignore", message="Numba not installed")
        c = mapclassify.classify(z, _ALIASES["natural_breaks"], k=min(k, len(np.unique(z))))
    classes = np.unique(c.yb)  # classes that kept a value
    yb = np.searchsorted(classes, np.asarray(c.yb))
    bins = np.array([y[yb == i].max() for i in range(len(classes))])
    return Classified(y, bins, yb, np.bincount(yb, minlength=len(classes)))


def _scale(y: np.ndarray) -> float:
    largest = float(np.abs(y).max()) if y.size else 0.0
    return 1.0 if largest <= _LARGEST else 2.0 ** math.ceil(math.log2(largest / _LARGEST))


def _score_at(ordered: np.ndarray, percent: float) -> float:
    """The ``percent`` percentile of sorted values as SciPy's ``scoreatpercentile`` (which
    mapclassify uses) computes it, to the last bit: a weighted mean of the two neighbours."""
    idx = percent / 100.0 * (len(ordered) - 1)
    i = int(idx)
    if i == idx:
        return float(ordered[i])
    weights = np.array([(i + 1) - idx, idx - i])
    return float(np.add.reduce(ordered[i : i + 2] * weights) / weights.sum())


def _binned(y: np.ndarray, bins: np.ndarray) -> Classified:
    """Each value's class: the first upper bound it does not exceed (mapclassify's ``bin1d``)."""
    yb = np.minimum(np.searchsorted(bins, y, side="left"), len(bins) - 1)
    return Classified(y, bins, yb, np.bincount(yb, minlength=len(bins)))


def palette_colors(name: str, k: int) -> list[str]:
    """``k`` colours of a palette, from 0.2 to 0.95 of its range: matplotlib's ``cmap(x)``,
    read from its lookup table in ``data/palettes.json`` (no import of matplotlib)."""
    if name not in PALETTES and name not in DIVERGING:
        raise ValueError(f"unknown palette {name!r}: choose one of {', '.join(PALETTES)}")
    lut = _palette_tables()[{**PALETTES, **DIVERGING}[name]]
    n = len(lut)  # matplotlib: x * N truncated, 1.0 on the last entry
    return [lut[min(int(x * n), n - 1)] for x in np.linspace(0.2, 0.95, k)]


@cache
def _palette_tables() -> dict[str, list[str]]:
    from geo.paths import PALETTES_JSON

    return json.loads(PALETTES_JSON.read_text(encoding="utf-8"))


def palette_tables() -> dict[str, list[str]]:
    """Each palette's colour lookup table as matplotlib has it (what ``data/palettes.json``
    holds: ``python -c "import geo.scene.classify as c; c.write_palette_tables()"`` writes it)."""
    from matplotlib import colormaps
    from matplotlib.colors import to_hex

    tables = {}
    for cmap_name in [*PALETTES.values(), *DIVERGING.values()]:
        cmap = colormaps[cmap_name]
        tables[cmap_name] = [to_hex(c) for c in cmap(np.arange(cmap.N))]
    return tables


def write_palette_tables() -> None:
    """Write ``data/palettes.json`` from matplotlib (after a palette is added to ``PALETTES``)."""
    from geo.paths import PALETTES_JSON

    PALETTES_JSON.write_text(json.dumps(palette_tables(), separators=(",", ":")) + "\n", encoding="utf-8")


@dataclass(frozen=True)
class Classes:
    """Colours of the areas (None = no data) and the legend classes (colour, label)."""

    fills: list[str | None]
    legend: list[tuple[str, str]]
    single: bool


def class_colors(
    view: pd.DataFrame,
    *,
    scheme: str,
    k: int,
    bins: list[float] | None,
    palette: str,
    fmt: Callable,
    whole: bool = False,
) -> Classes:
    """Colour each row of ``view`` by class; a lone value gets one highlight colour, not a ramp.
    ``fmt`` writes a value for the legend's labels (``geo.text.i18n.meta_number``). With ``whole``
    (counts: every value a whole number) the classes read "74 – 283", "284 – 500": whole bounds,
    each class starting one above the last one's end, the same classes as the fractional bounds."""
    has = view["value"].notna().to_numpy()
    fills: list[str | None] = [None] * len(view)
    if has.sum() == 1:
        i = int(np.flatnonzero(has)[0])
        fills[i] = SINGLE_COLOR
        label = f"{fmt(view['value'].iloc[i])} ({view['year'].iloc[i]})"
        return Classes(fills, [(SINGLE_COLOR, label)], True)
    classifier = classify(view.loc[has, "value"], scheme, k=k, bins=bins)
    colors = palette_colors(palette, len(classifier.bins))
    for i, c in zip(np.flatnonzero(has), classifier.yb, strict=True):
        fills[i] = colors[c]
    upper = classifier.bins
    lower = [float(classifier.y.min()), *upper[:-1]]
    if whole and np.all(np.mod(classifier.y, 1) == 0):
        upper = np.floor(upper)  # a whole value is at most b exactly when it is at most floor(b)
        lower = [float(classifier.y.min()), *(upper[:-1] + 1)]
    legend = [
        (color, f"{fmt(lo)} – {fmt(hi)} ({n})")
        for lo, hi, color, n in zip(lower, upper, colors, classifier.counts, strict=True)
    ]
    return Classes(fills, legend, False)


def diverging_classify(values, scheme: str, *, k: int = 5, bins=None, centre: float = 0.0) -> Classified:
    """``classify`` with ``centre`` added as a bound where the values lie on both sides of it, so
    that no class holds both a fall and a rise (a change map centred on zero, or on the
    province's own change)."""
    base = classify(values, scheme, k=k, bins=bins)
    upper = base.bins
    if base.y.min() < centre < base.y.max() and centre not in upper:
        upper = np.sort(np.append(upper, centre))
    return _binned(base.y, upper)


def diverging_colors(name: str, upper, centre: float) -> list[str]:
    """One colour per class of upper bounds ``upper``: classes at or below ``centre`` from the
    palette's low half (the furthest darkest), those above from its high half."""
    if name not in DIVERGING:
        raise ValueError(f"unknown diverging palette {name!r}: choose one of {', '.join(DIVERGING)}")
    lut = _palette_tables()[DIVERGING[name]]
    below = int(np.sum(np.asarray(upper) <= centre))
    above = len(upper) - below

    def take(x) -> str:
        return lut[min(int(x * len(lut)), len(lut) - 1)]

    low = [0.3] if below == 1 else np.linspace(0.05, 0.4, below)
    high = [0.7] if above == 1 else np.linspace(0.6, 0.95, above)
    return [take(x) for x in [*low[:below], *high[:above]]]


def diverging_class_colors(
    view: pd.DataFrame, *, scheme: str, k: int, bins, palette: str, centre: float, fmt: Callable
) -> Classes:
    """``class_colors`` for a change: classes split at ``centre``, a diverging palette."""
    has = view["value"].notna().to_numpy()
    fills: list[str | None] = [None] * len(view)
    if has.sum() == 0:
        return Classes(fills, [], False)
    if has.sum() == 1:
        i = int(np.flatnonzero(has)[0])
        value = float(view["value"].iloc[i])
        fills[i] = diverging_colors(palette, [value], centre)[0]
        return Classes(fills, [(fills[i], fmt(value))], True)
    classifier = diverging_classify(view.loc[has, "value"], scheme, k=k, bins=bins, centre=centre)
    colors = diverging_colors(palette, classifier.bins, centre)
    for i, c in zip(np.flatnonzero(has), classifier.yb, strict=True):
        fills[i] = colors[c]
    lower = [float(classifier.y.min()), *classifier.bins[:-1]]
    legend = [
        (color, f"{fmt(lo)} – {fmt(hi)} ({n})")
        for lo, hi, color, n in zip(lower, classifier.bins, colors, classifier.counts, strict=True)
        if n
    ]
    return Classes(fills, legend, False)


def class_scheme(
    table: pd.DataFrame,
    indicator: str,
    codes,
    *,
    scheme: str,
    k: int,
    bins,
    breaks: str = "pooled",
    scale: float = 1.0,
) -> tuple[str, list[float] | None]:
    """The scheme and bounds that classify one year of ``indicator`` over the areas ``codes``.
    With ``breaks="pooled"`` and several years, the bounds are computed once over all its years,
    so a colour means the same value in every year; "per_year" classifies each year alone.
    ``bins`` are given in the unit the reader sees, ``scale`` times the data's
    (``geo.text.i18n.unit_scale``: billions of yuan in English for 亿元)."""
    bins = [float(b) / scale for b in bins] if bins else None
    if breaks != "pooled" or scheme == "user_defined":
        return scheme, bins
    rows = table[(table["indicator"] == indicator) & table["adcode"].isin(set(codes))].dropna(
        subset=["value"]
    )
    if rows["year"].nunique() < 2 or rows["value"].nunique() < 2:
        return scheme, bins
    return "user_defined", [float(b) for b in classify(rows["value"], scheme, k=k).bins]
