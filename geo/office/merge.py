"""The office's published values in the maps, and what a publish would change.

A published value is shown like a bundled one, its source marked as the office's
(``office_source``: the publication, the tier the office read it at, the date, the source's
text). It replaces a bundled value of the same area, indicator and year only at an equal or
higher tier (``merge``). ``preview`` compares a table with what is shown today: new cells,
changed values (old → new), cells of a higher tier it would not overwrite.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

import pandas as pd

from geo.data.indicators import OFFICE, PROVINCE, TIERS, all_meta, name_key, with_derived
from geo.data.sources import source_tier
from geo.data.tiers import replaces, replaces_many
from geo.office import store
from geo.office.location import MANY  # a publish of more cells is confirmed twice
from geo.office.writes import Cell
from geo.text.escape import plain_text
from geo.text.i18n import t
from geo.uploads.read import UNIT_SCALE

COMPUTED_IDS = ("land_area", "gdp_per_capita", "population_density")  # derived by the app


def indicator_id(name: str, meta: pd.DataFrame) -> str:
    """The bundled indicator a table's name means (its id, or its name in either language), else
    the name itself: a new indicator, named as the table names it."""
    for row in meta.itertuples():
        if name_key(name) in {name_key(row.id), name_key(row.name_zh), name_key(row.name_en)}:
            return row.id
    return name


# --- the maps -----------------------------------------------------------------------------------


def published_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """The store's published values (``geo.office.store.published``) in the long format of the bundled
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


def merge(bundled: pd.DataFrame, published: pd.DataFrame) -> pd.DataFrame:
    """``bundled`` indicator rows with the ``published`` ones: a published value replaces a
    bundled value of the same area, indicator and year when its tier is equal or higher;
    otherwise the bundled value stays shown."""
    if published.empty:
        return bundled
    cell = ["adcode", "indicator", "year"]
    both = bundled[cell].reset_index().merge(published[cell].reset_index(), on=cell, suffixes=("_b", "_p"))
    b_tier = bundled.loc[both["index_b"], "source"].map(source_tier)
    p_tier = published.loc[both["index_p"], "source"].map(source_tier)
    published_wins = replaces_many(p_tier, b_tier).to_numpy()
    drop_bundled = both.loc[published_wins, "index_b"]
    drop_published = both.loc[~published_wins, "index_p"]
    return pd.concat(
        [bundled.drop(index=drop_bundled), published.drop(index=drop_published)], ignore_index=True
    )


def read_stamp(url: str, required: bool) -> int:
    """The store's newest publication (0: none, or no store yet and none ``required``);
    ``StoreError`` if it cannot be read."""
    return _read(url, required, store.stamp, 0)


def read_published(url: str, required: bool) -> pd.DataFrame:
    """The store's published values (empty when there is no store yet and none is ``required``)."""
    return _read(url, required, store.published, pd.DataFrame(columns=store.PUBLISHED_COLUMNS))


def read_state(url: str, required: bool) -> tuple[pd.DataFrame, int]:
    """The store's published values and its stamp, read together (what a preview compares with)."""
    nothing = (pd.DataFrame(columns=store.PUBLISHED_COLUMNS), 0)
    return _read(url, required, lambda conn: (store.published(conn), store.stamp(conn)), nothing)


def _read(url: str, required: bool, read, nothing):
    """``read(connection)`` on the store, or ``nothing`` where nothing was published yet (no store
    and none ``required``, or a new, empty database)."""
    if not store.exists(url) and not required:
        return nothing
    try:
        with store.reading(url) as conn:
            return read(conn)
    except store.StoreError as exc:
        if exc.code == "empty":
            return nothing
        raise


def shown_data(data, setting: str | None = None):
    """``data`` with the store's published values, and None; or ``data`` unchanged and the
    ``StoreError`` that says why the store could not be read (the bundled data stay shown)."""
    from geo.data.load import load_indicators

    try:
        published = read_published(store.location(setting), store.configured(setting))
        return with_published(data, load_indicators(), published), None
    except store.StoreError as exc:
        return data, exc


def with_published(data, raw_bundled: pd.DataFrame, published: pd.DataFrame):
    """``data`` (``geo.data.load.MapData``) whose indicators are the bundled and the published ones,
    derived indicators computed again from both."""
    if published.empty:
        return data
    merged = with_derived(merge(raw_bundled, published_rows(published)), data.prefectures)
    meta = office_meta(data.indicator_meta, merged, published)
    return replace(data, indicators=merged, indicator_meta=meta)


