"""Rerun cost with an upload: the same file gives the same data object, so nothing is rebuilt."""

import tracemalloc

from geo.data import load_map_data
from ui.uploads import data_with_upload

RAW = "地区,专利\n成都,10\n绵阳,4\n德阳,2\n".encode()


def test_the_same_upload_gives_the_same_data_object_on_every_rerun():
    bundled = load_map_data()
    first, _ = data_with_upload(bundled, RAW, "t.csv")
    assert first is not bundled and "upload:专利" in set(first.indicators["indicator"])
    assert "upload:专利" not in set(bundled.indicators["indicator"])  # the bundled data unchanged
    first.view("upload:专利")
    tracemalloc.start()
    for _ in range(200):
        again, _ = data_with_upload(bundled, RAW, "t.csv")
        assert again is first
        again.view("upload:专利")  # served from the view cache of that object
    grown = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    assert grown < 2_000_000, f"{grown} bytes kept over 200 reruns"


def test_a_refused_upload_leaves_the_bundled_data():
    bundled = load_map_data()
    data, outcome = data_with_upload(bundled, b"foo,bar\n1,2\n", "bad.csv")
    assert data is bundled and "no prefecture column" in str(outcome)
