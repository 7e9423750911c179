"""Resolve a reading of the 一轴一核多带 layout into members and drawable node paths."""

from __future__ import annotations

from dataclasses import dataclass

from geo.data.names import prefecture_records


@dataclass(frozen=True)
class Belt:
    id: str
    name_zh: str
    name_en: str
    draw: str  # "corridor" (line through nodes) or "region" (member polygons)
    members: tuple[str, ...]
    paths: tuple[tuple[tuple[float, float], ...], ...] = ()
    added: tuple[str, ...] = ()  # members this project adds to the source's list (an inference)


@dataclass(frozen=True)
class ExternalNode:
    """A node outside Sichuan (e.g. Chongqing, where the axis leads)."""

    name_zh: str
    name_en: str
    lon: float
    lat: float


@dataclass(frozen=True)
class Reading:
    key: str
    name_zh: str
    name_en: str
    note_zh: str
    note_en: str
    sources: tuple[str, ...]  # ids of data/sources.csv, each maybe with a section ("plan 二(一)")
    core: tuple[str, ...]
    core_name: dict[str, str]
    core_plan_ref: str
    axis_name: dict[str, str]
    axis_members: tuple[str, ...]
    axis_paths: tuple[tuple[tuple[float, float], ...], ...]
    belts: tuple[Belt, ...] = ()
    external: tuple[ExternalNode, ...] = ()


def reading_keys(layout: dict) -> list[str]:
    return list(layout["readings"])


def resolve_reading(
    layout: dict, key: str | None = None, seats: dict[str, tuple[float, float]] | None = None
) -> Reading:
    """Members and coordinates of reading ``key`` (default: the layout's default).

    Nodes that are adcodes are drawn at their seat city (``seats``, adcode -> (lon, lat), in the
    datum being drawn; default: WGS-84 from ``geo.data.names``); a reading
    may borrow the axis or the belts of another reading by naming it (``axis: A``).
    """
    readings = layout["readings"]
    key = key or layout["default_reading"]
    if key not in readings:
        raise ValueError(f"unknown layout reading {key!r}: choose one of {', '.join(readings)}")
    r = readings[key]
    axis = readings[r["axis"]]["axis"] if isinstance(r["axis"], str) else r["axis"]
    belts = readings[r["belts"]]["belts"] if isinstance(r["belts"], str) else r["belts"]
    nodes = _node_coordinates(layout, seats)
    to_xy = lambda path: tuple(tuple(round(v, 5) for v in nodes[n]) for n in path)  # noqa: E731 (1 m)
    return Reading(
        key=key,
        name_zh=r["name_zh"],
        name_en=r["name_en"],
        note_zh=r["note_zh"],
        note_en=r["note_en"],
        sources=tuple(r["sources"]),
        core=tuple(layout["core"]["members"]),
        core_name={"zh": layout["core"]["name_zh"], "en": layout["core"]["name_en"]},
        core_plan_ref=layout["core"]["plan_ref"],
        axis_name={"zh": axis["name_zh"], "en": axis["name_en"]},
        axis_members=tuple(axis["members"]),
        axis_paths=tuple(to_xy(p) for p in axis["paths"]),
        belts=tuple(
            Belt(
                b["id"],
                b["name_zh"],
                b["name_en"],
                b["draw"],
                tuple(b["members"]),
                tuple(to_xy(p) for p in b.get("paths", [])),
                tuple(b.get("added", [])),
            )
            for b in belts
        ),
        external=tuple(
            ExternalNode(v["name_zh"], v["name_en"], float(v["lon"]), float(v["lat"]))
            for v in layout["external_nodes"].values()
        ),
    )


def _node_coordinates(layout: dict, seats) -> dict[str, tuple[float, float]]:
    if seats is None:
        seats = {code: (p.seat_lon, p.seat_lat) for code, p in prefecture_records().items()}
    nodes = dict(seats)
    for k, v in layout["external_nodes"].items():
        nodes[k] = (float(v["lon"]), float(v["lat"]))
    return nodes