def office_meta(meta: pd.DataFrame, shown: pd.DataFrame, published: pd.DataFrame) -> pd.DataFrame:
    """``meta`` with a row for each indicator the office published, new to the app, that the
    office gave an English name: its name as published, and the English one. (One without is
    described when first shown, ``geo.data.indicators.meta_for``: in English its own name, said to be
    the office's, "数据企业数 (office's name, no English given)".)"""
    english = published.loc[published["name_en"].fillna("") != "", ["indicator", "name_en"]]
    given = english[~english["indicator"].isin(set(meta["id"]))].drop_duplicates("indicator")
    if given.empty:
        return meta
    made = all_meta(meta.iloc[:0], shown[shown["indicator"].isin(set(given["indicator"]))])  # one pass
    rows = [{**made[ind].to_dict(), "id": ind, "name_zh": ind, "name_en": en}
            for ind, en in zip(given["indicator"], given["name_en"], strict=True)]  # fmt: skip
    added = pd.DataFrame(rows).reindex(columns=meta.columns, fill_value="")
    return pd.concat([meta, added], ignore_index=True)


# --- publishing ---------------------------------------------------------------------------------


class PublishError(ValueError):
    """A table that cannot be published as it is; the message lists what to fix."""


GROWTH = re.compile(r"增长|增速|增幅|同比|比上年|growth|change|increase", re.IGNORECASE)
# Why a column is left out of a publish (the preview names it; the operator agrees or not).
LEFT_OUT = ("no_year", "growth", "text", "computed")


