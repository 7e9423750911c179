"""folium's template filters made inert: the one place that patches folium.

folium renders every element through one Jinja environment; its ``tojson`` filter reads the
JSON function from the environment's policies, and ``tojavascript`` encodes leaves with the
module function ``folium.template._to_escaped_json``. Both are pointed at ``geo.text.escape.inert_json``
(which never emits ``{``, ``}`` or ``%``), so data in any folium template can no longer open a
Jinja tag in branca's second rendering pass. ``guard_templates`` raises ``FoliumChangedError``
when folium no longer has what it patches, rather than leaving the maps unguarded. Written
against folium 0.20 (pinned in pyproject.toml).
"""

from __future__ import annotations

import folium.template

from geo.layers.folium_source import FoliumChangedError
from geo.text.escape import inert_json


def guard_templates() -> None:
    """Point folium's ``tojson`` and ``tojavascript`` filters at ``inert_json`` (idempotent)."""
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
