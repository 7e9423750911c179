"""Reading A is the layout as published: Sichuan Daily, 3 June 2024, on the provincial spatial
plan, names the three belts by the cities they join; their members are those cities (Chengdu,
the core, aside), and a member this project infers says so."""

from __future__ import annotations

from geo.data.load import load_layout
from geo.data.names import prefecture_records
from geo.data.readings import resolve_reading

# The belts as the article writes them, and what each abbreviation stands for. "西" is Xichang,
# the seat of Liangshan: the one expansion the article leaves to the reader.
ARTICLE = {
    "a-north-south": "成德绵眉乐雅广西攀",
    "a-east": "成遂南达达南内自宜",  # 成遂南达（达南内自宜）
    "a-river": "攀宜泸",
}
ABBREVIATIONS = {"广": "510800", "西": "513400"}  # 广元 (not 广安) and 西昌 in belt 1's context
INFERRED = {"513400"}


def _expand(letters: str) -> set[str]:
    by_first = {p.short_zh[0]: code for code, p in prefecture_records().items() if p.short_zh[0] not in "广"}
    return {ABBREVIATIONS.get(ch) or by_first[ch] for ch in letters} - {"510100"}


def test_reading_a_has_the_belts_the_article_names_and_only_those_members():
    reading = resolve_reading(load_layout(), "A")
    belts = {b.id: b for b in reading.belts}
    assert set(belts) == set(ARTICLE)
    for belt_id, letters in ARTICLE.items():
        assert set(belts[belt_id].members) == _expand(letters), belt_id
        assert set(belts[belt_id].added) == set(belts[belt_id].members) & INFERRED, belt_id
    covered = {m for b in reading.belts for m in b.members} | set(reading.axis_members) | set(reading.core)
    assert "510300" in covered  # 自贡 is on the east belt's branch, no longer on nothing
    assert "511600" not in belts["a-east"].members and "511900" not in belts["a-east"].members
    assert "511100" not in belts["a-river"].members  # the article's river belt is 攀宜泸 alone


def test_reading_a_cites_the_published_framework():
    sources = load_layout()["readings"]["A"]["sources"]
    assert sources[0] == "scdaily-20240603" and "cre-15226" not in sources
