"""Rerun cost with an upload: the same file gives the same data object, so nothing is rebuilt."""

import re
import tracemalloc

from geo.data import load_map_data
from ui.uploads import data_with_upload

RAW = "地区,专利\n成都,10\n绵阳,4\n德阳,2\n".encode()


def test_the_same_upload_gives_the_same_data_object_on_every_rerun():
    bundled = load_map_data()
    first, _ = data_with_upload(bundled, RAW, "t.csv")
    assert first is not bundled and "upload:专利" in set(first.indicators["indicator"])
    assert "upload:专利" not in set(bundled.indicators["indicator"])  # the bundled data unchanged
    first.view("upload:专利")
    tracemalloc.start()
    for _ in range(200):
        again, _ = data_with_upload(bundled, RAW, "t.csv")
        assert again is first
        again.view("upload:专利")  # served from the view cache of that object
    grown = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    assert grown < 2_000_000, f"{grown} bytes kept over 200 reruns"


def test_a_refused_upload_leaves_the_bundled_data():
    bundled = load_map_data()
    data, outcome = data_with_upload(bundled, b"foo,bar\n1,2\n", "bad.csv")
    assert data is bundled and "no prefecture column" in str(outcome)


def _outcome_app(lang: str):
    from geo.upload import IndicatorTableError, parse_indicator_table
    from ui.uploads import show_outcome

    try:
        parse_indicator_table("地区,GDP\nChengdo,1\n绵阳,abc\n绵阳,abc\n".encode(), "x.csv")
    except IndicatorTableError as exc:
        show_outcome(exc, lang, None)


def test_upload_problems_are_listed_once_each_in_the_readers_language():
    from streamlit.testing.v1 import AppTest

    zh = AppTest.from_function(_outcome_app, args=("zh",)).run()
    text = zh.main.code[0].value  # in the main area, where long lines wrap
    assert "单元格 A2" in text and "未知市州 'Chengdo'" in text and "不是数字" in text
    assert "单元格 B3" in text  # the cell as the spreadsheet names it
    # no English beyond the user's own text (quoted) and names given in both languages
    rest = re.sub(r"'[^']*'|\([A-Za-z' ]+, \d{6}\)", "", text)
    assert not re.search("[A-Za-z]{2,}", rest), rest
    assert text.count("'abc'") == 2  # rows 3 and 4: two problems, each once
    en = AppTest.from_function(_outcome_app, args=("en",)).run()
    assert "cell A2: unknown prefecture 'Chengdo'" in en.main.code[0].value


def test_every_message_has_both_languages_with_the_same_placeholders():
    import string

    from geo.messages import MESSAGES

    for code, texts in MESSAGES.items():
        fields = {
            lang: {f[1] for f in string.Formatter().parse(text) if f[1]} for lang, text in texts.items()
        }
        assert set(texts) == {"zh", "en"} and fields["zh"] == fields["en"], code
