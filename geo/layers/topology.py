"""Shared borders sent once: a coverage's rings cut into arcs, as TopoJSON does.

Neighbouring areas share their borders, so in plain GeoJSON most vertices travel twice. Here
every ring of a coverage (the prefectures, the counties) is cut where three or more areas meet,
each piece (an arc) is kept once, and a ring becomes a list of arc numbers (``~i``: arc ``i``
walked backwards). Coordinates are on the 1e-4 degree grid the page decodes (``geo.layers.
encoding``), so the page draws exactly the rings it would have drawn without the topology.

Any polygon made of a coverage's areas (a union of prefectures, a subset) is written with the
same arcs (``Topology.refs``), so a page that draws the prefectures and the layout's belts sends
their borders once. The ``topojson`` package computes the same arcs (a test compares them);
this module does it in a few milliseconds for the one case we have, a valid coverage whose
neighbours share their vertices exactly.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import pairwise

import numpy as np
import shapely

Point = tuple[int, int]
FACTOR = 1e4  # the grid of the bundled data and of the page's decoder


def _ring(ring, factor: float) -> list[Point]:
    """A ring's vertices on the grid, open (no repeated closing vertex), no repeated neighbours."""
    xy = np.rint(shapely.get_coordinates(ring) * factor).astype(np.int64)
    keep = np.ones(len(xy), dtype=bool)
    keep[1:] = (xy[1:] != xy[:-1]).any(axis=1)
    out = list(map(tuple, xy[keep].tolist()))
    while len(out) > 1 and out[0] == out[-1]:
        out.pop()
    return out


def polygon_rings(geom, factor: float = FACTOR) -> list[list[list[Point]]] | None:
    """The rings of a (Multi)Polygon on the grid, per polygon; ``None`` for other geometries."""
    if geom is None or geom.geom_type not in ("Polygon", "MultiPolygon"):
        return None
    polys = geom.geoms if geom.geom_type == "MultiPolygon" else [geom]
    return [[_ring(r, factor) for r in (p.exterior, *p.interiors)] for p in polys]


def _pieces(ring: list[Point], junctions) -> list[tuple[Point, ...]]:
    """``ring`` (open) cut at its junctions into closed-ended pieces; a ring without junctions
    (an island, an enclave) is one piece from its smallest vertex round to it again."""
    cuts = [i for i, p in enumerate(ring) if p in junctions]
    if not cuts:
        k = ring.index(min(ring))
        return [(*ring[k:], *ring[:k], ring[k])]
    s = cuts[0]
    turned = [*ring[s:], *ring[:s], ring[s]]
    return [tuple(turned[a : b + 1]) for a, b in pairwise([c - s for c in cuts] + [len(ring)])]


@dataclass(eq=False)
class Topology:
    """Arcs of a coverage and the junctions they were cut at."""

    arcs: list[tuple[Point, ...]]
    junctions: frozenset[Point]
    factor: float = FACTOR
    _index: dict = field(default_factory=dict, repr=False)
    _written: dict = field(default_factory=dict, repr=False)  # geometry -> its refs, once each

    def __post_init__(self):
        self._index = {arc: i for i, arc in enumerate(self.arcs)}

    def _arc(self, seq: tuple[Point, ...]) -> int | None:
        if seq in self._index:
            return self._index[seq]
        back = self._index.get(seq[::-1])
        return None if back is None else ~back

    def ring_refs(self, ring: list[Point]) -> list[int] | None:
        """``ring`` (open, on the grid) as arc numbers, or ``None`` if it is not made of arcs."""
        if len(ring) < 3:
            return None
        refs = [self._arc(piece) for piece in _pieces(ring, self.junctions)]
        return None if None in refs else refs

    def refs(self, geom) -> dict | None:
        """A GeoJSON-like geometry dict with ``arcs`` instead of coordinates, or ``None`` when
        ``geom`` is not a (Multi)Polygon made of this topology's arcs (kept per geometry)."""
        if geom not in self._written:
            self._written[geom] = self._write(geom)
        return self._written[geom]

    def _write(self, geom) -> dict | None:
        polys = polygon_rings(geom, self.factor)
        if polys is None:
            return None
        out = []
        for rings in polys:
            refs = [self.ring_refs(r) for r in rings]
            if any(r is None for r in refs):
                return None
            out.append(refs)
        if geom.geom_type == "Polygon":
            return {"type": "Polygon", "arcs": out[0]}
        return {"type": "MultiPolygon", "arcs": out}

    @cached_property
    def key(self) -> str:
        """A name for these arcs in the page (the same arcs, the same name)."""
        digest = hashlib.blake2b(repr(self.arcs).encode(), digest_size=6)
        return digest.hexdigest()

    @property
    def vertex_count(self) -> int:
        return sum(len(a) for a in self.arcs)


def build_topology(geoms, factor: float = FACTOR) -> Topology:
    """The arcs of the (Multi)Polygons ``geoms`` (other geometries are ignored)."""
    rings = [r for g in geoms for rs in (polygon_rings(g, factor) or []) for r in rs if len(r) >= 3]
    # A junction is a vertex whose neighbours differ between the rings (or visits) that pass it.
    first: dict[Point, tuple] = {}
    junctions = set()
    for ring in rings:
        for before, p, after in zip(ring[-1:] + ring[:-1], ring, ring[1:] + ring[:1], strict=True):
            pair = (before, after) if before < after else (after, before)
            if first.setdefault(p, pair) != pair:
                junctions.add(p)
    junctions = frozenset(junctions)
    topo = Topology([], junctions, factor)
    for ring in rings:  # cut every ring at the junctions; keep each arc once
        for piece in _pieces(ring, junctions):
            if topo._arc(piece) is None:
                topo._index[piece] = len(topo.arcs)
                topo.arcs.append(piece)
    return topo


@lru_cache(maxsize=16)
def topology_of(geoms: tuple[shapely.Geometry, ...]) -> Topology:
    """``build_topology`` cached on the geometries: one coverage is cut once per process."""
    return build_topology(geoms)
