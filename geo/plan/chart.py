"""The headline target's chart: baseline, the constant-growth path, the values reported (one
legend entry per tier, named as the panel names them) and the target — its data and where each
value label goes, shared by the Plan page (Altair) and the deck (matplotlib, ``render_path``)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from geo.data.tiers import outcome_ranks
from geo.plan.figures import Target, path_frame
from geo.scene.style import COPY_MARK
from geo.text.escape import plain_text
from geo.text.i18n import t, unit_label, unit_scale

SERIES_COLORS = {"baseline": "#1f4e79", "path": "#8c8c8c", "target": "#1a7f37"}
TIER_COLORS = {"office": "#6a3d9a", "verified": "#b15928", "quoted": "#e67e22", "copy": "#c0392b"}
PLACES = ("above", "below", "left", "right")  # a year's labels, from its highest value down


def chart_frame(target: Target, lang: str) -> pd.DataFrame:
    """``geo.plan.figures.path_frame`` in the unit ``lang`` reads, with each point's legend entry
    (``legend``: the series, or the tier of a reported value), its value label (copies marked †)
    and where the label goes (``place``, one of ``PLACES``; "" for a point left unlabelled: the
    path is labelled only where a value was reported, so the gap is read off the chart)."""
    frame = path_frame(target)
    frame["value"] *= unit_scale(target.figure["unit_zh"], lang)
    frame["legend"] = [
        t(f"tier_{tier}", lang) if series == "reported" else legend_name(series, lang)
        for series, tier in zip(frame["series"], frame["tier"], strict=True)
    ]
    frame["label"] = [
        (f"{v:,.0f}" if abs(v) >= 1000 else f"{v:,.1f}".removesuffix(".0"))
        + (f" {COPY_MARK}" if tier == "copy" else "")
        for v, tier in zip(frame["value"], frame["tier"], strict=True)
    ]
    reported_years = set(frame.loc[frame["series"] == "reported", "year"])
    shown = (frame["series"] != "path") | (
        frame["year"].isin(reported_years) & (frame["year"] != frame["year"].max())
    )
    shown &= ~((frame["series"] == "path") & (frame["year"] == frame["year"].min()))  # the baseline says it
    frame["place"] = ""
    for _, at in frame[shown].groupby("year"):
        order = at.assign(_rank=outcome_ranks(at["tier"])).sort_values(["value", "_rank"], ascending=False)
        for place, index in zip(PLACES, order.index, strict=False):
            frame.loc[index, "place"] = place
    return frame


def legend_name(series: str, lang: str) -> str:
    """The legend's words for a series that is not a reported value."""
    return t(
        {
            "baseline": "plan_series_baseline",
            "path": "plan_series_path_value",
            "target": "plan_series_target",
        }[series],
        lang,
    )


def legend_colors(frame: pd.DataFrame, lang: str) -> dict[str, str]:
    """Legend entry -> colour, for the entries ``frame`` holds, series first, then tiers."""
    colors = {legend_name(s, lang): c for s, c in SERIES_COLORS.items()}
    colors |= {t(f"tier_{tier}", lang): c for tier, c in TIER_COLORS.items()}
    return {name: c for name, c in colors.items() if name in set(frame["legend"])}


_OFFSET_PT = {"above": (0, 9), "below": (0, -9), "left": (-9, 0), "right": (9, 0)}
_ALIGN = {
    "above": ("center", "bottom"),
    "below": ("center", "top"),
    "left": ("right", "center"),
    "right": ("left", "center"),
}


def render_path(target: Target, path: Path, *, lang: str, size: tuple[float, float] = (12, 5.6)) -> Path:
    """The headline chart as a PNG for a slide: labels at 14 pt or more, none over another
    (each label pushed clear of those already placed, checked by their drawn boxes)."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from geo.fonts import cjk_font

    frame = chart_frame(target, lang)
    with matplotlib.rc_context(
        {"axes.unicode_minus": False, "text.parse_math": False, "font.family": cjk_font()}
    ):
        # a Figure of its own, not pyplot's: no backend switched and no figure kept in a global
        # list while the app's script threads make decks side by side
        fig = Figure(figsize=size, dpi=150)
        FigureCanvasAgg(fig)
        draw_path(fig.add_subplot(), frame, target, lang)
        fig.tight_layout()
        fig.savefig(path, dpi=150)
    return Path(path)


def draw_path(ax, frame: pd.DataFrame, target: Target, lang: str) -> list:
    """Draw ``chart_frame`` on ``ax``; returns the value labels (matplotlib texts)."""
    colors = legend_colors(frame, lang)
    path = frame[frame["series"] == "path"]
    if len(path):
        ax.plot(
            path["year"],
            path["value"],
            linestyle="--",
            color=SERIES_COLORS["path"],
            linewidth=2,
            label=plain_text(legend_name("path", lang)),
        )
    for name, points in frame[frame["series"] != "path"].groupby("legend", sort=False):
        ax.scatter(
            points["year"], points["value"], s=120, color=colors[name], label=plain_text(name), zorder=3
        )
    labels = []
    for row in frame[frame["place"] != ""].itertuples():
        ha, va = _ALIGN[row.place]
        labels.append(
            ax.annotate(
                plain_text(row.label),
                (row.year, row.value),
                xytext=_OFFSET_PT[row.place],
                textcoords="offset points",
                ha=ha,
                va=va,
                fontsize=14,
            )
        )
    ax.set_xticks(sorted(set(frame["year"])))
    ax.tick_params(labelsize=14)
    ax.set_xlabel(plain_text(t("year", lang)), fontsize=14)
    ax.set_ylabel(
        plain_text(unit_label(target.figure["unit_zh"], target.figure["unit_en"], lang)), fontsize=14
    )
    ax.margins(x=0.08, y=0.18)
    ax.legend(fontsize=14, loc="upper left", frameon=False)
    _push_apart(ax, labels)
    return labels


def _push_apart(ax, labels: list, gap_px: float = 2.0) -> None:
    """Move each label that overlaps one placed before it down (or up) until none overlaps."""
    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    placed = []
    for label in labels:
        for _ in range(20):
            box = label.get_window_extent(renderer)
            hit = next((b for b in placed if box.overlaps(b)), None)
            if hit is None:
                break
            dx, dy = label.xyann
            shift = (box.y1 - hit.y0 + gap_px) * 72 / fig.dpi  # pixels to points
            label.xyann = (dx, dy - shift)
        placed.append(label.get_window_extent(renderer))
