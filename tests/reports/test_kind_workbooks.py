"""The workbooks of a call for proposals and of an evaluation, from plain rows to the file and back,
cell by cell against REPORT_FORMAT.md ("Before and after the draft"), on both ways the detail
sheet's body is written."""

from datetime import datetime
from io import BytesIO

import pytest

from legislink.reports import (
    ProposalDetail,
    ProposalEntry,
    build_proposal_summary_rows,
    sheetdata,
    write_evaluation_report,
    write_proposal_report,
)
from legislink.reports.rows import DETAIL_HEADERS, RowKind

from .helpers import read_back, sheet_xml, values

PROPOSAL_HEADER = ("序号", "建议项目名称", "立法必要性", "主要内容", "意见来源", "提出人数", "备注")
PROPOSAL_DETAIL = ("序号", "回执编号", "建议项目名称", "立法必要性", "主要内容", "身份", "联络站", "收集方式",
                   "提交时间", "建议分组", "状态")
EVALUATION_HEADER = ("序号", "条款", "现行条文", "实施中的问题", "修改完善建议", "意见来源", "提出人数", "备注")
FORMULA_LOOKALIKES = ['=HYPERLINK("http://x","y")', "+8613800138000", "-1 分", "@SUM(A1)", "\t缩进", "#N/A"]


@pytest.fixture(autouse=True, params=["spliced", "openpyxl"])
def body_path(request, monkeypatch):
    if request.param == "openpyxl":
        monkeypatch.setattr(sheetdata, "available", lambda: False)
    return request.param


def _proposal(**overrides) -> ProposalEntry:
    values = {"name": "电动自行车管理条例", "necessity": "楼道充电起火多。", "content": "集中充电。",
              "identity_counts": {"居民": 3, "个体工商户": 1}, "station_counts": {"稠城街道联络站": 2},
              "count": 4, "group": "7"}
    return ProposalEntry(**(values | overrides))


def _detail(**overrides) -> ProposalDetail:
    values = {"receipt": "YW2501010001", "title": "电瓶车停放充电的规定", "necessity": "电瓶车推进楼道充电。",
              "content": "", "identity": "居民", "station": "稠城街道联络站", "channel": "网上",
              "submitted_at": datetime(2025, 1, 2, 9, 30), "group": "7", "status": "已受理"}
    return ProposalDetail(**(values | overrides))


def _proposal_book(make_header, entries, details, **options):
    out = BytesIO()
    names = write_proposal_report(out, make_header(draft_title="2025年度立法项目建议征集"), entries, details,
                                  **options)
    return names, out.getvalue()


def test_the_proposal_summary_is_laid_out_row_by_row(make_header, body_path):
    rows = build_proposal_summary_rows(make_header(draft_title="2025年度立法项目建议征集"),
                                       [_proposal(name="养犬管理条例", count=2, group="8"), _proposal()])
    assert [r.kind for r in rows] == [RowKind.TITLE, RowKind.BANNER, RowKind.BANNER, RowKind.HEADER,
                                      RowKind.ENTRY, RowKind.ENTRY, RowKind.FOOTER]
    assert rows[0].values == ("2025年度立法项目建议征集立项建议汇总表",)
    assert rows[1].values == ("报送单位：义乌市人大常委会基层立法联系点　征求意见时间：2024年5月1日至2024年5月31日"
                              "　报送日期：2024年6月5日",)
    assert rows[2].values == ("共120人次参与，收到意见86条，整理形成意见2条",)
    assert rows[3].values == PROPOSAL_HEADER
    assert rows[4].values == (1, "电动自行车管理条例", "楼道充电起火多。", "集中充电。",
                              "居民3人；个体工商户1人；稠城街道联络站2人", 4, "")
    assert rows[5].values[:2] == (2, "养犬管理条例")
    assert rows[6].values == ("联系人：王晓　联系电话：0579-85123456",)


def test_the_proposal_workbook_reads_back_with_its_layout(make_header):
    names, data = _proposal_book(make_header, [_proposal(duplicate_count=2)], [_detail(), _detail(receipt="R2")])
    assert names == ["立项建议汇总表", "建议明细"]
    book = read_back(data)
    ws = book["立项建议汇总表"]
    rows = values(ws)
    assert rows[3] == PROPOSAL_HEADER
    assert rows[4][6] == "其中格式化重复意见2条"
    assert {"A1:G1", "A2:G2", "A3:G3", "A6:G6"} <= {str(r) for r in ws.merged_cells.ranges}
    assert ws["A1"].font.b
    assert ws["A1"].font.sz == 16
    assert ws["A1"].alignment.horizontal == "center"
    assert ws.freeze_panes == "A5"
    assert ws.print_title_rows == "$4:$4"
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.paperSize == 9
    assert ws.oddFooter.center.text == "第 &P 页 共 &N 页"
    assert sum(ws.column_dimensions[c].width for c in "ABCDEFG") <= 145
    assert ws["C5"].alignment.wrap_text
    assert ws["C5"].border.top.style == "thin"
    detail = book["建议明细"]
    rows = values(detail)
    assert rows[0] == PROPOSAL_DETAIL
    assert rows[1] == (1, "YW2501010001", "电瓶车停放充电的规定", "电瓶车推进楼道充电。", None, "居民",
                       "稠城街道联络站", "网上", datetime(2025, 1, 2, 9, 30), 1, "已受理")
    assert rows[2][:2] == (2, "R2")
    assert detail.freeze_panes == "A2"
    assert detail.print_title_rows == "$1:$1"


