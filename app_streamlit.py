"""Streamlit UI: wires widgets to the `geo` library. Run with `make run`."""

from pathlib import Path

import streamlit as st
from streamlit_folium import st_folium

from geo.assets import ensure_static
from geo.data import load_prefectures
from geo.i18n import t
from geo.map import build_map

APP_DIR = Path(__file__).resolve().parent

st.set_page_config(page_title="Sichuan software plan map", layout="wide")


@st.cache_resource
def _static_assets() -> Path:
    return ensure_static(APP_DIR / "static")


@st.cache_data
def _prefectures():
    return load_prefectures()


_static_assets()
lang = st.sidebar.radio(
    "语言 / Language",
    ["zh", "en"],
    key="lang",
    format_func=lambda v: {"zh": "中文", "en": "English"}[v],
    horizontal=True,
)
st.title(t("app_title", lang))
st_folium(
    build_map(_prefectures(), lang=lang),
    key="map",
    height=640,
    use_container_width=True,
    returned_objects=[],
)
st.caption(f"{t('schematic', lang)} · {t('boundary_source', lang)}")
