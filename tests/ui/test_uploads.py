"""Rerun cost with an upload: the same file gives the same data object, so nothing is rebuilt."""

import re
import tracemalloc

from geo.data.load import load_map_data
from ui.uploads import data_with_upload

RAW = "地区,专利\n成都,10\n绵阳,4\n德阳,2\n".encode()


def test_the_same_upload_gives_the_same_data_object_on_every_rerun():
    bundled = load_map_data()
    first, _ = data_with_upload(bundled, RAW, "t.csv", store_state=("", 0))
    assert first is not bundled and "upload:专利" in set(first.indicators["indicator"])
    assert "upload:专利" not in set(bundled.indicators["indicator"])  # the bundled data unchanged
    first.view("upload:专利")
    tracemalloc.start()
    for _ in range(200):
        again, _ = data_with_upload(bundled, RAW, "t.csv", store_state=("", 0))
        assert again is first
        again.view("upload:专利")  # served from the view cache of that object
    grown = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    assert grown < 2_000_000, f"{grown} bytes kept over 200 reruns"


def test_a_refused_upload_leaves_the_bundled_data():
    bundled = load_map_data()
    data, outcome = data_with_upload(bundled, b"foo,bar\n1,2\n", "bad.csv", store_state=("", 0))
    assert data is bundled and "no prefecture column" in str(outcome)


def _outcome_app(lang: str):
    from geo.uploads.read import IndicatorTableError, parse_indicator_table
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

    from geo.text.messages import MESSAGES

    for code, texts in MESSAGES.items():
        fields = {
            lang: {f[1] for f in string.Formatter().parse(text) if f[1]} for lang, text in texts.items()
        }
        assert set(texts) == {"zh", "en"} and fields["zh"] == fields["en"], code


PARKS = "市（州）,2024年软件园区数（个）\n成都市,12\n绵阳市,3\n资料来源：省经信厅园区名录（2024）\n"


def _session_with_upload(raw: bytes):
    """A new reader's session of the app that uploads ``raw``; its indicator choices."""
    from streamlit.testing.v1 import AppTest

    from tests.conftest import APP

    at = AppTest.from_file(str(APP), default_timeout=120).run()
    assert not at.exception, at.exception
    at.file_uploader(key="upload").set_value(("专利.csv", raw, "text/csv"))
    at.run()
    assert not at.exception, at.exception
    return " | ".join(at.selectbox(key="indicator").options)


def test_an_upload_shows_what_the_office_published_since_the_same_file_was_uploaded(tmp_path, monkeypatch):
    """The upload's merge is keyed on the store's state too: a colleague uploading a file
    someone uploaded before a publication sees the publication."""
    import contextlib
    import io

    from geo.__main__ import main

    store = str(tmp_path / "store.sqlite")
    monkeypatch.setenv("GEO_STORE", store)
    raw = "地区,专利授权数（件）\n成都,1010\n绵阳,404\n".encode()  # this test's own content
    before = _session_with_upload(raw)
    assert "专利授权数" in before and "软件园区数" not in before
    (tmp_path / "parks.csv").write_text(PARKS, encoding="utf-8")
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["data", "--store", store, "publish", str(tmp_path / "parks.csv"), "--yes"]) == 0
    after = _session_with_upload(raw)
    assert "专利授权数" in after and "软件园区数" in after, after


def test_a_workbook_upload_is_read_once_for_its_sheets_and_its_table(monkeypatch):
    """One confined read per upload: a hostile workbook costs one budget (geo.uploads.confined), not one
    for its sheet names and another for its table. Choosing another sheet reads that one."""
    import io

    import openpyxl
    from streamlit.testing.v1 import AppTest

    import geo.uploads.read
    from tests.conftest import APP

    calls = []
    real = geo.uploads.read.run_confined

    def counted(func, *args, **kwargs):
        calls.append(func.__name__)
        return real(func, *args, **kwargs)

    monkeypatch.setattr(geo.uploads.read, "run_confined", counted)
    book = openpyxl.Workbook()
    book.active.title = "数据"
    for row in (["地区", "一读指标"], ["成都", 7], ["绵阳", 3]):
        book.active.append(row)
    other = book.create_sheet("其他")
    for row in (["地区", "二读指标"], ["成都", 1]):
        other.append(row)
    buf = io.BytesIO()
    book.save(buf)
    at = AppTest.from_file(str(APP), default_timeout=120).run()
    at.file_uploader(key="upload").set_value(("两表.xlsx", buf.getvalue(), "application/octet-stream"))
    at.run()
    assert not at.exception, at.exception
    assert len(calls) == 1, calls
    assert at.selectbox(key="upload_sheet").options == ["数据", "其他"]
    assert any("一读指标" in option for option in at.selectbox(key="indicator").options)
    at.selectbox(key="upload_sheet").set_value("其他")
    at.run()
    assert not at.exception, at.exception
    assert len(calls) == 2 and any("二读指标" in o for o in at.selectbox(key="indicator").options)


def test_a_busy_answer_is_not_kept_for_the_next_upload_of_the_file(monkeypatch):
    """ "Busy" says the machine was busy, not the file: the next rerun reads it again."""
    import geo.uploads.read
    from geo.uploads.confined import ConfinedError

    real = geo.uploads.read.run_confined
    answers = iter([ConfinedError("busy")])

    def busy_once(func, *args, **kwargs):
        answer = next(answers, None)
        if answer is not None:
            raise answer
        return real(func, *args, **kwargs)

    monkeypatch.setattr(geo.uploads.read, "run_confined", busy_once)
    raw = "地区,忙时指标\n成都,3\n".encode()
    bundled = load_map_data()
    _, first = data_with_upload(bundled, raw, "busy.csv", store_state=("", 0))
    assert [p.code for p in first.problems] == ["busy"]
    data, again = data_with_upload(bundled, raw, "busy.csv", store_state=("", 0))
    assert "upload:忙时指标" in set(data.indicators["indicator"]), again
