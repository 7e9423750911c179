"""Tables on screen."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.tables import neutralise_formulas


def show_table(frame: pd.DataFrame) -> None:
    """A table whose toolbar download (CSV) is safe to open in a spreadsheet: text cells that a
    spreadsheet would run as formulas are shown, and downloaded, with a leading apostrophe."""
    st.dataframe(neutralise_formulas(frame), hide_index=True, width="stretch")
