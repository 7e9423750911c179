"""Upload validation: encodings, formats, value parsing, every error path, and any bytes at all."""

import io

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.uploads.read import (
    MAX_BYTES,
    IndicatorTable,
    IndicatorTableError,
    parse_indicator_table,
    parse_value,
)

WIDE = '地区,GDP,人口\n成都市,17716.7,20937757\n德阳,"2,404.1",3456161\nLiangshan,—,4858359\n'


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_encodings(encoding):
    table = parse_indicator_table(WIDE.encode(encoding), "x.csv")
    d = table.data.set_index(["adcode", "indicator"])["value"]
    assert d[("510100", "GDP")] == 17716.7 and d[("510600", "GDP")] == 2404.1
    assert pd.isna(d[("513400", "GDP")]) and d[("513400", "人口")] == 4858359


def test_xlsx_wide():
    buf = io.BytesIO()
    pd.DataFrame({"城市": ["成都", "510700"], "score": ["12.5%", "3"], "year": ["2021", "2021"]}).to_excel(
        buf, index=False
    )
    table = parse_indicator_table(buf.getvalue(), "t.xlsx")
    row = table.data.iloc[0]
    assert (row.adcode, row.indicator, row.year, row.value, row.unit) == (
        "510100",
        "score",
        "2021",
        12.5,
        "%",
    )


def test_long_format_with_units_and_sources():
    raw = (
        "adcode,indicator,year,value,unit,source\n"
        "510100,gdp,2020,17716.7,亿元,bulletin\n510300,gdp,2020,1458.4,亿元,b\n"
    )
    data = parse_indicator_table(raw.encode(), "l.csv").data
    assert list(data.columns) == ["adcode", "indicator", "year", "value", "unit", "source", "note"]
    assert data["source"].tolist() == ["bulletin", "b"] and data["unit"].tolist() == ["亿元", "亿元"]


def test_wide_headers_that_look_like_long_columns():
    # a wide table whose value column is called 值 ("value") is still wide, not long
    data = parse_indicator_table("城市,值\n成都,1\n".encode("gb18030"), "x.csv").data
    assert data[["adcode", "indicator", "value"]].values.tolist() == [["510100", "值", 1.0]]


def test_missing_markers_become_notes():
    table = parse_indicator_table(WIDE.encode(), "x.csv")
    assert any(n.row == 4 and n.code == "no_value" and "missing" in str(n) for n in table.notes)
    assert "year not given" in table.summary() or "not given" in table.summary()


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("1,234", 1234.0, None),
        ("12.5%", 12.5, "%"),
        (" 7 ", 7.0, None),
        ("-3.5e2", -350.0, None),
        ("１２３", 123.0, None),
        ("—", None, None),
        ("", None, None),
        ("n/a", None, None),
    ],
)
def test_parse_value(text, value, unit):
    assert parse_value(text) == (value, unit)


@pytest.mark.parametrize("text", ["abc", "1.2.3", "inf", "nan%", "12,5.x", "1e999"])
def test_parse_value_rejects(text):
    with pytest.raises(ValueError):
        parse_value(text)


def _problems(raw: bytes, name="x.csv") -> list[str]:
    with pytest.raises(IndicatorTableError) as err:
        parse_indicator_table(raw, name)
    return [str(p) for p in err.value.problems]


def test_every_problem_is_reported_by_row_and_column():
    raw = "地区,GDP\nChengdo,1\n绵阳,abc\n德阳,2\n,3\n".encode()
    problems = _problems(raw)
    assert problems[0].startswith("cell A2: unknown prefecture 'Chengdo': did you mean 成都市")
    assert problems[1] == "cell B3: 'abc' is not a number (use digits such as 1234.5, 1,234 or 12.5%)"
    assert problems[2].startswith("cell A5")
    assert len(problems) == 3


@pytest.mark.parametrize(
    ("raw", "name", "expected"),
    [
        (b"", "x.csv", "the table is empty"),
        (b"\n\n,,\n", "x.csv", "the table is empty"),
        (b"\xff\xfe\x00\x81\x30", "x.csv", "neither UTF-8 nor GBK"),
        (b"not a zip", "x.xlsx", "could not read the file as an Excel workbook"),
        (b"foo,bar\n1,2\n", "x.csv", "no prefecture column"),
        ("地区\n成都\n".encode(), "x.csv", "needs a prefecture column and at least one value column"),
        ("地区,a,A\n成都,1,2\n".encode(), "x.csv", "same header"),
        (
            "adcode,indicator,year,value\n510100,g,2020,1\n成都,g,2020,2\n".encode(),
            "x.csv",
            "more than one value",
        ),
        (b"adcode,indicator,year,value\n510100,g,20x0,1\n", "x.csv", "is not a year"),
    ],
)
def test_error_paths(raw, name, expected):
    assert any(expected in p for p in _problems(raw, name))


def test_huge_file_is_refused_before_parsing():
    assert "the limit is 5 MB" in _problems(b"x" * (MAX_BYTES + 1))[0]


def test_hostile_text_is_kept_as_data_not_interpreted():
    raw = '地区,"<img src=x onerror=alert(1)>"\n成都,1\n'.encode()
    data = parse_indicator_table(raw, "x.csv").data
    assert data["indicator"].iloc[0] == "<img src=x onerror=alert(1)>"  # escaped where it is shown


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000), st.sampled_from(["a.csv", "a.xlsx", "a.txt"]))
def test_any_bytes_give_a_table_or_our_error(raw, name):
    try:
        assert isinstance(parse_indicator_table(raw, name), IndicatorTable)
    except IndicatorTableError as exc:
        assert exc.problems


_cell = st.one_of(
    st.text(max_size=12), st.sampled_from(["成都", "510100", "Chengdu", "1,234", "12%", "—", ""])
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.lists(_cell, min_size=2, max_size=4), min_size=1, max_size=6),
    st.sampled_from(["utf-8", "gb18030"]),
)
def test_any_csv_text_gives_a_table_or_our_error(rows, encoding):
    text = "\n".join(",".join('"' + c.replace('"', '""') + '"' for c in row) for row in rows)
    try:
        table = parse_indicator_table(text.encode(encoding, errors="replace"), "t.csv")
        assert table.data["adcode"].str.fullmatch(r"51\d{4}").all()
    except IndicatorTableError as exc:
        assert exc.problems


def test_streamlit_upload_limit_matches_ours():
    import tomllib

    from tests.conftest import ROOT

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] * 1024 * 1024 == MAX_BYTES
