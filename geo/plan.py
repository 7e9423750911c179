"""The plan's own figures: what it started from (2020), what it promised (2025), and what has
been reported since — each target with its baseline, the growth it needs and the values reported.

Nothing is derived that the plan or a publisher did not state, except the yearly growth a
target needs from its baseline, computed from the plan's two numbers and labelled so.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from geo.i18n import quantity, t

YEARS = 5  # 2020 -> 2025


@dataclass(frozen=True)
class Target:
    figure: pd.Series  # the target's row of plan_figures.csv
    baseline: pd.Series | None  # the 2020 figure it grows from, when the plan gives one
    outcomes: pd.DataFrame  # reported values for it (plan_outcomes.csv rows)

    @property
    def needed_growth(self) -> float | None:
        """Average yearly growth (%) from the baseline to the target, when both are amounts in
        the same unit."""
        b = self.baseline
        if b is None or b["unit_zh"] != self.figure["unit_zh"] or b["value"] <= 0:
            return None
        return ((self.figure["value"] / b["value"]) ** (1 / YEARS) - 1) * 100


def targets(figures: pd.DataFrame, outcomes: pd.DataFrame) -> list[Target]:
    """The plan's targets in the plan's order, each with its baseline and reported values."""
    by_id = figures.set_index("id", drop=False)
    out = []
    for row in figures[figures["kind"] == "target"].itertuples(index=False):
        fig = by_id.loc[row.id]
        base = by_id.loc[row.baseline_id] if row.baseline_id else None
        out.append(Target(fig, base, outcomes[outcomes["target_id"] == row.id].sort_values("year")))
    return out


def amount(figure: pd.Series, lang: str) -> str:
    """A figure as the plan words it: comparator, number, unit (e.g. "> 10,000 亿元")."""
    number = float(figure["value"])
    decimals = 0 if number.is_integer() else len(repr(number).split(".")[1])
    comparator = {"=": "", ">": "> ", "≥": "≥ ", "≈": "≈ "}[figure["comparator"]]
    return comparator + quantity(number, figure["unit_zh"], figure["unit_en"], decimals, lang)


def outcome_status(target: Target, lang: str) -> str:
    """Whether a verified outcome has been published for ``target``."""
    if (target.outcomes["status"] == "verified").any():
        return t("plan_outcome_verified", lang)
    if len(target.outcomes):
        return t("plan_outcome_reported", lang)
    return t("plan_outcome_none", lang)
