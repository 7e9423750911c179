"""The payload corpus through every entry point: uploads (every column), the composer, the static
renderer, the command line (every text option) and the app's URL and key field.

Each payload must come out literally (escaped for its context), never be evaluated (no "49", no
marker file), and never break the page or the command.
"""

from __future__ import annotations

import csv
import io
import os
from functools import partial

import pytest
from streamlit.testing.v1 import AppTest

from geo.__main__ import main
from geo.data.load import load_map_data
from geo.export import html_document
from geo.map import build_map
from geo.scene.view import MapView
from geo.text.escape import html_text, inert_json
from geo.uploads.read import IndicatorTableError, parse_indicator_table
from tests.conftest import APP
from tests.hostile import LONG_TEXT, PAYLOADS

TEXT_PAYLOADS = {k: v for k, v in PAYLOADS.items() if k != "formula"}


def _csv(rows: list[list[str]]) -> bytes:
    buf = io.StringIO()
    csv.writer(buf).writerows(rows)
    return buf.getvalue().encode("utf-8")


def _long_table(payload: str) -> bytes:
    header = ["地区", "indicator", "year", "value", "unit", "source", "note"]
    rows = [
        [p, payload, "2020", v, payload, payload, payload]
        for p, v in (("成都", "1"), ("绵阳", "2"), ("德阳", "3"))
    ]
    return _csv([header, *rows])


@pytest.fixture(scope="module")
def data():
    return load_map_data()


@pytest.mark.parametrize("name", list(TEXT_PAYLOADS))
def test_uploaded_text_in_every_column_reaches_the_map_as_text(data, name, no_marker):
    payload = TEXT_PAYLOADS[name]
    table = parse_indicator_table(_long_table(payload), "hostile.csv").data
    assert set(table["unit"]) == {payload} and set(table["source"]) == {payload}  # kept as data
    merged = data.with_upload(table)
    view = MapView(layers=("prefectures", "choropleth"), indicator=f"upload:{payload}")
    html = html_document(partial(build_map, merged, view))
    assert "x49y" not in html
    # legend and tooltips carry it HTML-escaped inside inert JSON strings
    assert inert_json(html_text(payload)).strip('"') in html


@pytest.mark.parametrize("name", list(TEXT_PAYLOADS))
def test_published_text_reaches_every_readers_map_as_text(data, name, tmp_path, capsys, no_marker):
    """The office publishes a table whose every text is a payload: the map shows it literally."""
    from geo.office.merge import shown_data

    payload = TEXT_PAYLOADS[name]
    table = tmp_path / "hostile.csv"
    table.write_bytes(_long_table(payload))
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    assert main(["data", "--store", url, "publish", str(table), "--yes"]) == 0, capsys.readouterr().out
    shown, trouble = shown_data(data, url)
    assert trouble is None and payload in set(shown.indicators["indicator"])
    view = MapView(layers=("prefectures", "choropleth"), indicator=payload)
    html = html_document(partial(build_map, shown, view))
    assert "x49y" not in html
    assert inert_json(html_text(payload)).strip('"') in html


@pytest.mark.parametrize("name", list(TEXT_PAYLOADS))
def test_uploaded_wide_headers_are_text(name):
    payload = TEXT_PAYLOADS[name]
    table = parse_indicator_table(_csv([["地区", payload], ["成都", "1"]]), "w.csv").data
    assert table["indicator"].tolist() == [payload]


def test_hostile_prefecture_names_are_reported_not_run():
    with pytest.raises(IndicatorTableError) as err:
        parse_indicator_table(_csv([["地区", "v"], *[[p, "1"] for p in TEXT_PAYLOADS.values()]]), "p.csv")
    assert len(err.value.problems) == len(TEXT_PAYLOADS)
    assert all("unknown prefecture" in str(p) for p in err.value.problems)


@pytest.mark.parametrize("column", ["indicator", "unit", "source"])
def test_very_long_texts_are_refused_with_the_limit(column):
    row = {"indicator": "g", "unit": "u", "source": "s", column: LONG_TEXT}
    raw = _csv(
        [
            ["地区", "indicator", "value", "unit", "source"],
            ["成都", row["indicator"], "1", row["unit"], row["source"]],
        ]
    )
    with pytest.raises(IndicatorTableError) as err:
        parse_indicator_table(raw, "l.csv")
    assert "the limit is 200" in str(err.value)


def test_a_long_header_is_refused():
    with pytest.raises(IndicatorTableError, match="header is 5,000 characters long"):
        parse_indicator_table(_csv([["地区", LONG_TEXT], ["成都", "1"]]), "h.csv")


def test_uploads_never_collide_with_bundled_indicators(data):
    table = parse_indicator_table(_csv([["地区", "gdp", "land_area"], ["成都", "1", "2"]]), "c.csv").data
    merged = data.with_upload(table)
    assert merged.view("gdp")["value"].notna().sum() == data.view("gdp")["value"].notna().sum()
    assert merged.view("upload:gdp").set_index("adcode").loc["510100", "value"] == 1
    from geo.tables import comparison_table

    compared = comparison_table(merged, ["gdp", "upload:gdp"], "en")
    assert any("(uploaded)" in c for c in compared.columns) and len(compared) == 21


