import pytest

from geo.names import UnknownPrefectureError, prefecture_records, resolve_prefecture


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