@dataclass
class Preview:
    """What publishing a table would do, against what is shown today."""

    base: int  # the store's stamp the preview was made against
    level: str
    cells: list[Cell]  # what would be written
    sources: list[tuple[str, str]]  # (text, tier) of the publication's sources
    added: pd.DataFrame  # adcode, indicator, year, new, unit, source, tier
    changed: pd.DataFrame  # adcode, indicator, year, new, unit, source, old, old_tier, tier
    kept: pd.DataFrame  # adcode, indicator, year, shown, new, source, shown_tier, tier: a higher one shown
    same: int  # cells whose shown value is the table's
    skipped: list[tuple[str, dict]] = field(default_factory=list)  # what was assumed (i18n key, values)
    other_level: list[str] = field(default_factory=list)  # indicators published at another level
    left_out: list[tuple[str, str]] = field(default_factory=list)  # (column, ``LEFT_OUT`` reason)
    year_from: tuple[str, str] = ("", "")  # (year, where it was read) for columns without one
    new_indicators: list[str] = field(default_factory=list)  # names the app does not know yet

    @property
    def many(self) -> bool:
        return len(self.added) + len(self.changed) > MANY

    def text(self, lang: str, areas: dict[str, str], indicators: dict[str, str]) -> str:
        """The preview as the operator reads it in ``lang``; ``areas``: adcode -> the area as
        shown (its name as the table writes it, and its code), ``indicators``: id -> name."""
        lines = [
            t("pv_counts", lang, added=len(self.added), changed=len(self.changed), kept=len(self.kept),
              same=self.same, level=t(f"pv_level_{self.level}", lang))
        ]  # fmt: skip
        if self.year_from[0]:
            lines.append(t(f"pv_year_{self.year_from[1]}", lang, year=self.year_from[0]))

        def where(r) -> str:
            name = indicators.get(r.indicator, plain_text(r.indicator, limit=80))
            return t("pv_cell", lang, area=areas.get(r.adcode, r.adcode), indicator=name, year=r.year)

        def tier(name: str) -> str:
            return t(f"tier_{name}", lang) or "—"

        def read(r) -> str:
            return t("pv_read", lang, source=plain_text(r.source, limit=120), tier=tier(r.tier))

        lines += [
            f"  {where(r)}{_num(r.new)} {r.unit}  {t('pv_new', lang)} · {read(r)}"
            for r in self.added.head(30).itertuples()
        ]
        lines += [
            f"  {where(r)}{_num(r.old)} → {_num(r.new)} {r.unit}"
            + (f"  {t('pv_same_value', lang, old=tier(r.old_tier), new=tier(r.tier))}" * (r.old == r.new))
            + f" · {read(r)}"
            for r in self.changed.head(30).itertuples()
        ]  # fmt: skip
        lines += [
            "  " + where(r) + t("pv_kept", lang, shown=_num(r.shown), shown_tier=tier(r.shown_tier),
                                new=_num(r.new), tier=tier(r.tier))
            for r in self.kept.head(30).itertuples()
        ]  # fmt: skip
        hidden = sum(max(0, len(f) - 30) for f in (self.added, self.changed, self.kept))
        lines += [t("pv_more", lang, n=hidden)] if hidden else []
        for key, values in self.skipped:  # an indicator named, not its id; a table's words as text
            shown = {k: plain_text(v, limit=80) if isinstance(v, str) else v for k, v in values.items()}
            if "indicator" in values:
                shown["indicator"] = indicators.get(values["indicator"], shown["indicator"])
            lines.append(t("pv_note", lang, text=t(key, lang, **shown)))
        lines += [
            t("pv_left_out", lang, column=plain_text(column, limit=80), why=t(f"pv_out_{why}", lang))
            for column, why in self.left_out
        ]
        lines += [
            t("pv_note", lang, text=t("pv_other_level", lang, indicator=indicators.get(i, plain_text(i)),
                                       level=t(f"pv_level_{self.level}", lang)))
            for i in self.other_level
        ]  # fmt: skip
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
    lang: str = "en",
) -> Preview:
    """What publishing ``table`` (a ``geo.uploads.read.IndicatorTable``) at ``tier`` would change in
    ``shown`` (the indicator rows the app shows now: bundled and published). ``source`` is used
    for values the table gives no source for. Columns that cannot be published (no year, a growth
    rate, text, an indicator the app computes) are left out and named (``Preview.left_out``);
    ``PublishError`` lists what must be fixed first."""
    if tier not in TIERS:
        raise PublishError(t("pv_tier", lang, tiers=", ".join(TIERS)))
    rows = (
        pd.concat([table.data, table.province], ignore_index=True)
        if table.province is not None
        else table.data
    )
    rows = rows.copy()
    problems, skipped = [], []
    empty = rows["value"].isna()
    if empty.any():
        skipped.append(("pv_empty", {"n": int(empty.sum())}))
        rows = rows[~empty]
    rows, left_out = _left_out(rows, table, meta)
    if rows.empty:
        columns = t("list_sep", lang).join(f"{c} ({t(f'pv_out_{why}', lang)})" for c, why in left_out)
        problems.append(t("pv_nothing_left", lang, columns=plain_text(columns, limit=600)))
    rows["source"] = rows["source"].where(rows["source"] != "", source.strip())
    if (rows["source"] == "").any():
        problems.append(t("pv_no_source", lang, n=int((rows["source"] == "").sum())))
    ids = {name: indicator_id(name, meta) for name in rows["indicator"].unique()}  # each name once
    rows["indicator"] = rows["indicator"].map(ids)
    rows, unit_problems, unit_notes = _units(rows, meta, published_now, lang)
    problems += unit_problems
    skipped += unit_notes
    if problems:
        raise PublishError(t("pv_refused", lang) + "\n" + "\n".join(f"  - {p}" for p in problems))
    added, changed, kept, written, same = _compare(rows, shown, tier)
    other_level = []
    if len(published_now) and table.level != "province":  # the province's totals are context
        before = published_now[published_now["indicator"].isin(set(rows["indicator"]))]
        other = (before["level"] != table.level) & (before["level"] != "province")
        other_level = sorted(set(before.loc[other, "indicator"]))
    texts = list(dict.fromkeys(written["source"]))  # the publication's sources, each once
    index = {text: i for i, text in enumerate(texts)}
    levels = written["adcode"].eq(PROVINCE).map({True: "province", False: table.level})
    cells = [
        Cell(*cell, float(value), unit, note, index[text])
        for *cell, value, unit, note, text in zip(
            *(written[c].tolist() for c in ("adcode", "indicator", "year")), levels.tolist(),
            *(written[c].tolist() for c in ("value", "unit", "note", "source")), strict=True,
        )
    ]  # fmt: skip
    english = published_now.get("name_en", pd.Series("", index=published_now.index)).fillna("")
    named = published_now.loc[english != "", "indicator"]
    known = set(meta["id"]) | set(named)  # an indicator the app has a name for in either language
    return Preview(
        base=base,
        level=table.level,
        cells=cells,
        sources=[(text, tier) for text in texts],
        added=added,
        changed=changed,
        kept=kept,
        same=same,
        skipped=skipped,
        other_level=other_level,
        left_out=left_out,
        year_from=getattr(table, "year_from", ("", "")),
        new_indicators=[i for i in dict.fromkeys(rows["indicator"]) if i not in known],
    )


