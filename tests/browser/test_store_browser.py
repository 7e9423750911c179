"""The office's published figures in the served app (network cut): a colleague's link to a
published indicator opens with it, a new publication shows without a restart, and a damaged
store leaves the bundled maps with a warning."""

from __future__ import annotations

import contextlib
import io

import pytest

from deploy.local import serve_app
from geo.__main__ import main
from geo.text.i18n import t
from tests.browser.conftest import map_frame
from tests.browser.test_app_browser import legend_frame, legend_text

PARKS = "市（州）,2024年软件园区数（个）\n成都市,12\n绵阳市,3\n德阳市,2\n资料来源：省经信厅园区名录（2024）\n"
PARKS_2025 = "市（州）,2025年软件园区数（个）\n成都市,13\n绵阳市,4\n资料来源：省经信厅园区名录（2025）\n"


def _publish(store: str, path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["data", "--store", store, "publish", str(path), "--yes"]) == 0, out.getvalue()


@pytest.fixture
def store_file(tmp_path):
    path = tmp_path / "office" / "store.sqlite"
    _publish(str(path), tmp_path / "parks.csv", PARKS)
    return path


def test_a_link_to_a_published_indicator_opens_for_a_colleague(offline_page, store_file, tmp_path):
    page = offline_page
    with serve_app({"GEO_STORE": str(store_file)}) as url:
        page.goto(f"{url}/?lang=zh&indicator=软件园区数&layers=prefectures,choropleth")
        frame = legend_frame(page, "软件园区数")
        text = legend_text(frame)
        assert "2024" in text and "本办公室" in text and "省经信厅园区名录（2024）" in text
        assert page.get_by_text("链接中的以下设置无效").count() == 0  # the link is not "invalid"
        _publish(str(store_file), tmp_path / "parks2025.csv", PARKS_2025)  # while the app runs
        page.goto(f"{url}/?lang=zh&indicator=软件园区数&year=2025&layers=prefectures,choropleth")
        frame = legend_frame(page, "2025")
        assert "省经信厅园区名录（2025）" in legend_text(frame)
        assert page.get_by_text("链接中的以下设置无效").count() == 0
    assert page.blocked.urls == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_damaged_store_leaves_the_bundled_maps_with_a_warning(offline_page, tmp_path, lang):
    page = offline_page
    broken = tmp_path / "store.sqlite"
    broken.write_bytes(b"this is not a database" * 200)
    with serve_app({"GEO_STORE": str(broken)}) as url:
        page.goto(f"{url}/?lang={lang}&layers=prefectures,choropleth&indicator=gdp")
        page.get_by_text(t("store_damaged", lang)).wait_for(timeout=60_000)
        map_frame(page, 21)  # the map is there, drawn from the bundled data
        legend_frame(page, t("source", lang))
        assert page.get_by_text("Traceback").count() == 0


# The writer of a publish of ~10^5 cells (bench.store_publish) that stops at its commit, holding
# the write lock with every row written, until the test lets it commit (a line on its stdin).
_HOLDING_WRITER = r"""
import sys
import sqlalchemy as sa
from bench.store_publish import big_table, publish

@sa.event.listens_for(sa.engine.Engine, "commit")
def commit(conn):
    print("holding", flush=True)
    sys.stdin.readline()

out = publish(sys.argv[1], big_table(), operator="big")
print("done", out["cells"], flush=True)
"""


def test_the_app_opens_with_the_last_published_state_while_a_large_publish_writes(offline_page, store_file):
    import subprocess
    import sys
    from pathlib import Path

    from geo.office import store

    page = offline_page
    root = Path(__file__).resolve().parents[2]
    writer = subprocess.Popen([sys.executable, "-c", _HOLDING_WRITER, str(store_file)], cwd=root, text=True,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE)  # fmt: skip
    try:
        assert writer.stdout.readline().strip() == "holding"  # 10^5 rows written, not committed
        with serve_app({"GEO_STORE": str(store_file)}) as url:
            page.goto(f"{url}/?lang=zh&indicator=软件园区数&layers=prefectures,choropleth")
            text = legend_text(legend_frame(page, "软件园区数"))
            assert "2024" in text and "本办公室" in text  # the last published state, at once
            for code in ("locked", "unusable", "damaged"):
                assert page.get_by_text(t(f"store_{code}", "zh")).count() == 0
            assert writer.poll() is None  # the writer held the lock all along
        writer.stdin.write("commit\n")
        writer.stdin.flush()
        assert writer.stdout.readline().split()[0] == "done" and writer.wait(timeout=120) == 0
    finally:
        writer.kill()
        writer.wait()
    with store.reading(f"sqlite:///{store_file}") as conn:
        assert store.stamp(conn) == 2


