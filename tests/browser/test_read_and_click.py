"""Reading and clicking the map as a person does, in the real Chromium with the network cut:
every prefecture one click from its panel under every layout reading, its value on hover, its
name on the map without overlaps, and the view kept when a control changes."""

from __future__ import annotations

import pytest
import shapely

from geo.data.load import load_map_data
from geo.scene.build import label_point
from tests.browser.conftest import choose, map_frame
from tests.browser.test_app_browser import legend_frame

MAP = "window.map_div"  # st_folium's name for the map object
MAP_SELECTOR = "#map_div"


@pytest.fixture(scope="module")
def prefectures():
    data = load_map_data()
    return [(r.adcode, r.name_en, *label_point(r.geometry)) for r in data.prefectures.itertuples()]


# viewport coordinates, inside the frame, of a (lat, lon) on the map
_FRAME_POINT = (
    f"(p) => {{ const q = {MAP}.latLngToContainerPoint(p), r = {MAP}.getContainer().getBoundingClientRect();"
    " return [r.left + q.x, r.top + q.y]; }"
)


def _screen_point(page, frame, lon: float, lat: float) -> tuple[float, float]:
    """Page coordinates of (lon, lat) on the map in ``frame``."""
    x, y = frame.evaluate(_FRAME_POINT, [lat, lon])
    box = frame.frame_element().bounding_box()
    return box["x"] + x, box["y"] + y


OFFSETS = [(0, 0), *((dx, dy) for r in (0.08, 0.16) for dx, dy in ((r, 0), (-r, 0), (0, r), (0, -r)))]


def _area_point(frame, shape, lon: float, lat: float) -> tuple[float, float]:
    """A point of ``shape`` near (lon, lat), in the frame's viewport: a click there selects
    ``shape`` whatever is drawn on top (a marker, a name, a belt)."""
    for dx, dy in OFFSETS:
        x, y = lon + dx, lat + dy
        if shape.contains(shapely.Point(x, y)):
            return tuple(frame.evaluate(_FRAME_POINT, [y, x]))
    raise AssertionError(f"no point of the area near {lon}, {lat}")


# A real click event on whatever the reader would hit at that point of the frame: Leaflet's own
# hit-testing and event handling run (a layout area on top would take it unless it lets it through).
_CLICK = """(p) => {
    const e = document.elementFromPoint(p[0], p[1]);
    for (const type of ["mousedown", "mouseup", "click"]) {
        const init = {clientX: p[0], clientY: p[1], bubbles: true, cancelable: true, view: window};
        e.dispatchEvent(new MouseEvent(type, init));
    }
}"""


def _open(page, url: str, min_paths: int = 21):
    page.goto(url)
    frame = map_frame(page, min_paths)
    frame.wait_for_function(f"{MAP} && {MAP}.getSize().x > 0")
    _settled(page, frame)
    return frame


_VIEW = f"JSON.stringify([{MAP}.getCenter(), {MAP}.getZoom(), {MAP}.getSize()])"


def _settled(page, frame) -> None:
    """Wait until the map has stopped moving (the component sizes its frame after drawing)."""
    last = None
    for _ in range(100):
        now = frame.evaluate(_VIEW)
        if now == last:
            return
        last = now
        page.wait_for_timeout(300)
    raise AssertionError("the map kept moving")


@pytest.mark.parametrize("reading", ["A", "B", "C"])
def test_a_click_anywhere_inside_a_prefecture_opens_its_panel(offline_page, app_url, prefectures, reading):
    page = offline_page
    frame = _open(page, f"{app_url}/?lang=en&reading={reading}")
    shapes = load_map_data().prefectures.set_index("adcode").geometry
    for adcode, name, lon, lat in prefectures:
        frame.evaluate(_CLICK, list(_area_point(frame, shapes[adcode], lon, lat)))
        page.get_by_role("heading", name=f"{name} · ").first.wait_for(timeout=30_000)
        page.wait_for_function(f"location.search.includes('sel={adcode}')", timeout=30_000)
    assert page.blocked.urls == []


def test_hovering_each_prefecture_shows_its_value_or_no_data(offline_page, app_url, prefectures):
    page = offline_page
    frame = _open(page, f"{app_url}/?lang=en&layers=prefectures,choropleth,layout&indicator=gdp")
    data = load_map_data()
    values = data.view("gdp").set_index("adcode")["value"]
    shapes = data.prefectures.set_index("adcode").geometry
    for adcode, name, lon, lat in prefectures:
        # interior points; a belt's or the axis's line may cross one (its hover names the belt)
        points = [
            (lon, lat),
            *(
                (lon + k * dx, lat + k * dy)
                for k in (0.06, 0.15, 0.25)
                for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1))
            ),
        ]
        for x, y in points:
            if not shapes[adcode].contains(shapely.Point(x, y)):
                continue
            page.mouse.move(*_screen_point(page, frame, x, y))
            tip = frame.locator(".leaflet-tooltip")
            tip.last.wait_for(timeout=10_000)
            text = tip.last.inner_text()
            if "Members" not in text:  # not a belt's or the axis's line
                break
        assert name in text, (name, text)
        # GDP is kept in 亿元 (10^8 yuan); English reads billions: a tenth of the number
        expected = "No data" if values.isna()[adcode] else f"{values[adcode] / 10:,.2f} billion yuan"
        assert expected in text, (name, text)


