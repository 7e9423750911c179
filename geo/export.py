"""Turn a view into files: self-contained HTML, or PNG/SVG for slides.

The HTML comes from the same composer as the app (``geo.map.build_map``) with Leaflet inlined,
so it opens with no network at all; PNG/SVG come from ``geo.render.static``.
"""

from __future__ import annotations

import re
from functools import partial
from pathlib import Path

import rjsmin

from geo.assets import compact_css, inline_assets
from geo.layers.elements import lean_path_options
from geo.layers.markup import esc

# Placeholder base URL for assets while rendering; replaced by the files' contents.
_INLINE_BASE = "sw-inline-assets"


class ExportError(ValueError):
    """Bad export options or input; the message says what to change."""


def html_document(build, **options) -> str:
    """Render ``build(assets_url=..., **options)`` to one self-contained HTML string."""
    m = build(assets_url=_INLINE_BASE, **options)  # a folium.Map, or a Figure of maps
    root = m.get_root()
    lean_path_options(root)
    page = _short_names(root.render(), root)
    return inline_assets(_compact(_unindented(page)), _INLINE_BASE)  # Leaflet as shipped


def _short_names(page: str, root) -> str:
    """``page`` with its elements' 32-digit ids (``geo_json_3f2a…``, each written 3 to 6 times)
    numbered instead: only the ids of ``root``'s own elements are replaced, nothing else."""
    ids, stack = [], [root]
    while stack:
        element = stack.pop()
        ids.append(element._id)
        stack.extend(element._children.values())
    names = {i: f"x{n:x}" for n, i in enumerate(dict.fromkeys(ids)) if re.fullmatch(r"[0-9a-f]{32}", i)}
    if not names:
        return page
    return re.sub(r"(?<=_)[0-9a-f]{32}(?![0-9a-f])", lambda m: names.get(m.group(0), m.group(0)), page)


def _unindented(page: str) -> str:
    """``page`` without the templates' indentation, blank lines and whole-line ``//`` comments
    of their scripts (a twentieth of a page).

    Safe here: the page has no ``<pre>`` and no multi-line string whose indentation shows or
    that has a line starting with ``//`` (the few multi-line JavaScript template literals hold
    HTML, where white space collapses); Leaflet is inlined after this.
    """
    lines = (line.strip() for line in page.splitlines())
    return "\n".join(line for line in lines if line and not line.startswith("//"))


_SCRIPT = re.compile(r"(<script>)(.*?)(</script>)", re.S)
_STYLE = re.compile(r"(<style>)(.*?)(</style>)", re.S)


def _compact(page: str) -> str:
    """``page`` with its inline scripts written compact (``rjsmin``: no comments, no white space
    that separates nothing; string and template literals kept as they are) and its stylesheets
    too (``geo.assets.compact_css``): a twentieth of a page. Leaflet is inlined after this, as
    shipped."""
    page = _SCRIPT.sub(lambda m: m[1] + rjsmin.jsmin(m[2]) + m[3], page)
    return _STYLE.sub(lambda m: m[1] + compact_css(m[2]) + m[3], page)


def write_html(path: Path, build, **options) -> Path:
    path = Path(path)
    path.write_text(html_document(build, **options), encoding="utf-8")
    return path


def _html(
    data, view, out: Path, *, basemap_key: str, include_key: bool = False, slides=None, **_slide
) -> Path:
    from geo.map import build_map

    if basemap_key and not include_key:
        raise ExportError(
            "the basemap's key would be written into the file, where anyone who has it can read and use "
            "it: add --include-key to write it anyway, or export with --basemap none (offline)"
        )
    return write_html(out, partial(build_map, data, view, page_title=True), basemap_key=basemap_key)


def _static(
    data, view, out: Path, *, basemap_key: str, include_key: bool = False, slides=None, **slide
) -> Path:
    from geo.render.static import render_static  # matplotlib: only for static maps

    return render_static(data, out, view, **slide)


def _deck(
    data, view, out: Path, *, basemap_key: str, include_key: bool = False, slides=None, **slide
) -> Path:
    from geo.plan.figures import plan_scorecard
    from geo.render.deck import deck_views, write_deck  # python-pptx and matplotlib: only for decks
    from geo.scene.build import build_scene

    preset = slide.get("preset", "16:9")
    scorecard = bool(slides) and SCORECARD in slides  # "--slides gdp,scorecard": the plan's table too
    indicators = [s for s in slides or [] if s != SCORECARD]
    scenes = [build_scene(data, v) for v in deck_views(view, indicators)]
    return write_deck(
        scenes, out, preset=preset, scorecard=plan_scorecard(view.lang, data) if scorecard else None
    )


SCORECARD = "scorecard"  # the name of the scorecard slide in ``--slides``


# file suffix -> writer
WRITERS = {".html": _html, ".png": _static, ".svg": _static, ".pptx": _deck}


def export_file(data, view, out: Path, *, basemap_key: str = "", include_key: bool = False, **slide) -> Path:
    """Write ``view`` of ``data`` to ``out``; the suffix picks the format (``WRITERS``). A basemap
    key goes into an HTML file only with ``include_key``; ``slide`` (preset, resolution,
    svg_text) shapes a PNG/SVG (``geo.render.static.render_static``)."""
    writer = WRITERS.get(Path(out).suffix.lower())
    if writer is None:
        *rest, last = WRITERS
        raise ExportError(f"--out must end in {', '.join(rest)} or {last}, not {Path(out).name!r}")
    return writer(data, view, Path(out), basemap_key=basemap_key, include_key=include_key, **slide)


def embed_snippet(url: str, *, width: str = "100%", height: int = 600, title: str = "") -> str:
    """An iframe snippet that embeds an exported map (hosted at ``url``) in another page."""
    return (
        f'<iframe src="{esc(url)}" title="{esc(title)}" width="{esc(width)}" height="{int(height)}" '
        'style="border:0" loading="lazy"></iframe>'
    )
