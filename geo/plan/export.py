"""The scorecard as the reader takes it away: filtered and sorted as on screen (``arrange``), as
a table of numbers with units in the header (``export_table``: CSV and XLSX) and as a deck with
one slide per status group and the headline chart on its own slide (``scorecard_deck``)."""

from __future__ import annotations

import io
import tempfile
from datetime import date
from pathlib import Path

import pandas as pd

from geo.plan.figures import Target, scorecard
from geo.tables import to_csv_bytes, to_xlsx_bytes
from geo.text.i18n import pick, t

SORTS = ("plan", "status", "share", "way")  # the scorecard's orders (geo.text.plan_words plan_sort_*)
STATUS_ORDER = ("behind", "on_track", "met", "not_comparable", "no_baseline", "no_result")
DECK_PT = 14  # no type on a scorecard slide is smaller
ROWS_PER_SLIDE = 7  # at 14 pt, a slide holds this many targets


def arrange(targets_: list[Target], *, statuses: list[str] | None = None, sort: str = "plan") -> list[Target]:
    """The targets whose status is in ``statuses`` (None: all), in the order ``sort`` (one of
    ``SORTS``): the plan's, by status (behind first), or by share of the target or of the way
    (lowest first, targets without one last). Ties keep the plan's order."""
    if sort not in SORTS:
        raise ValueError(f"sort by one of {', '.join(SORTS)}, not {sort!r}")
    kept = [tg for tg in targets_ if statuses is None or tg.status in statuses]
    if sort == "status":
        return sorted(kept, key=lambda tg: STATUS_ORDER.index(tg.status))
    if sort in ("share", "way"):

        def share(tg: Target) -> tuple[bool, float]:
            value = tg.share_of_target if sort == "share" else tg.share_of_way
            return (value is None, value or 0.0)

        return sorted(kept, key=share)
    return kept


def export_table(targets_: list[Target], lang: str) -> pd.DataFrame:
    """The scorecard with numbers as numbers: shares in percent, the latest value, the value the
    path required, the target and the baseline as plain numbers in the unit of the row's
    ``unit`` column (a growth-rate target: percent a year); the headers name the units."""
    shown = scorecard(targets_, lang)
    rows = []
    for tg in targets_:
        f, latest, g = tg.figure, tg.latest, tg.growth
        base = tg.series.baseline if tg.is_rate and tg.series is not None else tg.baseline
        if base is None and not tg.is_rate:
            base = tg.other_basis
        if tg.is_rate:
            value, year, required = (g.rate, g.end_year, float(f["value"])) if g else (None, None, None)
            unit = t("plan_unit_rate", lang)
        else:
            value = float(latest["value"]) if latest is not None else None
            year = int(latest["year"]) if latest is not None else None
            required = tg.required(year) if year is not None else None
            unit = pick(f["unit_zh"], f["unit_en"], lang) if lang == "en" else f["unit_zh"]
        rows.append(
            {
                "value": _round(value, 2),
                "year": year,
                "required": _round(required, 1),
                "target": float(f["value"]),
                "baseline": _round(float(base["value"]), 2) if base is not None and not tg.is_rate else None,
                "unit": unit,
            }
        )
    numbers = pd.DataFrame(rows, index=shown.index)
    return pd.DataFrame(
        {
            t("plan_status", lang): shown[t("plan_status", lang)],
            t("plan_share_target_pct", lang): shown[t("plan_share_target", lang)],
            t("plan_share_way_pct", lang): shown[t("plan_share_way", lang)],
            t("plan_target_name", lang): shown[t("plan_target_name", lang)],
            t("plan_x_latest", lang): numbers["value"],
            t("plan_latest_year", lang): numbers["year"].astype("Int64"),
            t("plan_x_required", lang): numbers["required"],
            t("plan_x_comparator", lang): [f["comparator"] for f in (tg.figure for tg in targets_)],
            t("plan_x_target", lang): numbers["target"],
            t("plan_x_baseline", lang): numbers["baseline"],
            t("plan_unit", lang): numbers["unit"],
            t("plan_basis", lang): shown[t("plan_basis", lang)],
            t("plan_link", lang): shown[t("plan_link", lang)],
            t("tier", lang): shown[t("tier", lang)],
            t("plan_settle", lang): shown[t("plan_settle", lang)],
            t("plan_ref", lang): shown[t("plan_ref", lang)],
        }
    )


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(float(value), digits)


def scorecard_csv(targets_: list[Target], lang: str) -> bytes:
    """``export_table`` as CSV (UTF-8 with BOM; formula-like text neutralised)."""
    return to_csv_bytes(export_table(targets_, lang))


def scorecard_xlsx(targets_: list[Target], lang: str) -> bytes:
    """``export_table`` on a sheet "data", with what it is on a sheet "about"."""
    about = {t("page_plan", lang): t("plan_scorecard", lang), "†": t("copy_mark", lang, mark="†")}
    return to_xlsx_bytes(export_table(targets_, lang), about)


