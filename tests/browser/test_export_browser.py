"""The exported HTML in the real Chromium, offline: draws every layer, runs no injected code."""

import re
from dataclasses import replace
from functools import partial

import pytest

from geo.data.load import load_map_data, load_parks
from geo.export import write_html
from geo.layers.elements import LayerLegend
from geo.map import build_map
from geo.scene.view import MapView
from tests.browser.conftest import VIEW_RESETS, offline

MAP_JS = "window[Object.keys(window).find(k => k.startsWith('map_'))]"


def _open(page, path):
    page.goto(path.as_uri())
    page.wait_for_selector("path.leaflet-interactive")
    page.wait_for_function("document.querySelectorAll('.sw-legend').length >= 3")


@pytest.fixture(scope="module")
def default_export(tmp_path_factory):
    return write_html(tmp_path_factory.mktemp("export") / "map.html", partial(build_map, load_map_data()))


def test_export_draws_every_layer_with_no_network(offline_page, default_export):
    _open(offline_page, default_export)
    page = offline_page
    assert page.locator("path.leaflet-interactive").count() >= 21 + 1 + 2  # prefectures, core, axis
    overlays = page.locator(".leaflet-control-layers-overlays label").all_inner_texts()
    assert len(overlays) == 4
    assert page.locator(".sw-legend").count() == 3  # layout, bases, parks
    assert page.locator(".sw-icon").count() > 20
    assert page.blocked.urls == []
    assert page.console_errors == []


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
def test_no_control_covers_the_map(browser, default_export, size):
    """The layer switch sits with the legends beside the map, never over it."""
    with offline(browser, *size) as page:
        _open(page, default_export)
        switch = page.locator(".leaflet-control-layers").bounding_box()
        area = page.locator(".leaflet-container").bounding_box()
        apart = switch["x"] >= area["x"] + area["width"] - 1 or switch["y"] >= area["y"] + area["height"] - 1
        assert apart, (switch, area)
        assert page.locator(".leaflet-control-layers-overlays label").count() == 4  # still works
        assert page.blocked.urls == []


@pytest.mark.parametrize(("width", "folded"), [(480, True), (1366, False)])
def test_legends_start_folded_below_a_narrow_map_and_open_beside_a_wide_one(
    browser, default_export, width, folded
):
    """Below 600 px the legends go under the map, folded, so the map keeps its room; beside a wider
    map they are open (the rule of ``LayerLegend``: 600 px)."""
    with offline(browser, width, 800) as page:
        _open(page, default_export)
        page.wait_for_function("document.querySelector('.sw-legends').style.display === 'flex'")
        opened = page.evaluate("[...document.querySelectorAll('.sw-legend > details')].map(d => d.open)")
        assert len(opened) == 3 and opened == [not folded] * 3
        area = page.locator(".leaflet-container").bounding_box()
        dock = page.locator(".sw-legends").bounding_box()
        if folded:
            assert dock["y"] >= area["y"] + area["height"] - 1, (dock, area)  # under the map
        else:
            assert dock["x"] >= area["x"] + area["width"] - 1, (dock, area)  # beside it


def test_the_legends_dock_takes_its_room_before_the_areas_are_drawn(browser, default_export):
    """Beside a wide map the dock's room is taken before any area is drawn, so the map is fitted
    once and its paths are not drawn a second time when the first legend arrives."""
    with offline(browser, 1366, 768) as page:
        page.add_init_script(VIEW_RESETS)
        _open(page, default_export)
        page.wait_for_timeout(100)  # past the turn in which the room would be given back
        resets = page.evaluate("window.__resets")
        assert resets and resets == [0] * len(resets), resets
        area = page.locator(".leaflet-container").bounding_box()
        assert area["width"] == 1366 - LayerLegend.SIDE_PX  # the room went to the legends


def test_a_map_without_legends_keeps_its_whole_width(browser, tmp_path):
    """No legend comes: the dock takes no room (and none is reserved for it)."""
    bare = partial(build_map, load_map_data(), MapView(layers=("prefectures",)))
    path = write_html(tmp_path / "bare.html", bare)
    with offline(browser, 1366, 768) as page:
        page.goto(path.as_uri())
        page.wait_for_selector("path.leaflet-interactive")
        page.wait_for_timeout(100)
        assert page.locator(".leaflet-container").bounding_box()["width"] == 1366
        assert page.evaluate(
            "!document.querySelector('.sw-legends') || "
            "getComputedStyle(document.querySelector('.sw-legends')).display === 'none'"
        )


