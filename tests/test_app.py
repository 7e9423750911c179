"""The Streamlit app with AppTest (no browser): every control, no exception."""

import pytest
from streamlit.testing.v1 import AppTest

from geo.map import LAYERS
from tests.conftest import APP


@pytest.fixture
def at() -> AppTest:
    app = AppTest.from_file(str(APP), default_timeout=60)
    app.run()
    assert not app.exception
    return app


def test_app_starts_and_shows_the_title(at):
    assert "四川" in at.title[0].value


def test_language_switch_changes_labels(at):
    at.radio(key="lang").set_value("en").run()
    assert not at.exception
    assert "Sichuan" in at.title[0].value
    assert at.checkbox(key="layer_parks").label == "Parks and zones"


@pytest.mark.parametrize("layer", LAYERS)
def test_each_layer_toggles(at, layer):
    at.checkbox(key=f"layer_{layer}").uncheck().run()
    assert not at.exception
    at.checkbox(key=f"layer_{layer}").check().run()
    assert not at.exception


@pytest.mark.parametrize("reading", ["A", "B", "C"])
def test_each_layout_reading(at, reading):
    at.selectbox(key="reading").set_value(reading).run()
    assert not at.exception
    assert f"{reading}" in at.expander[0].label
