"""The office's published values in the maps, and what a publish would change.

A published value is shown like a bundled one, its source marked as the office's
(``office_source``: the publication, the tier the office read it at, the date, the source's
text). It replaces a bundled value of the same area, indicator and year only at an equal or
higher tier (``merge``). ``preview`` compares a table with what is shown today: new cells,
changed values (old → new), cells of a higher tier it would not overwrite.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

import pandas as pd

from geo import store
from geo.indicators import OFFICE, PROVINCE, with_derived
from geo.store import TIERS, Cell

RANK = {"": -1, "copy": 0, "quoted": 1, "verified": 2}
MANY = 100  # a publish that adds or changes more cells than this is confirmed twice
COMPUTED_IDS = ("land_area", "gdp_per_capita", "population_density")  # derived by the app
# Units that differ by a power of ten (as the reader brings an indicator's units to one).
UNIT_SCALE = {
    "元": 1,
    "万元": 1e4,
    "亿元": 1e8,
    "人": 1,
    "万人": 1e4,
    "个": 1,
    "万个": 1e4,
    "户": 1,
    "万户": 1e4,
}


def key(name: object) -> str:
    """A name as compared: NFKC (full-width brackets as ASCII), trimmed, case-folded."""
    return unicodedata.normalize("NFKC", str(name)).strip().casefold()


def indicator_id(name: str, meta: pd.DataFrame) -> str:
    """The bundled indicator a table's name means (its id, or its name in either language), else
    the name itself: a new indicator, named as the table names it."""
    for row in meta.itertuples():
        if key(name) in {key(row.id), key(row.name_zh), key(row.name_en)}:
            return row.id
    return name


# --- the maps -----------------------------------------------------------------------------------


def published_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """The store's published values (``geo.store.published``) in the long format of the bundled
    indicators, each with its office source."""
    return pd.DataFrame(
        {
            "adcode": frame["adcode"].astype(str),
            "indicator": frame["indicator"].astype(str),
            "year": frame["year"].astype(str),
            "value": frame["value"].astype(float),
            "unit": frame["unit"].astype(str),
            "source": (  # office_source, for every row at once
                OFFICE
                + frame["publication_id"].astype(int).astype(str)
                + ":"
                + frame["tier"].astype(str)
                + ":"
                + frame["at"].astype(str).str[:10]
                + " "
                + frame["source_text"].astype(str)
            ),
            "note": frame["note"].astype(str),
        }
    )


def tier_of(source: object) -> str:
    """How a value was read: a published value's tier, else its bundled source's."""
    from geo.legends import source_tier

    return source_tier(source)


def merge(bundled: pd.DataFrame, published: pd.DataFrame) -> pd.DataFrame:
    """``bundled`` indicator rows with the ``published`` ones: a published value replaces a
    bundled value of the same area, indicator and year when its tier is equal or higher;
    otherwise the bundled value stays shown."""
    if published.empty:
        return bundled
    cell = ["adcode", "indicator", "year"]
    both = bundled[cell].reset_index().merge(published[cell].reset_index(), on=cell, suffixes=("_b", "_p"))
    b_rank = bundled.loc[both["index_b"], "source"].map(lambda s: RANK[tier_of(s)]).to_numpy()
    p_rank = published.loc[both["index_p"], "source"].map(lambda s: RANK[tier_of(s)]).to_numpy()
    published_wins = p_rank >= b_rank
    drop_bundled = both.loc[published_wins, "index_b"]
    drop_published = both.loc[~published_wins, "index_p"]
    return pd.concat(
        [bundled.drop(index=drop_bundled), published.drop(index=drop_published)], ignore_index=True
    )


def read_stamp(url: str, required: bool) -> int:
    """The store's newest publication (0: none, or no store yet and none ``required``);
    ``StoreError`` if it cannot be read."""
    if not store.exists(url) and not required:
        return 0
    try:
        with store.reading(url) as conn:
            return store.stamp(conn)
    except store.StoreError as exc:
        if exc.code == "empty":
            return 0
        raise


def read_published(url: str, required: bool) -> pd.DataFrame:
    """The store's published values (empty when there is no store yet and none is ``required``)."""
    if not store.exists(url) and not required:
        return pd.DataFrame(columns=store.PUBLISHED_COLUMNS)
    try:
        with store.reading(url) as conn:
            return store.published(conn)
    except store.StoreError as exc:
        if exc.code == "empty":
            return pd.DataFrame(columns=store.PUBLISHED_COLUMNS)
        raise


