"""The plan's own figures: what it started from (2020), what it promised (2025), and how far it
got — each target with its baseline, the constant-growth path from one to the other, the values
reported since and a status.

Nothing is derived that the plan or a publisher did not state, except arithmetic on their
numbers: the yearly growth a target needs, the value that growth path required by a year, the
share of the target reached and of the way from baseline to target. A baseline is linked to a
target only on the same basis (``baseline_id``); a 2020 figure on another basis
(``other_basis_id``) makes the target *not comparable*, never a growth rate.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from geo.data import load_plan_figures, load_plan_outcomes
from geo.i18n import pick, plan_ref, quantity, t
from geo.indicators import OFFICE, name_key, office_parts
from geo.style import COPY_MARK

BASE_YEAR, TARGET_YEAR = 2020, 2025
YEARS = TARGET_YEAR - BASE_YEAR
STATUSES = ("met", "on_track", "behind", "no_result", "not_comparable", "no_baseline")
_FULL_YEAR = "全年"


@dataclass(frozen=True)
class Target:
    figure: pd.Series  # the target's row of plan_figures.csv
    baseline: pd.Series | None  # the 2020 figure it grows from, on the same basis
    outcomes: pd.DataFrame  # values reported for it (plan_outcomes.csv rows, oldest first)
    other_basis: pd.Series | None = None  # a 2020 figure the plan gives on another basis

    @property
    def needed_growth(self) -> float | None:
        """Average yearly growth (%) from the baseline to the target, when both are amounts in
        the same unit and basis."""
        b = self.baseline
        if (
            b is None
            or b["unit_zh"] != self.figure["unit_zh"]
            or b["value"] <= 0
            or self.figure["value"] <= 0
        ):
            return None
        return ((self.figure["value"] / b["value"]) ** (1 / YEARS) - 1) * 100

    def required(self, year: int) -> float | None:
        """The value the constant-growth path from baseline to target reaches in ``year``."""
        g = self.needed_growth
        if g is None:
            return None
        return float(self.baseline["value"]) * (1 + g / 100) ** (year - BASE_YEAR)

    @property
    def comparable_outcomes(self) -> pd.DataFrame:
        """Reported values on the target's own basis, for a whole year, in its unit."""
        o = self.outcomes
        same = (o["basis_zh"] == self.figure["basis_zh"]) & (o["unit_zh"] == self.figure["unit_zh"])
        return o[same & (o["period_zh"] == _FULL_YEAR)]

    @property
    def latest(self) -> pd.Series | None:
        """The newest comparable reported value (the better tier first within a year)."""
        o = self.comparable_outcomes
        if o.empty:
            return None
        rank = o["tier"].map({"office": 3, "verified": 2, "quoted": 1, "copy": 0}).fillna(0)
        return o.assign(_rank=rank).sort_values(["year", "_rank"]).iloc[-1]

    @property
    def share_of_target(self) -> float | None:
        """The latest value as a share (%) of the target."""
        latest = self.latest
        return (
            None
            if latest is None or not self.figure["value"]
            else latest["value"] / self.figure["value"] * 100
        )

    @property
    def share_of_way(self) -> float | None:
        """How far (%) the latest value has come from the baseline towards the target."""
        latest, b = self.latest, self.baseline
        if latest is None or b is None or self.figure["value"] == b["value"]:
            return None
        return (latest["value"] - b["value"]) / (self.figure["value"] - b["value"]) * 100

    @property
    def status(self) -> str:
        """One of ``STATUSES``: met; on track or behind the constant-growth path; no published
        result; not comparable (only figures on another basis); no baseline to judge by."""
        latest = self.latest
        if latest is None:
            if self.other_basis is not None or len(self.outcomes):
                return "not_comparable"
            return "no_result"
        if _meets(latest["value"], self.figure):
            return "met"
        required = self.required(int(latest["year"]))
        if required is None:
            return "not_comparable" if self.other_basis is not None else "no_baseline"
        return "on_track" if latest["value"] >= required else "behind"


def _meets(value: float, figure: pd.Series) -> bool:
    target, comparator = float(figure["value"]), figure["comparator"]
    if comparator == ">":
        return value > target
    if comparator == "≤":
        return value <= target
    return value >= target  # =, ≥, ≈: reaching the number meets it


def targets(figures: pd.DataFrame, outcomes: pd.DataFrame) -> list[Target]:
    """The plan's targets in the plan's order, each with its baseline and reported values."""
    by_id = figures.set_index("id", drop=False)
    out = []
    for row in figures[figures["kind"] == "target"].itertuples(index=False):
        base = by_id.loc[row.baseline_id] if row.baseline_id else None
        other = by_id.loc[row.other_basis_id] if row.other_basis_id else None
        reported = outcomes[outcomes["target_id"] == row.id].sort_values("year")
        out.append(Target(by_id.loc[row.id], base, reported, other))
    return out


def amount(figure: pd.Series, lang: str) -> str:
    """A figure as the plan words it: comparator, number, unit (e.g. "> 10,000 亿元")."""
    number = float(figure["value"])
    decimals = 0 if number.is_integer() else len(repr(number).split(".")[1])
    comparator = {"=": "", ">": "> ", "≥": "≥ ", "≈": "≈ ", "≤": "≤ "}[figure["comparator"]]
    return comparator + quantity(number, figure["unit_zh"], figure["unit_en"], decimals, lang)


def plan_scorecard(lang: str, data=None) -> pd.DataFrame:
    """The scorecard of the plan's figures, with the bundled outcomes and those the office
    published in ``data`` (``geo.data.MapData``; None: the bundled ones only)."""
    return scorecard(plan_targets(data), lang)


