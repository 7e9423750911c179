import csv
import re

from playwright.sync_api import Error as PlaywrightError

from tests.browser.conftest import choose, idle, map_frame, offline

LEGEND_TEXT = "Array.from(document.querySelectorAll('.sw-legend')).map(e => e.textContent).join(' ')"


def legend_text(frame) -> str:
    """All legend text, folded parts included."""
    return frame.evaluate(LEGEND_TEXT)


def legend_frame(page, text: str, timeout_s: float = 45):
    """The map frame once a legend shows ``text`` (frames are replaced while Streamlit reruns)."""
    seen = []
    for _ in range(int(timeout_s * 5)):
        seen = []
        for frame in page.frames:
            try:
                seen.append(legend_text(frame))
                if text in seen[-1]:
                    return frame
            except PlaywrightError:
                continue
        page.wait_for_timeout(200)
    raise AssertionError(f"no legend showed {text!r}; legends: {seen}")


def test_app_draws_all_21_prefectures_offline(offline_page, app_url):
    offline_page.goto(app_url)
    frame = map_frame(offline_page, 21)
    # the prefecture layer's fill colour picks out its paths among the other layers'
    assert frame.locator('path.leaflet-interactive[fill="#f2efe9"]').count() == 21
    assert frame.locator(".sw-legend").count() == 3
    assert offline_page.blocked.urls == []


def test_hovering_a_prefecture_shows_its_bilingual_tooltip(offline_page, app_url):
    offline_page.goto(app_url)
    frame = map_frame(offline_page, 21)
    frame.locator("path.leaflet-interactive").first.dispatch_event("mouseover")
    tooltip = frame.locator(".leaflet-tooltip")
    tooltip.wait_for(timeout=10_000)
    text = tooltip.inner_text()
    assert "成都市" in text and "Chengdu City" in text


def test_hostile_upload_shows_as_text_and_runs_nothing(offline_page, app_url, tmp_path, hostile_name):
    table = tmp_path / "hostile.csv"
    rows = [
        ["地区", hostile_name, "source"],
        ["成都", "1", "<script>window.__pwned=2</script>"],
        ["绵阳", "2", "x"],
        ["德阳", "3", "x"],
    ]
    with table.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    offline_page.goto(f"{app_url}/?lang=en&layers=prefectures,choropleth")
    map_frame(offline_page, 21)
    offline_page.locator('section[data-testid="stSidebar"] input[type="file"]').set_input_files(str(table))
    offline_page.get_by_text("Uploaded indicators loaded").wait_for(timeout=30_000)
    select = offline_page.locator('section[data-testid="stSidebar"] [data-testid="stSelectbox"]').nth(1)
    choose(offline_page, select, offline_page.get_by_role("option").filter(has_text="onerror"))
    frame = legend_frame(offline_page, hostile_name)
    legend = legend_text(frame)
    assert hostile_name in legend and "<script>window.__pwned=2</script>" in legend  # literally, as text
    assert frame.evaluate("window.__pwned") is None and offline_page.evaluate("window.__pwned") is None
    assert frame.locator(".sw-legend img, .sw-legend script").count() == 0
    assert offline_page.blocked.urls == []


def test_the_open_loads_no_syntax_highlighter_until_a_code_box_is_asked_for(offline_page, app_url):
    """Streamlit's syntax highlighter (1.5 MB of script) used to load on every open, for the
    export area's two code boxes, while the map's frame waited (docs/PERFORMANCE.md)."""
    page = offline_page
    page.goto(f"{app_url}/?lang=en")
    map_frame(page, 21)
    page.wait_for_timeout(1000)
    loaded = "() => performance.getEntriesByType('resource').some(e => e.name.includes('SyntaxHighlighter'))"
    assert not page.evaluate(loaded)
    idle(page)
    page.get_by_text("Export and embed").click()  # the expander
    idle(page)
    page.get_by_text("The map in words").click()  # the toggle: the box, and the highlighter, now
    assert page.get_by_role("switch", name="The map in words").is_checked()
    idle(page)
    page.locator('[data-testid="stCode"]').first.wait_for(timeout=60_000)
    page.wait_for_function(loaded, timeout=30_000)


# every area and line of the map in drawing order, by its looks (its path depends on the view)
DRAWN_ORDER = """() => Array.from(document.querySelectorAll('path.leaflet-interactive')).map(p =>
  ['class', 'fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-dasharray']
    .map(a => p.getAttribute(a)).join(' '))"""


def test_a_layer_switch_redraws_only_that_layer(offline_page, app_url, browser):
    """Switching the parks (drawn last) off and on leaves the prefectures' areas as they were; the
    choropleth, switched on below the layout's belts and axis, leaves those as they were too (the
    same elements, not drawn anew: ui/map_frame/frame.js swaps only the layer scripts that
    changed), and the map stacks its areas and lines as a new page of the same link does."""
    page = offline_page
    page.goto(f"{app_url}/?lang=en")
    frame = map_frame(page, 21)
    kept = "path.leaflet-interactive:not([fill='#f2efe9'])"  # everything but the prefectures' areas
    areas = 'path.leaflet-interactive[fill="#f2efe9"]'
    paths = "document.querySelectorAll('path.leaflet-interactive')"
    frame.evaluate(f"{paths}.forEach(p => p.dataset.kept = 'yes')")
    layout = frame.locator(f"{kept}[data-kept='yes']").count()
    markers = frame.locator(".sw-icon").count()
    assert markers > 0 and layout > 0
    switch = page.locator('[data-testid="stSidebar"] label').filter(has_text="Parks and zones").first
    idle(page)
    switch.click()
    frame.wait_for_function(f"document.querySelectorAll('.sw-icon').length < {markers}", timeout=30_000)
    idle(page)
    switch.click()
    frame.wait_for_function(f"document.querySelectorAll('.sw-icon').length >= {markers}", timeout=30_000)
    assert frame.locator(f"{areas}[data-kept='yes']").count() == 21
    idle(page)
    page.locator('[data-testid="stSidebar"] label').filter(has_text="Indicator choropleth").first.click()
    frame.wait_for_function(f"{paths}.length >= 42", timeout=30_000)
    idle(page)
    assert frame.locator(f"{kept}[data-kept='yes']").count() == layout  # the belts and axis stayed
    assert "choropleth" in page.url
    with offline(browser) as fresh:
        fresh.goto(page.url)
        assert map_frame(fresh, 42).evaluate(DRAWN_ORDER) == frame.evaluate(DRAWN_ORDER)


