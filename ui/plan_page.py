"""The Plan page: how far the plan got, at a glance — the scorecard first, the headline target's
path below it, then each target in detail."""

from __future__ import annotations

import tempfile
from functools import partial
from pathlib import Path

import altair as alt
import pandas as pd
import streamlit as st

from geo.data import MapData, load_plan_figures
from geo.deck import write_deck
from geo.escape import markdown_text
from geo.i18n import pick, plan_ref, quantity, t, unit_label, unit_scale
from geo.legends import COPY_MARK
from geo.plan import STATUSES, Target, amount, path_frame, plan_targets, scorecard
from geo.tables import to_csv_bytes, to_xlsx_bytes
from geo.view import MapView
from ui.tables import show_table

HEADLINE = "t_sb_revenue"  # software-business revenue: 4,241 -> 8,400 亿元


def plan_page(data: MapData, view: MapView) -> None:
    """What the plan promised for 2025, from which 2020 baseline, and how far it got."""
    lang = view.lang
    st.title(t("page_plan", lang))
    st.caption(t("plan_intro", lang))
    figures = load_plan_figures()
    all_targets = plan_targets(data)  # bundled outcomes and those the office published
    _scorecard(all_targets, lang)
    headline = next(tg for tg in all_targets if tg.figure["id"] == HEADLINE)
    st.subheader(t("plan_headline", lang))
    st.altair_chart(path_chart(headline, lang), width="stretch")
    st.subheader(t("plan_details", lang))
    for target in all_targets:
        name = pick(target.figure["indicator_zh"], target.figure["indicator_en"], lang)
        with st.expander(f"{name} · {t(f'status_{target.status}', lang)}"):
            _details(target, lang)
    with st.expander(t("plan_all_baselines", lang)):
        base = figures[figures["kind"] == "baseline"]
        show_table(
            pd.DataFrame(
                {
                    t("indicator", lang): [
                        pick(a, b, lang)
                        for a, b in zip(base["indicator_zh"], base["indicator_en"], strict=True)
                    ],
                    t("value", lang): [amount(r, lang) for _, r in base.iterrows()],
                    t("plan_basis", lang): [
                        pick(a, b, lang) for a, b in zip(base["basis_zh"], base["basis_en"], strict=True)
                    ],
                    t("plan_ref", lang): [plan_ref(r, lang) for r in base["section"]],
                }
            )
        )


def _scorecard(all_targets: list[Target], lang: str) -> None:
    """The scorecard table, filtered by status, with its CSV and XLSX downloads."""
    st.subheader(t("plan_scorecard", lang))
    table = scorecard(all_targets, lang)
    shown = [t(f"status_{s}", lang) for s in STATUSES]
    chosen = st.multiselect(
        t("plan_status_filter", lang), shown, default=shown, key="plan_status", placeholder=t("choose", lang)
    )
    column = t("plan_status", lang)
    show_table(table[table[column].isin(chosen)])
    if (table[t("plan_latest", lang)].str.endswith(COPY_MARK)).any():
        st.caption(t("copy_mark", lang, mark=COPY_MARK))
    c1, c2, c3 = st.columns(3)
    about = {t("page_plan", lang): t("plan_scorecard", lang), "†": t("copy_mark", lang, mark=COPY_MARK)}
    c1.download_button(
        t("download_csv", lang),
        to_csv_bytes(table),
        "sichuan-plan-scorecard.csv",
        "text/csv",
        key="dl_plan_csv",
    )
    c2.download_button(
        t("download_xlsx", lang),
        to_xlsx_bytes(table, about),
        "sichuan-plan-scorecard.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="dl_plan_xlsx",
    )
    c3.download_button(  # made when pressed: the deck's title slide and the scorecard
        t("download_pptx", lang),
        partial(_scorecard_deck, table, lang),
        "sichuan-plan-scorecard.pptx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        key="dl_plan_pptx",
    )


def _scorecard_deck(table: pd.DataFrame, lang: str) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "scorecard.pptx"
        write_deck([], out, scorecard=table, lang=lang)
        return out.read_bytes()


