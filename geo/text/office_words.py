"""The words of the office's store: the publish command's preview, questions and answers, the
store's states and the app's notes about it, in both languages (merged into
``geo.text.i18n.LABELS``)."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "store_missing": {
        "zh": "找不到设定的数据库（GEO_STORE），地图只显示随附数据。",
        "en": "The data store set in GEO_STORE was not found; the maps show the bundled data only.",
    },
    "store_locked": {
        "zh": "数据库正被其他程序锁定，地图暂时只显示随附数据；请稍后刷新。",
        "en": "The data store is locked by another program; the maps show the bundled data only for now. Reload in a moment.",
    },
    "store_damaged": {
        "zh": "数据库已损坏，地图只显示随附数据；请管理员从导出文件恢复。",
        "en": "The data store is damaged; the maps show the bundled data only. An operator can restore it from an export.",
    },
    "store_foreign": {
        "zh": "设定的数据库不是本应用的数据库，地图只显示随附数据。",
        "en": "The data store set is not one of this application; the maps show the bundled data only.",
    },
    "store_newer": {
        "zh": "数据库由更新版本的应用写入，本版本无法读取；地图只显示随附数据。请升级应用。",
        "en": "The data store was written by a newer version of this application; the maps show the bundled data only. Upgrade the application.",
    },
    "store_setting": {
        "zh": "数据库设定（GEO_STORE）不是有效的路径或网址，地图只显示随附数据；详情见服务器日志。",
        "en": "The data store setting (GEO_STORE) is not a valid path or URL; the maps show the bundled data only (details in the server log).",
    },
    "store_unreachable": {
        "zh": "无法连接数据库服务器，地图暂时只显示随附数据；详情见服务器日志。",
        "en": "The data store's server cannot be reached; the maps show the bundled data only for now (details in the server log).",
    },
    "store_unusable": {
        "zh": "无法读取数据库，地图只显示随附数据；详情见服务器日志。",
        "en": "The data store cannot be read; the maps show the bundled data only (details in the server log).",
    },
    "office_source": {"zh": "本办公室{date}发布", "en": "published by the office on {date}"},
    "office_source_text": {
        "zh": "本办公室{date}发布：{text}",
        "en": "published by the office on {date}: {text}",
    },
    "pv_counts": {
        "zh": "新增 {added} 个数值，修改 {changed} 个，保留 {kept} 个（现有数值核实程度更高），{same} 个不变；{level}",
        "en": "{added} new cell(s), {changed} changed, {kept} not overwritten (a higher tier is shown), "
        "{same} unchanged; {level}",
    },
    "pv_level_prefecture": {"zh": "市（州）级", "en": "prefecture level"},
    "pv_level_county": {"zh": "县（市、区）级", "en": "county level"},
    "pv_level_province": {"zh": "全省级", "en": "province level"},
    "pv_year_title": {
        "zh": "未注明年份的列按表格标题取 {year} 年",
        "en": "columns without a year of their own: {year}, read from the table's title",
    },
    "pv_year_sheet": {
        "zh": "未注明年份的列按工作表名取 {year} 年",
        "en": "columns without a year of their own: {year}, read from the sheet's name",
    },
    "pv_year_file": {
        "zh": "未注明年份的列按文件名取 {year} 年",
        "en": "columns without a year of their own: {year}, read from the file's name",
    },
    "pv_year_given": {
        "zh": "未注明年份的列按指定年份（--year）取 {year} 年",
        "en": "columns without a year of their own: {year}, as given (--year)",
    },
    "pv_cell": {"zh": "{area} · {indicator} · {year}年：", "en": "{area} · {indicator} · {year}: "},
    "pv_read": {"zh": "来源：{source} · {tier}", "en": "source: {source} · {tier}"},
    "pv_new": {"zh": "（新增）", "en": "(new)"},
    "pv_same_value": {"zh": "（数值相同；{old} → {new}）", "en": "(the same value; {old} → {new})"},
    "pv_kept": {
        "zh": "保留 {shown}（{shown_tier}）；本表的 {new} 为{tier}",
        "en": "kept {shown} ({shown_tier}); the table's {new} is {tier}",
    },
    "pv_more": {"zh": "  … 另有 {n} 个", "en": "  … and {n} more"},
    "pv_note": {"zh": "说明：{text}", "en": "note: {text}"},
    "pv_left_out": {"zh": "不发布的列：{column} —— {why}", "en": "column left out: {column} — {why}"},
    "pv_out_no_year": {
        "zh": "没有年份：每个发布的数值都需要年份（列标题、表格标题、工作表名、文件名或 --year）",
        "en": "no year: every published value needs a year (in the column's header, the title, the "
        "sheet's or the file's name, or --year)",
    },
    "pv_out_growth": {
        "zh": "增长率：本应用由数值自行计算增长",
        "en": "a growth rate: the app computes growth from the values",
    },
    "pv_out_text": {"zh": "文字而非数字", "en": "text, not numbers"},
    "pv_out_computed": {
        "zh": "由本应用计算：请发布用于计算它的数值",
        "en": "computed by the app: publish the values it is computed from",
    },
    "pv_other_level": {
        "zh": "{indicator} 此前以另一层级发布；本表为{level}",
        "en": "{indicator} was published before at another level; this table is {level}",
    },
    "pv_empty": {"zh": "{n} 个空单元格未发布", "en": "{n} empty cell(s) left out"},
    "pv_unit_taken": {
        "zh": "{indicator}：未给出单位，按该指标的单位 {unit} 计",
        "en": "{indicator}: no unit given; taken as {unit}, the indicator's unit",
    },
    "pv_unit_converted": {
        "zh": "{indicator}：以 {unit} 表示的数值已换算为 {want}",
        "en": "{indicator}: values in {unit} converted to {want}",
    },
    "pv_unit_wrong": {
        "zh": "{indicator} 的单位为 {unit}，但该指标以 {want} 计",
        "en": "{indicator} is given in {unit}, but it is measured in {want}",
    },
    "pv_tier": {"zh": "核实程度须为 {tiers} 之一", "en": "tier must be one of {tiers}"},
    "pv_refused": {"zh": "未发布任何数值：", "en": "nothing was published:"},
    "pv_nothing_left": {
        "zh": "本表没有可发布的列：{columns}",
        "en": "no column of the table can be published: {columns}",
    },
    "pv_no_source": {
        "zh": "{n} 个数值没有来源：请在表中加来源列或“资料来源”脚注，或用 --source 给出",
        "en": "{n} value(s) have no source: add a source column or a 资料来源 footnote to the table, "
        "or give --source",
    },
    "pv_area": {"zh": "{name}（{code}）", "en": "{name} ({en}, {code})"},
    "pv_name_en": {"zh": "{zh}（英文名 {en}）", "en": "{en} ({zh})"},
    "cli_bad_year": {
        "zh": "--year {year!r} 不是年份（例如 2024）；未发布任何数值",
        "en": "--year {year!r} is not a year (e.g. 2024); nothing was published",
    },
    "cli_unreadable": {
        "zh": "{file}：{n} 个问题；未发布任何数值：",
        "en": "{file}: {n} problem(s); nothing was published:",
    },
    "cli_sheet": {"zh": "工作表 {sheet}", "en": "sheet {sheet}"},
    "cli_nothing_to_publish": {"zh": "没有需要发布的数值", "en": "nothing to publish"},
    "cli_nothing_published": {"zh": "未发布任何数值", "en": "nothing was published"},
    "cli_publish_q": {
        "zh": "以 {operator} 的名义发布 {n} 个数值？",
        "en": "publish {n} cell(s) as {operator}?",
    },
    "cli_left_out_q": {
        "zh": "上面列出的 {n} 列不发布，其余照发。",
        "en": "the {n} column(s) listed above are left out, the rest published: ",
    },
    "cli_published": {
        "zh": "已发布为第 {pub} 次发布：{n} 个数值",
        "en": "published as publication {pub}: {n} cell(s)",
    },
    "cli_not_asked": {
        "zh": "{question} —— 未询问（没有终端）：加 --yes 重新运行以继续",
        "en": "{question} — not asked (no terminal): run again with --yes to go ahead",
    },
    "cli_many": {"zh": "本次发布改动的数值很多", "en": "this publish changes many cells"},
    "cli_other_level": {
        "zh": "本次发布的层级与此前不同",
        "en": "this publish changes values at another level than before",
    },
    "cli_confirm_large": {
        "zh": "{why}：加 --yes --confirm-large 重新运行以继续",
        "en": "{why}: run again with --yes --confirm-large to go ahead",
    },
    "cli_type_count": {
        "zh": "{why}：请输入数值个数（{n}）以确认：",
        "en": "{why}: type the number of cells ({n}) to confirm: ",
    },
    "cli_source_q": {
        "zh": "本表未注明来源。请给出数值的来源（出版物、表号或网页）: ",
        "en": "The table names no source. Give the values' source (publication, table or page): ",
    },
    "cli_name_en_q": {
        "zh": "“{name}”是新指标。请给出英文名（留空：英文界面显示原名并注明）: ",
        "en": "{name!r} is new to the app. Its English name (empty: the office's name is shown, said to be so): ",
    },
    "office_values": {
        "zh": "其中 {n} 个数值由本办公室发布。",
        "en": "{n} value(s) published by the office.",
    },
    "office_name_only": {
        "zh": "{name}",
        "en": "{name} (office's name, no English given)",
    },
}
