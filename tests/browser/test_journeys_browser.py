"""Each kind of user's errand in the served app, through the page only (Chromium, network cut):

- a presenter presses every download button, opens each file, switches language and reads the
  slide's title and units again;
- a policymaker types the search box's own examples, clicks on markers, and opens the app's own
  link;
- a planner uploads county yearbooks with the yearbooks' own headers, and the app's own download.
"""

from __future__ import annotations

import io
import re
from xml.etree import ElementTree

import pytest
import shapely
from PIL import Image
from pptx import Presentation

from geo.data.load import load_map_data
from geo.text.i18n import t
from tests.browser.conftest import idle, options
from tests.browser.test_app_browser import legend_frame, legend_text
from tests.browser.test_read_and_click import MAP, _open
from tests.test_yearbook_upload import COUNTY_HEADERS, _county_yearbook

SIDEBAR = 'section[data-testid="stSidebar"]'
MAIN = '[data-testid="stMain"]'


def _download(page, label: str, tmp_path) -> bytes:
    """Press the download button ``label`` and return the file the browser saved."""
    idle(page)
    with page.expect_download(timeout=120_000) as info:
        page.get_by_role("button", name=label).click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    return path.read_bytes()


def _slide_titles_and_notes(raw: bytes) -> tuple[str, str, str]:
    """The deck's title (its first slide's), its map slide's title and that slide's notes; the
    titles as read (the deck breaks them into lines)."""
    deck = Presentation(io.BytesIO(raw))
    cover, map_slide = deck.slides[0], deck.slides[-1]
    return (
        _read(cover.shapes.title.text),
        _read(map_slide.shapes.title.text),
        map_slide.notes_slide.notes_text_frame.text,
    )


_CJK = "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”"  # Chinese characters and punctuation


def _read(title: str) -> str:
    """A title as a reader reads it: its line breaks (\\v) are where a space was, or none in Chinese."""
    return re.sub(rf"(?<=[{_CJK}])\v|\v(?=[{_CJK}])", "", title).replace("\v", " ")


# --- a presenter --------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_download_button_delivers_a_file_that_opens(offline_page, app_url, tmp_path, lang):
    page = offline_page
    _open(page, f"{app_url}/?lang={lang}")
    page.get_by_text(t("export", lang)).click()
    html = _download(page, t("download_html", lang), tmp_path).decode("utf-8")
    assert "L.map(" in html and not re.search(r'<script[^>]+src="https?://', html)
    png = Image.open(io.BytesIO(_download(page, t("download_png", lang), tmp_path)))
    assert png.format == "PNG" and png.size == (1920, 1080)
    svg = ElementTree.fromstring(_download(page, t("download_svg", lang), tmp_path))
    assert svg.tag.endswith("svg")
    placeholder = page.get_by_label(t("slide_title", lang), exact=True).get_attribute("placeholder")
    cover, title, _notes = _slide_titles_and_notes(_download(page, t("download_pptx", lang), tmp_path))
    assert cover == t("app_title", lang) and title == placeholder  # the title the app said it would use
    assert page.blocked.urls == []


def test_after_switching_language_the_slide_speaks_it(offline_page, app_url, tmp_path):
    """The export title follows the language, and so do the units in the slide's notes."""
    page = offline_page
    _open(page, f"{app_url}/?lang=zh&layers=prefectures,choropleth&indicator=gdp")
    page.get_by_text(t("export", "zh")).click()
    page.locator(SIDEBAR).get_by_text("English", exact=True).click()
    page.get_by_text(t("export", "en")).click()
    field = page.get_by_label(t("slide_title", "en"), exact=True)
    assert field.input_value() == "" and field.get_attribute("placeholder") == "GDP by prefecture, 2020"
    cover, title, notes = _slide_titles_and_notes(_download(page, t("download_pptx", "en"), tmp_path))
    assert (cover, title) == (t("app_title", "en"), "GDP by prefecture, 2020")
    assert "GDP (billion yuan)" in notes  # 亿元 in the words English uses
    assert page.blocked.urls == []


# --- a policymaker ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_example_of_the_search_box_opens_its_place(offline_page, app_url, lang):
    page = offline_page
    _open(page, f"{app_url}/?lang={lang}")
    box = page.get_by_label(t("find", lang))
    examples = re.split(r"[、,]\s*", box.get_attribute("placeholder").split(" ", 1)[1])
    expected = {
        "zh": ["成都市", "凉山彝族自治州", "绵阳市", "绵阳市"],
        "en": ["Chengdu", "Liangshan", "Mianyang", "Mianyang"],
    }[lang]
    for example, name in zip(examples, expected, strict=True):
        box.fill(example)
        box.press("Enter")
        page.locator(MAIN).get_by_role("heading", name=re.compile(name)).first.wait_for(timeout=30_000)
        assert page.get_by_text(t("find_none", lang)).count() == 0, example
    assert page.blocked.urls == []


