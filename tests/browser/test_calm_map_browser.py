"""A calm map (issue: clicks that answer where they land): a reader clicks every prefecture in
turn — at its seat city, then inside it — without resetting anything, and each click opens that
prefecture's panel while the map stays exactly where it was; map and legend fit one screen.

The oracle is the data, not the app: the seat cities (GeoNames) and a point inside each polygon
(shapely), and the map's own centre and zoom read before and after."""

from __future__ import annotations

import io
import re

import pytest
from playwright.sync_api import expect
from pptx import Presentation

from geo.data.load import load_map_data
from geo.scene.build import label_point
from geo.text.i18n import t
from tests.browser.conftest import VIEW_RESETS, choose, idle, map_frame, offline
from tests.browser.test_read_and_click import _CLICK, _FRAME_POINT, MAP, _open

CHOROPLETH = "layers=prefectures,choropleth,layout,bases,parks&indicator=gdp"
_VIEW = f"[{MAP}.getCenter().lat, {MAP}.getCenter().lng, {MAP}.getZoom()]"


def _journey() -> list[tuple[str, float, float]]:
    """Every seat in adcode order, then every interior point in reverse order, as (adcode, lon,
    lat); each click selects another prefecture than the one before."""
    data = load_map_data()
    codes = list(data.prefectures["adcode"])
    shapes = data.prefectures.set_index("adcode").geometry
    seats = [(c, *data.seats[c]) for c in codes]
    inside = [(c, *label_point(shapes[c])) for c in reversed(codes)]
    return seats + inside[1:] + inside[:1]


def _click_at(page, frame, lon: float, lat: float) -> None:
    """A real click (mousedown, mouseup, click) on whatever is drawn at (lon, lat)."""
    frame.evaluate(_CLICK, frame.evaluate(_FRAME_POINT, [lat, lon]))


def _panel_of(page, adcode: str) -> None:
    """Wait for the panel heading of ``adcode`` (its heading ends with the code)."""
    page.get_by_role("heading").filter(has_text=f"({adcode})").first.wait_for(timeout=30_000)


# Each pair of (language, screen, view) levels is met (a pairwise cover of the 8 combinations).
@pytest.mark.parametrize(
    ("lang", "size", "query"),
    [
        ("zh", (1366, 768), ""),
        ("en", (1366, 768), CHOROPLETH),
        ("en", (1920, 1080), ""),
        ("zh", (1920, 1080), CHOROPLETH),
    ],
)
def test_every_click_opens_its_panel_and_the_map_stays(browser, app_url, lang, size, query):
    with offline(browser, *size) as page:
        frame = _open(page, f"{app_url}/?lang={lang}&{query}")
        before = frame.evaluate(_VIEW)
        for adcode, lon, lat in _journey():
            _click_at(page, frame, lon, lat)
            _panel_of(page, adcode)
            page.wait_for_function(f"location.search.includes('sel={adcode}')", timeout=30_000)
            after = frame.evaluate(_VIEW)
            assert after == pytest.approx(before, abs=1e-9), f"the map moved after a click in {adcode}"
            assert frame.locator(".leaflet-popup").count() == 0, f"a popup opened in {adcode}"
        assert page.blocked.urls == []


def test_a_marker_click_shows_its_place_in_the_panel(offline_page, app_url):
    """Deyang's seat carries a city designation: a click there selects Deyang and shows the
    designation's own details beside it, with no popup and no move."""
    page = offline_page
    data = load_map_data()
    frame = _open(page, f"{app_url}/?lang=en")
    before = frame.evaluate(_VIEW)
    parks = data.parks[data.parks["prefecture_adcode"] == "510600"]
    at_seat = parks[(parks["lon"].astype(float) - data.seats["510600"][0]).abs() < 0.05]
    assert len(at_seat), "the data moved: no place of Deyang near its seat"
    row = at_seat.iloc[0]
    _click_at(page, frame, float(row["lon"]), float(row["lat"]))
    _panel_of(page, "510600")
    # its Chinese name, a row of its details for English readers (the English title is written
    # with a word joiner after the colon, so Markdown never reads it as a link)
    page.get_by_text(row["name_zh"]).filter(visible=True).first.wait_for(timeout=30_000)
    assert frame.evaluate(_VIEW) == pytest.approx(before, abs=1e-9)
    assert frame.locator(".leaflet-popup").count() == 0


