import pytest

from geo.data.load import load_counties
from geo.data.names import (
    UnknownCountyError,
    UnknownPrefectureError,
    prefecture_records,
    resolve_area,
    resolve_prefecture,
)


@pytest.mark.parametrize(
    ("value", "adcode"),
    [
        ("成都市", "510100"),
        ("成都", "510100"),
        ("Chengdu", "510100"),
        ("chengdu", "510100"),
        ("510100", "510100"),
        (510100, "510100"),
        (510100.0, "510100"),
        ("510100000000", "510100"),
        ("  成都  ", "510100"),
        ("ＣＨＥＮＧＤＵ", "510100"),
        ("５１０１００", "510100"),
        ("Chengdu City", "510100"),
        ("Chengdu Shi", "510100"),
        ("凉山彝族自治州", "513400"),
        ("凉山州", "513400"),
        ("凉山", "513400"),
        ("Liangshan", "513400"),
        ("Guang'an", "511600"),
        ("Guangan", "511600"),
        ("guang’an", "511600"),
        ("广安市", "511600"),
        ("Ya'an", "511800"),
        ("阿坝州", "513200"),
        ("Ngawa", "513200"),
        ("Garzê", "513300"),
        ("甘孜", "513300"),
        ("Dazhou", "511700"),
        ("攀枝花", "510400"),
    ],
)
def test_resolves_common_spellings(value, adcode):
    assert resolve_prefecture(value) == adcode


def test_every_table_spelling_resolves_to_its_own_row():
    for code, p in prefecture_records().items():
        for spelling in (p.name_zh, p.short_zh, p.name_en, p.short_en, code, int(code)):
            assert resolve_prefecture(spelling) == code


def test_unknown_name_suggests_closest_match():
    with pytest.raises(UnknownPrefectureError, match=r"did you mean 成都市 \(Chengdu, 510100\)"):
        resolve_prefecture("Chengdo")


def test_error_is_a_value_error():
    with pytest.raises(ValueError):
        resolve_prefecture("Atlantis")


def test_county_code_names_its_prefecture():
    with pytest.raises(UnknownPrefectureError, match=r"county-level.*成都市"):
        resolve_prefecture("510104")


@pytest.mark.parametrize("value", [None, "", "重庆", 1.5, True, "5101", "<script>", "x" * 10_000])
def test_rejects_non_prefectures(value):
    with pytest.raises(UnknownPrefectureError) as err:
        resolve_prefecture(value)
    assert len(str(err.value)) < 300  # a readable message, even for huge input


def test_short_fragments_do_not_match():
    for value in ("lu", "达", "州"):
        with pytest.raises(UnknownPrefectureError):
            resolve_prefecture(value)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("武侯区", "510107"),
        ("武侯", "510107"),
        ("Wuhou District", "510107"),
        (510116, "510116"),
        ("双流", "510116"),
    ],
)
def test_counties_resolve_at_the_county_level(value, code):
    assert resolve_area(value, "county") == code


def test_a_county_name_shared_by_two_prefectures_asks_for_the_adcode():
    with pytest.raises(UnknownCountyError, match=r"511002.*511102"):
        resolve_area("市中区", "county")


def test_every_county_resolves_by_its_adcode_and_unique_name():
    counties = load_counties()
    names = counties["name_zh"].value_counts()
    for row in counties.itertuples():
        assert resolve_area(row.adcode, "county") == row.adcode
        if names[row.name_zh] == 1:
            assert resolve_area(row.name_zh, "county") == row.adcode


def test_levels_are_dispatched_and_checked():
    assert resolve_area("成都", "prefecture") == "510100"
    with pytest.raises(ValueError, match="unknown level"):
        resolve_area("成都", "village")


def test_every_county_has_an_english_name_and_huili_its_current_code():
    from geo.data.load import load_counties
    from geo.data.names import resolve_county

    counties = load_counties().set_index("adcode")
    assert len(counties) == 183 and (counties["name_en"].str.len() > 3).all()
    assert counties.loc["510105", "name_en"] == "Qingyang District"
    assert counties.loc["513402", "name_zh"] == "会理市" and "513425" not in counties.index
    assert resolve_county("513425") == resolve_county("会理") == "513402"  # its code until 2021
    assert resolve_county("Garzê") == resolve_county("甘孜县") == "513328"  # the Tibetan form too
    assert resolve_county("Shizhong District (Leshan)") == "511102"
