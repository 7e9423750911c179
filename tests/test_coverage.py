"""Coverage over the plan's period, and the template of exactly the missing cells: it uploads as
it is, and once filled in, its values arrive where the gaps were."""

from __future__ import annotations

import io

import openpyxl
import pytest

from geo.data.coverage import PERIOD, SUPPLIED, coverage_cells, missing_template
from geo.data.load import load_map_data
from geo.data.names import resolve_prefecture
from geo.data.sources import source_tier
from geo.uploads.read import parse_indicator_table, sheet_names

DATA = load_map_data()


def test_each_cell_is_in_one_state_as_its_row_says():
    cells = coverage_cells(DATA)
    assert len(cells) == len(cells.drop_duplicates(["indicator", "adcode", "year"]))
    assert set(cells["year"]) == set(PERIOD) and cells["adcode"].nunique() == 21
    gdp = cells[(cells["indicator"] == "gdp")].set_index(["adcode", "year"])["state"]
    assert gdp[("511900", "2020")] == "copy" and gdp[("510100", "2020")] == "quoted"
    assert gdp[("511800", "2020")] == "missing"  # Ya'an's GDP: no named publication found
    rows = DATA.indicators[
        (DATA.indicators["indicator"] == "population") & (DATA.indicators["adcode"] != "510000")
    ]
    known = {(r.adcode, r.year): source_tier(r.source) for r in rows.itertuples()}
    pop = cells[cells["indicator"] == "population"].set_index(["adcode", "year"])["state"]
    assert {k: pop[k] for k in known} == known  # the state is the row's own tier
    assert (pop.drop(list(known)) == "missing").all()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_template_holds_exactly_the_missing_cells_and_uploads_as_it_is(lang):
    raw = missing_template(DATA, lang)
    cells = coverage_cells(DATA, SUPPLIED)
    book = openpyxl.load_workbook(io.BytesIO(raw))
    blanks = set()
    for sheet in book.worksheets:
        years = [str(c.value)[:4] for c in sheet[3][1:] if c.value]
        for row in sheet.iter_rows(min_row=4):
            if not row[0].value or not isinstance(row[0].value, str):
                continue
            try:
                code = resolve_prefecture(row[0].value)
            except Exception:
                continue  # the note and source lines
            blanks |= {
                (sheet.title, code, y) for y, c in zip(years, row[1:], strict=False) if c.value is None
            }
    missing = cells[cells["state"] == "missing"]
    assert len(blanks) == len(missing)  # every gap once, nothing the app has
    for name in sheet_names(raw, "t.xlsx"):
        parse_indicator_table(raw, "t.xlsx", sheet=name)  # as it is, unfilled: no problem raised


def test_a_filled_template_brings_its_values_where_the_gaps_were():
    raw = missing_template(DATA, "zh")
    book = openpyxl.load_workbook(io.BytesIO(raw))
    sheet = book["地区生产总值"]
    filled = {}
    for row in sheet.iter_rows(min_row=4):
        name = row[0].value
        if isinstance(name, str) and name.endswith(("市", "州")):
            for cell in row[1:]:
                if cell.value is None and cell.column <= sheet.max_column:
                    cell.value = 100 + cell.row + cell.column  # the planner's numbers
                    filled[(resolve_prefecture(name), str(sheet.cell(3, cell.column).value)[:4])] = cell.value
    buf = io.BytesIO()
    book.save(buf)
    table = parse_indicator_table(buf.getvalue(), "t.xlsx", sheet="地区生产总值").data
    got = {(r.adcode, r.year): r.value for r in table.dropna(subset=["value"]).itertuples()}
    assert got == filled and set(table["unit"]) == {"亿元"}
