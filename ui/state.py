"""The whole view lives in the URL query, so a link reproduces it."""

from __future__ import annotations

import streamlit as st

from geo.map import DEFAULT_LAYERS, LAYERS

# session key -> (query key, default); layer checkboxes are handled through "layers".
SCALARS = {
    "lang": "zh",
    "reading": "A",
    "indicator": "software_revenue_share",
    "indicator2": "land_area",
    "scheme": "quantiles",
    "k": 5,
    "palette": "YlGnBu",
    "basemap": "none",
    "bins": "",
    "sel": "",
}


def init_from_query(choices: dict[str, list]) -> None:
    """On a session's first run, put valid query values into session state (widget defaults)."""
    if st.session_state.get("_query_loaded"):
        return
    st.session_state["_query_loaded"] = True
    q = st.query_params
    for key, default in SCALARS.items():
        value = q.get(key, default)
        if isinstance(default, int):
            value = int(value) if str(value).isdigit() else default
        allowed = choices.get(key)
        st.session_state.setdefault(key, value if allowed is None or value in allowed else default)
    layers = q.get("layers")
    chosen = set(layers.split(",")) if layers is not None else set(DEFAULT_LAYERS)
    for layer in LAYERS:
        st.session_state.setdefault(f"layer_{layer}", layer in chosen)


def write_query() -> None:
    """Mirror the current view into the URL."""
    state = {k: str(st.session_state.get(k, d)) for k, d in SCALARS.items()}
    state["layers"] = ",".join(layer for layer in LAYERS if st.session_state.get(f"layer_{layer}"))
    if dict(st.query_params) != state:
        st.query_params.from_dict(state)
