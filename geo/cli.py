"""Command line: ``python -m geo check-indicators FILE`` and ``python -m geo export --out FILE``.

The export's view options are generated from the fields of ``geo.scene.view.MapView``, so a new view
option is added once, there. Every failure ends in a clear message and exit code 1.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import MISSING, fields
from pathlib import Path

from geo.office import commands as data_commands
from geo.scene.view import CHOICES, MapView, ViewError
from geo.text.escape import no_bidi


def add_view_arguments(parser: argparse.ArgumentParser) -> None:
    """One ``--option`` per field of ``MapView``; unset options keep the view's defaults."""
    for f in fields(MapView):
        default = f.default if f.default is not MISSING else None
        shown = ",".join(default) if isinstance(default, tuple) else default
        help_text = f.metadata.get("help", "")
        if "default" not in help_text:
            help_text += f" (default: {shown if shown is not None else 'none'})"
        choices = CHOICES.get(f.name) if f.name != "layers" else None
        parser.add_argument(flag(f.name), dest=f.name, default=None, choices=choices, help=help_text)


def flag(name: str) -> str:
    """The command-line spelling of a view field: ``--border-width`` for ``border_width``, like
    every other option of the command (``--svg-text``, ``--tianditu-key``)."""
    return "--" + name.replace("_", "-")


def view_from_args(args: argparse.Namespace, data) -> MapView:
    """The ``MapView`` the options ask for, checked against ``data``."""
    from geo.data.indicators import mappable_indicators, resolve_indicator

    given = {f.name: getattr(args, f.name) for f in fields(MapView) if getattr(args, f.name) is not None}
    if "layers" in given:
        given["layers"] = tuple(x.strip() for x in given["layers"].split(",") if x.strip())
    if "indicator" in given:
        given["indicator"] = resolve_indicator(given["indicator"], data.indicators)
    view = MapView(**given)
    if ({"indicator", "year", "change"} & set(given)) and "choropleth" not in view.layers:
        view = MapView(**{**given, "layers": (*view.layers, "choropleth")})
    return view.checked(
        readings=data.layout["readings"],
        indicators=mappable_indicators(data.indicators),
        basemaps=data.basemaps,
    )


def check_indicators(args: argparse.Namespace) -> int:
    from geo.uploads.read import IndicatorTableError, command_limits, read_indicator_table, read_table_file

    path = Path(args.file)
    try:
        table = read_indicator_table(read_table_file(path), path.name, limits=command_limits())
    except IndicatorTableError as exc:
        print(f"{path}: {len(exc.problems)} problem(s); nothing was loaded:")
        for problem in exc.problems:
            print(f"  - {problem}")
        return 1
    print(f"{path}: usable")
    print(table.summary())
    return 0


def export(args: argparse.Namespace) -> int:
    """Write the map as self-contained HTML or a PNG/SVG slide; prints the file written."""
    from geo.data.basemaps import BasemapError
    from geo.data.load import load_map_data
    from geo.export import ExportError, export_file
    from geo.office.location import in_use

    out = Path(args.out)
    try:
        # the table first: a file refused is answered within the upload budget of the command
        table = _read_table(Path(args.indicators)) if args.indicators else None
        data, trouble = load_map_data(), None
        if in_use():  # bundled and published; without a store, its modules are never imported
            from geo.office.merge import shown_data

            data, trouble = shown_data(data)
        if trouble is not None:
            print(f"warning: {trouble}; the bundled data are used", file=sys.stderr)
        if table is not None:
            data = data.with_upload(table)
        view = view_from_args(args, data)
        slide = {"preset": args.preset, "resolution": args.resolution, "svg_text": args.svg_text}
        if out.suffix.lower() == ".pptx":
            slide = {"preset": args.preset, "slides": _slide_indicators(args.slides, data)}
        export_file(data, view, out, basemap_key=args.tianditu_key, include_key=args.include_key, **slide)
    except (ExportError, BasemapError, ViewError, ValueError, OSError, RuntimeError) as exc:
        print(f"export failed: {exc}")  # incl. FontMissingError
        return 1
    print(f"wrote {out} ({out.stat().st_size / 1024:.0f} KB)")
    return 0


