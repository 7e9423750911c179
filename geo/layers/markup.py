"""Small HTML/SVG builders shared by the layers. Every text value is escaped here
(``geo.text.escape.html_text``); shapes and colours come from ``geo.scene.style``."""

from __future__ import annotations

from geo.scene.style import HATCHES, SHAPES, Legend, Swatch, dash_css
from geo.text.escape import html_text, inert_json


def esc(value: object) -> str:
    """Any value as HTML text or attribute, inert for Jinja too (``geo.text.escape.html_text``)."""
    return html_text(value)


def svg_symbol(shape: str, color: str, *, size: int = 16) -> str:
    """An inline SVG symbol; ``shape`` is a key of ``geo.scene.style.SHAPES``. The page's
    ``swSymbol`` (``SYMBOL_JS``) draws the same from (shape, escaped colour, size)."""
    if shape not in SHAPES:
        raise ValueError(f"unknown symbol {shape!r}: choose one of {', '.join(SHAPES)}")
    s = SHAPES[shape]
    color = esc(color)
    paint = f'stroke="{color}"' if s.hollow else f'fill="{color}" stroke="#ffffff" stroke-width="1.5"'
    return f'<svg width="{size}" height="{size}" viewBox="0 0 20 20" {paint}>{s.svg}</svg>'


# ``svg_symbol`` in the page, with the shapes' bodies sent once.
SYMBOL_JS = (
    """
if (!window.swSymbol) {
    window.swSymbol = (function (shapes) {
        return function (shape, color, size) {
            var s = shapes[shape], paint = s[1] ? 'stroke="' + color + '"'
                : 'fill="' + color + '" stroke="#ffffff" stroke-width="1.5"';
            return '<svg width="' + size + '" height="' + size + '" viewBox="0 0 20 20" ' + paint + ">"
                + s[0] + "</svg>";
        };
    })(SHAPES);
}
"""
).replace("SHAPES", inert_json({k: [v.svg, int(v.hollow)] for k, v in SHAPES.items()}))


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


def swatch_data(swatch: Swatch) -> list:
    """A legend swatch as data (``swatch_html`` and the page's ``swLegendHtml`` draw it): an area
    ["a", fill, fill opacity, stroke, dash], a line ["l", colour, width, opacity, dash] or a
    symbol ["s", shape, colour], escaped."""
    dash = esc(dash_css(swatch.dash) or "")
    if swatch.kind == "area":
        if swatch.hatch:
            return ["a", f"url(#{HATCHES[swatch.hatch_kind][0]})", "1", "#999", dash]
        return ["a", esc(swatch.color), f"{swatch.opacity:g}", esc(swatch.color), dash]
    if swatch.kind == "line":
        return ["l", esc(swatch.color), f"{swatch.width:g}", f"{swatch.opacity:g}", dash]
    if swatch.shape not in SHAPES:
        raise ValueError(f"unknown symbol {swatch.shape!r}: choose one of {', '.join(SHAPES)}")
    return ["s", swatch.shape, esc(swatch.color)]


def _swatch_markup(d: list) -> str:
    dash = f' stroke-dasharray="{d[4]}"' if len(d) > 4 and d[4] else ""
    if d[0] == "a":
        return (
            f'<svg width="28" height="14"><rect x="1" y="1" width="26" height="12" fill="{d[1]}" '
            f'fill-opacity="{d[2]}" stroke="{d[3]}"{dash}/></svg>'
        )
    if d[0] == "l":
        return (
            f'<svg width="28" height="12"><line x1="1" y1="6" x2="27" y2="6" stroke="{d[1]}" '
            f'stroke-width="{d[2]}" stroke-opacity="{d[3]}"{dash}/></svg>'
        )
    return svg_symbol(d[1], d[2], size=14)


def swatch_html(swatch: Swatch) -> str:
    """A legend swatch drawn as inline SVG."""
    return _swatch_markup(swatch_data(swatch))


def legend_data(legend: Legend) -> list:
    """A layer's legend as data, escaped: [title, [[swatch, label], ...], notes, more or None]
    (``swatch_data``; ``more`` is the folded [summary, text])."""
    entries = [[swatch_data(e.swatch), esc(e.label)] for e in legend.entries]
    more = [esc(x) for x in legend.more] if legend.more else None
    return [esc(legend.title), entries, [esc(n) for n in legend.notes], more]


def legend_html(data: list) -> str:
    """The HTML of ``legend_data``: a foldable box of entries, notes and the folded ``more`` text
    (its look is set once per page, ``geo.layers.elements.ViewControls``)."""
    title, entries, notes, more = data
    rows = "".join(
        f'<div class="sw-entry">{_swatch_markup(s)}<span>{label}</span></div>' for s, label in entries
    )
    rows += "".join(f'<div class="sw-note">{n}</div>' for n in notes)
    if more:
        rows += f'<details class="sw-more"><summary>{more[0]}</summary>{more[1]}</details>'
    return f"<details open><summary>{title}</summary>{rows}</details>"


# ``legend_html`` in the page.
LEGEND_HTML_JS = """
if (!window.swLegendHtml) {
    window.swLegendHtml = function (d) {
        function swatch(s) {
            var dash = s[4] ? ' stroke-dasharray="' + s[4] + '"' : "";
            if (s[0] === "a") return '<svg width="28" height="14"><rect x="1" y="1" width="26" height="12"'
                + ' fill="' + s[1] + '" fill-opacity="' + s[2] + '" stroke="' + s[3] + '"' + dash
                + "/></svg>";
            if (s[0] === "l") return '<svg width="28" height="12"><line x1="1" y1="6" x2="27" y2="6" stroke="'
                + s[1] + '" stroke-width="' + s[2] + '" stroke-opacity="' + s[3] + '"' + dash + "/></svg>";
            return swSymbol(s[1], s[2], 14);
        }
        var rows = d[1].map(function (e) {
            return '<div class="sw-entry">' + swatch(e[0]) + "<span>" + e[1] + "</span></div>";
        }).join("") + d[2].map(function (n) { return '<div class="sw-note">' + n + "</div>"; }).join("");
        if (d[3]) rows += '<details class="sw-more"><summary>' + d[3][0] + "</summary>" + d[3][1]
            + "</details>";
        return "<details open><summary>" + d[0] + "</summary>" + rows + "</details>";
    };
}
"""
