"""The export area's slide description: shown when asked (a code box loads Streamlit's 1.5 MB
syntax highlighter in the browser), read from a memo on a new session, still the description of
the view shown (``geo.scene.build.build_scene`` is the oracle)."""

from dataclasses import replace

from streamlit.testing.v1 import AppTest

from geo.data.load import load_map_data
from geo.scene.build import build_scene
from geo.scene.view import MapView
from tests.conftest import APP


def _description(app: AppTest) -> str:
    return app.main.code[0].value


def _opened() -> AppTest:
    app = AppTest.from_file(str(APP), default_timeout=90).run()
    assert not app.exception and not app.main.code  # no code box (and no highlighter) on the open
    app.session_state["export_open"] = True  # the reader opens the export area
    app.run()
    app.toggle(key="show_description").set_value(True).run()
    return app


def test_each_session_shows_its_view_s_description_and_follows_a_change():
    first = _opened()
    again = _opened()  # a new session: from the memo
    data = load_map_data()
    zh = build_scene(data, replace(MapView(lang="zh"), basemap="none")).description
    assert _description(first) == _description(again) == zh
    again.radio(key="lang").set_value("en").run()
    again.session_state["export_open"] = True  # the area's label changed with the language: folded
    again.run()
    en = build_scene(data, replace(MapView(lang="en"), basemap="none")).description
    assert _description(again) == en != zh


def test_the_embed_snippet_is_shown_when_asked():
    app = _opened()
    app.toggle(key="show_embed").set_value(True).run()
    assert any("<iframe" in c.value and "sichuan-software-map.html" in c.value for c in app.main.code)


def _keyed(node) -> list[tuple[str, str]]:
    """(type, key) of every keyed element under ``node``."""
    children = getattr(node, "children", None)
    out = []
    for child in children.values() if isinstance(children, dict) else []:
        if getattr(child, "key", None):
            out.append((child.type, child.key))
        out += _keyed(child)
    return out


def test_every_choice_in_the_area_is_kept_while_it_is_folded():
    """Each choice the opened area draws (its buttons aside) is one of the view's values or one
    of the area's own (``ui.exports.KEPT``): folding the area forgets none of them."""
    from ui.exports import KEPT
    from ui.state import VIEW_KEYS

    app = AppTest.from_file(str(APP), default_timeout=90).run()
    app.session_state["export_open"] = True
    app.run()
    (area,) = [e for e in app.main.expander if e.label == "导出与嵌入"]
    choices = {key for kind, key in _keyed(area) if kind != "download_button"}
    assert {"slide_extent", "title", "show_embed"} <= choices  # the walk found the area's widgets
    assert choices <= set(KEPT) | set(VIEW_KEYS), choices - set(KEPT) - set(VIEW_KEYS)
