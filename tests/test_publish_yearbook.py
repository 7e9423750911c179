"""Publishing as a statistics office does it (``python -m geo data publish``): yearbook tables as
they come (the year in the title, the sheet's name or the file's name; a growth column beside the
values; no source named), a preview in the operator's language, and the published values shown
right. The tables are written here as an office writes them (csv writer, openpyxl, GBK); the
oracles are the values as written into them."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from geo.data.load import load_map_data
from geo.data.names import prefecture_records
from geo.office import store
from geo.office.merge import shown_data
from geo.scene.build import build_scene_layer
from geo.scene.view import MapView
from geo.text.i18n import t
from tests.test_store import _answer, _run, value

PREFS = list(prefecture_records().values())
# 数据企业数 as an office writes them: one decimal where its count is an average, 118.5 for 阿坝州
COUNTS = {rec.adcode: float(100 + i) + (0.5 if i % 2 else 0.0) for i, rec in enumerate(PREFS)}
TITLE = "2024年各市（州）数据企业数"
SOURCE = "四川省大数据中心《2024年数据企业统计》表3"


def _rows(values: dict[str, float]) -> list[list[object]]:
    return [[rec.name_zh, values[rec.adcode]] for rec in PREFS]


def yearbook_csv(*, title: str = TITLE, source: str | None = SOURCE, encoding: str = "utf-8",
                 header=("地区", "数据企业数（家）"), extra: list | None = None) -> bytes:  # fmt: skip
    """A yearbook table as an office saves it from its spreadsheet: a title row, the header, 21
    rows, the 资料来源 footnote (``extra``: a further column's cells, one per row)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if title:
        writer.writerow([title])
    writer.writerow(header)
    for i, row in enumerate(_rows(COUNTS)):
        writer.writerow(row + ([extra[i]] if extra else []))
    if source:
        writer.writerow([f"资料来源：{source}"])
    return out.getvalue().encode(encoding)


def yearbook_xlsx(*, title: str = TITLE, sheet: str = "表3", header: str = "数据企业数（家）") -> bytes:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    if title:
        ws.append([title])
        ws.merge_cells("A1:B1")
    ws.append(["地区", header])
    for row in _rows(COUNTS):
        ws.append(row)
    ws.append([f"资料来源：{SOURCE}"])
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def publish_file(url: str, path, raw: bytes, *args: str) -> tuple[int, str]:
    path.write_bytes(raw)
    return _run(["data", "--store", url, "publish", str(path), *args])


def published(url: str):
    with store.reading(url) as conn:
        return store.published(conn)


def _check_published(url: str, year: str) -> None:
    rows = published(url).set_index("adcode")
    assert len(rows) == 21 and set(rows["year"]) == {year} and set(rows["indicator"]) == {"数据企业数"}
    assert rows["value"].to_dict() == COUNTS  # as written into the table, 118.5 with its decimal
    assert set(rows["source_text"]) == {SOURCE} and set(rows["unit"]) == {"家"}


@pytest.mark.parametrize(
    ("name", "raw"),
    [
        ("数据企业数.csv", yearbook_csv()),
        ("数据企业数.csv", yearbook_csv(encoding="gbk")),
        ("数据企业数.xlsx", yearbook_xlsx()),
    ],
    ids=["csv", "gbk", "xlsx"],
)
def test_a_yearbook_table_with_its_year_in_the_title_is_published(store_url, tmp_path, name, raw):
    code, out = publish_file(store_url, tmp_path / name, raw, "--yes")
    assert code == 0, out
    assert "2024, read from the table's title" in out
    _check_published(store_url, "2024")


def test_the_year_is_read_from_the_sheet_then_the_file_name_or_given(tmp_path):
    url = f"sqlite:///{tmp_path / 'a.sqlite'}"
    code, out = publish_file(
        url, tmp_path / "t.xlsx", yearbook_xlsx(title="各市（州）数据企业数", sheet="2023年"), "--yes"
    )
    assert code == 0 and "2023, read from the sheet's name" in out, out
    _check_published(url, "2023")
    url = f"sqlite:///{tmp_path / 'b.sqlite'}"
    code, out = publish_file(url, tmp_path / "数据企业数_2022.csv", yearbook_csv(title=""), "--yes")
    assert code == 0 and "2022, read from the file's name" in out, out
    _check_published(url, "2022")
    url = f"sqlite:///{tmp_path / 'c.sqlite'}"
    code, out = publish_file(url, tmp_path / "数据企业数_2022.csv", yearbook_csv(), "--yes", "--year", "2021")
    assert code == 0 and "2021, as given (--year)" in out, out
    _check_published(url, "2021")
    code, out = publish_file(url, tmp_path / "x.csv", yearbook_csv(), "--yes", "--year", "二〇二一")
    assert code == 1 and "is not a year" in out and "Traceback" not in out


def test_a_yearbook_title_of_a_yearbook_is_not_the_values_year(tmp_path):
    """ "四川统计年鉴2024" holds 2023's values: a year without 年 after it is not taken from a title."""
    url = f"sqlite:///{tmp_path / 'a.sqlite'}"
    code, out = publish_file(url, tmp_path / "t.csv", yearbook_csv(title="四川统计年鉴2024 表3"), "--yes")
    assert code == 1 and "no year" in out and "B 数据企业数（家）" in out, out
    assert not (tmp_path / "a.sqlite").exists()


def test_a_growth_column_is_named_and_left_out_the_rest_published(store_url, tmp_path):
    growth = [f"{i * 1.5:.1f}" for i in range(21)]
    raw = yearbook_csv(title="", header=("地区", "2024年数据企业数（家）", "比上年增长（%）"), extra=growth)
    code, out = publish_file(store_url, tmp_path / "t.csv", raw, "--yes")
    assert code == 0, out
    assert "column left out: C 比上年增长（%） — a growth rate" in out
    _check_published(store_url, "2024")  # the values, and nothing of the growth column


def test_a_text_column_is_named_and_left_out(tmp_path):
    url = f"sqlite:///{tmp_path / 's.sqlite'}"
    remarks = ["含天府新区" if i % 3 else "—" for i in range(21)]
    raw = yearbook_csv(header=("地区", "数据企业数（家）", "统计口径"), extra=remarks)
    code, out = publish_file(url, tmp_path / "t.csv", raw, "--yes")
    assert code == 0 and "column left out: C 统计口径 — text, not numbers" in out, out
    _check_published(url, "2024")


def test_the_operator_answers_no_to_leaving_columns_out_and_nothing_is_written(tmp_path):
    url = f"sqlite:///{tmp_path / 's.sqlite'}"
    path = tmp_path / "t.csv"
    path.write_bytes(yearbook_csv(header=("地区", "数据企业数（家）", "比上年增长（%）"), extra=["1.0"] * 21))
    out = _answer(["data", "--store", url, "publish", str(path), "--lang", "zh"], ["", "n"])
    assert (
        "不发布的列：C 比上年增长（%）" in out and "上面列出的 1 列不发布" in out and "未发布任何数值" in out
    )
    assert not (tmp_path / "s.sqlite").exists()


def test_a_table_without_a_source_asks_for_one_at_a_terminal(tmp_path):
    url = f"sqlite:///{tmp_path / 's.sqlite'}"
    path = tmp_path / "t.csv"
    path.write_bytes(yearbook_csv(source=None, encoding="gbk"))
    out = _answer(["data", "--store", url, "publish", str(path), "--lang", "zh"], ["", "n"])
    assert (
        "本表未注明来源" in out and "没有来源" in out and "未发布任何数值" in out
    )  # no source given: refused
    assert not (tmp_path / "s.sqlite").exists()
    typed = "省统计局《2024年四川统计年鉴》表3-12"
    out = _answer(["data", "--store", url, "publish", str(path)], [typed, "Data enterprises", "y"])
    assert "published as publication 1" in out, out
    rows = published(url)
    assert set(rows["source_text"]) == {typed} and set(rows["name_en"]) == {"Data enterprises"}
    code, out = publish_file(url, tmp_path / "u.csv", yearbook_csv(source=None), "--yes")  # no terminal
    assert code == 1 and "have no source" in out and "--source" in out


def test_the_preview_is_in_the_operators_language_with_names_codes_sources_and_tiers(tmp_path):
    url = f"sqlite:///{tmp_path / 's.sqlite'}"
    raw = (
        "2024年各市（州）软件业务收入\n市（州）,软件业务收入（亿元）\n阿坝州,118.5\n资料来源：省经信厅快报\n"
    )
    path = tmp_path / "t.csv"
    path.write_text(raw, encoding="utf-8")
    code, out = _run(["data", "--store", url, "publish", str(path), "--lang", "zh", "--tier", "quoted"])
    assert code == 1  # no terminal: not asked, nothing written
    line = next(x for x in out.splitlines() if "118.5" in x)
    assert "阿坝州（513200）" in line and "软件业务收入" in line and "2024年" in line
    assert "省经信厅快报" in line and t("tier_quoted", "zh") in line and t("pv_new", "zh") in line
    assert "Aba" not in out and "software_business_revenue" not in out and "prefecture" not in out
    code, out = _run(["data", "--store", url, "publish", str(path), "--lang", "en"])
    line = next(x for x in out.splitlines() if "118.5" in x)
    assert "阿坝州 (Aba" in line and "513200)" in line and "Software-business revenue" in line
    assert "software_business_revenue" not in out


def test_an_indicator_without_an_english_name_says_the_name_is_the_offices(tmp_path):
    url = f"sqlite:///{tmp_path / 's.sqlite'}"
    code, out = publish_file(url, tmp_path / "t.csv", yearbook_csv(), "--yes")
    assert code == 0 and "数据企业数 (office's name, no English given)" in out
    data, trouble = shown_data(load_map_data(), url)
    assert trouble is None
    assert data.meta("数据企业数")["name_en"] == "数据企业数 (office's name, no English given)"
    assert data.meta("数据企业数")["name_zh"] == "数据企业数"
    code, out = publish_file(
        url, tmp_path / "t.csv", yearbook_csv(), "--yes", "--name-en", "Data enterprises"
    )
    data, _ = shown_data(load_map_data(), url)
    assert code == 0 and data.meta("数据企业数")["name_en"] == "Data enterprises"


ABA_118_5 = "2024年各市（州）软件业务收入\n市（州）,软件业务收入（亿元）\n{rows}\n资料来源：省经信厅快报\n"


def _revenue_table() -> tuple[str, dict[str, float]]:
    values = {rec.adcode: 100.0 + i + 0.5 for i, rec in enumerate(PREFS)}
    values["513200"] = 118.5
    rows = "\n".join(f"{rec.name_zh},{values[rec.adcode]}" for rec in PREFS)
    return ABA_118_5.format(rows=rows), values


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_published_values_are_shown_right_in_the_legend_and_the_panel(tmp_path, lang):
    from geo.data.readings import resolve_reading
    from geo.plan.profile import area_profile
    from ui.panel import value_lines

    url = f"sqlite:///{tmp_path / 's.sqlite'}"
    text, _ = _revenue_table()
    (tmp_path / "t.csv").write_text(text, encoding="utf-8")
    assert _run(["data", "--store", url, "publish", str(tmp_path / "t.csv"), "--yes"])[0] == 0
    data, _ = shown_data(load_map_data(), url)
    view = data.view("software_business_revenue", "2024")
    assert view["value"].notna().sum() == 21
    meta = data.meta("software_business_revenue")
    shown = MapView(layers=("prefectures", "choropleth"), indicator="software_business_revenue", year="2024",
                    lang=lang)  # fmt: skip
    notes = " ".join(build_scene_layer(data, shown, "choropleth").legend.notes)
    assert meta[f"note_{lang}"] not in notes  # "仅有全省数据。" under a 21-prefecture map
    assert t("office_values", lang, n=21) in notes
    profile = area_profile(data, "513200", resolve_reading(data.layout, None, data.seats), lang)
    (line,) = [x for x in value_lines(profile, lang) if "2024" in x]
    assert ("118.5 亿元" if lang == "zh" else "11.85 billion yuan") in line


def test_the_history_lists_what_a_revert_reverts_as_a_number(tmp_path):
    url = f"sqlite:///{tmp_path / 's.sqlite'}"
    assert publish_file(url, tmp_path / "t.csv", yearbook_csv(), "--yes")[0] == 0
    assert _run(["data", "--store", url, "revert", "1", "--yes"])[0] == 0
    code, out = _run(["data", "--store", url, "history"])
    assert code == 0 and "reverts 1;" in out and "1.0" not in out


def test_a_bundled_value_changes_after_a_publish_at_an_equal_tier_and_not_at_a_lower(tmp_path):
    """End to end through the one tier rule (``geo.data.tiers``): what the app reads changes."""
    url = f"sqlite:///{tmp_path / 's.sqlite'}"
    before = load_map_data().indicators
    assert value(before, "510100", "gdp", "2020")["value"] == 17717  # quoted
    table = "市（州）,2020年地区生产总值（亿元）\n成都市,17716.7\n资料来源：成都市2020年统计公报\n"
    (tmp_path / "t.csv").write_text(table, encoding="utf-8")
    assert (
        _run(["data", "--store", url, "publish", str(tmp_path / "t.csv"), "--yes", "--tier", "copy"])[0] == 0
    )
    assert not store.exists(url)  # nothing to publish: the bundled, better-read value stays
    assert (
        _run(["data", "--store", url, "publish", str(tmp_path / "t.csv"), "--yes", "--tier", "quoted"])[0]
        == 0
    )
    data, _ = shown_data(load_map_data(), url)
    assert value(data.indicators, "510100", "gdp", "2020")["value"] == 17716.7
    per_capita = value(data.indicators, "510100", "gdp_per_capita", "2020")["value"]  # derived again
    assert per_capita == pytest.approx(
        value(before, "510100", "gdp_per_capita", "2020")["value"] * 17716.7 / 17717
    )


def test_an_export_made_before_english_names_were_kept_restores(tmp_path):
    url = f"sqlite:///{tmp_path / 's.sqlite'}"
    args = ("--yes", "--name-en", "Data enterprises")
    assert publish_file(url, tmp_path / "t.csv", yearbook_csv(), *args)[0] == 0
    assert _run(["data", "--store", url, "export", str(tmp_path / "backup")])[0] == 0
    names = tmp_path / "backup" / "indicator_names.csv"
    assert "Data enterprises" in names.read_text(encoding="utf-8")
    names.unlink()  # as an export of the version before wrote it
    new = f"sqlite:///{tmp_path / 'new.sqlite'}"
    code, out = _run(["data", "--store", new, "restore", str(tmp_path / "backup")])
    assert code == 0 and "restored 21 published value(s)" in out, out
    assert published(new)["value"].to_dict() == published(url)["value"].to_dict()


def test_a_column_without_a_year_takes_none_from_its_neighbour():
    """Only the title, the sheet, the file or --year give a column its year, never the column
    read before it in the row above."""
    from geo.uploads.read import parse_indicator_table

    raw = "地区,数据企业数（家）,2023年软件园区数（个）\n成都市,1204,12\n绵阳市,96,3\n资料来源：x\n"
    table = parse_indicator_table(raw.encode("gbk"), "园区.csv").data
    assert table.loc[table["indicator"] == "数据企业数", "year"].tolist() == ["", ""]
    assert table.loc[table["indicator"] == "软件园区数", "year"].tolist() == ["2023", "2023"]
