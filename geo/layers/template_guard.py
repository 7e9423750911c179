"""folium's templates made inert: the one place that patches folium (and branca, its renderer).

folium renders every element through one Jinja environment; its ``tojson`` filter reads the
JSON function from the environment's policies, and ``tojavascript`` encodes leaves with the
module function ``folium.template._to_escaped_json``. Both are pointed at ``geo.text.escape.inert_json``
(which never emits ``{``, ``}`` or ``%``), so data in any folium template can no longer open a
Jinja tag.

branca then compiled each element's rendered output as a Jinja template of its own and rendered
it again (``MacroElement.render``): a second pass over text that is already final, a fifth of an
export's drawing time. ``render_once`` puts each part in the page as the text it is. So data has
one pass to survive, not two, and both guards hold on their own.

``guard_templates`` raises ``FoliumChangedError`` when folium or branca no longer has what it
patches, rather than leaving the maps unguarded. Written against folium 0.20 and branca 0.8
(pinned in pyproject.toml).
"""

from __future__ import annotations

import folium.template
from branca.element import Element, Figure, MacroElement

from geo.layers.folium_source import FoliumChangedError
from geo.text.escape import inert_json


def guard_templates() -> None:
    """Point folium's ``tojson`` and ``tojavascript`` filters at ``inert_json`` and branca's
    ``MacroElement.render`` at ``render_once`` (idempotent; branca's own is kept as
    ``BRANCA_RENDER``)."""
    env = folium.template.Template("").environment
    if "tojson" not in env.filters or "tojavascript" not in env.filters:
        raise FoliumChangedError("folium's template filters changed: update geo/layers/template_guard.py")
    if not callable(getattr(folium.template, "_to_escaped_json", None)):
        raise FoliumChangedError(
            "folium.template has no _to_escaped_json: update geo/layers/template_guard.py"
        )
    env.policies["json.dumps_function"] = inert_json
    env.policies["json.dumps_kwargs"] = {"sort_keys": True}
    folium.template._to_escaped_json = inert_json
    if MacroElement.render is render_once:
        return
    if not set(MacroElement.render.__code__.co_names) >= _BRANCA_READS:
        raise FoliumChangedError("branca's MacroElement.render changed: update geo/layers/template_guard.py")
    MacroElement.render = render_once


BRANCA_RENDER = MacroElement.render  # branca's own, two passes (the tests' reference)
# what branca 0.8's MacroElement.render reads: render_once does the same with them
_BRANCA_READS = {"get_root", "_template", "header", "html", "script", "_children"}


class Rendered(Element):
    """A part of the page already rendered: written as the text it is, not compiled again."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def render(self, **kwargs) -> str:
        return self.text


def render_once(self, **kwargs) -> None:
    """branca's ``MacroElement.render`` (0.8) with each macro's output added as ``Rendered`` text
    instead of as a new template."""
    figure = self.get_root()
    if not isinstance(figure, Figure):
        raise TypeError("You cannot render this Element if it is not in a Figure.")
    macros = self._template.module.__dict__
    for part in ("header", "html", "script"):
        if part in macros:
            getattr(figure, part).add_child(Rendered(macros[part](self, kwargs)), name=self.get_name())
    for element in self._children.values():
        element.render(**kwargs)
