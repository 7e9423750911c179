"""The office's data store, through the operator's commands (``python -m geo data ...``) and what
readers then see, on a SQLite file and on a PostgreSQL server (``store_url``). Oracles: the bundled
CSV read with the csv module, hand-written tables, export → restore → export round trips."""

from __future__ import annotations

import csv
import multiprocessing
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

from geo.__main__ import main
from geo.data.load import load_indicators, load_map_data
from geo.data.sources import source_tier
from geo.office import store, writes
from geo.office.merge import MANY, shown_data
from geo.scene.legends import source_names

DATA = Path(__file__).resolve().parent.parent / "data"


def published_on(url: str) -> str:
    """The date of the store's latest publication, checked to be today's (or, past midnight UTC
    during the test, yesterday's)."""
    with store.reading(url) as conn:
        at = store.history(conn)["at"].iloc[0]
    day = datetime.fromisoformat(at).date()
    assert (datetime.now(UTC).date() - day).days in (0, 1)
    return day.isoformat()


def bundled(adcode: str, indicator: str, year: str) -> float | None:
    """A value of data/indicators.csv, read with the csv module (not the app's loader)."""
    with (DATA / "indicators.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if (row["adcode"], row["indicator"], row["year"]) == (adcode, indicator, year):
                return float(row["value"])
    return None


def publish(url: str, tmp_path: Path, text: str, *args: str, name: str = "table.csv") -> tuple[int, str]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return _run(["data", "--store", url, "publish", str(path), *args])


def _run(argv: list[str]) -> tuple[int, str]:
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(argv)
    return code, out.getvalue()


def shown(url: str) -> pd.DataFrame:
    data, trouble = shown_data(load_map_data(), url)
    assert trouble is None or trouble.code == "missing", trouble  # missing: nothing published yet
    return data.indicators


def value(table: pd.DataFrame, adcode: str, indicator: str, year: str) -> pd.Series:
    rows = table[(table["adcode"] == adcode) & (table["indicator"] == indicator) & (table["year"] == year)]
    assert len(rows) == 1, rows
    return rows.iloc[0]


GDP_2023 = "市（州）,2023年地区生产总值（亿元）\n成都市,22074.7\n巴中市,800.5\n资料来源：各市2023年统计公报\n"


def test_a_published_table_is_shown_to_every_reader_with_its_source(store_url, tmp_path):
    code, out = publish(store_url, tmp_path, GDP_2023, "--yes", "--operator", "张三")
    assert code == 0, out
    assert "Bazhong" in out and "800.5" in out and "(new)" in out  # the preview named the new cell
    table = shown(store_url)
    row = value(table, "511900", "gdp", "2023")
    assert row["value"] == 800.5 and source_tier(row["source"]) == "verified"
    day = published_on(store_url)
    assert source_names([row["source"]], "zh") == [f"本办公室{day}发布：各市2023年统计公报"]
    assert source_names([row["source"]], "en") == [f"published by the office on {day}: 各市2023年统计公报"]
    code, out = _run(["data", "--store", store_url, "history"])
    assert "张三" in out and "table.csv" in out and "2 added" in out


def test_a_published_value_replaces_a_bundled_one_only_at_an_equal_or_higher_tier(store_url, tmp_path):
    chengdu = bundled("510100", "gdp", "2020")  # quoted: 四川观察's report of the city's first release
    assert chengdu == 17717
    table = "市（州）,2020年地区生产总值（亿元）\n成都市,17716.7\n资料来源：成都市2020年统计公报\n"
    code, out = publish(store_url, tmp_path, table, "--yes", "--tier", "copy")
    assert code == 0 and "kept 17,717 (quoted by a reputable outlet)" in out and "nothing to publish" in out
    assert value(shown(store_url), "510100", "gdp", "2020")["value"] == chengdu
    code, out = publish(store_url, tmp_path, table, "--yes", "--tier", "quoted")
    assert code == 0 and "17,717 → 17,716.7" in out
    assert value(shown(store_url), "510100", "gdp", "2020")["value"] == 17716.7


def test_values_in_another_unit_are_converted_and_derived_values_follow(store_url, tmp_path):
    table = "地区,2020年常住人口（万人）\n雅安市,143.5\n资料来源：雅安市第七次全国人口普查公报\n"
    assert publish(store_url, tmp_path, table, "--yes")[0] == 0
    indicators = shown(store_url)
    assert value(indicators, "511800", "population", "2020")["value"] == pytest.approx(1_435_000)
    density = value(indicators, "511800", "population_density", "2020")
    area = value(indicators, "511800", "land_area", "")["value"]
    assert density["value"] == pytest.approx(1_435_000 / area, abs=0.05)
    assert f"published by the office on {published_on(store_url)}" in source_names([density["source"]], "en")


@pytest.mark.parametrize(
    "table, args, words",
    [
        ("市（州）,地区生产总值（亿元）\n成都市,1\n资料来源：x\n", [], "needs a year"),
        ("市（州）,2023年地区生产总值（亿元）\n成都市,1\n", [], "no source"),
        ("市（州）,2023年地区生产总值（元）\n成都市,1\n资料来源：x\n", [], None),  # 元 → 亿元 converts
        ("市（州）,2023年地区生产总值（%）\n成都市,1\n资料来源：x\n", [], "measured in 亿元"),
        ("市（州）,2023年人口密度\n成都市,1\n资料来源：x\n", [], "computed by the app"),
    ],
)
def test_a_table_that_cannot_be_published_says_why_and_writes_nothing(
    store_url, tmp_path, table, args, words
):
    code, out = publish(store_url, tmp_path, table, "--yes", *args)
    if words is None:
        assert code == 0 and "converted to 亿元" in out
        return
    assert code == 1 and words in out
    assert _run(["data", "--store", store_url, "history"])[1].strip() in (
        "nothing has been published",
        f"no data store yet at {store.shown_location(store_url)}: nothing has been published",
    )


def test_revert_sets_every_cell_back_and_a_later_change_must_be_reverted_first(store_url, tmp_path):
    before = load_indicators()
    assert publish(store_url, tmp_path, GDP_2023, "--yes")[0] == 0
    later = "市（州）,2023年地区生产总值（亿元）\n巴中市,801\n资料来源：巴中市2023年统计公报\n"
    assert publish(store_url, tmp_path, later, "--yes")[0] == 0
    code, out = _run(["data", "--store", store_url, "revert", "1", "--yes"])
    assert code == 1 and "revert those first" in out
    assert _run(["data", "--store", store_url, "revert", "2", "--yes"])[0] == 0
    assert value(shown(store_url), "511900", "gdp", "2023")["value"] == 800.5  # publication 1's again
    assert _run(["data", "--store", store_url, "revert", "1", "--yes"])[0] == 0
    after = shown(store_url)
    raw = after[~after["indicator"].isin(["land_area", "gdp_per_capita", "population_density"])]
    key = ["adcode", "indicator", "year"]
    pd.testing.assert_frame_equal(  # the bundled data exactly, as before the first publish
        raw.sort_values(key).reset_index(drop=True), before.sort_values(key).reset_index(drop=True)
    )
    assert "reverts 1" in _run(["data", "--store", store_url, "history"])[1]


def test_export_and_restore_give_back_the_same_store_hostile_text_included(store_url, tmp_path):
    hostile = '=HYPERLINK("http://x")'
    table = f"市（州）,2023年地区生产总值（亿元）,来源,备注\n巴中市,800.5,{hostile},'quoted\n"
    assert publish(store_url, tmp_path, table, "--yes")[0] == 0
    assert _run(["data", "--store", store_url, "revert", "1", "--yes"])[0] == 0
    assert publish(store_url, tmp_path, GDP_2023, "--yes")[0] == 0
    first, second = tmp_path / "first", tmp_path / "second"
    assert _run(["data", "--store", store_url, "export", str(first)])[0] == 0
    with (first / "sources.csv").open(encoding="utf-8") as fh:
        texts = [row["text"] for row in csv.DictReader(fh)]
    assert "'" + hostile in texts  # a spreadsheet shows it as text
    copy = f"sqlite:///{tmp_path / 'restored.sqlite'}"
    assert _run(["data", "--store", copy, "restore", str(first)])[0] == 0
    assert _run(["data", "--store", copy, "export", str(second)])[0] == 0
    for path in first.iterdir():
        assert (second / path.name).read_bytes() == path.read_bytes(), path.name
    with store.reading(copy) as conn:
        assert hostile in set(store.published(conn)["source_text"]) | {
            r.text for r in conn.execute(sa.select(store.sources))
        }
    code, out = _run(["data", "--store", copy, "restore", str(first)])
    assert code == 1 and "empty store" in out


def test_a_large_publish_or_one_at_another_level_is_confirmed_twice(store_url, tmp_path):
    from geo.data.names import prefecture_records

    names = [r.name_zh for r in prefecture_records().values()]
    years = range(2015, 2015 + MANY // len(names) + 1)
    head = "市（州）," + ",".join(f"{y}年软件园区数（个）" for y in years)
    rows = [f"{n}," + ",".join(str(i + y) for y in years) for i, n in enumerate(names)]
    table = "\n".join([head, *rows, "资料来源：省经信厅"]) + "\n"
    code, out = publish(store_url, tmp_path, table, "--yes")
    assert code == 1 and "--confirm-large" in out
    code, out = publish(store_url, tmp_path, table, "--yes", "--confirm-large")
    assert code == 0 and f"{len(names) * len(years)} cell(s)" in out
    county = "区（市）县,2024年软件园区数（个）\n武侯区,3\n资料来源：成都市经信局\n"
    code, out = publish(store_url, tmp_path, county, "--yes")
    assert code == 1 and "another level" in out
    assert publish(store_url, tmp_path, county, "--yes", "--confirm-large")[0] == 0


def _publish_in_child(args: tuple[str, str, str]) -> int:
    url, path, operator = args
    from geo.__main__ import main

    return main(["data", "--store", url, "publish", path, "--yes", "--operator", operator])


@pytest.mark.slow  # eight processes at once: minutes on a busy machine (make test runs it)
def test_publishes_at_once_never_interleave(store_url, tmp_path):
    """Eight operators publish different tables at the same moment: each publication is whole
    (all its cells from one table) and none is lost without a message."""
    paths = []
    for i in range(8):
        path = tmp_path / f"t{i}.csv"
        path.write_text(
            "市（州）,2023年地区生产总值（亿元）\n成都市,{0}\n德阳市,{0}\n巴中市,{0}\n资料来源：表{0}\n".format(
                1000 + i
            ),
            encoding="utf-8",
        )
        paths.append((store_url, str(path), f"operator{i}"))
    with multiprocessing.get_context("spawn").Pool(8) as pool:
        codes = pool.map_async(_publish_in_child, paths).get(timeout=180)  # never a hang
    assert codes.count(0) >= 1 and set(codes) <= {0, 1}
    with store.reading(store_url) as conn:
        pubs = conn.execute(sa.select(store.publications)).mappings().all()
        assert len(pubs) == codes.count(0)  # a refused publish wrote nothing
        for pub in pubs:
            cells = store.cells_of(conn, pub["id"])
            assert len(cells) == 3 and cells["new_value"].nunique() == 1  # one table's cells
        now = store.published(conn)
    assert now["value"].nunique() == 1 and len(now) == 3  # the last publication, whole
    with store.reading(store_url) as conn:
        history = pd.DataFrame(
            conn.execute(sa.select(store.changes).order_by(store.changes.c.id)).mappings().all()
        )
    for _, cell in history.groupby(["adcode", "indicator", "year"]):  # each change saw the one before
        before = [None, *cell["publication_id"].tolist()[:-1]]
        assert [None if pd.isna(x) else int(x) for x in cell["old_publication_id"]] == before


def test_a_preview_made_before_another_publish_is_not_written(store_url, tmp_path):
    """The operator confirmed what the preview showed; if someone published since, nothing is
    written and the command says so."""
    with store.writing(store_url) as conn:
        base = store.stamp(conn)
    assert publish(store_url, tmp_path, GDP_2023, "--yes")[0] == 0
    cell = writes.Cell("511900", "gdp", "2023", "prefecture", 1.0, "亿元", "", 0)
    with pytest.raises(store.StoreError, match="changed after the preview"), store.writing(store_url) as conn:
        writes.write_publication(conn, base=base, operator="late", action="publish", cells=[cell],
                                source_rows=[("x", "verified")])  # fmt: skip
    assert value(shown(store_url), "511900", "gdp", "2023")["value"] == 800.5


def test_the_merge_keeps_the_better_tier():
    from geo.office.merge import merge

    bundled_rows = load_indicators()
    quoted = bundled_rows[(bundled_rows["adcode"] == "510100") & (bundled_rows["indicator"] == "gdp")
                          & (bundled_rows["year"] == "2020")]  # fmt: skip
    assert source_tier(quoted["source"].iloc[0]) == "quoted"
    for tier, wins in (("copy", False), ("quoted", True), ("verified", True)):
        mine = quoted.assign(value=1.0, source=f"office:1:{tier}:2026-01-01 x")
        merged = merge(bundled_rows, mine.reset_index(drop=True))
        assert value(merged, "510100", "gdp", "2020")["value"] == (1.0 if wins else 17717), tier
        assert len(merged) == len(bundled_rows)


def test_a_store_of_a_newer_version_is_refused_with_a_clear_message(tmp_path):
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    assert publish(url, tmp_path, GDP_2023, "--yes")[0] == 0
    with sqlite3.connect(tmp_path / "store.sqlite") as conn:
        conn.execute("UPDATE store_info SET value = '99' WHERE key = 'schema'")
    code, out = _run(["data", "--store", url, "history"])
    assert code == 1 and "newer version" in out and "Traceback" not in out
    data, trouble = shown_data(load_map_data(), url)
    assert trouble.code == "newer" and data.indicators.equals(load_map_data().indicators)


def test_a_damaged_or_locked_store_leaves_the_bundled_data(tmp_path):
    bundled_data = load_map_data()
    path = tmp_path / "store.sqlite"
    url = f"sqlite:///{path}"
    assert publish(url, tmp_path, GDP_2023, "--yes")[0] == 0
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN EXCLUSIVE")  # a writer holds the write lock: readers read on (WAL)
    writer.execute("DELETE FROM published_values")
    try:
        data, trouble = shown_data(bundled_data, url)
        assert trouble is None and value(data.indicators, "511900", "gdp", "2023")["value"] == 800.5
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")  # another program keeps the file to itself
    holder.execute("BEGIN EXCLUSIVE")
    try:
        data, trouble = shown_data(bundled_data, url)
        assert trouble.code == "locked" and data is bundled_data
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert shown_data(bundled_data, url)[1] is None
    path.write_bytes(b"not a database, just bytes" * 100)
    data, trouble = shown_data(bundled_data, url)
    assert trouble.code == "damaged" and data is bundled_data
    code, out = _run(["data", "--store", url, "history"])
    assert code == 1 and "damaged" in out
    missing = f"sqlite:///{tmp_path / 'nowhere' / 'store.sqlite'}"
    data, trouble = shown_data(bundled_data, missing)
    assert trouble.code == "missing" and not (tmp_path / "nowhere").exists()  # a reader never creates it


def test_readers_cannot_write(tmp_path):
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    assert publish(url, tmp_path, GDP_2023, "--yes")[0] == 0
    with store.reading(url) as conn, pytest.raises(sa.exc.OperationalError, match="readonly"):
        conn.execute(store.publications.delete())


def test_the_plans_scorecard_takes_a_published_outcome(store_url, tmp_path):
    from geo.plan.figures import plan_scorecard, plan_targets

    table = "地区,2025年软件业务收入（亿元）\n全省,8512\n资料来源：省经信厅2025年软件业统计快报\n"
    code, out = publish(store_url, tmp_path, table, "--yes")
    assert code == 0 and "Sichuan Province" in out and "province level" in out
    data, trouble = shown_data(load_map_data(), store_url)
    assert trouble is None
    (target,) = [tg for tg in plan_targets(data) if tg.figure["id"] == "t_sb_revenue"]
    assert target.figure["value"] == 8400  # the plan's 2025 target (专栏 / 二(二))
    assert (target.latest["year"], target.latest["value"], target.latest["tier"]) == ("2025", 8512, "office")
    assert round(target.share_of_target, 1) == 101.3 and target.status == "met"  # 8512 / 8400
    card = plan_scorecard("en", data).set_index("Target")
    row = card.loc[next(i for i in card.index if i.startswith("Software-business revenue"))]
    assert row["Status"] == "met" and "published by the office" in " ".join(map(str, row.values))
    assert (
        plan_scorecard("en").set_index("Target").loc[row.name, "Status"] == "behind"
    )  # bundled only: 6,060 (2024)


def _answer(argv: list[str], answers: list[str]) -> str:
    """Run the command at a terminal (a pty) and type ``answers`` at its questions."""
    import os
    import pty
    import subprocess
    import sys

    main_fd, child_fd = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "geo", *argv], stdin=child_fd, stdout=child_fd,
                            stderr=child_fd, cwd=DATA.parent, close_fds=True)  # fmt: skip
    os.close(child_fd)
    out, pending = b"", list(answers)
    while True:
        try:
            chunk = os.read(main_fd, 4096)
        except OSError:  # the command ended and closed the terminal
            break
        if not chunk:
            break
        out += chunk
        if pending and out.rstrip().endswith((b"[y/N]", b":", "：".encode())):  # a question asked
            os.write(main_fd, (pending.pop(0) + "\n").encode())
    proc.wait(timeout=60)
    os.close(main_fd)
    return out.decode("utf-8", errors="replace")


