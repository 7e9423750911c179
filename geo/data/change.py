"""Change between two years of an indicator: absolute, percent, compound annual growth.

An area's change is computed only where both years have a value **on the same basis**: the basis
of each year is declared in ``data/series_bases.csv`` (a census revision, a change of definition),
with where the declaration comes from. An area with both values across a declared break is kept
apart (``status == "break"``) with the reason, never compared. Nothing here draws: the scene
(``geo.scene.change``) and the tables (``geo.scene.series``) use these tables.
"""

from __future__ import annotations

import itertools
import math
import re

import pandas as pd

from geo.data.indicators import PROVINCE

MEASURES = ("percent", "absolute", "cagr")
CENTRES = ("zero", "province")
STATUSES = ("ok", "break", "no_start", "no_end", "no_both")
_CHANGE = re.compile(r"(\d{4})\s*[:：\-–]\s*(\d{4})")


class ChangeError(ValueError):
    """A change option is not valid; the message says what a valid one looks like."""


def parse_change(value: object) -> str | None:
    """Two years as ``"2020:2024"`` (the first earlier), from text such as "2020:2024" or
    "2020-2024"; empty or None is no change."""
    if value is None or str(value).strip() == "":
        return None
    match = _CHANGE.fullmatch(str(value).strip())
    if not match or int(match[1]) >= int(match[2]):
        raise ChangeError(
            f"change must be two years, the earlier first, e.g. 2020:2024, not {str(value)[:20]!r}"
        )
    return f"{match[1]}:{match[2]}"


def change_years(change: str) -> tuple[str, str]:
    """The two years of a parsed change option."""
    start, end = change.split(":")
    return start, end


def measure_value(measure: str, start: float, end: float, years: int) -> float:
    """The change from ``start`` to ``end`` over ``years``: the difference (absolute), in percent
    of the start (percent), or the compound annual growth rate in percent (cagr). A percent of a
    start that is zero or negative is undefined (NaN)."""
    if measure == "absolute":
        return end - start
    if measure not in MEASURES:
        raise ChangeError(f"unknown measure {measure!r}: choose one of {', '.join(MEASURES)}")
    if not start > 0 or end < 0:
        return math.nan
    if measure == "percent":
        return (end / start - 1.0) * 100.0
    return ((end / start) ** (1.0 / years) - 1.0) * 100.0


def _declared(bases: pd.DataFrame, indicator: str) -> list[tuple[str, int, int, dict]]:
    """The declarations of ``indicator``: (adcode or "", first year, last year, the row)."""
    rows = bases[bases["indicator"] == indicator]
    return [(r["adcode"], int(r["from_year"]), int(r["to_year"]), r) for r in rows.to_dict("records")]


def _lookup(declared: list, adcode: str, year: str) -> dict | None:
    if not str(year).isdigit():
        return None
    y, general = int(year), None
    for code, first, last, row in declared:
        if first <= y <= last:
            if code == adcode:
                return row
            if code == "" and general is None:
                general = row
    return general


def basis_of(bases: pd.DataFrame, indicator: str, adcode: str, year: str) -> dict | None:
    """The declared basis row of ``indicator`` in ``year`` for ``adcode`` (a row for the area
    itself first, then one for every area); None when nothing is declared."""
    return _lookup(_declared(bases, indicator), adcode, year)


def _same(declared: list, adcode: str, start: str, end: str) -> tuple[bool, dict | None]:
    a, b = _lookup(declared, adcode, start), _lookup(declared, adcode, end)
    if a is None or b is None or a["basis"] == b["basis"]:
        return True, None
    return False, b


def same_basis(bases, indicator: str, adcode: str, start: str, end: str) -> tuple[bool, dict | None]:
    """Whether two years of an area are on the same declared basis, and the declaration of the
    later year when they are not (its reason is the break's). Undeclared years compare."""
    return _same(_declared(bases, indicator), adcode, start, end)


def _values(table: pd.DataFrame, indicator: str, year: str) -> pd.DataFrame:
    rows = table[(table["indicator"] == indicator) & (table["year"] == year) & table["value"].notna()]
    return rows.drop_duplicates("adcode").set_index("adcode")


