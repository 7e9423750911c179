"""Line breaks in Chinese and English (geo/text/linebreak.py): nothing lost, nothing too wide, no
break inside a quote or bracket or before closing punctuation, titles without orphans."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from geo.text.linebreak import balanced, columns, units, wrap

TITLES = [
    "四川省“十四五”软件与信息服务业空间布局",
    "2020年各市（州）地区生产总值",
    "“一轴一核多带”区域布局（解读A）",
    "GDP by prefecture, 2020: Chengdu Plain Economic Zone",
    "Software and IT-services main-business revenue by prefecture, 2023",
]


def test_no_break_inside_quotes_brackets_or_before_closing_punctuation():
    for title in TITLES:
        for unit in units(title):
            text = unit.strip()
            assert text.count("“") == text.count("”") and text.count("（") == text.count("）"), unit
            assert text[0] not in "”）)，。；", unit
    assert "四川省“十四五”" in "".join(units(TITLES[0])[:2]) and any(
        "“十四五”" in u for u in units(TITLES[0])
    )


@settings(max_examples=200, deadline=None)
@given(title=st.sampled_from(TITLES), width=st.integers(24, 60))  # a title line holds a few words
def test_a_balanced_title_keeps_its_text_and_leaves_no_orphan(title, width):
    lines = balanced(title, width)
    assert "".join("".join(lines).split()) == "".join(title.split())
    assert all(columns(line) <= width for line in lines)
    assert len(lines) == len(wrap(title, width))  # as few lines as a greedy fill
    if len(lines) > 1:  # the shortest line holds at least a third of the longest
        assert min(map(columns, lines)) * 3 >= max(map(columns, lines)), lines
        assert all(columns(line) > 2 for line in lines), lines  # never one CJK character or a lone "of"


def test_the_deck_title_that_left_one_character_alone():
    title = "四川省“十四五”软件与信息服务业空间布局"
    lines = balanced(title, 36)
    assert len(lines) == 2 and all(columns(x) >= 12 for x in lines), lines