def shown_data(data, setting: str | None = None):
    """``data`` with the store's published values, and None; or ``data`` unchanged and the
    ``StoreError`` that says why the store could not be read (the bundled data stay shown)."""
    from geo.data import load_indicators

    try:
        published = read_published(store.location(setting), store.configured(setting))
        return with_published(data, load_indicators(), published), None
    except store.StoreError as exc:
        return data, exc


def with_published(data, raw_bundled: pd.DataFrame, published: pd.DataFrame):
    """``data`` (``geo.data.MapData``) whose indicators are the bundled and the published ones,
    derived indicators computed again from both."""
    from dataclasses import replace

    if published.empty:
        return data
    merged = merge(raw_bundled, published_rows(published))
    return replace(data, indicators=with_derived(merged, data.prefectures))


# --- publishing ---------------------------------------------------------------------------------


class PublishError(ValueError):
    """A table that cannot be published as it is; the message lists what to fix."""


@dataclass
class Preview:
    """What publishing a table would do, against what is shown today."""

    base: int  # the store's stamp the preview was made against
    level: str
    cells: list[Cell]  # what would be written
    sources: list[tuple[str, str]]  # (text, tier) of the publication's sources
    added: pd.DataFrame  # adcode, indicator, year, new, unit
    changed: pd.DataFrame  # adcode, indicator, year, new, unit, old, old_tier, tier
    kept: pd.DataFrame  # adcode, indicator, year, shown, new, shown_tier: a higher tier is shown
    same: int  # cells whose shown value is the table's
    skipped: list[str] = field(default_factory=list)  # what was left out, and why
    other_level: list[str] = field(default_factory=list)  # indicators published at another level

    @property
    def many(self) -> bool:
        return len(self.added) + len(self.changed) > MANY

    def text(self, names: dict[str, str]) -> str:
        """The preview as the operator reads it; ``names``: adcode -> area name."""
        lines = [
            f"{len(self.added)} new cell(s), {len(self.changed)} changed, {len(self.kept)} not overwritten "
            f"(a higher tier is shown), {self.same} unchanged; {self.level} level"
        ]

        def where(r) -> str:
            return f"  {names.get(r.adcode, r.adcode)} · {r.indicator} · {r.year}: "

        lines += [f"{where(r)}{_num(r.new)} {r.unit}  (new)" for r in self.added.head(30).itertuples()]
        lines += [
            f"{where(r)}{_num(r.old)} → {_num(r.new)} {r.unit}"
            + (f"  (the same value; {r.old_tier or 'no tier'} → {r.tier})" if r.old == r.new else "")
            for r in self.changed.head(30).itertuples()
        ]
        lines += [
            f"{where(r)}kept {_num(r.shown)} ({r.shown_tier}); the table's {_num(r.new)} is {r.tier}"
            for r in self.kept.head(30).itertuples()
        ]
        hidden = sum(max(0, len(f) - 30) for f in (self.added, self.changed, self.kept))
        lines += [f"  … and {hidden} more"] if hidden else []
        lines += [f"note: {s}" for s in self.skipped]
        lines += [
            f"note: {i} was published before at another level; this table is {self.level} level"
            for i in self.other_level
        ]
        return "\n".join(lines)


def _num(value: float) -> str:
    return f"{value:,.10g}"


