"""What we tell the user about a table or a name, in both languages.

A problem is a code and its parameters (``geo.uploads.table_file.Problem``); the words live here, so the
app shows every message in the reader's language and the command line in English. Parameters
are the user's own text and numbers: the caller shows the result as plain text.
"""

from __future__ import annotations

import re

MESSAGES: dict[str, dict[str, str]] = {
    # reading the file (geo.uploads.table_file)
    "not_text": {
        "en": "the file is neither UTF-8 nor GBK/GB18030 text: save it as 'CSV UTF-8' or as .xlsx",
        "zh": "文件既不是 UTF-8 也不是 GBK/GB18030 文本：请另存为“CSV UTF-8”或 .xlsx",
    },
    "xlsx_unreadable": {
        "en": "could not read the file as an Excel workbook (.xlsx): check its format",
        "zh": "无法作为 Excel 工作簿（.xlsx）读取：请检查文件格式",
    },
    "xlsx_parts": {
        "en": "the workbook has {n} parts; the limit is {limit}",
        "zh": "工作簿包含 {n} 个部件，上限为 {limit}",
    },
    "xlsx_bomb": {
        "en": "the workbook's part {part!r} expands to {mb:.0f} MB ({ratio:.0f}× its compressed size): "
        "refused as a possible decompression bomb; save the sheet again or as CSV",
        "zh": "工作簿部件 {part!r} 解压后达 {mb:.0f} MB（压缩大小的 {ratio:.0f} 倍），疑为解压炸弹，已拒绝；"
        "请重新保存工作表或另存为 CSV",
    },
    "xlsx_part_big": {
        "en": "the workbook's part {part!r} expands to {mb:.0f} MB; the limit is {limit:.0f} MB: "
        "keep the rows and columns the map needs, or save as CSV",
        "zh": "工作簿部件 {part!r} 解压后达 {mb:.0f} MB，上限为 {limit:.0f} MB："
        "请只保留地图需要的行和列，或另存为 CSV",
    },
    "xlsx_big": {
        "en": "the workbook expands to {mb:.0f} MB; the limit is {limit:.0f} MB",
        "zh": "工作簿解压后达 {mb:.0f} MB，上限为 {limit:.0f} MB",
    },
    "xlsx_damaged": {
        "en": "the workbook is damaged (a part does not match its checksum or size)",
        "zh": "工作簿已损坏（某个部件与其校验和或大小不符）",
    },
    "xlsx_dtd": {
        "en": "the workbook contains XML document type (entity) declarations, which are refused: "
        "save it again from Excel or LibreOffice",
        "zh": "工作簿含有 XML 文档类型（实体）声明，已拒绝：请用 Excel 或 LibreOffice 重新保存",
    },
    "xlsx_encoding": {
        "en": "the workbook's part {part!r} is XML in the {encoding} encoding, which spreadsheets do not "
        "write: save it again from Excel or LibreOffice",
        "zh": "工作簿部件 {part!r} 是 {encoding} 编码的 XML，电子表格软件不会写出这种编码："
        "请用 Excel 或 LibreOffice 重新保存",
    },
    "xlsx_styles": {
        "en": "the workbook declares {n:,} cell formats; Excel itself allows {limit:,}: "
        "refused as a possible attack; save the sheet again or as CSV",
        "zh": "工作簿声明了 {n:,} 种单元格格式，而 Excel 本身最多允许 {limit:,} 种，疑为攻击文件，已拒绝；"
        "请重新保存工作表或另存为 CSV",
    },
    "too_complex": {
        "en": "this file is too large or too complex to read within the limits of one upload "
        "({seconds:g} s, {mb} MB): keep the rows and columns the map needs, or save it as CSV",
        "zh": "文件过大或过于复杂，无法在单次上传的限度内读取（{seconds:g} 秒、{mb} MB）："
        "请只保留地图需要的行和列，或另存为 CSV",
    },
    "too_complex_csv": {
        "en": "this file is too large or too complex to read within the limits of one upload "
        "({seconds:g} s, {mb} MB): keep the rows and columns the map needs, or split it",
        "zh": "文件过大或过于复杂，无法在单次上传的限度内读取（{seconds:g} 秒、{mb} MB）："
        "请只保留地图需要的行和列，或拆分文件",
    },
    "busy": {
        "en": "the server is reading other files just now: try again in a moment",
        "zh": "服务器正在读取其他文件，请稍后再试",
    },
    "too_large": {
        "en": "the table is too large (more than {rows:,} rows, {columns} columns or {cells:,} cells): "
        "split it or keep the rows and columns the map needs",
        "zh": "表格过大（超过 {rows:,} 行、{columns} 列或 {cells:,} 个单元格）："
        "请拆分，或只保留地图需要的行和列",
    },
    "csv_unreadable": {
        "en": "could not read the file as a CSV table: a cell is longer than the CSV reader allows "
        "(131,072 characters) or its quotes are unbalanced",
        "zh": "无法作为 CSV 表格读取：某个单元格超过 CSV 读取器允许的长度（131,072 个字符），或引号不成对",
    },
    "no_sheet": {"en": "the workbook has no sheet {sheet!r}", "zh": "工作簿中没有名为 {sheet!r} 的工作表"},
    "empty": {
        "en": "the table is empty: it needs a header row and data rows",
        "zh": "表格为空：需要一行表头和若干数据行",
    },
    "not_regular_file": {"en": "{path} is not a regular file", "zh": "{path} 不是普通文件"},
    "file_big": {
        "en": "the file is {mb:.1f} MB; the limit is {limit:.0f} MB",
        "zh": "文件大小 {mb:.1f} MB，上限为 {limit:.0f} MB",
    },
    "file_unreadable": {"en": "cannot read the file ({reason})", "zh": "无法读取文件（{reason}）"},
    "file_grew": {
        "en": "the file is larger than the limit of {limit:.0f} MB",
        "zh": "文件超过 {limit:.0f} MB 的上限",
    },
    # interpreting the table (geo.uploads.read)
    "header_long": {
        "en": "the header is {n:,} characters long; the limit is {limit}",
        "zh": "表头长 {n:,} 个字符，上限为 {limit}",
    },
    "shape": {
        "en": "the table needs a prefecture column and at least one value column, with a header row",
        "zh": "表格需要表头行、一个市州列和至少一个数值列",
    },
    "no_area_column": {
        "en": "no prefecture column found among {shown}: name it 'adcode', 'prefecture', 'name', '地区', "
        "'市州' or '城市'",
        "zh": "在 {shown} 中找不到市州列：请将其命名为“地区”“市州”“城市”、adcode、prefecture 或 name",
    },
    "duplicate_header": {
        "en": "two columns have the same header: rename one",
        "zh": "两列的表头相同：请重命名其中一列",
    },
    "columns_unclear": {
        "en": "could not interpret the table's columns: use the long or the wide layout",
        "zh": "无法识别表格的列：请使用长表或宽表格式",
    },
    "text_long": {
        "en": "the text is {n:,} characters long; the limit is {limit}",
        "zh": "文字长 {n:,} 个字符，上限为 {limit}",
    },
    "empty_indicator": {"en": "empty indicator name", "zh": "指标名称为空"},
    "bad_year": {"en": "{year!r} is not a year such as 2020", "zh": "{year!r} 不是年份（如 2020）"},
    "number_huge": {
        "en": "{value!r} is beyond any plausible statistic (more than 10^15 in magnitude): "
        "check the cell, or give the value in a larger unit (万, 亿)",
        "zh": "{value!r} 超出任何合理统计值的范围（绝对值大于 10^15）："
        "请检查该单元格，或改用更大的单位（万、亿）",
    },
    "not_number": {
        "en": "{value!r} is not a number (use digits such as 1234.5, 1,234 or 12.5%)",
        "zh": "{value!r} 不是数字（请使用 1234.5、1,234 或 12.5% 这样的数字）",
    },
    "duplicate_value": {
        "en": "prefecture {area} has more than one value for year {year}",
        "zh": "市州 {area} 在 {year} 年有不止一个值",
    },
    "no_rows": {"en": "the table has no data rows", "zh": "表格没有数据行"},
    "mixed_levels": {
        "en": "the table mixes prefectures and counties (e.g. {examples}): upload one level per table",
        "zh": "表中市州与县区混在一起（如 {examples}）：每个表只放一个层级",
    },
    # notes: the table was read, with these remarks
    "title_skipped": {
        "en": "rows {first} to {last}: read as the table's title, not as data",
        "zh": "第 {first} 至 {last} 行作为表格标题，未作数据读取",
    },
    "two_header_rows": {
        "en": "rows {first} and {second}: read as one header (years under the indicator above them)",
        "zh": "第 {first} 行和第 {second} 行合为表头（年份在其上方的指标之下）",
    },
    "footnote_skipped": {"en": "a footnote, not data: skipped", "zh": "脚注，非数据：已跳过"},
    "source_from_footnote": {
        "en": "values without a source of their own cite the footnote's source: {source}",
        "zh": "未注明来源的数值采用脚注所列来源：{source}",
    },
    "named_by_title": {
        "en": "the value columns name only years: the indicator was named after the title, {name!r}",
        "zh": "数值列只写了年份：指标按表格标题命名为 {name!r}",
    },
    "same_as_bundled": {
        "en": "{name!r} has the same values as the app's own indicator of that name: not added again",
        "zh": "“{name}”与本应用自带的同名指标数值相同：未重复载入",
    },
    "named_by_file": {
        "en": "the value columns name only years: the indicator was named after the file, {name!r}",
        "zh": "数值列只写了年份：指标按文件名命名为 {name!r}",
    },
    "units_scaled": {
        "en": "values given in {units} were converted to {unit}",
        "zh": "以 {units} 表示的数值已换算为 {unit}",
    },
    "total_skipped": {
        "en": "{name!r} is a total, not an area: skipped",
        "zh": "{name!r} 是合计，不是地区：已跳过",
    },
    "total_matches": {
        "en": "{name!r} is a total, not an area: skipped; it matches the sum of the areas "
        "({total:,g} vs {sum:,g})",
        "zh": "{name!r} 是合计，不是地区：已跳过；与各地区之和一致（{total:,g} 对 {sum:,g}）",
    },
    "total_differs": {
        "en": "{name!r} is a total, not an area: skipped; the areas add up to {sum:,g}, {gap:.1f} % off its "
        "{total:,g} (areas missing, or values that do not add up)",
        "zh": "{name!r} 是合计，不是地区：已跳过；各地区之和为 {sum:,g}，与合计 {total:,g} 相差 {gap:.1f}%"
        "（缺少地区，或数值不可相加）",
    },
    "no_value": {"en": "no value: treated as missing", "zh": "无数值：按缺失处理"},
    "text_column": {
        "en": "column {header!r} holds text, not numbers: left out",
        "zh": "“{header}”列为文字而非数字：未读取",
    },
    "year_from_title": {
        "en": "columns without a year of their own: year {year}, read from the table's title",
        "zh": "未注明年份的列：按表格标题取 {year} 年",
    },
    "year_from_sheet": {
        "en": "columns without a year of their own: year {year}, read from the sheet's name",
        "zh": "未注明年份的列：按工作表名取 {year} 年",
    },
    "year_from_file": {
        "en": "columns without a year of their own: year {year}, read from the file's name",
        "zh": "未注明年份的列：按文件名取 {year} 年",
    },
    "year_from_given": {
        "en": "columns without a year of their own: year {year}, as given (--year)",
        "zh": "未注明年份的列：按指定年份（--year）取 {year} 年",
    },
    "no_year": {
        "en": "no year given: values are shown as 'year not given'",
        "zh": "未给出年份：数值显示为“未注明年份”",
    },
    "no_source": {
        "en": "no source given: values are shown as 'uploaded, no source'",
        "zh": "未给出来源：数值显示为“上传，无来源”",
    },
    # names (geo.data.names)
    "unknown_prefecture": {
        "en": "unknown prefecture {name!r}: use a name such as 成都市, 成都, Chengdu or 510100",
        "zh": "未知市州 {name!r}：请使用 成都市、成都、Chengdu 或 510100 这样的名称",
    },
    "unknown_prefecture_hint": {
        "en": "unknown prefecture {name!r}: did you mean {hint}?",
        "zh": "未知市州 {name!r}：是否指 {hint}？",
    },
    "county_code": {
        "en": "{name!r} is a county-level code, not a prefecture; its prefecture is {parent}",
        "zh": "{name!r} 是县级代码而非市州代码；所属市州为 {parent}",
    },
    "unknown_prefecture_code": {
        "en": "unknown prefecture code {name!r}: Sichuan's prefecture adcodes are 6 digits from 510100 to "
        "513400 (e.g. 510100 for 成都市)",
        "zh": "未知市州代码 {name!r}：四川市州行政区划代码为 510100 至 513400 的 6 位数字"
        "（如成都市为 510100）",
    },
    "unknown_county": {
        "en": "unknown county {name!r}: use a name such as 武侯区, 武侯 or 510107",
        "zh": "未知县区 {name!r}：请使用 武侯区、武侯 或 510107 这样的名称",
    },
    "unknown_county_hint": {
        "en": "unknown county {name!r}: did you mean {hint}?",
        "zh": "未知县区 {name!r}：是否指 {hint}？",
    },
    "unknown_county_code": {
        "en": "unknown county code {name!r}: Sichuan's county adcodes start with 51",
        "zh": "未知县区代码 {name!r}：四川县级行政区划代码以 51 开头",
    },
    "ambiguous_county": {
        "en": "{name!r} names more than one county ({options}): use the adcode",
        "zh": "{name!r} 对应多个县区（{options}）：请使用行政区划代码",
    },
}
_OR = {"en": " or ", "zh": " 或 "}
_WHERE = {
    "en": {
        "row": "row {row}",
        "column": "column {column!r}",
        "cell": "cell {cell}",
        "sep": ", ",
        "then": ": ",
    },
    "zh": {
        "row": "第 {row} 行",
        "column": "{column!r} 列",
        "cell": "单元格 {cell}",
        "sep": "，",
        "then": "：",
    },
}