@pytest.mark.parametrize(
    ("lang", "more"), [("zh", ""), ("en", ""), ("en", "&change=2020:2023")], ids=["zh", "en", "change"]
)
def test_map_and_legend_fit_one_screen(browser, app_url, lang, more):
    """The title, the map and its legends on the first screen of a laptop, a change map too (its
    answer goes under the map)."""
    with offline(browser, 1366, 768) as page:
        frame = _open(page, f"{app_url}/?lang={lang}&{CHOROPLETH}{more}")
        box = frame.frame_element().bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= 768, box
        dock = frame.locator(".sw-legends")
        dock.wait_for()
        inner = dock.bounding_box()  # in the page's coordinates, as every box here
        assert inner["y"] + inner["height"] <= 768 + 1, inner
        assert inner["x"] > 0, "the legends sit beside the map"
        map_box = frame.locator("#map_div").bounding_box()
        assert map_box["x"] + map_box["width"] <= inner["x"] + 1, "a legend covers the map"
        opened = frame.evaluate("[...document.querySelectorAll('.sw-legend > details')].map(d => d.open)")
        assert opened and all(opened), "legends beside the map are open"
        heading = page.locator("h1").first.bounding_box()
        assert heading["y"] >= 0 and heading["y"] + heading["height"] <= box["y"]


# Every vertex of the areas each map of a page draws, in the map's pixels: those outside the map
# or under one of its controls (zoom, "whole province", scale bar, attribution) are counted.
_COVERED = """() => Object.keys(window).filter(k => k.startsWith('map_')).map(k => {
    const m = window[k], box = m.getContainer().getBoundingClientRect(), size = m.getSize();
    const controls = [...m.getContainer().querySelectorAll('.leaflet-control')].map(e => {
        const r = e.getBoundingClientRect();
        return [r.left - box.left, r.top - box.top, r.right - box.left, r.bottom - box.top]; });
    let covered = 0, all = 0;
    const walk = a => { if (Array.isArray(a)) return a.forEach(walk); if (!a || a.lat === undefined) return;
        const p = m.latLngToContainerPoint(a); all++;
        if (p.x < 0 || p.y < 0 || p.x > size.x || p.y > size.y
            || controls.some(r => p.x >= r[0] && p.x <= r[2] && p.y >= r[1] && p.y <= r[3])) covered++; };
    m.eachLayer(l => { if (l.feature && l.getLatLngs) walk(l.getLatLngs()); });
    return [covered, all]; })"""


@pytest.mark.parametrize("size", [(1366, 768), (1024, 768)], ids=["laptop", "narrow"])
@pytest.mark.parametrize("path", ["", "compare"], ids=["map", "compare"])
def test_no_control_covers_the_province_when_a_map_opens(browser, app_url, size, path):
    """Each map opens on the whole province with no part of it under a control or beyond its
    edge, the two maps of the comparison too (they are wider than high: fitted to their height,
    the province's north-west ran under the zoom buttons)."""
    with offline(browser, *size) as page:
        if path:
            page.goto(f"{app_url}/{path}?lang=en")
            frame = map_frame(page, 42)
        else:
            frame = _open(page, f"{app_url}/?lang=en&{CHOROPLETH}")
        frame.wait_for_function(
            "Object.keys(window).some(k => k.startsWith('map_') && window[k].getSize().x > 0)"
        )
        page.wait_for_timeout(1_000)  # the comparison's legends below its maps, each fitted again
        counts = frame.evaluate(_COVERED)
        assert counts and all(n > 1000 and covered == 0 for covered, n in counts), counts


def test_the_map_is_fitted_once_when_the_app_opens(browser, app_url):
    """The app's map takes the legends' dock's room before it draws its areas, so they are not
    drawn a second time when the first legend arrives."""
    with offline(browser, 1366, 768) as page:
        page.context.add_init_script(VIEW_RESETS)  # in the map's frame too
        frame = _open(page, f"{app_url}/?lang=en&{CHOROPLETH}")
        frame.locator(".sw-legend").first.wait_for()
        resets = frame.evaluate("window.__resets")
        assert resets and resets == [0] * len(resets), resets


