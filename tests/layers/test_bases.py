from geo.data.load import load_bases
from geo.layers.bases import build_bases_layer
from geo.layers.elements import LineSet, MarkerSet
from tests.layers.helpers import legend_html, of_type, popups_html, scene_layer


def _layer(lang="zh"):
    return build_bases_layer(scene_layer("bases", lang=lang))


def test_five_distinct_symbols_in_chengdu():
    layer = _layer("en")
    (marker_set,) = of_type(layer, MarkerSet)
    assert len(marker_set.markers) == 5
    symbols = {tuple(marker_set.icons[m["icon"]]) for m in marker_set.markers}
    assert len(symbols) == 5  # five different shape/colour symbols
    assert layer.layer_name == "Five industry bases"


def test_links_to_parks_are_dashed_and_labelled_interpretation():
    bases = load_bases()
    layer = _layer("en")
    lines = [d for s in of_type(layer, LineSet) for d in s.drawn()]
    n_links = sum(len([p for p in b.split(";") if p]) for b in bases["linked_parks"])
    assert len(lines) == n_links
    assert all(style.get("dashArray") for _, style, _ in lines)
    assert all("interpretation" in tip for _, _, tip in lines)


def test_popup_and_legend_say_the_plan_places_bases_in_chengdu():
    layer = _layer("zh")
    assert all("专栏5" in p for p in popups_html(layer))
    assert "成都" in legend_html(layer) and "示意" in legend_html(layer)
