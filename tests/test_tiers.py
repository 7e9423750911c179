"""Sources in tiers: every value names its primary publication and how it was read; a value read
on a copy of its publication is shown, marked † wherever it appears, with one line saying what
the mark means (legend, panel, tooltip, tables, slides, deck notes)."""

from __future__ import annotations

import pytest

from geo.data.indicators import COMPUTED
from geo.data.load import TIERS, load_map_data, load_sources
from geo.data.sources import source_tier
from geo.render.deck import slide_notes
from geo.scene.build import build_scene
from geo.scene.legends import COPY_MARK, unverified
from geo.scene.view import MapView
from geo.text.i18n import t

DATA = load_map_data()
GDP_2020 = MapView(layers=("prefectures", "choropleth"), indicator="gdp", year="2020")
BAZHONG = "511900"  # its 2020 GDP was read on a reprint of The Paper's report


def test_every_bundled_value_names_its_primary_publication_and_tier():
    sources = load_sources().set_index("url", drop=False)
    rows = DATA.indicators[DATA.indicators["indicator"] != "land_area"]
    for row in rows.itertuples():
        assert source_tier(row.source) in TIERS, (row.adcode, row.indicator, row.year)
        if row.source.startswith(COMPUTED):
            continue  # its inputs are checked as rows of their own
        entry = sources.loc[row.source] if row.source in sources.index else None
        if entry is not None:  # a page: it says whom it quotes, or is the publisher's own
            assert entry["kind"] == "primary" or entry["quotes"], row.source


def test_a_computed_value_is_as_verified_as_its_least_verified_input():
    per_capita = DATA.view("gdp_per_capita", "2020").set_index("adcode")
    gdp = DATA.view("gdp", "2020").set_index("adcode")
    assert unverified(gdp.loc[BAZHONG, "source"]) and unverified(per_capita.loc[BAZHONG, "source"])
    assert source_tier(gdp.loc["510100", "source"]) == "quoted"


def _copies(view) -> int:
    return int(view["source"].dropna().map(unverified).sum())


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_legend_counts_and_explains_the_values_read_on_a_copy(lang):
    from geo.data.indicators import meta_for
    from geo.scene.classify import class_colors
    from geo.scene.legends import choropleth_legend
    from geo.text.i18n import meta_number

    view = DATA.view("gdp", "2020")
    meta = meta_for("gdp", DATA.indicator_meta, DATA.indicators)
    fmt = meta_number(meta, lang)
    classes = class_colors(view, scheme="quantiles", k=5, bins=None, palette="Blues", fmt=fmt)
    legend = choropleth_legend(view, meta, classes, lang)
    copies = _copies(view)
    assert copies >= 5  # 德阳, 乐山, 广安, 达州, 巴中 and 遂宁 were read on reprints
    assert t("copy_values", lang, n=copies, mark=COPY_MARK) in legend.notes
    assert COPY_MARK in " ".join(legend.notes)  # the sources line names the copies with the mark


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_tooltip_and_panel_mark_a_copy(lang):
    from geo.data.readings import resolve_reading
    from geo.layers.choropleth import build_choropleth_layer
    from geo.layers.markup import info_html
    from geo.plan.profile import area_profile
    from geo.scene.build import build_scene_layer
    from ui.panel import value_lines

    view = GDP_2020.__class__(**{**GDP_2020.__dict__, "lang": lang})
    layer = build_choropleth_layer(build_scene_layer(DATA, view, "choropleth"))  # the map's tooltips
    (areas,) = [c for c in layer._children.values() if hasattr(c, "data")]
    tips = {f["properties"]["adcode"]: info_html(f["properties"]["tip"]) for f in areas.data["features"]}
    tip = tips[BAZHONG]
    assert f"{COPY_MARK}" in tip and t("copy_mark", lang, mark=COPY_MARK).split(" ", 1)[1][:10] in tip
    assert COPY_MARK not in tips["510100"]  # quoted: no mark
    name = {"zh": "**地区生产总值**", "en": "**GDP**"}[lang]
    profile = area_profile(DATA, BAZHONG, resolve_reading(DATA.layout, None, DATA.seats), lang)
    lines = [x for x in value_lines(profile, lang) if x.startswith(f"- {name}") and "(2020)" in x]
    assert len(lines) == 1 and f"{COPY_MARK} (2020)" in lines[0]  # the value itself, not only its source


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_tables_carry_the_mark_and_the_tier(lang):
    from geo.tables import comparison_table

    table = comparison_table(DATA, ["gdp"], lang, years={"gdp": "2020"}).set_index(t("adcode", lang))
    source = next(c for c in table.columns if c.endswith(f"· {t('source', lang)}"))
    tier = next(c for c in table.columns if c.endswith(f"· {t('tier', lang)}"))
    assert COPY_MARK in table.loc[BAZHONG, source] and table.loc[BAZHONG, tier] == t("tier_copy", lang)
    assert COPY_MARK not in table.loc["510100", source]
    assert table.loc["510100", tier] == t("tier_quoted", lang)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_slides_and_deck_notes_mark_and_explain_a_copy(lang):
    from geo.render.static import draw_static

    view = GDP_2020.__class__(**{**GDP_2020.__dict__, "lang": lang})
    fig = draw_static(DATA, view)
    texts = " ".join(t_.get_text() for legend in fig.legends for t_ in legend.get_texts())
    texts += " ".join(t_.get_text() for t_ in fig.texts)
    line = t("copy_values", lang, n=_copies(DATA.view("gdp", "2020")), mark=COPY_MARK)
    assert "".join(line.split()) in "".join(texts.split())  # wrapped to the legend's width
    notes = slide_notes(build_scene(DATA, view))
    assert COPY_MARK in notes and t("copy_mark", lang, mark=COPY_MARK) in notes