# A point of the marker at (lat, lon) that the reader can hit: the topmost element there is the
# marker's own icon (another marker may cover part of it).
_MARKER_POINT = f"""(p) => {{
    let icon = null;
    {MAP}.eachLayer(l => {{
        if (l._icon && l.options.interactive && l.getLatLng().equals(p, 1e-6)) icon = l._icon;
    }});
    const r = icon.getBoundingClientRect();
    icon.id = "sw-test-target";
    for (const fx of [0.5, 0.3, 0.7, 0.15, 0.85]) for (const fy of [0.5, 0.3, 0.7, 0.15, 0.85]) {{
        const x = r.left + r.width * fx, y = r.top + r.height * fy, e = document.elementFromPoint(x, y);
        if (e && icon.contains(e)) return {{x: x - r.left, y: y - r.top}};
    }}
    return null;
}}"""


# A point of the first element matching a selector where it is topmost (relative to it).
_HIT_POINT = """(selector) => {
    const icon = document.querySelector(selector), r = icon.getBoundingClientRect();
    document.querySelectorAll("#sw-test-target").forEach(e => e.removeAttribute("id"));
    icon.id = "sw-test-target";
    for (const fx of [0.5, 0.3, 0.7, 0.15, 0.85]) for (const fy of [0.5, 0.3, 0.7, 0.15, 0.85]) {
        const x = r.left + r.width * fx, y = r.top + r.height * fy, e = document.elementFromPoint(x, y);
        if (e && icon.contains(e)) return {x: x - r.left, y: y - r.top};
    }
    return null;
}"""


def _click_marker(frame, parks, id_: str) -> None:
    """Click the marker of place ``id_`` where it can be hit, as the reader's pointer would."""
    row = parks.set_index("id").loc[id_]
    point = frame.evaluate(_MARKER_POINT, [float(row["lat"]), float(row["lon"])])
    assert point, f"the marker of {id_} is entirely covered"
    frame.locator("#sw-test-target").click(position=point)


def test_a_click_on_a_marker_selects_the_prefecture_under_it(offline_page, app_url):
    page = offline_page
    frame = _open(page, f"{app_url}/?lang=zh&sel=510500")
    _click_marker(frame, load_map_data().parks, "deyang-software-demo-base")
    page.locator(MAIN).get_by_role("heading", name=re.compile("德阳市")).first.wait_for(timeout=30_000)
    page.wait_for_function("location.search.includes('sel=510600')", timeout=30_000)
    # the count of Chengdu's places: a click selects Chengdu and leaves the map where it is
    zoom = frame.evaluate(f"{MAP}.getZoom()")
    point = frame.evaluate(_HIT_POINT, ".sw-aggregate")  # where no base symbol covers it
    assert point, "the count of Chengdu's places is entirely covered"
    frame.locator("#sw-test-target").click(position=point)
    page.locator(MAIN).get_by_role("heading", name=re.compile("成都市")).first.wait_for(timeout=30_000)
    assert frame.evaluate(f"{MAP}.getZoom()") == zoom
    assert page.blocked.urls == []


def test_the_apps_own_link_opens_without_a_warning(offline_page, app_url):
    page = offline_page
    _open(page, f"{app_url}/?lang=en")
    page.locator(SIDEBAR).get_by_text("Indicator choropleth").click()
    page.wait_for_function("location.search.includes('choropleth')", timeout=30_000)
    link = page.url
    assert "within=" in link and "subtitle=" in link  # the empty options are in the link
    page.goto(link)
    frame = legend_frame(page, "Software revenue")
    assert "Software revenue" in legend_text(frame)
    assert page.get_by_text("were not valid").count() == 0
    assert page.blocked.urls == []


# --- a planner ----------------------------------------------------------------------------------


