"""Third-party internals live behind one module each and fail loudly when an upgrade moves them:
streamlit-folium's private helpers (``ui.component``), folium's template text
(``geo.layers.folium_source``) and the patch of folium's filters (``geo.layers.template_guard``)."""

from __future__ import annotations

import ast
from pathlib import Path

import folium
import folium.template
import pytest
import streamlit_folium as sf

from geo.layers.folium_source import FoliumChangedError, template_source
from geo.layers.template_guard import guard_templates
from ui import component

ROOT = Path(__file__).resolve().parent.parent


def test_the_installed_streamlit_folium_has_what_the_app_uses():
    component.check()
    for name in component.USED:
        assert callable(getattr(sf, name))


@pytest.mark.parametrize("name", list(component.USED))
def test_a_renamed_helper_stops_the_app(monkeypatch, name):
    monkeypatch.delattr(sf, name)
    with pytest.raises(RuntimeError, match=name):
        component.check()


def test_a_changed_helper_signature_stops_the_app(monkeypatch):
    monkeypatch.setattr(sf, "generate_leaflet_string", lambda m, nested=True, prefix="div": "")
    with pytest.raises(RuntimeError, match="other parameters"):
        component.check()


def test_the_component_takes_only_what_st_folium_sends():
    with pytest.raises(TypeError, match="wobble"):
        component.component(wobble=1)


def test_folium_templates_are_read_from_folium_itself():
    text = template_source(folium.GeoJson, "{{ this.get_name() }}_add({{ this.data|tojson }});")
    assert "{% macro script(this, kwargs) %}" in text
    with pytest.raises(FoliumChangedError, match="GeoJson"):
        template_source(folium.GeoJson, "a line folium never wrote")


def test_a_folium_without_the_patched_function_stops_the_maps(monkeypatch):
    monkeypatch.delattr(folium.template, "_to_escaped_json")
    with pytest.raises(FoliumChangedError):
        guard_templates()


def test_a_branca_that_renders_otherwise_stops_the_maps(monkeypatch):
    from branca.element import MacroElement

    monkeypatch.setattr(MacroElement, "render", lambda self, **kwargs: None)
    with pytest.raises(FoliumChangedError, match="branca"):
        guard_templates()


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
        elif isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
    return out


@pytest.mark.parametrize(
    ("library", "home"),
    [("streamlit_folium", {"ui/component.py"})],
)
def test_only_its_module_imports_the_library(library, home):
    users = {
        str(p.relative_to(ROOT))
        for folder in ("geo", "ui")
        for p in (ROOT / folder).rglob("*.py")
        if any(m == library or m.startswith(library + ".") for m in _imports(p))
    }
    users |= {"app_streamlit.py"} if library in _imports(ROOT / "app_streamlit.py") else set()
    assert users == home


def test_only_the_guard_and_the_source_reader_reach_into_folium_internals():
    """folium's private names (``_template`` text, ``_to_escaped_json``) and branca's compiled
    template modules are touched in the three modules that say so, nowhere else."""
    allowed = {"geo/layers/template_guard.py", "geo/layers/folium_source.py", "ui/component.py"}
    reach = ("_to_escaped_json", "getsourcefile", "._template.module", "sf._")
    users = {
        str(p.relative_to(ROOT))
        for folder in ("geo", "ui")
        for p in (ROOT / folder).rglob("*.py")
        if any(r in p.read_text(encoding="utf-8") for r in reach)
    }
    assert users <= allowed, users - allowed
