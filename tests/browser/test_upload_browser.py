"""A planner uploads a yearbook sheet in the Chinese UI (network cut): it loads, maps, its year
control moves the map, and no English appears."""

from __future__ import annotations

from tests.browser.conftest import choose, map_frame
from tests.browser.test_language_browser import _MAP_TEXTS, _foreign, _names
from tests.test_yearbook_upload import _yearbook_xlsx

SIDEBAR = '[data-testid="stSidebar"]'


def _legend(page) -> str:
    for frame in page.frames:
        try:
            text = frame.evaluate(
                "Array.from(document.querySelectorAll('.sw-legend')).map(e => e.textContent).join('|')"
            )
        except Exception:  # a frame replaced while Streamlit reruns
            continue
        if text:
            return text
    return ""


def _choose(page, label: str, option: str) -> None:
    box = page.locator(SIDEBAR).get_by_role("combobox", name=label)
    choose(page, box, page.get_by_role("option", name=option).first)


def test_a_yearbook_sheet_goes_in_and_its_years_move_the_map(offline_page, app_url, tmp_path):
    page = offline_page
    path = tmp_path / "四川统计年鉴-软件业务收入.xlsx"
    path.write_bytes(_yearbook_xlsx())
    page.goto(f"{app_url}/?lang=zh&layers=prefectures,choropleth")
    map_frame(page, 21)
    page.locator(f'{SIDEBAR} input[type="file"]').set_input_files(str(path))
    page.get_by_text("已载入上传的指标").wait_for(timeout=60_000)
    _choose(page, "指标", "软件业务收入")
    page.wait_for_function("() => true")
    for _ in range(150):
        if "软件业务收入" in _legend(page) and "2022" in _legend(page):
            break
        page.wait_for_timeout(200)
    assert "软件业务收入" in _legend(page) and "年份: 2022" in _legend(page)  # the latest year first
    _choose(page, "年份", "2021")
    for _ in range(150):
        if "年份: 2021" in _legend(page):
            break
        page.wait_for_timeout(200)
    assert "年份: 2021" in _legend(page)
    # every word on the page and in the map's popups and tooltips is Chinese
    page.add_style_tag(content='[data-testid="stIconMaterial"] { display: none !important; }')  # icon names
    names = _names()
    texts = [page.locator('[data-testid="stMain"]').first.inner_text(), page.locator(SIDEBAR).inner_text()]
    for frame in page.frames[1:]:
        try:
            texts += frame.evaluate(_MAP_TEXTS)
        except Exception:
            continue
    foreign = {w: t[max(0, t.find(w) - 60) : t.find(w) + 30] for t in texts for w in _foreign(t, "zh", names)}
    assert not foreign, foreign
    assert page.blocked.urls == []
