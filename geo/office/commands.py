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
from geo.data.names import prefecture_records
from geo.office.location import MANY, SETTING
from geo.text.escape import plain_text
from geo.text.i18n import pick, t


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
    pub.add_argument("--source", default="", help="the source of values the table names none for (asked "
                     "at a terminal when the table names none)")  # fmt: skip
    pub.add_argument("--year", default="", help="the year of columns whose header gives none (default: "
                     "the year in the title, else the sheet's name, else the file's name)")  # fmt: skip
    pub.add_argument("--name-en", default=None, help="the English name of an indicator new to the app "
                     "(asked at a terminal; empty: the office's own name is shown, said so)")  # fmt: skip
    pub.add_argument("--lang", default="en", choices=("zh", "en"), help="the language of the preview")
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


def _ask(question: str, yes: bool, lang: str = "en") -> bool:
    if yes:
        return True
    if not sys.stdin.isatty():
        print(t("cli_not_asked", lang, question=question))
        return False
    return input(f"{question} [y/N] ").strip().lower() in ("y", "yes", "是")


def publish(args, url: str) -> int:
    from geo.data.load import load_indicator_meta, load_indicators
    from geo.office import store, writes
    from geo.office.merge import merge, preview, published_rows, read_state
    from geo.uploads.read import IndicatorTableError, command_limits, read_indicator_table, read_table_file

    lang, path = args.lang, Path(args.file)
    year = _year(args.year)
    if year is None:
        print(t("cli_bad_year", lang, year=plain_text(args.year, limit=20)))
        return 1
    try:
        raw = read_table_file(path)
        table = read_indicator_table(raw, path.name, args.sheet, province=True, year=year,
                                     limits=command_limits())  # fmt: skip
    except IndicatorTableError as exc:
        print(t("cli_unreadable", lang, file=plain_text(path.name), n=len(exc.problems)))
        for problem in exc.problems:
            print(f"  - {problem.text(lang)}")
        return 1
    source = args.source.strip() or _asked_source(table, lang)
    published_now, base = read_state(url, required=False)  # a store not yet created holds nothing
    shown = merge(load_indicators(), published_rows(published_now))
    meta = load_indicator_meta()
    plan = preview(table, shown=shown, published_now=published_now, meta=meta, tier=args.tier, base=base,
                   source=source, lang=lang)  # fmt: skip
    sheet = f" ({t('cli_sheet', lang, sheet=plain_text(args.sheet))})" if args.sheet else ""
    print(f"{plain_text(path.name)}{sheet} → {store.shown_location(url)}")
    names_en = _names_en(plan.new_indicators, args, lang)
    labels = indicator_labels(meta, plan.new_indicators, names_en, lang)
    print(plan.text(lang, area_labels(table, lang), labels))
    if not plan.cells and not names_en:
        print(t("cli_nothing_to_publish", lang))
        return 0
    question = t("cli_publish_q", lang, n=len(plan.cells), operator=_operator(args))
    if plan.left_out:
        question = t("cli_left_out_q", lang, n=len(plan.left_out)) + question
    if not _ask(question, args.yes, lang):
        print(t("cli_nothing_published", lang))
        return 1
    if plan.many or plan.other_level:
        why = t("cli_many" if plan.many else "cli_other_level", lang)
        if not _ask_again(why, len(plan.cells), args, lang):
            print(t("cli_nothing_published", lang))
            return 1
    with store.writing(url) as conn:
        pub = writes.write_publication(
            conn,
            base=plan.base,
            operator=_operator(args),
            action="publish",
            cells=plan.cells,
            source_rows=plan.sources,
            file_name=path.name[:260],
            file_sha256=hashlib.sha256(raw).hexdigest(),
            sheet=(args.sheet or "")[:200],
            names_en=names_en,
        )
    print(t("cli_published", lang, pub=pub, n=len(plan.cells)))
    return 0


