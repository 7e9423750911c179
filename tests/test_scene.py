"""The scene (``geo.scene.build``): what a view shows, decided once; then each renderer drew that.

The scene is checked against oracles outside it (the data's own tables, mapclassify, geodesic
areas, shapely); the renderers are checked against the scene, so the Leaflet map, the slide and
the deck cannot disagree.
"""

from __future__ import annotations

import ast
from dataclasses import replace
from itertools import pairwise
from pathlib import Path

import mapclassify
import numpy as np
import pytest
import shapely
from matplotlib.collections import LineCollection
from matplotlib.colors import to_hex
from pyproj import Geod
from shapely.geometry import Point, Polygon

from geo.data.load import load_map_data, load_sources
from geo.data.readings import resolve_reading
from geo.layers.elements import Labels, LineSet, MarkerSet
from geo.layers.markup import info_html
from geo.map import build_layer, build_map
from geo.render.static import LINE_SCALE, draw_scene
from geo.scene import style
from geo.scene.build import build_scene, build_scene_layer
from geo.scene.classify import palette_colors
from geo.scene.view import LAYERS, MapView
from tests.layers.helpers import of_type

ROOT = Path(__file__).resolve().parent.parent
DATA = load_map_data()
ALL = MapView(layers=LAYERS, indicator="gdp", year="2020", labels=True)
SCENE = build_scene(DATA, ALL)
PREFS = DATA.prefectures.set_index("adcode")


@pytest.mark.parametrize(
    "layers", [("layout",), ("prefectures", "parks"), ("choropleth", "bases"), tuple(reversed(LAYERS))]
)
def test_the_scene_holds_the_layers_asked_for_in_drawing_order(layers):
    scene = build_scene(DATA, MapView(layers=layers, labels=False))
    assert [x.name for x in scene.layers] == [n for n in LAYERS if n in layers]


def test_the_prefecture_layer_has_each_prefecture_once_with_both_names():
    areas = SCENE.layer("prefectures").areas
    assert sorted(areas["adcode"]) == sorted(PREFS.index) and len(PREFS) == 21
    for adcode, tip in zip(areas["adcode"], areas["tip"], strict=True):
        values = [v for _, v in tip.rows]
        assert PREFS.loc[adcode, "name_zh"] in values and PREFS.loc[adcode, "name_en"] in values


@pytest.mark.parametrize("breaks", ["per_year", "pooled"])
def test_the_choropleth_classes_are_mapclassify_s_quantiles_in_the_palette_s_order(breaks):
    """Per year: quantiles of that year's values; pooled: quantiles of every year's values of
    the indicator (one colour, one value range, in every year)."""
    view = MapView(layers=("choropleth",), indicator="gdp", year="2020", k=5, breaks=breaks)
    scene = build_scene(DATA, view)
    areas = scene.layer("choropleth").areas.set_index("adcode")
    values = DATA.view("gdp", "2020").set_index("adcode")["value"].dropna()
    if breaks == "per_year":
        theirs = mapclassify.Quantiles(values.to_numpy(), k=5)
    else:
        rows = DATA.indicators[
            (DATA.indicators["indicator"] == "gdp") & DATA.indicators["adcode"].isin(PREFS.index)
        ]
        pooled = mapclassify.Quantiles(rows["value"].dropna().to_numpy(), k=5).bins
        theirs = mapclassify.UserDefined(values.to_numpy(), list(pooled))
        assert rows["year"].nunique() > 1
    colors = palette_colors("YlGnBu", len(theirs.bins))
    for adcode, cls in zip(values.index, theirs.yb, strict=True):
        assert areas.loc[adcode, "fill"] == colors[cls], adcode
    missing = set(PREFS.index) - set(values.index)
    assert missing and all(areas.loc[a, "fill"] is None for a in missing)  # hatched, not coloured
    legend = scene.layer("choropleth").legend
    assert [e.swatch.color for e in legend.entries[: len(colors)]] == colors


