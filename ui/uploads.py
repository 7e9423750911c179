"""An uploaded table: parsed and merged once per file content, its outcome shown as plain text."""

from __future__ import annotations

import hashlib
import weakref

import streamlit as st

from geo.data.indicators import UPLOAD_PREFIX, bundled_twins, sum_to_prefectures
from geo.data.load import MapData
from geo.text.escape import markdown_text, plain_text
from geo.text.i18n import t
from geo.uploads.read import IndicatorTable, IndicatorTableError, Problem, Upload, read_upload


def first_read(raw: bytes, name: str) -> Upload:
    """The one read of an upload: its sheets (none for a CSV, or for a workbook refused) and its
    first sheet's table; pass it on to ``data_with_upload`` (as ``first``)."""
    return _read(hashlib.sha256(raw).hexdigest(), raw, name, None)


def data_with_upload(
    base: MapData,
    raw: bytes,
    name: str,
    sheet: str | None = None,
    *,
    store_state: tuple[str, int],
    first: Upload | None = None,
) -> tuple[MapData, IndicatorTable | Exception]:
    """``base`` (the bundled data with what the store at ``store_state``, a location and a
    publication stamp, published) plus the uploaded table (``sheet`` of a workbook, ``first``
    the file's ``first_read``; or ``base`` itself when the table is refused), and the parse
    outcome. The same content and store state give the same objects on every rerun
    and session, so the views cached on them are reused and memory stays flat; a new
    publication gives new ones."""
    digest = hashlib.sha256(raw).hexdigest()
    first = first or _read(digest, raw, name, None)  # a busy answer is not read twice in a run
    if sheet is not None and first.sheets[:1] != [sheet]:  # another sheet: read on its own
        read = _read(digest, raw, name, sheet)
    else:
        read, sheet = first, None
    if isinstance(read.outcome, IndicatorTableError):
        return base, read.outcome
    return _merged(digest, name, sheet, store_state, base, read.outcome)


def _read(digest: str, raw: bytes, name: str, sheet: str | None) -> Upload:
    """One confined read of the file (sheets and table); a "busy" answer is not kept."""
    try:
        return _cached_read(digest, raw, name, sheet)
    except _Busy as exc:
        return exc.upload


class _Busy(Exception):
    def __init__(self, upload: Upload):
        self.upload = upload


@st.cache_resource(max_entries=16, show_spinner=False)
def _cached_read(digest: str, _raw: bytes, name: str, sheet: str | None) -> Upload:
    upload = read_upload(_raw, name, sheet)
    problems = getattr(upload.outcome, "problems", [])
    if any(p.code == "busy" for p in problems):
        raise _Busy(upload)  # not cached: the next rerun tries again
    return upload


@st.cache_resource(max_entries=16, show_spinner=False)
def _merged(digest: str, name: str, sheet: str | None, store_state: tuple, _base: MapData, _table):
    """Keyed on everything the merge derives from: the file (``digest``, ``name``, ``sheet``)
    and the store's state (``store_state``), not on the file alone, or an upload would bring
    back the store as it was when the same file was first uploaded."""
    table = _table
    twins = bundled_twins(table.data, _base.indicators, _base.indicator_meta)
    if twins:  # the app's own download uploaded again: its bundled indicators are not added twice
        notes = [Problem(None, None, "same_as_bundled", {"name": n}) for n in twins]
        kept = table.data[~table.data["indicator"].isin(twins)].reset_index(drop=True)
        table = IndicatorTable(kept, notes + table.notes, table.level)
    return _base.with_upload(table.data), table


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
