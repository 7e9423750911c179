"""Streamlit UI: wires widgets to the `geo` library. Run with `make run`."""

from pathlib import Path

import streamlit as st

from geo.assets import ensure_static
from geo.i18n import t
from geo.indicators import mappable_indicators
from geo.map import load_map_data
from ui import pages
from ui.sidebar import controls, upload
from ui.state import init_from_query, write_query

APP_DIR = Path(__file__).resolve().parent

st.set_page_config(page_title="Sichuan software plan map", layout="wide")


@st.cache_resource
def _static_assets() -> Path:
    return ensure_static(APP_DIR / "static")


@st.cache_resource
def _bundled_data():
    return load_map_data()


_static_assets()
data = _bundled_data()
controls_box = st.sidebar.container()  # drawn above the upload widget, filled after it
first_lang = st.session_state.get("lang") or st.query_params.get("lang", "zh")
uploaded = upload(first_lang if first_lang in ("zh", "en") else "zh")
if uploaded is not None:
    data = data.with_indicators(uploaded)  # a copy: the bundled data stay as they are
init_from_query(
    {
        "lang": ["zh", "en"],
        "reading": list(data.layout["readings"]),
        "basemap": list(data.basemaps),
        "indicator": mappable_indicators(data.indicators),
        "indicator2": mappable_indicators(data.indicators),
    }
)
options = controls(data, controls_box)
lang = options["lang"]
nav = st.navigation(
    [
        st.Page(
            lambda: pages.map_page(data, options), title=t("page_map", lang), url_path="map", default=True
        ),
        st.Page(lambda: pages.compare_page(data, options), title=t("page_compare", lang), url_path="compare"),
        st.Page(lambda: pages.sources_page(data, options), title=t("page_sources", lang), url_path="sources"),
    ]
)
nav.run()
write_query()
