"""Streamlit UI: wires widgets to the `geo` library. Run with `make run`."""

from pathlib import Path

import streamlit as st
from streamlit_folium import st_folium

from geo.assets import ensure_static
from geo.i18n import pick, t
from geo.layout import resolve_reading
from geo.map import DEFAULT_LAYERS, LAYERS, build_map, load_map_data

APP_DIR = Path(__file__).resolve().parent

st.set_page_config(page_title="Sichuan software plan map", layout="wide")


@st.cache_resource
def _static_assets() -> Path:
    return ensure_static(APP_DIR / "static")


@st.cache_resource
def _map_data():
    return load_map_data()


_static_assets()
data = _map_data()
side = st.sidebar
lang = side.radio(
    "语言 / Language",
    ["zh", "en"],
    key="lang",
    horizontal=True,
    format_func=lambda v: {"zh": "中文", "en": "English"}[v],
)
side.subheader(t("layers", lang))
layers = [
    key for key in LAYERS if side.checkbox(t(key, lang), value=key in DEFAULT_LAYERS, key=f"layer_{key}")
]
readings = list(data.layout["readings"])
reading = side.selectbox(
    t("reading", lang),
    readings,
    key="reading",
    help=t("reading_help", lang),
    format_func=lambda k: pick(
        data.layout["readings"][k]["name_zh"], data.layout["readings"][k]["name_en"], lang
    ),
)

st.title(t("app_title", lang))
st_folium(
    build_map(data, layers=layers, lang=lang, reading=reading),
    key="map",
    height=680,
    use_container_width=True,
    returned_objects=[],
)
chosen = resolve_reading(data.layout, reading)
st.caption(f"{t('schematic', lang)} · {t('boundary_source', lang)}")
with st.expander(f"{t('interpretation', lang)}: {pick(chosen.name_zh, chosen.name_en, lang)}"):
    st.write(pick(chosen.note_zh, chosen.note_en, lang))
    st.markdown("\n".join(f"- {s}" for s in chosen.sources))
