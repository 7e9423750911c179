"""The words of change maps, the timeline and the series view in both languages (merged into
``geo.i18n.LABELS``)."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "measure": {"zh": "变化量度", "en": "Measure of change"},
    "measure_percent": {"zh": "增长率（%）", "en": "percent change"},
    "measure_absolute": {"zh": "增加量", "en": "absolute change"},
    "measure_cagr": {"zh": "年均复合增长率（%/年）", "en": "compound annual growth (% a year)"},
    "measure_unit_percent": {"zh": "%", "en": "%"},
    "measure_unit_cagr": {"zh": "%/年", "en": "% a year"},
    "centre": {"zh": "色彩中心", "en": "Colours centred on"},
    "centre_zero": {"zh": "零（无变化）", "en": "zero (no change)"},
    "centre_province": {"zh": "全省的变化", "en": "the province's own change"},
    "centre_note_zero": {
        "zh": "颜色以零为中心：冷色为增长，暖色为下降。",
        "en": "Colours centred on zero: cool for a rise, warm for a fall.",
    },
    "centre_note_province": {
        "zh": "颜色以全省变化（{value}）为中心：冷色快于全省，暖色慢于全省。",
        "en": "Colours centred on the province's change ({value}): cool for faster, warm for slower.",
    },
    "centre_note_no_province": {
        "zh": "全省在这两年没有同口径的合计，颜色以零为中心。",
        "en": "The province has no totals for both years on the same basis: colours centred on zero.",
    },
    "change_mode": {"zh": "显示两年之间的变化", "en": "Show the change between two years"},
    "change_from": {"zh": "起始年", "en": "From"},
    "change_to": {"zh": "结束年", "en": "To"},
    "title_change": {
        "zh": "{start}—{end}年各市（州）{name}{measure}",
        "en": "{name} by prefecture: {measure}, {start}–{end}",
    },
    "title_change_county": {
        "zh": "{start}—{end}年各县（市、区）{name}{measure}",
        "en": "{name} by county: {measure}, {start}–{end}",
    },
    "change_value": {"zh": "变化", "en": "Change"},
    "change_start": {"zh": "起点（{year}年）", "en": "Start ({year})"},
    "change_end": {"zh": "终点（{year}年）", "en": "End ({year})"},
    "change_tier": {"zh": "核实程度", "en": "Tier"},
    "change_break": {"zh": "口径变化，不作比较（{n}）", "en": "Series break: not compared ({n})"},
    "change_missing": {"zh": "缺少其中一年（{n}）", "en": "One year missing ({n})"},
    "change_break_tip": {"zh": "口径变化，不作比较", "en": "Series break: not compared"},
    "change_missing_start": {"zh": "{year}年无数据", "en": "No value for {year}"},
    "change_missing_end": {"zh": "{year}年无数据", "en": "No value for {year}"},
    "change_years_note": {"zh": "比较年份：{start}年与{end}年", "en": "Years compared: {start} and {end}"},
    "change_coverage": {
        "zh": "{total}个地区中{n}个两年均有同口径数据",
        "en": "{n} of {total} areas have both years on the same basis",
    },
    "change_coverage_prefecture": {
        "zh": "21个市（州）中{n}个两年均有同口径数据",
        "en": "{n} of 21 prefectures have both years on the same basis",
    },
    "change_breaks_note": {
        "zh": "{n}个地区两年均有数据但口径不同（斜线）：{reason}",
        "en": "{n} areas have both years on different bases (hatched): {reason}",
    },
    "change_fastest": {
        "zh": "{start}—{end}年{name}增长最快：{value}（{coverage}）",
        "en": "Fastest growth {start}–{end}: {name}, {value} ({coverage})",
    },
    "change_none": {
        "zh": "{start}—{end}年没有地区两年均有同口径数据（{coverage}）。",
        "en": "No area has both {start} and {end} on the same basis ({coverage}).",
    },
    "change_offer": {
        "zh": "同口径数据最多的两年：{start}—{end}年（{n}个地区）",
        "en": "The pair of years with the most areas on the same basis: {start}–{end} ({n} areas)",
    },
    "change_use_offer": {"zh": "改用{start}—{end}年", "en": "Use {start}–{end}"},
    "change_answer": {"zh": "增长最快", "en": "Fastest growth"},
    "alt_change": {
        "zh": "{high}变化最大，{high_value}；{low}最小，{low_value}",
        "en": "{high} changed most at {high_value}; {low} least at {low_value}",
    },
    # the series view (geo.series, ui.series)
    "series_tab": {"zh": "历年变化", "en": "Over the years"},
    "series_title": {"zh": "各市（州）{name}，{start}—{end}年", "en": "{name} by prefecture, {start}–{end}"},
    "series_province": {"zh": "全省", "en": "Sichuan (province)"},
    "series_selected": {"zh": "选中：{name}", "en": "Selected: {name}"},
    "series_missing_years": {"zh": "无数据的年份：{years}", "en": "Years without values: {years}"},
    "series_open": {"zh": "查看历年变化与排名", "en": "See every prefecture over the years"},
    "rank_table": {"zh": "排名表", "en": "Rank table"},
    "col_area": {"zh": "地区", "en": "Area"},
    "col_value": {"zh": "数值", "en": "Value"},
    "col_year": {"zh": "年份", "en": "Year"},
    "col_rank": {"zh": "排名", "en": "Rank"},
    "col_change": {"zh": "变化", "en": "Change"},
    "col_rank_change": {"zh": "排名变化", "en": "Change in rank"},
    "col_start": {"zh": "起点值", "en": "Start value"},
    "col_end": {"zh": "终点值", "en": "End value"},
    "col_start_tier": {"zh": "起点核实程度", "en": "Start tier"},
    "col_end_tier": {"zh": "终点核实程度", "en": "End tier"},
    "col_status": {"zh": "状态", "en": "Status"},
    "col_source": {"zh": "来源", "en": "Source"},
    "status_ok": {"zh": "同口径", "en": "same basis"},
    "status_break": {"zh": "口径变化", "en": "series break"},
    "status_no_start": {"zh": "缺起始年", "en": "start missing"},
    "status_no_end": {"zh": "缺结束年", "en": "end missing"},
    "status_no_both": {"zh": "两年均缺", "en": "both missing"},
    "download_series_csv": {"zh": "下载排名表（CSV）", "en": "Download the rank table (CSV)"},
    "download_series_xlsx": {"zh": "下载排名表（XLSX）", "en": "Download the rank table (XLSX)"},
    # the timeline
    "timeline": {"zh": "年份", "en": "Year"},
    "timeline_play": {"zh": "播放", "en": "Play"},
    "timeline_pause": {"zh": "暂停", "en": "Pause"},
    "timeline_skipped": {
        "zh": "无数据而跳过的年份：{years}",
        "en": "Years skipped for want of values: {years}",
    },
}