def _slide_indicators(text: str | None, data) -> list[str] | None:
    """The indicators of a deck's slides (``--slides``): a list, or every bundled one for "all"."""
    from geo.data.indicators import UPLOAD_PREFIX, mappable_indicators, resolve_indicator
    from geo.export import ExportError

    if not text:
        return None
    from geo.export import SCORECARD

    known = mappable_indicators(data.indicators)
    every = [*(i for i in known if not i.startswith(UPLOAD_PREFIX)), SCORECARD]
    wanted = []
    for x in (x.strip() for x in text.split(",") if x.strip()):  # "all" may sit in a list too
        for w in every if x == "all" else [resolve_indicator(x, data.indicators)]:
            wanted += [] if w in wanted else [w]
    unknown = [w for w in wanted if w not in known and w != SCORECARD]
    if unknown:
        raise ExportError(
            f"--slides: unknown indicator(s) {', '.join(unknown)}; choose from {', '.join(known)}"
        )
    return wanted


def _read_table(path: Path):
    from geo.export import ExportError
    from geo.uploads.read import IndicatorTableError, command_limits, read_indicator_table, read_table_file

    try:
        return read_indicator_table(read_table_file(path), path.name, limits=command_limits()).data
    except IndicatorTableError as exc:
        raise ExportError(
            f"{path}: not a usable indicator table (run: python -m geo check-indicators {path}):\n{exc}"
        ) from None


# the slide options (geo.render.static.PRESETS / RESOLUTIONS), named here so --help needs no matplotlib
SLIDE_PRESETS = ("16:9", "4:3", "a4-landscape", "a4-portrait")
SLIDE_RESOLUTIONS = ("1x", "1.5x", "2x", "300dpi")


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m geo", description=__doc__.split("\n\n")[0])
    sub = p.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check-indicators", help="validate an indicator table (CSV/XLSX)")
    check.add_argument("file")
    check.set_defaults(func=check_indicators)
    exp = sub.add_parser("export", help="write the map as self-contained HTML, PNG or SVG")
    exp.add_argument("--out", required=True, help="output file: .html, .png, .svg or .pptx")
    exp.add_argument("--indicators", help="an indicator table (CSV/XLSX) in the upload format")
    exp.add_argument("--tianditu-key", default="", help="API key for --basemap tianditu")
    exp.add_argument(
        "--include-key",
        action="store_true",
        help="write the basemap key into an HTML file (anyone can read it)",
    )
    exp.add_argument("--preset", default="16:9", choices=SLIDE_PRESETS, help="slide shape (default: 16:9)")
    exp.add_argument(
        "--resolution",
        default="1x",
        choices=SLIDE_RESOLUTIONS,
        help="1x (1920 px wide at 16:9), 2x or 300dpi",
    )
    exp.add_argument("--svg-text", action="store_true", help="keep an SVG's text editable (fonts named)")
    exp.add_argument(
        "--slides",
        help="a deck (.pptx): one slide per indicator, e.g. gdp,population, and 'scorecard' for the plan's "
        "scorecard; 'all' for every bundled indicator and the scorecard",
    )
    add_view_arguments(exp)
    exp.set_defaults(func=export)
    data_commands.add_parser(sub)
    return p


class _NoBidi:
    """A text stream that writes without bidirectional controls (``geo.text.escape.no_bidi``): a name
    printed by any command shows in the order it is written."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(no_bidi(text))

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


def main(argv: list[str] | None = None) -> int:
    """Run a command (``argv``, else the process's arguments); its exit code."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _NoBidi(out), _NoBidi(err)
    try:
        return _main(argv)
    finally:
        sys.stdout, sys.stderr = out, err


def _main(argv: list[str] | None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:  # e.g. `python -m geo check-indicators FILE | head`: the reader left
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # the command line's promise: a clear message, never a traceback
        print(
            f"{args.command} failed unexpectedly ({type(exc).__name__}: {str(exc)[:200]}); "
            "nothing was written. Please report this with the input that caused it."
        )
        return 1