def scorecard_deck(targets_: list[Target], headline: Target | None, lang: str) -> bytes:
    """A deck: a title slide, the headline chart on its own slide, then one slide per status
    group (split when a group has more than ``ROWS_PER_SLIDE`` targets), every word at
    ``DECK_PT`` points or more; the reasons and sources in each slide's notes."""
    from pptx import Presentation
    from pptx.util import Inches, Pt

    from geo.plan.chart import render_path

    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)
    cover = deck.slides.add_slide(deck.slide_layouts[0])
    cover.shapes.title.text = t("plan_deck_title", lang)
    cover.placeholders[1].text = f"{t('plan_scorecard', lang)} · {date.today().isoformat()}"
    for shape, top in ((cover.shapes.title, 1.8), (cover.placeholders[1], 4.2)):
        shape.left, shape.top, shape.width, shape.height = Inches(0.6), Inches(top), Inches(12.1), Inches(1.6)
    if headline is not None:
        slide = deck.slides.add_slide(deck.slide_layouts[5])
        _title(slide, t("plan_headline", lang), deck.slide_width)
        with tempfile.TemporaryDirectory() as tmp:
            png = render_path(headline, Path(tmp) / "headline.png", lang=lang)
            slide.shapes.add_picture(str(png), Inches(0.4), Inches(1.4), width=Inches(12.5))
        slide.notes_slide.notes_text_frame.text = t("plan_intro", lang)
    group_slides(deck, scorecard(targets_, lang), lang)
    for slide in deck.slides:  # nothing smaller than DECK_PT, titles included
        title_id = slide.shapes.title.shape_id if slide.shapes.title is not None else None
        for shape in slide.shapes:
            for frame in _text_frames(shape):
                for paragraph in frame.paragraphs:
                    for run in paragraph.runs:
                        if run.font.size is None or run.font.size < Pt(DECK_PT):
                            run.font.size = Pt(28 if shape.shape_id == title_id else DECK_PT)
    buf = io.BytesIO()
    deck.save(buf)
    return buf.getvalue()


_SLIDE_COLUMNS = ("plan_target_name", "plan_share_target", "plan_latest", "plan_required", "plan_target")


def group_slides(deck, table: pd.DataFrame, lang: str) -> None:
    """``table`` (``geo.plan.figures.scorecard``, in the order shown) on one slide per status group, behind
    first, split when a group has more than ``ROWS_PER_SLIDE`` targets, at ``DECK_PT`` points or
    more; each target's reason for (not) comparing it, or what would settle it, in the notes."""
    from pptx.util import Pt

    status = table[t("plan_status", lang)] if len(table) else pd.Series(dtype=object)
    for key in STATUS_ORDER:
        group = table[status == t(f"status_{key}", lang)]
        parts = [group.iloc[i : i + ROWS_PER_SLIDE] for i in range(0, len(group), ROWS_PER_SLIDE)]
        for i, part in enumerate(parts, start=1):
            slide = _group_slide(deck, part, key, len(group), (i, len(parts)), lang)
            for shape in slide.shapes:
                for frame in _text_frames(shape):
                    for run in (r for paragraph in frame.paragraphs for r in paragraph.runs):
                        if run.font.size is None or run.font.size < Pt(DECK_PT):
                            run.font.size = Pt(DECK_PT)
            head = slide.shapes.title.text_frame.paragraphs[0].runs[0]
            head.font.size = Pt(28)


def _group_slide(deck, part: pd.DataFrame, status: str, n: int, at: tuple[int, int], lang: str):
    from pptx.util import Emu, Inches

    slide = deck.slides.add_slide(deck.slide_layouts[5])
    words = {"status": t(f"status_{status}", lang), "n": n}
    title = (
        t("plan_status_group", lang, **words)
        if at[1] == 1
        else t("plan_status_group_part", lang, **words, i=at[0], parts=at[1])
    )
    _title(slide, title, deck.slide_width)
    columns = [t(c, lang) for c in _SLIDE_COLUMNS]
    margin = Inches(0.4)
    inner = deck.slide_width - 2 * margin
    grid = slide.shapes.add_table(len(part) + 1, len(columns), margin, Inches(1.4), inner, Inches(0.5)).table
    shares = (0.34, 0.12, 0.19, 0.17, 0.18)  # of the slide's width: the target's name gets the most
    for j, (column, share) in enumerate(zip(columns, shares, strict=True)):
        grid.columns[j].width = Emu(int(inner * share))
        grid.cell(0, j).text = column
        for i, value in enumerate(part[column], start=1):
            missing = value is None or value != value
            grid.cell(i, j).text = (
                "—" if missing else (f"{value:.1f}" if isinstance(value, float) else str(value))
            )
    notes = [
        f"{name} ({ref}): {link if link == link and link else settle}"
        for name, ref, link, settle in zip(
            part[t("plan_target_name", lang)], part[t("plan_ref", lang)], part[t("plan_link", lang)],
            part[t("plan_settle", lang)], strict=True,
        )
    ]  # fmt: skip
    slide.notes_slide.notes_text_frame.text = "\n".join(str(n) for n in notes)
    return slide


def _title(slide, text: str, slide_width: int) -> None:
    from pptx.util import Inches

    head = slide.shapes.title
    head.text = text
    head.left, head.top, head.width, head.height = (
        Inches(0.4),
        Inches(0.25),
        slide_width - Inches(0.8),
        Inches(1.0),
    )


def _text_frames(shape):
    if shape.has_text_frame:
        yield shape.text_frame
    if getattr(shape, "has_table", False) and shape.has_table:
        for row in shape.table.rows:
            for cell in row.cells:
                yield cell.text_frame
