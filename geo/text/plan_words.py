"""The Plan page's words in both languages (merged into ``geo.text.i18n.LABELS``; kept here so the
scorecard's vocabulary reads in one place)."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "plan_link": {"zh": "可比依据", "en": "Why it is (not) compared"},
    "plan_settle": {"zh": "可由哪项发布确定", "en": "What would settle it"},
    "link_same_basis": {"zh": "同口径", "en": "same basis"},
    "link_plan_derivation": {"zh": "按规划自身的推算", "en": "the plan's own derivation"},
    "link_not_comparable": {"zh": "不可比", "en": "not comparable"},
    "plan_rate_value": {"zh": "年均 {rate}%（{start}–{end}年）", "en": "{rate} % a year ({start}–{end})"},
    "tier_plan": {"zh": "规划（征求意见稿）", "en": "the plan (draft for comment)"},
    "tier_sep": {"zh": "；", "en": "; "},
    "plan_sort": {"zh": "排序", "en": "Sort by"},
    "plan_sort_plan": {"zh": "规划中的顺序", "en": "the plan's order"},
    "plan_sort_status": {"zh": "状态", "en": "status"},
    "plan_sort_share": {"zh": "达成目标 %（从低到高）", "en": "share of target % (lowest first)"},
    "plan_sort_way": {"zh": "基数至目标完成 %（从低到高）", "en": "share of the way % (lowest first)"},
    "plan_all_columns": {"zh": "显示全部列", "en": "Show every column"},
    "plan_shown": {"zh": "显示 {n} / {total} 个目标", "en": "{n} of {total} targets shown"},
    "plan_unit": {"zh": "单位", "en": "Unit"},
    "plan_series_path_value": {"zh": "匀速增长路径", "en": "Constant-growth path"},
    "plan_status_group": {"zh": "状态：{status}（{n} 个目标）", "en": "Status: {status} ({n} targets)"},
    "plan_status_group_part": {
        "zh": "状态：{status}（{n} 个目标，第 {i}/{parts} 页）",
        "en": "Status: {status} ({n} targets, part {i} of {parts})",
    },
    "plan_short_target": {"zh": "达成 %", "en": "Of target %"},
    "plan_short_way": {"zh": "进程 %", "en": "Of the way %"},
    "plan_short_latest": {"zh": "最新值", "en": "Latest"},
    "plan_count": {"zh": "目标数", "en": "Targets"},
    "plan_unit_rate": {"zh": "%/年", "en": "% a year"},
    "plan_share_target_pct": {"zh": "达成目标（%）", "en": "Share of target (%)"},
    "plan_share_way_pct": {"zh": "基数至目标完成（%）", "en": "Share of the way from baseline (%)"},
    "plan_x_latest": {"zh": "最新报道值（单位见“单位”列）", "en": "Latest value reported (in Unit)"},
    "plan_x_required": {
        "zh": "按匀速增长当年应达（单位见“单位”列）",
        "en": "Required by that year (in Unit)",
    },
    "plan_x_comparator": {"zh": "目标比较符", "en": "Target comparator"},
    "plan_x_target": {"zh": "2025 年目标（单位见“单位”列）", "en": "Target for 2025 (in Unit)"},
    "plan_x_baseline": {"zh": "2020 年基数（单位见“单位”列）", "en": "Baseline 2020 (in Unit)"},
    "plan_deck_title": {
        "zh": "四川软件“十四五”规划：目标完成情况",
        "en": "Sichuan's software plan 2021–2025: how far it got",
    },
}
