"""Liaison staff at a desk (issue 6): an offline comment with its slip, the Excel import refused then
accepted, spam set aside in bulk, the analysis, groups merged and summarised, one-key moderation."""

import re
from datetime import date, timedelta

import openpyxl
import pytest
from playwright.sync_api import Page, expect

from .helpers import (
    DEMO_CONSULTATION,
    DEMO_DRAFT,
    DEMO_TITLE,
    LONG_RUN_MS,
    RECEIPT_CODE,
    matching_count,
    sign_in,
    success,
    workbook,
    xlsx_bytes,
)

pytestmark = pytest.mark.e2e

SYMPOSIUM = "三区经营户座谈会"
IMPORTED = [
    ("第十九条", f"{SYMPOSIUM}：双语标识的英文经常拼错，建议由外事部门统一审校后再制作。", "个体工商户"),
    ("第二十一条", f"{SYMPOSIUM}：小额出口报关手续还是太多，希望在市场里设一个代办窗口。", "企业"),
    ("第九十九条", f"{SYMPOSIUM}：投诉处理的结果要告诉投诉人，不能只说已转交。", "居民"),
]


def _queue(page: Page, base: str, consultation: int, text: str) -> None:
    page.goto(f"{base}/staff/consultations/{consultation}/comments")
    page.locator("summary").filter(has_text="筛选").click()
    page.get_by_label("内容包含").fill(text)
    # The filtered queue's script (select-all) runs once the page has loaded, as a person finds it.
    with page.expect_navigation():
        page.get_by_role("button", name="筛选", exact=True).click()


def _filled_template(template: openpyxl.Workbook, rows) -> bytes:
    sheet = template["意见录入"]
    for offset, (article, text, identity) in enumerate(rows, start=2):
        sheet.cell(offset, 1, article)
        sheet.cell(offset, 2, text)
        sheet.cell(offset, 6, identity)
        sheet.cell(offset, 7, "稠城街道联络站")
        sheet.cell(offset, 9, "座谈会")
        sheet.cell(offset, 10, date.today() - timedelta(days=2))
    return xlsx_bytes(template)


def _record_offline_comment(page: Page) -> str:
    page.get_by_label("收集方式").select_option(label="走访")
    page.get_by_label("收集日期").fill((date.today() - timedelta(days=1)).isoformat())
    page.get_by_label("收集人").fill("信息员小周")
    page.get_by_label("条款").fill("第十一条")
    page.get_by_label("意见内容").fill("四区走访时听到：仓储配套服务收费很乱，希望开办者把收费项目贴在服务台。")
    page.get_by_label("身份").fill("摊主")  # as the person said it; counted as 个体工商户
    page.get_by_label("电话").fill("13957912345")
    page.get_by_label("同意联系告知处理结果").check()
    page.get_by_role("button", name="录入", exact=True).click()
    expect(success(page)).to_contain_text("请把回执编号交给提意见的人")
    expect(page.locator("h1")).to_have_text("意见回执")
    expect(page.locator(".facts")).to_contain_text("第十一条")
    expect(page.locator(".facts")).to_contain_text("走访")
    code = page.locator(".facts .code").inner_text()
    assert RECEIPT_CODE.fullmatch(code)
    return code


def _import_from_excel(page: Page, base: str) -> None:
    _queue(page, base, DEMO_CONSULTATION, "")
    before = matching_count(page)
    page.get_by_role("link", name="Excel 导入").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="下载模板").click()
    template = workbook(download.value)
    assert [c.value for c in template["意见录入"][1]][:2] == ["条款", "意见内容"]

    upload = page.get_by_label("填好的模板（.xlsx）")
    upload.set_input_files({"name": "座谈会记录.xlsx", "mimeType": "application/octet-stream",
                            "buffer": _filled_template(template, IMPORTED)})
    page.get_by_role("button", name="检查并导入").click()
    problem = page.locator("table.problems tbody tr")
    expect(problem).to_have_count(1)
    expect(problem.locator("td").nth(0)).to_have_text("4")
    expect(problem.locator("td").nth(1)).to_have_text("条款")
    expect(problem.locator("td").nth(2)).to_contain_text("第九十九条")
    expect(page.locator(".error-summary")).to_be_visible()
    page.get_by_role("link", name="意见审核").click()
    assert matching_count(page) == before, "a refused file imported something"
    _queue(page, base, DEMO_CONSULTATION, SYMPOSIUM)
    expect(page.locator("table.queue tbody tr")).to_have_text("没有符合条件的意见。")

    page.get_by_role("link", name="Excel 导入").click()
    fixed = [*IMPORTED[:2], ("第二十四条", *IMPORTED[2][1:])]
    upload = page.get_by_label("填好的模板（.xlsx）")
    upload.set_input_files({"name": "座谈会记录.xlsx", "mimeType": "application/octet-stream",
                            "buffer": _filled_template(workbook(download.value), fixed)})
    page.get_by_role("button", name="检查并导入").click()
    expect(success(page)).to_contain_text("已导入 3 条意见")
    expect(page.locator("table.receipt-codes tbody tr")).to_have_count(3)
    _queue(page, base, DEMO_CONSULTATION, SYMPOSIUM)
    expect(page.locator("table.queue tbody tr")).to_have_count(3)
    expect(page.locator("table.queue")).to_contain_text("第二十四条")
    expect(page.locator("table.queue")).to_contain_text("座谈会")