def test_a_new_palette_redraws_the_areas_once(browser, app_url):
    """A palette changed on a map whose one legend is the choropleth's: the legend is replaced in
    place. The dock keeps its room through the swap, so the map is not resized and fitted again
    twice (its legend gone, then back), and only the new layer's areas are drawn."""
    with offline(browser, 1366, 768) as page:
        page.context.add_init_script(VIEW_RESETS)
        frame = _open(page, f"{app_url}/?lang=en&layers=prefectures,choropleth&indicator=gdp&palette=Blues")
        legend = frame.locator(".sw-legend")
        legend.first.wait_for()
        before = legend.first.inner_html()
        width = frame.evaluate(f"{MAP}.getSize().x")
        frame.evaluate("window.__resets = []")
        idle(page)
        _choose(page, "Palette", 2)
        frame.wait_for_function("h => document.querySelector('.sw-legend').innerHTML !== h", arg=before)
        idle(page)
        assert frame.evaluate("window.__resets") == []
        assert frame.evaluate(f"{MAP}.getSize().x") == width and legend.count() == 1


def test_a_notice_above_the_map_keeps_the_map_and_the_reader_s_view(offline_page, app_url):
    """A search that finds nothing says so above the map, and the next change takes the notice
    away: the map's frame stays the same page throughout, with the reader's zoom and centre (an
    element coming or going above the frame made the browser load it anew)."""
    page = offline_page
    frame = _open(page, f"{app_url}/?lang=en")
    frame.evaluate(f"window.__kept = 1; {MAP}.setView([30.66, 104.07], 9)")  # the reader zooms in
    idle(page)
    find = page.locator('[data-testid="stMain"] input').first
    find.fill("xyzzy")
    find.press("Enter")
    notice = page.get_by_text(t("find_none", "en"))
    notice.wait_for()
    idle(page)
    page.locator(SIDEBAR).get_by_text(t("parks", "en"), exact=True).click()
    expect(notice).to_have_count(0)
    idle(page)
    frame = map_frame(page, 21)
    assert frame.evaluate("window.__kept") == 1
    assert frame.evaluate(f"{MAP}.getZoom()") == 9


SIDEBAR = 'section[data-testid="stSidebar"]'


def _no_error(page, lang: str, after: str) -> None:
    idle(page)
    for text in (t("page_failed", lang), "Traceback", "ViewError"):
        assert page.get_by_text(text).count() == 0, f"{text!r} shown after {after}"


def _choose(page, label: str, index: int = 1) -> None:
    """Open the selectbox labelled ``label`` and choose its option ``index``."""
    choose(page, page.get_by_label(label, exact=True), page.get_by_role("option").nth(index))


def test_after_a_language_switch_every_control_still_works(offline_page, app_url):
    """The slide's extent chosen in Chinese, the language switched, then every control of the
    map page changed in turn: no page fails (Streamlit keeps a choice as its label)."""
    page = offline_page
    _open(page, f"{app_url}/?lang=zh")
    page.get_by_text(t("export", "zh")).click()
    _choose(page, t("slide_extent", "zh"), 2)  # a prefecture
    _no_error(page, "zh", "the slide's extent")
    page.locator(SIDEBAR).get_by_text("English", exact=True).click()
    _no_error(page, "en", "the language switch")
    for layer in ("choropleth", "parks", "layout", "bases", "prefectures", "labels"):
        page.locator(SIDEBAR).get_by_text(t(layer, "en"), exact=True).click()
        _no_error(page, "en", f"the switch {layer}")
    for label in ("reading", "indicator", "scheme", "palette", "basemap"):
        _choose(page, t(label, "en"))
        _no_error(page, "en", f"the choice {label}")
    page.locator(SIDEBAR).get_by_text("中文", exact=True).click()
    _no_error(page, "zh", "the switch back")
    if not page.get_by_label(t("slide_extent", "zh"), exact=True).is_visible():
        page.get_by_text(t("export", "zh")).click()  # an expander whose label changed starts folded
    _choose(page, t("slide_extent", "zh"), 0)
    _no_error(page, "zh", "the slide's extent again")
    # the only requests out: the tiles of the basemap the reader chose (refused here)
    assert all(re.search(r"/\d+/\d+/\d+\.png", u) for u in page.blocked.urls), page.blocked.urls[:3]