def path_chart(target: Target, lang: str) -> alt.LayerChart:
    """Baseline, the constant-growth path, reported values (copies marked) and the target, in
    the unit ``lang`` reads, with labels large enough for a slide."""
    unit = target.figure["unit_zh"]
    frame = path_frame(target)
    frame["value"] *= unit_scale(unit, lang)
    names = {
        "baseline": t("plan_series_baseline", lang),
        "path": t("plan_series_path", lang),
        "target": t("plan_series_target", lang),
        "reported": t("plan_series_reported", lang),
    }
    frame["series"] = frame["series"].map(names)
    frame["label"] = [
        (f"{v:,.0f}" if abs(v) >= 1000 else f"{v:,.1f}".removesuffix(".0"))
        + (f" {COPY_MARK}" if tier == "copy" else "")
        for v, tier in zip(frame["value"], frame["tier"], strict=True)
    ]
    reported_years = set(frame.loc[frame["series"] == names["reported"], "year"])
    # the path is labelled where a value was reported: the gap is read off the chart
    frame["shown"] = (frame["series"] != names["path"]) | frame["year"].isin(reported_years)
    axis = unit_label(unit, target.figure["unit_en"], lang)
    colors = alt.Scale(domain=list(names.values()), range=["#1f4e79", "#8c8c8c", "#1a7f37", "#c0392b"])
    legend = alt.Legend(labelFontSize=14, orient="bottom", labelLimit=400)
    base = alt.Chart(frame).encode(
        x=alt.X(
            "year:O", title=t("year", lang), axis=alt.Axis(labelFontSize=14, titleFontSize=14, labelAngle=0)
        ),
        y=alt.Y("value:Q", title=axis, axis=alt.Axis(labelFontSize=14, titleFontSize=14)),
        color=alt.Color("series:N", title=None, scale=colors, legend=legend),
    )
    path = base.transform_filter(alt.datum.series == names["path"]).mark_line(strokeDash=[6, 4])
    points = base.transform_filter(alt.datum.series != names["path"]).mark_point(size=180, filled=True)
    # reported values labelled left of their points, the rest above theirs: a value reported
    # near the target or the path stays readable beside it
    labels = base.transform_filter(alt.datum.shown & (alt.datum.series != names["reported"]))
    labels = labels.mark_text(dy=-16, fontSize=15).encode(text="label:N")
    reported = base.transform_filter(alt.datum.series == names["reported"])
    reported = reported.mark_text(dx=-14, align="right", baseline="middle", fontSize=15)
    reported = reported.encode(text="label:N")
    return (path + points + labels + reported).properties(height=360)


def _details(target: Target, lang: str) -> None:
    fig = target.figure
    where = plan_ref(fig["section"], lang)
    lines = [f"- **{t('plan_target', lang)}**: {markdown_text(amount(fig, lang))} ({where})"]
    for label, figure in (("plan_baseline", target.baseline), ("plan_other_basis", target.other_basis)):
        if figure is not None:
            name = pick(figure["indicator_zh"], figure["indicator_en"], lang)
            lines.append(
                f"- **{t(label, lang)}**: {markdown_text(amount(figure, lang))} · {markdown_text(name)} "
                f"({plan_ref(figure['section'], lang)})"
            )
    if target.needed_growth is not None:
        lines.append(f"- {t('plan_needed', lang, rate=f'{target.needed_growth:.1f}%')}")
    basis = pick(fig["basis_zh"], fig["basis_en"], lang)
    if basis:
        lines.append(f"- **{t('plan_basis', lang)}**: {markdown_text(basis)}")
    note = pick(fig["note_zh"], fig["note_en"], lang)
    if note:
        lines.append(f"- {markdown_text(note)}")
    st.markdown("\n".join(lines))
    if len(target.outcomes):
        show_table(_reported(target.outcomes, lang))


def _reported(outcomes: pd.DataFrame, lang: str) -> pd.DataFrame:
    def both(column: str) -> list[str]:
        return [
            pick(a, b, lang) for a, b in zip(outcomes[f"{column}_zh"], outcomes[f"{column}_en"], strict=True)
        ]

    return pd.DataFrame(
        {
            t("year", lang): outcomes["year"].values,
            t("plan_period", lang): both("period"),
            t("indicator", lang): both("indicator"),
            t("value", lang): [
                quantity(v, a, b, 1 if v % 1 else 0, lang) + (f" {COPY_MARK}" if tier == "copy" else "")
                for v, a, b, tier in zip(
                    outcomes["value"], outcomes["unit_zh"], outcomes["unit_en"], outcomes["tier"], strict=True
                )
            ],
            t("plan_basis", lang): both("basis"),
            t("tier", lang): [t(f"tier_{x}", lang) for x in outcomes["tier"]],
            t("plan_publisher", lang): both("publisher"),
            t("plan_date", lang): outcomes["date"].values,
            t("note", lang): both("note"),
        }
    )