def test_proposal_details_continue_on_numbered_sheets(make_header):
    names, data = _proposal_book(make_header, [_proposal()], [_detail(receipt=f"R{n}") for n in range(5)],
                                 detail_row_limit=3)
    assert names == ["立项建议汇总表", "建议明细", "建议明细2", "建议明细3"]
    assert values(read_back(data)["建议明细3"]) == [PROPOSAL_DETAIL,
                                                   (5, "R4", *values(read_back(data)["建议明细"])[1][2:])]


def test_contact_columns_only_with_contact(make_header):
    details = [_detail(name="张三", phone="13800138000")]
    _, plain = _proposal_book(make_header, [_proposal()], details)
    assert values(read_back(plain)["建议明细"])[0] == PROPOSAL_DETAIL
    _, with_contact = _proposal_book(make_header, [_proposal()], details, with_contact=True)
    rows = values(read_back(with_contact)["建议明细"])
    assert rows[0] == (*PROPOSAL_DETAIL, "提出人", "联系电话")
    assert rows[1][-2:] == ("张三", "13800138000")


@pytest.mark.parametrize("text", FORMULA_LOOKALIKES)
def test_formula_lookalikes_are_stored_as_text(make_header, text):
    _, data = _proposal_book(make_header, [_proposal(name=text, necessity=text)], [_detail(title=text, content=text)])
    book = read_back(data)
    for cell in (book["立项建议汇总表"]["B5"], book["立项建议汇总表"]["C5"], book["建议明细"]["C2"],
                 book["建议明细"]["E2"]):
        assert cell.value == text
        assert cell.data_type == "s"
    assert "<f>" not in sheet_xml(data, 1)
    assert "<f>" not in sheet_xml(data, 2)


def test_control_characters_are_dropped_without_crashing(make_header):
    _, data = _proposal_book(make_header, [_proposal(name="养犬\x00管理\x1b条例")], [_detail(necessity="狗\x0b咬人")])
    book = read_back(data)
    assert book["立项建议汇总表"]["B5"].value == "养犬管理条例"
    assert book["建议明细"]["D2"].value == "狗咬人"


def test_extra_sheets_come_after_the_kinds_own(make_header):
    def requests_sheet(workbook):
        workbook.create_sheet("民情转办").append(["序号", "回执编号"])

    names, data = _proposal_book(make_header, [_proposal()], [_detail()], extra=[requests_sheet])
    assert names == ["立项建议汇总表", "建议明细", "民情转办"]
    assert values(read_back(data)["民情转办"]) == [("序号", "回执编号")]


def test_the_evaluation_workbook_reads_back_cell_by_cell(make_header, make_entry, make_detail):
    entries = [
        make_entry(article_label="第十二条", article_order=12, original_text="经营者应当公示价格。",
                   summary="", representative_text="价格公示执行不到位。", suggestion="增加处罚条款。", count=2,
                   group="g12"),
        make_entry(article_label=None, summary="条例总体执行良好。", count=1, group="g0"),
    ]
    out = BytesIO()
    names = write_evaluation_report(out, make_header(draft_title="义乌市市场管理条例"), entries,
                                    [make_detail(group="g12", suggestion="增加处罚条款。")])
    assert names == ["立法后评估意见汇总表", "意见明细"]
    book = read_back(out.getvalue())
    ws = book["立法后评估意见汇总表"]
    rows = values(ws)
    assert rows[0][0] == "《义乌市市场管理条例》实施情况评估意见汇总表"
    assert rows[2][0] == "共120人次参与，收到意见86条，整理形成意见2条（总体意见1条，逐条意见1条）"
    assert rows[3] == EVALUATION_HEADER
    assert rows[4][0] == "一、总体评价"
    assert rows[5] == (1, None, None, "条例总体执行良好。", None, "个体工商户2人；外籍商人1人", 1, None)
    assert rows[6][0] == "二、逐条意见"
    assert rows[7] == (2, "第十二条", "经营者应当公示价格。", "价格公示执行不到位。", "增加处罚条款。",
                       "个体工商户2人；外籍商人1人", 2, None)
    assert rows[8][0] == "联系人：王晓　联系电话：0579-85123456"
    assert {"A1:H1", "A5:H5", "A7:H7", "A9:H9"} <= {str(r) for r in ws.merged_cells.ranges}
    assert ws.freeze_panes == "A5"
    assert ws.print_title_rows == "$4:$4"
    detail = values(book["意见明细"])
    assert detail[0] == DETAIL_HEADERS
    assert detail[1][2] == "第十二条"
    assert detail[1][10] == 2  # the entry's 序号 in the summary
