"""The scene: what a view shows, decided once; every renderer only draws it.

``build_scene(data, view)`` resolves, for each layer in drawing order, its features (geometry in
the drawing datum, attributes), their tooltip and popup content as plain text, the classes and
colours of a choropleth, the names on the map (text, anchor inside its area, priority, the zoom
from which it shows), the legends and the sources. Nothing here knows folium, matplotlib or
python-pptx: the Leaflet layers (``geo.layers``), the slide map (``geo.render.static``) and the deck
(``geo.render.deck``) draw a ``Scene`` and decide nothing, so they cannot disagree.

Text in a scene is plain (not escaped): each renderer escapes for its own medium.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import geopandas as gpd
import pandas as pd
import shapely
from shapely.ops import polylabel

from geo.data.basemaps import Basemap, basemap_of
from geo.data.indicators import geodesic_area_km2
from geo.data.load import MapData, load_plan_sections
from geo.data.names import prefecture_records
from geo.data.readings import Reading, resolve_reading
from geo.scene import style
from geo.scene.classify import class_colors, class_scheme
from geo.scene.legends import (
    COPY_MARK,
    Legend,
    bases_legend,
    choropleth_legend,
    cited_by_id,
    full_sources,
    layout_legend,
    marked,
    parks_legend,
    source_names,
    unverified,
    value_writer,
)
from geo.scene.style import Info
from geo.scene.titles import describe, short_names, title_of, view_cited
from geo.scene.view import MapView
from geo.text.i18n import meta_number, meta_unit, named_unit, pick, plan_ref, t, unit_scale

DETAIL_ZOOM = 9  # places show one by one from this zoom on; a prefecture's count below it
CLUSTER_MIN = 3  # a prefecture with this many locations is shown as one count at low zoom


@dataclass(frozen=True)
class Label:
    text: str
    lon: float
    lat: float
    priority: int  # names are placed in this order (lower first)
    min_zoom: float = 0  # shown from this zoom on (interactive maps)
    area: tuple[tuple[float, float], ...] = ()  # (lat, lon) ring the name belongs inside
    kind: str = "area"  # "area" (a prefecture) or "place"


@dataclass(frozen=True)
class AreasLayer:
    """Prefecture outlines, or a choropleth: ``areas`` has adcode, geometry, ``fill`` (a colour,
    or None for no data) and ``tip`` (an ``Info``)."""

    name: str
    title: str
    areas: gpd.GeoDataFrame
    legend: Legend | None = None


@dataclass(frozen=True)
class LayoutLayer:
    name: str
    title: str
    reading: Reading
    shapes: gpd.GeoDataFrame  # the prefectures the core and belts are made of
    core: style.Area  # the core's look: filled, or an outline over a choropleth's classes
    region_opacity: float  # a region belt's fill: none over a choropleth's classes
    legend: Legend
    axis_tip: Info
    belt_tips: dict[str, Info]
    nodes: tuple[tuple[float, float, str], ...]  # external nodes: (lon, lat, name)
    belt_colors: tuple[str, ...]  # one per belt of ``reading``, in order (style.belt_colors)
    belt_outlines: tuple[shapely.Geometry, ...]  # one per belt: the union of its members (lon, lat)


@dataclass(frozen=True)
class Link:
    path: tuple[tuple[float, float], ...]  # (lon, lat)
    color: str
    tip: str


@dataclass(frozen=True)
class Mark:
    """A symbol on the map: a base (colour), a place (kind's shape) or a count of places."""

    lon: float
    lat: float
    shape: str
    color: str
    tip: str
    infos: tuple[Info, ...] = ()
    detail: bool = False  # hidden below DETAIL_ZOOM (its prefecture shows a count instead)
    count: int = 0  # a count of places: its number (a click selects its prefecture)
    prefecture: str = ""


@dataclass(frozen=True)
class MarksLayer:
    name: str
    title: str
    marks: tuple[Mark, ...]
    legend: Legend
    links: tuple[Link, ...] = ()
    labels: tuple[Label, ...] = ()


@dataclass(frozen=True)
class LabelsLayer:
    name: str
    labels: tuple[Label, ...]
    title: str = ""
    legend: None = None


@dataclass(frozen=True)
class Scene:
    view: MapView
    layers: tuple  # in drawing order: areas below lines below markers; names last
    title: str
    bounds: tuple[float, float, float, float]  # what it shows: min lon, min lat, max lon, max lat
    sources: tuple[tuple[str, str, str], ...] = field(default=())  # (short name, about, address)
    about: tuple[str, ...] = ()  # the indicator shown, with its unit, and its note
    plan_refs: tuple[tuple[str, str], ...] = ()  # the plan's sections it draws on: (reference, heading)
    description: str = ""  # what it shows in words: alt text of a slide's picture, a page's map
    whole: tuple[float, float, float, float] = ()  # the province's bounds ("whole province")
    ground: str | None = None  # the prefectures' fill under the rest (none under a choropleth's classes)
    basemap: Basemap | None = None  # its tiles (none for a slide)
    reading: Reading | None = None  # the layout reading of the view (shown or not: the panel's roles)
    areas: gpd.GeoDataFrame | None = None  # the prefectures a click selects (adcode, geometry)
    detailed: bool = False  # a slide shows each place (beyond the province's extent), not counts
    copies: bool = False  # a source shown is a copy only (its name marked; the mark explained once)

    def layer(self, name: str):
        return next((x for x in self.layers if x.name == name), None)

    def area_at(self, lon: float, lat: float) -> str | None:
        """The adcode of the prefecture under (lon, lat) in the scene's datum, whatever is drawn there."""
        hits = self.areas.sindex.query(shapely.Point(lon, lat), predicate="intersects")
        return str(self.areas["adcode"].iloc[hits[0]]) if len(hits) else None

    @property
    def legends(self) -> list[Legend]:
        return [x.legend for x in self.layers if x.legend is not None]

    @property
    def labels(self) -> list[Label]:
        """Every name on the map, in the order they are placed."""
        out = [lab for x in self.layers for lab in getattr(x, "labels", ())]
        return sorted(out, key=lambda lab: lab.priority)

    @property
    def still_labels(self) -> list[Label]:
        """The names a still picture of the scene shows: all where it shows each place
        (``detailed``); else those the interactive map shows below ``DETAIL_ZOOM``."""
        if self.detailed:
            return self.labels
        return [lab for lab in self.labels if lab.min_zoom < DETAIL_ZOOM]


def layer_names(view: MapView) -> list[str]:
    """The layers ``view`` shows, in drawing order (areas below lines below markers; labels last)."""
    return [*view.layers, *(["labels"] if view.labels else [])]  # MapView keeps layers in LAYERS order


def build_scene(data: MapData, view: MapView, *, sources: bool = True, layer=None) -> Scene:
    """Everything ``view`` of ``data`` shows (``data`` in the datum it is drawn in). ``layer``
    (default ``build_scene_layer``) builds each layer: the app passes one that reuses the layers
    its last views built."""
    view = view.checked(readings=data.layout["readings"])
    lang = view.lang
    layers = tuple((layer or build_scene_layer)(data, view, name) for name in layer_names(view))
    raw = view_cited(data, view) if sources else []
    cited = tuple(full_sources(raw, lang))
    about = ()
    if "choropleth" in view.layers:
        meta = data.meta(view.indicator)
        note = pick(meta.get("note_zh", ""), meta.get("note_en", ""), lang)
        about = (
            named_unit(pick(meta["name_zh"], meta["name_en"], lang), meta_unit(meta, lang)),
            *[note][: bool(note)],
        )
    sections = load_plan_sections().set_index("id")
    refs = [ref for ref, layers_ in PLAN_REFS if set(layers_) & set(view.layers)]
    plan_refs = tuple(
        (plan_ref(r, lang), pick(sections.loc[r, "heading_zh"], sections.loc[r, "title_en"], lang))
        for r in refs
    )
    bounds = data.extent_bounds(view.extent, view.within)
    title = title_of(data, view)
    description = describe(data, view, title)
    # a slide fills the prefectures under the rest, unless a choropleth's classes fill them
    filled = "prefectures" in view.layers and "choropleth" not in view.layers
    ground = style.PREFECTURE.fill if filled else None
    return Scene(
        view, layers, title, bounds, cited, about, plan_refs, description,
        whole=data.extent_bounds("province"),
        ground=ground,
        basemap=basemap_of(data.basemaps, view.basemap, lang),
        reading=resolve_reading(data.layout, view.reading, data.seats),
        areas=data.prefectures[["adcode", "geometry"]],
        copies=any(map(unverified, raw)),
        detailed=view.extent != "province",
    )  # fmt: skip


# The plan's sections each layer draws on: the spatial layout; the bases (Box 5); the parks.
PLAN_REFS = (("二(三)", ("layout",)), ("专栏5", ("bases", "parks")), ("四(三)2", ("parks",)))


def build_scene_layer(data: MapData, view: MapView, name: str):
    """One layer of the scene (the app builds and caches its layers one by one)."""
    return _BUILDERS[name](data, view)


# --- the layers -------------------------------------------------------------------------------


def _prefectures(data: MapData, view: MapView) -> AreasLayer:
    lang = view.lang
    areas = data.prefectures[["adcode", "name_zh", "name_en", "short_zh", "short_en", "kind", "geometry"]]
    first, second = ("name_zh", "name_en") if lang == "zh" else ("name_en", "name_zh")
    tips = [
        Info("", ((t(first, lang), r[first]), (t(second, lang), r[second]), (t("adcode", lang), r["adcode"])))
        for _, r in areas.iterrows()
    ]
    return AreasLayer(
        "prefectures", t("prefectures", lang), areas.assign(fill=style.PREFECTURE.fill, tip=tips)
    )


def _choropleth(data: MapData, view: MapView) -> AreasLayer:
    if view.change:  # a change between two years (geo.scene.change); off, it costs nothing
        from geo.scene.change import change_layer

        return change_layer(data, view, AreasLayer)
    lang = view.lang
    meta = data.meta(view.indicator)
    areas = data.areas(view.level, view.within)
    scheme, bins = class_scheme(
        data.indicators,
        view.indicator,
        areas["adcode"],
        scheme=view.scheme,
        k=view.k,
        bins=view.bins,
        breaks=view.breaks,
        scale=unit_scale(meta["unit_zh"], lang),
    )
    values = data.view(view.indicator, view.year, view.level, view.within)
    fmt, unit = meta_number(meta, lang), meta_unit(meta, lang)
    whole = meta["kind"] == "count"  # whole bounds ("74 – 283 firms")
    classes = class_colors(
        values, scheme=scheme, k=view.k, bins=bins, palette=view.palette, fmt=fmt, whole=whole
    )
    n_values = int(values["value"].notna().sum())
    tips = [_value_tip(r, unit, value_writer(meta, lang, r.source), n_values, lang)
            for r in values.itertuples()]  # fmt: skip
    shapes = areas.set_index("adcode").loc[values["adcode"]].geometry.values
    frame = gpd.GeoDataFrame({"adcode": values["adcode"].values, "tip": tips}, geometry=shapes, crs=areas.crs)
    frame["fill"] = pd.Series(classes.fills, index=frame.index, dtype=object)  # None stays None
    legend = choropleth_legend(values, meta, classes, lang)
    return AreasLayer("choropleth", pick(meta["name_zh"], meta["name_en"], lang), frame, legend)


def _value_tip(row, unit: str, fmt, n_values: int, lang: str) -> Info:
    """An area's value with its unit, rank, year and sources by short name (copies marked)."""
    name = pick(row.name_zh, row.name_en, lang)
    other = row.name_zh if lang == "en" else ""  # the Chinese name for English readers
    if row.value != row.value:  # no data
        return Info.kept(name, (("", other), (t("value", lang), t("no_data", lang))))
    sources = t("list_sep", lang).join(source_names([row.source], lang)) if row.source else ""
    rows = (
        ("", other),
        (t("value", lang), marked(f"{fmt(row.value)} {unit}".strip(), row.source)),
        (t("rank", lang), f"{row.rank} / {n_values}"),
        (t("year", lang), row.year or t("year_not_given", lang)),
        (t("source", lang), sources or t("no_source", lang)),
        ("", t("copy_mark", lang, mark=COPY_MARK) if unverified(row.source) else ""),
    )
    return Info.kept(name, rows)


def _layout(data: MapData, view: MapView) -> LayoutLayer:
    lang = view.lang
    reading = resolve_reading(data.layout, view.reading, data.seats)
    over_classes = "choropleth" in view.layers  # every class stays visible under the layout
    core = style.CORE_OVER_CLASSES if over_classes else style.CORE
    region_opacity = 0.0 if over_classes else style.BELT_REGION_OPACITY
    legend = layout_legend(reading, lang, core, region_opacity)
    interp = f"{t('interpretation', lang)}: {pick(reading.name_zh, reading.name_en, lang)}"
    axis_tip = Info(
        reading.axis_name[lang],
        ((t("members", lang), short_names(reading.axis_members, lang)), (t("basis", lang), interp)),
    )
    belt_tips = {
        b.id: Info(
            pick(b.name_zh, b.name_en, lang),
            ((t("members", lang), short_names(b.members, lang)), (t("basis", lang), interp)),
        )
        for b in reading.belts
    }
    nodes = tuple((n.lon, n.lat, f"→ {pick(n.name_zh, n.name_en, lang)}") for n in reading.external)
    shapes = data.prefectures.set_index("adcode").geometry  # indexed once for every belt
    return LayoutLayer(
        "layout",
        legend.title,
        reading,
        data.prefectures,
        core,
        region_opacity,
        legend,
        axis_tip,
        belt_tips,
        nodes,
        style.belt_colors(reading.belts),
        tuple(belt_outline(shapes, belt.members) for belt in reading.belts),
    )


def belt_outline(shapes: gpd.GeoSeries, members) -> shapely.Geometry:
    """The union of a belt's member prefectures (``shapes``, by adcode), merged as a coverage (they
    tile the province, as the data's tests check): a tenth of a general union's time."""
    return shapely.coverage_union_all(list(shapes.loc[list(members)]))


def _bases(data: MapData, view: MapView) -> MarksLayer:
    """The five bases on a ring around Chengdu's centre (the plan places them in Chengdu without
    sites), with dashed links to the parks each is interpreted to use."""
    lang = view.lang
    chengdu = prefecture_records()["510100"]
    ring = style.base_positions(data.seats["510100"], len(data.bases))
    parks = data.parks.set_index("id")
    marks, links = [], []
    for base, (lon, lat) in zip(data.bases.itertuples(), ring, strict=True):
        name = pick(base.name_zh, base.name_en, lang)
        linked = [p for p in base.linked_parks.split(";") if p]
        for pid in linked:
            park = parks.loc[pid]
            tip = f"{t('base_link', lang)}: {name} → {pick(park.name_zh, park.name_en, lang)}"
            links.append(Link(((lon, lat), (park.geometry.x, park.geometry.y)), base.color, tip))
        linked_names = "; ".join(pick(parks.loc[p, "name_zh"], parks.loc[p, "name_en"], lang) for p in linked)
        info = Info.kept(
            name,
            (
                ("", pick(base.name_en, base.name_zh, lang)),
                (t("prefecture", lang), pick(chengdu.name_zh, chengdu.name_en, lang)),
                (t("plan_ref", lang), plan_ref(base.plan_ref, lang)),
                ("", t("base_in_chengdu", lang)),
                (t("linked_parks", lang), linked_names),
                (t("basis", lang), pick(base.link_basis_zh, base.link_basis, lang)),
            ),
        )
        marks.append(Mark(lon, lat, base.symbol, base.color, name, (info,), prefecture="510100"))
    return MarksLayer("bases", t("bases", lang), tuple(marks), bases_legend(data.bases, lang), tuple(links))


def _parks(data: MapData, view: MapView) -> MarksLayer:
    """The located places by kind: those at one point share a mark; where a prefecture has many,
    one count stands for them below ``DETAIL_ZOOM``; their names show from that zoom on."""
    lang = view.lang
    base_names = {b.id: pick(b.name_zh, b.name_en, lang) for b in data.bases.itertuples()}
    records = list(data.parks.drop(columns="geometry").itertuples(index=False))
    at: dict[tuple[str, str], list] = {}
    for r in records:
        at.setdefault((r.lon, r.lat), []).append(r)
    per_pref: dict[str, int] = {}
    for rows in at.values():
        per_pref[rows[0].prefecture_adcode] = per_pref.get(rows[0].prefecture_adcode, 0) + 1
    dense = {code for code, n in per_pref.items() if n >= CLUSTER_MIN}
    marks, labels = [], []
    for (lon, lat), rows in at.items():
        first, sep = rows[0], t("list_sep", lang)
        marks.append(
            Mark(
                float(lon), float(lat), style.KIND_SHAPES[first.kind], style.PLACE_COLOR,
                "\n".join(pick(r.name_zh, r.name_en, lang) for r in rows),
                tuple(_place_info(r, base_names, data.themes, lang) for r in rows),
                detail=first.prefecture_adcode in dense, prefecture=first.prefecture_adcode,
            )
        )  # fmt: skip
        if view.labels:
            text = sep.join(pick(r.name_zh, r.name_en, lang) for r in rows)
            labels.append(Label(text, float(lon), float(lat), 1000 + len(labels), DETAIL_ZOOM, kind="place"))
    for code in sorted(dense):
        rows = [r for r in records if r.prefecture_adcode == code]
        pref = prefecture_records()[code]
        name = pick(pref.name_zh, pref.name_en, lang)
        tip = f"{name}: {len(rows)} {t('places', lang)} ({t('zoom_in', lang)})"
        lon = sum(float(r.lon) for r in rows) / len(rows)
        lat = sum(float(r.lat) for r in rows) / len(rows)
        marks.append(Mark(lon, lat, "count", "#333333", tip, count=len(rows), prefecture=code))
    legend = parks_legend(data.parks, lang, len(data.parks_unmapped))
    return MarksLayer("parks", t("parks", lang), tuple(marks), legend, labels=tuple(labels))


def _place_info(row, base_names: dict[str, str], themes: dict, lang: str) -> Info:
    pref = prefecture_records()[row.prefecture_adcode]
    themes_text = t("list_sep", lang).join(themes.get(x, {}).get(lang, x) for x in row.themes.split(";") if x)
    area = t("area_value", lang, km2=f"{float(row.area_km2):,g}") if row.area_km2 else ""
    metres = int(row.location_precision_m)
    precision = f"≈ {metres / 1000:g} km" if metres >= 1000 else f"≈ {metres} m"
    rows = (
        ("", row.name_zh if lang == "en" else ""),  # the Chinese name for English readers
        (t("kind", lang), t(f"kind_{row.kind}", lang)),
        (t("prefecture", lang), pick(pref.name_zh, pref.name_en, lang)),
        (t("base", lang), "; ".join(base_names[i] for i in row.base.split(";") if i)),
        (t("themes", lang), themes_text),
        (t("plan_ref", lang), plan_ref(row.plan_ref, lang)),
        (t("plan_name", lang), pick(row.plan_name_zh, row.plan_name_en, lang)),
        ("", pick(row.description_zh, row.description_en, lang)),
        (t("precision", lang), precision),
        (t("area", lang), area),
        (t("location_source", lang), location_sources(row.location_source_id, lang)),
        (t("location_note", lang), pick(row.location_note_zh, row.location_note, lang)),
    )
    return Info.kept(pick(row.name_zh, row.name_en, lang), rows)


def location_sources(ids: str, lang: str) -> str:
    """A place's location sources by short name (the full entries are on the sources page)."""
    return t("list_sep", lang).join(source_names(cited_by_id(ids), lang))


def _labels(data: MapData, view: MapView) -> LabelsLayer:
    """Each prefecture's short name at the pole of inaccessibility of its largest part, the
    larger prefectures first (by the geodesic area the map gives as their land area)."""
    size = geodesic_area_km2(data.prefectures.geometry)
    prefs = data.prefectures.assign(_size=size).sort_values("_size", ascending=False)
    labels = []
    for priority, row in enumerate(prefs.itertuples()):
        lon, lat = label_point(row.geometry)
        text = pick(row.short_zh, row.short_en, view.lang)
        labels.append(Label(text, round(lon, 4), round(lat, 4), priority, 0, tuple(label_area(row.geometry))))
    return LabelsLayer("labels", tuple(labels))


@lru_cache(maxsize=512)
def label_point(geom: shapely.Geometry) -> tuple[float, float]:
    """(lon, lat) inside ``geom``, as far from its edges as possible (largest part)."""
    point = polylabel(_largest(geom), tolerance=0.005)
    return point.x, point.y


@lru_cache(maxsize=512)
def label_area(geom: shapely.Geometry) -> tuple[tuple[float, float], ...]:
    """The outline a name stays inside, (lat, lon) points: the largest part, simplified (~2 km)."""
    ring = _largest(geom).simplify(0.02).exterior.coords
    return tuple((round(y, 3), round(x, 3)) for x, y in ring)


def _largest(geom: shapely.Geometry) -> shapely.Geometry:
    return max(getattr(geom, "geoms", [geom]), key=lambda g: g.area)


_BUILDERS = {
    "prefectures": _prefectures,
    "choropleth": _choropleth,
    "layout": _layout,
    "bases": _bases,
    "parks": _parks,
    "labels": _labels,
}
