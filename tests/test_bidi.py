"""Bidirectional controls in a name ("收入\\u202eslx.exe", which a reader would see as
"收入exe.xls") are neutralised wherever the name is shown: the map and its legend, the panel and
the page, the exports (HTML, SVG with its text, deck, CSV) and the command line's output. The
oracle is the list of controls written out from the Unicode standard, not the code's own list."""

from __future__ import annotations

import contextlib
import io
import zipfile
from functools import partial

import pytest

from geo.__main__ import main
from geo.text.escape import (
    formula_safe,
    html_text,
    inert_json,
    markdown_text,
    no_bidi,
    plain_text,
    shown_cell,
)

# U+202A-U+202E embeddings and overrides, U+2066-U+2069 isolates, U+200E/U+200F marks, U+061C
CONTROLS = [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C)]
NAME = "收入\u202eslx.exe"
SHOWN = "收入slx.exe"


def _controls_in(text: str) -> list[str]:
    """The controls in ``text``, written as characters or as HTML/XML/JSON references."""
    found = [c for c in CONTROLS if c in text]
    for c in CONTROLS:
        code = ord(c)
        refs = (f"&#{code};", f"&#x{code:x};", f"&#x{code:X};", f"\\u{code:04x}", f"\\u{code:04X}")
        found += [r for r in refs if r in text]
    return found


@pytest.mark.parametrize(
    "escape",
    [html_text, markdown_text, plain_text, no_bidi, shown_cell, lambda v: inert_json({"name": v})],
    ids=["html", "markdown", "plain", "no_bidi", "spreadsheet", "json"],
)
def test_every_escape_drops_every_bidirectional_control(escape):
    for control in CONTROLS:
        out = escape(f"收入{control}slx.exe")
        assert not _controls_in(out), (control, out)
        assert "收入" in out and "exe" in out


def test_a_backup_keeps_every_character():
    assert formula_safe(NAME) == NAME  # the store's export is restored character for character


def _run(argv: list[str]) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(argv)
    return code, out.getvalue()


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """A store where the office published an indicator named ``NAME`` with a source like it;
    the command line's output of the publish and of the history."""
    folder = tmp_path_factory.mktemp("bidi")
    table = folder / f"{NAME}.csv"
    text = f"市（州）,2024年{NAME}（亿元）\n成都市,12\n绵阳市,3\n资料来源：公报{NAME}\n"
    table.write_text(text, encoding="utf-8")
    url = f"sqlite:///{folder / 'store.sqlite'}"
    code, out = _run(["data", "--store", url, "publish", str(table), "--yes", "--operator", f"张{NAME}"])
    assert code == 0, out
    code, history = _run(["data", "--store", url, "history"])
    assert code == 0, history
    return url, out + history


def test_the_command_line_prints_names_in_the_order_they_are_written(published):
    _, out = published
    assert SHOWN in out and not _controls_in(out), out


def test_a_published_name_is_shown_in_its_order_on_the_map_and_in_every_export(published, tmp_path):
    from geo.data.load import load_map_data
    from geo.export import html_document
    from geo.map import build_map
    from geo.office.merge import shown_data
    from geo.render.deck import write_deck
    from geo.render.static import render_static
    from geo.scene.build import build_scene
    from geo.scene.view import MapView
    from geo.tables import comparison_table, to_csv_bytes

    url, _ = published
    data, trouble = shown_data(load_map_data(), url)
    assert trouble is None and NAME in set(data.indicators["indicator"])  # the data keep it whole
    view = MapView(layers=("prefectures", "choropleth"), indicator=NAME, title=NAME)
    page = html_document(partial(build_map, data, view))  # the map, its legend and tooltips
    assert html_text(SHOWN) in page and not _controls_in(page)
    svg = render_static(data, tmp_path / "m.svg", view, svg_text=True).read_text(encoding="utf-8")
    assert not _controls_in(svg)
    deck = write_deck([build_scene(data, view)], tmp_path / "d.pptx")
    with zipfile.ZipFile(deck) as parts:
        xml = "".join(parts.read(n).decode("utf-8") for n in parts.namelist() if n.endswith(".xml"))
    assert SHOWN in xml and not _controls_in(xml)
    csv = to_csv_bytes(comparison_table(data, [NAME], "zh")).decode("utf-8-sig")
    assert SHOWN in csv and not _controls_in(csv)


def test_an_uploaded_name_is_shown_in_its_order_in_the_app():
    from streamlit.testing.v1 import AppTest

    from tests.conftest import APP
    from tests.test_app import map_payload

    at = AppTest.from_file(str(APP), default_timeout=120).run()
    raw = f"地区,{NAME}（亿元）\n成都,5\n绵阳,2\n资料来源：{NAME}\n".encode()
    at.file_uploader(key="upload").set_value((f"{NAME}.csv", raw, "text/csv"))
    at.run()
    assert not at.exception, at.exception
    shown = [e.value for e in (*at.success, *at.caption, *at.markdown)]
    shown += list(at.selectbox(key="indicator").options)
    assert any(SHOWN in s for s in shown), shown
    assert not [s for s in shown if _controls_in(s)]
    payload = map_payload(at)
    assert not _controls_in(payload)
