"""The slide legend and the interactive legend say the same things, for every layer and language."""

from __future__ import annotations

import html
import re
from dataclasses import replace

import pytest

from geo.data.load import load_map_data
from geo.layers.elements import LayerLegend
from geo.map import build_map
from geo.render.static import draw_static
from geo.scene.view import MapView
from geo.text.i18n import t
from tests.layers.helpers import of_type

VIEWS = {
    "choropleth": MapView(layers=("prefectures", "choropleth"), indicator="gdp"),
    "single value": MapView(layers=("prefectures", "choropleth"), indicator="software_revenue_share"),
    "layout A": MapView(layers=("prefectures", "layout"), reading="A"),
    "layout C": MapView(layers=("prefectures", "layout"), reading="C"),
    "bases": MapView(layers=("prefectures", "bases")),
    "parks": MapView(layers=("prefectures", "parks")),
    "all": MapView(layers=("prefectures", "choropleth", "layout", "bases", "parks"), indicator="population"),
}


@pytest.fixture(scope="module")
def data():
    return load_map_data()


def _text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment)).strip()


def _interactive(data, view: MapView) -> tuple[list[str], list[str]]:
    """(title and entry labels of every legend, in order; the notes)."""
    labels, notes = [], []
    for legend in of_type(build_map(data, view), LayerLegend):
        labels.append(_text(re.search(r"<summary[^>]*>(.*?)</summary>", legend.html).group(1)))
        labels += [
            _text(s) for s in re.findall(r'<div class="sw-entry".*?<span>(.*?)</span></div>', legend.html)
        ]
        notes += [_text(n) for n in re.findall(r'<div class="sw-note"[^>]*>(.*?)</div>', legend.html)]
    return labels, notes


def _squeezed(text: str) -> str:
    """Text without its white space (a slide wraps between words and drops the space there)."""
    return "".join(text.split())


def _static(data, view: MapView) -> tuple[list[str], str]:
    fig = draw_static(data, view)
    labels = [t.get_text() for legend in fig.legends for t in legend.get_texts()]
    text = " ".join(t.get_text() for t in fig.texts)
    return labels, text


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", list(VIEWS))
def test_both_renderers_give_the_same_legend(data, name, lang):
    view = replace(VIEWS[name], lang=lang)
    labels, notes = _interactive(data, view)
    static_labels, static_text = _static(data, view)
    source = f"{t('source', lang)}:"
    # the slide's legend: the same titles, entries and notes (wrapped to fit), sources aside
    expected = labels + [n for n in notes if not n.startswith(source)]
    assert labels and sorted(_squeezed(x) for x in static_labels) == sorted(map(_squeezed, expected))
    flat = static_text.replace("\n", "")
    for note in notes:  # the sources go into the slide's source line
        if note.startswith(source):
            assert note.replace(" ", "") in flat.replace(" ", ""), note


def test_the_single_value_legend_names_its_area_and_caveat(data):
    labels, notes = _interactive(data, replace(VIEWS["single value"], lang="en"))
    # the plan is a draft for comment without publisher, address or date: a copy (†)
    assert "Chengdu City: 94.6 † % (2020)" in labels and any("basis" in n.lower() for n in notes)


@pytest.mark.parametrize("indicator", ["gdp", "population", "gdp_per_capita"])
def test_legend_sources_are_short_names_not_addresses(data, indicator):
    _, notes = _interactive(data, MapView(layers=("choropleth",), indicator=indicator, lang="en"))
    (source,) = [n for n in notes if n.startswith("Source:")]
    assert "http" not in source.split("computed")[0] and len(source) < 600
