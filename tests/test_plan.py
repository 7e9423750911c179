"""The plan's scorecard arithmetic, checked by hand-computed values (tests/test_plan.py mirrors
geo/plan.py)."""

from __future__ import annotations

import pandas as pd
import pytest

from geo.data import load_plan_figures, load_plan_outcomes
from geo.plan import path_frame, scorecard, targets

TARGETS = {tg.figure["id"]: tg for tg in targets(load_plan_figures(), load_plan_outcomes())}


def test_the_headline_target_by_hand():
    tg = TARGETS["t_sb_revenue"]
    # (8,400 / 4,241) ** (1/5) = 1.14647: 14.65 % a year
    assert tg.needed_growth == pytest.approx(14.647, abs=0.001)
    assert tg.latest["year"] == "2024" and tg.latest["value"] == 6060
    assert tg.share_of_target == pytest.approx(6060 / 8400 * 100) and round(tg.share_of_target, 1) == 72.1
    assert round(tg.share_of_way, 1) == 43.7  # (6,060 - 4,241) / (8,400 - 4,241)
    assert tg.required(2024) == pytest.approx(7327.0, abs=0.5)  # 4,241 x 1.14647 ** 4
    assert tg.required(2025) == pytest.approx(8400) and tg.required(2020) == pytest.approx(4241)
    assert tg.status == "behind"


def test_a_target_linked_to_another_basis_is_not_comparable_never_a_growth_rate():
    for key in ("t_firms_10bn", "t_si_revenue", "t_firms_1bn"):
        tg = TARGETS[key]
        assert tg.baseline is None and tg.other_basis is not None, key
        assert tg.needed_growth is None and tg.status == "not_comparable", key
    # operating revenue's only reported value is main-business revenue: reported, not comparable
    assert TARGETS["t_si_revenue"].latest is None and len(TARGETS["t_si_revenue"].outcomes) == 1


def test_statuses_follow_their_definitions():
    tg = TARGETS["t_sb_revenue"]
    outcome = tg.outcomes.iloc[[-1]].copy()
    for value, expected in ((8500, "met"), (7400, "on_track"), (7000, "behind")):
        changed = type(tg)(tg.figure, tg.baseline, outcome.assign(value=float(value)), None)
        assert changed.status == expected, value
    assert type(tg)(tg.figure, tg.baseline, outcome.iloc[:0], None).status == "no_result"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_scorecard_has_every_column_the_reader_needs(lang):
    table = scorecard(list(TARGETS.values()), lang)
    assert len(table) == len(TARGETS) and table.columns.is_unique
    shares = table.iloc[:, 2:4]
    assert all(pd.api.types.is_numeric_dtype(shares[c]) for c in shares)  # they sort as numbers


def test_the_path_runs_from_baseline_to_target_through_every_year():
    frame = path_frame(TARGETS["t_sb_revenue"])
    path = frame[frame["series"] == "path"]
    assert list(path["year"]) == list(range(2020, 2026)) and path["value"].is_monotonic_increasing
    reported = frame[frame["series"] == "reported"]
    assert list(reported["tier"]) == ["copy"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_chengdus_own_target_is_in_its_panel(lang):
    from streamlit.testing.v1 import AppTest

    def script(lang: str):
        from geo.data import load_map_data
        from geo.readings import resolve_reading
        from ui.panel import prefecture_panel

        data = load_map_data()
        prefecture_panel(data, "510100", resolve_reading(data.layout, None, data.seats), lang)

    app = AppTest.from_function(script, args=(lang,), default_timeout=60).run()
    assert not app.exception
    text = "\n".join(m.value for m in app.markdown)
    from geo.escape import markdown_text
    from geo.i18n import t

    assert markdown_text(t("plan_targets_here", lang)) in text or t("plan_targets_here", lang) in text
    amount = "\\> 10,000 亿元" if lang == "zh" else "\\> 1,000 billion yuan"
    assert amount in text and t("status_not_comparable", lang) in text  # 专栏5's "over one trillion"
