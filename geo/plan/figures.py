"""The plan's own figures: what it started from (2020), what it promised (2025), and how far it
got — each target with its baseline, the constant-growth path from one to the other, the values
reported since and a status.

Nothing is derived that the plan or a publisher did not state, except arithmetic on their
numbers: the yearly growth a target needs, the value that growth path required by a year, the
share of the target reached and of the way from baseline to target, and the average yearly
growth a series shows (for the plan's growth-rate targets).

Every link between a target and its baseline or outcomes carries the reason it holds (``link``,
``link_zh``/``link_en`` in plan_figures.csv): the same basis, or the plan's own derivation (cited
by section: the trillion-yuan operating revenue grows from the 2020 main-business revenue at the
plan's 12 %), whose outcomes are then read on the basis the plan derived it from
(``outcome_basis_zh``). A target linked ``not_comparable`` (a 2020 figure on another basis the
plan keeps apart, ``other_basis_id``) is never compared, and says why. A target without an
outcome names the publication that would carry it (``settle_zh``/``settle_en``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from geo.data.coverage import BASE_YEAR, TARGET_YEAR
from geo.data.indicators import OFFICE, name_key, office_parts
from geo.data.load import load_plan_figures, load_plan_outcomes
from geo.data.tiers import outcome_ranks
from geo.scene.style import COPY_MARK
from geo.text.i18n import pick, plan_ref, quantity, t

YEARS = TARGET_YEAR - BASE_YEAR
STATUSES = ("met", "on_track", "behind", "no_result", "not_comparable", "no_baseline")
LINKS = ("same_basis", "plan_derivation", "not_comparable")  # why a target is (not) compared
_FULL_YEAR = "全年"


@dataclass(frozen=True)
class Growth:
    """The average yearly growth (%) a series shows between two years, with each end's tier
    ("plan" for the plan's own 2020 figure)."""

    rate: float
    start_year: int
    end_year: int
    start_tier: str
    end_tier: str


@dataclass(frozen=True)
class Target:
    figure: pd.Series  # the target's row of plan_figures.csv
    baseline: pd.Series | None  # the 2020 figure it grows from, on the same basis
    outcomes: pd.DataFrame  # values reported for it (plan_outcomes.csv rows, oldest first)
    other_basis: pd.Series | None = None  # a 2020 figure the plan gives on another basis
    series: Target | None = None  # a growth-rate target: the amount target whose series it reads

    @property
    def link(self) -> str:
        """Why the target is compared with its baseline and outcomes: one of ``LINKS``, or ""."""
        return str(self.figure.get("link", "") or "")

    def link_reason(self, lang: str) -> str:
        """The reason, with the plan's sections, in ``lang`` ("" when none is recorded)."""
        return pick(self.figure.get("link_zh", ""), self.figure.get("link_en", ""), lang) or ""

    def settle(self, lang: str) -> str:
        """The publication that would carry the outcome, in ``lang``."""
        return pick(self.figure.get("settle_zh", ""), self.figure.get("settle_en", ""), lang) or ""

    @property
    def is_rate(self) -> bool:
        """A target for an average yearly growth rate, read from another target's series."""
        return self.series is not None

    @cached_property
    def growth(self) -> Growth | None:
        """For a growth-rate target: the average yearly growth from the series' 2020 baseline to
        its latest comparable value."""
        if self.series is None or self.series.baseline is None or self.link == "not_comparable":
            return None
        latest = self.series.latest
        if latest is None or int(latest["year"]) <= BASE_YEAR:
            return None
        years = int(latest["year"]) - BASE_YEAR
        rate = ((float(latest["value"]) / float(self.series.baseline["value"])) ** (1 / years) - 1) * 100
        return Growth(rate, BASE_YEAR, int(latest["year"]), "plan", str(latest["tier"]))

    @cached_property
    def needed_growth(self) -> float | None:
        """Average yearly growth (%) from the baseline to the target, when both are amounts in
        the same unit and basis."""
        b = self.baseline
        if (
            b is None
            or self.is_rate
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

    @cached_property
    def comparable_outcomes(self) -> pd.DataFrame:
        """Reported values on the target's own basis, for a whole year, in its unit."""
        o = self.outcomes
        if self.link == "not_comparable":
            return o.iloc[:0]
        bases = {self.figure["basis_zh"]}
        if self.link == "plan_derivation" and self.figure.get("outcome_basis_zh", ""):
            bases.add(self.figure["outcome_basis_zh"])  # the basis the plan derived the target from
        same = o["basis_zh"].isin(bases) & (o["unit_zh"] == self.figure["unit_zh"])
        return o[same & (o["period_zh"] == _FULL_YEAR)]

    @cached_property
    def latest(self) -> pd.Series | None:
        """The newest comparable reported value (the better tier first within a year)."""
        o = self.comparable_outcomes
        if o.empty:
            return None
        rank = outcome_ranks(o["tier"], o.get("published_tier"))
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
        """One of ``STATUSES``: met; on track or behind the constant-growth path (a growth-rate
        target: its series' growth so far against the rate); no published result; not comparable
        (linked ``not_comparable``, or only figures on another basis); no baseline to judge by."""
        if self.link == "not_comparable":
            return "not_comparable"
        if self.is_rate:
            return _rate_status(self.growth, self.figure)
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


def _rate_status(growth: Growth | None, figure: pd.Series) -> str:
    if growth is None:
        return "no_result"
    reached = _meets(growth.rate, figure)
    if growth.end_year >= TARGET_YEAR:
        return "met" if reached else "behind"
    return "on_track" if reached else "behind"


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
    made: dict[str, Target] = {}
    rows = figures[figures["kind"] == "target"]
    series_of = rows["series_id"] if "series_id" in rows else pd.Series("", index=rows.index)
    for row, series_id in sorted(
        zip(rows.itertuples(index=False), series_of, strict=True), key=lambda p: bool(p[1])
    ):
        base = by_id.loc[row.baseline_id] if row.baseline_id else None
        other = by_id.loc[row.other_basis_id] if row.other_basis_id else None
        reported = outcomes[outcomes["target_id"] == row.id].sort_values("year")
        made[row.id] = Target(
            by_id.loc[row.id], base, reported, other, made.get(series_id) if series_id else None
        )
    return [made[i] for i in rows["id"]]  # amounts first (a rate reads their series), then the plan's order


def amount(figure: pd.Series, lang: str) -> str:
    """A figure as the plan words it: comparator, number, unit (e.g. "> 10,000 亿元")."""
    number = float(figure["value"])
    decimals = 0 if number.is_integer() else len(repr(number).split(".")[1])
    comparator = {"=": "", ">": "> ", "≥": "≥ ", "≈": "≈ ", "≤": "≤ "}[figure["comparator"]]
    return comparator + quantity(number, figure["unit_zh"], figure["unit_en"], decimals, lang)


def plan_scorecard(lang: str, data=None) -> pd.DataFrame:
    """The scorecard of the plan's figures, with the bundled outcomes and those the office
    published in ``data`` (``geo.data.load.MapData``; None: the bundled ones only)."""
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
                    "note_zh": f"本办公室发布（{t(f'tier_{src.tier}', 'zh')}），按目标口径计。",
                    "note_en": f"Published by the office ({t(f'tier_{src.tier}', 'en')}); "
                    "taken on the target's basis.",
                    "published_tier": src.tier,
                }
            )
    return pd.DataFrame(rows, columns=[*load_plan_outcomes().columns, "published_tier"])


