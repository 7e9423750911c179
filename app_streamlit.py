"""Streamlit UI: wires widgets to the `geo` library. Run with `make run`."""

import gc
import hashlib
import logging
import time
from pathlib import Path

import streamlit as st

from geo.assets import ensure_static
from geo.data.indicators import SUMMED, indicator_level, mappable_indicators
from geo.data.load import DataFileError, MapData, load_indicators, load_map_data
from geo.office import location as store_location
from geo.text.i18n import t
from geo.uploads.confined import warm_up
from ui import pages
from ui.exports import KEPT as EXPORT_CHOICES
from ui.plan_page import plan_page
from ui.sidebar import controls, go_to_prefecture, indicator_label, sheet_choice, upload
from ui.state import init_from_query, keep_widget_state, write_query
from ui.uploads import data_with_sums, data_with_upload, first_read, new_indicators, show_outcome

APP_DIR = Path(__file__).resolve().parent
log = logging.getLogger("sichuan_map")

st.set_page_config(page_title="Sichuan software plan map", layout="wide")


@st.cache_resource
def _static_assets() -> Path:
    return ensure_static(APP_DIR / "static")


@st.cache_resource
def _bundled_data() -> MapData:
    warm_up()  # the fork server of the uploads' confined reader (geo/uploads/confined.py) starts now
    return load_map_data()


@st.cache_resource(max_entries=2)
def _published_data(location: str, stamp: int) -> MapData:
    """The bundled data with the office's published values, as of publication ``stamp`` of the
    store at ``location``."""
    from geo.office import merge as office
    from geo.office import store

    published = office.read_published(location, store.configured())
    return office.with_published(_bundled_data(), load_indicators(), published)


@st.cache_resource
def _settled() -> bool:
    """Once per server process, after its first script run: every object alive then (the imported
    modules, the bundled data, the rendered map parts) is moved out of the garbage collector's
    reach. Streamlit collects garbage after every run (``runner.postScriptGC``), holding the GIL:
    over all those objects that took 0.2 s per run, during which the server sent nothing."""
    gc.collect()
    gc.freeze()
    return True


UNREACHABLE_RETRY_S = 15.0  # a store's server that did not answer is asked again after this


@st.cache_resource
def _unreachable() -> dict[str, float]:
    """When each store's server last failed to answer (time.monotonic), shared by the sessions."""
    return {}


NO_STORE = ("", 0)  # the store's state of the bundled data alone


def _with_store(bundled: MapData, notices) -> tuple[MapData, tuple[str, int]]:
    """The bundled data with what the office published, and the store's state it shows (its
    location and publication stamp; ``NO_STORE``: the bundled data alone); a store that cannot
    be read leaves the bundled data shown, with a warning (in ``notices``) saying why. A server
    that does not answer is not waited for again on every rerun."""
    from geo.office import merge as office
    from geo.office import store

    url = store.location()
    if time.monotonic() - _unreachable().get(url, -UNREACHABLE_RETRY_S) < UNREACHABLE_RETRY_S:
        notices.warning(t("store_unreachable", _lang()))
        return bundled, NO_STORE
    try:
        stamp = office.read_stamp(url, store.configured())
        return (_published_data(url, stamp), (url, stamp)) if stamp else (bundled, NO_STORE)
    except store.StoreError as exc:
        log.warning("data store: %s", store.masked(str(exc), url))
        if exc.code == "unreachable":
            _unreachable()[url] = time.monotonic()
        notices.warning(t(f"store_{exc.code}", _lang()))
    except Exception as exc:  # whatever the setting or the driver does, the app stays up
        log.warning("data store: %s: %s", type(exc).__name__, store.masked(str(exc), url)[:300])
        notices.warning(t("store_unusable", _lang()))
    return bundled, NO_STORE


def _guarded(page, lang: str):
    """Run ``page``; an unexpected error shows a short message, its details go to the server log."""

    def run():
        try:
            page()
        except Exception:
            log.exception("page failed")
            st.error(t("page_failed", lang))

    return run


def _lang() -> str:
    lang = st.session_state.get("lang") or st.query_params.get("lang", "zh")
    return lang if lang in ("zh", "en") else "zh"


def _show_new_upload(data: MapData, outcome, upload: str) -> str | None:
    """On the run an upload arrives, put its first indicator on the map as a choropleth (the
    widgets are drawn after this); the name of the indicator shown, or None."""
    added = new_indicators(outcome)
    if not added or st.session_state.get("_upload_shown") == upload:
        return None
    st.session_state["_upload_shown"] = upload
    st.session_state["indicator"] = added[0]
    st.session_state["layer_choropleth"] = True
    _open_on_counties(data, added[0])
    return indicator_label(data, added[0], _lang())


