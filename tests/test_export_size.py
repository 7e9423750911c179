"""The default export's size: what it carries, each part once and compactly."""

import json
import re
from functools import partial
from pathlib import Path

from geo.data.load import load_map_data
from geo.export import html_document
from geo.map import build_map
from geo.paths import SOURCES_CSV
from geo.scene.build import label_area
from tests.layers.test_elements import _decode


def _page() -> str:
    return html_document(partial(build_map, load_map_data(), page_title=True))


def test_the_default_export_stays_within_its_budget():
    # 334 KB before the label outlines were encoded and the ids numbered; Leaflet is 158 KB of it
    assert len(_page().encode()) <= 300 * 1024


def test_label_outlines_travel_encoded_and_decode_to_the_scene_s_points():
    page = _page()
    sets = [
        json.loads(found) for found in re.findall(r'swLabels\(\w+,\[.*?\],"sw-[\w-]+",\d+,(\[.*?\])\);', page)
    ]
    decoded = [tuple(map(tuple, _decode(a, 1e3))) for areas in sets for a in areas if a]
    want = {tuple(label_area(g)) for g in load_map_data().prefectures.geometry}
    assert len(decoded) == 21 and set(decoded) == want
    assert "[[28.567, 99.951]" not in page  # the outlines' JSON arrays are gone


def test_element_ids_are_numbered_and_nothing_else_is_touched():
    page = _page()
    assert not re.search(r"(geo_json|feature_group|poly_line|map|marker)_[0-9a-f]{32}", page)
    # a source's address with an underscore and 32 hex digits reaches the page unchanged
    urls = re.findall(r"https?://\S*_[0-9a-f]{32}\S*?(?=[,\s\"]|$)", SOURCES_CSV.read_text(encoding="utf-8"))
    assert urls
    assert all(re.search(r"_([0-9a-f]{32})", u).group(1) in page for u in urls)


def test_leaflet_s_stylesheet_travels_without_comments_or_layout():
    from geo.assets import leaflet_dir

    shipped = (leaflet_dir() / "leaflet.css").read_text(encoding="utf-8")
    page = _page()
    assert "/* required styles */" in shipped and "/* required styles */" not in page
    style = re.search(r"<style>(\.leaflet-pane,.*?)</style>", page, re.S).group(1)
    assert len(style.encode()) < 0.85 * len(shipped.encode())
    # only comments, white space and each block's last semicolon went: the rest is there, in order
    bare = re.sub(r"/\*.*?\*/|\s", "", shipped, flags=re.S).replace(";}", "}")
    assert re.sub(r"\s", "", style) == bare
    assert ".leaflet-safari .leaflet-tile{" in style  # a descendant combinator kept


def test_the_scripts_comments_stay_in_the_source():
    from geo.layers import elements

    source = "".join(p.read_text(encoding="utf-8") for p in Path(elements.__file__).parent.glob("*.py"))
    assert "// A click on a marker" in source  # the templates have whole-line comments
    page = _page()
    leaflet_end = page.index("//# sourceMappingURL=leaflet.js.map")  # the only one: Leaflet's own
    assert not re.search(r"^//", page[leaflet_end + 10 :], re.M)
    assert "A click on a marker" not in page
