"""Streamlit's floor: a one-line app. Its open time, measured in the same run as the app's,
is what no Streamlit app can beat on this machine (``python -m bench``)."""

import streamlit as st

st.title("Streamlit floor")
