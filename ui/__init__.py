"""Streamlit helpers of the app (the only place besides app_streamlit.py that imports streamlit)."""