def test_toggling_a_layer_hides_its_legend(offline_page, default_export):
    _open(offline_page, default_export)
    page = offline_page
    page.locator(".leaflet-control-layers-overlays input").nth(2).uncheck()  # bases
    assert page.locator(".sw-legend").count() == 2
    page.locator(".leaflet-control-layers-overlays input").nth(2).check()
    assert page.locator(".sw-legend").count() == 3


def test_chengdu_opens_up_when_zoomed_in(offline_page, default_export):
    _open(offline_page, default_export)
    page = offline_page
    visible = "el => getComputedStyle(el).display !== 'none'"
    detail = page.locator(".sw-detail").first
    aggregate = page.locator(".sw-aggregate").first
    assert not detail.evaluate(visible) and aggregate.evaluate(visible)
    page.evaluate(f"{MAP_JS}.setView([30.57, 104.06], 10, {{animate: false}})")
    page.wait_for_function("document.querySelector('.leaflet-container').classList.contains('sw-zoomed')")
    assert detail.evaluate(visible) and not aggregate.evaluate(visible)


def test_hostile_names_show_as_text_and_run_nothing(offline_page, tmp_path, hostile_name):
    data = load_map_data()
    parks = load_parks()
    parks.loc[parks["id"] == "wenjiang-medical-city", "name_zh"] = hostile_name
    hostile = replace(data, parks=parks)
    path = write_html(tmp_path / "hostile.html", partial(build_map, hostile, MapView(layers=("parks",))))
    page = offline_page
    page.goto(path.as_uri())
    page.wait_for_selector(".sw-icon", state="attached")
    page.evaluate(f"{MAP_JS}.setView([30.70, 103.88], 12, {{animate: false}})")
    # open the popup and tooltip of the marker that carries the hostile name
    page.evaluate(
        f"""{MAP_JS}.eachLayer(l => {{
            if (l.getPopup && l.getPopup() && String(l.getPopup().getContent()).includes("onerror")) {{
                l.openPopup(); l.openTooltip();
            }}
        }})"""
    )
    popup_text = page.locator(".leaflet-popup-content").inner_text()
    tooltip_text = page.locator(".leaflet-tooltip").inner_text()
    assert hostile_name in popup_text and hostile_name in tooltip_text  # shown literally, as text
    assert page.evaluate("window.__pwned") is None
    assert page.locator(".leaflet-popup-content img").count() == 0


def test_exported_polygons_have_exactly_the_bundled_vertices(offline_page, default_export):
    """The page decodes the shared borders back into each prefecture's own rings."""
    _open(offline_page, default_export)
    drawn = offline_page.evaluate(
        f"""() => {{
        const map = {MAP_JS}, out = {{}};
        map.eachLayer(l => {{
            const p = l.feature && l.feature.properties;
            if (p && p.adcode && p.tip && p.fill === undefined && l.getLatLngs)  // the outlines
                out[p.adcode] = [l.getLatLngs().flat(3).length, l.getBounds().toBBoxString()];
        }});
        return out;
    }}"""
    )
    prefectures = load_map_data().prefectures
    assert len(drawn) == 21
    for row in prefectures.itertuples():
        polys = row.geometry.geoms if row.geometry.geom_type == "MultiPolygon" else [row.geometry]
        vertices = sum(len(r.coords) - 1 for p in polys for r in (p.exterior, *p.interiors))
        count, bbox = drawn[row.adcode]
        assert count == vertices, row.name_zh
        assert [round(float(v), 4) for v in bbox.split(",")] == [round(v, 4) for v in row.geometry.bounds]