def test_every_prefecture_name_sits_inside_its_own_prefecture():
    """At the pole of inaccessibility, not the bounding-box centre: Luzhou's and Meishan's
    bounding-box centres lie outside them, so a regression to centres fails here."""
    labels = {lab.text: lab for lab in SCENE.layer("labels").labels}
    assert len(labels) == 21
    for row in PREFS.itertuples():
        label = labels[row.short_zh]
        anchor = Point(label.lon, label.lat)
        assert row.geometry.contains(anchor), row.short_zh
        assert Polygon([(lon, lat) for lat, lon in label.area]).contains(anchor), row.short_zh
    centres_outside = [
        r.short_zh for r in PREFS.itertuples() if not r.geometry.contains(r.geometry.envelope.centroid)
    ]
    assert {"泸州", "眉山"} <= set(centres_outside)  # the test above would catch them


def test_names_are_placed_largest_prefecture_first():
    geod = Geod(ellps="WGS84")
    size = {r.short_zh: abs(geod.geometry_area_perimeter(r.geometry)[0]) for r in PREFS.itertuples()}
    names = [lab.text for lab in SCENE.labels if lab.kind == "area"]
    assert names == sorted(size, key=size.get, reverse=True)
    assert all(lab.priority > max(x.priority for x in SCENE.labels if x.kind == "area")
               for lab in SCENE.labels if lab.kind == "place")  # fmt: skip


def test_the_layout_layer_has_the_reading_s_core_axis_and_belts():
    reading = resolve_reading(DATA.layout, None, DATA.seats)
    layer = SCENE.layer("layout")
    assert layer.reading.core == reading.core == ("510100",)
    assert [b.id for b in layer.reading.belts] == [b.id for b in reading.belts]
    assert set(layer.belt_tips) == {b.id for b in reading.belts}
    labels = [e.label for e in layer.legend.entries]
    assert len(labels) == 2 + len(reading.belts)
    assert "规划原文" in labels[0] and all("解读" in x for x in labels[1:])


@pytest.mark.parametrize("reading_id", list(DATA.layout["readings"]))
def test_each_belt_s_outline_is_the_union_of_its_members(reading_id):
    """The scene's outline of a belt (merged as a coverage) is what a general union of the member
    prefectures gives (GEOS's overlay, the oracle), for every reading."""
    layer = build_scene(DATA, MapView(reading=reading_id, layers=("layout",))).layer("layout")
    shapes = PREFS.geometry
    for belt, outline in zip(layer.reading.belts, layer.belt_outlines, strict=True):
        union = shapely.union_all(list(shapes.loc[list(belt.members)]))
        assert outline.equals(union), belt.id


def test_every_located_place_is_in_exactly_one_mark():
    marks = SCENE.layer("parks").marks
    named = [i.title for m in marks for i in m.infos]
    assert sorted(named) == sorted(DATA.parks["name_zh"])
    counts = {m.prefecture: m.count for m in marks if m.count}
    per_pref = DATA.parks["prefecture_adcode"].value_counts()
    assert counts and all(per_pref[code] == n for code, n in counts.items())


def test_the_sources_name_every_source_of_the_values_shown():
    values = DATA.view("gdp", "2020")
    ids = {i for ids in values["source_id"].dropna() for i in str(ids).split(";") if i}
    known = load_sources().set_index("id")
    names = " ".join(name for name, _, _ in SCENE.sources)
    assert ids and ids <= set(known.index)
    for sid in ids:
        assert known.loc[sid, "short_zh"] in names, sid
    assert any("cnmaps" in name for name, _, _ in SCENE.sources)  # the boundaries, always


# --- each renderer drew what the scene says ----------------------------------------------------