def scorecard(targets_: list[Target], lang: str) -> pd.DataFrame:
    """One row per target, as the Plan page, the downloads and the deck show it: the status and
    the shares first (what a policymaker asks first), then the plan's words (name), the latest
    reported value and its year, the value the constant-growth path required by that year, the
    2025 target, the 2020 baseline and its basis, why the target is (not) compared with them, the
    tier of the latest value, the publication that would settle a target without an outcome, and
    the plan's section. Amounts carry their units in ``lang``; shares are numbers (percent, NaN
    when there is none), so the table sorts by them. A growth-rate target's latest value is the
    rate its series shows, with both ends' years and tiers."""
    rows = []
    for tg in targets_:
        f, b = tg.figure, tg.baseline
        base = b if b is not None else tg.other_basis
        if tg.is_rate and tg.series is not None:
            base = tg.series.baseline
        rows.append(
            {
                t("plan_status", lang): t(f"status_{tg.status}", lang),
                t("plan_share_target", lang): _rounded(tg.share_of_target),
                t("plan_share_way", lang): _rounded(tg.share_of_way),
                t("plan_target_name", lang): pick(f["indicator_zh"], f["indicator_en"], lang),
                t("plan_latest", lang): latest_text(tg, lang),
                t("plan_latest_year", lang): _latest_year(tg),
                t("plan_required", lang): _required_text(tg, lang),
                t("plan_target", lang): amount(f, lang),
                t("plan_baseline", lang): amount(base, lang) if base is not None else None,
                t("plan_basis", lang): None
                if base is None
                else pick(base["basis_zh"], base["basis_en"], lang) or None,
                t("plan_link", lang): _link_text(tg, lang),
                t("tier", lang): _tier_text(tg, lang),
                t("plan_settle", lang): tg.settle(lang) or None if _no_outcome(tg) else None,
                t("plan_ref", lang): plan_ref(f["section"], lang),
            }
        )
    frame = pd.DataFrame(rows)
    if len(frame):  # years as whole numbers, missing ones missing (never 2024.0, never "None")
        frame[t("plan_latest_year", lang)] = frame[t("plan_latest_year", lang)].astype("Int64")
    return frame


