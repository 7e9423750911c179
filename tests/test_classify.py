"""Classification through mapclassify, colours, and the single-value case."""

import warnings

import mapclassify
import numpy as np
import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from geo.data.indicators import indicator_view, with_derived
from geo.data.load import load_indicators, load_prefectures
from geo.scene.classify import class_colors, classify

VALUES = np.array([3.0, 7.5, 1.2, 9.9, 4.4, 4.4, 12.0, 0.5, 6.1, 8.8, 2.2, 5.0])


@pytest.mark.parametrize(
    ("scheme", "cls"),
    [
        ("quantiles", mapclassify.Quantiles),
        ("natural_breaks", mapclassify.FisherJenks),
        ("equal_interval", mapclassify.EqualInterval),
    ],
)
def test_classification_equals_mapclassify(scheme, cls):
    ours = classify(VALUES, scheme, k=4)
    theirs = cls(VALUES, k=4)
    assert np.allclose(ours.bins, theirs.bins) and list(ours.yb) == list(theirs.yb)


def test_user_defined_bins():
    ours = classify(VALUES, "user_defined", bins=[10, 2, 5])
    assert list(ours.yb) == list(mapclassify.UserDefined(VALUES, bins=[2, 5, 10]).yb)
    with pytest.raises(ValueError, match="needs bins"):
        classify(VALUES, "user_defined")


def test_unknown_scheme():
    with pytest.raises(ValueError, match="unknown scheme 'jenks'"):
        classify(VALUES, "jenks")


def test_single_value_is_not_stretched_over_a_ramp():
    prefs = load_prefectures()
    view = indicator_view(with_derived(load_indicators(), prefs), "software_revenue_share", prefs)
    assert view["value"].notna().sum() == 1 and view.loc[view["adcode"] == "510100", "rank"].iloc[0] == 1
    classes = class_colors(view, scheme="quantiles", k=5, bins=None, palette="YlGnBu", fmt=str)
    assert classes.single and sum(f is not None for f in classes.fills) == 1 and len(classes.legend) == 1


@settings(max_examples=300, deadline=None)
@example(values=[0.0, 14.0, 13.333, 13.333, 13.333], k=3, scheme="quantiles")  # SciPy's rounding
@example(values=[0.0, 1.0, 2.520381038246788e-308, 2.520381038246788e-308], k=2, scheme="quantiles")
@given(
    values=st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=2, max_size=60),
    k=st.integers(2, 7),
    scheme=st.sampled_from(["quantiles", "equal_interval", "user_defined"]),
)
def test_our_light_schemes_equal_mapclassifys(values, k, scheme):
    """Quantiles, equal intervals and user bounds computed without mapclassify give its classes."""
    y = np.asarray(values)
    assume(len(np.unique(y)) >= 2)  # mapclassify refuses a single value; ours gives one class
    if scheme == "user_defined":
        bounds = sorted(set(np.percentile(y, [30, 60]).round(3)))
        ours = classify(y, scheme, bins=bounds)
        theirs = mapclassify.classify(y, "user_defined", bins=bounds)
    else:
        kk = min(k, len(np.unique(y)))
        ours = classify(y, scheme, k=k)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            theirs = mapclassify.classify(y, scheme, k=kk)
    assert np.allclose(ours.bins, theirs.bins)
    assert ours.yb.tolist() == np.asarray(theirs.yb).tolist()
    assert ours.counts.tolist() == np.asarray(theirs.counts).tolist()


@settings(max_examples=300, deadline=None)
@example(values=[-1.7e308, 1.7e308, 0.0], k=3, scheme="equal_interval")  # the width overflowed
@example(values=[1e20, -1e20, 0.0, 5.0], k=3, scheme="natural_breaks")  # float32 squares overflowed
@example(values=[0.0, 1.0, 5.570806350982729e16, 5.570806350982729e16, 5.570806350982729e16], k=3,
         scheme="quantiles")  # a weighted mean of equal values came out above them  # fmt: skip
@given(
    values=st.lists(st.floats(allow_nan=False, allow_infinity=False), min_size=2, max_size=40),
    k=st.integers(2, 7),
    scheme=st.sampled_from(["quantiles", "equal_interval", "natural_breaks"]),
)
def test_any_finite_values_are_classified(values, k, scheme):
    """Every finite value gets a class whose upper bound it does not exceed and whose lower
    neighbour's it does; the bounds are finite, increasing and end at the largest value."""
    y = np.asarray(values)
    assume(len(np.unique(y)) >= 2)
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)  # an overflow is a failure, not noise
        c = classify(y, scheme, k=k)
    assert np.isfinite(c.bins).all() and (np.diff(c.bins) >= 0).all()
    assert c.bins[-1] == y.max() and c.counts.sum() == len(y)
    for value, cls in zip(y, c.yb, strict=True):
        assert value <= c.bins[cls] and (cls == 0 or value > c.bins[cls - 1])


@pytest.mark.parametrize("k", range(2, 13))
def test_palette_colours_are_matplotlib_s_without_importing_it(k):
    from matplotlib import colormaps
    from matplotlib.colors import to_hex

    from geo.scene.classify import PALETTES, palette_colors

    for name, cmap_name in PALETTES.items():
        theirs = [to_hex(colormaps[cmap_name](x)) for x in np.linspace(0.2, 0.95, k)]
        assert palette_colors(name, k) == theirs, (name, k)