def _year(text: str) -> str | None:
    """``--year`` as a year ("" when not given), or None when it is not one."""
    text = text.strip().removesuffix("年")
    if not text:
        return ""
    return text if text.isdigit() and len(text) == 4 and 1900 <= int(text) <= 2099 else None


def _asked_source(table, lang: str) -> str:
    """The source of values the table names none for, asked at a terminal ("" when the table
    names every source, when there is no terminal, or when the operator gives none)."""
    rows = table.data if table.province is None else pd.concat([table.data, table.province])
    if not (rows["value"].notna() & (rows["source"] == "")).any() or not sys.stdin.isatty():
        return ""
    return plain_text(input(t("cli_source_q", lang)), limit=200)


def _names_en(new: list[str], args, lang: str) -> dict[str, str]:
    """The English names of the indicators new to the app: ``--name-en`` (one new indicator), or
    asked at a terminal for each; none given leaves the office's own name, said to be so."""
    if not new:
        return {}
    if args.name_en is not None:
        return {new[0]: plain_text(args.name_en, limit=200)} if len(new) == 1 and args.name_en.strip() else {}
    if args.yes or not sys.stdin.isatty():
        return {}
    asked = {name: input(t("cli_name_en_q", lang, name=plain_text(name))) for name in new}
    names = {name: plain_text(en, limit=200) for name, en in asked.items()}
    return {name: en for name, en in names.items() if en}


def area_labels(table, lang: str) -> dict[str, str]:
    """adcode -> the area as the preview names it: as the table writes it, with its code (and
    the English name in English)."""
    records = prefecture_records()
    out = {PROVINCE: t("pv_area", lang, name="四川省", en="Sichuan Province", code=PROVINCE)}
    for code, name in table.areas.items():
        en = records[code].name_en if code in records else ""
        shown = plain_text(name, limit=40)
        out[code] = t("pv_area", lang, name=shown, en=en, code=code) if en else f"{shown} ({code})"
    return out


def indicator_labels(meta: pd.DataFrame, new: list[str], names_en: dict[str, str], lang: str) -> dict:
    """indicator id -> its name in ``lang``; a new indicator: its name and the English one given,
    or (in English) its name said to be the office's own."""
    out = {row.id: pick(row.name_zh, row.name_en, lang) for row in meta.itertuples()}
    for name in new:
        shown = plain_text(name)
        en = names_en.get(name)
        out[name] = t("pv_name_en", lang, zh=shown, en=en) if en else t("office_name_only", lang, name=shown)
    return out


def _ask_again(why: str, count: int, args, lang: str = "en") -> bool:
    if args.yes:
        if args.confirm_large:
            return True
        print(t("cli_confirm_large", lang, why=why))
        return False
    if not sys.stdin.isatty():
        return False
    answer = input(t("cli_type_count", lang, why=why, n=count)).strip()
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
            f"reverts {int(p.reverts)}"
            if p.action == "revert"
            else f"{plain_text(p.file_name)} (sha256 {p.file_sha256[:12]})"
        )
        print(
            f"{p.id:>4}  {p.at}  {p.operator}  {p.action}: {what}; "
            f"{int(p.added)} added, {int(p.changed)} changed, {int(p.removed)} removed"
        )
    return 0


def revert(args, url: str) -> int:
    from geo.office import store, writes

    if not store.exists(url):
        print(f"no data store at {store.shown_location(url)}: nothing to revert")
        return 1
    with store.reading(url) as conn:
        back, conflicts = writes.revert_cells(conn, args.id)
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
        pub = writes.write_revert(conn, base=base, operator=_operator(args), publication_id=args.id)
    print(f"reverted publication {args.id} as publication {pub}")
    return 0


def export(args, url: str) -> int:
    from geo.office import backup, store

    with store.reading(url) as conn:
        written = backup.export_csv(conn, Path(args.folder))
    print(f"wrote {', '.join(p.name for p in written)} to {args.folder}")
    return 0


def restore(args, url: str) -> int:
    from geo.office import backup, store

    with store.writing(url) as conn:
        count = backup.restore_csv(conn, Path(args.folder))
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