def _no_outcome(tg: Target) -> bool:
    return tg.growth is None if tg.is_rate else tg.latest is None


def latest_text(tg: Target, lang: str) -> str | None:
    """The latest comparable value as read (copies marked †); for a growth-rate target, the
    average yearly growth its series shows and over which years; None when there is none."""
    if tg.is_rate:
        g = tg.growth
        if g is None:
            return None
        mark = f" {COPY_MARK}" if "copy" in (g.start_tier, g.end_tier) else ""
        return t("plan_rate_value", lang, rate=f"{g.rate:.1f}", start=g.start_year, end=g.end_year) + mark
    latest = tg.latest
    return _reported(latest, lang) if latest is not None else None


def _latest_year(tg: Target) -> int | None:
    if tg.is_rate:
        return tg.growth.end_year if tg.growth is not None else None
    return int(tg.latest["year"]) if tg.latest is not None else None


def _required_text(tg: Target, lang: str) -> str | None:
    if tg.is_rate:
        return amount(tg.figure, lang) if tg.growth is not None else None
    latest = tg.latest
    required = tg.required(int(latest["year"])) if latest is not None else None
    return _amount_of(required, tg.figure, lang) or None


def _link_text(tg: Target, lang: str) -> str | None:
    """The link's kind and its reason: "same basis: …", "the plan's own derivation: …"."""
    if not tg.link:
        return None
    reason = tg.link_reason(lang)
    return f"{t(f'link_{tg.link}', lang)}: {reason}" if reason else t(f"link_{tg.link}", lang)


def _tier_text(tg: Target, lang: str) -> str | None:
    if tg.is_rate:
        g = tg.growth
        if g is None:
            return None
        ends = (
            f"{g.start_year}: {t(f'tier_{g.start_tier}', lang)}",
            f"{g.end_year}: {t(f'tier_{g.end_tier}', lang)}",
        )
        return t("tier_sep", lang).join(ends)
    return t(f"tier_{tg.latest['tier']}", lang) if tg.latest is not None else None


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
