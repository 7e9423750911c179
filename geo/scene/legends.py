"""What each layer's legend says, in one place for both renderers (``geo.scene.style.Legend``).

The interactive map turns a ``Legend`` into HTML (``geo.layers.markup.legend_html``), the static
map into matplotlib handles (``geo.render.static``); a test compares the two for every layer and
language.
"""

from __future__ import annotations

import pandas as pd

from geo.data.indicators import COMPUTED, OFFICE, office_parts
from geo.data.readings import Reading
from geo.data.sources import cited, entries, parts, source_tier
from geo.scene import style
from geo.scene.classify import Classes
from geo.scene.style import COPY_MARK, Entry, Legend, SourceNote, Swatch
from geo.text.escape import short_source
from geo.text.i18n import meta_number, meta_unit, named_unit, number, pick, plan_ref, t

MAX_PUBLISHED_DECIMALS = 6


def published_decimals(value: float) -> int:
    """The decimals a value carries as written (118.5: 1; 17716.7: 1; 12: 0), at most
    ``MAX_PUBLISHED_DECIMALS``."""
    text = f"{float(value):.{MAX_PUBLISHED_DECIMALS}f}".rstrip("0")
    return len(text.split(".")[1]) if "." in text else 0


def value_writer(meta, lang: str, source: object = None):
    """A function writing a value of an indicator (its metadata row) as shown in ``lang``: in the
    indicator's decimals, or, for a value the office published, in those it was published with
    when they are more (118.5 亿元 stays 118.5, not 118)."""
    write = meta_number(meta, lang)
    if not (isinstance(source, str) and source.startswith(OFFICE)):
        return write
    decimals = int(meta["decimals"])

    def published(value: float) -> str:
        own = published_decimals(value)
        return number(value, meta["unit_zh"], own, lang) if own > decimals else write(value)

    return published


def unverified(source: object) -> bool:
    """Whether a value with this source was read on a copy only (``COPY_MARK`` follows it)."""
    return source_tier(source) == "copy"


def marked(text: str, source: object) -> str:
    """``text`` (a value as shown) followed by ``COPY_MARK`` when its source is a copy."""
    return f"{text} {COPY_MARK}" if unverified(source) else text


def cited_by_id(ids: str) -> list[str]:
    """The source texts (address, or title) of the ``;``-separated ids of ``data/sources.csv``
    entries a data row cites (e.g. a place's ``location_source_id``); an id may be followed by
    the section it cites (``plan 一(二)2``)."""
    keys = {row.id: key for key, row in entries()}
    out = []
    for ref in (r.strip() for r in ids.split(";")):
        if ref:
            source, _, section = ref.partition(" ")
            out.append(f"{keys[source]} {section}".strip())
    return out


def source_name(source: str, lang: str) -> str:
    """A source's short name in ``lang``: the bundled sources' own (``data/sources.csv``, with the
    cited section), otherwise an address's host or the text cut short (uploaded tables)."""
    if source.startswith(OFFICE):
        return _office_name(source, lang)
    row, section = cited(source)
    if row is None:
        return short_source(source)
    name = pick(row.short_zh, row.short_en, lang)
    name = f"{name} {plan_ref(section, lang)}" if section else name
    return f"{name} {COPY_MARK}" if row.tier == "copy" else name


def _office_name(source: str, lang: str) -> str:
    """A published value's source, named: "published by the office on DATE: its source"."""
    (office,) = office_parts(source) or [None]
    if office is None:
        return short_source(source)
    if office.text:
        name = t("office_source_text", lang, date=office.date, text=short_source(office.text))
    else:
        name = t("office_source", lang, date=office.date)
    return f"{name} {COPY_MARK}" if office.tier == "copy" else name


def full_sources(sources, lang: str) -> list[tuple[str, str, str]]:
    """Each source in full, once: (short name, title · publisher · date where the sources table
    has them, address or text). A computed value lists the sources it was computed from."""
    out: dict[str, tuple[str, str, str]] = {}
    for part in (p for source in sources for p in parts(source)):
        if part.startswith(OFFICE):
            (office,) = office_parts(part)
            about = f"{t('tier_office', lang)} · {office.date} · {t(f'tier_{office.tier}', lang)}"
            out.setdefault(part, (_office_name(part, lang), about, office.text))
            continue
        row, _ = cited(part)
        about = ""
        if row is not None:
            fields = (row.title, pick(row.publisher_zh, row.publisher_en, lang), row.date)
            about = " · ".join(x for x in fields if x)
        out.setdefault(part, (source_name(part, lang), about, part))
    return sorted(out.values())


def source_names(sources, lang: str) -> list[str]:
    """Sources named briefly, each once (``source_name``); a value this project computed says so in
    ``lang`` and names the sources of what it was computed from."""
    names: dict[str, None] = {}
    for source in sources:
        if isinstance(source, str) and source.startswith(COMPUTED):
            names[t("computed_by_us", lang)] = None
        names.update(dict.fromkeys(source_name(p, lang) for p in parts(source)))
    return list(names)


