"""The 民情转办 sheet from plain rows: headers, cells, the 逾期 rule and the cell-safety rules."""

from datetime import date, datetime
from io import BytesIO

from openpyxl import Workbook

from legislink.reports.requests import (
    REQUEST_HEADERS,
    REQUESTS_SHEET,
    RequestRow,
    state_word,
    write_requests_sheet,
)

from .helpers import read_back, values

TODAY = date(2025, 6, 10)
FORMULA_LOOKALIKES = ['=HYPERLINK("http://x","y")', "+8613800138000", "-1 分", "@SUM(A1)", "\t缩进", "#N/A"]


def _row(**overrides) -> RequestRow:
    base = {"receipt": "YW2506010001", "matter": "幸福路12号路灯不亮，晚上出行不便。", "department": "稠城街道办事处",
            "assigned_on": date(2025, 6, 1), "due_on": date(2025, 6, 16), "state": "pending"}
    return RequestRow(**(base | overrides))


def _book(rows, today=TODAY) -> bytes:
    workbook = Workbook(write_only=True)
    write_requests_sheet(workbook, rows, today)
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_the_header_is_the_one_report_format_gives():
    assert REQUEST_HEADERS == ("序号", "回执编号", "反映事项", "承办单位", "转办日期", "办理期限", "办理状态",
                               "答复内容", "答复日期")


def test_each_request_is_one_row_cell_by_cell():
    rows = [
        _row(),
        _row(receipt="YW2506010002", matter="夜市摊位占道，噪音到半夜。", department="市综合行政执法局",
             state="in_progress", due_on=date(2025, 6, 10)),
        _row(receipt="YW2506010003", matter="小区门口垃圾桶满溢。", state="done", due_on=date(2025, 6, 5),
             reply="已增加清运频次，每日两次。", replied_on=date(2025, 6, 4)),
        _row(receipt="YW2506010004", matter="楼道堆物。", state="pending", due_on=date(2025, 6, 9)),
        _row(receipt="YW2506010005", matter="公园健身器材损坏。", state="done", due_on=date(2025, 6, 3),
             reply="已修复。", replied_on=date(2025, 6, 8)),
    ]
    ws = read_back(_book(rows))[REQUESTS_SHEET]
    got = values(ws)
    assert got[0] == REQUEST_HEADERS
    assert got[1] == (1, "YW2506010001", "幸福路12号路灯不亮，晚上出行不便。", "稠城街道办事处",
                      datetime(2025, 6, 1), datetime(2025, 6, 16), "待办", None, None)
    # Due today is not overdue yet.
    assert got[2][4:7] == (datetime(2025, 6, 1), datetime(2025, 6, 10), "办理中")
    assert got[3] == (3, "YW2506010003", "小区门口垃圾桶满溢。", "稠城街道办事处", datetime(2025, 6, 1),
                      datetime(2025, 6, 5), "已办结", "已增加清运频次，每日两次。", datetime(2025, 6, 4))
    assert got[4][6] == "逾期"
    # Done late is still 已办结: 逾期 is about open requests.
    assert got[5][6] == "已办结"
    assert len(got) == 6
    assert ws["E2"].number_format == "yyyy-mm-dd"
    assert ws["I4"].number_format == "yyyy-mm-dd"
    assert ws.freeze_panes == "A2"
    assert ws.print_title_rows == "$1:$1"


def test_overdue_is_measured_from_the_day_given():
    assert state_word("pending", date(2025, 6, 9), date(2025, 6, 9)) == "待办"
    assert state_word("pending", date(2025, 6, 9), date(2025, 6, 10)) == "逾期"
    assert state_word("in_progress", date(2025, 6, 9), date(2025, 6, 10)) == "逾期"
    assert state_word("done", date(2025, 6, 9), date(2025, 6, 10)) == "已办结"


def test_text_that_looks_like_a_formula_stays_text_and_control_characters_go():
    rows = [_row(receipt=f"R{n}", matter=text, reply=text, department="街道\x07办\x00") for n, text in
            enumerate(FORMULA_LOOKALIKES)]
    ws = read_back(_book(rows))[REQUESTS_SHEET]
    for n, text in enumerate(FORMULA_LOOKALIKES, 2):
        for column in "CH":
            cell = ws[f"{column}{n}"]
            assert cell.data_type == "s", (column, text)
            assert cell.value == text
            assert cell.quotePrefix
        assert ws[f"D{n}"].value == "街道办"


def test_no_requests_no_sheet():
    workbook = Workbook(write_only=True)
    write_requests_sheet(workbook, [], TODAY)
    assert workbook.sheetnames == []
