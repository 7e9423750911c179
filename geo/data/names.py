"""Resolve any common spelling of a Sichuan prefecture to its 6-digit adcode.

>>> resolve_prefecture("凉山州")
'513400'
>>> resolve_prefecture(" Guang'an ")
'511600'

The name table is ``data/prefectures.csv``; the same resolver serves uploads
and every table join.
"""

from __future__ import annotations

import csv
import difflib
import json
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from geo import paths
from geo.text.messages import message

__all__ = [
    "Prefecture",
    "UnknownCountyError",
    "UnknownPrefectureError",
    "prefecture_records",
    "resolve_area",
    "resolve_county",
    "resolve_prefecture",
]

# Characters dropped before matching: spaces, apostrophes, hyphens, dots, middle dots.
_NOISE = re.compile(r"[\s'’‘`\-_.·]+")
# Suffixes an input may carry beyond the table's spellings ("Chengdu Shi" -> "chengdu").
_SUFFIXES = ("市", "地区", "city", "shi", "prefecture")


class UnknownPrefectureError(ValueError):
    """A value that names none of Sichuan's 21 prefecture-level divisions: a message code of
    ``geo.text.messages`` and its parameters (``str()`` gives it in English, ``text(lang)`` in either)."""

    def __init__(self, code: str, **params):
        self.code, self.params = code, params
        super().__init__(message(code, "en", **params))

    def text(self, lang: str = "en") -> str:
        return message(self.code, lang, **self.params)


@dataclass(frozen=True)
class Prefecture:
    adcode: str
    name_zh: str
    short_zh: str
    name_en: str
    short_en: str
    kind: str
    seat_zh: str
    seat_en: str
    seat_lon: float
    seat_lat: float

    def label(self) -> str:
        return f"{self.name_zh} ({self.short_en}, {self.adcode})"


