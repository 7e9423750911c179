"""Command line: ``python -m geo check-indicators FILE`` and ``python -m geo export --out FILE``."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from geo.upload import IndicatorTableError, parse_indicator_table, read_table_file


def check_indicators(args: argparse.Namespace) -> int:
    path = Path(args.file)
    try:
        table = parse_indicator_table(read_table_file(path), path.name)
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
    except BrokenPipeError:  # e.g. `python -m geo check-indicators FILE | head`: the reader left
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # the command line's promise: a clear message, never a traceback
        print(
            f"{args.command} failed unexpectedly ({type(exc).__name__}: {str(exc)[:200]}); "
            "nothing was written. Please report this with the input that caused it."
        )
        return 1


if __name__ == "__main__":
    sys.exit(main())
