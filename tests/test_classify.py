"""Classification through mapclassify, colours, and the single-value case."""

import mapclassify
import numpy as np
import pytest

from geo.classify import class_colors, classify
from geo.data import load_indicators, load_prefectures
from geo.indicators import indicator_view, with_derived

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
    classes = class_colors(view, scheme="quantiles", k=5, bins=None, palette="YlGnBu", decimals=1)
    assert classes.single and sum(f is not None for f in classes.fills) == 1 and len(classes.legend) == 1
