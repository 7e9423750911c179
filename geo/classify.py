"""Classes and colours of a choropleth: mapclassify's schemes, colour-blind-safe palettes.

mapclassify is imported on first use (it pulls in SciPy and scikit-learn: ~2 s).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

from geo.i18n import fmt_value

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
SINGLE_COLOR = "#0072B2"


def classify(values, scheme: str, *, k: int = 5, bins: list[float] | None = None):
    """Classify the non-missing ``values`` with ``mapclassify.classify``; returns the classifier."""
    if scheme not in SCHEMES:
        raise ValueError(f"unknown scheme {scheme!r}: choose one of {', '.join(SCHEMES)}")
    import mapclassify

    y = np.asarray(values, dtype=float)
    if scheme == "user_defined":
        if not bins:
            raise ValueError("user_defined needs bins, e.g. bins=[100, 1000, 5000]")
        return mapclassify.classify(y, "user_defined", bins=sorted(bins))
    with warnings.catch_warnings():  # FisherJenks is fast enough on a few hundred values without numba
        warnings.filterwarnings("ignore", message="Numba not installed")
        return mapclassify.classify(y, _ALIASES.get(scheme, scheme), k=min(k, len(np.unique(y))))


def palette_colors(name: str, k: int) -> list[str]:
    from matplotlib import colormaps
    from matplotlib.colors import to_hex

    if name not in PALETTES:
        raise ValueError(f"unknown palette {name!r}: choose one of {', '.join(PALETTES)}")
    cmap = colormaps[PALETTES[name]]
    return [to_hex(cmap(x)) for x in np.linspace(0.2, 0.95, k)]


@dataclass(frozen=True)
class Classes:
    """Colours of the areas (None = no data) and the legend classes (colour, label)."""

    fills: list[str | None]
    legend: list[tuple[str, str]]
    single: bool


def class_colors(
    view: pd.DataFrame, *, scheme: str, k: int, bins: list[float] | None, palette: str, decimals: int
) -> Classes:
    """Colour each row of ``view`` by class; a lone value gets one highlight colour, not a ramp."""
    has = view["value"].notna().to_numpy()
    fills: list[str | None] = [None] * len(view)
    if has.sum() == 1:
        i = int(np.flatnonzero(has)[0])
        fills[i] = SINGLE_COLOR
        label = f"{fmt_value(view['value'].iloc[i], decimals)} ({view['year'].iloc[i]})"
        return Classes(fills, [(SINGLE_COLOR, label)], True)
    classifier = classify(view.loc[has, "value"], scheme, k=k, bins=bins)
    colors = palette_colors(palette, len(classifier.bins))
    for i, c in zip(np.flatnonzero(has), classifier.yb, strict=True):
        fills[i] = colors[c]
    lower = [float(classifier.y.min()), *classifier.bins[:-1]]
    legend = [
        (color, f"{fmt_value(lo, decimals)} – {fmt_value(hi, decimals)} ({n})")
        for lo, hi, color, n in zip(lower, classifier.bins, colors, classifier.counts, strict=True)
    ]
    return Classes(fills, legend, False)