@pytest.mark.parametrize("header", COUNTY_HEADERS)
def test_a_county_yearbook_with_its_own_header_goes_on_the_map(offline_page, app_url, tmp_path, header):
    page = offline_page
    _open(page, f"{app_url}/?lang=zh")
    path = tmp_path / "成都区县软件企业.xlsx"
    path.write_bytes(_county_yearbook(header, merged=header == COUNTY_HEADERS[0]))
    page.locator(f'{SIDEBAR} input[type="file"]').set_input_files(str(path))
    # said where the planner looks (the top of the page), and on the map at once
    page.locator(MAIN).get_by_text("已载入上传表中的 1 个指标").wait_for(timeout=60_000)
    frame = legend_frame(page, "软件企业数（上传）")
    assert "2023" in legend_text(frame)
    # it opens on its area: Chengdu's counties, the map moved there, no marker over them
    page.wait_for_function("location.search.includes('within=510100')", timeout=30_000)
    chengdu = load_map_data().prefectures.set_index("adcode").geometry["510100"]
    frame.wait_for_function(f"{MAP}.getZoom() >= 8", timeout=30_000)
    lat, lon = frame.evaluate(f"[{MAP}.getCenter().lat, {MAP}.getCenter().lng]")
    assert chengdu.contains(shapely.Point(lon, lat))
    assert frame.locator(".sw-icon").count() == 0
    assert page.blocked.urls == []


def test_the_apps_own_download_uploads_again_without_doubles(offline_page, app_url, tmp_path):
    page = offline_page
    page.goto(f"{app_url}/compare?lang=zh")
    page.get_by_role("button", name=t("download_csv", "zh")).wait_for(timeout=60_000)
    raw = _download(page, t("download_csv", "zh"), tmp_path)
    path = tmp_path / "again.csv"
    path.write_bytes(raw)
    page.locator(f'{SIDEBAR} input[type="file"]').set_input_files(str(path))
    page.get_by_text("未载入新数据").wait_for(timeout=60_000)  # nothing new: no second 土地面积
    box = page.locator(MAIN).get_by_role("combobox", name=t("indicator1", "zh"))
    names = options(page, box)
    assert names and not [o for o in names if "上传" in o], names
    assert page.blocked.urls == []


def test_map_controls_only_where_they_act_and_kept_across_pages(offline_page, app_url):
    page = offline_page
    _open(page, f"{app_url}/?lang=en&layers=prefectures,choropleth&indicator=gdp")
    side = page.locator(SIDEBAR)
    for name, shown in (
        ("The plan's targets and results", ()),
        ("Data & sources", ()),
        ("Compare", ("Palette",)),
    ):
        side.get_by_role("link", name=name).click()
        page.get_by_role("heading", level=1, name=name).wait_for(timeout=30_000)
        page.wait_for_function(  # the sidebar of the page shown, whole: not the one left, nor half drawn
            """([left, wanted]) => { const text = document.querySelector('[data-testid=stSidebar]').innerText;
                return !text.includes(left) && wanted.every(w => text.includes(w)); }""",
            arg=["Layers", ["Language", *shown]],
            timeout=30_000,
        )
        text = side.inner_text()
        assert "Layers" not in text and "Basemap" not in text and "Reading" not in text, (name, text)
        assert all(label in text for label in shown) and "Language" in text
    side.get_by_role("link", name="Map").click()
    page.get_by_role("heading", level=1, name="Sichuan software industry plan").wait_for(timeout=30_000)
    # the comparison's own frame (which also shows GDP's legend) is gone before the map's is read
    page.wait_for_function("() => !document.querySelector('iframe[srcdoc]')", timeout=30_000)
    frame = legend_frame(page, "GDP (billion yuan)")  # the map as it was left
    assert side.get_by_role("checkbox", name="Indicator choropleth").is_checked()
    assert "GDP" in legend_text(frame)
    assert page.blocked.urls == []


# --- the plan's scorecard -----------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_plan_page_answers_how_far_the_plan_got(offline_page, app_url, tmp_path, lang):
    """The scorecard, read as the reader gets it: its downloads (the grid itself is a canvas) and
    the status beside each target's name."""
    import csv

    page = offline_page
    page.goto(f"{app_url}/plan?lang={lang}")
    page.get_by_role("heading", name=t("plan_scorecard", lang)).wait_for(timeout=60_000)
    name = "软件业务收入" if lang == "zh" else "Software-business revenue"
    page.get_by_text(f"{name} · {t('status_behind', lang)}").wait_for(timeout=30_000)
    rows = list(
        csv.DictReader(io.StringIO(_download(page, t("download_csv", lang), tmp_path).decode("utf-8-sig")))
    )
    row = next(r for r in rows if r[t("plan_target_name", lang)] == name)
    assert row[t("plan_share_target_pct", lang)] == "72.1" and row[t("plan_share_way_pct", lang)] == "43.7"
    assert row[t("plan_status", lang)] == t("status_behind", lang)
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(_download(page, t("download_xlsx", lang), tmp_path)))
    assert book["data"].max_row == len(rows) + 1
    deck = Presentation(io.BytesIO(_download(page, t("download_pptx", lang), tmp_path)))
    assert deck.slides[1].shapes.title.text == t("plan_headline", lang)  # the chart, then a slide per status
    assert page.blocked.urls == []