def test_the_leaflet_map_drew_the_scene_s_fills_marks_and_names():
    (areas,) = [g for g in of_type(build_layer(DATA, ALL, "choropleth"), object) if hasattr(g, "data")]
    fills = {f["properties"]["adcode"]: f["properties"]["fill"] for f in areas.data["features"]}
    scene = SCENE.layer("choropleth").areas
    assert fills == {a: f or "url(#sw-no-data)" for a, f in zip(scene["adcode"], scene["fill"], strict=True)}
    (marker_set,) = of_type(build_layer(DATA, ALL, "parks"), MarkerSet)
    assert len(marker_set.markers) == len(SCENE.layer("parks").marks)
    popups = " ".join(info_html(i) for m in marker_set.markers for i in m.get("infos", []))
    assert all(name in popups for name in DATA.parks["name_zh"])
    (labels,) = of_type(build_layer(DATA, ALL, "labels"), Labels)
    assert [(d["text"], d["lon"], d["lat"]) for d in labels.labels] == [
        (lab.text, lab.lon, lab.lat) for lab in SCENE.layer("labels").labels
    ]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_slide_drew_the_scene_s_names_and_fills(lang):
    scene = build_scene(
        DATA, MapView(layers=("prefectures", "choropleth"), indicator="gdp", year="2020", lang=lang)
    )
    fig = draw_scene(scene)
    ax = fig.axes[0]
    drawn = sorted(x.get_text() for x in ax.texts if x.get_zorder() == 8)
    assert drawn == sorted(lab.text for lab in scene.labels)  # all 21 fit on a 16:9 slide
    faces = {to_hex(c) for coll in ax.collections for c in np.atleast_2d(coll.get_facecolor()) if c[3] > 0}
    fills = {f for f in scene.layer("choropleth").areas["fill"] if f}
    assert fills <= faces


def test_the_slide_draws_no_prefecture_outlines_when_that_layer_is_off():
    def outlines(layers):
        ax = draw_scene(build_scene(DATA, MapView(layers=layers, labels=False))).axes[0]
        return [c for c in ax.collections if isinstance(c, LineCollection)
                and to_hex(c.get_edgecolor()[0]) == style.PREFECTURE.edge]  # fmt: skip

    assert len(outlines(("prefectures", "layout"))) == 1
    assert outlines(("layout",)) == []


# odd widths no renderer would pick by itself: each drawn line must follow the style's
ODD = {"PREFECTURE": 1.7, "CHOROPLETH_EDGE": 1.3, "CORE": 3.9, "CORE_OVER_CLASSES": 4.3, "AXIS": 6.1}
ODD_PX = {
    "BELT_OUTLINE_WIDTH": 2.3,
    "BELT_LINE_WIDTH": 3.7,
    "BELT_CORRIDOR_WIDTH": 19,
    "BASE_LINK_WIDTH": 2.9,
}


@pytest.fixture
def odd_style(monkeypatch):
    from dataclasses import replace

    for name, width in ODD.items():
        monkeypatch.setattr(style, name, replace(getattr(style, name), width=width))
    for name, width in ODD_PX.items():
        monkeypatch.setattr(style, name, width)
    return [*ODD.values(), *ODD_PX.values()]


def test_line_widths_come_from_the_style_in_both_renderers(odd_style):
    """The slide draws every line at the style's width times LINE_SCALE, the page at the
    style's width: no renderer keeps a width of its own."""
    view = MapView(layers=("prefectures", "choropleth", "layout", "bases"), indicator="gdp", labels=False)
    views = [view, replace(view, layers=("prefectures", "layout"))]  # the core over classes, and filled
    drawn, page = set(), []
    for v in views:
        ax = draw_scene(build_scene(DATA, v)).axes[0]
        drawn |= {round(float(w), 3) for c in ax.collections for w in np.atleast_1d(c.get_linewidth())}
        drawn |= {round(line.get_linewidth(), 3) for line in ax.lines}
        page += [
            c for name in v.layers for x in [build_layer(DATA, v, name)] for c in [x, *of_type(x, object)]
        ]
    assert {round(w * LINE_SCALE, 3) for w in odd_style} <= drawn
    weights = {float(c.options["weight"]) for c in page if "weight" in (getattr(c, "options", None) or {})}
    weights |= {float(s["weight"]) for c in page if isinstance(c, LineSet) for s in c.styles if "weight" in s}
    for gj in page:
        if callable(getattr(gj, "style_function", None)) and getattr(gj, "data", None):
            weights.add(float(gj.style_function(gj.data["features"][0]).get("weight", 0)))
    assert set(map(float, odd_style)) <= weights


