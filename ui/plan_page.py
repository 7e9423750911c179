"""The Plan page: how far the plan got, at a glance — the scorecard first, the headline target's
path below it, then each target in detail."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from geo.data.load import MapData, load_plan_figures
from geo.plan.chart import chart_frame, legend_colors
from geo.plan.export import SORTS, arrange, scorecard_csv, scorecard_deck, scorecard_xlsx
from geo.plan.figures import STATUSES, Target, amount, latest_text, plan_targets, scorecard
from geo.scene.legends import COPY_MARK
from geo.scene.view import MapView
from geo.text.escape import markdown_text
from geo.text.i18n import pick, plan_ref, quantity, t, unit_label
from ui.tables import show_table

HEADLINE = "t_sb_revenue"  # software-business revenue: 4,241 -> 8,400 亿元


def plan_page(data: MapData, view: MapView) -> None:
    """What the plan promised for 2025, from which 2020 baseline, and how far it got."""
    lang = view.lang
    st.title(t("page_plan", lang))
    st.caption(t("plan_intro", lang))
    figures = load_plan_figures()
    all_targets = plan_targets(data)  # bundled outcomes and those the office published
    headline = next(tg for tg in all_targets if tg.figure["id"] == HEADLINE)
    _scorecard(all_targets, headline, lang)
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


def _scorecard(all_targets: list[Target], headline: Target, lang: str) -> None:
    """The scorecard: status and shares first, filtered by status and sorted, every column on
    demand; its CSV, XLSX and PowerPoint follow the filter and the sort."""
    st.subheader(t("plan_scorecard", lang))
    shown = {t(f"status_{s}", lang): s for s in STATUSES}
    left, right = st.columns([3, 1])
    chosen = left.multiselect(
        t("plan_status_filter", lang), list(shown), default=list(shown), key="plan_status",
        placeholder=t("choose", lang),
    )  # fmt: skip
    sort = right.selectbox(
        t("plan_sort", lang), SORTS, key="plan_sort", format_func=lambda s: t(f"plan_sort_{s}", lang)
    )
    every = st.toggle(t("plan_all_columns", lang), key="plan_all_columns")
    rows = arrange(all_targets, statuses=[shown[c] for c in chosen], sort=sort)
    # a line between the filter and the table: the table's hover toolbar sits above its top edge
    st.caption(t("plan_shown", lang, n=len(rows), total=len(all_targets)))
    table = scorecard(rows, lang)
    shown_table = screen_table(table if every else table[[t(c, lang) for c in COMPACT]], lang)
    show_table(shown_table, column_config=None if every else _compact_columns(lang))
    if table[t("plan_latest", lang)].fillna("").str.endswith(COPY_MARK).any():
        st.caption(t("copy_mark", lang, mark=COPY_MARK))
    _downloads(rows, headline, lang)


COMPACT = (
    "plan_status",
    "plan_share_target",
    "plan_share_way",
    "plan_target_name",
    "plan_latest",
    "plan_target",
)
# pixels: the six compact columns fill the 904 px the main area has at 1366 x 768 (sidebar open)
_COMPACT_PX = (132, 90, 95, 270, 180, 133)


def screen_table(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The scorecard as the grid shows it: a missing value reads "—" (the grid shows a missing
    cell as "None" whatever the styler says), shares as text padded so that sorting by the
    column still orders them as numbers (a space sorts before a digit, "—" after)."""
    out = table.copy()
    for key in ("plan_share_target", "plan_share_way"):
        column = t(key, lang)
        if column in out:
            out[column] = [("—" if v != v else f"{v:.1f}".rjust(6)) for v in out[column]]
    return out.astype(object).where(out.notna(), "—").map(lambda v: "—" if v in ("", None) else v)


def _compact_columns(lang: str) -> dict:
    """Short headers (the full words in each header's help) and widths that fit 1366 px."""
    short = ("plan_status", "plan_short_target", "plan_short_way", "plan_target_name", "plan_short_latest",
             "plan_target")  # fmt: skip
    return {
        t(key, lang): st.column_config.Column(label=t(label, lang), width=px, help=t(key, lang))
        for key, label, px in zip(COMPACT, short, _COMPACT_PX, strict=True)
    }