# 软件业务收入 as a provincial office publishes it: 21 prefectures (阿坝州 118.5, one decimal as
# written) and the province's total, the year in the title only.
REVENUE_2024 = (
    "2024年各市（州）软件业务收入\n市（州）,软件业务收入（亿元）\n"
    + "".join(f"{name},{value}\n" for name, value in [
        ("成都市", "5903.2"), ("自贡市", "20.4"), ("攀枝花市", "12.7"), ("泸州市", "31.6"),
        ("德阳市", "60.3"),
        ("绵阳市", "180.9"), ("广元市", "8.1"), ("遂宁市", "15.2"), ("内江市", "9.8"), ("乐山市", "14.4"),
        ("南充市", "22.5"), ("眉山市", "11.3"), ("宜宾市", "40.2"), ("广安市", "7.6"), ("达州市", "10.9"),
        ("雅安市", "19.7"), ("巴中市", "4.2"), ("资阳市", "3.9"), ("阿坝州", "118.5"), ("甘孜州", "2.1"),
        ("凉山州", "6.3"), ("全省", "6503.8"),
    ])
    + "资料来源：四川省经济和信息化厅《2024年全省软件业统计快报》\n"
)  # fmt: skip
FIRMS_2024 = (
    "2024年各市（州）数据企业数\n地区,数据企业数（家）\n成都市,1204\n绵阳市,96\n资料来源：省大数据中心\n"
)
SHOWN = {  # what a reader sees, as written into the table (118.5; 11.85 billion yuan in English)
    "zh": {"aba": "118.5 亿元", "office": "本办公室发布", "province": "6,504"},
    "en": {"aba": "11.85 billion yuan", "office": "published by the office", "province": "650.4"},
}


@pytest.fixture
def revenue_store(tmp_path):
    path = tmp_path / "office" / "store.sqlite"
    _publish(str(path), tmp_path / "revenue.csv", REVENUE_2024)
    _publish(str(path), tmp_path / "firms.csv", FIRMS_2024)
    return path


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_published_value_reads_right_in_the_legend_the_panel_and_the_plan_chart(
    offline_page, revenue_store, lang
):
    from geo.data.load import load_indicator_meta

    page = offline_page
    meta = load_indicator_meta().set_index("id").loc["software_business_revenue"]
    shown = SHOWN[lang]
    with serve_app({"GEO_STORE": str(revenue_store)}) as url:
        page.goto(f"{url}/?lang={lang}&indicator=software_business_revenue&year=2024"
                  "&layers=prefectures,choropleth&sel=513200")  # fmt: skip
        text = legend_text(legend_frame(page, t("office_values", lang, n=21)))
        assert meta[f"note_{lang}"] not in text  # "仅有全省数据。" under 21 prefectures
        assert "2024" in text and "《2024年全省软件业统计快报》" in text
        panel = page.locator('[data-testid="stMain"]')
        panel.get_by_text(shown["aba"]).first.wait_for(timeout=60_000)  # not "118 亿元"
        page.goto(f"{url}/?lang={lang}&indicator=数据企业数&layers=prefectures,choropleth")
        text = legend_text(legend_frame(page, "1,204"))
        name = "数据企业数" if lang == "zh" else "数据企业数 (office's name, no English given)"
        assert name in text
        page.goto(f"{url}/plan?lang={lang}")
        chart = page.locator('[data-testid="stVegaLiteChart"] svg').first
        chart.wait_for(timeout=90_000)
        page.wait_for_function(
            "t => [...document.querySelectorAll('[data-testid=stVegaLiteChart] svg text')]"
            ".some(e => e.textContent === t)",
            arg=shown["office"],
            timeout=60_000,
        )
        words = page.evaluate(  # SVG text has no innerText: its textContent
            "[...document.querySelectorAll('[data-testid=stVegaLiteChart] svg text')].map(e => e.textContent)"
        )
        assert shown["office"] in words and t("plan_series_reported", lang) not in words
        assert shown["province"] in words  # the office's 2024 total, labelled on the chart
    assert page.blocked.urls == []
