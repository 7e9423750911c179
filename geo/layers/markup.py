"""Small HTML/SVG builders shared by the layers. Every text value is escaped here."""

from __future__ import annotations

from geo.escape import html_text

# Okabe–Ito palette: distinguishable with the common colour-vision deficiencies.
OKABE_ITO = {
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "black": "#000000",
}

# Shapes in a 20x20 box; no icon fonts, no images.
_SHAPES = {
    "circle": '<circle cx="10" cy="10" r="7"/>',
    "square": '<rect x="3.5" y="3.5" width="13" height="13"/>',
    "triangle": '<polygon points="10,2.5 18,17 2,17"/>',
    "diamond": '<polygon points="10,1.5 18.5,10 10,18.5 1.5,10"/>',
    "star": '<polygon points="10,1.5 12.4,7.3 18.6,7.6 13.8,11.6 15.4,17.7 10,14.3 '
    '4.6,17.7 6.2,11.6 1.4,7.6 7.6,7.3"/>',
    "hexagon": '<polygon points="10,2 17,6 17,14 10,18 3,14 3,6"/>',
    "ring": '<circle cx="10" cy="10" r="6.5" fill="none" stroke-width="3.5"/>',
}


def esc(value: object) -> str:
    """Any value as HTML text or attribute, inert for Jinja too (``geo.escape.html_text``)."""
    return html_text(value)


def svg_symbol(shape: str, color: str, *, size: int = 16, stroke: str = "#ffffff") -> str:
    """An inline SVG symbol; ``shape`` is one of circle, square, triangle, diamond, star,
    hexagon, ring."""
    if shape not in _SHAPES:
        raise ValueError(f"unknown symbol {shape!r}: choose one of {', '.join(_SHAPES)}")
    body = _SHAPES[shape]
    if shape == "ring":
        paint = f'stroke="{esc(color)}"'
    else:
        paint = f'fill="{esc(color)}" stroke="{esc(stroke)}" stroke-width="1.5"'
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" '
        f'viewBox="0 0 20 20" {paint}>{body}</svg>'
    )


def info_table(title: str, rows: list[tuple[str, object]]) -> str:
    """A popup/tooltip body: an escaped title and label/value rows (empty values skipped)."""
    cells = "".join(
        f'<tr><th style="text-align:left;padding-right:6px;vertical-align:top">{esc(k)}</th>'
        f"<td>{esc(v)}</td></tr>"
        for k, v in rows
        if v not in (None, "")
    )
    return f'<div class="sw-info"><b>{esc(title)}</b><table>{cells}</table></div>'


def legend_row(symbol_html: str, label: str) -> str:
    return (
        f'<div style="display:flex;align-items:center;gap:6px;margin:2px 0">'
        f"{symbol_html}<span>{esc(label)}</span></div>"
    )


def line_swatch(color: str, *, dashed: bool = False, width: int = 4) -> str:
    dash = ' stroke-dasharray="5,3"' if dashed else ""
    return (
        f'<svg width="28" height="12"><line x1="1" y1="6" x2="27" y2="6" '
        f'stroke="{esc(color)}" stroke-width="{width}"{dash}/></svg>'
    )


def area_swatch(color: str, *, dashed: bool = False, opacity: float = 0.3) -> str:
    dash = ' stroke-dasharray="4,2"' if dashed else ""
    return (
        f'<svg width="28" height="14"><rect x="1" y="1" width="26" height="12" '
        f'fill="{esc(color)}" fill-opacity="{opacity}" stroke="{esc(color)}"{dash}/></svg>'
    )