def plan_targets(data=None) -> list[Target]:
    """The plan's targets with every reported value: bundled, and published in ``data``."""
    figures = load_plan_figures()
    outcomes = load_plan_outcomes()
    if data is not None:
        outcomes = pd.concat([outcomes, published_outcomes(data.indicators, data.indicator_meta, figures)])
    return targets(figures, outcomes.reset_index(drop=True))


def published_outcomes(indicators: pd.DataFrame, meta: pd.DataFrame, figures: pd.DataFrame) -> pd.DataFrame:
    """The office's published values that report on a target: the target's place (adcode) and
    unit, an indicator named as the target names it (its words in either language, or its id) or
    the bundled indicator of that name. Taken on the target's own basis, tier "office"."""
    office = indicators[indicators["source"].str.startswith(OFFICE, na=False)]
    names = meta.set_index("id")
    rows = []
    for fig in figures[figures["kind"] == "target"].itertuples(index=False):
        wanted = {name_key(fig.indicator_zh), name_key(fig.indicator_en), name_key(fig.id)}
        for r in office[(office["adcode"] == fig.adcode) & (office["unit"] == fig.unit_zh)].itertuples():
            own = {name_key(r.indicator)}
            if r.indicator in names.index:
                own |= {
                    name_key(names.loc[r.indicator, "name_zh"]),
                    name_key(names.loc[r.indicator, "name_en"]),
                }
            if not own & wanted or not r.year:
                continue
            (src,) = office_parts(r.source)
            rows.append(
                {
                    "id": f"office-{src.publication}-{fig.id}-{r.year}",
                    "target_id": fig.id,
                    "year": r.year,
                    "period_zh": _FULL_YEAR,
                    "period_en": "full year",
                    "adcode": fig.adcode,
                    "indicator_zh": fig.indicator_zh,
                    "indicator_en": fig.indicator_en,
                    "value": float(r.value),
                    "unit_zh": fig.unit_zh,
                    "unit_en": fig.unit_en,
                    "basis_zh": fig.basis_zh,
                    "basis_en": fig.basis_en,
                    "tier": "office",
                    "status": "published",
                    "publisher_zh": t("office_source_text", "zh", date=src.date, text=src.text),
                    "publisher_en": t("office_source_text", "en", date=src.date, text=src.text),
                    "date": src.date,
                    "url": "",
                    "quote_zh": "",
                    "note_zh": f"本办公室发布（{src.tier}），按目标口径计。",
                    "note_en": f"Published by the office ({src.tier}); taken on the target's basis.",
                }
            )
    return pd.DataFrame(rows, columns=load_plan_outcomes().columns)


def scorecard(targets_: list[Target], lang: str) -> pd.DataFrame:
    """One row per target, as the Plan page, the downloads and the deck show it: the plan's words
    (name and section), the 2020 baseline and its basis, the 2025 target, the latest reported
    value (year, value, tier), the share of the target reached, the share of the way from baseline
    to target, the value the constant-growth path required by that year, and the status. Amounts
    carry their units in ``lang``; shares are numbers (percent), so the table sorts by them."""
    rows = []
    for tg in targets_:
        f, b, latest = tg.figure, tg.baseline, tg.latest
        base = b if b is not None else tg.other_basis
        required = tg.required(int(latest["year"])) if latest is not None else None
        rows.append(  # what a policymaker asks first (how far?) first, the figures behind it after
            {
                t("plan_target_name", lang): pick(f["indicator_zh"], f["indicator_en"], lang),
                t("plan_status", lang): t(f"status_{tg.status}", lang),
                t("plan_share_target", lang): _rounded(tg.share_of_target),
                t("plan_share_way", lang): _rounded(tg.share_of_way),
                t("plan_latest", lang): _reported(latest, lang) if latest is not None else "",
                t("plan_latest_year", lang): latest["year"] if latest is not None else "",
                t("plan_required", lang): _amount_of(required, f, lang),
                t("plan_target", lang): amount(f, lang),
                t("plan_baseline", lang): amount(base, lang) if base is not None else "",
                t("plan_basis", lang): "" if base is None else pick(base["basis_zh"], base["basis_en"], lang),
                t("tier", lang): t(f"tier_{latest['tier']}", lang) if latest is not None else "",
                t("plan_ref", lang): plan_ref(f["section"], lang),
            }
        )
    return pd.DataFrame(rows)


def _rounded(value: float | None) -> float:
    return float("nan") if value is None else round(value, 1)  # NaN: the column stays numeric


def _amount_of(value: float | None, figure: pd.Series, lang: str) -> str:
    if value is None:
        return ""
    return quantity(value, figure["unit_zh"], figure["unit_en"], 0, lang)


def _reported(outcome: pd.Series, lang: str) -> str:
    value = float(outcome["value"])
    text = quantity(value, outcome["unit_zh"], outcome["unit_en"], 0 if value.is_integer() else 1, lang)
    return f"{text} {COPY_MARK}" if outcome["tier"] == "copy" else text


def path_frame(target: Target) -> pd.DataFrame:
    """The headline chart's data: the baseline, the constant-growth path year by year, the
    reported values (with their tier) and the target; columns year, value, series, tier."""
    rows = []
    if target.baseline is not None:
        rows.append((BASE_YEAR, float(target.baseline["value"]), "baseline", ""))
        rows += [(y, target.required(y), "path", "") for y in range(BASE_YEAR, TARGET_YEAR + 1)]
    rows.append((TARGET_YEAR, float(target.figure["value"]), "target", ""))
    for o in target.comparable_outcomes.itertuples():
        rows.append((int(o.year), float(o.value), "reported", o.tier))
    return pd.DataFrame(rows, columns=["year", "value", "series", "tier"])