def test_a_value_read_on_a_mirror_or_reprint_is_never_above_copy():
    """The source rule (data/README.md): a page reproducing the named publication — a mirror of
    an encyclopedia, a reprint — is a copy, whatever the publication it reproduces."""
    import pandas as pd

    from tests.conftest import ROOT

    sources = pd.read_csv(ROOT / "data" / "sources.csv", dtype=str, keep_default_na=False)
    said = sources["note_en"].str.contains("mirror|reprint", case=False) | sources["note_zh"].str.contains(
        "镜像|转载"
    )
    said |= sources["short_en"].str.contains("mirror|reprint", case=False)
    mirrors = sources[said]
    assert {"wiki-en-deyang", "wiki-en-leshan", "wiki-de-nanchong", "wiki-en-dazhou"} <= set(mirrors["id"])
    assert {"wiki-en-liangshan", "wiki-en-tianfu-new-area"} <= set(mirrors["id"])
    above = mirrors[mirrors["tier"] != "copy"]
    assert above.empty, list(above["id"])


def test_the_plan_and_the_gazetteer_are_tiered_as_what_they_are():
    sources = load_sources()
    plan = sources.loc["plan"]  # a draft for comment: no publisher, address or date
    assert plan["tier"] == "copy" and not plan["url"] and not plan["date"]
    assert "draft" in plan["short_en"] and "征求意见稿" in plan["short_zh"]
    assert "no publisher, address or date" in plan["note_en"]
    geonames = sources[sources.index.str.startswith("geonames")]
    assert len(geonames) and (geonames["tier"] != "verified").all()  # a crowd-sourced gazetteer
    assert geonames["note_en"].str.contains("not an official source").all()


def test_the_census_total_is_cited_to_the_provincial_census_bulletin():
    province = DATA.indicators.query("adcode == '510000' and indicator == 'population' and year == '2020'")
    (row,) = province.itertuples()
    assert row.value == 83674866
    entry = load_sources().set_index("url").loc[row.source]  # the page it was read on, by its address
    assert all(words in entry["quotes"] for words in ("四川省统计局", "人口普查公报", "83674866"))


def test_one_tier_rule_for_the_merge_the_preview_the_legends_and_the_plan():
    """``geo.data.tiers``: a published value replaces another at an equal or higher tier; a computed
    value is as well read as its least read input; the office's plan outcomes rank at the tier
    they were published at and win a tie only."""
    import pandas as pd

    from geo.data import tiers

    assert [tiers.replaces(new, "quoted") for new in ("verified", "quoted", "copy")] == [True, True, False]
    assert tiers.replaces("copy", "") and not tiers.replaces("", "copy")  # no known tier ranks lowest
    assert tiers.lowest(["verified", "copy", "quoted"]) == "copy" and tiers.lowest([]) == ""
    ranks = tiers.outcome_ranks(
        pd.Series(["office", "verified", "office", "quoted"]), pd.Series(["verified", None, "copy", None])
    )
    assert ranks[0] > ranks[1] > ranks[3] > ranks[2]  # office-verified wins the tie; office-copy loses
    new, old = pd.Series(["copy", "quoted", "verified"]), pd.Series(["quoted", "quoted", "copy"])
    one_by_one = [tiers.replaces(n, o) for n, o in zip(new, old, strict=True)]
    assert tiers.replaces_many(new, old).tolist() == one_by_one