# --- renderers only draw -----------------------------------------------------------------------

RENDERERS = sorted(
    [*(ROOT / "geo/layers").rglob("*.py"), *(ROOT / "geo/render").glob("*.py"), ROOT / "geo/map.py"]
)
# Every module that decides what a map shows, found from the packages (a new one is on the list
# by itself): the data and its loaders, the scene's builders, the office's store, the uploads,
# the plan's figures.
DECIDERS = tuple(
    sorted(
        ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for package in ("geo/data", "geo/scene", "geo/office", "geo/uploads", "geo/plan")
        for path in (ROOT / package).glob("*.py")
    )
)
# What a renderer may take from them: the scene's types and constants and the one way into it
# (``build_scene``, ``map_scene``, ``map_layer``: a renderer's convenience entry builds the scene,
# then draws it), the view's type and layer order, the styles, the names' placement rule (each
# renderer applies it to its own pixels), the slide's projection, the plan's slides (a table
# drawn into a deck), the series chart's types.
SCENE_ENTRIES = {"build_scene", "map_scene", "map_layer"}
ALLOWED = {
    "geo.scene.style": None,  # any name
    "geo.scene.view": {"MapView", "LAYERS"},
    "geo.scene": {"style", "placement"},
    "geo.scene.interactive": SCENE_ENTRIES,
    "geo.scene.series": {"SeriesChart", "SeriesLine"},
    "geo.data.load": {"MapData"},
    "geo.data.datum": {"SICHUAN_LCC"},
    "geo.plan.export": {"DECK_PT", "group_slides"},
}


def _allowed(module: str, name: str) -> bool:
    if module == "geo.scene.build":  # its types (Scene, Mark...), constants (DETAIL_ZOOM...), entry
        return name[:1].isupper() or name in SCENE_ENTRIES
    names = ALLOWED.get(module, set())
    return names is None or name in names


def test_the_deciders_are_every_module_of_the_deciding_packages():
    assert {"geo.data.basemaps", "geo.data.readings", "geo.scene.build", "geo.scene.titles"} <= set(DECIDERS)
    assert "geo.scene.find" in DECIDERS and "geo.plan.figures" in DECIDERS and len(DECIDERS) > 40


def _imported(path: Path) -> list[tuple[str, str]]:
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            out += [(node.module, a.name) for a in node.names]
        elif isinstance(node, ast.Import):
            out += [(a.name, "") for a in node.names]
    return out


@pytest.mark.parametrize("path", RENDERERS, ids=lambda p: str(p.relative_to(ROOT)))
def test_a_renderer_imports_no_loader_indicator_classification_or_legend_builder(path):
    bad = [
        f"{module}.{name}"
        for module, name in _imported(path)
        if module.startswith(DECIDERS) and not _allowed(module, name)
    ]
    assert not bad, bad