def change_table(
    table: pd.DataFrame, indicator: str, areas, start: str, end: str, *, measure: str, bases: pd.DataFrame
) -> pd.DataFrame:
    """One row per area of ``areas`` (adcode, name_zh, name_en): both ends (value, year, source),
    the unit, the ``status`` (``STATUSES``), the break's basis and reason, the ``change`` (only
    where the status is "ok") and its rank (1 = the largest)."""
    given = sorted({y for y in table.loc[table["indicator"] == indicator, "year"] if str(y).isdigit()})
    lacking = [y for y in (start, end) if y not in given]
    if lacking:
        raise ChangeError(
            f"indicator {indicator!r} has no data for {' or '.join(lacking)}: "
            f"choose two of {', '.join(given) or '(no years)'}"
        )
    a, b = _values(table, indicator, start), _values(table, indicator, end)
    years = int(end) - int(start)
    declared = _declared(bases, indicator)
    out = []
    for code, name_zh, name_en in zip(areas["adcode"], areas["name_zh"], areas["name_en"], strict=True):
        has_a, has_b = code in a.index, code in b.index
        status = {(True, True): "ok", (False, True): "no_start", (True, False): "no_end"}.get(
            (has_a, has_b), "no_both"
        )
        same, declaration = _same(declared, code, start, end)
        if status == "ok" and not same:
            status = "break"
        va = float(a.at[code, "value"]) if has_a else math.nan
        vb = float(b.at[code, "value"]) if has_b else math.nan
        out.append(
            {
                "adcode": code,
                "name_zh": name_zh,
                "name_en": name_en,
                "start_year": start,
                "start_value": va,
                "start_source": a.at[code, "source"] if has_a else "",
                "end_year": end,
                "end_value": vb,
                "end_source": b.at[code, "source"] if has_b else "",
                "unit": (a.at[code, "unit"] if has_a else b.at[code, "unit"] if has_b else ""),
                "status": status,
                "reason_zh": "" if declaration is None else declaration["reason_zh"],
                "reason_en": "" if declaration is None else declaration["reason_en"],
                "change": measure_value(measure, va, vb, years) if status == "ok" else math.nan,
            }
        )
    frame = pd.DataFrame(out)
    frame["rank"] = frame["change"].rank(ascending=False, method="min").astype("Int64")
    return frame


def province_change(
    table: pd.DataFrame, indicator: str, start: str, end: str, *, measure: str, bases: pd.DataFrame
) -> float | None:
    """The province's own change between the years, where both totals exist on the same basis."""
    a, b = _values(table, indicator, start), _values(table, indicator, end)
    if PROVINCE not in a.index or PROVINCE not in b.index:
        return None
    if not same_basis(bases, indicator, PROVINCE, start, end)[0]:
        return None
    value = measure_value(measure, float(a.at[PROVINCE, "value"]), float(b.at[PROVINCE, "value"]),
                          int(end) - int(start))  # fmt: skip
    return None if math.isnan(value) else value


def pair_coverage(table: pd.DataFrame, indicator: str, codes, bases: pd.DataFrame) -> pd.DataFrame:
    """For every pair of the indicator's years (earlier first): how many of the areas ``codes``
    have both values on the same basis (``n``), and both across a break (``breaks``); the pairs
    with the most comparable areas first, then the longer span, then the later."""
    rows = table[
        (table["indicator"] == indicator) & table["adcode"].isin(set(codes)) & table["value"].notna()
    ]
    years = sorted(y for y in set(rows["year"]) if str(y).isdigit())
    has = {y: set(rows.loc[rows["year"] == y, "adcode"]) for y in years}
    declared = _declared(bases, indicator)
    out = []
    for start, end in itertools.combinations(years, 2):
        both = has[start] & has[end]
        same = sum(_same(declared, c, start, end)[0] for c in both)
        out.append({"start": start, "end": end, "n": same, "breaks": len(both) - same})
    frame = pd.DataFrame(out, columns=["start", "end", "n", "breaks"])
    if frame.empty:
        return frame
    frame["span"] = frame["end"].astype(int) - frame["start"].astype(int)
    return (
        frame.sort_values(["n", "span", "end"], ascending=False).drop(columns="span").reset_index(drop=True)
    )


def best_pair(pairs: pd.DataFrame) -> tuple[str, str, int] | None:
    """The pair of years with the most areas comparable between them (the first of
    ``pair_coverage``'s ``pairs``), or None when no two years have an area in common."""
    if pairs.empty or pairs["n"].iloc[0] == 0:
        return None
    first = pairs.iloc[0]
    return str(first["start"]), str(first["end"]), int(first["n"])


def fastest(changes: pd.DataFrame) -> pd.Series | None:
    """The area with the largest change among those compared (``status == "ok"``), or None."""
    ok = changes[changes["status"] == "ok"].dropna(subset=["change"])
    return None if ok.empty else ok.loc[ok["change"].idxmax()]


PLAN_BASE_YEAR = "2020"  # the plan (2021-2025) states its baseline for 2020 (section 一(二))


def growth_pair(pairs: pd.DataFrame) -> str | None:
    """The pair of years (``"2020:2024"``) the growth question over the plan's period asks: from
    its base year (else the indicator's first) to the year sharing values with it for the most
    areas, on one basis or across a break (the map then hatches a break), the later on ties.
    None when no two years share an area (``pairs``: ``pair_coverage``'s)."""
    if pairs.empty:
        return None
    pairs = pairs.assign(both=pairs["n"] + pairs["breaks"])
    start = PLAN_BASE_YEAR if (pairs["start"] == PLAN_BASE_YEAR).any() else min(pairs["start"])
    pairs = pairs[(pairs["start"] == start) & (pairs["both"] > 0)]
    if pairs.empty:
        return None
    first = pairs.sort_values(["both", "end"], ascending=False).iloc[0]
    return f"{first['start']}:{first['end']}"