def _left_out(rows: pd.DataFrame, table, meta: pd.DataFrame) -> tuple[pd.DataFrame, list[tuple[str, str]]]:
    """``rows`` without the indicators that cannot be published, and those as (the column(s) they
    were read from, why): no year, a growth rate (the app computes growth from the values), an
    indicator the app computes; with the table's own text columns (``IndicatorTable.left_out``)."""
    columns = getattr(table, "columns", {}) or {}
    out = list(getattr(table, "left_out", []) or [])
    drop = pd.Series(False, index=rows.index)
    for name, group in rows.groupby("indicator", sort=False):
        why = ""
        if indicator_id(name, meta) in COMPUTED_IDS:
            why = "computed"
        elif GROWTH.search(str(name)) and set(group["unit"]) <= {"%", ""}:
            why = "growth"
        elif (group["year"] == "").any():
            why = "no_year"
        if why:
            drop |= rows["indicator"] == name
            out.append((columns.get(name, name), why))
    return rows[~drop], out


def _units(rows: pd.DataFrame, meta: pd.DataFrame, published_now: pd.DataFrame, lang: str):
    """``rows`` in each indicator's unit (万/亿 variants converted), what cannot be, and notes."""
    problems, notes = [], []
    units = meta.set_index("id")["unit_zh"]
    known_units = published_now.groupby("indicator")["unit"].first()  # of indicators published before
    for ind, group in rows.groupby("indicator", sort=False):
        want = units.get(ind) or known_units.get(ind)
        for unit in set(group["unit"]):
            if want is None or unit == want:
                continue
            if unit == "" and ind in units.index:
                notes.append(("pv_unit_taken", {"indicator": ind, "unit": want}))
                rows.loc[group.index[group["unit"] == unit], "unit"] = want
            elif unit in UNIT_SCALE and want in UNIT_SCALE:
                at = group.index[group["unit"] == unit]
                rows.loc[at, "value"] = rows.loc[at, "value"] * UNIT_SCALE[unit] / UNIT_SCALE[want]
                rows.loc[at, "unit"] = want
                notes.append(("pv_unit_converted", {"indicator": ind, "unit": unit, "want": want}))
            else:
                problems.append(t("pv_unit_wrong", lang, indicator=plain_text(ind, limit=80),
                                  unit=plain_text(unit, limit=30) or "—", want=want))  # fmt: skip
    return rows, problems, notes


def _compare(rows: pd.DataFrame, shown: pd.DataFrame, tier: str):
    """Each of ``rows`` against the value ``shown`` for its cell, all rows at once: (added,
    changed, kept frames as ``Preview`` holds them, the rows to write in the table's order, the
    number of cells unchanged)."""
    cell = ["adcode", "indicator", "year"]
    areas = {*rows["adcode"].unique().tolist(), PROVINCE}
    now = shown[shown["adcode"].isin(areas)]
    now = now.drop_duplicates(cell, keep="last")[[*cell, "value", "source"]]
    both = rows.reset_index(drop=True).merge(
        now.rename(columns={"value": "old", "source": "old_source"}), on=cell, how="left", indicator=True
    )  # a left merge keeps the table's order
    both["new"] = both["value"].astype(float)
    has_old = both["_merge"].eq("both").astype(bool)
    both["old_source"] = both["old_source"].fillna("").astype(str)
    tiers = {text: source_tier(text) for text in both.loc[has_old, "old_source"].unique()}
    both["old_tier"] = [tiers.get(text, "") for text in both["old_source"].tolist()]
    both["tier"] = tier
    kept = has_old & ~both["old_tier"].map(lambda old: replaces(tier, old)).astype(bool)
    same = (
        has_old
        & ~kept
        & (both["old"].astype(float) == both["new"])
        & both["old_source"].str.startswith(OFFICE)
        & (both["old_tier"] == tier)
    )
    changed = has_old & ~kept & ~same
    added = ~has_old
    return (
        both.loc[added, [*cell, "new", "unit", "source", "tier"]].reset_index(drop=True),
        both.loc[changed, [*cell, "new", "unit", "source", "old", "old_tier", "tier"]].reset_index(drop=True),
        both.loc[kept, [*cell, "new", "unit", "source", "old", "old_tier", "tier"]]
        .rename(columns={"old": "shown", "old_tier": "shown_tier"})
        .reset_index(drop=True),
        both.loc[added | changed].reset_index(drop=True),
        int(same.sum()),
    )
