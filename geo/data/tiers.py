"""How well a value was read, and which of two values for one cell is shown: one rule, one place.

A value is read on its publisher's own page or in an official yearbook (verified), in a reputable
outlet quoting the named publication (quoted), or on a copy (copy); a value of no known tier ranks
below all three. The office publishes at one of these tiers. Everywhere two values compete for
one cell (the maps' merge of bundled and published values, a publish's preview, the plan's latest
outcome of a year, the order of a chart's labels), the rule is ``replaces``: a published value
replaces another only at an equal or higher tier; a value the office published wins a tie.

Callers: ``geo.office.merge`` (merge, preview), ``geo.scene.legends`` (a computed value's tier: the lowest of
its inputs'), ``geo.plan.figures`` and ``geo.plan.chart`` (the latest outcome, label order),
``geo.data.coverage`` (a cell's state).
"""

from __future__ import annotations

import pandas as pd

TIERS = ("verified", "quoted", "copy")  # the tiers a value is read (and published) at
OFFICE = "office"  # the plan's outcomes: a value the office published (and the map shows)
RANK = {"": -1, "copy": 0, "quoted": 1, "verified": 2}  # "": a source of no known tier


def rank(tier: object, *, published: bool = False) -> float:
    """A tier's place in the order (higher: better read); a published value ranks half a step
    above a value of its own tier, so it wins a tie and nothing else."""
    return RANK.get(tier if isinstance(tier, str) else "", -1) + (0.5 if published else 0.0)


def ranks(tiers: pd.Series, published: pd.Series | bool = False) -> pd.Series:
    """``rank`` of each of ``tiers`` (``published``: per row, or for all)."""
    base = tiers.map(lambda x: RANK.get(x if isinstance(x, str) else "", -1)).astype(float)
    return base + (pd.Series(published, index=tiers.index).astype(float) * 0.5)


def replaces(new_tier: str, old_tier: str) -> bool:
    """Whether a value published at ``new_tier`` replaces one of ``old_tier`` in the same cell:
    at an equal or higher tier."""
    return rank(new_tier) >= rank(old_tier)


def replaces_many(new_tiers: pd.Series, old_tiers: pd.Series) -> pd.Series:
    """``replaces`` row by row (the two series aligned by position)."""
    new = ranks(pd.Series(list(new_tiers)))
    old = ranks(pd.Series(list(old_tiers)))
    return pd.Series((new >= old).to_numpy(), index=new_tiers.index)


def lowest(tiers) -> str:
    """The lowest of ``tiers`` (a computed value is as well read as its least read input); ""
    for none."""
    tiers = list(tiers)
    return min(tiers, key=lambda x: RANK.get(x, -1)) if tiers else ""


def outcome_ranks(tiers: pd.Series, published_tiers: pd.Series | None = None) -> pd.Series:
    """Ranks of values labelled by tier, where a value labelled ``OFFICE`` (the plan's outcomes
    the office published) ranks at the tier it was published at (``published_tiers``, per row;
    verified where not known) and wins a tie."""
    office = tiers.eq(OFFICE)
    known = published_tiers if published_tiers is not None else pd.Series("", index=tiers.index)
    read_at = known.where(known.isin(TIERS), "verified")
    return ranks(tiers.where(~office, read_at), office)
