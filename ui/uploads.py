"""An uploaded table: parsed and merged once per file content, its outcome shown as plain text."""

from __future__ import annotations

import hashlib

import streamlit as st

from geo.data import MapData
from geo.escape import plain_text
from geo.i18n import t
from geo.upload import IndicatorTable, IndicatorTableError, parse_indicator_table


def data_with_upload(bundled: MapData, raw: bytes, name: str) -> tuple[MapData, IndicatorTable | Exception]:
    """``bundled`` plus the uploaded table (or ``bundled`` itself when the table is refused),
    and the parse outcome. The same content gives the same objects on every rerun and session,
    so the views cached on them are reused and memory stays flat."""
    merged, outcome = _merged(hashlib.sha256(raw).hexdigest(), bundled, raw, name)
    return merged or bundled, outcome


@st.cache_resource(max_entries=16, show_spinner=False)
def _merged(digest: str, _bundled: MapData, _raw: bytes, name: str):
    try:
        table = parse_indicator_table(_raw, name)
    except IndicatorTableError as exc:
        return None, exc
    return _bundled.with_upload(table.data), table


def show_outcome(outcome, lang: str) -> None:
    """The upload's outcome in the sidebar, as plain text (no Markdown, no HTML)."""
    if isinstance(outcome, IndicatorTableError):
        st.sidebar.error(t("upload_bad", lang))
        st.sidebar.code("\n".join(plain_text(p, limit=300) for p in outcome.problems[:50]), language=None)
        return
    st.sidebar.success(t("upload_ok", lang))
    st.sidebar.caption(t("upload_namespace", lang))
    if outcome.notes:
        st.sidebar.code("\n".join(plain_text(n, limit=300) for n in outcome.notes[:50]), language=None)