@pytest.mark.parametrize("name", list(TEXT_PAYLOADS))
def test_static_map_draws_hostile_titles_and_names(data, tmp_path, name, no_marker):
    from geo.render.static import render_static

    payload = TEXT_PAYLOADS[name]
    merged = data.with_upload(parse_indicator_table(_long_table(payload), "h.csv").data)
    view = MapView(title=payload, layers=("prefectures", "choropleth"), indicator=f"upload:{payload}")
    out = render_static(merged, tmp_path / "m.png", view)
    assert out.stat().st_size > 10_000


# --- command line -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(TEXT_PAYLOADS))
@pytest.mark.parametrize(
    "option",
    ["--title", "--indicator", "--reading", "--year", "--bins", "--tianditu-key", "--k", "--palette"],
)
def test_cli_text_options_never_run_or_traceback(tmp_path, capsys, name, option, no_marker):
    out = tmp_path / "m.html"
    argv = ["export", "--out", str(out), option, TEXT_PAYLOADS[name]]
    if option == "--tianditu-key":
        argv += ["--basemap", "tianditu"]
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse's own clear message for a value outside --palette's choices
        code = exc.code
    printed = capsys.readouterr()
    assert "Traceback" not in printed.out + printed.err and "failed unexpectedly" not in printed.out
    if option == "--title":  # the title is free text: the export succeeds
        assert code == 0 and "x49y" not in out.read_text(encoding="utf-8")
    else:
        assert code != 0 and not out.exists()


def test_cli_uploaded_table_with_payloads_exports(tmp_path, capsys, no_marker):
    table = tmp_path / "t.csv"
    table.write_bytes(_long_table(PAYLOADS["jinja_expr"]))
    out = tmp_path / "m.html"
    assert (
        main(["export", "--out", str(out), "--indicators", str(table), "--indicator", PAYLOADS["jinja_expr"]])
        == 0
    )
    html = out.read_text(encoding="utf-8")
    assert "x49y" not in html and inert_json(html_text(PAYLOADS["jinja_expr"])).strip('"') in html


@pytest.mark.parametrize("source", ["/dev/zero", "/dev/stdin", "fifo"])
def test_cli_refuses_special_files_before_reading(tmp_path, capsys, source):
    if source == "fifo":  # opening a named pipe would block: it must be refused from its type
        source = str(tmp_path / "pipe.csv")
        os.mkfifo(source)
    assert main(["check-indicators", source]) == 1
    assert "not a regular file" in capsys.readouterr().out
    assert main(["export", "--out", str(tmp_path / "m.html"), "--indicators", source]) == 1


def test_cli_refuses_a_big_file_by_its_size(tmp_path, capsys):
    big = tmp_path / "big.csv"
    with big.open("wb") as fh:
        fh.truncate(1 << 30)  # sparse 1 GB: instant to make, refused from its size alone
    assert main(["check-indicators", str(big)]) == 1
    assert "the limit is 5 MB" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--k", "0"], "from 2 to 7"),
        (["--k", "-5"], "from 2 to 7"),
        (["--k", "999999"], "from 2 to 7"),
        (["--indicator", "gdp", "--year", "1999"], "no data for year '1999'"),
        (
            ["--scheme", "user_defined", "--bins", "nan,1", "--indicator", "gdp"],
            "finite numbers in increasing",
        ),
        (["--scheme", "user_defined", "--bins", "5,1", "--indicator", "gdp"], "finite numbers in increasing"),
    ],
)
def test_cli_numeric_options_are_validated(tmp_path, capsys, argv, message):
    assert main(["export", "--out", str(tmp_path / "m.html"), *argv]) == 1
    assert message in capsys.readouterr().out


# --- the app: URL values and the key field -----------------------------------------------------


def _app(query: dict[str, str]) -> AppTest:
    app = AppTest.from_file(str(APP), default_timeout=90)
    for key, value in query.items():
        app.query_params[key] = value
    app.run()
    return app


@pytest.mark.parametrize(
    "query",
    [
        {"k": "999999"},
        {"k": "0"},
        {"k": "³"},
        {"bins": "nan", "scheme": "user_defined"},
        {"bins": "inf,-inf", "scheme": "user_defined"},
        {"bins": "5,-1", "scheme": "user_defined"},
        {"layers": "prefectures,evil"},
        {"lang": "xx"},
        {"reading": "Z"},
        {"indicator": "upload:nothing"},
        {"basemap": "file"},
        {"sel": "999999"},
        {"indicator2": "{{7*7}}"},
    ],
)
def test_a_crafted_link_renders_the_map_and_says_what_it_ignored(query, no_marker):
    app = _app(query)
    assert not app.exception
    assert "四川" in app.title[0].value  # the page rendered
    assert any(key in w.value for w in app.warning for key in query), [w.value for w in app.warning]


@pytest.mark.parametrize("name", list(TEXT_PAYLOADS))
def test_every_url_parameter_takes_payloads(name, no_marker):
    keys = [*MapView().to_query(), "indicator2", "sel"]
    app = _app(dict.fromkeys(keys, TEXT_PAYLOADS[name]))
    assert not app.exception and "四川" in app.title[0].value
    assert app.session_state["k"] == 5 and app.session_state["lang"] == "zh"


@pytest.mark.parametrize("name", list(TEXT_PAYLOADS))
def test_the_key_field_takes_payloads(name, no_marker):
    app = _app({"basemap": "tianditu"})
    app.text_input(key="tianditu_key").input(TEXT_PAYLOADS[name])
    app.run()
    assert not app.exception
    assert any("32" in w.value for w in app.warning)  # malformed key: said so, no basemap
