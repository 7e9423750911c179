"""``python -m geo data ...``: the operator's commands on the office's data store (``geo.office.store``).

publish FILE   read a table with the uploads' yearbook reader, show what it would change against
               what the app shows today, ask, then write it as one publication
history        the publications, newest first (``--id N``: the cells of one)
revert ID      set every cell of a publication back to what it was before
export FOLDER  every table of the store as CSV; ``restore FOLDER`` fills a new store from it
check          what state the store is in (``--repair``: repair what is safe; ``geo.office.check``)
"""

from __future__ import annotations

import argparse
import getpass
import hashlib
import sys
from pathlib import Path

import pandas as pd

from geo.data.indicators import PROVINCE, TIERS
from geo.office.location import MANY, SETTING
from geo.uploads.read import IndicatorTableError, command_limits, read_indicator_table, read_table_file


def add_parser(sub) -> None:
    data = sub.add_parser("data", help="the office's data store: publish, history, revert, export, restore")
    data.add_argument("--store", help=f"the store: a path or a URL (default: ${SETTING}, else a file "
                      "in the user's data folder)")  # fmt: skip
    data.set_defaults(func=run)
    cmds = data.add_subparsers(dest="data_command", required=True)
    pub = cmds.add_parser("publish", help="publish an indicator table (CSV/XLSX, yearbook layouts)")
    pub.add_argument("file")
    pub.add_argument("--sheet", help="the workbook's sheet (default: its first)")
    pub.add_argument(
        "--tier",
        default="verified",
        choices=TIERS,
        help="how the office read the values: verified (the publisher's own page or an official yearbook; "
        "default), quoted (a reputable outlet quoting it), copy (a reprint)",
    )
    pub.add_argument("--source", default="", help="the source of values the table names none for")
    pub.add_argument("--operator", default=None, help="who publishes (default: the login name)")
    pub.add_argument("--yes", action="store_true", help="publish without asking")
    pub.add_argument(
        "--confirm-large",
        action="store_true",
        help=f"with --yes: also publish more than {MANY} cells, or at another level than before",
    )
    pub.set_defaults(action=publish)
    hist = cmds.add_parser("history", help="the publications, newest first")
    hist.add_argument("--id", type=int, help="list the cells of this publication")
    hist.set_defaults(action=history)
    rev = cmds.add_parser("revert", help="set a publication's cells back to what they were before")
    rev.add_argument("id", type=int)
    rev.add_argument("--operator", default=None)
    rev.add_argument("--yes", action="store_true", help="revert without asking")
    rev.set_defaults(action=revert)
    exp = cmds.add_parser("export", help="write the store to CSV files in a folder")
    exp.add_argument("folder")
    exp.set_defaults(action=export)
    res = cmds.add_parser("restore", help="fill a new, empty store from an export's folder")
    res.add_argument("folder")
    res.set_defaults(action=restore)
    chk = cmds.add_parser("check", help="what state the store is in; --repair repairs what is safe to")
    chk.add_argument("--repair", action="store_true", help="roll back an interrupted publish left by an old "
                     "store, set WAL, empty the WAL (never while a writer holds the store)")  # fmt: skip
    chk.set_defaults(action=check)


def run(args: argparse.Namespace) -> int:
    from geo.office import check as store_check
    from geo.office import store  # the store's modules only for the commands that use them
    from geo.office.merge import PublishError

    url = store.location(args.store)
    try:
        if args.action is not check and store_check.recover(url):
            print("an interrupted publish was rolled back (the publications before it are whole)")
        return args.action(args, url)
    except (store.StoreError, PublishError) as exc:
        print(f"data {args.data_command} failed: {store.masked(str(exc), url)}")
        return 1
    except OSError as exc:  # e.g. a folder the store cannot be created in
        print(f"data {args.data_command} failed: {store.masked(str(exc), url)}")
        return 1


def _operator(args) -> str:
    name = args.operator or getpass.getuser()
    return name.strip()[:200] or "unknown"


def _ask(question: str, yes: bool) -> bool:
    if yes:
        return True
    if not sys.stdin.isatty():
        print(f"{question} — not asked (no terminal): run again with --yes to go ahead")
        return False
    return input(f"{question} [y/N] ").strip().lower() in ("y", "yes")


