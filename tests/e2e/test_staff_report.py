"""The upward report (issue 7): the workbook staff download, read back as the legislature gets it,
and the record that it went, which the resident sees on their receipt."""

import re
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from .helpers import DEMO_CONSULTATION, DEMO_TITLE, LONG_RUN_MS, success, workbook

pytestmark = pytest.mark.e2e

SUMMARY_HEADER = ["序号", "条款", "草案原文", "修改意见（建议）", "理由及依据", "意见来源", "提出人数", "备注"]
DETAIL_HEADER = ["序号", "回执编号", "条款", "意见内容", "修改建议", "理由", "身份", "联络站", "收集方式", "提交时间",
                 "意见分组", "重复组", "状态"]
COMMENT = "联合检查要真正联合起来，今年我们摊位被不同部门查了五次，每次都要停下生意配合。"


def _record_by_phone(page: Page, base: str) -> str:
    page.goto(f"{base}/staff/consultations/{DEMO_CONSULTATION}/offline")
    page.get_by_label("收集方式").select_option(label="电话")
    page.get_by_label("收集日期").fill(date.today().isoformat())
    page.get_by_label("收集人").fill("信息员小王")
    page.get_by_label("条款").fill("第二十三条")
    page.get_by_label("意见内容").fill(COMMENT)
    page.get_by_role("button", name="录入", exact=True).click()
    expect(success(page)).to_be_visible()
    return page.locator(".facts .code").inner_text()


def _stage(receipt: Page, name: str):
    return receipt.locator(".timeline li").filter(has_text=name)


def test_staff_download_the_report_and_record_it_as_sent(live_server, open_page):
    page = open_page("staff")
    code = _record_by_phone(page, live_server)
    # The contact point's own staff run the analysis (it regroups every station's comments); a
    # station's staff see no button for it.
    page.goto(f"{live_server}/staff/consultations/{DEMO_CONSULTATION}/opinions/")
    expect(page.get_by_role("button", name="开始分析")).to_have_count(0)
    office = open_page("office")
    office.goto(f"{live_server}/staff/consultations/{DEMO_CONSULTATION}/opinions/")
    # The click waits for the page the run answers with, as long as for the run (helpers.LONG_RUN_MS).
    office.get_by_role("button", name="开始分析").click(timeout=LONG_RUN_MS)
    expect(success(office)).to_contain_text("分析完成", timeout=LONG_RUN_MS)
    page.goto(f"{live_server}/staff/consultations/{DEMO_CONSULTATION}/opinions/")

    receipt = open_page(viewport={"width": 390, "height": 844})
    receipt.goto(f"{live_server}/receipts/{code}")
    expect(_stage(receipt, "已整理")).to_have_class("done")
    expect(_stage(receipt, "已上报")).to_have_class("todo")

    page.get_by_role("link", name="汇总上报").click()
    expect(page.locator("h1")).to_have_text("汇总上报")
    with page.expect_download() as download:
        page.get_by_role("button", name="下载 .xlsx").click()
    assert download.value.suggested_filename == f"{DEMO_TITLE}-征求意见汇总表.xlsx"
    book = workbook(download.value)
    assert book.sheetnames[:3] == ["汇总表", "意见明细", "统计"]
    summary = book["汇总表"]
    assert summary["A1"].value == f"《{DEMO_TITLE}》征求意见汇总表"
    assert [cell.value for cell in summary[4]] == SUMMARY_HEADER
    details = book["意见明细"]
    assert [cell.value for cell in details[1]] == DETAIL_HEADER
    rows = {row[1]: row for row in details.iter_rows(min_row=2, values_only=True)}
    mine = rows[code.replace("-", "")]  # the sheet holds codes without the dashes of the printed slip
    assert mine[2] == "第二十三条"
    assert mine[3] == COMMENT
    assert mine[8] == "电话"
    assert mine[10], "the comment was grouped, so it names its opinion group"
    statistics = " ".join(str(v) for row in book["统计"].iter_rows(values_only=True) for v in row if v)
    assert "稠城街道联络站" in statistics

    page.get_by_label(re.compile("报告已经报送")).check()  # the confirmation the button asks for

    page.get_by_role("button", name="登记为已上报").click()
    expect(success(page)).to_contain_text("已登记上报")
    receipt.reload()
    expect(_stage(receipt, "已上报")).to_have_class("done")
