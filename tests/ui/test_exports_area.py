"""The export area's slide description: read from a memo on a new session's open, still the
description of the view shown (``geo.scene.build_scene`` is the oracle)."""

from dataclasses import replace

from streamlit.testing.v1 import AppTest

from geo.data import load_map_data
from geo.scene import build_scene
from geo.view import MapView
from tests.conftest import APP


def _description(app: AppTest) -> str:
    return app.main.code[0].value


def test_each_session_shows_its_view_s_description_and_follows_a_change():
    first = AppTest.from_file(str(APP), default_timeout=90).run()
    again = AppTest.from_file(str(APP), default_timeout=90).run()  # a new session: from the memo
    assert not first.exception and not again.exception
    data = load_map_data()
    zh = build_scene(data, replace(MapView(lang="zh"), basemap="none")).description
    assert _description(first) == _description(again) == zh
    again.radio(key="lang").set_value("en").run()
    en = build_scene(data, replace(MapView(lang="en"), basemap="none")).description
    assert _description(again) == en != zh
