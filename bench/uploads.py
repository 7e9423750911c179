"""The upload budget, measured as the server meets it: each hostile file of the test corpus read
through ``geo.uploads.read.read_indicator_table`` (a confined child), its answer time and the peak
memory of the whole process tree (the server, the fork server and the reader; PSS) over its
baseline;
three hostile files at once; an ordinary 21-row yearbook workbook."""

from __future__ import annotations

import io
import os
import statistics
import threading
import time
from functools import partial
from pathlib import Path


def tree_memory_mb() -> float:
    """Memory of this process and all its descendants: the sum of their proportional set sizes
    (PSS), so pages a forked reader shares with the fork server count once."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue  # a process that ended meanwhile
    tree, grown = {os.getpid()}, True
    while grown:
        more = {pid for pid, parent in parents.items() if parent in tree} - tree
        tree |= more
        grown = bool(more)
    total = 0
    for pid in tree:
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        total += int(rollup.split("\nPss:")[1].split()[0])
    return total / 1024


class Peak:
    """The highest ``tree_rss_mb`` while the block runs, sampled every 20 ms."""

    def __enter__(self):
        self.peak, self._done = tree_memory_mb(), threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self):
        while not self._done.wait(0.02):
            self.peak = max(self.peak, tree_memory_mb())

    def __exit__(self, *exc):
        self._done.set()
        self._thread.join()


def ordinary_workbook() -> bytes:
    import openpyxl

    from geo.data.names import prefecture_records

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["四川省各市（州）软件业务收入"])
    sheet.append(["地区", "软件业务收入（亿元）", None])
    sheet.append([None, "2022年", "2023年"])
    for i, record in enumerate(prefecture_records().values()):
        sheet.append([record.name_zh, 10.5 + i, 12.25 + i])
    sheet.append(["资料来源：四川统计年鉴"])
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def _answer(raw: bytes, name: str) -> tuple[str, float]:
    """As the app reads an upload: its sheets and table in one confined read."""
    from geo.uploads.read import IndicatorTableError, read_upload

    start = time.perf_counter()
    outcome = read_upload(raw, name).outcome
    if isinstance(outcome, IndicatorTableError):
        answer = "refused: " + str(outcome).split("\n")[0][:70]
    else:
        answer = "accepted"
    return answer, time.perf_counter() - start


def _command(raw: bytes, name: str) -> tuple[str, float]:
    """As ``python -m geo check-indicators FILE`` reads it: a whole command, interpreter and
    imports included."""
    import subprocess
    import sys
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(raw)
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "geo", "check-indicators", str(path)], capture_output=True, text=True
        )
        seconds = time.perf_counter() - start
    lines = done.stdout.splitlines()
    return ("refused: " + lines[1].strip(" -")[:70]) if done.returncode else "accepted", seconds


# Three at once, in the app and as commands: the bombs whose checks must read UTF-16 or skip a mark
TOGETHER = (
    "styles_bomb.xlsx",
    "styles_bomb_bom.xlsx",
    "styles_bomb_utf16.xlsx",
    "relocated_sheet_utf16.xlsx",
)


def _timed(read, raw: bytes, baseline: float) -> dict:
    with Peak() as peak:
        answer, seconds = read(raw)
    return {"kb": len(raw) / 1024, "s": seconds, "mb": peak.peak - baseline, "answer": answer}


def _unchecked(raw: bytes) -> tuple[str, float]:
    """openpyxl alone in a confined child: only the limits stop it."""
    from geo.uploads.confined import ConfinedError, run_confined
    from geo.uploads.read import UPLOAD_LIMITS
    from tests.hostile import load_unchecked

    start = time.perf_counter()
    try:
        run_confined(load_unchecked, raw, limits=UPLOAD_LIMITS)
        answer = "read"
    except ConfinedError as exc:
        answer = f"stopped ({exc.reason})"
    return answer, time.perf_counter() - start


def _together(read, raw: bytes, baseline: float) -> tuple[float, float]:
    """Three reads at once: the time until all are answered, and the peak over ``baseline``."""
    readers = [threading.Thread(target=read, args=(raw,)) for _ in range(3)]
    with Peak() as peak:
        start = time.perf_counter()
        for r in readers:
            r.start()
        for r in readers:
            r.join()
        seconds = time.perf_counter() - start
    time.sleep(0.5)  # the readers' exit reaches the kernel
    return seconds, peak.peak - baseline


def run(runs: int) -> dict:
    from geo.uploads.confined import warm_up
    from tests.test_upload_budget import CASES

    raws = {name: make() for name, (make, _) in CASES.items()}  # made before the baseline is read
    ordinary = ordinary_workbook()
    warm_up()
    _answer(ordinary, "warm.xlsx")  # the fork server has its modules loaded
    baseline = tree_memory_mb()
    files = [
        {"name": name, **_timed(partial(_answer, name=name), raw, baseline)} for name, raw in raws.items()
    ]
    for name in ("styles_bomb.xlsx", "relocated_sheet.xlsx"):  # the limits alone, no checks before
        files.append({"name": f"{name}, openpyxl with no checks", **_timed(_unchecked, raws[name], baseline)})
    checked, checked_mb = _together(partial(_answer, name="s.xlsx"), raws["styles_bomb.xlsx"], baseline)
    unchecked, unchecked_mb = _together(_unchecked, raws["styles_bomb.xlsx"], baseline)
    together = [
        {"name": name, "how": how, "s": _together(partial(read, name=name), raws[name], baseline)[0]}
        for name in TOGETHER
        for how, read in (("app", _answer), ("command", _command))
    ]
    commands = [
        {"name": name, **_timed(partial(_command, name=name), raws[name], baseline)} for name in TOGETHER
    ]
    times = [_answer(ordinary, "yearbook.xlsx")[1] for _ in range(max(runs, 5))]
    return {
        "baseline_mb": baseline,
        "files": files,
        "together_s": checked,
        "together_mb": checked_mb,
        "unchecked_together_s": unchecked,
        "unchecked_together_mb": unchecked_mb,
        "together": together,
        "commands": commands,
        "load": Path("/proc/loadavg").read_text().split()[0],
        "after_mb": tree_memory_mb() - baseline,
        "ordinary_s": statistics.median(times),
    }


def report(u: dict) -> list[str]:
    def goal(ok: bool) -> str:
        return "met" if ok else "MISSED"

    worst_s = max(f["s"] for f in u["files"])
    worst_mb = max(f["mb"] for f in u["files"])
    lines = [
        f"Uploads (the server's process tree at {u['baseline_mb']:.0f} MB before): each hostile file of "
        "`tests/test_upload_budget.py`, read as the app reads it; the last two rows skip every check "
        "before parsing, so only the child's limits (geo.uploads.read.UPLOAD_LIMITS) stop them.",
        "",
        "| file | size (KB) | answered in (s) | peak over baseline (MB) | answer |",
        "|---|---:|---:|---:|---|",
    ]
    for f in u["files"]:
        lines.append(f"| {f['name']} | {f['kb']:.0f} | {f['s']:.2f} | {f['mb']:.0f} | {f['answer']} |")
    for f in u.get("commands", []):
        lines.append(
            f"| {f['name']}, `python -m geo check-indicators` (whole command) | {f['kb']:.0f} | {f['s']:.2f} "
            f"| {f['mb']:.0f} | {f['answer']} |"
        )
    together = u.get("together", [])
    if together:
        lines += ["", f"Three at once (load average {u.get('load', '?')} when measured):", ""]
        lines += ["| file | read by | all three answered (s) | target |", "|---|---|---:|---|"]
        for f in together:
            lines.append(f"| {f['name']} | {f['how']} | {f['s']:.2f} | ≤ 5 s: {goal(f['s'] <= 5)} |")
    lines += [
        "",
        "| upload budget | figure | target |",
        "|---|---:|---|",
        f"| slowest hostile answer (s) | {worst_s:.2f} | ≤ 5 s: {goal(worst_s <= 5)} |",
        f"| largest peak over baseline (MB) | {worst_mb:.0f} | ≤ 500 MB: {goal(worst_mb <= 500)} |",
        f"| three styles bombs at once, all answered (s) | {u['together_s']:.2f} | ≤ 5 s: "
        f"{goal(u['together_s'] <= 5)} |",
        f"| … their peak over baseline (MB) | {u['together_mb']:.0f} | ≤ 500 MB: "
        f"{goal(u['together_mb'] <= 500)} |",
        f"| three at once, openpyxl with no checks, all answered (s) | {u['unchecked_together_s']:.2f} | "
        f"≤ 5 s: {goal(u['unchecked_together_s'] <= 5)} |",
        f"| … their peak over baseline (MB) | {u['unchecked_together_mb']:.0f} | (two readers at a time) |",
        f"| memory over baseline afterwards (MB) | {u['after_mb']:.0f} | ≤ 50 MB: "
        f"{goal(u['after_mb'] <= 50)} |",
        f"| ordinary 21-row yearbook workbook (s, median) | {u['ordinary_s']:.2f} | ≤ 1 s: "
        f"{goal(u['ordinary_s'] <= 1)} |",
        "",
    ]
    return lines


if __name__ == "__main__":
    import sys

    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    print("\n".join(report(run(runs))))
