"""Find a place by what a reader types: a prefecture or county in any spelling the name resolver
knows (成都, 凉山州, Liangshan, 510700, 武侯区, 510107), or a place the plan names by its Chinese or
English name, the plan's own wording, or a short form (绵阳科技城, Mianyang Science City).

Names are compared without case, spaces, brackets or punctuation ("China (Mianyang) Science City"
matches "Mianyang Science City"): a whole name first, then a name that contains what was typed
(the shortest such name wins).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from geo.data.names import UnknownPrefectureError, resolve_county, resolve_prefecture
from geo.scene.style import base_positions

_NOISE = re.compile(r"[\s()（）\[\]【】“”\"'‘’:：/／·・,，、.。\-–—_]")
MIN_PART = 2  # characters a partial name must have


@dataclass(frozen=True)
class Place:
    """Where the map goes: a prefecture (``adcode``) and a point and zoom; ``name`` and
    ``unmapped`` for a place the plan names that has no published site."""

    adcode: str | None
    lon: float | None
    lat: float | None
    zoom: float
    name_zh: str = ""
    name_en: str = ""
    unmapped: bool = False


def key(text: object) -> str:
    """A name as compared: NFKC, case-folded, without spaces, brackets or punctuation."""
    return _NOISE.sub("", unicodedata.normalize("NFKC", str(text)).casefold())


def names_of(row) -> list[str]:
    """Every name a place answers to: Chinese, English, the plan's wording and the aliases."""
    names = [row.get("name_zh", ""), row.get("name_en", ""), row.get("plan_name_zh", "")]
    names += [a for a in str(row.get("aliases", "")).split(";")]
    return [n.strip() for n in names if isinstance(n, str) and n.strip()]


def find_place(data, text: str) -> Place | None:
    """The place ``text`` names in ``data`` (a ``geo.data.load.MapData``), or None."""
    text = " ".join(str(text).split())[:100]
    if not text:
        return None
    for resolve, zoom in ((resolve_prefecture, 8), (resolve_county, 10)):
        try:
            code = resolve(text)
        except UnknownPrefectureError:
            continue
        if zoom == 8:
            lon, lat = data.seats[code]
            return Place(code, lon, lat, zoom)
        county = data.counties.set_index("adcode").loc[code]
        point = county.geometry.representative_point()
        return Place(county["prefecture_adcode"], point.x, point.y, zoom)
    return _named_place(data, key(text))


def _named_place(data, needle: str) -> Place | None:
    if len(needle) < MIN_PART:
        return None
    candidates = []  # (whole name?, length of the name, order, place)
    for order, (frame, mapped) in enumerate(((data.parks, True), (data.parks_unmapped, False))):
        for row in frame.to_dict("records"):
            for name in names_of(row):
                k = key(name)
                if k == needle or (len(needle) >= MIN_PART and needle in k):
                    candidates.append((k != needle, len(k), order, _place(row, mapped, data)))
    candidates += _bases(data, needle)
    if not candidates:
        return None
    return min(candidates, key=lambda c: c[:3])[3]


def _bases(data, needle: str) -> list[tuple]:
    """The five bases by the names their legend gives them: the plan places each in Chengdu
    without a site, so a base found is shown where the map draws it (on the ring around Chengdu's
    centre, ``geo.scene.style.base_positions``) and said to have no site of its own."""
    found = []
    bases = data.bases.to_dict("records")
    ring = base_positions(data.seats["510100"], len(bases))
    for row, (lon, lat) in zip(bases, ring, strict=True):
        for name in names_of(row):
            k = key(name)
            if k == needle or needle in k:
                place = Place(row["prefecture_adcode"], lon, lat, 9, row["name_zh"], row["name_en"], True)
                found.append((k != needle, len(k), 2, place))
    return found


def _place(row: dict, mapped: bool, data) -> Place:
    code = row.get("prefecture_adcode") or None
    if mapped:
        return Place(code, float(row["lon"]), float(row["lat"]), 11, row["name_zh"], row["name_en"])
    lon, lat = data.seats[code] if code else (None, None)
    return Place(code, lon, lat, 8, row["name_zh"], row["name_en"], unmapped=True)
