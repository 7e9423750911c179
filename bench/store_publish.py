"""A publish of about 10^5 cells (21 prefectures × 96 indicators × 50 years; ``gdp`` among them, so
that bundled values are compared and replaced), through what ``python -m geo data publish`` does
after reading its file: the store's state read, the preview, the write (one transaction). A file
of the uploads' limits holds at most 200 columns and 20,000 rows, so the table is built here.

``python -m bench.store_publish URL [RUNS]`` prints each run's phases and the median (each run
publishes over the one before: the second and later change every cell)."""

from __future__ import annotations

import json
import statistics
import sys
import time

import pandas as pd

INDICATORS, YEARS = 96, range(1976, 2026)


def big_table(shift: float = 0.0):
    """An ``IndicatorTable`` of ``INDICATORS`` × 21 prefectures × ``YEARS`` values."""
    from geo.data.names import prefecture_records
    from geo.uploads.read import COLUMNS, IndicatorTable

    rows = [
        (code, "gdp" if i == 0 else f"bench indicator {i:03d}", str(year), float(i + year) + shift,
         "亿元" if i == 0 else "个", "bench: a built table", "")
        for i in range(INDICATORS)
        for code in prefecture_records()
        for year in YEARS
    ]  # fmt: skip
    return IndicatorTable(data=pd.DataFrame(rows, columns=COLUMNS))


def publish(url: str, table, *, operator: str = "bench") -> dict:
    """Preview ``table`` against the store and write it; the seconds of each phase."""
    from geo.data.load import load_indicator_meta, load_indicators
    from geo.office import store, writes
    from geo.office.merge import merge, preview, published_rows, read_state

    url = store.location(url)  # a path or a URL
    t0 = time.perf_counter()
    now, base = read_state(url, required=False)
    shown = merge(load_indicators(), published_rows(now))
    t1 = time.perf_counter()
    meta = load_indicator_meta()
    plan = preview(table, shown=shown, published_now=now, meta=meta, tier="verified", base=base)
    t2 = time.perf_counter()
    with store.writing(url) as conn:
        pub = writes.write_publication(conn, base=plan.base, operator=operator, action="publish",
                                      cells=plan.cells, source_rows=plan.sources)  # fmt: skip
    t3 = time.perf_counter()
    return {"publication": pub, "cells": len(plan.cells), "read": t1 - t0, "preview": t2 - t1,
            "write": t3 - t2, "total": t3 - t0}  # fmt: skip


def main(argv: list[str]) -> None:
    url, runs = argv[0], int(argv[1]) if len(argv) > 1 else 3
    out = [publish(url, big_table(shift=run)) for run in range(runs)]
    for row in out:
        print(json.dumps({k: round(v, 2) if isinstance(v, float) else v for k, v in row.items()}))
    print(f"median of {runs}: {statistics.median(r['total'] for r in out):.1f} s")


if __name__ == "__main__":
    main(sys.argv[1:])
