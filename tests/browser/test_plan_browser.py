"""The Plan page's scorecard as a policymaker reads it on a 1366 x 768 laptop (Chromium, network
cut): every column of the table in view without scrolling sideways, no control under another,
and the three downloads, pressed in a long sequence after a sort and a filter, each holding only
the rows shown."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook
from pptx import Presentation

from geo.plan.figures import STATUSES
from geo.text.i18n import t
from tests.browser.conftest import choose, idle
from tests.browser.test_journeys_browser import _download

BEHIND = {  # the four targets behind, read off the plan and the reported values by hand
    "zh": {"软件和信息技术服务业营业收入", "营业收入年均增长", "软件业务收入", "软件业务收入年均增长"},
    "en": {
        "Software and IT services: operating revenue",
        "Operating revenue, average yearly growth",
        "Software-business revenue",
        "Software-business revenue, average yearly growth",
    },
}


@pytest.fixture
def laptop_page(browser):
    """A 1366 x 768 page whose non-local requests are refused and recorded."""
    from tests.browser.conftest import offline

    with offline(browser, 1366, 768) as page:
        yield page


def _overlap(a: dict, b: dict) -> bool:
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


def _reads_at_a_glance(page, lang: str) -> None:
    """Every column of the grid in view (it does not scroll sideways, nor does the page), no "None"
    in the grid, and its hover toolbar over none of the controls above it."""
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    scroll = page.evaluate(
        """() => { const s = document.querySelector('[data-testid=stDataFrame] .dvn-scroller');
        return [s.scrollWidth, s.clientWidth, document.documentElement.scrollWidth, window.innerWidth] }"""
    )
    assert scroll[0] <= scroll[1] and scroll[2] <= scroll[3], scroll
    box = grid.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 1366
    grid.hover()
    toolbar = page.locator('[data-testid="stElementToolbar"]').first
    toolbar.wait_for(state="visible", timeout=10_000)
    tools = toolbar.bounding_box()
    controls = page.locator(  # what a reader clicks or reads above the grid
        '[data-testid="stMultiSelect"] [data-baseweb="select"], '
        '[data-testid="stSelectbox"] [data-baseweb="select"], [data-testid="stCheckbox"] label'
    )
    boxes = [controls.nth(i).bounding_box() for i in range(controls.count())]
    boxes += page.evaluate(  # the caption's words (its container spans the page's width)
        """() => [...document.querySelectorAll('[data-testid=stCaptionContainer]')].map(c => {
            const r = document.createRange(); const w = document.createTreeWalker(c, NodeFilter.SHOW_TEXT);
            r.selectNodeContents(w.nextNode()); const b = r.getBoundingClientRect();
            return {x: b.x, y: b.y, width: b.width, height: b.height} })"""
    )
    assert len(boxes) >= 4
    for other in boxes:
        if other and other["height"] and other["y"] < box["y"]:  # the controls above the grid
            assert not _overlap(tools, other), (tools, other)
    # the grid is a canvas: its cells are read through the copy the page keeps for screen readers
    headers = page.locator('[data-testid="stDataFrame"] table th').all_inner_texts()
    short = ("plan_status", "plan_short_target", "plan_short_way", "plan_target_name", "plan_short_latest")
    assert headers == [t(k, lang) for k in (*short, "plan_target")]
    cells = page.locator('[data-testid="stDataFrame"] table td').all_inner_texts()
    assert cells and all(c.strip() not in ("", "None") for c in cells)  # a missing value reads "—"


def _choose_behind_sorted(page, lang: str) -> None:
    for status in STATUSES:
        if status != "behind":
            chip = page.get_by_role("button", name=f"Remove {t(f'status_{status}', lang)}")
            if chip.count():
                chip.first.click()
                idle(page)
    box = page.locator('[data-testid="stSelectbox"]').first
    choose(page, box, page.get_by_role("option", name=t("plan_sort_share", lang)))
    idle(page)
    page.get_by_text(t("plan_shown", lang, n=4, total=19)).wait_for(timeout=30_000)


def _names_in_csv(data: bytes, lang: str) -> list[str]:
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert {r[t("plan_status", lang)] for r in rows} == {t("status_behind", lang)}
    return [r[t("plan_target_name", lang)] for r in rows]


def _names_in_xlsx(data: bytes, lang: str) -> list[str]:
    sheet = load_workbook(io.BytesIO(data))["data"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, (c.value for c in row), strict=True)) for row in sheet.iter_rows(min_row=2)]
    assert {r[t("plan_status", lang)] for r in rows} == {t("status_behind", lang)}
    assert all(isinstance(r[t("plan_x_latest", lang)], float | int) for r in rows)  # numbers, not text
    return [r[t("plan_target_name", lang)] for r in rows]


def _names_in_pptx(data: bytes, lang: str) -> list[str]:
    deck = Presentation(io.BytesIO(data))
    titles = [s.shapes.title.text for s in deck.slides]
    assert titles[1] == t("plan_headline", lang)  # the chart on its own slide
    assert titles[2:] == [t("plan_status_group", lang, status=t("status_behind", lang), n=4)]
    grid = next(s for s in deck.slides[2].shapes if s.has_table).table
    return [grid.cell(i, 0).text for i in range(1, len(grid.rows))]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_scorecard_reads_at_1366_and_downloads_follow_the_filter(laptop_page, app_url, tmp_path, lang):
    page = laptop_page
    page.goto(f"{app_url}/plan?lang={lang}")
    page.get_by_role("heading", name=t("plan_scorecard", lang)).wait_for(timeout=90_000)
    idle(page)
    _reads_at_a_glance(page, lang)
    _choose_behind_sorted(page, lang)
    _reads_at_a_glance(page, lang)
    order = None
    readers = {"csv": _names_in_csv, "xlsx": _names_in_xlsx, "pptx": _names_in_pptx}
    for fmt in ("csv", "xlsx", "pptx", "csv", "pptx", "xlsx", "pptx", "csv", "xlsx", "pptx"):
        names = readers[fmt](_download(page, t(f"download_{fmt}", lang), tmp_path), lang)
        assert set(names) == BEHIND[lang], fmt
        order = order or names
        assert names == order, fmt  # every file in the order shown
    # lowest share of the target first: software business (72.1) before the trillion (79.7)
    assert order[:2] == (
        ["软件业务收入", "软件和信息技术服务业营业收入"]
        if lang == "zh"
        else ["Software-business revenue", "Software and IT services: operating revenue"]
    )
    assert page.blocked.urls == []
