"""Turn a composed map into files: self-contained HTML, or PNG/SVG for slides.

The HTML comes from the same composer as the app (``geo.map.build_map``) with
Leaflet inlined, so it opens with no network at all.
"""

from __future__ import annotations

import argparse
from functools import partial
from pathlib import Path

from geo.assets import inline_assets

# Placeholder base URL for assets while rendering; replaced by the files' contents.
_INLINE_BASE = "sw-inline-assets"


def html_document(build, **options) -> str:
    """Render ``build(assets_url=..., **options)`` to one self-contained HTML string."""
    m = build(assets_url=_INLINE_BASE, **options)  # a folium.Map, or a Figure of maps
    return inline_assets(m.get_root().render(), _INLINE_BASE)


def write_html(path: Path, build, **options) -> Path:
    path = Path(path)
    path.write_text(html_document(build, **options), encoding="utf-8")
    return path


def embed_snippet(url: str, *, width: str = "100%", height: int = 600, title: str = "") -> str:
    """An iframe snippet that embeds an exported map (hosted at ``url``) in another page."""
    from geo.layers.markup import esc

    return (
        f'<iframe src="{esc(url)}" title="{esc(title)}" width="{esc(width)}" height="{int(height)}" '
        'style="border:0" loading="lazy"></iframe>'
    )


def add_export_arguments(parser: argparse.ArgumentParser) -> None:
    from geo.classify import PALETTES, SCHEMES
    from geo.map import DEFAULT_LAYERS, LAYERS

    parser.add_argument("--out", required=True, help="output file: .html, .png or .svg")
    parser.add_argument(
        "--layers",
        default=",".join(DEFAULT_LAYERS),
        help=f"comma-separated, from {','.join(LAYERS)} (default: %(default)s)",
    )
    parser.add_argument("--indicator", help="indicator id to map as a choropleth (adds the layer)")
    parser.add_argument("--indicators", help="an indicator table (CSV/XLSX) in the upload format")
    parser.add_argument("--year", help="indicator year (default: the latest; adds the choropleth layer)")
    parser.add_argument("--scheme", default="quantiles", choices=list(SCHEMES))
    parser.add_argument("--k", default="5", help="number of classes, 2 to 7 (default: %(default)s)")
    parser.add_argument("--bins", help="class upper bounds for --scheme user_defined, e.g. 100,1000,5000")
    parser.add_argument("--palette", default="YlGnBu", choices=list(PALETTES))
    parser.add_argument("--lang", default="zh", choices=["zh", "en"])
    parser.add_argument("--reading", help="layout reading (A, B, C; default: the layout's default)")
    parser.add_argument("--basemap", default="none", choices=["none", "osm", "amap", "tianditu"])
    parser.add_argument("--tianditu-key", default="", help="API key for --basemap tianditu")
    parser.add_argument("--title", help="title of the static map (PNG/SVG)")


class ExportError(ValueError):
    """Bad export options or input; the message says what to change."""


def _options(args: argparse.Namespace, data) -> tuple[object, dict]:
    from geo.indicators import resolve_indicator
    from geo.map import LAYERS

    layers = [x.strip() for x in args.layers.split(",") if x.strip()]
    unknown = set(layers) - set(LAYERS)
    if unknown:
        raise ExportError(f"unknown layer(s) {', '.join(sorted(unknown))}: choose from {', '.join(LAYERS)}")
    if args.indicators:
        data = data.with_upload(_read_table(Path(args.indicators)))
    if (args.indicator or args.year) and "choropleth" not in layers:
        layers.insert(1, "choropleth")
    indicator = resolve_indicator(args.indicator or "software_revenue_share", data.indicators)
    if "choropleth" in layers and indicator not in set(data.indicators["indicator"]):
        known = ", ".join(dict.fromkeys(data.indicators["indicator"]))
        raise ExportError(f"unknown indicator {indicator!r}: choose one of {known}")
    try:
        bins = [float(b) for b in args.bins.split(",")] if args.bins else None
    except ValueError:
        raise ExportError(f"--bins must be numbers separated by commas, not {args.bins!r}") from None
    return data, {
        "layers": layers,
        "lang": args.lang,
        "reading": args.reading,
        "indicator": indicator,
        "year": args.year,
        "scheme": args.scheme,
        "k": args.k,
        "bins": bins,
        "palette": args.palette,
    }


def _read_table(path: Path):
    from geo.upload import IndicatorTableError, parse_indicator_table, read_table_file

    try:
        return parse_indicator_table(read_table_file(path), path.name).data
    except IndicatorTableError as exc:
        raise ExportError(
            f"{path}: not a usable indicator table (run: python -m geo check-indicators {path}):\n{exc}"
        ) from None


def run_export(args: argparse.Namespace) -> int:
    """The ``python -m geo export`` command: prints the file written, or a clear error (exit 1)."""
    from geo.basemaps import BasemapError
    from geo.map import build_map, load_map_data

    out = Path(args.out)
    suffix = out.suffix.lower()
    try:
        data, options = _options(args, load_map_data())
        if suffix == ".html":
            write_html(
                out, partial(build_map, data), basemap=args.basemap, basemap_key=args.tianditu_key, **options
            )
        elif suffix in (".png", ".svg"):
            from geo.static_map import render_static  # matplotlib: only for static maps

            render_static(data, out, title=args.title, **options)
        else:
            raise ExportError(f"--out must end in .html, .png or .svg, not {out.name!r}")
    except (ExportError, BasemapError, ValueError, OSError, RuntimeError) as exc:  # incl. FontMissingError
        print(f"export failed: {exc}")
        return 1
    print(f"wrote {out} ({out.stat().st_size / 1024:.0f} KB)")
    return 0
