"""Smoke tests of the Streamlit app with AppTest (no browser)."""

from streamlit.testing.v1 import AppTest

from tests.conftest import APP


def _app() -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    assert not at.exception
    return at


def test_app_starts_and_shows_the_title():
    at = _app()
    assert "四川" in at.title[0].value


def test_language_switch_changes_labels():
    at = _app()
    at.radio(key="lang").set_value("en").run()
    assert not at.exception
    assert "Sichuan" in at.title[0].value
