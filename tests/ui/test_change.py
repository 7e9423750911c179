"""The growth question in the app (AppTest): one button, the winner and the coverage named, the
pair with the most prefectures offered, the series view and its table, the timeline."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import APP


def _ok(app: AppTest) -> AppTest:
    app.run()
    assert not app.exception, app.exception
    assert not app.error, [e.value for e in app.error]  # the app's guard shows a page's failure so
    return app


@pytest.fixture
def gdp() -> AppTest:
    app = AppTest.from_file(str(APP), default_timeout=120)
    _ok(app)
    app.selectbox(key="indicator").set_value("gdp")
    return _ok(app)


@pytest.mark.parametrize(
    ("lang", "none", "offer", "answer"),
    [
        ("en", "No area has both 2020 and 2024 on the same basis",
         "2020–2023 (4 areas): fastest Deyang City, +25.4 %",
         "Fastest growth 2020–2023: Deyang City, +25.4 % † "
         "(4 of 21 prefectures have both years on the same basis)"),
        ("zh", "2020—2024年没有地区两年均有同口径数据", "2020—2023年（4个地区）：德阳市增长最快，+25.4 %",
         "2020—2023年德阳市增长最快：+25.4 % †（21个市（州）中4个两年均有同口径数据）"),
    ],
)  # fmt: skip
def test_the_growth_question_is_answered_and_the_comparable_pair_offered(gdp, lang, none, offer, answer):
    gdp.radio(key="lang").set_value(lang)
    _ok(gdp)
    gdp.button(key="growth").click()
    _ok(gdp)
    assert gdp.session_state["change"] == "2020:2024" and gdp.session_state["layer_choropleth"]
    assert none in gdp.warning[0].value
    assert any(offer in m.value for m in gdp.markdown)
    assert any(
        "fifth national economic census" in c.value or "第五次全国经济普查" in c.value for c in gdp.caption
    )
    gdp.button(key="use_best_pair").click()
    _ok(gdp)
    assert gdp.info[0].value == answer
    assert gdp.query_params["change"] == ["2020:2023"] or gdp.session_state["change"] == "2020:2023"


def test_the_series_view_is_one_click_from_the_map(gdp):
    assert not gdp.get("imgs") and len(gdp.dataframe) == 0  # nothing drawn until asked
    gdp.toggle(key="series_on").set_value(True)
    _ok(gdp)
    (table,) = gdp.dataframe
    frame = table.value
    assert list(frame.iloc[0, :1]) == ["德阳市"]  # the fastest first
    labels = [b.label for b in gdp.get("download_button")]
    assert labels[:4] == [
        "下载排名表（CSV）",
        "下载历年数值（CSV）",
        "下载排名表（XLSX）",
        "下载历年数值（XLSX）",
    ]


def test_the_timeline_steps_through_the_years_with_values(gdp):
    gdp.checkbox(key="layer_choropleth").check()
    _ok(gdp)
    assert gdp.select_slider(key="_timeline").options == ["2020", "2021", "2022", "2023", "2024", "2025"]
    gdp.select_slider(key="_timeline").set_value("2021")
    _ok(gdp)
    assert gdp.session_state["year"] == "2021" and gdp.selectbox(key="year").value == "2021"
    gdp.button(key="play").click()
    _ok(gdp)
    assert gdp.button(key="play").label == "暂停"
    gdp.session_state["_tick"] = True  # what the playing timeline's fragment sets each second
    _ok(gdp)
    assert gdp.session_state["year"] == "2022"
    gdp.button(key="play").click()
    _ok(gdp)
    assert gdp.button(key="play").label == "播放"


def test_the_panel_gives_both_ends_with_their_years_and_tiers(gdp):
    gdp.session_state["change"] = "2020:2023"
    gdp.session_state["layer_choropleth"] = True
    gdp.session_state["sel"] = "510600"
    _ok(gdp)
    text = "\n".join(m.value for m in gdp.markdown).replace("\\", "")  # Markdown's escapes
    assert "**地区生产总值：增长率（%） 2020–2023**" in text
    lines = (
        "- 变化：+25.4 % †",
        "- 排名：1 / 4",
        "- 起点（2020年）：2,404.10 亿元 †",
        "- 终点（2023年）：3,014.41 亿元 †",
        "- 核实程度：转载页（未核实） → 转载页（未核实）",
    )
    for line in lines:
        assert line in text, line


def test_the_timeline_says_the_years_it_steps_over():
    app = AppTest.from_file(str(APP), default_timeout=120)
    _ok(app)
    app.radio(key="lang").set_value("en")
    app.selectbox(key="indicator").set_value("software_it_revenue")
    app.checkbox(key="layer_choropleth").check()
    _ok(app)
    assert app.select_slider(key="_timeline").options == ["2022", "2023"]
    # 2020: the province's total only (the plan's); 2021: nothing found
    assert "Years skipped (no prefecture has a value): 2020, 2021" in [c.value for c in app.caption]


@pytest.mark.parametrize("pair", ["2021:2022", "2020:2021", "2024:2025", "2023:2024"])
def test_every_pair_of_years_answers_without_failing(gdp, pair):
    """A pair with no area in common, one with a winner and no break, one with both."""
    gdp.session_state["change"] = pair
    gdp.session_state["layer_choropleth"] = True
    _ok(gdp)
    assert len(gdp.info) + len(gdp.warning) == 1


def test_the_playing_timeline_steps_over_a_year_with_the_province_only():
    app = AppTest.from_file(str(APP), default_timeout=120)
    _ok(app)
    app.selectbox(key="indicator").set_value("software_it_revenue")
    app.checkbox(key="layer_choropleth").check()
    _ok(app)
    app.select_slider(key="_timeline").set_value("2023")
    app.button(key="play").click()
    _ok(app)
    app.session_state["_tick"] = True
    _ok(app)
    assert app.session_state["year"] == "2022"  # round again, past 2020 (the province's only)