def test_the_title_is_part_of_the_view(offline_page, app_url, tmp_path):
    """A title in the link fills the field; one typed goes into the link and into every file."""
    page = offline_page
    _open(page, f"{app_url}/?lang=en&title=Sichuan%20at%20a%20glance")
    idle(page)  # the first look's controls come after the map, in a run of their own
    page.get_by_text(t("export", "en")).click()  # the area's fields are drawn as it opens
    field = page.get_by_label(t("slide_title", "en"), exact=True)
    expect(field).to_have_value("Sichuan at a glance")
    field.fill("Parks {{ 7*7 }} & bases")
    field.press("Enter")
    page.wait_for_function("decodeURIComponent(location.search.replace(/\\+/g, ' ')).includes('Parks {{')")
    typed = "Parks {{ 7*7 }} & bases"
    html = _download(page, t("download_html", "en"), tmp_path).decode("utf-8")
    assert "<title>Parks &#123;&#123; 7*7 &#125;&#125; &amp; bases</title>" in html or (
        f"<title>{typed.replace('&', '&amp;')}</title>" in html
    )
    assert "49" not in html.split("<title>")[1].split("</title>")[0]
    deck = Presentation(io.BytesIO(_download(page, t("download_pptx", "en"), tmp_path)))
    assert deck.slides[-1].shapes.title.text.replace("\v", " ") == typed
    svg = _download(page, t("download_svg", "en"), tmp_path).decode("utf-8")
    assert "Parks" in svg or "<path" in svg  # text drawn as paths unless asked; the file opens
    assert page.blocked.urls == []


def _download(page, label: str, tmp_path) -> bytes:
    return _download_named(page, label, tmp_path)[1]


def _opens(name: str, raw: bytes) -> None:
    """The file opens as what its name says it is."""
    import csv
    import zipfile
    from xml.etree import ElementTree

    from PIL import Image

    suffix = name.rsplit(".", 1)[-1]
    if suffix == "html":
        assert b"L.map(" in raw, name
    elif suffix == "png":
        assert Image.open(io.BytesIO(raw)).format == "PNG", name
    elif suffix == "svg":
        assert ElementTree.fromstring(raw).tag.endswith("svg"), name
    elif suffix == "csv":
        assert len(list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))) > 1, name
    else:  # xlsx, pptx: Office files are zip packages with their content types
        assert "[Content_Types].xml" in zipfile.ZipFile(io.BytesIO(raw)).namelist(), name


def test_every_download_stays_available_in_a_long_sequence(offline_page, app_url, tmp_path):
    """A reader presses the downloads of each page in a long shuffled sequence, clicking the map
    and changing a control between presses: every press delivers a file that opens."""
    import random

    page = offline_page
    lang = "en"
    frame = _open(page, f"{app_url}/?lang={lang}")
    page.get_by_text(t("export", lang)).click()
    presses = [t(f"download_{f}", lang) for f in ("html", "png", "svg", "pptx")] * 3
    random.Random(7).shuffle(presses)
    codes = list(load_map_data().seats.items())
    for i, label in enumerate(presses):
        if i % 3 == 1:  # a click on the map between presses (it reruns the map's part of the page)
            code, (lon, lat) = codes[i % len(codes)]
            _click_at(page, frame, lon, lat)
            _panel_of(page, code)
        if i % 4 == 2:  # a control changed between presses (a whole rerun): pressed once it is done
            shown = "labels=true" in page.url
            page.locator(SIDEBAR).get_by_text(t("labels", lang), exact=True).click()
            page.wait_for_function(f"location.search.includes('labels={str(not shown).lower()}')")
        name, raw = _download_named(page, label, tmp_path)
        _opens(name, raw)
    page.goto(f"{app_url}/compare?lang={lang}")
    presses = [t("download_csv", lang), t("download_xlsx", lang)] * 3
    for label in presses:
        _opens(*_download_named(page, label, tmp_path))
    assert page.blocked.urls == []


def _download_named(page, label: str, tmp_path) -> tuple[str, bytes]:
    idle(page)
    with page.expect_download(timeout=120_000) as info:
        page.get_by_role("button", name=label).click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    return info.value.suggested_filename, path.read_bytes()
