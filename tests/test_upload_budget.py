"""Every uploaded file is answered within the budget, whatever its structure: within 5 s and
with the server's own memory unchanged, accepted or refused.

Files are read the way the app, ``--indicators`` and ``check-indicators`` read them
(``geo.uploads.read.read_indicator_table``: a child process with hard limits, ``geo.uploads.confined``). The
limits themselves are tested on readers that skip every check before parsing: a styles bomb and a
relocated sheet that would cost 20 s or 0.5 GB, memory and CPU eaters."""

from __future__ import annotations

import contextlib
import threading
import time

import openpyxl
import pytest

from geo.uploads.confined import MAX_RUNNING, ConfinedError, Limits, run_confined
from geo.uploads.read import MAX_BYTES, UPLOAD_LIMITS, IndicatorTableError, read_indicator_table
from tests import hostile

BUDGET_S = 5.0
SERVER_GROWTH_MB = 50


def _rss_mb() -> float:
    with open("/proc/self/status") as fh:
        return int(fh.read().split("VmRSS:")[1].split()[0]) / 1024


def _answer(raw: bytes, name: str) -> tuple[str, float]:
    assert len(raw) <= MAX_BYTES, "the uploader would refuse it before the parser sees it"
    start = time.perf_counter()
    try:
        answer = "accepted: " + read_indicator_table(raw, name).summary()
    except IndicatorTableError as exc:
        answer = "refused: " + str(exc)
    return answer, time.perf_counter() - start


def _wide_shared_strings_sheet() -> bytes:
    """Within the size limits but 400,000 cells in one row: refused by the cell count."""
    cells = b"".join(b"<c><v>%d</v></c>" % (i * 7919 % 1_000_003) for i in range(400_000))
    sheet = hostile._SHEET_HEAD + b"<row>" + cells + b"</row>" + hostile._SHEET_TAIL
    return hostile._zip(hostile._xlsx_parts(sheet))


def _bom(raw: bytes) -> bytes:
    return hostile.reencoded(raw, "utf-8-sig")


def _utf16(raw: bytes, order: str = "") -> bytes:
    return hostile.reencoded(raw, "utf-16" + (f"-{order}" if order else ""))


