"""County scale: the 183-county choropleth against the 21-prefecture one, same indicator.

The indicator is each area's land area computed from the bundled boundaries (an equal-area
projection), so both maps carry a real value for every area and differ only in scale. The
county table goes in as a planner's upload would (``python -m geo export --indicators``).
"""

from __future__ import annotations

import csv
import subprocess
import sys
from functools import partial
from pathlib import Path

NAME = "面积（平方公里）"  # the uploaded column; its indicator is "upload:面积"
INDICATOR = "upload:面积"
EQUAL_AREA = "+proj=aea +lat_1=25 +lat_2=47 +lon_0=105 +datum=WGS84"  # Albers for China


def write_table(path: Path, level: str) -> Path:
    """Land area of every area of ``level`` as an upload table (by adcode: two counties are both
    called 市中区)."""
    from geo.data.load import load_map_data

    areas = load_map_data().areas(level)
    km2 = areas.to_crs(EQUAL_AREA).area / 1e6
    with path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["地区", NAME])
        out.writerows([code, f"{v:.1f}"] for code, v in zip(areas["adcode"], km2, strict=True))
    return path


def export_command(table: Path, out: Path, level: str) -> list[str]:
    return [
        sys.executable, "-m", "geo", "export", "--out", str(out), "--indicators", str(table),
        "--indicator", INDICATOR, "--layers", "choropleth", "--level", level,
    ]  # fmt: skip


def in_process_build(table: Path):
    """A function building the choropleth page of ``table`` in-process (data loaded once)."""
    from geo.data.load import load_map_data
    from geo.export import html_document
    from geo.map import build_map
    from geo.scene.view import MapView
    from geo.uploads.read import parse_indicator_table

    parsed = parse_indicator_table(table.read_bytes(), table.name)
    data = load_map_data().with_upload(parsed.data)
    view = MapView(layers=("choropleth",), indicator=INDICATOR, level=parsed.level)
    return partial(html_document, partial(build_map, data, view))


def run(runs: int, tmp: Path, median_time, time_to_drawn) -> dict:
    """Size, in-process build, whole process and browser draw, for both levels."""
    out = {}
    for level, areas in (("prefecture", 21), ("county", 183)):
        table = write_table(tmp / f"{level}.csv", level)
        build = in_process_build(table)
        html = build()
        page = tmp / f"{level}.html"
        page.write_text(html, encoding="utf-8")
        command = export_command(table, tmp / f"{level}_cli.html", level)
        process = partial(subprocess.run, command, check=True, stdout=subprocess.DEVNULL)
        out[level] = {
            "kb": len(html.encode()) / 1024,
            "build_s": median_time(build, runs),
            "process_s": median_time(process, runs),
            "draw_s": time_to_drawn(page, areas, runs)["seconds"],
        }
    return out
