"""The panel of a clicked prefecture: indicators, parks, layout roles, plan sections."""

from __future__ import annotations

import altair as alt
import streamlit as st

from geo.data.indicators import PROVINCE
from geo.data.load import MapData, load_plan_mentions, load_plan_sections
from geo.data.names import prefecture_records
from geo.data.readings import Reading
from geo.data.sources import ADDRESS, is_cited
from geo.plan.figures import amount, plan_targets
from geo.scene.build import Info, Mark, build_scene_layer
from geo.scene.legends import COPY_MARK, marked, source_name, source_names, value_writer
from geo.scene.view import MapView
from geo.text.escape import markdown_link, markdown_text
from geo.text.i18n import meta_unit, named_unit, pick, plan_ref, t, unit_scale

MARK_LAYERS = ("bases", "parks")  # layers whose markers a click can land on


def marks_at(drawn: MapData, view: MapView, lon: float, lat: float) -> list[Mark]:
    """The markers of ``view`` standing at (lon, lat) in the drawn datum (a click on a marker
    reaches the app at the marker's own point), topmost layer first."""
    layers = [build_scene_layer(drawn, view, name) for name in reversed(MARK_LAYERS) if name in view.layers]
    return [m for layer in layers for m in layer.marks if abs(m.lon - lon) < 1e-9 and abs(m.lat - lat) < 1e-9]


def place_details(marks: list[Mark], lang: str) -> None:
    """What a clicked marker stands for (a place, a base, a count of places), as its popup would
    show it, above the panel of its prefecture. Data text is escaped."""
    for mark in marks:
        for info in mark.infos or (Info(mark.tip),):
            rows = "".join(
                f"\n- {markdown_text(f'{label}: {value}' if label else value)}" for label, value in info.rows
            )
            with st.container(border=True):
                st.markdown(f"**{markdown_text(info.title)}**{rows}")


def layout_roles(reading: Reading, adcode: str, lang: str) -> list[str]:
    roles = []
    if adcode in reading.core:
        roles.append(f"{reading.core_name[lang]} ({t('plan_word', lang)})")
    if adcode in reading.axis_members:
        roles.append(f"{reading.axis_name[lang]} ({t('interpretation', lang)})")
    for b in reading.belts:
        if adcode in b.members:  # a member the project adds to the source's list says so
            kind = "added_by_us" if adcode in b.added else "interpretation"
            roles.append(f"{pick(b.name_zh, b.name_en, lang)} ({t(kind, lang)})")
    return roles


def indicator_lines(data: MapData, adcode: str, lang: str) -> list[str]:
    """One Markdown line per value: indicator, the number in the indicator's decimals with its
    unit in ``lang``, the year, and the source's short name linked to it. Data text is escaped."""
    rows = data.indicators[(data.indicators["adcode"] == adcode) & data.indicators["value"].notna()]
    lines = []
    for r in rows.itertuples():
        meta = data.meta(r.indicator)
        name = markdown_text(pick(meta["name_zh"], meta["name_en"], lang))
        unit = markdown_text(meta_unit(meta, lang))
        value = marked(f"{value_writer(meta, lang, r.source)(r.value)} {unit}", r.source)
        year = markdown_text(r.year or t("year_not_given", lang))
        source = _source(r.source, lang)
        lines.append(f"- **{name}**: {value} ({year}) · {source}")
    return lines


def _source(source: str, lang: str) -> str:
    """A row's source as a short name (Markdown) with the link behind it when it is one of ours
    (an uploaded address stays text); a computed value's inputs linked one by one."""
    if not source:
        return t("no_source", lang)
    if ADDRESS.fullmatch(source) and is_cited(source):
        return markdown_link(source_name(source, lang), source)
    links = {source_name(u, lang): u for u in ADDRESS.findall(source) if is_cited(u)}
    names = source_names([source], lang)
    shown = (markdown_link(n, links[n]) if n in links else markdown_text(n) for n in names)
    return t("list_sep", lang).join(shown)


def _target_line(target, lang: str) -> str:
    fig = target.figure
    name = markdown_text(pick(fig["indicator_zh"], fig["indicator_en"], lang))
    where = plan_ref(fig["section"], lang)
    status = t(f"status_{target.status}", lang)
    return f"- **{name}**: {markdown_text(amount(fig, lang))} ({where}) · {status}"


