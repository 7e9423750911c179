"""A calm map (issue: clicks that answer where they land): a reader clicks every prefecture in
turn — at its seat city, then inside it — without resetting anything, and each click opens that
prefecture's panel while the map stays exactly where it was; map and legend fit one screen.

The oracle is the data, not the app: the seat cities (GeoNames) and a point inside each polygon
(shapely), and the map's own centre and zoom read before and after."""

from __future__ import annotations

import pytest

from geo.data import load_map_data
from geo.scene import label_point
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
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = context.new_page()
    try:
        frame = _open(page, f"{app_url}/?lang={lang}&{query}")
        before = frame.evaluate(_VIEW)
        for adcode, lon, lat in _journey():
            _click_at(page, frame, lon, lat)
            _panel_of(page, adcode)
            page.wait_for_function(f"location.search.includes('sel={adcode}')", timeout=30_000)
            after = frame.evaluate(_VIEW)
            assert after == pytest.approx(before, abs=1e-9), f"the map moved after a click in {adcode}"
            assert frame.locator(".leaflet-popup").count() == 0, f"a popup opened in {adcode}"
    finally:
        context.close()


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


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_map_and_legend_fit_one_screen(browser, app_url, lang):
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    try:
        frame = _open(page, f"{app_url}/?lang={lang}&{CHOROPLETH}")
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
        heading = page.locator("h4").first.bounding_box()
        assert heading["y"] >= 0 and heading["y"] + heading["height"] <= box["y"]
    finally:
        context.close()
