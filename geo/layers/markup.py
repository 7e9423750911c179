"""Small HTML/SVG builders shared by the layers. Every text value is escaped here
(``geo.text.escape.html_text``); shapes and colours come from ``geo.scene.style``."""

from __future__ import annotations

from geo.scene.style import HATCHES, SHAPES, Legend, Swatch, dash_css
from geo.text.escape import html_text


def esc(value: object) -> str:
    """Any value as HTML text or attribute, inert for Jinja too (``geo.text.escape.html_text``)."""
    return html_text(value)


def svg_symbol(shape: str, color: str, *, size: int = 16, stroke: str = "#ffffff") -> str:
    """An inline SVG symbol; ``shape`` is a key of ``geo.scene.style.SHAPES``."""
    if shape not in SHAPES:
        raise ValueError(f"unknown symbol {shape!r}: choose one of {', '.join(SHAPES)}")
    s = SHAPES[shape]
    if s.hollow:
        paint = f'stroke="{esc(color)}"'
    else:
        paint = f'fill="{esc(color)}" stroke="{esc(stroke)}" stroke-width="1.5"'
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" '
        f'viewBox="0 0 20 20" {paint}>{s.svg}</svg>'
    )


def info_rows(title: str, rows: list[tuple[str, object]]) -> list:
    """A popup/tooltip body as data: the escaped title and [label, value] rows, escaped (empty
    values skipped). ``info_html`` renders it; so does ``MarkerSet`` in the page, which sends
    many popups as data rather than markup (a third of their bytes)."""
    return [esc(title), [[esc(k), esc(v)] for k, v in rows if v not in (None, "")]]


def info_html(info: list) -> str:
    """The HTML of ``info_rows``; the map's CSS (``geo.layers.elements.ViewControls``) sets the
    labels' look once per page."""
    title, rows = info
    cells = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows)
    return f'<div class="sw-info"><b>{title}</b><table>{cells}</table></div>'


# ``info_html`` in the page, for bodies sent as ``info_rows`` data (title and rows come escaped).
INFO_JS = """
if (!window.swInfoHtml) {
    window.swInfoHtml = function (p) {
        return '<div class="sw-info"><b>' + p[0] + "</b><table>" + p[1].map(function (r) {
            return "<tr><th>" + r[0] + "</th><td>" + r[1] + "</td></tr>";
        }).join("") + "</table></div>";
    };
}
"""


def info_table(title: str, rows: list[tuple[str, object]]) -> str:
    """A popup/tooltip body: an escaped title and label/value rows (empty values skipped)."""
    return info_html(info_rows(title, rows))


def legend_row(symbol_html: str, label: str) -> str:
    return (
        f'<div class="sw-entry" style="display:flex;align-items:center;gap:6px;margin:2px 0">'
        f"{symbol_html}<span>{esc(label)}</span></div>"
    )


def line_swatch(color: str, *, dash: tuple[int, ...] = (), width: float = 4, opacity: float = 1.0) -> str:
    pattern = dash_css(dash)
    dash_attr = f' stroke-dasharray="{pattern}"' if pattern else ""
    return (
        f'<svg width="28" height="12"><line x1="1" y1="6" x2="27" y2="6" '
        f'stroke="{esc(color)}" stroke-width="{width:g}" stroke-opacity="{opacity:g}"{dash_attr}/></svg>'
    )


NO_DATA_FILL = "url(#sw-no-data)"


def area_swatch(
    color: str,
    *,
    dash: tuple[int, ...] = (),
    opacity: float = 0.3,
    hatch: bool = False,
    kind: str = "no_data",
) -> str:
    pattern = dash_css(dash)
    dash_attr = f' stroke-dasharray="{pattern}"' if pattern else ""
    fill = f"url(#{HATCHES[kind][0]})" if hatch else esc(color)
    stroke = "#999" if hatch else esc(color)
    return (
        f'<svg width="28" height="14"><rect x="1" y="1" width="26" height="12" '
        f'fill="{fill}" fill-opacity="{1 if hatch else opacity:g}" stroke="{stroke}"{dash_attr}/></svg>'
    )


def swatch_html(swatch: Swatch) -> str:
    """A legend swatch drawn as inline SVG."""
    if swatch.kind == "area":
        return area_swatch(
            swatch.color, dash=swatch.dash, opacity=swatch.opacity, hatch=swatch.hatch, kind=swatch.hatch_kind
        )
    if swatch.kind == "line":
        return line_swatch(swatch.color, dash=swatch.dash, width=swatch.width, opacity=swatch.opacity)
    return svg_symbol(swatch.shape, swatch.color, size=14)


def legend_body(legend: Legend) -> str:
    """The body of a layer's legend box: entries, notes, and the folded ``more`` text."""
    rows = "".join(legend_row(swatch_html(e.swatch), e.label) for e in legend.entries)
    notes = "".join(
        f'<div class="sw-note" style="margin-top:3px;color:#444">{esc(n)}</div>' for n in legend.notes
    )
    more = ""
    if legend.more:
        summary, text = legend.more
        more = (
            f'<details style="margin-top:3px;color:#555"><summary>{esc(summary)}</summary>'
            f"{esc(text)}</details>"
        )
    return rows + notes + more
