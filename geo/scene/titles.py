"""A map in words: its default title, its description for a reader who cannot see it, and the
sources it cites (``geo.scene.build.build_scene`` puts them into the scene)."""

from __future__ import annotations

from geo.data.load import MapData
from geo.data.names import prefecture_records
from geo.data.readings import resolve_reading
from geo.scene.change import change_description, change_sources, change_title
from geo.scene.legends import cited_by_id
from geo.scene.view import MapView
from geo.text.i18n import meta_number, meta_unit, pick, t


def describe(data: MapData, view: MapView, title: str) -> str:
    """The map in one or two sentences for a reader who cannot see it: the indicator's highest
    and lowest areas and how many have data; the layout's core, axis and belts; the bases and
    how many places are located."""
    lang = view.lang
    sep = t("alt_sep", lang)
    parts = []
    if "choropleth" in view.layers and view.change:
        parts += change_description(data, view)
    elif "choropleth" in view.layers:
        meta = data.meta(view.indicator)
        values = data.view(view.indicator, view.year, view.level, view.within)
        has = values.dropna(subset=["value"]).sort_values("value")
        fmt, unit = meta_number(meta, lang), meta_unit(meta, lang)

        def amount(row) -> str:
            return f"{fmt(row.value)} {unit}".strip()

        def name(row) -> str:
            return pick(row.name_zh, row.name_en, lang)

        if len(has) == 1:
            parts.append(t("alt_single", lang, name=name(has.iloc[0]), value=amount(has.iloc[0])))
        elif len(has) > 1:
            high, low = has.iloc[-1], has.iloc[0]
            parts.append(t("alt_range", lang, high=name(high), high_value=amount(high), low=name(low),
                           low_value=amount(low)))  # fmt: skip
        parts.append(t("alt_count", lang, n=len(has), total=len(values)))
    if "layout" in view.layers:
        reading = resolve_reading(data.layout, view.reading, data.seats)
        core = short_names(reading.core, lang)
        parts.append(t("alt_layout", lang, core_name=reading.core_name[lang], core=core,
                       axis_name=reading.axis_name[lang]))  # fmt: skip
        parts += [
            t("alt_belt", lang, name=pick(b.name_zh, b.name_en, lang), members=short_names(b.members, lang))
            for b in reading.belts
        ]
    if "bases" in view.layers:
        parts.append(t("alt_bases", lang))
    if "parks" in view.layers:
        parts.append(t("alt_places", lang, n=len(data.parks), m=len(data.parks_unmapped)))
    text = sep.join(parts)
    return t("alt_sentence", lang, title=title, parts=text[:1].upper() + text[1:]) if parts else title


def title_of(data: MapData, view: MapView) -> str:
    """The title a map of ``view`` carries: the reader's own, else what the map shows."""
    return view.title or default_title(data, view)


def default_title(data: MapData, view: MapView) -> str:
    """What the map shows, as its title: the indicator, its areas and year; else the layout and
    its reading; else the bases and parks; and the place when it is not the whole province."""
    lang = view.lang
    if "choropleth" in view.layers and view.change:
        title = change_title(data, view)
    elif "choropleth" in view.layers:
        meta = data.meta(view.indicator)
        values = data.view(view.indicator, view.year, view.level, view.within)
        years = values.loc[values["value"].notna(), "year"]
        year = view.year or (years.mode().iloc[0] if len(years) and years.mode().iloc[0] else "")
        title = t(
            f"title_by_{view.level}",
            lang,
            name=pick(meta["name_zh"], meta["name_en"], lang),
            year=t("title_year", lang, year=year) if year else "",
        )
    elif "layout" in view.layers:
        title = t("title_layout", lang, reading=resolve_reading(data.layout, view.reading, data.seats).key)
    elif {"bases", "parks"} & set(view.layers):
        title = t("title_places", lang)
    else:
        title = t("app_title", lang)
    place = _place_name(view)
    return t("title_in", lang, place=place, title=title) if place else title


def _place_name(view: MapView) -> str:
    """The prefecture drilled into or shown, or the Chengdu Plain; "" for the province or a box."""
    code = view.within or (view.extent if view.extent.isdigit() else "")
    if code in prefecture_records():
        pref = prefecture_records()[code]
        return pick(pref.name_zh, pref.name_en, view.lang)
    return t("chengdu_plain", view.lang) if view.extent == "chengdu-plain" else ""


def short_names(codes, lang: str) -> str:
    """Prefectures' short names in ``lang``, listed."""
    prefs = prefecture_records()
    return t("list_sep", lang).join(pick(prefs[c].short_zh, prefs[c].short_en, lang) for c in codes)


def view_cited(data, view) -> list[str]:
    """The sources, as the data cite them, of what a map view shows: its indicator's values, its
    layout reading, its places' locations, and the boundaries (``data/sources.csv``)."""
    cited = []
    if "choropleth" in view.layers and view.change:
        cited += change_sources(data, view)
    elif "choropleth" in view.layers:
        cited += list(data.view(view.indicator, view.year, view.level, view.within)["source"])
    if "layout" in view.layers:
        cited += cited_by_id(";".join(resolve_reading(data.layout, view.reading, data.seats).sources))
    if "parks" in view.layers:
        cited += [s for ids in data.parks["location_source_id"] for s in cited_by_id(ids)]
    return [*cited, *cited_by_id("cnmaps-boundaries")]
