"""The offline-import template as staff download it."""

from io import BytesIO

from openpyxl import load_workbook

from legislink.reports import IMPORT_HEADERS, ArticleRef, read_import, template_bytes

from .helpers import import_row, values


def _workbook(choices, **options):
    return load_workbook(BytesIO(template_bytes(choices, **options)))


def test_the_header_row_is_exact(choices):
    ws = _workbook(choices)["意见录入"]
    assert values(ws)[0] == IMPORT_HEADERS == (
        "条款", "意见内容", "修改建议", "理由", "提出人", "身份", "联络站", "联系电话", "收集方式", "收集日期",
    )
    assert ws.freeze_panes == "A2"


def test_columns_have_widths_and_text_or_date_formats(choices):
    ws = _workbook(choices)["意见录入"]
    assert ws.column_dimensions["B"].width == 60
    assert ws.column_dimensions["A"].number_format == "@"
    assert ws.column_dimensions["H"].number_format == "@"
    assert ws.column_dimensions["J"].number_format == "yyyy-mm-dd"


def test_the_guide_sheet_explains_and_lists_the_allowed_values(choices):
    rows = values(_workbook(choices, max_rows=500)["填写说明"])
    text = "\n".join(str(row[0]) for row in rows if row[0])
    assert "只有“意见内容”必须填写" in text
    assert "500" in text
    header = rows.index(("身份", "联络站", "联络站编码", "收集方式"))
    listed = rows[header + 1:]
    assert [row[0] for row in listed] == ["居民", "个体工商户", "外籍商人", "律师"]
    assert [row[1:3] for row in listed[:2]] == [("稠城街道联络站", "CC01"), ("福田街道联络站", "FT02")]
    assert [row[3] for row in listed] == ["座谈会", "信件", "电话", "走访"]


def test_dropdowns_point_at_the_allowed_values(choices):
    workbook = _workbook(choices, max_rows=500)
    validations = {str(v.sqref): v for v in workbook["意见录入"].data_validations.dataValidation}
    assert set(validations) == {"F2:F501", "G2:G501", "I2:I501"}
    guide = workbook["填写说明"]
    for sqref, first_value in (("F2:F501", "居民"), ("G2:G501", "稠城街道联络站"), ("I2:I501", "座谈会")):
        validation = validations[sqref]
        assert validation.type == "list"
        sheet, cells = validation.formula1.split("!")
        assert sheet == "'填写说明'"
        start, end = cells.replace("$", "").split(":")
        assert guide[start].value == first_value
        assert guide[end].value is not None
    assert validations["G2:G501"].errorStyle == "warning"
    # 身份 offers the list and refuses nothing: 家长 or 外来务工人员 are written as said.
    assert not validations["F2:F501"].showErrorMessage
    assert validations["I2:I501"].errorStyle == "stop"


def test_no_dropdown_for_an_empty_list(choices):
    empty = type(choices)(identities=choices.identities, stations=choices.stations, channels=[])
    validations = _workbook(empty)["意见录入"].data_validations.dataValidation
    assert {str(v.sqref) for v in validations} == {"F2:F10001", "G2:G10001"}


def test_a_filled_in_template_reads_back(choices):
    workbook = _workbook(choices)
    workbook["意见录入"].append(import_row(条款="第十二条", 意见内容="建议增加公示期限。", 联络站="稠城街道联络站"))
    out = BytesIO()
    workbook.save(out)
    (row,) = read_import(out.getvalue(), choices=choices)
    assert (row.row, row.article, row.text, row.station_code) == (2, ArticleRef(12), "建议增加公示期限。", "CC01")


def test_a_call_for_proposals_has_a_template_of_its_own(choices):
    from legislink.reports import PROPOSAL_HEADERS, PROPOSALS

    data = template_bytes(choices, layout=PROPOSALS, max_rows=50)
    book = load_workbook(BytesIO(data))
    ws = book["建议录入"]
    assert values(ws)[0] == PROPOSAL_HEADERS == (
        "建议项目名称", "立法必要性", "主要内容", "提出人", "身份", "联络站", "联系电话", "收集方式", "收集日期")
    assert ws.column_dimensions["G"].number_format == "@"  # 联系电话 stays text
    guide = "\n".join(str(row[0]) for row in values(book["填写说明"]) if row[0])
    assert "“建议项目名称”和“立法必要性”必须填写" in guide
    assert "每个文件最多 50 条建议" in guide
    # The dropdowns sit on this template's own columns: 身份 E, 联络站 F, 收集方式 H.
    assert sorted(str(v.sqref) for v in ws.data_validations.dataValidation) == ["E2:E51", "F2:F51", "H2:H51"]
    # What it produces is what the reader takes back.
    ws.append(["电动自行车管理条例", "楼道充电隐患大，需要立规矩。", None, None, "居民", "稠城街道联络站", None,
               "座谈会"])
    out = BytesIO()
    book.save(out)
    (row,) = read_import(out.getvalue(), choices=choices, layout=PROPOSALS)
    assert (row.title, row.text, row.station_code, row.channel) == (
        "电动自行车管理条例", "楼道充电隐患大，需要立规矩。", "CC01", "座谈会")
