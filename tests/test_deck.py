"""A PowerPoint deck a presenter can open as it is: a title slide, one full-slide map per view,
the full sources and plan sections in the notes."""

from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from geo.__main__ import main


def test_a_deck_has_a_title_slide_then_one_map_per_indicator_with_sources_in_the_notes(tmp_path, capsys):
    out = tmp_path / "deck.pptx"
    args = [
        "export",
        "--out",
        str(out),
        "--lang",
        "en",
        "--slides",
        "gdp,population",
        "--layers",
        "prefectures,parks",
    ]
    assert main(args) == 0
    deck = Presentation(str(out))
    slides = list(deck.slides)
    assert len(slides) == 3 and "Sichuan" in slides[0].shapes.title.text
    title = slides[0].shapes.title  # placed on this slide's shape, not the 4:3 template's
    assert title.left + title.width <= deck.slide_width and title.width > deck.slide_width * 0.8
    assert 0 < title.top < deck.slide_height / 2
    titles = ["GDP by prefecture, 2020", "Resident population by prefecture, 2020"]
    for slide, expected in zip(slides[1:], titles, strict=True):
        assert " ".join(slide.shapes.title.text_frame.text.split()) == expected  # the view's own title
        assert slide.shapes.title.top + slide.shapes.title.height <= deck.slide_height * 0.15
        (picture,) = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert picture.width == deck.slide_width  # the map fills the slide below its title
        assert picture.top >= slide.shapes.title.top + slide.shapes.title.height
        assert abs(picture.top + picture.height - deck.slide_height) <= 12700  # to the foot (1 pt)
        assert picture._element.nvPicPr.cNvPr.get("descr").startswith(expected + ". ")  # alt text
    notes = [s.notes_slide.notes_text_frame.text for s in slides[1:]]
    assert "GDP" in notes[0] and "http://appweb.scpublic.cn" in notes[0]  # the full address, in the notes
    assert "Resident population" in notes[1] and "Box 5" in notes[1]  # the plan sections behind the parks


def test_a_deck_with_an_unknown_indicator_says_which(tmp_path, capsys):
    out = tmp_path / "deck.pptx"
    assert main(["export", "--out", str(out), "--slides", "gdp,nonsense"]) == 1
    assert "nonsense" in capsys.readouterr().out and not out.exists()


def test_all_in_a_list_of_slides_means_each_view_once(tmp_path):
    out = tmp_path / "deck.pptx"
    assert main(["export", "--out", str(out), "--lang", "en", "--slides", "gdp,all,scorecard"]) == 0
    titles = [
        " ".join(s.shapes.title.text_frame.text.split()) for s in list(Presentation(str(out)).slides)[1:]
    ]
    assert titles[0] == "GDP by prefecture, 2020" and len(titles) == len(set(titles)) > 3
    assert titles.count("Scorecard: how far the plan got") == 1