def test_every_prefecture_is_named_on_the_map_without_overlaps(offline_page, app_url):
    page = offline_page
    frame = _open(page, f"{app_url}/?lang=zh")
    labels = frame.locator(".sw-area-label span")
    assert labels.count() == 21
    boxes = [labels.nth(i).bounding_box() for i in range(21)]
    texts = labels.all_inner_texts()
    assert "成都" in texts and "凉山" in texts
    for i, a in enumerate(boxes):
        for j, b in enumerate(boxes[:i]):
            apart = a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"]
            apart = apart or a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"]
            assert apart, f"labels {texts[i]} and {texts[j]} overlap"


def test_labels_follow_the_switch_and_the_language(offline_page, app_url):
    page = offline_page
    frame = _open(page, f"{app_url}/?lang=en&labels=false")
    assert frame.locator(".sw-area-label").count() == 0
    frame = _open(page, f"{app_url}/?lang=en")
    assert "Chengdu" in frame.locator(".sw-area-label span").all_inner_texts()


def test_the_view_stays_when_a_control_changes(offline_page, app_url):
    page = offline_page
    frame = _open(page, f"{app_url}/?lang=en&layers=prefectures,choropleth")
    frame.evaluate(f"{MAP}.setView([30.66, 104.06], 9, {{animate: false}})")
    before = frame.evaluate(f"[{MAP}.getCenter().lat, {MAP}.getCenter().lng, {MAP}.getZoom()]")
    select = page.locator('section[data-testid="stSidebar"] [data-testid="stSelectbox"]').nth(1)
    choose(page, select, page.get_by_role("option", name="Resident population", exact=True))
    frame = legend_frame(page, "Resident population")  # the rebuilt map
    after = frame.evaluate(f"[{MAP}.getCenter().lat, {MAP}.getCenter().lng, {MAP}.getZoom()]")
    assert after[2] == before[2] and abs(after[0] - before[0]) < 1e-3 and abs(after[1] - before[1]) < 1e-3
    frame.get_by_role("button", name="Whole province").click()
    frame.wait_for_function(f"{MAP}.getZoom() < 8")


_RECTS = """(sel) => Array.from(document.querySelectorAll(sel))
    .filter(e => e.offsetParent !== null && getComputedStyle(e).visibility !== "hidden")
    .map(e => {
        const r = e.getBoundingClientRect();
        return [r.left, r.top, r.right, r.bottom, e.textContent];
    })
    .filter(r => r[2] > r[0] && r[3] > r[1])"""


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)], ids=["1366x768", "1920x1080"])
def test_legends_never_cover_the_map(browser, app_url, size):
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    try:
        frame = _open(
            page, f"{app_url}/?lang=en&layers=prefectures,choropleth,layout,bases,parks&indicator=gdp"
        )
        (map_box,) = frame.evaluate(_RECTS, f"{MAP_SELECTOR}")
        legends = frame.evaluate(_RECTS, ".sw-legend")
        assert len(legends) == 4
        assert not [g[4][:30] for g in legends if _overlap(g, map_box)]
        # Sichuan whole in the map at its first view
        inside = frame.evaluate(f"{MAP}.getBounds().contains([[26.05, 97.35], [34.3, 108.5]])")
        assert inside
    finally:
        page.close()


def _placed(page, frame) -> None:
    """Wait until the names have been placed for the map as it now stands (placement runs after
    each move and layer change): three readings of their boxes agree."""
    seen = []
    for _ in range(60):
        seen.append(frame.evaluate(_RECTS, ".sw-label span"))
        if len(seen) >= 3 and seen[-1] == seen[-2] == seen[-3]:
            return
        page.wait_for_timeout(200)
    raise AssertionError("the names kept moving")


@pytest.mark.parametrize("zoom", [None, 8, 10])
def test_names_and_markers_never_cover_each_other(offline_page, app_url, zoom):
    page = offline_page
    frame = _open(page, f"{app_url}/?lang=zh")
    if zoom:
        frame.evaluate(f"{MAP}.setView([30.66, 104.06], {zoom}, {{animate: false}})")
        _settled(page, frame)
    _placed(page, frame)
    labels = frame.evaluate(_RECTS, ".sw-label span")
    markers = frame.evaluate(_RECTS, ".leaflet-marker-icon.leaflet-interactive")
    assert labels and markers
    hits = [(la[4], i) for la in labels for i, m in enumerate(markers) if _overlap(la, m)]
    assert not hits, hits
    crowded = [(a[4], b[4]) for i, a in enumerate(labels) for b in labels[:i] if _overlap(a, b)]
    assert not crowded, crowded
    if zoom is None:  # at the province's view every prefecture is named
        assert len([la for la in labels if la[4] and not la[4].isascii()]) >= 21
