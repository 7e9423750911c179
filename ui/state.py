"""The whole view lives in the URL query, so a link reproduces it.

Values from the URL are untrusted: ``geo.scene.view.MapView.from_query`` keeps the valid ones and
replaces the rest by defaults (the page says which), so a crafted link never breaks a page.
"""

from __future__ import annotations

from dataclasses import fields

import streamlit as st

from geo.data.names import prefecture_records
from geo.scene.view import LAYERS, MapView

# session keys that are not options of the view
EXTRA = {"indicator1": "", "indicator2": "land_area", "sel": ""}
# every option of the view, each under its own name (layers: one checkbox per layer)
VIEW_KEYS = tuple(f.name for f in fields(MapView) if f.name != "layers")


def init_from_query(
    *, readings: list[str], default_reading: str, indicators: list[str], basemaps
) -> list[str]:
    """On a session's first run, put the URL's valid values into session state (widget defaults);
    returns the names of the URL values that were ignored."""
    if st.session_state.get("_query_loaded"):
        return []
    st.session_state["_query_loaded"] = True
    query = {k: st.query_params.get(k) for k in st.query_params}
    view, ignored = MapView.from_query(query, readings=readings, indicators=indicators, basemaps=basemaps)
    state = {**view.form_values(), "reading": view.reading or default_reading}
    for key in VIEW_KEYS:
        st.session_state.setdefault(key, state[key])
    for layer in LAYERS:
        st.session_state.setdefault(f"layer_{layer}", layer in view.layers)
    extra = {"indicator1": indicators, "indicator2": indicators, "sel": list(prefecture_records())}
    for key, default in EXTRA.items():
        value = query.get(key, default)
        if value not in extra[key] and value != default:
            ignored.append(key)
            value = default
        st.session_state.setdefault(key, value)
    return ignored


def keep_widget_state(others: tuple[str, ...] = ()) -> None:
    """Keep the view's values (and ``others``) while a page or a folded area that does not draw
    their widgets is shown: Streamlit forgets a widget's value on a run that does not draw it,
    unless the value is set again before any widget is drawn (its documented remedy)."""
    for key in (*VIEW_KEYS, *(f"layer_{layer}" for layer in LAYERS), "tianditu_key", *others):
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def write_query(view: MapView) -> None:
    """Mirror ``view`` into the URL through its own serialiser (``MapView.to_query``), with the
    pages' keys that are not options of a view (the compared indicators, the selection)."""
    state = {**view.to_query(), **{k: str(st.session_state.get(k) or "") for k in EXTRA}}
    if dict(st.query_params) != state:
        st.query_params.from_dict(state)
