"""What the app's panel says of one prefecture, decided once: its values with their sources, its
series, its places, what the plan promised there, its roles in the layout, the plan's mentions.

Takes the map data and the view's reading; gives an ``AreaProfile`` per prefecture as plain
text (not escaped: the panel escapes for Markdown) and numbers, so the panel only draws.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from geo.data.load import MapData, load_plan_mentions, load_plan_sections
from geo.data.names import prefecture_records
from geo.data.readings import Reading
from geo.data.sources import ADDRESS, is_cited
from geo.plan.figures import amount, plan_targets
from geo.scene.legends import source_name, source_names, unverified, value_writer
from geo.text.i18n import meta_unit, named_unit, pick, plan_ref, t, unit_scale


@dataclass(frozen=True)
class Value:
    """An indicator's value: its name, the number as written and its unit, whether it was read on a
    copy only, the year, and its sources by short name, each with its address when it is one of
    ours ("" otherwise)."""

    name: str
    number: str
    unit: str
    copy: bool
    year: str
    sources: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Series:
    """An indicator with several years: its name and unit, its values scaled to the unit shown,
    each with its text; the first and latest are the ends."""

    title: str
    years: tuple[str, ...]
    values: tuple[float, ...]
    texts: tuple[str, ...]


@dataclass(frozen=True)
class AreaProfile:
    adcode: str
    title: str  # both names and the adcode
    values: tuple[Value, ...]
    series: tuple[Series, ...]
    places: tuple[tuple[str, str, str], ...]  # (name, kind, plan section)
    targets: tuple[tuple[str, str, str, str], ...]  # (indicator, amount, plan section, status)
    roles: tuple[str, ...]  # in the layout reading
    mentions: tuple[tuple[str, str], ...]  # (plan section, its heading)


class AreaProfiles:
    """The prefectures' profiles of one data set, reading and language: each built once, when
    it is first asked for (``get``), the plan's targets read once."""

    def __init__(self, data: MapData, reading: Reading, lang: str):
        self._data, self._reading, self._lang = data, reading, lang
        self._built: dict[str, AreaProfile] = {}

    @cached_property
    def _targets(self) -> list:
        return plan_targets(self._data)

    def get(self, adcode: str) -> AreaProfile | None:
        """The profile of prefecture ``adcode`` (None for anything else, e.g. the province)."""
        if adcode not in prefecture_records():
            return None
        if adcode not in self._built:  # two sessions may both build it once
            self._built[adcode] = area_profile(self._data, adcode, self._reading, self._lang, self._targets)
        return self._built[adcode]


def area_profile(data: MapData, adcode: str, reading: Reading, lang: str, targets=None) -> AreaProfile:
    """What the panel says of prefecture ``adcode`` in ``lang`` (``targets``: ``plan_targets(data)``)."""
    p = prefecture_records()[adcode]
    rows = data.indicators[(data.indicators["adcode"] == adcode) & data.indicators["value"].notna()]
    parks = data.parks[data.parks["prefecture_adcode"] == adcode]
    mentions = load_plan_mentions()
    sections = load_plan_sections().set_index("id")
    refs = mentions.loc[mentions["adcode"] == adcode, "plan_ref"]
    targets = plan_targets(data) if targets is None else targets
    here = [tg for tg in targets if tg.figure["adcode"] == adcode]
    return AreaProfile(
        adcode,
        f"{pick(p.name_zh, p.name_en, lang)} · {pick(p.name_en, p.name_zh, lang)} ({adcode})",
        tuple(_value(data, r, lang) for r in rows.itertuples()),
        _series(data, rows, lang),
        tuple(
            (pick(r.name_zh, r.name_en, lang), t(f"kind_{r.kind}", lang), plan_ref(r.plan_ref, lang))
            for r in parks.itertuples()
        ),
        tuple(
            (
                pick(tg.figure["indicator_zh"], tg.figure["indicator_en"], lang),
                amount(tg.figure, lang),
                plan_ref(tg.figure["section"], lang),
                t(f"status_{tg.status}", lang),
            )
            for tg in here
        ),
        tuple(layout_roles(reading, adcode, lang)),
        tuple(
            (plan_ref(r, lang), pick(sections.loc[r, "heading_zh"], sections.loc[r, "title_en"], lang))
            for r in refs
        ),
    )


def _value(data: MapData, r, lang: str) -> Value:
    meta = data.meta(r.indicator)
    return Value(
        pick(meta["name_zh"], meta["name_en"], lang),
        value_writer(meta, lang, r.source)(r.value),
        meta_unit(meta, lang),
        unverified(r.source),
        r.year or t("year_not_given", lang),
        _sources(r.source, lang),
    )


def _sources(source: str, lang: str) -> tuple[tuple[str, str], ...]:
    """A row's sources by short name, with the address behind each that is one of ours (an
    uploaded address stays text); a computed value's inputs one by one."""
    if not source:
        return ((t("no_source", lang), ""),)
    if ADDRESS.fullmatch(source) and is_cited(source):
        return ((source_name(source, lang), source),)
    links = {source_name(u, lang): u for u in ADDRESS.findall(source) if is_cited(u)}
    return tuple((n, links.get(n, "")) for n in source_names([source], lang))


def _series(data: MapData, rows, lang: str) -> tuple[Series, ...]:
    """Each indicator the area has for several years, its values in year order."""
    out = []
    for indicator, series in rows.groupby("indicator", sort=False):
        if series["year"].nunique() < 2:
            continue
        meta = data.meta(indicator)
        series = series.sort_values("year")

        def write(value: float, series=series, meta=meta) -> str:
            source = series.loc[series["value"] == value, "source"]
            return value_writer(meta, lang, source.iloc[0] if len(source) else None)(value)

        title = named_unit(pick(meta["name_zh"], meta["name_en"], lang), meta_unit(meta, lang))
        scale = unit_scale(meta["unit_zh"], lang)
        out.append(
            Series(
                title,
                tuple(series["year"]),
                tuple(float(v) * scale for v in series["value"]),
                tuple(write(v) for v in series["value"]),
            )
        )
    return tuple(out)


def layout_roles(reading: Reading, adcode: str, lang: str) -> list[str]:
    """The prefecture's roles in the layout reading: the core (the plan's word), the axis and
    each belt (interpretations; a member the project adds to the source's list says so)."""
    roles = []
    if adcode in reading.core:
        roles.append(f"{reading.core_name[lang]} ({t('plan_word', lang)})")
    if adcode in reading.axis_members:
        roles.append(f"{reading.axis_name[lang]} ({t('interpretation', lang)})")
    for b in reading.belts:
        if adcode in b.members:
            kind = "added_by_us" if adcode in b.added else "interpretation"
            roles.append(f"{pick(b.name_zh, b.name_en, lang)} ({t(kind, lang)})")
    return roles