@pytest.mark.parametrize("path", RENDERERS, ids=lambda p: str(p.relative_to(ROOT)))
def test_a_renderer_tells_no_scene_text_by_its_words(path):
    """Which note names the sources is the scene's (``SourceNote``), not a renderer's guess from
    how a text begins; no renderer keeps bounds of its own (the scene's ``bounds``, ``whole``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)]
    # a text told by how it begins with a word of the tables or a name ("Source:", a mark); a
    # literal such as an address's scheme ("http") is the medium's own business
    told = [
        ast.unparse(c)
        for c in calls
        if c.func.attr in ("startswith", "endswith") and not all(isinstance(a, ast.Constant) for a in c.args)
    ]
    assert not told, told
    boxes = [  # a literal box of coordinates: [[lat, lon], [lat, lon]] or (x0, y0, x1, y1)
        ast.unparse(n)
        for n in ast.walk(tree)
        if isinstance(n, (ast.List, ast.Tuple))
        and len(n.elts) in (2, 4)
        and all(isinstance(e, (ast.List, ast.Tuple, ast.Constant)) for e in n.elts)
        and any(isinstance(c, ast.Constant) and isinstance(c.value, float) and 20 < abs(c.value) < 120
                for c in ast.walk(n))
    ]  # fmt: skip
    assert not boxes, boxes


def test_the_slide_takes_nothing_from_the_leaflet_layers():
    assert not [m for m, _ in _imported(ROOT / "geo/render/static.py") if m.startswith("geo.layers")]


def _uploaded(values, unit: str):
    import pandas as pd

    rows = pd.DataFrame(
        {"adcode": PREFS.index[: len(values)], "indicator": "upload:企业数", "year": "2022", "value": values}
    ).assign(unit=unit, source_id="", note="", source="mine.csv")
    return DATA.with_indicators(rows)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_counts_get_whole_class_bounds_that_hold_their_values(lang):
    """Firms counted one by one: bounds like "74 – 283", the next class starting at 284, and
    every area's value inside the bounds of its colour's class."""
    values = [73, 120, 283, 284, 290, 500, 512, 760, 1200, 3000, 4100, 5000, 7, 9, 15, 18]
    scene = build_scene(
        _uploaded(values, "家"), MapView(layers=("choropleth",), indicator="upload:企业数", lang=lang)
    )
    layer = scene.layer("choropleth")
    bounds = []
    for entry in layer.legend.entries:
        text = entry.label.split(" (")[0].replace(",", "")
        if " – " in text:
            low, high = (t.split()[0] for t in text.split(" – "))
            assert "." not in low + high, entry.label
            bounds.append((entry.swatch.color, int(low), int(high)))
    assert all(b[1] == a[2] + 1 for a, b in pairwise(bounds))
    by_color = {color: (low, high) for color, low, high in bounds}
    fills = layer.areas.set_index("adcode")["fill"]
    for adcode, value in zip(PREFS.index, values, strict=False):
        low, high = by_color[fills[adcode]]
        assert low <= value <= high, (value, low, high)


def test_an_uploaded_indicator_keeps_the_decimals_it_was_given_in():
    values = [1.5, 2.25, 3.0, 4.75, 8.5, 9.0, 12.0, 13.5]
    scene = build_scene(_uploaded(values, "%"), MapView(layers=("choropleth",), indicator="upload:企业数"))
    labels = " ".join(e.label for e in scene.layer("choropleth").legend.entries)
    assert "1.50" in labels and "13.50" in labels  # two decimals, as given; not whole numbers


def _share_in_colour(fig, geometry, color: str) -> float:
    """The share of the pixels inside ``geometry`` (WGS-84) drawn in ``color`` on the slide."""
    from matplotlib.colors import to_rgb
    from matplotlib.path import Path as MplPath

    from geo.render.static import _lcc

    fig.canvas.draw()
    image = np.asarray(fig.canvas.buffer_rgba())[..., :3].astype(int)
    ax = fig.axes[0]
    part = max(getattr(geometry, "geoms", [geometry]), key=lambda g: g.area)
    ring = ax.transData.transform([_lcc(x, y) for x, y in part.exterior.coords])
    ring[:, 1] = image.shape[0] - ring[:, 1]  # pixel rows count from the top
    ys, xs = np.mgrid[0 : image.shape[0], 0 : image.shape[1]]
    inside = MplPath(ring).contains_points(np.column_stack([xs.ravel(), ys.ravel()])).reshape(xs.shape)
    target = np.array(to_rgb(color)) * 255
    return float((np.abs(image[inside] - target).max(axis=1) <= 3).mean())


def test_every_class_stays_visible_under_the_layout():
    """With the layout over a choropleth, the core is an outline: Chengdu's class colour fills
    most of Chengdu on the slide, and the page draws the core unfilled too."""
    view = MapView(layers=("choropleth", "layout"), indicator="gdp", year="2020", labels=False)
    scene = build_scene(DATA, view)
    fill = scene.layer("choropleth").areas.set_index("adcode").loc["510100", "fill"]
    assert _share_in_colour(draw_scene(scene), PREFS.loc["510100", "geometry"], fill) > 0.4  # lines cross it
    layout = build_layer(DATA, view, "layout")
    drawn = [g for g in of_type(layout, object) if getattr(g, "data", None) and hasattr(g, "style_function")]
    core = [g for g in drawn if any(f["properties"].get("adcode") == "510100" for f in g.data["features"])]
    assert core and all(g.style_function(None)["fillOpacity"] == 0 for g in core)
    alone = build_scene(DATA, replace(view, layers=("layout",)))
    assert alone.layer("layout").core.fill_opacity > 0  # without classes the core is filled


def test_every_marker_stands_inside_the_prefecture_it_stands_for():
    """A click selects the area under it, so a marker must lie in its own prefecture (the
    boundaries decide): a base the plan places in Chengdu is drawn inside Chengdu, a count of
    places inside the prefecture it counts."""
    view = MapView(layers=("prefectures", "bases", "parks"))
    for name in ("bases", "parks"):
        for mark in build_scene_layer(DATA, view, name).marks:
            assert DATA.area_at(mark.lon, mark.lat) == mark.prefecture, (name, mark.tip)


@pytest.mark.parametrize("reading", ["A", "B", "C"])
def test_each_belt_has_one_colour_in_the_legend_the_page_and_the_slide(reading):
    """The belts' colours are decided once: the legend's swatches, the Leaflet paths and the
    slide's lines all carry the scene's colour of each belt, and no two belts share one."""
    view = MapView(layers=("prefectures", "layout"), reading=reading)
    layer = build_scene_layer(DATA, view, "layout")
    colours = layer.belt_colors
    assert len(colours) == len(layer.reading.belts) == len(set(colours))
    swatches = [e.swatch.color for e in layer.legend.entries[2:]]  # after the core and the axis
    assert swatches == list(colours)
    page = build_map(DATA, view).get_root().render()
    assert all(c.lower() in page.lower() for c in colours)
    fig = draw_scene(build_scene(DATA, view))
    drawn = {to_hex(line.get_color()) for ax in fig.axes for line in ax.get_lines()}
    drawn |= {to_hex(c) for ax in fig.axes for coll in ax.collections for c in coll.get_edgecolor()}
    assert {c.lower() for c in colours} <= drawn


def test_a_reading_with_more_belts_than_colours_is_refused():
    with pytest.raises(ValueError, match="BELT_COLORS"):
        style.belt_colors(range(len(style.BELT_COLORS) + 1))


# --- each renderer drew what the scene decided, even when the scene decides otherwise -----------


def _faces(fig) -> set[str]:
    ax = fig.axes[0]
    return {to_hex(c) for coll in ax.collections for c in np.atleast_2d(coll.get_facecolor()) if c[3] > 0}


def test_the_slide_fills_the_ground_the_scene_gives_and_none_other():
    """The prefectures' fill under the rest is the scene's ``ground`` (none under a choropleth's
    classes): the slide fills what it is given, with or without a choropleth."""
    plain = build_scene(DATA, MapView(layers=("prefectures",), labels=False))
    classes = build_scene(DATA, MapView(layers=("prefectures", "choropleth"), indicator="gdp", labels=False))
    assert plain.ground == style.PREFECTURE.fill and classes.ground is None
    assert style.PREFECTURE.fill in _faces(draw_scene(plain))
    assert style.PREFECTURE.fill not in _faces(draw_scene(replace(plain, ground=None)))
    assert "#123456" in _faces(draw_scene(replace(classes, ground="#123456")))


def test_the_slide_puts_the_notes_the_scene_marks_as_sources_into_its_source_line():
    """A note is a source line by its type (``SourceNote``), whatever its words."""
    from geo.scene.style import SourceNote

    scene = build_scene(DATA, MapView(layers=("choropleth",), indicator="gdp", labels=False, lang="en"))
    layer = scene.layer("choropleth")
    assert [n for n in layer.legend.notes if n.startswith("Source:")] == list(layer.legend.source_notes)
    notes = (SourceNote("Taken from the test's own table"), "Source: a plain note, words and all")
    changed = replace(layer, legend=replace(layer.legend, notes=notes))
    fig = draw_scene(replace(scene, layers=(changed,)))
    foot = " ".join(x.get_text() for x in fig.texts)
    legend = " ".join(x.get_text() for lg in fig.legends for x in lg.get_texts())
    assert "Taken from the test's own table" in foot and "Taken from" not in legend
    assert "a plain note" in legend.replace("\n", " ") and "a plain note" not in foot


@pytest.mark.parametrize("extent", ["province", "510100"])
def test_the_leaflet_frame_fits_the_scene_s_bounds_and_its_whole_province(extent):
    """The page opens on the scene's bounds (the province's for the province's extent) and its
    "whole province" button goes to the scene's ``whole``: no bounds of the renderer's own."""
    from geo.layers.elements import ViewControls
    from geo.map import build_frame

    scene = build_scene(DATA, MapView(layers=("prefectures",), extent=extent))
    assert scene.whole == DATA.extent_bounds("province")
    assert scene.bounds == DATA.extent_bounds(extent)

    def fitted(s):
        m = build_frame(s)
        (controls,) = [c for c in m._children.values() if isinstance(c, ViewControls)]
        return controls.fit, controls.home

    (x0, y0, x1, y1), (w0, s0, e1, n1) = scene.bounds, scene.whole
    assert fitted(scene) == ([[y0, x0], [y1, x1]], [[s0, w0], [n1, e1]])
    odd = replace(scene, bounds=(101.5, 28.5, 102.5, 29.5), whole=(100.0, 27.0, 105.0, 31.0))
    assert fitted(odd) == ([[28.5, 101.5], [29.5, 102.5]], [[27.0, 100.0], [31.0, 105.0]])


def test_the_slide_shows_each_place_or_the_counts_as_the_scene_says():
    """A slide has no zoom: the scene says whether it shows each place (beyond the province's
    extent) or, at the province's, a count for a prefecture dense with places."""

    def counts(scene) -> list[str]:
        return [x.get_text() for x in draw_scene(scene).axes[0].texts if x.get_zorder() == 7]

    province = build_scene(DATA, MapView(layers=("prefectures", "parks"), labels=False))
    assert not province.detailed and build_scene(DATA, replace(province.view, extent="510100")).detailed
    dense = [str(m.count) for m in province.layer("parks").marks if m.count]
    assert dense and sorted(counts(province)) == sorted(dense)
    assert counts(replace(province, detailed=True)) == []


def test_the_deck_explains_the_copy_mark_when_the_scene_says_a_source_is_a_copy():
    from geo.render.deck import slide_notes
    from geo.text.i18n import t

    scene = build_scene(DATA, MapView(layers=("choropleth",), indicator="gdp", year="2020", lang="en"))
    explained = t("copy_mark", "en", mark=style.COPY_MARK)
    assert scene.copies and explained in slide_notes(scene)
    assert explained not in slide_notes(replace(scene, copies=False))
    plain = build_scene(DATA, MapView(layers=("prefectures",), lang="en"))
    assert not plain.copies and explained in slide_notes(replace(plain, copies=True))
