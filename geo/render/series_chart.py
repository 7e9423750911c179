"""The series chart drawn: a scene's ``SeriesChart`` (``geo.scene.series``) as a matplotlib
``Figure`` (never pyplot, which Streamlit closes between runs), each line labelled at its end,
the province on a scale of its own beside the prefectures, names that would overlap dropped."""

from __future__ import annotations

from geo.scene.series import SeriesChart, SeriesLine

LABEL_GREY = "#777777"  # the labels of the lines that are not highlighted


def series_figure(chart: SeriesChart, *, size=(8.0, 4.8)):
    """The chart as a ``matplotlib.figure.Figure``."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from geo.fonts import cjk_font  # matplotlib's: imported with the first chart, not with the app

    rc = {"axes.unicode_minus": False, "text.parse_math": False, "font.family": cjk_font()}
    with matplotlib.rc_context(rc):
        fig = Figure(figsize=size, dpi=120)
        FigureCanvasAgg(fig)  # a canvas that measures text (labels pushed apart)
        grid = fig.add_gridspec(1, 2, width_ratios=(3, 1) if chart.province else (1, 0.001))
        ax = fig.add_subplot(grid[0])
        labels = [_line(ax, line) for line in chart.lines]
        _axis(ax, chart)
        if chart.province:  # on its own scale beside: the province is some twenty times larger
            side = fig.add_subplot(grid[1])
            _line(side, chart.province)
            _axis(side, chart)
            side.set_title(chart.province_title, fontsize=9)
            side.tick_params(axis="x", labelrotation=60)
        fig.tight_layout()
        _drop_overlaps(labels[::-1])  # the selected first, then the others while they fit
    return fig


def _line(ax, line: SeriesLine):
    """One line, labelled at its last value."""
    rest = line.z == 1
    ax.plot(line.years, line.values, marker="o", markersize=3 if rest else 5, color=line.color,
            linewidth=line.width, zorder=line.z)  # fmt: skip
    return ax.annotate(line.label, (line.years[-1], line.values[-1]), xytext=(4, 0),
                       textcoords="offset points", va="center", fontsize=8 if rest else 9,
                       color=LABEL_GREY if rest else line.color)  # fmt: skip


def _drop_overlaps(labels: list) -> None:
    """Keep each name whose box overlaps none kept before it (the others are in the rank table)."""
    renderer = labels[0].figure.canvas.get_renderer() if labels else None
    kept = []
    for label in labels:
        box = label.get_window_extent(renderer)
        if any(box.overlaps(k) for k in kept):
            label.set_visible(False)
        else:
            kept.append(box)


def _axis(ax, chart: SeriesChart) -> None:
    ax.set_xticks(chart.years)
    ax.set_xlim(chart.years[0] - 0.3, chart.years[-1] + 1.6)
    ax.tick_params(labelsize=8)
    ax.set_ylabel(chart.axis_label, fontsize=9)
    ax.spines[["top", "right"]].set_visible(False)