CASES = {
    "shared_strings_bomb.xlsx": (lambda: hostile.shared_strings_bomb(256), "decompression bomb"),
    "million_rows.xlsx": (lambda: hostile.many_rows_xlsx(1_000_000), "decompression bomb"),
    "many_real_rows.xlsx": (lambda: hostile.many_rows_xlsx(60_000, varied=True), "too large"),
    "lying_sizes.xlsx": (hostile.lying_zip_bomb, "damaged"),
    "billion_laughs.xlsx": (hostile.entity_bomb_xlsx, "entity"),
    "external_entity.xlsx": (hostile.external_entity_xlsx, "entity"),
    "one_wide_row.xlsx": (_wide_shared_strings_sheet, "too large"),
    "styles_bomb.xlsx": (hostile.styles_bomb, "1,600,000 cell formats"),
    "relocated_sheet.xlsx": (hostile.relocated_sheet_xlsx, "too large"),
    "long_header.csv": (lambda: ("地区," + "x" * 4_800_000 + "\n成都,1\n").encode(), "longer than"),
    "many_rows.csv": (lambda: ("地区,a\n" + "成都,1\n" * 500_000).encode(), "too large"),
    "many_columns.csv": (
        lambda: ("地区," + ",".join(f"c{i}" for i in range(5000)) + "\n").encode(),
        "too large",
    ),
    # only the cell limit refuses it: with the limit raised this test goes red
    "over_cells.csv": (hostile.over_cells_csv, "too large"),
    # the same attacks with every XML part after a byte-order mark or in UTF-16, which a check of
    # the raw bytes does not see (libxml2 reads them all); UTF-16 sizes halved to stay under the
    # 10 MB part limit, which would refuse them on size alone
    "styles_bomb_bom.xlsx": (lambda: _bom(hostile.styles_bomb()), "1,600,000 cell formats"),
    "styles_bomb_utf16.xlsx": (lambda: _utf16(hostile.styles_bomb(700_000)), "700,000 cell formats"),
    "styles_bomb_utf16be.xlsx": (lambda: _utf16(hostile.styles_bomb(700_000), "be"), "700,000 cell formats"),
    "styles_bomb_utf16_unmarked.xlsx": (lambda: _utf16(hostile.styles_bomb(700_000), "le"), "700,000 cell"),
    "relocated_sheet_bom.xlsx": (lambda: _bom(hostile.relocated_sheet_xlsx()), "too large"),
    "relocated_sheet_utf16.xlsx": (lambda: _utf16(hostile.relocated_sheet_xlsx(300_000)), "too large"),
    "billion_laughs_utf16.xlsx": (lambda: _utf16(hostile.entity_bomb_xlsx()), "entity"),
    "billion_laughs_bom.xlsx": (lambda: _bom(hostile.entity_bomb_xlsx()), "entity"),
    "external_entity_utf16be.xlsx": (lambda: _utf16(hostile.external_entity_xlsx(), "be"), "entity"),
    "external_entity_after_a_comment.xlsx": (hostile.late_dtd_xlsx, "entity"),
    "sheet_in_utf32.xlsx": (hostile.utf32_xlsx, "UTF-32 encoding"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_files_are_refused_within_the_budget(name):
    make, expected = CASES[name]
    raw = make()
    before = _rss_mb()
    answer, seconds = _answer(raw, name)
    assert answer.startswith("refused:") and expected in answer, answer[:300]
    assert seconds < BUDGET_S, (name, seconds)
    assert _rss_mb() - before < SERVER_GROWTH_MB


def test_values_beyond_any_statistic_are_refused_cell_by_cell():
    answer, _ = _answer(hostile.huge_values_csv(), "huge.csv")
    lines = answer.removeprefix("refused: ").splitlines()
    refused = [line.split(":")[0] for line in lines if "beyond any plausible statistic" in line]
    assert refused == ["cell B2", "cell B3", "cell B4", "cell B5"]
    assert "cell B6: '1e999' is not a number" in answer  # not finite: not a number at all
    assert "B7" not in answer  # 5 is fine


@pytest.mark.parametrize(
    "make", [hostile.styles_bomb, hostile.relocated_sheet_xlsx], ids=["styles_bomb", "relocated_sheet"]
)
def test_the_limits_stop_a_reader_that_skips_every_check(make):
    """What keeps the server alive is the child's limits, not our list of known bombs: openpyxl
    alone would spend ~20 s (styles) or ~0.5 GB (relocated sheet) on these."""
    raw = make()
    before, start = _rss_mb(), time.perf_counter()
    with pytest.raises(ConfinedError):  # out of memory (lxml then reports a broken file) or of CPU
        run_confined(hostile.load_unchecked, raw, limits=UPLOAD_LIMITS)
    assert time.perf_counter() - start < BUDGET_S
    assert _rss_mb() - before < SERVER_GROWTH_MB


def test_memory_is_bounded_by_the_address_space_limit():
    """Fixed amounts, not ones read from the limit: a reader gets 100 MB for real work and never
    600 MB (a limit raised far above what a table needs turns this red)."""
    assert run_confined(hostile.allocate, 100, limits=UPLOAD_LIMITS) == 100  # room for real work
    with pytest.raises(ConfinedError, match="limits"):
        run_confined(hostile.allocate, 600, limits=UPLOAD_LIMITS)


def test_cpu_and_wall_time_are_bounded():
    start = time.perf_counter()
    with pytest.raises(ConfinedError) as err:
        run_confined(hostile.spin, limits=Limits(cpu_s=1, wall_s=2))
    assert err.value.reason in ("limits", "busy")  # busy: the machine gave it under half a core
    assert time.perf_counter() - start < 3


def test_the_wait_for_a_free_reader_counts_in_the_wall_time():
    """The budgets add up to the promise: a call that waited for a slot gets what is left of its
    ``wall_s``, not a whole ``wall_s`` after the wait."""

    def occupy():
        with contextlib.suppress(ConfinedError):
            run_confined(hostile.spin, limits=Limits(cpu_s=3, wall_s=3))

    busy = [threading.Thread(target=occupy) for _ in range(MAX_RUNNING)]
    for b in busy:
        b.start()
    time.sleep(0.3)  # let them take the slots (a wait for a state we cannot observe otherwise)
    start = time.perf_counter()
    with pytest.raises(ConfinedError):
        run_confined(hostile.spin, limits=Limits(cpu_s=4, wall_s=4, queue_s=3.5))
    waited_and_ran = time.perf_counter() - start
    for b in busy:
        b.join()
    assert 2.5 < waited_and_ran < 4.5, waited_and_ran  # it waited ~2.7 s, then ran ~1.3 s


def test_three_hostile_uploads_at_once_are_answered_and_memory_returns():
    raw = hostile.styles_bomb()
    before = _rss_mb()
    answers: list[tuple[str, float]] = []
    readers = [threading.Thread(target=lambda: answers.append(_answer(raw, "s.xlsx"))) for _ in range(3)]
    start = time.perf_counter()
    for r in readers:
        r.start()
    for r in readers:
        r.join()
    assert time.perf_counter() - start < 15
    assert len(answers) == 3 and all(a.startswith("refused:") for a, _ in answers)
    assert _rss_mb() - before < SERVER_GROWTH_MB


def test_beyond_the_running_readers_the_answer_is_busy_not_a_hang():
    limits = Limits(cpu_s=3, wall_s=3, queue_s=0.5)
    errors: list[str] = []

    def occupy():
        try:
            run_confined(hostile.spin, limits=limits)
        except ConfinedError as exc:
            errors.append(exc.reason)

    busy = [threading.Thread(target=occupy) for _ in range(MAX_RUNNING)]
    for b in busy:
        b.start()
    time.sleep(0.3)  # let them take the slots (a wait for a state we cannot observe otherwise)
    start = time.perf_counter()
    with pytest.raises(ConfinedError) as err:
        run_confined(hostile.spin, limits=limits)
    assert err.value.reason == "busy" and time.perf_counter() - start < 1.5
    for b in busy:
        b.join()
    assert len(errors) == MAX_RUNNING and set(errors) <= {"limits", "busy"}  # busy: short of a core


def test_a_reader_stopped_at_its_deadline_without_its_share_of_a_core_answers_busy():
    """Past the deadline, a reader that had under half a core meanwhile was waiting for the
    machine, not working on a complex file: "try again", not "too complex"."""
    with pytest.raises(ConfinedError) as err:
        run_confined(time.sleep, 5, limits=Limits(cpu_s=3, wall_s=1))
    assert err.value.reason == "busy"


def test_busy_and_too_complex_read_as_messages_in_both_languages(monkeypatch):
    import geo.uploads.read

    def refuse(reason):
        def run(*args, **kwargs):
            raise ConfinedError(reason)

        return run

    cases = (("busy", "try again in a moment", "请稍后再试"), ("limits", "too complex", "过于复杂"))
    for reason, en, zh in cases:
        monkeypatch.setattr(geo.uploads.read, "run_confined", refuse(reason))
        with pytest.raises(IndicatorTableError) as err:
            read_indicator_table(b"a,b\n", "x.csv")
        assert en in err.value.problems[0].text("en") and zh in err.value.problems[0].text("zh")


def test_a_large_genuine_workbook_is_read_within_the_budget():
    """A large real table: 8 prefectures x 10 indicators x 10 years, long layout."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["adcode", "indicator", "year", "value", "unit", "source"])
    for code in ("510100", "510300", "510400", "510500", "510600", "510700", "510800", "510900"):
        for ind in range(10):
            for year in range(2016, 2026):
                sheet.append([code, f"i{ind}", year, ind * year, "亿元", "bulletin"])
    import io

    buf = io.BytesIO()
    book.save(buf)
    answer, seconds = _answer(buf.getvalue(), "big.xlsx")
    assert answer.startswith("accepted: 800 values"), answer[:200]
    assert seconds < BUDGET_S


def test_openpyxl_parses_with_defusedxml():
    """Defence in depth behind our own DTD check: openpyxl picks defusedxml up when installed."""
    from openpyxl.xml import DEFUSEDXML

    assert DEFUSEDXML is True


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-be", "utf-16-le"])
def test_a_genuine_workbook_after_a_byte_order_mark_or_in_utf16_is_read(encoding):
    """The checks read every encoding openpyxl reads: a genuine sheet in one is not refused."""
    rows = [["地区", "gdp"], ["成都", "1"], ["绵阳", "2.5"]]
    answer, _ = _answer(hostile.reencoded(hostile.small_xlsx(rows), encoding), "g.xlsx")
    assert answer.startswith("accepted: 2 values"), answer


def test_the_wait_for_a_starting_reader_counts_in_the_budget(monkeypatch):
    """A command's reader starts with the command (geo/__main__.py); on a busy machine it may
    still be loading when the budget runs out: the answer is "busy" then, not a wait without
    end, and the next call has a reader again."""
    import geo.uploads.confined

    fresh = geo.uploads.confined._ForkServer()  # not started: its first call waits for its imports
    monkeypatch.setattr(geo.uploads.confined, "_server", fresh)
    start = time.perf_counter()
    try:
        with pytest.raises(ConfinedError) as err:
            run_confined(hostile.allocate, 1, limits=Limits(wall_s=0.2, queue_s=0.2))
        assert err.value.reason == "busy" and time.perf_counter() - start < 0.5  # its imports take ~1 s
        assert run_confined(hostile.allocate, 1, limits=UPLOAD_LIMITS) == 1
    finally:
        fresh._stop()
