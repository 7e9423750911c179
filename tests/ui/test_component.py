"""The map component's own page (ui/map_frame/): local files only, each one that exists."""

import re

from geo.assets import ensure_static
from ui.component import COMPONENT_ARGS, FRONTEND


def test_the_frame_page_loads_only_files_the_app_serves(tmp_path):
    page = (FRONTEND / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert sorted(links) == ["../../app/static/leaflet.css", "../../app/static/leaflet.js", "frame.js"]
    # /component/<name>/index.html -> ../../app/static/ is the app's static folder (/app/static/)
    static = ensure_static(tmp_path / "static")
    for link in links:
        served = link.startswith("../../app/static/")
        local = static / link.removeprefix("../../app/static/") if served else FRONTEND / link
        assert local.is_file(), link


def test_the_frame_script_reads_the_arguments_the_app_sends():
    script = (FRONTEND / "frame.js").read_text(encoding="utf-8")
    used = set(re.findall(r"args\.(\w+)|args\[\"(\w+)\"\]", script))
    read = {a or b for a, b in used}
    # what the page needs of st_folium's arguments; the rest it ignores (e.g. pixelated, width)
    assert read <= set(COMPONENT_ARGS)
    need = {"script", "header", "html", "height", "returned_objects", "default", "zoom", "center"}
    assert need | {"feature_group", "layer_control", "css_links", "js_links"} <= read
