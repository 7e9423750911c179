"""The panel after a click: seconds from a click inside a prefecture to its panel shown, each of
the 21 prefectures in turn in one session (nothing reset between clicks), on a warm server.

A click reruns only the map's part of the page (``ui.pages._map_and_panel`` is a fragment)."""

from __future__ import annotations

import statistics
import time

from bench.load import _drawn, _new_page, map_frame

# viewport point of (lat, lon) on the map of the frame, and a real click on whatever is drawn there
from tests.browser.test_read_and_click import _CLICK, _FRAME_POINT  # one copy of each


def panel_updates(browser, url: str) -> dict:
    """Median, min and max seconds from a click inside each prefecture to its panel's heading."""
    from geo.data.load import load_map_data
    from geo.scene.build import label_point

    data = load_map_data()
    page = _new_page(browser, [])
    page.goto(url)
    _drawn(page, "四川省“十四五”软件与信息服务业空间布局")
    frame = map_frame(page)
    times = []
    for row in data.prefectures.itertuples():
        lon, lat = label_point(row.geometry)
        point = frame.evaluate(_FRAME_POINT, [lat, lon])
        t0 = time.perf_counter()
        frame.evaluate(_CLICK, point)
        page.get_by_role("heading").filter(has_text=f"({row.adcode})").first.wait_for(timeout=60_000)
        times.append(time.perf_counter() - t0)
    page.context.close()
    return {
        "clicks": len(times),
        "median_s": statistics.median(times),
        "min_s": min(times),
        "max_s": max(times),
    }
