"""The words of uploads and their templates in both languages (merged into
``geo.text.i18n.LABELS``)."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "upload": {"zh": "上传指标表（CSV/XLSX）", "en": "Upload an indicator table (CSV/XLSX)"},
    "upload_ok": {
        "zh": "已载入上传的指标；内置数据未改变。",
        "en": "Uploaded indicators loaded; bundled data unchanged.",
    },
    "upload_bad": {
        "zh": "上传的表无法使用，未载入任何数据：",
        "en": "The uploaded table cannot be used; nothing was loaded:",
    },
    "upload_loaded": {
        "zh": "已载入上传表中的 {n} 个指标：{names}",
        "en": "Loaded {n} indicator(s) from the uploaded table: {names}",
    },
    "upload_shown": {
        "zh": "地图现在以分级设色显示“{name}”；可在侧栏“指标”中切换。",
        "en": "The map now shows “{name}” as a choropleth; choose another under Indicator in the sidebar.",
    },
    "upload_nothing_new": {
        "zh": "上传表中的指标与本应用自带的指标完全相同，未载入新数据（详见下方说明）。",
        "en": "The uploaded table holds only the app's own indicators with the same values: nothing new was loaded (see the notes below).",
    },
    "upload_bad_side": {
        "zh": "上传的表无法使用：问题列在页面上方。",
        "en": "The uploaded table cannot be used: the problems are listed above the page.",
    },
    "tpl_area": {"zh": "地区", "en": "prefecture"},
    "tpl_indicator": {"zh": "指标", "en": "indicator"},
    "tpl_year": {"zh": "年份", "en": "year"},
    "tpl_value": {"zh": "数值", "en": "value"},
    "tpl_unit": {"zh": "单位", "en": "unit"},
    "tpl_source": {"zh": "来源", "en": "source"},
    "tpl_indicator_a": {"zh": "软件业务收入", "en": "Software revenue"},
    "tpl_unit_a": {"zh": "亿元", "en": "100 million yuan"},
    "tpl_source_a": {"zh": "示例数据，请替换", "en": "example values, replace them"},
    "tpl_year_a": {"zh": "{year}年", "en": "{year}"},
    "tpl_title": {"zh": "各市（州）软件业务收入（示例）", "en": "Software revenue by prefecture (example)"},
    "tpl_total": {"zh": "合计", "en": "total"},
    "tpl_source_label": {"zh": "资料来源：", "en": "Source: "},
    "tpl_missing_title": {"zh": "待补充的数值：{name}", "en": "Values to supply: {name}"},
    "tpl_missing_dash": {
        "zh": "注：“—”表示本应用已有该数值，无需填写；请在空白处填入数值，并在下行写明资料来源。",
        "en": "Note: “—” marks a value the app has already; fill in the blank cells and name the source below.",
    },
    "tpl_sheet_wide": {"zh": "宽表", "en": "wide"},
    "tpl_sheet_long": {"zh": "长表", "en": "long"},
    "tpl_sheet_yearbook": {"zh": "年鉴格式", "en": "yearbook"},
    "upload_sheet": {"zh": "工作表", "en": "Sheet"},
    "upload_button": {"zh": "上传", "en": "Upload"},
    "upload_hint": {"zh": "单个文件不超过 5MB · CSV、XLSX、TXT", "en": "5MB per file • CSV, XLSX, TXT"},
    "upload_notes": {"zh": "上传表的说明", "en": "Notes on the uploaded table"},
    "upload_more": {"zh": "……另有 {n} 条", "en": "... and {n} more"},
    "upload_namespace": {
        "zh": "上传的指标以“（上传）”标注，不会替换内置指标。",
        "en": "Uploaded indicators are marked “(uploaded)” and never replace bundled ones.",
    },
}