def preview(
    table,
    *,
    shown: pd.DataFrame,
    published_now: pd.DataFrame,
    meta: pd.DataFrame,
    tier: str,
    base: int,
    source: str = "",
) -> Preview:
    """What publishing ``table`` (a ``geo.upload.IndicatorTable``) at ``tier`` would change in
    ``shown`` (the indicator rows the app shows now: bundled and published). ``source`` is used
    for values the table gives no source for. ``PublishError`` lists what must be fixed first."""
    if tier not in TIERS:
        raise PublishError(f"tier must be one of {', '.join(TIERS)}")
    rows = (
        pd.concat([table.data, table.province], ignore_index=True)
        if table.province is not None
        else table.data
    )
    rows = rows.copy()
    problems, skipped = [], []
    empty = rows["value"].isna()
    if empty.any():
        skipped.append(f"{int(empty.sum())} empty cell(s) left out")
        rows = rows[~empty]
    if (rows["year"] == "").any():
        problems.append("every published value needs a year: add a year column or years in the headers")
    rows["source"] = rows["source"].where(rows["source"] != "", source.strip())
    if (rows["source"] == "").any():
        problems.append(
            f"{int((rows['source'] == '').sum())} value(s) have no source: add a source column or a "
            "资料来源 footnote to the table, or give --source"
        )
    rows["indicator"] = [indicator_id(n, meta) for n in rows["indicator"]]
    units = meta.set_index("id")["unit_zh"]
    known_units = published_now.groupby("indicator")["unit"].first() if len(published_now) else {}
    for ind, group in rows.groupby("indicator", sort=False):
        if ind in COMPUTED_IDS:
            problems.append(f"{ind} is computed by the app; publish the values it is computed from")
            continue
        want = units.get(ind) or (known_units.get(ind) if len(published_now) else None)
        for unit in set(group["unit"]):
            if want is None or unit == want:
                continue
            if unit == "" and ind in units.index:
                skipped.append(f"{ind}: no unit given; taken as {want}, the indicator's unit")
                rows.loc[group.index[group["unit"] == unit], "unit"] = want
            elif unit in UNIT_SCALE and want in UNIT_SCALE:
                at = group.index[group["unit"] == unit]
                rows.loc[at, "value"] = rows.loc[at, "value"] * UNIT_SCALE[unit] / UNIT_SCALE[want]
                rows.loc[at, "unit"] = want
                skipped.append(f"{ind}: values in {unit} converted to {want}")
            else:
                problems.append(f"{ind} is given in {unit or 'no unit'}, but it is measured in {want}")
    if problems:
        raise PublishError("nothing was published:\n" + "\n".join(f"  - {p}" for p in problems))
    cell = ["adcode", "indicator", "year"]
    now = shown[shown["adcode"].isin(rows["adcode"]) | (shown["adcode"] == PROVINCE)]
    now = now.drop_duplicates(cell, keep="last").set_index(cell)
    source_rows = list(dict.fromkeys((s, tier) for s in rows["source"]))
    index_of = {s: i for i, (s, _) in enumerate(source_rows)}
    added, changed, kept, cells, same = [], [], [], [], 0
    for r in rows.itertuples(index=False):
        at = (r.adcode, r.indicator, r.year)
        new = {
            "adcode": r.adcode,
            "indicator": r.indicator,
            "year": r.year,
            "new": float(r.value),
            "unit": r.unit,
        }
        if at in now.index:
            old = now.loc[at]
            old_tier = tier_of(old["source"])
            if RANK[old_tier] > RANK[tier]:
                kept.append(new | {"shown": float(old["value"]), "shown_tier": old_tier, "tier": tier})
                continue
            if (
                float(old["value"]) == float(r.value)
                and str(old["source"]).startswith(OFFICE)
                and old_tier == tier
            ):
                same += 1
                continue
            changed.append(new | {"old": float(old["value"]), "old_tier": old_tier, "tier": tier})
        else:
            added.append(new)
        level = "province" if r.adcode == PROVINCE else table.level
        cells.append(
            Cell(r.adcode, r.indicator, r.year, level, float(r.value), r.unit, r.note, index_of[r.source])
        )
    other_level = []
    if len(published_now) and table.level != "province":  # the province's totals are context
        before = published_now[published_now["indicator"].isin(set(rows["indicator"]))]
        other = (before["level"] != table.level) & (before["level"] != "province")
        other_level = sorted(set(before.loc[other, "indicator"]))
    used = sorted({c.source for c in cells})
    renumber = {old: new for new, old in enumerate(used)}
    cells = [Cell(**{**c.__dict__, "source": renumber[c.source]}) for c in cells]
    return Preview(
        base=base,
        level=table.level,
        cells=cells,
        sources=[source_rows[i] for i in used],
        added=pd.DataFrame(added, columns=[*cell, "new", "unit"]),
        changed=pd.DataFrame(changed, columns=[*cell, "new", "unit", "old", "old_tier", "tier"]),
        kept=pd.DataFrame(kept, columns=[*cell, "new", "unit", "shown", "shown_tier", "tier"]),
        same=same,
        skipped=skipped,
        other_level=other_level,
    )