def publish(args, url: str) -> int:
    from geo.data.load import load_indicator_meta, load_indicators
    from geo.data.names import prefecture_records
    from geo.office import store
    from geo.office.merge import merge, preview, published_rows, read_state

    path = Path(args.file)
    try:
        raw = read_table_file(path)
        table = read_indicator_table(raw, path.name, args.sheet, province=True, limits=command_limits())
    except IndicatorTableError as exc:
        print(f"{path}: {len(exc.problems)} problem(s); nothing was published:")
        for problem in exc.problems:
            print(f"  - {problem}")
        return 1
    published_now, base = read_state(url, required=False)  # a store not yet created holds nothing
    shown = merge(load_indicators(), published_rows(published_now))
    plan = preview(
        table,
        shown=shown,
        published_now=published_now,
        meta=load_indicator_meta(),
        tier=args.tier,
        base=base,
        source=args.source,
    )
    names = {code: rec.name_en for code, rec in prefecture_records().items()} | {PROVINCE: "Sichuan Province"}
    print(f"{path.name}{f' (sheet {args.sheet})' if args.sheet else ''} → {store.shown_location(url)}")
    print(plan.text(names))
    if not plan.cells:
        print("nothing to publish")
        return 0
    if not _ask(f"publish {len(plan.cells)} cell(s) as {_operator(args)}?", args.yes):
        print("nothing was published")
        return 1
    if plan.many or plan.other_level:
        why = "many cells" if plan.many else "values at another level than before"
        if not _ask_again(f"this publish changes {why}", len(plan.cells), args):
            print("nothing was published")
            return 1
    with store.writing(url) as conn:
        pub = store.write_publication(
            conn,
            base=plan.base,
            operator=_operator(args),
            action="publish",
            cells=plan.cells,
            source_rows=plan.sources,
            file_name=path.name[:260],
            file_sha256=hashlib.sha256(raw).hexdigest(),
            sheet=(args.sheet or "")[:200],
        )
    print(f"published as publication {pub}: {len(plan.cells)} cell(s)")
    return 0


def _ask_again(why: str, count: int, args) -> bool:
    if args.yes:
        if args.confirm_large:
            return True
        print(f"{why}: run again with --yes --confirm-large to go ahead")
        return False
    if not sys.stdin.isatty():
        return False
    answer = input(f"{why}: type the number of cells ({count}) to confirm: ").strip()
    return answer == str(count)


def history(args, url: str) -> int:
    from geo.office import store

    if not store.exists(url):
        print(f"no data store yet at {store.shown_location(url)}: nothing has been published")
        return 0
    try:
        with store.reading(url) as conn:
            table = store.history(conn)
            cells = store.cells_of(conn, args.id) if args.id is not None else None
    except store.StoreError as exc:
        if exc.code != "empty":
            raise
        print("nothing has been published")
        return 0
    if cells is not None:
        if cells.empty:
            print(f"there is no publication {args.id}")
            return 1
        for c in cells.itertuples():
            old = "—" if pd.isna(c.old_source_id) else f"{c.old_value:g} {c.old_unit}"
            new = "removed" if pd.isna(c.new_source_id) else f"{c.new_value:g} {c.new_unit}"
            print(f"{c.adcode} · {c.indicator} · {c.year}: {old} → {new}")
        return 0
    if table.empty:
        print("nothing has been published")
    for p in table.itertuples():
        what = (
            f"reverts {p.reverts}" if p.action == "revert" else f"{p.file_name} (sha256 {p.file_sha256[:12]})"
        )
        print(
            f"{p.id:>4}  {p.at}  {p.operator}  {p.action}: {what}; "
            f"{int(p.added)} added, {int(p.changed)} changed, {int(p.removed)} removed"
        )
    return 0


def revert(args, url: str) -> int:
    from geo.office import store

    if not store.exists(url):
        print(f"no data store at {store.shown_location(url)}: nothing to revert")
        return 1
    with store.reading(url) as conn:
        back, conflicts = store.revert_cells(conn, args.id)
        base = store.stamp(conn)
    if conflicts:
        print(
            f"{len(conflicts)} cell(s) of publication {args.id} were changed again later: revert those first"
        )
        return 1
    print(f"reverting publication {args.id} sets {len(back)} cell(s) back")
    if not _ask(f"revert publication {args.id} as {_operator(args)}?", args.yes):
        print("nothing was reverted")
        return 1
    with store.writing(url) as conn:
        pub = store.write_revert(conn, base=base, operator=_operator(args), publication_id=args.id)
    print(f"reverted publication {args.id} as publication {pub}")
    return 0


def export(args, url: str) -> int:
    from geo.office import store

    with store.reading(url) as conn:
        written = store.export_csv(conn, Path(args.folder))
    print(f"wrote {', '.join(p.name for p in written)} to {args.folder}")
    return 0


def restore(args, url: str) -> int:
    from geo.office import store

    with store.writing(url) as conn:
        count = store.restore_csv(conn, Path(args.folder))
    print(f"restored {count} published value(s) into {store.shown_location(url)}")
    return 0


def check(args, url: str) -> int:
    from geo.office import check as store_check

    findings = store_check.check(url, repair=args.repair)
    for finding in findings:
        print(f"{finding.state:>8}  {finding.text}")
    problems = [f for f in findings if f.state == "problem"]
    if problems and not args.repair:
        print("run again with --repair to repair what is safe to repair")
    return 1 if problems else 0
