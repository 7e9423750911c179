"""An uploaded table: parsed and merged once per file content, its outcome shown as plain text."""

from __future__ import annotations

import hashlib
import weakref

import streamlit as st

from geo.data import MapData
from geo.escape import markdown_text, plain_text
from geo.i18n import t
from geo.indicators import UPLOAD_PREFIX, bundled_twins, sum_to_prefectures
from geo.upload import IndicatorTable, IndicatorTableError, Problem, read_indicator_table, read_sheet_names


def data_with_upload(
    bundled: MapData, raw: bytes, name: str, sheet: str | None = None
) -> tuple[MapData, IndicatorTable | Exception]:
    """``bundled`` plus the uploaded table (``sheet`` of a workbook; or ``bundled`` itself when
    the table is refused), and the parse outcome. The same content gives the same objects on
    every rerun and session, so the views cached on them are reused and memory stays flat."""
    merged, outcome = _merged(hashlib.sha256(raw).hexdigest(), bundled, raw, name, sheet)
    return merged or bundled, outcome


@st.cache_resource(max_entries=16, show_spinner=False)
def workbook_sheets(digest: str, _raw: bytes, name: str) -> list[str]:
    """The sheets of an uploaded workbook (none for a CSV), read once per content."""
    try:
        return read_sheet_names(_raw, name)
    except IndicatorTableError:
        return []  # parsing reports what is wrong with the file


@st.cache_resource(max_entries=16, show_spinner=False)
def _merged(digest: str, _bundled: MapData, _raw: bytes, name: str, sheet: str | None):
    try:
        table = read_indicator_table(_raw, name, sheet)
    except IndicatorTableError as exc:
        return None, exc
    twins = bundled_twins(table.data, _bundled.indicators, _bundled.indicator_meta)
    if twins:  # the app's own download uploaded again: its bundled indicators are not added twice
        notes = [Problem(None, None, "same_as_bundled", {"name": n}) for n in twins]
        kept = table.data[~table.data["indicator"].isin(twins)].reset_index(drop=True)
        table = IndicatorTable(kept, notes + table.notes, table.level)
    return _bundled.with_upload(table.data), table


def new_indicators(outcome) -> list[str]:
    """The ids of the indicators an upload added (none for a refused table)."""
    if not isinstance(outcome, IndicatorTable):
        return []
    return [UPLOAD_PREFIX + name for name in dict.fromkeys(outcome.data["indicator"])]


_SUMMED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def data_with_sums(data: MapData, indicator: str) -> MapData:
    """``data`` plus ``indicator`` (a county indicator that adds up) summed to prefectures, under
    ``indicator + SUMMED``; one object per data set and indicator, so views stay cached."""
    per_data = _SUMMED.setdefault(data, {})
    if indicator not in per_data:
        per_data[indicator] = data.with_indicators(
            sum_to_prefectures(data.indicators, indicator, data.counties)
        )
    return per_data[indicator]


def show_outcome(outcome, lang: str, shown: str | None) -> None:
    """The upload's outcome where the reader is looking: at the top of the page, what was loaded
    and which indicator the map now shows (``shown``), or what is wrong; the details (each
    message once, in ``lang``, as plain text: no Markdown, no HTML) below; a line in the sidebar."""
    if isinstance(outcome, IndicatorTableError):
        st.sidebar.error(t("upload_bad_side", lang))
        st.error(t("upload_bad", lang))
        _details(outcome.problems, lang)
        return
    names = [markdown_text(n) for n in dict.fromkeys(outcome.data["indicator"])]  # Markdown below
    if not names:
        st.info(t("upload_nothing_new", lang))
    else:
        st.success(t("upload_loaded", lang, n=len(names), names=t("list_sep", lang).join(names)))
        if shown:
            st.caption(t("upload_shown", lang, name=markdown_text(shown)))
    st.sidebar.success(t("upload_ok", lang))
    st.sidebar.caption(t("upload_namespace", lang))
    if outcome.notes:
        with st.expander(t("upload_notes", lang)):
            _details(outcome.notes, lang)


def _details(problems, lang: str, limit: int = 50) -> None:
    lines = list(dict.fromkeys(plain_text(p.text(lang), limit=300) for p in problems))
    more = [t("upload_more", lang, n=len(lines) - limit)] if len(lines) > limit else []
    st.code("\n".join(lines[:limit] + more), language=None, wrap_lines=True)
