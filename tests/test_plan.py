"""The plan's scorecard arithmetic, checked by hand-computed values (tests/test_plan.py mirrors
geo/plan/figures.py)."""

from __future__ import annotations

import pandas as pd
import pytest

from geo.data.load import load_plan_figures, load_plan_outcomes
from geo.plan.figures import path_frame, scorecard, targets
from geo.text.i18n import t

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
    for key in ("t_firms_10bn", "t_firms_1bn"):
        tg = TARGETS[key]
        assert tg.baseline is None and tg.other_basis is not None, key
        assert tg.needed_growth is None and tg.status == "not_comparable", key


def test_the_trillion_is_compared_as_the_plan_derives_it():
    """二(三): operating revenue "over one trillion, 12 % a year or more" grows from the 2020
    main-business revenue of 5,727 (5,727 x 1.12**5 = 10,093): the plan compares them itself."""
    tg = TARGETS["t_si_revenue"]
    assert tg.link == "plan_derivation" and tg.baseline["value"] == 5727
    assert tg.latest["year"] == "2024" and tg.latest["value"] == 7969.2  # main-business revenue
    assert round(tg.share_of_target, 1) == 79.7  # 7,969.2 / 10,000
    assert round(tg.share_of_way, 1) == 52.5  # (7,969.2 - 5,727) / (10,000 - 5,727) = 2,242.2 / 4,273
    # constant growth 5,727 -> 10,000: (10,000 / 5,727) ** (1/5) = 1.11788; 5,727 x 1.11788 ** 4 = 8,945
    assert tg.required(2024) == pytest.approx(8945.0, abs=1)
    assert tg.status == "behind"
    for lang, cited in (("zh", "二(三)"), ("en", "Section II(3)")):
        row = scorecard([tg], lang).iloc[0]
        assert row[t("plan_status", lang)] == t("status_behind", lang)
        assert row[t("plan_link", lang)].startswith(t("link_plan_derivation", lang)), lang
        assert cited in row[t("plan_link", lang)] and "5727" in row[t("plan_link", lang)].replace(",", "")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_target_the_plan_keeps_apart_stays_not_comparable_and_says_why(lang):
    row = scorecard([TARGETS["t_firms_10bn"]], lang).iloc[0]
    assert row[t("plan_status", lang)] == t("status_not_comparable", lang)
    reason = row[t("plan_link", lang)]
    assert reason.startswith(t("link_not_comparable", lang))
    words = ("主营业务收入", "软件业务收入") if lang == "zh" else ("main-business", "software-business")
    assert all(w in reason for w in words)
    assert pd.isna(row[t("plan_share_target", lang)])  # never a share, never "11 -> 10 is a fall"


def test_growth_rate_targets_are_read_from_the_series():
    sb, si = TARGETS["t_sb_growth"], TARGETS["t_si_growth"]
    # software-business revenue 4,241 (2020, the plan) -> 6,060 (2024, a copy): 1.42891 ** (1/4) = 1.0933
    assert sb.growth.rate == pytest.approx(9.33, abs=0.01)
    assert (sb.growth.start_year, sb.growth.end_year) == (2020, 2024)
    assert (sb.growth.start_tier, sb.growth.end_tier) == ("plan", "copy")
    assert sb.status == "behind"  # against "about 15 %"
    # main-business revenue 5,727 -> 7,969.2 (2024): 1.39151 ** (1/4) = 1.0861, against "12 % or more"
    assert si.growth.rate == pytest.approx(8.61, abs=0.01) and si.status == "behind"
    row = scorecard([sb], "en").iloc[0]
    assert row[t("plan_latest", "en")] == "9.3 % a year (2020–2024) †"
    assert row[t("tier", "en")] == "2020: the plan (draft for comment); 2024: copy (unverified)"
    assert scorecard([sb], "zh").iloc[0][t("plan_latest", "zh")] == "年均 9.3%（2020–2024年） †"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_target_without_an_outcome_says_which_publication_would_settle_it(lang):
    table = scorecard(list(TARGETS.values()), lang)
    open_ = table[table[t("plan_latest", lang)].isna()]
    assert len(open_) >= 10 and open_[t("plan_settle", lang)].str.len().gt(10).all()
    assert table.loc[table[t("plan_latest", lang)].notna(), t("plan_settle", lang)].isna().all()


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
    first = ("plan_status", "plan_share_target", "plan_share_way")
    assert list(table.columns[:3]) == [t(k, lang) for k in first]
    shares = table.iloc[:, 1:3]
    assert all(pd.api.types.is_numeric_dtype(shares[c]) for c in shares)  # they sort as numbers
    assert not any(isinstance(v, str) and v in ("", "None") for v in table.to_numpy().ravel())


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
        from geo.data.load import load_map_data
        from geo.data.readings import resolve_reading
        from geo.plan.profile import area_profile
        from ui.panel import prefecture_panel

        data = load_map_data()
        reading = resolve_reading(data.layout, None, data.seats)
        prefecture_panel(area_profile(data, "510100", reading, lang), lang)

    app = AppTest.from_function(script, args=(lang,), default_timeout=60).run()
    assert not app.exception
    text = "\n".join(m.value for m in app.markdown)
    from geo.text.escape import markdown_text
    from geo.text.i18n import t

    assert markdown_text(t("plan_targets_here", lang)) in text or t("plan_targets_here", lang) in text
    amount = "\\> 10,000 亿元" if lang == "zh" else "\\> 1,000 billion yuan"
    assert amount in text and t("status_not_comparable", lang) in text  # 专栏5's "over one trillion"