def test_names_keep_their_areas_as_the_scene_drew_them(offline_page, default_export):
    """The outlines the names stay inside travel encoded (``geo.layers.elements.Labels``); the
    page's decoder gives back the scene's own points."""
    from geo.scene.build import label_area

    _open(offline_page, default_export)
    sets = offline_page.evaluate(f"{MAP_JS}._swLabelSets.map(s => s.areas)")
    prefectures = load_map_data().prefectures
    want = [[list(p) for p in label_area(g)] for g in prefectures.geometry]
    decoded = [[[round(x, 6) for x in p] for p in a] for areas in sets for a in areas if a]
    assert len(decoded) == 21
    for area in want:  # the scene orders names by priority: compare as a set of outlines
        assert area in decoded, area[:3]


def test_lines_drawn_with_leaflet_s_defaults_left_out(offline_page, default_export):
    """Options equal to Leaflet's defaults are not written; the drawn lines are as styled."""
    from geo.scene import style

    _open(offline_page, default_export)
    html = default_export.read_text(encoding="utf-8")
    assert not re.search(
        r'"bubblingMouseEvents": ?true|"smoothFactor": ?1\.0', html
    )  # scripts written compact
    drawn = offline_page.evaluate(
        "Array.from(document.querySelectorAll('path.sw-passive')).map(p => ["
        "p.getAttribute('stroke-linecap'), p.getAttribute('stroke-linejoin'), p.getAttribute('fill'),"
        "p.getAttribute('stroke-opacity'), p.getAttribute('stroke-width')])"
    )
    assert drawn and all(d == ["round", "round", "none", str(style.BELT_CORRIDOR_OPACITY),
                               str(style.BELT_CORRIDOR_WIDTH)] for d in drawn), drawn  # fmt: skip


def test_leaflet_s_compacted_stylesheet_means_what_the_shipped_one_means(offline_page):
    """The stylesheet an export inlines (``geo.assets.compact_css``) parses, in Chromium, to the
    same rules as Leaflet's file as shipped."""
    from geo.assets import _asset_text, leaflet_dir

    rules = (
        "(css) => { const s = new CSSStyleSheet(); s.replaceSync(css);"
        " return Array.from(s.cssRules, r => r.cssText); }"
    )
    offline_page.set_content("<p>rules</p>")
    shipped = offline_page.evaluate(rules, (leaflet_dir() / "leaflet.css").read_text(encoding="utf-8"))
    compacted = offline_page.evaluate(rules, _asset_text("leaflet.css"))
    assert len(shipped) > 50
    assert compacted == shipped


def test_legends_sources_and_popups_are_drawn_as_their_python_twins_say(offline_page, tmp_path):
    """Legends, the sources panel and popups travel as data and are drawn by the page's functions
    (``swLegendHtml``, ``swSourcesHtml``, ``swInfoHtml``); their Python twins (``legend_html``,
    ``sources_html``, ``info_html``) give the same markup."""
    from geo.layers.elements import LayerLegend, MapBox, MarkerSet
    from geo.layers.elements.boxes import sources_html
    from geo.layers.markup import info_html
    from tests.layers.helpers import of_type

    build = partial(build_map, load_map_data(), page_title=True)
    m = build()
    legends = [legend.html for legend in of_type(m, LayerLegend)]
    (sources,) = [sources_html(b.content) for b in of_type(m, MapBox) if b.css_class == "sw-sources"]
    popups = [
        "<hr>".join(info_html(i) for i in mark["infos"])
        for markers in of_type(m, MarkerSet)
        for mark in markers.markers
        if mark.get("infos")
    ]
    assert len(legends) == 3 and len(popups) > 20
    page = offline_page
    _open(page, write_html(tmp_path / "titled.html", build))
    as_parsed = (
        "hs => hs.map(h => { const d = document.createElement('div'); d.innerHTML = h; return d.innerHTML; })"
    )
    drawn = page.evaluate("[...document.querySelectorAll('.sw-legend')].map(e => e.innerHTML)")
    assert drawn == page.evaluate(as_parsed, legends)
    assert page.locator(".sw-sources").inner_html() == page.evaluate(as_parsed, [sources])[0]
    shown = page.evaluate(
        f"(() => {{ const out = []; {MAP_JS}.eachLayer(l => {{"
        " if (l.getPopup && l.getPopup()) out.push(String(l.getPopup().getContent())); }); return out; })()"
    )
    assert sorted(page.evaluate(as_parsed, shown)) == sorted(page.evaluate(as_parsed, popups))
    assert page.console_errors == []
