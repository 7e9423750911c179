"""The panel of a clicked prefecture: what a clicked marker stands for, then the prefecture's
profile (``geo.plan.profile``): indicators, series, parks, the plan's targets, layout roles,
plan sections. Everything is decided before; this file draws it (data text escaped)."""

from __future__ import annotations

import threading
import weakref

import altair as alt
import pandas as pd
import streamlit as st

from geo.data.load import MapData
from geo.data.readings import Reading
from geo.plan.profile import AreaProfile, AreaProfiles
from geo.scene.build import Mark, Scene
from geo.scene.style import COPY_MARK, Info
from geo.text.escape import markdown_link, markdown_text
from geo.text.i18n import t

MARK_LAYERS = ("bases", "parks")  # layers whose markers a click can land on

_PROFILES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # data -> {(reading, lang): profiles}
_LOCK = threading.Lock()


def profiles(data: MapData, reading: Reading, lang: str) -> AreaProfiles:
    """The prefectures' profiles (``geo.plan.profile.AreaProfiles``: each built once, when first
    shown), kept per data set, reading and language."""
    with _LOCK:
        kept = _PROFILES.setdefault(data, {})
        return kept.setdefault((reading.key, lang), AreaProfiles(data, reading, lang))


def marks_at(scene: Scene, lon: float, lat: float) -> list[Mark]:
    """The markers of ``scene`` standing at (lon, lat) in its datum (a click on a marker reaches
    the app at the marker's own point), topmost layer first."""
    layers = [scene.layer(name) for name in reversed(MARK_LAYERS)]
    return [
        m
        for layer in layers
        if layer is not None
        for m in layer.marks
        if abs(m.lon - lon) < 1e-9 and abs(m.lat - lat) < 1e-9
    ]


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


def change_rows(scene: Scene, adcode: str, lang: str) -> None:
    """The clicked prefecture's change at the top of its panel: the change map's title, then its
    tooltip's rows (the change and rank, both ends with their years, tiers and sources, or the
    break's reason)."""
    layer = scene.layer("choropleth")
    tips = layer.areas.loc[layer.areas["adcode"] == adcode, "tip"] if layer is not None else []
    if not len(tips):
        return
    lines = [f"**{markdown_text(layer.title)}**"]
    lines += [f"- {markdown_text(k)}{'：' if lang == 'zh' else ': '}{markdown_text(v)}" if k else
              f"- {markdown_text(v)}" for k, v in tips.iloc[0].rows]  # fmt: skip
    st.markdown("\n".join(lines))


def value_lines(profile: AreaProfile, lang: str) -> list[str]:
    """One Markdown line per value: indicator, the number with its unit (a copy marked), the
    year, and each source's short name linked to its address when it is one of ours. Data text
    is escaped."""
    lines = []
    for v in profile.values:
        value = f"{v.number} {markdown_text(v.unit)}" + (f" {COPY_MARK}" if v.copy else "")
        sources = t("list_sep", lang).join(
            markdown_link(name, url) if url else markdown_text(name) for name, url in v.sources
        )
        lines.append(f"- **{markdown_text(v.name)}**: {value} ({markdown_text(v.year)}) · {sources}")
    return lines


def _series_chart(series) -> None:
    """An indicator's name and unit written out whole, its first and latest values with their
    years, and a small line whose axis starts near the data (never a flat line on a zero-based
    axis), its end points labelled."""
    first, last = 0, len(series.years) - 1
    st.markdown(
        f"**{markdown_text(series.title)}**  \n{markdown_text(series.years[first])}: "
        f"{markdown_text(series.texts[first])} → {markdown_text(series.years[last])}: "
        f"**{markdown_text(series.texts[last])}**"
    )
    shown = pd.DataFrame({"year": series.years, "value": series.values, "label": series.texts})
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


def prefecture_panel(profile: AreaProfile | None, lang: str) -> None:
    """The panel of a prefecture's ``profile`` (None: the hint to click one)."""
    if profile is None:
        st.caption(t("click_hint", lang))
        return
    st.subheader(profile.title)
    st.markdown(f"**{t('indicators_of', lang)}**")
    lines = value_lines(profile, lang)
    st.markdown("\n".join(lines) or t("none", lang))
    if any(COPY_MARK in line for line in lines):  # never silently
        st.caption(t("copy_mark", lang, mark=COPY_MARK))
    for series in profile.series:
        _series_chart(series)
    st.markdown(f"**{t('parks_in', lang)}**")
    lines = [
        f"- **{markdown_text(name)}** · {kind} · {markdown_text(ref)}" for name, kind, ref in profile.places
    ]
    st.markdown("\n".join(lines) or t("none", lang))
    if profile.targets:  # what the plan promised for this place, and how far it got
        st.markdown(f"**{t('plan_targets_here', lang)}**")
        st.markdown(
            "\n".join(
                f"- **{markdown_text(name)}**: {markdown_text(amount)} ({where}) · {status}"
                for name, amount, where, status in profile.targets
            )
        )
    st.markdown(f"**{t('layout_roles', lang)}**")
    st.text("\n".join(profile.roles) or t("none", lang))
    st.markdown(f"**{t('plan_mentions', lang)}**")
    st.text("\n".join(f"{ref}  {heading}" for ref, heading in profile.mentions) or t("none", lang))
