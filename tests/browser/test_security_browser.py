"""Hostile text and links in the served app, in the real Chromium with the network cut:
template payloads show literally and run nothing on the server, Markdown fetches nothing, a
crafted link still draws the map."""

from __future__ import annotations

import csv
import json
import urllib.request

from tests.browser.conftest import choose, map_frame
from tests.browser.test_app_browser import legend_frame, legend_text
from tests.hostile import PAYLOADS

NAME = PAYLOADS["jinja_expr"]  # x{{7*7}}y


def _upload(page, tmp_path) -> None:
    table = tmp_path / "yearbook.csv"
    rows = [["地区", "indicator", "year", "value", "unit", "source", "note"]]
    for place, value in (("成都", "3"), ("绵阳", "2"), ("德阳", "1")):
        rows.append(
            [
                place,
                NAME,
                "2022",
                value,
                PAYLOADS["jinja_rce"],
                PAYLOADS["markdown_image"],
                PAYLOADS["jinja_block"],
            ]
        )
    with table.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    page.locator('section[data-testid="stSidebar"] input[type="file"]').set_input_files(str(table))
    page.get_by_text("Uploaded indicators loaded").wait_for(timeout=30_000)
    select = page.locator('section[data-testid="stSidebar"] [data-testid="stSelectbox"]').nth(1)
    choose(page, select, page.get_by_role("option").filter(has_text="7*7"))


def _all_text(page) -> str:
    texts = []
    for frame in page.frames:
        try:
            texts.append(frame.evaluate("document.documentElement.innerText"))
        except Exception:  # a frame replaced while Streamlit reruns
            continue
    return "\n".join(texts)


def test_template_payloads_in_an_upload_show_literally(offline_page, app_url, tmp_path, no_marker):
    page = offline_page
    page.goto(f"{app_url}/?lang=en&layers=prefectures,choropleth")
    map_frame(page, 21)
    _upload(page, tmp_path)
    frame = legend_frame(page, NAME)
    legend = legend_text(frame)
    assert f"{NAME} (uploaded)" in legend and PAYLOADS["markdown_image"] in legend
    frame.locator('path.leaflet-interactive[fill^="#"]').first.dispatch_event("mouseover")
    assert "x49y" not in _all_text(page) and "x49y" not in frame.content()
    assert page.blocked.urls == []


def test_the_compare_page_shows_an_uploaded_name_as_text(offline_page, app_url, tmp_path, no_marker):
    page = offline_page
    page.goto(f"{app_url}/?lang=en&layers=prefectures,choropleth")
    map_frame(page, 21)
    _upload(page, tmp_path)
    page.get_by_role("link", name="Compare").click()
    page.get_by_text(f"Ranking: {NAME} (uploaded)").wait_for(timeout=30_000)
    assert page.locator('img[src*="example.invalid"]').count() == 0  # the Markdown image is text
    assert "x49y" not in _all_text(page)
    assert page.blocked.urls == []


def test_a_crafted_link_draws_the_map_and_shows_no_traceback(offline_page, app_url):
    page = offline_page
    page.goto(f"{app_url}/?k=999999&bins=nan&scheme=user_defined&lang=en&layers=prefectures,choropleth")
    map_frame(page, 21)
    page.get_by_text("were not valid and were replaced by defaults").wait_for(timeout=30_000)
    text = _all_text(page)
    assert "Traceback" not in text and ".py" not in text
    assert page.blocked.urls == []


LINKISH = {
    "url": "http://evil.example/x",
    "www": "www.evil.example",
    "email": "boss@evil.example",
    "domain": "evil.example.com",
}


def test_addresses_in_an_upload_never_become_links(offline_page, app_url, tmp_path):
    """Uploaded names and sources that read as addresses stay text in the panel and on Compare
    (GitHub-flavoured Markdown would link them although their characters are escaped)."""
    page = offline_page
    page.goto(f"{app_url}/?lang=en&layers=prefectures&sel=510100")
    map_frame(page, 21)
    table = tmp_path / "links.csv"
    rows = [["地区", "indicator", "year", "value", "unit", "source"]]
    rows += [["成都", f"{kind} {text}", "2023", "1", text, text] for kind, text in LINKISH.items()]
    with table.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    page.locator('section[data-testid="stSidebar"] input[type="file"]').set_input_files(str(table))
    page.get_by_text("Uploaded indicators loaded").wait_for(timeout=30_000)
    main = page.locator('[data-testid="stMain"]')
    page.wait_for_function(  # the panel lists the uploaded values (word joiners are invisible)
        "() => document.querySelector('[data-testid=stMain]').innerText"
        ".replaceAll('\u2060', '').includes('boss@evil.example (2023)')",
        timeout=30_000,
    )
    shown = main.inner_text().replace("\u2060", "")
    assert all(text in shown for text in LINKISH.values())  # shown, as typed
    assert main.locator('a[href*="evil.example"]').count() == 0
    page.get_by_role("link", name="Compare").click()
    page.get_by_text("Ranking:").first.wait_for(timeout=30_000)
    assert page.locator('[data-testid="stMain"] a[href*="evil.example"]').count() == 0
    assert page.blocked.urls == []


def test_no_other_page_may_drive_the_served_app_by_message(app_url):
    # what the served page is told to accept messages from (Streamlit's default: its Community
    # Cloud's origins); the page then checks its own run's messages against none of them
    with urllib.request.urlopen(f"{app_url}/_stcore/host-config", timeout=10) as answer:
        config = json.load(answer)
    assert config["allowedOrigins"] == []
