"""Every file the uploader accepts (<= 5 MB) is answered within the budget — 5 s and 500 MB peak
memory on a 2-core machine — accepted or refused. Each hostile file is made here and parsed in
a fresh process, whose wall time and peak memory are measured (VmHWM: the high-water mark of the
child's own memory; ru_maxrss would include the forked test runner's)."""

from __future__ import annotations

import json
import subprocess
import sys

import openpyxl
import pytest

from geo.upload import MAX_BYTES
from tests import hostile
from tests.conftest import ROOT

BUDGET_S = 5.0
BUDGET_MB = 500

_CHILD = """
import json, sys, time
from geo.upload import IndicatorTableError, parse_indicator_table
raw = open(sys.argv[1], "rb").read()
start = time.perf_counter()
try:
    table = parse_indicator_table(raw, sys.argv[2])
    answer = "accepted: " + table.summary()
except IndicatorTableError as exc:
    answer = "refused: " + str(exc)
seconds = time.perf_counter() - start
status = open("/proc/self/status").read().split("VmHWM:")[1]
peak_mb = int(status.split()[0]) / 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak_mb, "answer": answer}))
"""


def _parse_in_child(tmp_path, raw: bytes, name: str) -> dict:
    assert len(raw) <= MAX_BYTES, "the uploader would refuse it before the parser sees it"
    path = tmp_path / name
    path.write_bytes(raw)
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path), name],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _wide_shared_strings_sheet() -> bytes:
    """Within the size limits but 400,000 cells in one row: refused by the cell count."""
    cells = b"".join(b"<c><v>%d</v></c>" % (i * 7919 % 1_000_003) for i in range(400_000))
    sheet = hostile._SHEET_HEAD + b"<row>" + cells + b"</row>" + hostile._SHEET_TAIL
    return hostile._zip(hostile._xlsx_parts(sheet))


CASES = {
    "shared_strings_bomb.xlsx": (lambda: hostile.shared_strings_bomb(256), "decompression bomb"),
    "million_rows.xlsx": (lambda: hostile.many_rows_xlsx(1_000_000), "decompression bomb"),
    "many_real_rows.xlsx": (lambda: hostile.many_rows_xlsx(60_000, varied=True), "too large"),
    "lying_sizes.xlsx": (hostile.lying_zip_bomb, "damaged"),
    "billion_laughs.xlsx": (hostile.entity_bomb_xlsx, "entity"),
    "external_entity.xlsx": (hostile.external_entity_xlsx, "entity"),
    "one_wide_row.xlsx": (_wide_shared_strings_sheet, "too large"),
    "long_header.csv": (lambda: ("地区," + "x" * 4_800_000 + "\n成都,1\n").encode(), "longer than"),
    "many_rows.csv": (lambda: ("地区,a\n" + "成都,1\n" * 500_000).encode(), "too large"),
    "many_columns.csv": (
        lambda: ("地区," + ",".join(f"c{i}" for i in range(5000)) + "\n").encode(),
        "too large",
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_files_are_refused_within_the_budget(tmp_path, name):
    make, expected = CASES[name]
    result = _parse_in_child(tmp_path, make(), name)
    assert result["answer"].startswith("refused:") and expected in result["answer"], result["answer"]
    assert result["seconds"] < BUDGET_S, result
    assert result["peak_mb"] < BUDGET_MB, result


def test_a_large_genuine_workbook_is_read_within_the_budget(tmp_path):
    """The largest table the limits allow in practice: 183 counties x 10 years x 10 indicators."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["adcode", "indicator", "year", "value", "unit", "source"])
    for code in ("510100", "510300", "510400", "510500", "510600", "510700", "510800", "510900"):
        for ind in range(10):
            for year in range(2016, 2026):
                sheet.append([code, f"i{ind}", year, ind * year, "亿元", "bulletin"])
    path = tmp_path / "big.xlsx"
    book.save(path)
    result = _parse_in_child(tmp_path, path.read_bytes(), "big.xlsx")
    assert result["answer"].startswith("accepted: 800 values"), result["answer"][:200]
    assert result["seconds"] < BUDGET_S and result["peak_mb"] < BUDGET_MB, result


def test_openpyxl_parses_with_defusedxml():
    """Defence in depth behind our own DTD check: openpyxl picks defusedxml up when installed."""
    from openpyxl.xml import DEFUSEDXML

    assert DEFUSEDXML is True
