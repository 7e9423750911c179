"""Tables on screen."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.tables import neutralise_formulas

GAP = "—"  # a missing value, as every table shows it


def show_table(frame: pd.DataFrame, *, column_config: dict | None = None) -> None:
    """A table whose toolbar download (CSV) is safe to open in a spreadsheet: text cells that a
    spreadsheet would run as formulas are shown, and downloaded, with a leading apostrophe.
    A missing value reads "—" (numbers stay numbers, so columns still sort): the grid draws its
    ``placeholder`` in an empty cell, whatever the styler's text for it ("None" by default)."""
    shown = neutralise_formulas(frame).style.format(_number, na_rep=GAP)
    st.dataframe(shown, hide_index=True, width="stretch", column_config=column_config, placeholder=GAP)


def _number(value):
    """A number as given (no padding to six decimals), with thousands separators."""
    return f"{value:,.12g}" if isinstance(value, float) else value