@cache
def _table() -> tuple[dict[str, Prefecture], dict[str, str]]:
    with open(paths.PREFECTURE_NAMES_CSV, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    by_code = {r["adcode"]: _prefecture(r) for r in rows}
    keys: dict[str, str] = {}
    for r in rows:
        spellings = [
            r["name_zh"],
            r["short_zh"],
            r["name_en"],
            r["short_en"],
            *filter(None, r["aliases"].split(";")),
        ]
        for s in spellings:
            keys.setdefault(_normalise(s), r["adcode"])
    return by_code, keys


def _prefecture(row: dict[str, str]) -> Prefecture:
    fields = {k: row[k] for k in Prefecture.__dataclass_fields__}
    fields["seat_lon"], fields["seat_lat"] = float(row["seat_lon"]), float(row["seat_lat"])
    return Prefecture(**fields)


def _normalise(value: str) -> str:
    return _NOISE.sub("", unicodedata.normalize("NFKC", value)).casefold()


def _keys(value: str) -> set[str]:
    """The normalised value plus its forms without a common suffix (成都市 -> 成都)."""
    key = _normalise(value)
    out = {key}
    for suffix in _SUFFIXES:
        if key.endswith(suffix) and len(key) > len(suffix) + 1:
            out.add(key[: -len(suffix)])
    return out


def prefecture_records() -> dict[str, Prefecture]:
    """All 21 prefectures by adcode, in adcode order."""
    return dict(_table()[0])


def _as_code(value: object) -> str | None:
    """A numeric value as a digit string (510100, 510100.0, '510100000000' -> '510100')."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float):
        if not math.isfinite(value) or not value.is_integer():
            return None
        value = int(value)
    text = _normalise(str(value))
    if text.endswith(".0"):
        text = text[:-2]
    if not text.isdigit():
        return None
    if len(text) == 12 and text.endswith("000000"):  # statistical division code
        text = text[:6]
    return text


def resolve_prefecture(value: object) -> str:
    """Return the 6-digit adcode of the prefecture that ``value`` names.

    Accepts full and short Chinese names (成都市, 成都; 凉山彝族自治州, 凉山州, 凉山),
    English and pinyin (Chengdu, Liangshan, Guang'an, Guangan), adcodes as int or
    str, surrounding spaces and full-width characters.

    Raises
    ------
    UnknownPrefectureError
        When nothing matches; the message suggests the closest prefectures.
    """
    by_code, keys = _table()
    code = _as_code(value)
    if code is not None:
        if code in by_code:
            return code
        raise _code_error(value, code, by_code)
    text = "" if value is None else str(value)
    for key in sorted(_keys(text), key=len, reverse=True):
        if key in keys:
            return keys[key]
    raise _name_error(text, by_code, keys)


def _shown(value: object) -> str:
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _code_error(value: object, code: str, by_code: dict[str, Prefecture]) -> UnknownPrefectureError:
    parent = by_code.get(code[:4] + "00") if len(code) == 6 else None
    if parent is not None:
        return UnknownPrefectureError("county_code", name=_shown(value), parent=parent.label())
    return UnknownPrefectureError("unknown_prefecture_code", name=_shown(value))


def _name_error(text: str, by_code: dict[str, Prefecture], keys: dict[str, str]) -> UnknownPrefectureError:
    close = difflib.get_close_matches(_normalise(text), list(keys), n=8, cutoff=0.5)
    codes = list(dict.fromkeys(keys[k] for k in close))[:3]
    if not codes:
        return UnknownPrefectureError("unknown_prefecture", name=_shown(text))
    return UnknownPrefectureError(
        "unknown_prefecture_hint", name=_shown(text), hint=[by_code[c].label() for c in codes]
    )


# --- Counties ---------------------------------------------------------------------------------

_COUNTY_SUFFIXES = ("自治县", "区", "县", "市", "district", "county", "city")


class UnknownCountyError(UnknownPrefectureError):
    """A value that names none of Sichuan's 183 county-level divisions, or more than one."""


# County codes changed since 2019 -> today's code: 会理 became a county-level city in 2021.
FORMER_COUNTY_CODES = {"513425": "513402"}


@cache
def _county_table() -> tuple[dict[str, dict], dict[str, set[str]]]:
    with open(paths.COUNTIES_GEOJSON, encoding="utf-8") as fh:
        rows = [f["properties"] for f in json.load(fh)["features"]]
    with open(paths.COUNTY_NAMES_EN_CSV, encoding="utf-8", newline="") as fh:
        also = {r["adcode"]: [a for a in r["also_en"].split(";") if a] for r in csv.DictReader(fh)}
    by_code = {r["adcode"]: r for r in rows}
    keys: dict[str, set[str]] = {}
    for r in rows:
        for name in (r["name_zh"], r.get("name_en") or "", *also.get(r["adcode"], [])):
            if not name:
                continue
            key = _normalise(name)
            forms = {key} | {
                key[: -len(s)] for s in _COUNTY_SUFFIXES if key.endswith(s) and len(key) > len(s) + 1
            }
            for form in forms:
                keys.setdefault(form, set()).add(r["adcode"])
    return by_code, keys


def resolve_county(value: object) -> str:
    """The 6-digit adcode of the county-level division ``value`` names: adcode, full or short
    Chinese name (武侯区, 武侯), English name. A name shared by two counties (市中区 in 乐山 and
    内江) raises ``UnknownCountyError`` naming both adcodes."""
    by_code, keys = _county_table()
    code = _as_code(value)
    if code is not None:
        code = FORMER_COUNTY_CODES.get(code, code)
        if code in by_code:
            return code
        raise UnknownCountyError("unknown_county_code", name=_shown(value))
    text = "" if value is None else str(value)
    matches = keys.get(_normalise(text), set())
    if len(matches) == 1:
        return next(iter(matches))
    if matches:
        options = ", ".join(f"{by_code[c]['name_zh']} {c}" for c in sorted(matches))
        raise UnknownCountyError("ambiguous_county", name=_shown(text), options=options)
    close = difflib.get_close_matches(_normalise(text), list(keys), n=3, cutoff=0.6)
    hint = [f"{by_code[c]['name_zh']} ({c})" for k in close for c in sorted(keys[k])]
    if hint:
        raise UnknownCountyError("unknown_county_hint", name=_shown(text), hint=hint)
    raise UnknownCountyError("unknown_county", name=_shown(text))


# level -> resolver: every table join goes through the one for its level
RESOLVERS = {"prefecture": resolve_prefecture, "county": resolve_county}


def resolve_area(value: object, level: str = "prefecture") -> str:
    """The adcode of the area ``value`` names at ``level`` ("prefecture" or "county")."""
    if level not in RESOLVERS:
        raise ValueError(f"unknown level {level!r}: choose one of {', '.join(RESOLVERS)}")
    return RESOLVERS[level](value)
