"""The one escaping module: each function's promise, for any text, and folium's templates guarded."""

import json
from functools import partial

import folium
import pytest
from branca.element import MacroElement
from folium.template import Template
from hypothesis import example, given
from hypothesis import strategies as st

import geo.layers  # noqa: F401  (importing the layers guards folium's templates)
from geo.layers import template_guard
from geo.text.escape import BIDI_CONTROLS, formula_safe, html_text, inert_json, markdown_text, plain_text
from tests.hostile import MARKER, PAYLOADS

JINJA_OPENERS = ("{{", "{%", "{#")


@given(st.text())
def test_html_text_leaves_no_markup_no_template_and_no_js_interpolation(text):
    out = html_text(text)
    for ch in "<>\"'{}`$\\":
        assert ch not in out


def _shown(value):
    """``value`` as a reader is shown it: every text without bidirectional controls (inert_json
    drops them, as every escape does)."""
    if isinstance(value, str):
        return "".join(ch for ch in value if ch not in BIDI_CONTROLS)
    if isinstance(value, list):
        return [_shown(v) for v in value]
    if isinstance(value, dict):
        return {_shown(k): _shown(v) for k, v in value.items()}
    return value


@given(
    st.recursive(st.none() | st.booleans() | st.floats(allow_nan=False) | st.text(), lambda c: st.lists(c))
)
def test_inert_json_round_trips_and_opens_no_tag(value):
    out = inert_json(value)
    assert json.loads(out) == _shown(value)
    assert not any(o in out for o in JINJA_OPENERS) and "</" not in out and "%" not in out


@given(st.dictionaries(st.text(), st.text()))
@example({"\u202a": ""})  # a key that is only a bidi control (found by hypothesis)
def test_inert_json_objects_keep_their_structure(value):
    out = inert_json(value)
    assert json.loads(out) == _shown(value) and not any(o in out for o in JINJA_OPENERS)


def test_markdown_text_shows_an_image_link_as_text():
    out = markdown_text(PAYLOADS["markdown_image"])
    assert out.replace("\u2060", "") == r"\!\[m\]\(http\:\/\/example\.invalid\/m\.png\)"
    assert "http\\:\u2060" in out  # no autolink either (tests/browser/test_security_browser.py)
    assert markdown_text("a\u202eb") == "ab"  # no bidi override


def test_plain_text_flattens_and_cuts():
    assert plain_text("a\n b\u202e", limit=10) == "a b"
    assert plain_text("x" * 20, limit=10) == "x" * 9 + "…"


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", PAYLOADS["formula"]])
def test_formula_cells_get_an_apostrophe(cell):
    assert formula_safe(cell) == "'" + cell
    assert formula_safe(12) == 12 and formula_safe("成都") == "成都"


def _render(element_factory) -> str:
    m = folium.Map(tiles=None)
    element_factory(m)
    return m.get_root().render()


def test_a_rendered_part_is_not_rendered_again():
    """What an element's template produced is put in the page as it is: branca compiled it as a
    template of its own and ran it again (``geo.layers.template_guard.render_once``)."""

    class Literal(MacroElement):
        _template = Template(
            "{% macro script(this, kwargs) %}{% raw %}var x = '{{ 7*7 }}';{% endraw %}{% endmacro %}"
        )

    html = _render(lambda m: m.add_child(Literal()))
    assert "var x = '{{ 7*7 }}';" in html and "var x = '49'" not in html


def test_one_pass_draws_the_page_branca_s_two_passes_drew(monkeypatch):
    """The default export, rendered once, is byte for byte what branca's own two passes give (its
    data has no braces a second pass could read)."""
    from geo.data.load import load_map_data
    from geo.export import html_document
    from geo.map import build_map

    build = partial(build_map, load_map_data())
    once = html_document(build)
    monkeypatch.setattr(MacroElement, "render", template_guard.BRANCA_RENDER)
    assert html_document(build) == once


@pytest.mark.parametrize("name", ["jinja_expr", "jinja_block", "jinja_comment", "jinja_rce"])
def test_folium_templates_never_evaluate_data(name, no_marker):
    """A raw payload in folium's own templates (layer control names, GeoJSON properties, tile URL
    options) stays text: guard_templates makes its tojson/tojavascript output inert."""
    payload = PAYLOADS[name]

    def build(m):
        group = folium.FeatureGroup(name=payload).add_to(m)
        folium.GeoJson(
            {
                "type": "Feature",
                "properties": {"name": payload},
                "geometry": {"type": "Point", "coordinates": [104, 30]},
            }
        ).add_to(group)
        folium.TileLayer("http://x/{z}/{x}/{y}.png", attr="a", name="t", subdomains=payload).add_to(m)
        folium.LayerControl().add_to(m)

    html = _render(build)
    assert "x49y" not in html and not MARKER.exists()
    assert inert_json(payload) in html  # the layer name, literally, as a JSON string
