import re

from geo.data.load import load_map_data, load_parks
from geo.layers.elements import MarkerSet
from geo.layers.markup import info_html
from geo.layers.parks import build_parks_layer
from geo.map import build_map
from geo.scene.build import CLUSTER_MIN
from geo.scene.view import MapView
from tests.layers.helpers import DATA, legend_html, of_type, render, scene_layer, with_frames


def _markers(layer) -> list[dict]:
    (marker_set,) = of_type(layer, MarkerSet)
    out = []
    for m in marker_set.markers:  # empty fields are left out; popups travel as data
        popup = "<hr>".join(info_html(i) for i in m.get("infos", []))
        out.append({"cls": "", "tip": "", **m, "popup": popup})
    return out


def popups_html(layer) -> list[str]:
    return [m["popup"] for m in _markers(layer) if m["popup"]]


def _layer(parks=None, data=None, lang="zh"):
    data = data or (DATA if parks is None else with_frames(parks=parks))
    return build_parks_layer(scene_layer("parks", data, lang=lang))


def test_one_marker_per_location_plus_aggregates():
    parks = load_parks()
    layer = _layer(parks)
    locations = parks.drop_duplicates(["lon", "lat"])
    dense = (locations["prefecture_adcode"].value_counts() >= CLUSTER_MIN).sum()
    assert dense >= 1  # Chengdu
    assert len(_markers(layer)) == len(locations) + dense
    assert len(popups_html(layer)) == len(locations)


def test_chengdu_markers_hide_at_province_zoom():
    layer = _layer()
    classes = [m["cls"] for m in _markers(layer)]
    assert sum("sw-aggregate" in c for c in classes) >= 1
    assert sum("sw-detail" in c for c in classes) >= CLUSTER_MIN
    html = render(layer)
    assert ".leaflet-container:not(.sw-zoomed) .sw-detail" in html


def test_popup_is_bilingual_with_provenance():
    (popup,) = [p for p in popups_html(_layer(lang="en")) if "Tianfu International Bio-Town" in p]
    for text in (
        "天府国际生物城",
        "Plan section",
        "Box 4",
        "Location precision",
        "≈ 3 km",
        "Location source",
        "Chengdu City",
    ):
        assert text in popup, text
    zh = next(p for p in popups_html(_layer(lang="zh")) if "天府国际生物城" in p)
    assert "规划章节" in zh and "定位精度" in zh and "专栏4" in zh


def test_base_links_are_labelled_interpretation():
    popup = next(p for p in popups_html(_layer(lang="en")) if "Qingchengshan" in p)
    assert "Industry base (interpretation)" in popup and "Smart tourism industry base" in popup


def test_hostile_text_is_escaped(hostile_name):
    parks = load_parks()
    parks.loc[0, "name_zh"] = hostile_name
    parks.loc[0, "location_note_zh"] = "<script>alert(1)</script>"  # the zh layer shows the zh note
    layer = _layer(parks)
    popup = popups_html(layer)[0]
    assert "<img" not in popup and "<script>" not in popup
    assert "&lt;img src=x onerror=" in popup and "&lt;script&gt;" in popup
    tooltips = [m["tip"] for m in _markers(layer)]
    assert tooltips
    assert not any("<img" in t for t in tooltips)


def test_legend_lists_kinds_and_unmapped_count():
    unmapped = DATA.parks_unmapped.sample(17, replace=True, random_state=1)
    legend = legend_html(_layer(data=with_frames(parks_unmapped=unmapped), lang="en"))
    assert "City-wide designation" in legend and "Science city" in legend
    assert "17 more places" in legend


def test_no_images_icon_fonts_or_remote_assets():
    html = build_map(load_map_data(), MapView(layers=("parks",))).get_root().render()
    assert "<img" not in html and "fa-" not in html and "glyphicon" not in html
    assert not re.search(r"(src|href)=\"https?://", html)