_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


def _downloads(rows: list[Target], headline: Target, lang: str) -> None:
    """Three downloads of the rows shown, in their order. Each file's bytes are made now (the
    deck from a cache keyed by what it shows): a callable made when pressed is lost when a rerun
    re-creates the button, and the press then delivers nothing."""
    c1, c2, c3 = st.columns(3)
    csv = scorecard_csv(rows, lang)
    c1.download_button(
        t("download_csv", lang), csv, "sichuan-plan-scorecard.csv", "text/csv", key="dl_plan_csv"
    )
    c2.download_button(
        t("download_xlsx", lang), scorecard_xlsx(rows, lang), "sichuan-plan-scorecard.xlsx", _XLSX,
        key="dl_plan_xlsx",
    )  # fmt: skip
    deck = _deck(csv + scorecard_csv([headline], lang), lang, _rows=rows, _headline=headline)
    c3.download_button(
        t("download_pptx", lang), deck, "sichuan-plan-scorecard.pptx", _PPTX, key="dl_plan_pptx"
    )


@st.cache_data(max_entries=32, show_spinner=False)
def _deck(shown: bytes, lang: str, *, _rows: list[Target], _headline: Target) -> bytes:
    """The deck of ``_rows``; ``shown`` (the rows' and the headline's CSV) is its cache key."""
    return scorecard_deck(_rows, _headline, lang)


def path_chart(target: Target, lang: str) -> alt.LayerChart:
    """Baseline, the constant-growth path, reported values (one legend entry per tier, named as
    the panel names them: published by the office, verified, quoted, copy) and the target, in the
    unit ``lang`` reads, with labels large enough for a slide. Each year's labels go above, below,
    left and right of their points from the highest value down (``geo.plan.chart``), so none
    lies on another."""
    frame = chart_frame(target, lang)
    colors = legend_colors(frame, lang)
    axis = unit_label(target.figure["unit_zh"], target.figure["unit_en"], lang)
    legend = alt.Legend(labelFontSize=14, orient="bottom", labelLimit=400, columns=4)
    base = alt.Chart(frame).encode(
        x=alt.X(
            "year:O", title=t("year", lang), axis=alt.Axis(labelFontSize=14, titleFontSize=14, labelAngle=0)
        ),
        y=alt.Y("value:Q", title=axis, axis=alt.Axis(labelFontSize=14, titleFontSize=14)),
        color=alt.Color(
            "legend:N", title=None, legend=legend,
            scale=alt.Scale(domain=list(colors), range=list(colors.values())),
        ),
    )  # fmt: skip
    path = base.transform_filter(alt.datum.series == "path").mark_line(strokeDash=[6, 4])
    points = base.transform_filter(alt.datum.series != "path").mark_point(size=180, filled=True)
    layers = [path, points]
    for place, (dx, dy, align, baseline) in _LABEL_MARKS.items():
        layers.append(
            base.transform_filter(alt.datum.place == place)
            .mark_text(dx=dx, dy=dy, align=align, baseline=baseline, fontSize=15)
            .encode(text="label:N", color=alt.value("#222222"))
        )
    return alt.layer(*layers).properties(height=360)


# a label's offset from its point and its anchor, by ``place`` (geo.plan.chart.PLACES)
_LABEL_MARKS = {
    "above": (0, -12, "center", "bottom"),
    "below": (0, 12, "center", "top"),
    "left": (-12, 0, "right", "middle"),
    "right": (12, 0, "left", "middle"),
}


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
    if target.link:
        lines.append(f"- **{t('plan_link', lang)}**: {markdown_text(target.link_reason(lang))}")
    if target.growth is not None:
        lines.append(f"- {markdown_text(latest_text(target, lang))}")
    if target.settle(lang) and (target.growth is None if target.is_rate else target.latest is None):
        lines.append(f"- **{t('plan_settle', lang)}**: {markdown_text(target.settle(lang))}")
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