def message(code: str, lang: str = "en", **params) -> str:
    """The message ``code`` in ``lang`` ("zh" or "en") with its parameters filled in (a list
    parameter is a set of alternatives: "A or B")."""
    params = {k: either(v, lang) if isinstance(v, list) else v for k, v in params.items()}
    return MESSAGES[code]["zh" if lang == "zh" else "en"].format(**params)


def either(options: list[str], lang: str = "en") -> str:
    """``options`` joined as alternatives ("A or B" / "A 或 B")."""
    return _OR["zh" if lang == "zh" else "en"].join(options)


# The roles of a table's columns, named in the reader's language when a message points at one.
ROLES = {
    "prefecture": "地区",
    "indicator": "指标",
    "year": "年份",
    "value": "数值",
    "unit": "单位",
    "source": "来源",
    "note": "说明",
}


_LETTERS = re.compile(r"[A-Z]{1,3}")


def located(place: str, what: str, lang: str = "en") -> str:
    """``what`` prefixed by its ``place`` in the table (``where``), if any."""
    return f"{place}{_WHERE['zh' if lang == 'zh' else 'en']['then']}{what}" if place else what


def where(row: int | None, column: str | None, lang: str = "en") -> str:
    """A place in a table: "row 7, column 'GDP'" / "第 7 行，'GDP' 列" ("" when neither is known);
    a column given by its role (``ROLES``) is named in ``lang``."""
    words = _WHERE["zh" if lang == "zh" else "en"]
    if row and column and _LETTERS.fullmatch(column):  # a spreadsheet cell: B7
        return words["cell"].format(cell=f"{column}{row}")
    if lang == "zh" and column in ROLES:
        column = ROLES[column]
    parts = [words["row"].format(row=row)] if row else []
    parts += [words["column"].format(column=column)] if column else []
    return words["sep"].join(parts)