def _series_charts(data: MapData, adcode: str, lang: str) -> None:
    """Each indicator the area has for several years: its name and unit written out whole, its
    first and latest values with their years, and a small line whose axis starts near the data
    (never a flat line on a zero-based axis), its end points labelled."""
    rows = data.indicators[(data.indicators["adcode"] == adcode) & data.indicators["value"].notna()]
    for indicator, series in rows.groupby("indicator", sort=False):
        if series["year"].nunique() < 2:
            continue
        meta = data.meta(indicator)
        series = series.sort_values("year")
        first, last = series.iloc[0], series.iloc[-1]

        def write(value: float, series=series, meta=meta) -> str:
            source = series.loc[series["value"] == value, "source"]
            return value_writer(meta, lang, source.iloc[0] if len(source) else None)(value)

        title = named_unit(pick(meta["name_zh"], meta["name_en"], lang), meta_unit(meta, lang))
        st.markdown(
            f"**{markdown_text(title)}**  \n{markdown_text(first.year)}: {markdown_text(write(first.value))}"
            f" → {markdown_text(last.year)}: **{markdown_text(write(last.value))}**"
        )
        shown = series.assign(value=series["value"] * unit_scale(meta["unit_zh"], lang))[["year", "value"]]
        shown = shown.assign(label=[write(v) for v in series["value"]])
        ends = shown.iloc[[0, -1]]
        base = alt.Chart(shown).encode(
            x=alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0)),
            y=alt.Y(
                "value:Q",
                title=None,
                scale=alt.Scale(zero=False, nice=True),
                axis=alt.Axis(tickCount=3, labelOverlap=True, format="~s"),
            ),
        )
        labels = alt.Chart(ends).mark_text(dy=-9, fontSize=10).encode(x="year:O", y="value:Q", text="label:N")
        chart = (base.mark_line(point=True) + labels).properties(height=110, padding={"top": 14})
        st.altair_chart(chart, width="stretch")


def prefecture_panel(data: MapData, adcode: str, reading: Reading, lang: str) -> None:
    if adcode not in prefecture_records() or adcode == PROVINCE:
        st.caption(t("click_hint", lang))
        return
    p = prefecture_records()[adcode]
    st.subheader(f"{pick(p.name_zh, p.name_en, lang)} · {pick(p.name_en, p.name_zh, lang)} ({adcode})")
    st.markdown(f"**{t('indicators_of', lang)}**")
    lines = indicator_lines(data, adcode, lang)
    st.markdown("\n".join(lines) or t("none", lang))
    if any(COPY_MARK in line for line in lines):  # never silently
        st.caption(t("copy_mark", lang, mark=COPY_MARK))
    _series_charts(data, adcode, lang)
    st.markdown(f"**{t('parks_in', lang)}**")
    parks = data.parks[data.parks["prefecture_adcode"] == adcode]
    lines = [
        f"- **{markdown_text(pick(r.name_zh, r.name_en, lang))}** · {t(f'kind_{r.kind}', lang)} · "
        f"{markdown_text(plan_ref(r.plan_ref, lang))}"
        for r in parks.itertuples()
    ]
    st.markdown("\n".join(lines) or t("none", lang))
    place_targets = [tg for tg in plan_targets(data) if tg.figure["adcode"] == adcode]
    if place_targets:  # what the plan promised for this place, and how far it got
        st.markdown(f"**{t('plan_targets_here', lang)}**")
        st.markdown("\n".join(_target_line(tg, lang) for tg in place_targets))
    st.markdown(f"**{t('layout_roles', lang)}**")
    st.text("\n".join(layout_roles(reading, adcode, lang)) or t("none", lang))
    st.markdown(f"**{t('plan_mentions', lang)}**")
    mentions = load_plan_mentions()
    sections = load_plan_sections().set_index("id")
    refs = mentions.loc[mentions["adcode"] == adcode, "plan_ref"]
    st.text(
        "\n".join(
            f"{plan_ref(r, lang)}  {pick(sections.loc[r, 'heading_zh'], sections.loc[r, 'title_en'], lang)}"
            for r in refs
        )
        or t("none", lang)
    )
