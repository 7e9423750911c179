"""Command line: ``python -m geo check-indicators FILE`` and ``python -m geo export --out FILE``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from geo.upload import MAX_BYTES, IndicatorTableError, parse_indicator_table


def check_indicators(args: argparse.Namespace) -> int:
    path = Path(args.file)
    try:
        size = path.stat().st_size
        raw = path.read_bytes() if size <= MAX_BYTES else b""
    except OSError as exc:
        print(f"{path}: cannot read the file ({exc.strerror or type(exc).__name__})")
        return 1
    if size > MAX_BYTES:
        print(f"{path}: the file is {size / 1e6:.1f} MB; the limit is {MAX_BYTES / 1e6:.0f} MB")
        return 1
    try:
        table = parse_indicator_table(raw, path.name)
    except IndicatorTableError as exc:
        print(f"{path}: {len(exc.problems)} problem(s); nothing was loaded:")
        for problem in exc.problems:
            print(f"  - {problem}")
        return 1
    print(f"{path}: usable")
    print(table.summary())
    return 0


def export(args: argparse.Namespace) -> int:
    from geo.export import run_export

    return run_export(args)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m geo", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check-indicators", help="validate an indicator table (CSV/XLSX)")
    check.add_argument("file")
    check.set_defaults(func=check_indicators)
    exp = sub.add_parser("export", help="write the map as self-contained HTML, PNG or SVG")
    from geo.export import add_export_arguments

    add_export_arguments(exp)
    exp.set_defaults(func=export)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except Exception as exc:  # the command line's promise: a clear message, never a traceback
        print(
            f"{args.command} failed unexpectedly ({type(exc).__name__}: {str(exc)[:200]}); "
            "nothing was written. Please report this with the input that caused it."
        )
        return 1


if __name__ == "__main__":
    sys.exit(main())