def choropleth_legend(view: pd.DataFrame, meta: pd.Series, classes: Classes, lang: str) -> Legend:
    """Classes (or the single value with its area's name), no-data count, year, source, note."""
    name = pick(meta["name_zh"], meta["name_en"], lang)
    unit = meta_unit(meta, lang)
    has = view["value"].notna()
    if classes.single:
        row = view[has].iloc[0]
        value = marked(value_writer(meta, lang, row.source)(row.value), row.source)
        label = f"{pick(row.name_zh, row.name_en, lang)}: {value} {unit} ({row.year})"
        entries = [Entry(_class_swatch(classes.legend[0][0]), label)]
    else:
        entries = [Entry(_class_swatch(color), label) for color, label in classes.legend]
    n_missing = int((~has).sum())
    if n_missing:
        no_data = Swatch("area", style.NO_DATA.fill, dash=(), hatch=True)
        entries.append(Entry(no_data, f"{t('no_data', lang)} ({n_missing})"))
    years = sorted({y for y in view.loc[has, "year"] if y})
    # short names (a page's host, a title cut short); the full list is on the data & sources page
    sources = sorted(source_names(view.loc[has, "source"], lang))
    notes = [
        f"{t('year', lang)}: {', '.join(years) or t('year_not_given', lang)}",
        SourceNote(f"{t('source', lang)}: {'; '.join(sources) or t('no_source', lang)}"),
    ]
    copies = int(view.loc[has, "source"].map(unverified).sum())
    if copies:  # never silently: how many values were read on a copy, and what the mark means
        notes.append(t("copy_values", lang, n=copies, mark=COPY_MARK))
    published = int(view.loc[has, "source"].map(lambda s: isinstance(s, str) and s.startswith(OFFICE)).sum())
    if published:  # the indicator's note describes the bundled values, not the office's
        notes.append(t("office_values", lang, n=published))
    note = pick(meta.get("note_zh", ""), meta.get("note_en", ""), lang)
    if note and not published:
        notes.append(note)
    return Legend(named_unit(name, unit), tuple(entries), tuple(notes))


def _class_swatch(color: str) -> Swatch:
    return Swatch("area", color, opacity=style.CHOROPLETH_OPACITY)


def layout_legend(
    reading: Reading, lang: str, core: style.Area = style.CORE, region_opacity: float = 0.3
) -> Legend:
    """The core (the plan's word), the axis and the belts (interpretations) of ``reading``, the
    core and regions swatched as drawn (outlines over a choropleth)."""
    entries = [
        Entry(
            Swatch("area", core.edge, opacity=core.fill_opacity),
            f"{reading.core_name[lang]} — {t('plan_word', lang)} ({plan_ref(reading.core_plan_ref, lang)})",
        ),
        Entry(
            Swatch("line", style.AXIS.color, dash=style.AXIS.dash, width=4),
            f"{reading.axis_name[lang]} — {t('interpretation', lang)}",
        ),
    ]
    for belt, color in zip(reading.belts, style.belt_colors(reading.belts), strict=True):
        swatch = (
            Swatch("area", color, opacity=region_opacity, dash=style.BELT_OUTLINE_DASH)
            if belt.draw == "region"
            else Swatch("line", color, width=8, opacity=0.5)
        )
        entries.append(
            Entry(swatch, f"{pick(belt.name_zh, belt.name_en, lang)} — {t('interpretation', lang)}")
        )
    return Legend(
        f"{t('layout', lang)} ({t('interpretation', lang)} {reading.key})",
        tuple(entries),
        (t("fact_vs_interp", lang),),
        (t("about_reading", lang), pick(reading.note_zh, reading.note_en, lang)),
    )


def bases_legend(bases: pd.DataFrame, lang: str) -> Legend:
    """The five bases' symbols, the interpretation links, and where the plan places them."""
    entries = [
        Entry(Swatch("symbol", b.color, shape=b.symbol), pick(b.name_zh, b.name_en, lang))
        for b in bases.itertuples()
    ]
    link = style.LEGEND_LINK
    entries.append(Entry(Swatch("line", link.color, dash=link.dash, width=link.width), t("base_link", lang)))
    return Legend(t("bases", lang), tuple(entries), (t("base_in_chengdu", lang),))


def parks_legend(parks: pd.DataFrame, lang: str, unmapped_count: int) -> Legend:
    """One symbol per kind of place present, and how many named places could not be located."""
    kinds = set(parks["kind"])
    entries = [
        Entry(Swatch("symbol", style.PLACE_COLOR, shape=shape), t(f"kind_{kind}", lang))
        for kind, shape in style.KIND_SHAPES.items()
        if kind in kinds
    ]
    notes = (t("unmapped_note", lang, n=unmapped_count),) if unmapped_count else ()
    return Legend(t("parks", lang), tuple(entries), notes)