# What each message the page receives carries: the map's layers, the sidebar's palette control
# (its label), or neither, in the order received.
WATCH_MESSAGES = """(() => { const WS = window.WebSocket; window.__got = [];
window.WebSocket = function (...args) {
  const ws = new WS(...args);
  ws.addEventListener('message', (e) => {
    const text = e.data instanceof ArrayBuffer ? new TextDecoder().decode(e.data) : String(e.data);
    window.__got.push(text.includes('/*sw-part:') ? 'map' : text.includes('Palette') ? 'palette' : '');
  });
  return ws;
};
window.WebSocket.prototype = WS.prototype;
Object.assign(window.WebSocket, WS); })();"""


def test_a_change_sends_the_map_before_the_controls(offline_page, app_url):
    """A palette change: the run sends the map's new layer before it draws the sidebar's controls
    again (about twenty widgets), as a session's first look does."""
    page = offline_page
    page.context.add_init_script(WATCH_MESSAGES)
    page.goto(f"{app_url}/?lang=en&layers=prefectures,choropleth&indicator=gdp&palette=Blues")
    frame = map_frame(page, 42)
    before = frame.locator(".sw-legend").first.inner_html()
    idle(page)
    page.evaluate("window.__got = []")
    oranges = page.get_by_role("option", name="Oranges", exact=True)
    choose(page, page.get_by_label("Palette", exact=True), oranges)
    frame.wait_for_function("h => document.querySelector('.sw-legend').innerHTML !== h", arg=before)
    idle(page)
    got = [kind for kind in page.evaluate("window.__got") if kind]
    assert "map" in got and "palette" in got, got
    assert got.index("map") < got.index("palette"), got


def test_the_export_area_is_drawn_when_opened_and_keeps_its_choices(offline_page, app_url):
    """Folded, the export area sends the page none of its widgets (a dozen, laid out by the browser
    on every run before); opened, its buttons come; the slide's shape chosen there is the same
    after the area is folded and opened again."""
    page = offline_page
    page.goto(f"{app_url}/?lang=en")
    map_frame(page, 21)
    idle(page)
    main = page.locator('[data-testid="stMain"]')
    buttons = main.locator('[data-testid="stDownloadButton"]')
    assert buttons.count() == 0
    area = page.get_by_text("Export and embed")
    area.click()
    main.get_by_role("button", name="Download offline HTML").wait_for(timeout=30_000)
    idle(page)
    shape = main.locator('[data-testid="stSelectbox"]').filter(has_text="Shape")
    choose(page, page.get_by_label("Shape", exact=True), page.get_by_role("option", name="a4-portrait"))
    idle(page)
    area.click()  # folded
    idle(page)
    assert buttons.count() == 0
    area.click()
    main.get_by_role("button", name="Download offline HTML").wait_for(timeout=30_000)
    assert shape.locator("input").input_value() == "a4-portrait"


# the code of the sidebar's controls, one file per kind of widget (Streamlit loads each lazily), and
# of st.html's element with DOMPurify (the map's frame waited for them when the page's header used it)
LATER_CODE = re.compile(
    r"/(Radio|Checkbox|Selectbox|Slider|FileUploader|TextInput|Html|purify\.es)\.[\w-]+\.js$"
)
RESOURCES = "() => performance.getEntriesByType('resource').map(e => [e.name, e.startTime])"


def test_a_first_look_fetches_the_map_before_the_controls_and_keeps_the_links_view(offline_page, app_url):
    """On a session's first look at the map, the browser asks for the map's frame before the code
    of any control (a dozen kinds of widget, about 50 files, used to queue ahead of it) or of an
    HTML element, and the controls drawn after it show the view the link asked for."""
    page = offline_page
    page.goto(f"{app_url}/?lang=en&palette=Oranges&labels=false&layers=prefectures,choropleth")
    map_frame(page, 21)
    sidebar = page.locator('section[data-testid="stSidebar"]')
    sidebar.locator('[data-testid="stFileUploader"]').wait_for(timeout=30_000)  # drawn last
    idle(page)
    fetched = page.evaluate(RESOURCES)
    frame_at = min(at for url, at in fetched if "/component/" in url and "index.html" in url)
    controls_at = [at for url, at in fetched if LATER_CODE.search(url.split("?")[0])]
    assert controls_at and frame_at < min(controls_at), (frame_at, sorted(controls_at)[:3])
    # the link's view, in the map and in its controls
    palette = sidebar.locator('[data-testid="stSelectbox"]').filter(has_text="Palette").locator("input")
    assert palette.input_value() == "Oranges"
    assert not sidebar.get_by_role("checkbox", name="Names on the map").is_checked()
    assert sidebar.get_by_role("checkbox", name="Indicator choropleth").is_checked()
    assert sidebar.get_by_role("radio", name="English").is_checked()
