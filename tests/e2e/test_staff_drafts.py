"""Staff bring a draft in (issue 3): upload a .txt of our own, check the parsed preview, store it,
open a consultation window, and residents find it on the public list."""

import pytest
from playwright.sync_api import expect

from .helpers import DATA, success

pytestmark = pytest.mark.e2e

TITLE = "示例市社区共享菜园管理办法（草案）"


def test_staff_import_a_draft_check_the_preview_and_open_it_for_comment(live_server, open_page):
    page = open_page("staff")
    page.goto(live_server + "/staff/")
    page.get_by_role("link", name="导入草案").click()
    expect(page.locator("h1")).to_have_text("导入草案")
    page.get_by_label("来源机关").fill("示例市民政局（测试）")
    expect(page.get_by_label("版本名称")).to_have_value("征求意见稿")
    # Written on a Chinese Windows PC: GB18030, the encoding such files often come in.
    text = (DATA / "community_garden_draft.txt").read_text("utf-8")
    page.get_by_label("文件（.txt 或 .docx）").set_input_files(
        {"name": "共享菜园办法.txt", "mimeType": "text/plain", "buffer": text.encode("gb18030")})
    page.get_by_role("button", name="预览").click()

    expect(page.locator("h1")).to_have_text("核对解析结果")
    expect(page.locator("#preview-summary")).to_have_text(TITLE)
    expect(page.locator(".stat").first).to_contain_text("8")
    toc = page.locator("section[aria-labelledby=preview-toc] tbody tr")
    expect(toc).to_have_count(3)
    expect(toc.nth(1)).to_contain_text("第二章 设立与认领")
    warning = page.locator("section[aria-labelledby=preview-warnings] tbody tr")
    expect(warning).to_have_count(1)
    expect(warning).to_contain_text("条文编号从第五条之一跳到第七条（应为第六条）")
    expect(page.locator(".article-lines li").filter(has_text="第五条之一")).to_contain_text("优先安排靠近出入口的地块")
    page.get_by_role("button", name="保存").click()

    expect(success(page)).to_contain_text("征求意见稿已保存，共 8 条")
    # The hard-wrapped paragraph of 第二条 reads as one paragraph.
    expect(page.locator("main")).to_contain_text("由居民认领地块、共同维护的种植场所")
    expect(page.locator("main")).to_contain_text("不得在菜园内搭建永久性建筑物")
    page.locator(".breadcrumbs").get_by_role("link", name=TITLE).click()
    page.get_by_role("link", name="设置征求意见期").click()
    page.get_by_label("报送联系人").fill("李红")
    page.get_by_role("button", name="开始征求意见").click()
    expect(success(page)).to_contain_text("征求意见稿的征求意见期已设置")
    window = page.get_by_role("table", name="征求意见期").locator("tbody tr")
    expect(window).to_contain_text("征求中")
    expect(window).to_contain_text("李红")

    resident = open_page(viewport={"width": 390, "height": 844})
    resident.goto(live_server + "/")
    listed = resident.get_by_role("listitem").filter(has_text=TITLE)
    expect(listed).to_contain_text("示例市民政局（测试）")
    listed.get_by_role("link", name="阅读并提意见").click()
    expect(resident.locator("h1")).to_contain_text(TITLE)
    expect(resident.locator("main")).to_contain_text("第五条之一")
    expect(resident.locator("main")).to_contain_text("行动不便的老年人和残疾人家庭")