def _spam_in_bulk(page: Page, base: str, resident: Page) -> None:
    for phone in ("13600001111", "13600002222"):
        resident.goto(f"{base}/drafts/{DEMO_DRAFT}/comment")
        resident.get_by_label("您的意见").fill(f"货架清仓大甩卖，全新不锈钢展示架一律五折，量大从优，电话{phone}。")
        resident.get_by_role("button", name="提交意见").click()
        expect(success(resident)).to_be_visible()
    _queue(page, base, DEMO_CONSULTATION, "货架清仓")
    expect(page.locator("table.queue tbody tr")).to_have_count(2)
    page.get_by_label("全选本页").check()
    page.get_by_label("操作", exact=True).select_option(label="标为垃圾信息")
    page.get_by_label("理由（记入操作日志）").fill("推销广告，与草案无关")
    page.get_by_role("button", name="对选中的意见执行").click()
    expect(success(page)).to_contain_text("2 条意见已处理")
    expect(page.locator("table.queue tbody .badge")).to_have_text(["垃圾信息", "垃圾信息"])
    expect(page.locator("table.queue tbody")).to_contain_text("推销广告，与草案无关")


def _audit_log_lists_the_spam(admin: Page, base: str) -> None:
    admin.goto(base + "/admin/audit")
    expect(admin.locator("h1")).to_have_text("操作日志")
    admin.get_by_label("操作", exact=True).fill("moderation.spam")
    admin.get_by_role("button", name="筛选", exact=True).click()
    entry = admin.locator("tbody tr").filter(has_text="推销广告，与草案无关")
    expect(entry).to_have_count(1)
    expect(entry).to_contain_text("e2e")
    expect(entry).to_contain_text("e2e 将 2 条意见标为垃圾信息。")


def _merge_and_summarise(page: Page, base: str) -> None:
    # The contact point's own staff: the analysis and the groups span every station's comments.
    page.goto(f"{base}/staff/consultations/{DEMO_CONSULTATION}/")
    page.get_by_role("link", name="意见归纳").click()
    # The click waits for the page the run answers with, as long as for the run (helpers.LONG_RUN_MS).
    page.get_by_role("button", name="开始分析").click(timeout=LONG_RUN_MS)
    expect(success(page)).to_contain_text("分析完成", timeout=LONG_RUN_MS)
    page.locator(".article-index").get_by_role("link", name="第八条", exact=True).click()
    cards = page.locator(".group-card")
    expect(cards.nth(1)).to_be_visible()
    count = cards.count()
    first, second = (cards.nth(i).get_attribute("id") for i in (0, 1))
    cards.nth(0).get_by_role("checkbox", name=re.compile(r"第八条 意见\d")).check()
    cards.nth(1).get_by_role("checkbox", name=re.compile(r"第八条 意见\d")).check()
    page.get_by_role("button", name="合并勾选的意见组").click()
    expect(success(page)).to_contain_text("意见组已合并")
    expect(cards).to_have_count(count - 1)
    merged = page.locator(f"#{first}, #{second}")
    expect(merged).to_have_count(1)
    group_id = merged.get_attribute("id")

    summary = "经营户普遍支持租金涨幅上限，同时建议把物业费等固定费用合并计算，并明确超出部分无效。"
    card = page.locator(f"#{group_id}")
    card.get_by_label("上报的意见归纳").fill(summary)
    card.get_by_role("button", name="保存").click()
    expect(success(page)).to_contain_text("已保存")
    page.reload()
    card = page.locator(f"#{group_id}")
    expect(card.get_by_label("上报的意见归纳")).to_have_value(summary)
    expect(card.locator(".group-head")).to_contain_text("已编辑")
    page.get_by_role("link", name="汇总上报").click()
    expect(page.locator("table.report-preview")).to_contain_text(summary)


def _accept_with_the_a_key(page: Page, base: str, resident: Page, consultation: int) -> None:
    resident.goto(base + "/")
    listed = resident.get_by_role("listitem").filter(has_text="电动自行车停放充电")
    listed.get_by_role("link", name="阅读并提意见").click()
    resident.locator("#a3").get_by_role("link", name="对本条提意见").click()
    expect(resident.locator("h1")).to_have_text("对第三条的意见")
    resident.get_by_label("您的意见").fill("楼道里充电太危险了，支持禁止，但小区里充电桩太少，要先把车棚建起来。")
    resident.get_by_role("button", name="提交意见").click()
    expect(success(resident)).to_be_visible()

    page.goto(f"{base}/staff/consultations/{consultation}/review")
    expect(page.locator(".review-text")).to_contain_text("楼道里充电太危险了")
    page.get_by_label("使用单键快捷键").check()  # off until turned on (WCAG 2.1.4)
    page.keyboard.press("a")
    expect(page.get_by_text("当前筛选条件下已没有待处理的意见")).to_be_visible()
    _queue(page, base, consultation, "楼道里充电太危险了")
    expect(page.locator("table.queue tbody .badge")).to_have_text("已受理")


def test_staff_record_import_moderate_and_organise_comments(live_server, open_page, accounts, premoderated):
    page = open_page()
    sign_in(page, live_server, *accounts["staff"])
    page.locator("section.card").filter(has_text=DEMO_TITLE).get_by_role("link", name="录入线下意见").click()
    expect(page.locator("h1")).to_have_text("录入线下收集的意见")
    code = _record_offline_comment(page)

    resident = open_page(viewport={"width": 390, "height": 844})
    resident.goto(f"{live_server}/receipts/{code}")
    expect(resident.locator(".comment-body")).to_contain_text("仓储配套服务收费很乱")

    _import_from_excel(page, live_server)
    _spam_in_bulk(page, live_server, resident)
    _audit_log_lists_the_spam(open_page("admin"), live_server)
    _merge_and_summarise(open_page("office"), live_server)
    _accept_with_the_a_key(page, live_server, resident, premoderated)
