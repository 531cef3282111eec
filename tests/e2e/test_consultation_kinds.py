"""Before and after the draft, in a browser: a resident proposes a law on the open call for
proposals and comments on an article of a law in force under evaluation; staff open a call
and record a proposal collected at a symposium. Each ends on a receipt that shows what was sent."""

import re

import pytest
from playwright.sync_api import expect

from .helpers import RECEIPT_CODE, success

pytestmark = pytest.mark.e2e


def test_a_resident_proposes_a_law_and_the_receipt_shows_the_proposal(live_server, page):
    page.goto(live_server + "/")
    card = page.locator(".consultation").filter(has_text="立项建议征集")
    expect(card.locator(".badge.kind")).to_contain_text("立法前")
    expect(card).to_contain_text("截止日期")
    card.get_by_role("link", name="阅读并提出建议").click()
    expect(page.locator("h1")).to_contain_text("立法项目建议征集")
    expect(page.locator(".intro")).to_contain_text("公开征集地方性法规立法项目建议")

    # Sent without its necessity: told so, and nothing typed is lost.
    page.get_by_label("建议项目名称").fill("社区电动自行车充电设施建设管理规定")
    page.get_by_role("button", name="提交我的建议").click()
    expect(page.locator(".error-summary")).to_contain_text("请说明为什么需要这项法规。")
    expect(page.get_by_label("建议项目名称")).to_have_value("社区电动自行车充电设施建设管理规定")

    page.get_by_label("立法必要性").fill("新小区没有配建充电设施，住户只好把车推进电梯回家充电。")
    page.get_by_label("主要内容（选填）").fill("规定新建小区按车位比例配建充电设施。")
    page.get_by_label("您的身份").select_option(label="居民")
    page.get_by_role("button", name="提交我的建议").click()

    expect(success(page)).to_be_visible()
    assert RECEIPT_CODE.fullmatch(page.locator(".receipt-code .code").inner_text())
    expect(page.locator(".facts")).to_contain_text("立项建议征集")
    expect(page.locator(".proposal-title")).to_have_text("社区电动自行车充电设施建设管理规定")
    expect(page.locator(".proposal-necessity")).to_contain_text("推进电梯回家充电")
    expect(page.locator(".proposal-content")).to_contain_text("按车位比例配建充电设施")


def test_a_resident_comments_on_an_article_of_a_law_in_force(live_server, page):
    page.goto(live_server + "/")
    card = page.locator(".consultation").filter(has_text="立法后评估")
    expect(card.locator(".badge.kind")).to_contain_text("立法后")
    card.get_by_role("link", name="阅读法规并提意见").click()
    expect(page.locator(".evaluation-note")).to_contain_text("这是现行有效的法规，不是草案")

    page.locator("#a9").get_by_role("link", name="对本条提意见").click()
    expect(page.locator("h1")).to_have_text("对第九条的意见")
    page.get_by_label("实施中的问题").fill("晚上在河边步道遛狗不牵绳的很多，跑步时经常被追。")
    page.get_by_label("修改完善建议（选填）").fill("在步道入口设置提示牌，并公布举报电话。")
    page.get_by_role("button", name="提交意见").click()

    expect(success(page)).to_be_visible()
    expect(page.locator(".facts")).to_contain_text("第九条")
    expect(page.locator(".facts")).to_contain_text("示例市文明养犬管理规定")
    body = page.locator(".comment-body")
    expect(body).to_contain_text("实施中的问题")
    expect(body).to_contain_text("遛狗不牵绳")
    expect(body).to_contain_text("在步道入口设置提示牌")


def test_staff_open_a_call_and_record_a_proposal_from_a_symposium(live_server, open_page):
    staff = open_page("office")
    staff.goto(live_server + "/staff/")
    staff.get_by_role("link", name="发起立项建议征集").click()
    staff.get_by_role("textbox", name="名称", exact=True).fill("示例市2028年度立法项目建议征集（测试）")
    staff.get_by_label("征集说明").fill("请提出需要制定或者修改的法规项目。")
    staff.get_by_role("button", name="发起征集").click()
    expect(success(staff)).to_contain_text("立项建议征集已设置")
    expect(staff.locator("h1")).to_have_text("示例市2028年度立法项目建议征集（测试）")

    staff.get_by_role("link", name="录入线下意见").click()
    staff.get_by_label("收集方式").select_option(label="座谈会")
    staff.get_by_role("combobox", name="联络站", exact=True).select_option(label="稠城街道联络站")
    staff.get_by_label("建议项目名称").fill("农贸市场活禽交易管理规定")
    staff.get_by_label("立法必要性").fill("座谈会上商户反映活禽交易点位混乱，卫生隐患大。")
    staff.get_by_role("button", name="录入").click()
    expect(success(staff)).to_be_visible()
    code = staff.locator(".code").inner_text()
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", code)

    resident = open_page()
    resident.goto(live_server + "/receipts/" + code.replace("-", ""))
    expect(resident.locator(".proposal-title")).to_have_text("农贸市场活禽交易管理规定")
    expect(resident.locator(".facts")).to_contain_text("示例市2028年度立法项目建议征集（测试）")