def test_the_operator_is_asked_at_a_terminal_and_no_means_nothing_written(tmp_path):
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    table = tmp_path / "table.csv"
    table.write_text(GDP_2023, encoding="utf-8")
    out = _answer(["data", "--store", url, "publish", str(table)], ["n"])
    assert "publish 2 cell(s)" in out and "nothing was published" in out
    assert not (tmp_path / "store.sqlite").exists()
    out = _answer(["data", "--store", url, "publish", str(table)], ["y"])
    assert "published as publication 1" in out
    out = _answer(["data", "--store", url, "revert", "1"], ["y"])
    assert "reverted publication 1 as publication 2" in out


def test_the_coverage_table_counts_published_cells(store_url, tmp_path):
    from geo.data.coverage import coverage_cells

    before = coverage_cells(load_map_data(), ("gdp",))
    assert publish(store_url, tmp_path, GDP_2023, "--yes")[0] == 0
    data, _ = shown_data(load_map_data(), store_url)
    after = coverage_cells(data, ("gdp",))
    published = after[after["state"] == "published"]
    cells = sorted(zip(published["adcode"], published["year"], strict=True))
    assert cells == [("510100", "2023"), ("511900", "2023")]
    was = before.set_index(["adcode", "year"])["state"]
    assert (
        was[("511900", "2023")] == "missing"
        and (after["state"] == "missing").sum() == (before["state"] == "missing").sum() - 1
    )


def test_a_publish_after_a_revert_that_emptied_its_cells_is_written(store_url, tmp_path):
    """The preview's stamp is the newest publication, also when that one (a revert) left no cell
    of its own in the store."""
    assert publish(store_url, tmp_path, GDP_2023, "--yes")[0] == 0
    later = "市（州）,2022年地区生产总值（亿元）\n巴中市,790\n资料来源：巴中市2022年统计公报\n"
    assert publish(store_url, tmp_path, later, "--yes")[0] == 0
    assert _run(["data", "--store", store_url, "revert", "2", "--yes"])[0] == 0
    code, out = publish(store_url, tmp_path, later, "--yes")
    assert code == 0 and "published as publication 4" in out, out