def _open_on_counties(data: MapData, indicator: str) -> None:
    """A county table opens on its area: drilled down into its prefecture when all its counties
    lie in one (the map moves there), with the place markers switched off so they cover none
    of its counties (the reader can switch them on again)."""
    if indicator_level(data.indicators, indicator, data.prefectures["adcode"]) != "county":
        return
    codes = data.indicators.loc[data.indicators["indicator"] == indicator, "adcode"]
    prefectures = set(data.counties.set_index("adcode").reindex(codes)["prefecture_adcode"].dropna())
    if len(prefectures) == 1:
        st.session_state["within"] = prefectures.pop()
        go_to_prefecture(data)
    st.session_state["layer_parks"] = st.session_state["layer_bases"] = False


# The pages: (url path, title key, function of (data, view, basemap key, first look)); the first
# is the default.
PAGES = (
    ("map", "page_map", pages.map_page),
    ("compare", "page_compare", lambda data, view, _key, _first_look: pages.compare_page(data, view)),
    ("plan", "page_plan", lambda data, view, _key, _first_look: plan_page(data, view)),
    ("sources", "page_sources", lambda data, view, _key, _first_look: pages.sources_page(data, view)),
)
SHOWN = ("data", "view", "key", "first_look")  # what the chosen page is given, in that order


def main() -> None:
    # What a run has to tell the reader goes at the top, into one slot that every run has, so
    # the page below keeps its place: an element that comes or goes above the map's frame made
    # the browser load the frame anew (the reader's zoom and centre lost).
    notices = st.container()
    try:
        _static_assets()
        data = _bundled_data()
    except (DataFileError, OSError) as exc:
        log.exception("start-up failed")
        st.error(f"{t('data_broken', _lang())} {exc}")
        st.stop()
    # no store: none of its modules imported
    data, store_state = _with_store(data, notices) if store_location.in_use() else (data, NO_STORE)
    keep_widget_state(EXPORT_CHOICES)  # the map's settings survive the pages that do not show them
    shown: dict = {}  # what the pages draw, set below before the chosen one runs
    entries = [
        st.Page(
            _guarded(lambda run=run: run(*(shown[k] for k in SHOWN)), _lang()),
            title=t(title, _lang()),
            url_path=path,
            default=i == 0,
        )
        for i, (path, title, run) in enumerate(PAGES)
    ]
    nav = st.navigation(entries)
    page = next(path for (path, _, _), entry in zip(PAGES, entries, strict=True) if entry is nav)
    # The map page sends its map before its controls (docs/PERFORMANCE.md), with the view the
    # session keeps (the link's and the defaults on a first look, else the widgets' values): on a
    # session's first look the browser fetches the map's code before that of a dozen kinds of
    # widget, and no file can have been uploaded yet; on a later run a changed layer leaves before
    # the sidebar is drawn again. The controls drawn after the map show the same view, or the
    # script runs again with theirs.
    map_first = page == "map"
    first_look = map_first and not st.session_state.get("_opened")
    st.session_state["_opened"] = True
    controls_box = st.sidebar.container()  # drawn above the upload widget, filled after it
    file = None if first_look else upload(_lang())
    if file is not None:
        raw = file.getvalue()
        digest = hashlib.sha256(raw).hexdigest()
        first = first_read(raw, file.name)  # the one read: sheets and first table
        sheet = sheet_choice(first.sheets, _lang())
        data, outcome = data_with_upload(data, raw, file.name, sheet, store_state=store_state, first=first)
        with notices:
            show_outcome(outcome, _lang(), _show_new_upload(data, outcome, f"{digest}:{sheet}"))
    ignored = init_from_query(
        readings=list(data.layout["readings"]),
        default_reading=data.layout["default_reading"],
        indicators=mappable_indicators(data.indicators),
        basemaps=list(data.basemaps),
    )
    view, basemap_key = controls(data, controls_box, None if map_first else page)
    if view.indicator.endswith(SUMMED):  # a county indicator the reader asked to sum to prefectures
        data = data_with_sums(data, view.indicator.removesuffix(SUMMED))
    if ignored:
        notices.warning(t("link_ignored", view.lang, names=", ".join(sorted(ignored))))
    shown.update(data=data, view=view, key=basemap_key, first_look=first_look)
    nav.run()
    if first_look:
        upload(_lang())
    if map_first and controls(data, controls_box, page) != (view, basemap_key):
        st.rerun()
    write_query(view)
    _settled()


main()
