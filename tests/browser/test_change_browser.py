"""A policymaker's growth question in the served app (Chromium, network cut): "which
prefecture's GDP grew fastest from 2020 to 2024?" answered from the map in three clicks in
either language, then every prefecture's series and the rank table read in the page."""

from __future__ import annotations

import pytest

from geo.text.i18n import t
from tests.browser.conftest import choose, idle
from tests.browser.test_app_browser import legend_frame
from tests.browser.test_read_and_click import _open

SIDEBAR = 'section[data-testid="stSidebar"]'
MAIN = '[data-testid="stMain"]'
ANSWERS = {
    "en": (
        "No area has both 2020 and 2024 on the same basis",
        "2020–2023 (4 areas): fastest Deyang City, +25.4 %",
        "GDP: percent change 2020–2024",
    ),
    "zh": (
        "2020—2024年没有地区两年均有同口径数据",
        "2020—2023年（4个地区）：德阳市增长最快，+25.4 %",
        "地区生产总值：增长率（%） 2020–2024",
    ),
}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_growth_question_in_three_clicks(offline_page, app_url, lang):
    page = offline_page
    _open(page, f"{app_url}/?lang={lang}")
    idle(page)
    clicks = 0
    box = page.locator(SIDEBAR).get_by_role("combobox", name=t("indicator", lang))
    choose(page, box, page.get_by_role("option", name={"en": "GDP", "zh": "地区生产总值"}[lang], exact=True))
    clicks += 2  # the box, then its option
    idle(page)
    page.locator(MAIN).get_by_role("button", name=t("change_growth", lang, start="2020", end="2024")).click()
    clicks += 1
    none, offer, legend = ANSWERS[lang]
    page.get_by_text(none).first.wait_for(timeout=60_000)
    page.get_by_text(offer).first.wait_for(timeout=30_000)
    assert clicks <= 3
    frame = legend_frame(page, legend)  # the map shows the change, its years in the legend
    assert frame is not None
    assert page.blocked.urls == []


def test_the_series_chart_and_rank_table_read_in_the_page(offline_page, app_url):
    page = offline_page
    _open(page, f"{app_url}/?lang=en&layers=prefectures,choropleth&indicator=gdp&change=2020:2023")
    idle(page)
    page.get_by_text("Fastest growth 2020–2023: Deyang City, +25.4 %").first.wait_for(timeout=60_000)
    page.locator(MAIN).get_by_text(t("series_open", "en")).click()
    chart = page.locator('[data-testid="stImage"] img, [data-testid="stFullScreenFrame"] img').first
    chart.wait_for(timeout=60_000)
    assert chart.evaluate("img => img.naturalWidth") > 400
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.scroll_into_view_if_needed()
    page.locator('[data-testid="stDataFrame"] table td').first.wait_for(state="attached", timeout=30_000)
    headers = page.locator('[data-testid="stDataFrame"] table th').all_inner_texts()
    assert "Area" in headers and "Change (%)" in headers and "Change in rank" in headers
    cells = page.locator('[data-testid="stDataFrame"] table td').all_inner_texts()
    assert "Deyang City" in cells[:3] and any(c.startswith("25.386") for c in cells)
    assert page.blocked.urls == []


def test_the_timeline_plays_through_the_years_and_pauses(offline_page, app_url):
    page = offline_page
    _open(page, f"{app_url}/?lang=en&layers=prefectures,choropleth&indicator=gdp&year=2020")
    idle(page)
    legend_frame(page, "Year: 2020")
    page.locator(MAIN).get_by_role("button", name="Play").click()
    legend_frame(page, "Year: 2021", timeout_s=30)  # the map moves on by itself
    legend_frame(page, "Year: 2022", timeout_s=30)
    page.locator(MAIN).get_by_role("button", name="Pause").click()
    idle(page)
    slider = page.locator(MAIN).get_by_role("slider").first
    stopped = slider.get_attribute("aria-valuetext")
    page.wait_for_timeout(3_000)
    idle(page)
    assert slider.get_attribute("aria-valuetext") == stopped  # paused: it stays
    assert page.blocked.urls == []


def test_a_change_map_downloads_with_its_years_in_the_title(offline_page, app_url, tmp_path):
    import io

    from pptx import Presentation

    from tests.browser.test_journeys_browser import _download

    page = offline_page
    _open(
        page, f"{app_url}/?lang=en&layers=prefectures,choropleth&indicator=gdp&change=2020:2023&measure=cagr"
    )
    idle(page)
    page.get_by_text(t("export", "en")).click()
    title = "GDP by prefecture: compound annual growth (% a year), 2020–2023"
    html = _download(page, t("download_html", "en"), tmp_path).decode("utf-8")
    assert f"<title>{title}</title>" in html and "Years compared: 2020 and 2023" in html
    deck = Presentation(io.BytesIO(_download(page, t("download_pptx", "en"), tmp_path)))
    assert deck.slides[-1].shapes.title.text.replace("\v", " ") == title
    png = _download(page, t("download_png", "en"), tmp_path)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert page.blocked.urls == []
