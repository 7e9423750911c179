"""The scorecard as taken away (geo/plan/export.py) and the headline chart (geo/plan/chart.py):
filtered and sorted rows, numbers as numbers, a slide per status group at 14 pt or more, the
chart's legend by tier and value labels that never lie on one another."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from geo.data.load import load_plan_figures, load_plan_outcomes
from geo.plan.export import arrange, export_table, scorecard_csv, scorecard_deck, scorecard_xlsx
from geo.plan.figures import targets
from geo.text.i18n import t

TARGETS = targets(load_plan_figures(), load_plan_outcomes())
BY_ID = {tg.figure["id"]: tg for tg in TARGETS}
BEHIND = {"t_si_revenue", "t_si_growth", "t_sb_revenue", "t_sb_growth"}  # read off the plan by hand


def test_the_filter_and_the_sort_choose_and_order_the_rows():
    behind = arrange(TARGETS, statuses=["behind"], sort="share")
    assert {tg.figure["id"] for tg in behind} == BEHIND
    # lowest share first: 72.1 (software business) before 79.7 (the trillion); rates have none: last
    assert [tg.figure["id"] for tg in behind[:2]] == ["t_sb_revenue", "t_si_revenue"]
    assert arrange(TARGETS, statuses=[], sort="plan") == []
    assert [tg.figure["id"] for tg in arrange(TARGETS)] == list(BY_ID)  # the plan's order
    with pytest.raises(ValueError, match="sort by one of"):
        arrange(TARGETS, sort="colour")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_spreadsheet_holds_numbers_with_units_in_the_header(lang):
    from openpyxl import load_workbook

    rows = arrange(TARGETS, statuses=["behind"], sort="share")
    sheet = load_workbook(io.BytesIO(scorecard_xlsx(rows, lang)))["data"]
    header = [c.value for c in sheet[1]]
    assert t("plan_share_target_pct", lang) in header and "%" in t("plan_share_target_pct", lang)
    assert t("plan_unit", lang) in header
    first = dict(zip(header, (c.value for c in sheet[2]), strict=True))
    assert sheet.max_row == 1 + len(BEHIND)
    name = "软件业务收入" if lang == "zh" else "Software-business revenue"
    assert first[t("plan_target_name", lang)] == name
    assert first[t("plan_share_target_pct", lang)] == 72.1 and first[t("plan_x_latest", lang)] == 6060
    assert first[t("plan_x_target", lang)] == 8400 and first[t("plan_x_baseline", lang)] == 4241
    assert first[t("plan_latest_year", lang)] == 2024 and first[t("plan_unit", lang)] == (
        "亿元" if lang == "zh" else "100 million yuan"
    )
    assert round(first[t("plan_x_required", lang)]) == 7327


def test_text_a_spreadsheet_would_run_is_neutralised():
    from dataclasses import replace

    from openpyxl import load_workbook

    tg = BY_ID["t_sb_revenue"]
    hostile = replace(tg, figure=tg.figure.copy())
    hostile.figure["indicator_en"] = '=HYPERLINK("http://x.example","click")'
    sheet = load_workbook(io.BytesIO(scorecard_xlsx([hostile], "en")))["data"]
    names = [c.value for c in sheet["D"]]
    assert names[1].startswith("'=") and sheet["D2"].data_type == "s"
    assert b"'=HYPERLINK" in scorecard_csv([hostile], "en")


def test_the_csv_holds_only_the_rows_shown():
    rows = arrange(TARGETS, statuses=["not_comparable"])
    table = pd.read_csv(io.BytesIO(scorecard_csv(rows, "en")), encoding="utf-8-sig")
    assert len(table) == 3 and set(table["Status"]) == {"not comparable"}
    assert export_table(rows, "en").columns.is_unique


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_deck_has_the_chart_and_a_slide_per_status_group_at_14_pt(lang):
    from pptx import Presentation
    from pptx.util import Pt

    rows = arrange(TARGETS, sort="status")
    deck = Presentation(io.BytesIO(scorecard_deck(rows, BY_ID["t_sb_revenue"], lang)))
    slides = list(deck.slides)
    assert slides[1].shapes.title.text == t("plan_headline", lang)
    assert any(s.shape_type == 13 for s in slides[1].shapes)  # the chart, a picture on its own slide
    titles = [s.shapes.title.text for s in slides[2:]]
    # 4 behind, 3 not comparable, 12 without a result (two slides of 7 and 5)
    assert titles[0] == t("plan_status_group", lang, status=t("status_behind", lang), n=4)
    assert titles[1] == t("plan_status_group", lang, status=t("status_not_comparable", lang), n=3)
    assert len(titles) == 4 and all(t("status_no_result", lang) in x for x in titles[2:])
    rows_on_slides = sum(len(list(s.shapes[1].table.rows)) - 1 for s in slides[2:] if len(s.shapes) > 1)
    assert rows_on_slides == len(TARGETS)
    sizes = [
        run.font.size
        for slide in slides
        for shape in slide.shapes
        for frame in _frames(shape)
        for paragraph in frame.paragraphs
        for run in paragraph.runs
    ]
    assert sizes and all(size is not None and size >= Pt(14) for size in sizes)


def _frames(shape):
    if shape.has_text_frame:
        yield shape.text_frame
    if shape.has_table:
        for row in shape.table.rows:
            yield from (cell.text_frame for cell in row.cells)


def _crowded():
    """The headline with the office's own values for 2021-2024, close to the path's (5,574 in
    2022, 6,391 in 2023, 7,327 in 2024): the labels that overlapped before."""
    from dataclasses import replace

    tg = BY_ID["t_sb_revenue"]
    office = tg.outcomes.iloc[[0] * 4].copy()
    office["year"] = ["2021", "2022", "2023", "2024"]
    office["value"] = [4900.0, 6149.0, 6812.0, 7300.0]
    office["tier"] = "office"
    return replace(tg, outcomes=pd.concat([tg.outcomes, office]))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_chart_legend_names_each_tier_as_the_panel_does(lang):
    from geo.plan.chart import chart_frame

    frame = chart_frame(_crowded(), lang)
    legend = set(frame["legend"])
    assert {t("tier_office", lang), t("tier_copy", lang)} <= legend
    assert t("plan_series_reported", lang) not in legend  # the office's values are no "unverified" report
    office = frame[frame["tier"] == "office"]
    assert set(office["legend"]) == {"本办公室发布" if lang == "zh" else "published by the office"}


def test_no_value_label_lies_on_another():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from geo.fonts import cjk_font
    from geo.plan.chart import chart_frame, draw_path

    tg = _crowded()
    frame = chart_frame(tg, "zh")
    with matplotlib.rc_context({"font.family": cjk_font()}):
        fig, ax = plt.subplots(figsize=(12, 5.6), dpi=100)
        labels = draw_path(ax, frame, tg, "zh")
        fig.canvas.draw()
    boxes = [label.get_window_extent() for label in labels]
    texts = [label.get_text() for label in labels]
    assert {"6,149", "5,574", "6,812", "6,391", "7,300", "7,327"} <= set(texts)
    for i, a in enumerate(boxes):
        for j in range(i + 1, len(boxes)):
            assert not a.overlaps(boxes[j]), (texts[i], texts[j])
    plt.close(fig)


def test_a_years_labels_go_above_and_below_from_the_highest_down():
    from geo.plan.chart import chart_frame

    frame = chart_frame(_crowded(), "en")
    for year, at in frame[frame["place"] != ""].groupby("year"):
        assert at["place"].is_unique, year
        if len(at) > 1:
            high, low = at.sort_values("value", ascending=False).iloc[:2].itertuples()
            assert (high.place, low.place) == ("above", "below"), year
