from tests.browser.conftest import map_frame


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
